"""Models of the partner suggestions on the site ("Passende Partner"). Imported by
revier/network/models.py, so they belong to the network app. Every write goes through
network.suggestions.services."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["SuggestionWeights", "Suggestion", "SuggestionQueue"]


def _weight(label, default, help_text=""):
    return models.FloatField(label, default=default, validators=[MinValueValidator(0.0)], help_text=help_text)


class SuggestionWeights(models.Model):
    """The one row (pk 1) of the engine's weights (network.matching.Weights) that staff tune in the
    admin, with the state of the stored suggestions: saving new weights sets `rebuild_due`, and the
    worker computes every list anew (network.suggestions.services.suggestions_worker)."""

    text = _weight(_("weight of the text fit"), 0.8, _("Share of offers meeting needs in the score."))
    topics = _weight(_("weight of shared topics"), 0.2)
    reciprocity = _weight(_("weight of the weaker direction"), 0.5,
                          _("How much a fit in the other direction counts (0: one direction is enough)."))
    kind = _weight(_("weight of the kinds of organisation"), 0.2,
                   _("How much a poor fit of the two kinds lowers the score; kinds and region together at most 1."))
    region = _weight(_("weight of the same region"), 0.1)
    ngrams = _weight(_("share of character 3-grams"), 0.4, _("Between 0 and 1."))
    concepts = _weight(_("share of the thesaurus's concepts"), 0.3,
                       _("Share of related terms (thesaurus) in the similarity of an offer and a need; at least 0, below 1."))
    title = _weight(_("weight of a title's words"), 2.0, _("At least 1."))
    min_similarity = _weight(_("minimum similarity"), 0.05, _("Between 0 and 1."))
    kinds = models.JSONField(
        _("fit of the kinds"), default=list, blank=True,
        help_text=_('Optional: a list of [kind, kind, fit] such as ["kmu", "wissenschaft", 1.0]; '
                    "pairs not given keep their default."),
    )
    rebuild_due = models.BooleanField(_("recomputation due"), default=True, editable=False)
    built_at = models.DateTimeField(_("last computed"), null=True, blank=True, editable=False)
    # Names the computation whose lists are stored; a worker whose index was built for another one
    # (or none) computes every list anew before it updates single profiles.
    build_id = models.CharField(max_length=32, blank=True, default="", editable=False)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("weights of the partner suggestions")
        verbose_name_plural = _("weights of the partner suggestions")

    def __str__(self):
        return str(_("Weights of the partner suggestions"))


class Suggestion(models.Model):
    """One stored suggestion: `other` is a suitable partner of `profile`, at place `rank` (1 = best)
    of its list, with the engine's German reasons as seen from `profile`. Who may see `other` is
    checked when the list is read (network.suggestions.selectors), so a profile hidden since the
    computation disappears at once."""

    profile = models.ForeignKey("network.Profile", on_delete=models.CASCADE, related_name="suggestions")
    other = models.ForeignKey("network.Profile", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    rank = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("partner suggestion")
        verbose_name_plural = _("partner suggestions")
        ordering = ["profile", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "other"], name="network_suggestion_once_per_pair"),
            models.UniqueConstraint(fields=["profile", "rank"], name="network_suggestion_one_per_rank"),
        ]

    def __str__(self):
        return f"{self.profile_id} → {self.other_id} ({self.rank})"


class SuggestionQueue(models.Model):
    """A profile whose suggestions are to be computed anew (its data, visibility or existence
    changed). Written in the transaction of the change, read by the worker after commit: a change
    that rolled back queues nothing, one that committed is never lost."""

    profile_id = models.PositiveIntegerField(unique=True)
    queued_at = models.DateTimeField()

    class Meta:
        verbose_name = _("queued suggestion update")
        verbose_name_plural = _("queued suggestion updates")

    def __str__(self):
        return str(self.profile_id)
