"""Monitor writes: importing a wave (all or nothing: questions, districts, respondents with their weights
and the estimates of every question by every group), publishing and unpublishing it. Each writes an
audit entry in its transaction.

Reading, checking and weighting (``importing.read_wave``) and computing the estimates happen before the
transaction opens; the transaction only writes, so a failed check or an infeasible scheme writes nothing
and a long computation holds no lock.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Sequence

import numpy as np
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from revier.core.capacity import lock_key
from revier.core.errors import DomainError
from revier.core.models import Topic
from revier.core.services import audit_log
from revier.monitor import weighting
from revier.monitor.importing import CheckedWave, ImportProblem, WaveFiles, read_wave
from revier.monitor.importing.base import file_name
from revier.monitor.models import GROUP_VARS, Estimate, Question, Region, Respondent, Survey, Wave

RESPONDENT_BATCH = 2_000
# Addresses of the Monitor's own pages (urls.py): a survey named so could not be reached.
RESERVED_SLUGS = frozenset({"verwalten", "lesehilfe"})
ESTIMATE_BATCH = 1_000


class WaveImportInvalid(DomainError):
    """The files cannot be imported as they are; ``problems`` says what to correct (German)."""

    message = gettext_lazy("The wave cannot be imported. Please correct the files as the report says and try again.")

    def __init__(self, problems: Sequence[ImportProblem]):
        self.problems = tuple(problems)
        super().__init__()


class SurveyInvalid(DomainError):
    message = gettext_lazy("The survey's short name may contain only lower-case letters, digits and hyphens (e.g. "
                           "„mitteldeutschland-monitor“), its name at most 200 characters.")


@transaction.atomic(durable=True)
def survey_create(*, slug: str, name: str, actor, synthetic: bool = False) -> Survey:
    """A new survey (``slug`` in its addresses). Raises ``SurveyInvalid`` for a slug that is no lower-case
    slug or an empty or too long name; returns the existing survey when ``slug`` is taken."""
    slug, name = slug.strip(), " ".join(name.split())
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) or len(slug) > 80 or not name or len(name) > 200:
        raise SurveyInvalid()
    if slug in RESERVED_SLUGS:
        raise SurveyInvalid(_("The short name „%(slug)s“ is taken by a page of the Monitor. Please choose another "
                              "one.") % {"slug": slug})
    lock_key(f"monitor-survey:{slug}")
    survey, created = Survey.objects.get_or_create(slug=slug, defaults={"name": name, "synthetic": synthetic})
    if created:
        audit_log(actor=actor, action="survey_created", obj=survey, data={"slug": slug, "synthetic": synthetic})
    return survey


def _exists_problem(survey: Survey, year: int) -> ImportProblem:
    return ImportProblem(kind="wave_exists", message=_(
        "%(survey)s already has a wave %(year)s. Choose „replace“ to import it anew (its respondents and results "
        "are then replaced and it is no longer published), or enter another year."
    ) % {"survey": survey.name, "year": year})


def wave_import(*, survey: Survey, year: int, files: WaveFiles, scheme: Sequence[str],
                bounds: tuple[float, float] = (0.2, 5.0), actor, replace: bool = False,
                progress: Callable[[int, str], None] | None = None) -> Wave:
    """Imports one wave of ``survey`` from its files, weighted by ``scheme`` within ``bounds``: all or
    nothing. Raises ``WaveImportInvalid`` with the check's problems (nothing written) and when the survey
    has a wave of that year already, unless ``replace``: then that wave with its respondents and
    estimates is deleted and written anew in the same transaction. The new wave is a draft.

    Writes the questions of the codebook (new ones always; the wording, answers and top box of existing
    ones only when no later wave exists, so that importing an old wave does not undo a newer codebook),
    the districts, the wave (field period, mode, universe from the codebook; margins, scheme, bounds and
    the weighting report), every respondent with weight, and the estimates of every question overall and
    for each value of every group variable (``GROUP_VARS``), with the answers' distribution."""
    say = progress or (lambda percent, text: None)
    if not replace and Wave.objects.filter(survey=survey, year=year).exists():
        raise WaveImportInvalid((_exists_problem(survey, year),))
    checked = read_wave(year=year, files=files, scheme=scheme, bounds=bounds, progress=progress)
    if not checked.check.ok:
        raise WaveImportInvalid(checked.check.problems)
    say(65, _("Computing the results"))
    results = _results(checked)
    say(80, _("Saving the respondents and results"))
    with transaction.atomic(durable=True):
        lock_key(f"monitor-wave:{survey.pk}:{year}")
        existing = Wave.objects.filter(survey=survey, year=year).first()
        replaced = None
        if existing is not None:
            if not replace:
                raise WaveImportInvalid((_exists_problem(survey, year),))
            replaced = {"n": existing.n, "status": existing.status, "imported_at": existing.imported_at.isoformat()
                        if existing.imported_at else None}
            # Deleted by query: one statement each unless signal handlers listen (nothing cascades below them).
            Estimate.objects.filter(wave=existing).delete()
            Respondent.objects.filter(wave=existing).delete()
            existing.delete()
        if checked.codebook.synthetic and not survey.synthetic:
            survey.synthetic = True
            survey.save(update_fields=["synthetic"])
        latest = not Wave.objects.filter(survey=survey, year__gt=year).exists()
        questions = _store_questions(survey, checked, update=latest)
        _store_regions(checked)
        wave = Wave.objects.create(survey=survey, year=year, **_wave_fields(checked))
        _insert_respondents(wave, checked)
        Estimate.objects.bulk_create(
            (Estimate(wave=wave, question=questions[code], **fields) for code, rows in results.items() for fields in rows),
            batch_size=ESTIMATE_BATCH,
        )
        audit_log(actor=actor, action="wave_replaced" if replaced else "wave_imported", obj=wave, data={
            "survey": survey.slug, "year": year, "n": wave.n, "questions": len(questions), "scheme": wave.scheme,
            "bounds": [wave.bound_lower, wave.bound_upper], "files": [file_name(f) for f in (files.microdata, files.codebook, files.margins)],
            **({"replaced": replaced} if replaced else {}),
        })
    say(100, _("Import finished"))
    return wave


@transaction.atomic(durable=True)
def wave_publish(*, wave: Wave, actor) -> Wave:
    """Publishes the wave: its results appear on the public pages. Publishing a published wave changes nothing."""
    wave = Wave.objects.select_for_update().select_related("survey").get(pk=wave.pk)
    if wave.status != Wave.Status.PUBLISHED:
        wave.status = Wave.Status.PUBLISHED
        wave.save(update_fields=["status"])
        audit_log(actor=actor, action="wave_published", obj=wave, data={"survey": wave.survey.slug, "year": wave.year})
    return wave


@transaction.atomic(durable=True)
def wave_unpublish(*, wave: Wave, actor) -> Wave:
    """Takes the wave's results off the public pages (they stay stored). Unpublishing a draft changes nothing."""
    wave = Wave.objects.select_for_update().select_related("survey").get(pk=wave.pk)
    if wave.status != Wave.Status.DRAFT:
        wave.status = Wave.Status.DRAFT
        wave.save(update_fields=["status"])
        audit_log(actor=actor, action="wave_unpublished", obj=wave, data={"survey": wave.survey.slug, "year": wave.year})
    return wave


# ---------------------------------------------------------------------------------------------------
# What the import writes


def _wave_fields(checked: CheckedWave) -> dict:
    codebook = checked.codebook
    start, end = codebook.field_periods.get(str(checked.year), (None, None))
    margins = {
        name: {"variables": list(margin.variables),
               "cells": [[*cell, population] for cell, population in margin.populations.items()]}
        for name, margin in checked.margins.items()
    }
    labelled = [*GROUP_VARS, *(v for name in checked.scheme for v in checked.margins[name].variables if v not in GROUP_VARS)]
    labels = {}
    for variable in dict.fromkeys(labelled):
        if variable == "state":
            states = sorted({state for _name, state in checked.regions.values()})
            labels["state"] = {"label": codebook.variables.get("state", {}).get("label") or _("federal state"),
                               "values": {state: state for state in states}}
        elif variable in codebook.variables:
            labels[variable] = {"label": codebook.variables[variable]["label"], "values": dict(codebook.variables[variable]["values"])}
    return {
        "field_start": start, "field_end": end, "mode": codebook.mode[:200], "universe": codebook.universe,
        "quotas": codebook.quotas, "notes": codebook.notes, "margins_source": checked.margins_source,
        "n": len(checked.resp_ids), "bound_lower": checked.bounds[0], "bound_upper": checked.bounds[1],
        "margins": margins, "scheme": list(checked.scheme), "weighting_report": dict(checked.check.weighting),
        "variable_labels": labels, "imported_at": timezone.now(), "status": Wave.Status.DRAFT,
    }


def _store_questions(survey: Survey, checked: CheckedWave, *, update: bool) -> dict[str, Question]:
    existing = {question.code: question for question in Question.objects.filter(survey=survey)}
    topic_names = {spec.topic for spec in checked.codebook.questions if spec.topic}
    topics = {}
    if topic_names:
        for topic in Topic.objects.filter(slug__in=topic_names) | Topic.objects.filter(name__in=topic_names):
            topics[topic.slug] = topics[topic.name] = topic
    result = {}
    for position, spec in enumerate(checked.codebook.questions):
        fields = {
            "wording": spec.wording, "short_label": spec.short_label, "scale": spec.scale,
            "answer_labels": dict(spec.answer_labels), "top_box_codes": list(spec.top_box_codes),
            "top_box_label": spec.top_box_label, "missing_codes": list(spec.missing_codes), "position": position,
        }
        if spec.comparable is not None:
            fields["comparable"] = spec.comparable
        if spec.headline_position is not None:
            fields["headline_position"] = spec.headline_position
        if spec.topic in topics:
            fields["topic"] = topics[spec.topic]
        question = existing.get(spec.code)
        if question is None:
            question = Question.objects.create(survey=survey, code=spec.code, **fields)
        elif update and any(getattr(question, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(question, name, value)
            question.save(update_fields=list(fields))
        result[spec.code] = question
    return result


def _store_regions(checked: CheckedWave) -> None:
    existing = {region.code: region for region in Region.objects.filter(code__in=checked.regions)}
    new = []
    for code, (name, state) in checked.regions.items():
        region = existing.get(code)
        if region is None:
            new.append(Region(code=code, name=name, state=state))
        elif (region.name, region.state) != (name, state):
            region.name, region.state = name, state
            region.save(update_fields=["name", "state"])
    Region.objects.bulk_create(new)


def _json_objects(keys: list[str], columns: list) -> list[str]:
    """Per respondent the JSON text of {key: value} over its non-empty values, the way json.dumps writes
    the dict; each distinct (key, value) pair is serialised once and the objects are joined from them."""
    pieces = []
    for key, column in zip(keys, columns):
        written = {value: f"{json.dumps(key)}: {json.dumps(value)}" for value in set(column) if value is not None}
        pieces.append([written.get(value) for value in column])
    return ["{" + ", ".join(piece for piece in row if piece is not None) + "}" for row in zip(*pieces)]


def _insert_respondents(wave: Wave, checked: CheckedWave) -> None:
    """The respondents as plain INSERTs in batches (executemany), their JSON written from pieces: 20,000
    model instances through bulk_create cost seconds of per-field work. The rows are what JSONField
    writes (text on SQLite, jsonb on PostgreSQL)."""
    characteristics = _json_objects(list(checked.characteristics), list(checked.characteristics.values()))
    answers = _json_objects(list(checked.answers), list(checked.answers.values()))
    meta, quote = Respondent._meta, connection.ops.quote_name
    names = ", ".join(quote(meta.get_field(name).column) for name in ("wave", "resp_id", "characteristics", "answers", "weight"))
    json_value = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    sql = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES (%s, %s, {json_value}, {json_value}, %s)"
    rows = zip(itertools.repeat(wave.pk), checked.resp_ids, characteristics, answers, checked.weights.tolist())
    with connection.cursor() as cursor:
        while batch := list(itertools.islice(rows, RESPONDENT_BATCH)):
            cursor.executemany(sql, batch)


def _results(checked: CheckedWave) -> dict[str, list[dict]]:
    """The Estimate rows of every question (as field values): weighting.estimates overall and by each
    group variable, with each answer's unweighted count and weighted share of all answers in the group
    (missing codes included): {code: [n, share]}."""
    weights = checked.weights
    groups = weighting.Groups.build({variable: checked.characteristics[variable] for variable in GROUP_VARS})
    rows: dict[str, list[dict]] = {}
    for question in checked.codebook.questions:
        answers = weighting.Coded.build(checked.answers[question.code])
        shares = _distributions(answers, weights, list(question.answer_labels), groups)
        found = weighting.estimates(answers, weights, top_box=question.top_box_codes, missing=question.missing_codes,
                                    groups=groups)
        rows[question.code] = [
            {
                "group_var": estimate.group_var, "group_value": estimate.group_value or "", "n": estimate.n,
                "sum_w": estimate.sum_w, "p_unweighted": estimate.p_unweighted, "p": estimate.p, "n_eff": estimate.n_eff,
                "deff_kish": estimate.deff_kish, "wilson_lo": estimate.wilson_lo, "wilson_hi": estimate.wilson_hi,
                "distribution": shares[(estimate.group_var, estimate.group_value)],
            }
            for estimate in found
        ]
    return rows


def _distributions(answers: weighting.Coded, weights: np.ndarray, labels: list[str], groups: weighting.Groups) -> dict:
    """{(group_var, group_value): {code: [n, weighted share]}} for "all" and every group value; the share's
    base is every answer in the group with a code (missing codes included, no answer left out)."""
    k = len(labels)
    number = {code: i for i, code in enumerate(labels)}
    index = np.array([number.get(code, k) for code in answers.codes], dtype=np.intp)[answers.index]

    def table(cells: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
        counts = np.bincount(cells, minlength=size * (k + 1)).reshape(size, k + 1)[:, :k]
        sums = np.bincount(cells, weights=weights, minlength=size * (k + 1)).reshape(size, k + 1)[:, :k]
        return counts, sums

    def shares(counts: np.ndarray, sums: np.ndarray) -> dict:
        total = float(sums.sum())
        return {code: [int(counts[i]), float(sums[i]) / total if total > 0 else 0.0] for i, code in enumerate(labels)}

    counts, sums = table(index, 1)
    result = {("all", None): shares(counts[0], sums[0])}
    for group_var, values in groups.values.items():
        counts, sums = table(groups.index[group_var] * (k + 1) + index, len(values) + 1)
        for i, value in enumerate(values):
            result[(group_var, value)] = shares(counts[i], sums[i])
    return result


# ---------------------------------------------------------------------------------------------------
# A question's reading rule changed (the admin)


@transaction.atomic
def question_estimates_refresh(*, question: Question, actor) -> list[int]:
    """After a question's top-box or missing codes changed (the admin), computes its stored estimates
    anew in every wave of its survey from the stored answers and weights, as the import computed them
    (weighting.estimates and the answers' distribution, as in _results), so that no page shows shares by the old
    rule. A wave without answers to the question is left alone. Returns the years refreshed. Runs in
    the caller's transaction (the admin's save), so the codes and the estimates change together."""
    years = []
    labels = list(question.answer_labels) if isinstance(question.answer_labels, dict) else []
    for wave in Wave.objects.filter(survey_id=question.survey_id).order_by("year"):
        rows = list(Respondent.objects.filter(wave=wave).order_by("id").values_list("weight", "characteristics", "answers"))
        given = [row[2].get(question.code) for row in rows]
        if not any(answer is not None for answer in given):
            continue
        answers = weighting.Coded.build(given)
        weights = np.array([row[0] for row in rows], dtype=float)
        groups = weighting.Groups.build({variable: [row[1].get(variable) for row in rows] for variable in GROUP_VARS})
        shares = _distributions(answers, weights, labels, groups)
        found = weighting.estimates(answers, weights, top_box=question.top_box_codes, missing=question.missing_codes,
                                    groups=groups)
        Estimate.objects.filter(wave=wave, question=question).delete()
        Estimate.objects.bulk_create([
            Estimate(wave=wave, question=question, group_var=estimate.group_var, group_value=estimate.group_value or "",
                     n=estimate.n, sum_w=estimate.sum_w, p_unweighted=estimate.p_unweighted, p=estimate.p,
                     n_eff=estimate.n_eff, deff_kish=estimate.deff_kish, wilson_lo=estimate.wilson_lo,
                     wilson_hi=estimate.wilson_hi, distribution=shares[(estimate.group_var, estimate.group_value)])
            for estimate in found
        ], batch_size=ESTIMATE_BATCH)
        years.append(wave.year)
    audit_log(actor=actor, action="question_estimates_refreshed", obj=question,
              data={"years": years, "top_box_codes": list(question.top_box_codes),
                    "missing_codes": list(question.missing_codes)})
    return years
