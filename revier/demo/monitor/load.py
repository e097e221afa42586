"""Loads the Monitor's demo survey: the "Mitteldeutschland-Monitor (Demo)" with its waves 2020–2025.

Each wave's files are made by generate.py from survey.yaml and go through the Monitor's own import
(`monitor.services.wave_import`: the checks, the weighting and the stored estimates are those of a real
upload) and are then published (`wave_publish`). Idempotent: a wave that is there with the spec's
number of respondents, field period and questions, and published, is left alone (nothing is generated
for it); one that differs is imported again in its place (`replace=True`), a draft is published.
"""

from __future__ import annotations

from dataclasses import dataclass

from revier.core.models import Topic
from revier.demo.files import demo_dir, read_yaml
from revier.demo.monitor.generate import generate_wave, load_spec
from revier.monitor import services as monitor_services
from revier.monitor.importing import UploadedFile, WaveFiles
from revier.monitor.models import Survey, Wave


@dataclass(frozen=True)
class MonitorLoadResult:
    survey: Survey
    imported: int = 0  # waves imported for the first time
    replaced: int = 0  # waves imported again because they differed from the spec
    published: int = 0  # drafts published without a new import
    unchanged: int = 0


def spec_path():
    return demo_dir() / "monitor" / "survey.yaml"


def _sync_survey(spec: dict) -> Survey:
    wanted = {"name": spec["name"], "synthetic": bool(spec["synthetic"]), "publisher": spec.get("publisher", ""),
              "description": " ".join(spec["description"].split())}
    survey = Survey.objects.filter(slug=spec["slug"]).first() or Survey(slug=spec["slug"])
    if survey.pk is None or any(getattr(survey, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(survey, name, value)
        survey.full_clean()
        survey.save()
    return survey


def _wave_matches(wave: Wave | None, spec: dict, year: int, question_codes: set[str]) -> bool:
    if wave is None:
        return False
    start, end = spec["waves"][year]["field"]
    have = set(wave.survey.questions.filter(estimates__wave=wave).values_list("code", flat=True).distinct())
    return (wave.n == spec["waves"][year]["n"] and wave.field_start == start and wave.field_end == end
            and have == question_codes and wave.respondents.count() == wave.n)


def _ensure_topics(spec: dict) -> None:
    """The questions' topics (topics.yaml; created again if staff removed one), before the import, which
    links each question to the topic its codebook names."""
    names = read_yaml("topics.yaml")
    for slug in dict.fromkeys(question["topic"] for question in spec["questions"] if question.get("topic")):
        Topic.objects.get_or_create(slug=slug, defaults={"name": names[slug], "position": 10 * list(names).index(slug)})


def load_monitor(stdout=None) -> MonitorLoadResult:
    """The demo survey and its six published waves (see the module's docstring)."""
    spec = load_spec(spec_path())
    survey = _sync_survey(spec["survey"])
    _ensure_topics(spec)
    question_codes = {question["code"] for question in spec["questions"]}
    counts = {"imported": 0, "replaced": 0, "published": 0, "unchanged": 0}
    for year in sorted(spec["waves"]):
        wave = Wave.objects.filter(survey=survey, year=year).select_related("survey").first()
        if _wave_matches(wave, spec, year, question_codes):
            if wave.status == Wave.Status.PUBLISHED:
                counts["unchanged"] += 1
            else:
                monitor_services.wave_publish(wave=wave, actor=None)
                counts["published"] += 1
            continue
        generated = generate_wave(spec, year)
        files = WaveFiles(
            microdata=UploadedFile(name="microdata.csv", content=generated.microdata),
            codebook=UploadedFile(name="codebook.json", content=generated.codebook),
            margins=UploadedFile(name="margins.csv", content=generated.margins),
        )
        # Two transactions (both services are durable): a wave left a draft is published by the next run.
        imported = monitor_services.wave_import(
            survey=survey, year=year, files=files, scheme=generated.scheme, bounds=generated.bounds, actor=None,
            replace=wave is not None,
        )
        monitor_services.wave_publish(wave=imported, actor=None)
        counts["replaced" if wave is not None else "imported"] += 1
    result = MonitorLoadResult(survey=survey, **counts)
    if stdout is not None:
        stdout.write(
            f"Monitor: „{survey.name}“ (synthetische Beispieldaten), {result.imported} Wellen importiert und "
            f"veröffentlicht, {result.replaced} neu importiert, {result.published} veröffentlicht, "
            f"{result.unchanged} unverändert."
        )
    return result
