"""The Monitor demo's generator (revier/demo/monitor/generate.py): pure, seeded, biased like an online
panel, and calibrated so that the weighted headline shares are the published ones."""

import csv
import io
import json

import numpy as np
import pytest

from revier.demo.monitor import generate
from revier.monitor import weighting


@pytest.fixture(scope="module")
def spec():
    return generate.load_spec()


@pytest.fixture(scope="module")
def waves(spec):
    return {wave.year: wave for wave in generate.generate_all(spec)}


def rows(wave) -> list[dict]:
    return list(csv.DictReader(io.StringIO(wave.microdata.decode("utf-8"))))


def read_margins(wave) -> dict[str, weighting.Margin]:
    """The margins as the file gives them (read back, not taken from the generator)."""
    cells: dict[str, dict] = {}
    for row in csv.DictReader(io.StringIO(wave.margins.decode("utf-8"))):
        variables = generate.MARGINS[row["margin"]]
        cells.setdefault(row["margin"], {})[tuple(row[v] for v in variables)] = float(row["population"])
    return {name: weighting.Margin.build(name, generate.MARGINS[name], c) for name, c in cells.items()}


def weighted(wave) -> tuple[list[dict], np.ndarray]:
    """The wave read back from its files and weighted with its scheme (bounded raking, as the import does)."""
    data = rows(wave)
    sample = weighting.Sample.from_rows(data, ["district_code", "sex", "age_group", "education"])
    scheme = weighting.Scheme(name="demo", margins=wave.scheme, bounds=weighting.Bounds(*wave.bounds))
    return data, np.asarray(weighting.weight_wave(sample, read_margins(wave), scheme).weights)


def test_generate_wave_gives_the_same_bytes_for_the_same_seed(spec, waves):
    again = generate.generate_wave(spec, 2024)
    assert again == waves[2024]
    other_seed = generate.generate_wave({**spec, "seed": spec["seed"] + 1}, 2024)
    assert other_seed.microdata != waves[2024].microdata
    assert waves[2023].microdata != waves[2024].microdata


def test_generate_all_makes_six_waves_of_about_two_thousand(waves):
    assert sorted(waves) == [2020, 2021, 2022, 2023, 2024, 2025]
    sizes = {year: len(rows(wave)) for year, wave in waves.items()}
    assert 950 <= sizes[2020] <= 1050
    assert sizes[2024] == 2003
    assert all(1950 <= size <= 2050 for year, size in sizes.items() if year != 2020)
    data = rows(waves[2024])
    assert {row["district_code"] for row in data} == {d["code"] for d in generate.load_spec()["districts"]}
    assert min(row["interview_date"] for row in data) >= "2024-03-22"
    assert max(row["interview_date"] for row in data) <= "2024-04-05"
    assert len({row["resp_id"] for row in data}) == len(data)


def test_margins_add_up_to_the_same_total_and_follow_the_district_totals(spec, waves):
    margins = read_margins(waves[2024])
    totals = {name: margin.total for name, margin in margins.items()}
    assert len(set(totals.values())) == 1
    district = margins["district"].populations
    for d in spec["districts"]:
        share = spec["population"]["share_16_plus"][d["area"]]
        assert district[(d["code"],)] == pytest.approx(d["population"] * share, abs=1)
    # The official totals as stated: Stadt Leipzig the largest, Altenburger Land the smallest district.
    assert max(district, key=district.get) == ("14713",) and min(district, key=district.get) == ("16077",)
    assert set(spec["scheme"]) <= set(margins)


def test_the_waves_are_biased_like_an_online_panel(spec, waves):
    margins = read_margins(waves[2024])
    total = margins["age_group"].total
    population_share = {
        "young": margins["age_group"].populations[("1",)] / total,
        "old": margins["age_group"].populations[("5",)] / total,
        "high": margins["education"].populations[("3",)] / total,
        "male": margins["sex"].populations[("1",)] / total,
        "city": sum(p for (code,), p in margins["district"].populations.items() if code in ("14713", "15002")) / total,
    }
    for wave in waves.values():
        data = rows(wave)
        n = len(data)
        assert sum(r["age_group"] == "1" for r in data) / n > population_share["young"] + 0.05
        assert sum(r["age_group"] == "5" for r in data) / n < population_share["old"] - 0.05
        assert sum(r["education"] == "3" for r in data) / n > population_share["high"] + 0.1
        assert sum(r["district_code"] in ("14713", "15002") for r in data) / n > population_share["city"] + 0.05
        assert sum(r["sex"] == "1" for r in data) / n > population_share["male"]


def test_weighted_shares_meet_the_published_figures_and_weighting_matters(spec, waves):
    checked = 0
    for year, wave in waves.items():
        data, weights = weighted(wave)
        for question in spec["questions"]:
            answers = [row[question["code"]] for row in data]
            overall = weighting.estimates(answers, weights, top_box=question["top_box"], missing=[9])[0]
            # Every wave's share as the spec sets it (the published figure where there is one) …
            assert overall.p * 100 == pytest.approx(question["shares"][year], abs=0.5), (year, question["code"])
            if year in question.get("published", {}):
                assert abs(overall.p * 100 - question["shares"][year]) <= 2
                checked += 1
        # … while the unweighted share of the Energiewende question is clearly off (weighting matters).
        answers = [row["energiewende"] for row in data]
        overall = weighting.estimates(answers, weights, top_box=[1, 2], missing=[9])[0]
        assert overall.p_unweighted - overall.p > 0.04
    assert checked >= 20
    published = {(q["code"], year): q["shares"][year] for q in spec["questions"] for year in q.get("published", {})}
    assert published[("energiewende", 2020)] == 61 and published[("energiewende", 2021)] == 55
    assert published[("energiewende", 2022)] == 52
    assert published[("persoenliche_situation", 2024)] == 73 and published[("persoenliche_situation", 2025)] == 72


def test_about_three_to_eight_percent_answer_dont_know(spec, waves):
    for wave in waves.values():
        data = rows(wave)
        for question in spec["questions"]:
            rate = sum(row[question["code"]] == "9" for row in data) / len(data)
            assert 0.02 <= rate <= 0.09, (wave.year, question["code"], rate)
        overall = np.mean([row[q["code"]] == "9" for row in data for q in spec["questions"]])
        assert 0.03 <= overall <= 0.08


def test_answers_use_every_code_of_the_scale_and_the_codebook_describes_them(spec, waves):
    wave = waves[2025]
    data = rows(wave)
    book = json.loads(wave.codebook)
    assert book["synthetic"] is True and book["notes"].startswith("Synthetische Beispieldaten")
    assert book["field_periods"] == {"2025": ["2025-03-21", "2025-04-04"]}
    assert "modelliert" in book["margins_source"] and "31.12.2023" in book["margins_source"]
    questions = {q["id"]: q for q in book["questions"]}
    assert list(questions) == [q["code"] for q in spec["questions"]]
    grades = questions["persoenliche_situation"]
    assert grades["top2_codes"] == [1, 2, 3] and grades["missing_codes"] == [9]
    assert grades["values"]["9"] == "weiß nicht / keine Angabe" and grades["headline_position"] == 1
    for code, question in questions.items():
        used = {row[code] for row in data}
        assert used == set(question["values"]), code
    for row in data[:50]:
        assert book["variables"]["state"]["values_by_district"][row["district_code"]] == row["state"]


def test_load_spec_refuses_an_unknown_key(tmp_path):
    text = generate.SPEC_PATH.read_text(encoding="utf-8").replace("    top_box_label: Zustimmung\n", "    top_box_lable: Zustimmung\n", 1)
    path = tmp_path / "survey.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="Frage energiewende: unbekannte Angabe top_box_lable"):
        generate.load_spec(path)


def test_main_writes_the_files_of_every_wave(tmp_path, capsys):
    generate.main([str(tmp_path)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2020", "2021", "2022", "2023", "2024", "2025"]
    assert sorted(p.name for p in (tmp_path / "2024").iterdir()) == ["codebook.json", "margins.csv", "microdata.csv"]
    assert (tmp_path / "2024" / "microdata.csv").read_bytes() == generate.generate_wave(generate.load_spec(), 2024).microdata
