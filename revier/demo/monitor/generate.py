"""Synthetic waves of the "Mitteldeutschland-Monitor (Demo)" in the Monitor's exchange format.

Pure (no database, no Django): `generate_wave(spec, year)` makes one wave's files in memory –
microdata.csv, codebook.json and margins.csv as bytes – from the spec in survey.yaml with numpy's
default_rng and a fixed seed, so the same spec gives the same bytes at every run.

How a wave is made:
1. Population: the districts' official totals, the modelled share aged 16+, age structure, share of
   men and education structure give the 16+ population of every cell district × sex × age group ×
   education (`population_table`); the margins of the weighting scheme are its sums, rounded to whole
   persons so that every margin adds up to the same total (`population_margins`).
2. Respondents: drawn from the cells with chances proportional to population × the panel's bias
   (too young, too educated, too urban, somewhat male), like an online access panel.
3. Weights: bounded raking over the scheme (revier.monitor.weighting, the code the import uses).
4. Answers: per question a latent attitude alpha + effects of age, education, area, sex (and district)
   + a logistic error, cut into the answer scale; "weiß nicht" drawn first with a rate that grows
   with age and low education. alpha is chosen so that the weighted top-box share among the valid
   answers is the spec's share for the wave (the published figure where there is one); because
   attitudes depend on the over-represented groups, the unweighted share differs.

`python -m revier.demo.monitor.generate OUT_DIR` writes the files of every wave to OUT_DIR/<year>/
(to try the staff upload with them).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from revier.monitor import weighting

SPEC_PATH = Path(__file__).resolve().parent / "survey.yaml"
AREAS = ("city", "suburban", "rural")
SEXES = ("1", "2")
AGE_GROUPS = ("1", "2", "3", "4", "5")
EDUCATIONS = ("1", "2", "3")
MARGIN_VARIABLES = ("district_code", "sex", "age_group", "education")
# Every margin the file offers (the scheme uses some of them), with the variables of its cells.
MARGINS = {
    "district": ("district_code",),
    "sex": ("sex",),
    "age_group": ("age_group",),
    "education": ("education",),
    "district_x_sex": ("district_code", "sex"),
}

SYNTHETIC_NOTE = ("Synthetische Beispieldaten: Keine echte Person hat geantwortet; die Antworten stammen aus einem "
                  "Modell, dessen gewichtete Anteile, wo veröffentlicht, denen des Mitteldeutschland-Monitors folgen.")

SPEC_KEYS = "survey seed universe mode quotas scheme bounds waves districts population panel_bias missing questions"
SURVEY_KEYS = "slug name synthetic publisher description"
WAVE_KEYS = "n field"
DISTRICT_KEYS = "code name state area population basis"
POPULATION_KEYS = ("reference_date margins_source share_16_plus age_groups age_structure age_span male_share sexes "
                   "educations education_descriptions education_structure education_high_shift")
BIAS_KEYS = "age_group education area sex"
MISSING_KEYS = "code label age_group education"
QUESTION_KEYS = ("code wording short scale answers top_box top_box_label topic headline cuts effects dont_know shares "
                 "published")
EFFECT_KEYS = "age_group education area sex district"


def _check_keys(spec: dict, allowed: str, where: str) -> None:
    unknown = sorted(set(spec) - set(allowed.split()))
    if unknown:
        raise ValueError(f"{where}: unbekannte Angabe {', '.join(map(str, unknown))} (bekannt sind: {allowed})")


def load_spec(path: Path | str = SPEC_PATH) -> dict:
    """The spec (survey.yaml), its keys checked: a typo stops with its name instead of being ignored."""
    with open(path, encoding="utf-8") as file:
        spec = yaml.safe_load(file)
    check_spec(spec)
    return spec


def check_spec(spec: dict) -> None:
    where = "monitor/survey.yaml"
    _check_keys(spec, SPEC_KEYS, where)
    _check_keys(spec["survey"], SURVEY_KEYS, f"{where}, survey")
    _check_keys(spec["population"], POPULATION_KEYS, f"{where}, population")
    _check_keys(spec["panel_bias"], BIAS_KEYS, f"{where}, panel_bias")
    _check_keys(spec["missing"], MISSING_KEYS, f"{where}, missing")
    for year, wave in spec["waves"].items():
        _check_keys(wave, WAVE_KEYS, f"{where}, Welle {year}")
    for district in spec["districts"]:
        _check_keys(district, DISTRICT_KEYS, f"{where}, Gebiet {district.get('code')}")
        if district["area"] not in AREAS:
            raise ValueError(f"{where}, Gebiet {district['code']}: area muss eines von {', '.join(AREAS)} sein.")
    for question in spec["questions"]:
        name = f"{where}, Frage {question.get('code')}"
        _check_keys(question, QUESTION_KEYS, name)
        _check_keys(question["effects"], EFFECT_KEYS, f"{name}, effects")
        if list(question["answers"]) != list(range(1, len(question["answers"]) + 1)):
            raise ValueError(f"{name}: answers braucht die Codes 1, 2, … in der Reihenfolge der Skala.")
        if len(question["cuts"]) != len(question["answers"]) - 1 or sorted(question["cuts"], reverse=True) != question["cuts"]:
            raise ValueError(f"{name}: cuts braucht eine fallende Schwelle zwischen je zwei Antworten.")
        missing = sorted(set(spec["waves"]) - set(question["shares"]))
        if missing:
            raise ValueError(f"{name}: shares fehlt für {', '.join(map(str, missing))}.")


# --- Population ----------------------------------------------------------------------------------


def population_table(spec: dict) -> np.ndarray:
    """The modelled 16+ population per cell: shape (districts, sexes, age groups, educations).
    Each district's cells add up to its total × its area's share aged 16+."""
    population = spec["population"]
    male = np.asarray(population["male_share"], dtype=float)
    sex_by_age = np.stack([male, 1 - male])  # (sex, age)
    base_education = np.asarray(population["education_structure"], dtype=float)  # (age, education)
    table = np.zeros((len(spec["districts"]), len(SEXES), len(AGE_GROUPS), len(EDUCATIONS)))
    for i, district in enumerate(spec["districts"]):
        area = district["area"]
        adults = district["population"] * population["share_16_plus"][area]
        age = np.asarray(population["age_structure"][area], dtype=float)
        age = age / age.sum()
        shift = population["education_high_shift"][area]
        education = base_education + np.array([0.0, -shift, shift])
        education = education / education.sum(axis=1, keepdims=True)
        table[i] = adults * sex_by_age[:, :, None] * age[None, :, None] * education[None, :, :]
    return table


def _round_to(values: np.ndarray, total: int) -> np.ndarray:
    """Whole numbers adding up to `total` (largest remainder), each within one of its value scaled."""
    scaled = values / values.sum() * total
    floors = np.floor(scaled).astype(np.int64)
    order = np.argsort(-(scaled - floors), kind="stable")
    floors[order[: total - floors.sum()]] += 1
    return floors


def population_margins(spec: dict) -> dict[str, dict[tuple[str, ...], int]]:
    """Every margin of MARGINS: {cell (codes in the order of its variables): persons aged 16+}. The
    districts' 16+ totals are rounded first; every margin adds up to their sum."""
    table = population_table(spec)
    codes = [district["code"] for district in spec["districts"]]
    district_totals = np.array([round(value) for value in table.sum(axis=(1, 2, 3))], dtype=np.int64)
    total = int(district_totals.sum())
    by_district_sex = np.stack([_round_to(table[i].sum(axis=(1, 2)), int(district_totals[i])) for i in range(len(codes))])
    margins = {
        "district": {(code,): int(value) for code, value in zip(codes, district_totals, strict=True)},
        "sex": {(sex,): int(value) for sex, value in zip(SEXES, by_district_sex.sum(axis=0), strict=True)},
        "age_group": {(age,): int(value) for age, value in
                      zip(AGE_GROUPS, _round_to(table.sum(axis=(0, 1, 3)), total), strict=True)},
        "education": {(education,): int(value) for education, value in
                      zip(EDUCATIONS, _round_to(table.sum(axis=(0, 1, 2)), total), strict=True)},
        "district_x_sex": {(code, sex): int(by_district_sex[i, j])
                           for i, code in enumerate(codes) for j, sex in enumerate(SEXES)},
    }
    assert all(sum(cells.values()) == total for cells in margins.values())
    return margins


def margins_csv(spec: dict) -> bytes:
    """margins.csv: `margin`, the cell's variables (empty where the margin does not use them), `population`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["margin", *MARGIN_VARIABLES, "population"])
    for name, cells in population_margins(spec).items():
        variables = MARGINS[name]
        for cell, population in cells.items():
            values = dict(zip(variables, cell, strict=True))
            writer.writerow([name, *(values.get(variable, "") for variable in MARGIN_VARIABLES), population])
    return out.getvalue().encode("utf-8")


# --- A wave --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedWave:
    """One wave's files in the exchange format (UTF-8) and the weighting scheme to import them with."""

    year: int
    microdata: bytes
    codebook: bytes
    margins: bytes
    scheme: tuple[str, ...]
    bounds: tuple[float, float]


@dataclass(frozen=True)
class _Respondents:
    district: np.ndarray  # index into spec["districts"]
    sex: np.ndarray  # index into SEXES
    age_group: np.ndarray
    education: np.ndarray
    area: np.ndarray  # index into AREAS

    @property
    def n(self) -> int:
        return self.district.size


def _draw_respondents(spec: dict, n: int, rng: np.random.Generator) -> _Respondents:
    """n respondents from the cells, with chances population × the panel's bias."""
    table = population_table(spec)
    bias = spec["panel_bias"]
    areas = np.array([AREAS.index(district["area"]) for district in spec["districts"]])
    area_bias = np.array([bias["area"][area] for area in AREAS])[areas]
    propensity = (area_bias[:, None, None, None] * np.asarray(bias["sex"], dtype=float)[None, :, None, None]
                  * np.asarray(bias["age_group"], dtype=float)[None, None, :, None]
                  * np.asarray(bias["education"], dtype=float)[None, None, None, :])
    chances = (table * propensity).ravel()
    cells = rng.choice(chances.size, size=n, p=chances / chances.sum())
    district, sex, age, education = np.unravel_index(cells, table.shape)
    return _Respondents(district=district, sex=sex, age_group=age, education=education, area=areas[district])


def _weights(spec: dict, people: _Respondents, margins: dict) -> np.ndarray:
    """The weights the import will compute: bounded raking over the scheme (same module, same data)."""
    codes = [district["code"] for district in spec["districts"]]
    sample = weighting.Sample.from_columns({
        "district_code": [codes[i] for i in people.district],
        "sex": [SEXES[i] for i in people.sex],
        "age_group": [AGE_GROUPS[i] for i in people.age_group],
        "education": [EDUCATIONS[i] for i in people.education],
    })
    built = {name: weighting.Margin.build(name, MARGINS[name], cells) for name, cells in margins.items()}
    lower, upper = spec["bounds"]
    scheme = weighting.Scheme(name="demo", margins=tuple(spec["scheme"]), bounds=weighting.Bounds(lower, upper))
    return np.asarray(weighting.weight_wave(sample, built, scheme).weights)


def _question_rng(spec: dict, year: int, code: str) -> np.random.Generator:
    # Keyed by the question's code, so adding or reordering questions leaves the others' answers alone.
    return np.random.default_rng([spec["seed"], year, zlib.crc32(code.encode("utf-8"))])


def _answers(spec: dict, question: dict, year: int, people: _Respondents, weights: np.ndarray) -> np.ndarray:
    """One question's answer codes (the missing code for "weiß nicht"), the weighted top-box share among
    the valid answers set to the wave's share."""
    rng = _question_rng(spec, year, question["code"])
    effects = question["effects"]
    missing = spec["missing"]
    codes = [district["code"] for district in spec["districts"]]
    district_effect = np.array([effects.get("district", {}).get(code, 0.0) for code in codes])
    effect = (np.asarray(effects["age_group"], dtype=float)[people.age_group]
              + np.asarray(effects["education"], dtype=float)[people.education]
              + np.array([effects["area"][area] for area in AREAS])[people.area]
              + np.asarray(effects["sex"], dtype=float)[people.sex]
              + district_effect[people.district])
    dont_know_rate = (question["dont_know"] * np.asarray(missing["age_group"], dtype=float)[people.age_group]
                      * np.asarray(missing["education"], dtype=float)[people.education])
    dont_know = rng.random(people.n) < dont_know_rate
    error = rng.logistic(size=people.n)

    # Respondent i answers in the top box when alpha > switch_i. Sorting the valid ones by switch_i,
    # the weighted top-box share for alpha between two neighbours is the share of the weights above:
    # take the alpha whose share is closest to the target (off by at most half a weight's share).
    cuts = np.asarray(question["cuts"], dtype=float)
    top_cut = cuts[len(question["top_box"]) - 1]
    valid = ~dont_know
    switch = top_cut - effect[valid] - error[valid]
    order = np.argsort(switch, kind="stable")
    w = weights[valid][order]
    share_below = np.concatenate([[0.0], np.cumsum(w)]) / w.sum()  # k lowest switches: in the top box
    target = question["shares"][year] / 100
    k = int(np.argmin(np.abs(share_below - target)))
    sorted_switch = switch[order]
    low = sorted_switch[k - 1] if k > 0 else sorted_switch[0] - 1.0
    high = sorted_switch[k] if k < sorted_switch.size else sorted_switch[-1] + 1.0
    alpha = (low + high) / 2

    latent = alpha + effect + error
    answers = 1 + (latent[:, None] <= cuts[None, :]).sum(axis=1)
    return np.where(dont_know, int(missing["code"]), answers)


def _ages(spec: dict, people: _Respondents, rng: np.random.Generator) -> np.ndarray:
    spans = np.array([spec["population"]["age_span"][age] for age in AGE_GROUPS])
    low, high = spans[people.age_group, 0], spans[people.age_group, 1]
    return low + np.floor(rng.random(people.n) * (high - low + 1)).astype(int)


def _interview_dates(field: list, people: _Respondents, rng: np.random.Generator) -> list[str]:
    start, end = field
    days = (end - start).days
    offsets = np.floor(rng.random(people.n) * (days + 1)).astype(int)
    return [(start + datetime.timedelta(days=int(offset))).isoformat() for offset in offsets]


def microdata_csv(spec: dict, year: int, people: _Respondents, answers: dict[str, np.ndarray],
                  ages: np.ndarray, dates: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    codes = list(answers)
    writer.writerow(["resp_id", "wave", "interview_date", "district_code", "district", "state", "urban", "sex", "age",
                     "age_group", "education", *codes])
    districts = spec["districts"]
    for i in range(people.n):
        district = districts[people.district[i]]
        writer.writerow([
            f"D{year}-{i + 1:05d}", year, dates[i], district["code"], district["name"], district["state"],
            1 if district["area"] == "city" else 0, SEXES[people.sex[i]], int(ages[i]), AGE_GROUPS[people.age_group[i]],
            EDUCATIONS[people.education[i]], *(int(answers[code][i]) for code in codes),
        ])
    return out.getvalue().encode("utf-8")


def codebook(spec: dict, year: int) -> dict:
    """codebook.json of one wave: the survey's description of the wave, the variables with their value
    labels, every question (wording, answers, top box, missing codes) and the districts."""
    population = spec["population"]
    wave = spec["waves"][year]
    missing = spec["missing"]
    start, end = wave["field"]
    return {
        "title": f"{spec['survey']['name']} {year} – Codebuch",
        "synthetic": bool(spec["survey"]["synthetic"]),
        "universe": spec["universe"],
        "mode": spec["mode"],
        "quotas": spec["quotas"],
        "notes": SYNTHETIC_NOTE,
        "field_periods": {str(year): [start.isoformat(), end.isoformat()]},
        "margins_source": " ".join(population["margins_source"].split()),
        "reference_date": population["reference_date"].isoformat(),
        "variables": {
            "resp_id": {"label": "Befragten-ID"},
            "wave": {"label": "Erhebungswelle (Jahr)"},
            "interview_date": {"label": "Interviewdatum (ISO)"},
            "district_code": {"label": "Gebietskörperschaft (AGS)",
                              "values": {d["code"]: d["name"] for d in spec["districts"]}},
            "district": {"label": "Gebietskörperschaft (Name)"},
            "state": {"label": "Bundesland", "values_by_district": {d["code"]: d["state"] for d in spec["districts"]}},
            "urban": {"label": "Kreisfreie Großstadt", "values": {"0": "nein", "1": "ja"}},
            "sex": {"label": "Geschlecht", "values": dict(population["sexes"])},
            "age": {"label": "Alter in Jahren"},
            "age_group": {"label": "Altersgruppe", "values": dict(population["age_groups"])},
            "education": {"label": "Schulbildung", "values": dict(population["educations"]),
                          "descriptions": dict(population["education_descriptions"])},
        },
        "questions": [
            {
                "id": question["code"],
                "text": " ".join(question["wording"].split()),
                "short": question["short"],
                "scale": question["scale"],
                "scale_points": len(question["answers"]),
                "values": {**{str(code): label for code, label in question["answers"].items()},
                           str(missing["code"]): missing["label"]},
                "missing_codes": [int(missing["code"])],
                "top2_codes": list(question["top_box"]),
                "top2_label": question["top_box_label"],
                "base": f"Befragte mit gültiger Angabe (Code {missing['code']} ausgeschlossen)",
                "topic": question.get("topic"),
                "headline_position": question.get("headline"),
                "comparable": True,
            }
            for question in spec["questions"]
        ],
        "districts": [
            {"code": d["code"], "name": d["name"], "state": d["state"], "population_2023_12_31": d["population"],
             "type": d["area"]}
            for d in spec["districts"]
        ],
    }


def generate_wave(spec: dict, year: int) -> GeneratedWave:
    """One wave's files; the same spec and year give the same bytes."""
    wave = spec["waves"][year]
    rng = np.random.default_rng([spec["seed"], year])
    people = _draw_respondents(spec, wave["n"], rng)
    ages = _ages(spec, people, rng)
    dates = _interview_dates(wave["field"], people, rng)
    margins = population_margins(spec)
    weights = _weights(spec, people, margins)
    answers = {question["code"]: _answers(spec, question, year, people, weights) for question in spec["questions"]}
    return GeneratedWave(
        year=year,
        microdata=microdata_csv(spec, year, people, answers, ages, dates),
        codebook=json.dumps(codebook(spec, year), ensure_ascii=False, indent=1).encode("utf-8"),
        margins=margins_csv(spec),
        scheme=tuple(spec["scheme"]),
        bounds=(float(spec["bounds"][0]), float(spec["bounds"][1])),
    )


def generate_all(spec: dict) -> tuple[GeneratedWave, ...]:
    return tuple(generate_wave(spec, year) for year in sorted(spec["waves"]))


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        raise SystemExit("Aufruf: python -m revier.demo.monitor.generate ZIELORDNER")
    spec = load_spec()
    for wave in generate_all(spec):
        folder = Path(argv[0]) / str(wave.year)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "microdata.csv").write_bytes(wave.microdata)
        (folder / "codebook.json").write_bytes(wave.codebook)
        (folder / "margins.csv").write_bytes(wave.margins)
        print(f"{folder}: {wave.year}, Gewichtung: {', '.join(wave.scheme)}")


if __name__ == "__main__":
    main()
