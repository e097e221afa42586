"""Monitor: surveys, their waves, the regions and questions, the respondents of a wave with their
weights, and the estimates stored when a wave is weighted (issue 11 §1–2). Every write goes through
monitor.services; results pages read the stored estimates only."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from revier.core.models import Topic

# The groups every estimate is stored for (besides "all"); the order is the order on the pages.
GROUP_VARS = ("district_code", "state", "sex", "age_group", "education")


class Survey(models.Model):
    """A survey series: Mitteldeutschland-Monitor, Lausitz-Monitor, …"""

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    synthetic = models.BooleanField(
        _("synthetic example data"), default=False,
        help_text=_("Marks every page of this survey as „synthetische Beispieldaten“."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Region(models.Model):
    """A district or district-free city, by its official key (AGS)."""

    code = models.CharField(_("district key (AGS)"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=120)
    state = models.CharField(_("federal state"), max_length=60)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Question(models.Model):
    """A question of a survey, the same across its waves (`comparable`: its answers may be compared
    over time). `answer_labels` maps each code (as text) to its label, in scale order;
    `top_box_codes` are the codes that count as agreement; `missing_codes` ("weiß nicht / keine
    Angabe") are left out of every base."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey"))
    code = models.CharField(_("code"), max_length=60)
    wording = models.TextField(_("wording"))
    short_label = models.CharField(_("short label"), max_length=120, blank=True)
    scale = models.CharField(_("scale"), max_length=60, blank=True)
    answer_labels = models.JSONField(_("answer codes and labels"), default=dict)
    top_box_codes = models.JSONField(_("codes counted as agreement"), default=list)
    top_box_label = models.CharField(_("what agreement means"), max_length=120, blank=True)
    missing_codes = models.JSONField(_("missing codes"), default=list)
    topic = models.ForeignKey(Topic, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("topic"))
    comparable = models.BooleanField(_("comparable across waves"), default=True)
    headline_position = models.PositiveIntegerField(
        _("position among the headline indicators"), null=True, blank=True,
        help_text=_("Empty: not on the Monitor's start page."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="monitor_question_unique_code")]

    def __str__(self):
        return self.short_label or self.code

    def get_absolute_url(self):
        return reverse("monitor:question", kwargs={"survey": self.survey.slug, "question": self.code})


class Wave(models.Model):
    """One yearly wave of a survey, weighted on its own. `margins` holds the population targets as
    imported ({name: {"variables": [...], "cells": [[codes..., population], ...]}}), `scheme` the
    names of the margins raking visits, in order; `weighting_report` what the weighting gave (sweeps,
    weight range, n_eff, design effect, fit per margin); `variable_labels` the codebook's labels of the
    group and weighting variables ({"sex": {"label": "Geschlecht", "values": {"1": "männlich", …}}, …};
    districts are named by Region, states by their name)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Imported, not published")
        PUBLISHED = "published", _("Published")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="waves", verbose_name=_("survey"))
    year = models.PositiveIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    field_start = models.DateField(_("field period from"), null=True, blank=True)
    field_end = models.DateField(_("field period until"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=200, blank=True)
    universe = models.TextField(_("universe"), blank=True)
    quotas = models.TextField(_("quotas"), blank=True)
    margins_source = models.TextField(_("source and reference date of the population figures"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    n = models.PositiveIntegerField(_("respondents"), default=0)
    bound_lower = models.FloatField(_("lower weight bound"), default=0.2)
    bound_upper = models.FloatField(_("upper weight bound"), default=5.0)
    min_cell = models.PositiveIntegerField(_("minimum valid answers shown"), default=30)
    margins = models.JSONField(_("population margins"), default=dict)
    scheme = models.JSONField(_("weighting scheme"), default=list)
    weighting_report = models.JSONField(_("weighting report"), default=dict)
    variable_labels = models.JSONField(
        _("labels of the group variables"), default=dict, blank=True,
        help_text=_("From the codebook: each variable's label and the labels of its codes."),
    )
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        ordering = ["survey", "-year"]
        constraints = [models.UniqueConstraint(fields=["survey", "year"], name="monitor_wave_unique_year")]

    def __str__(self):
        return f"{self.survey} {self.year}"


class Respondent(models.Model):
    """One respondent of a wave: the weighting and group variables (`characteristics`, codes as text),
    the answers ({question code: code as text}) and the weight (mean 1 over the wave)."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="respondents", verbose_name=_("wave"))
    resp_id = models.CharField(_("respondent id"), max_length=40)
    characteristics = models.JSONField(_("characteristics"), default=dict)
    answers = models.JSONField(_("answers"), default=dict)
    weight = models.FloatField(_("weight"), default=1.0)

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        constraints = [models.UniqueConstraint(fields=["wave", "resp_id"], name="monitor_respondent_unique_id")]

    def __str__(self):
        return self.resp_id


class Estimate(models.Model):
    """A question's stored result for one group of a wave (group_var "all" with group_value "" for
    everyone), as weighting.estimates computed it when the wave was weighted. `distribution` holds
    every answer code's unweighted count and weighted share of all answers in the group, missing
    codes included: {code: [n, share]}."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="estimates", verbose_name=_("wave"))
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="estimates", verbose_name=_("question"))
    group_var = models.CharField(_("group variable"), max_length=40)
    group_value = models.CharField(_("group value"), max_length=40, blank=True)
    n = models.PositiveIntegerField(_("valid answers"))
    sum_w = models.FloatField(_("sum of weights"))
    p_unweighted = models.FloatField(_("unweighted share"), null=True)
    p = models.FloatField(_("weighted share"), null=True)
    n_eff = models.FloatField(_("effective sample size"), null=True)
    deff_kish = models.FloatField(_("design effect"), null=True)
    wilson_lo = models.FloatField(_("interval from"), null=True)
    wilson_hi = models.FloatField(_("interval to"), null=True)
    distribution = models.JSONField(_("answer distribution"), default=dict)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("estimate")
        verbose_name_plural = _("estimates")
        constraints = [
            models.UniqueConstraint(fields=["wave", "question", "group_var", "group_value"], name="monitor_estimate_unique"),
        ]
        indexes = [models.Index(fields=["question", "group_var"], name="monitor_estimate_question")]

    def __str__(self):
        return f"{self.question} {self.group_var}={self.group_value}"


class ImportRun(models.Model):
    """A wave uploaded in the staff area, checked and imported by the background worker (never in the
    request): queued_check → checking → checked (report with problems or none) → queued_import →
    importing → done; failed or cancelled on the way. The three files are kept in the database only
    until the run ends (done, failed or cancelled): then their content is emptied, their names and
    sizes stay. `progress` and `progress_text` are written by the worker while it works, so that the
    run's page shows how far it is; `heartbeat_at` tells a run still worked on from one whose worker
    died (monitor.import_runs)."""

    class Status(models.TextChoices):
        QUEUED_CHECK = "queued_check", _("Waiting for the check")
        CHECKING = "checking", _("Being checked")
        CHECKED = "checked", _("Checked")
        QUEUED_IMPORT = "queued_import", _("Waiting for the import")
        IMPORTING = "importing", _("Being imported")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.QUEUED_CHECK, Status.CHECKING, Status.QUEUED_IMPORT, Status.IMPORTING)
    FINISHED = (Status.DONE, Status.FAILED, Status.CANCELLED)

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, null=True, blank=True, related_name="import_runs",
                               verbose_name=_("survey"))
    new_survey_slug = models.SlugField(_("short name of the new survey"), max_length=80, blank=True)
    new_survey_name = models.CharField(_("name of the new survey"), max_length=200, blank=True)
    year = models.PositiveIntegerField(_("year"))
    scheme = models.JSONField(_("weighting scheme"), default=list)
    bound_lower = models.FloatField(_("lower weight bound"), default=0.2)
    bound_upper = models.FloatField(_("upper weight bound"), default=5.0)
    replace = models.BooleanField(_("replace an existing wave"), default=False)
    offered_schemes = models.JSONField(_("schemes named in margins.json"), default=dict, blank=True)
    microdata_name = models.CharField(_("microdata file"), max_length=255)
    microdata = models.BinaryField(_("microdata"), default=b"")
    microdata_size = models.PositiveBigIntegerField(_("size of the microdata file"), default=0)
    codebook_name = models.CharField(_("codebook file"), max_length=255)
    codebook = models.BinaryField(_("codebook"), default=b"")
    codebook_size = models.PositiveBigIntegerField(_("size of the codebook file"), default=0)
    margins_name = models.CharField(_("margins file"), max_length=255)
    margins = models.BinaryField(_("margins"), default=b"")
    margins_size = models.PositiveBigIntegerField(_("size of the margins file"), default=0)
    files_deleted_at = models.DateTimeField(_("files deleted at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED_CHECK)
    progress = models.PositiveSmallIntegerField(_("progress in percent"), default=0)
    progress_text = models.CharField(_("progress"), max_length=200, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_by = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    wave = models.ForeignKey(Wave, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("wave"))

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "id"], name="monitor_importrun_status")]

    def __str__(self):
        return f"{self.survey_name} {self.year} ({self.pk})"

    @property
    def survey_name(self) -> str:
        return self.survey.name if self.survey_id else self.new_survey_name

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def problems(self) -> list[dict]:
        report = self.report if isinstance(self.report, dict) else {}
        return [p for p in report.get("problems", []) if isinstance(p, dict)]

    @property
    def check_ok(self) -> bool:
        """Checked without a problem: the import may be confirmed."""
        return bool(self.report) and not self.problems and self.checked_at is not None
