"""Admin of the Monitor: surveys, districts, the wording and reading rules of questions and the
describing texts of waves. What an import wrote (a wave's respondents, weights, margins and
estimates) is not edited here: waves come from the staff upload (/monitor/verwalten/), which also
publishes them. Respondents and estimates (thousands of rows per wave) have no admin pages; uploads
are listed read-only. Every save and delete is audited (AuditedAdmin)."""

from django import forms
from django.contrib import admin
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from revier.core.admin_mixins import AuditedAdmin
from revier.monitor import services
from revier.monitor.models import ImportRun, Question, Region, Survey, Wave


@admin.register(Survey)
class SurveyAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["name", "slug", "publisher", "synthetic", "position"]
    list_filter = ["synthetic"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Region)
class RegionAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["code", "name", "state"]
    list_filter = ["state"]
    search_fields = ["code", "name"]


def _codes(value) -> list[str]:
    return [str(code) for code in value] if isinstance(value, list) else []


class QuestionForm(forms.ModelForm):
    """Top-box and missing codes must be answer codes of the question, and not both at once."""

    class Meta:
        model = Question
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        labels = self.instance.answer_labels if isinstance(self.instance.answer_labels, dict) else {}
        known = {str(code) for code in labels}
        for name in ("top_box_codes", "missing_codes"):
            value = cleaned.get(name)
            if name in self.errors or value is None:
                continue
            if not isinstance(value, list) or any(isinstance(code, (list, dict)) for code in value):
                self.add_error(name, _("Please enter a list of answer codes, e.g. [1, 2]."))
            elif known and not set(_codes(value)) <= known:
                unknown = ", ".join(sorted(set(_codes(value)) - known))
                self.add_error(name, _("These codes are not answer codes of the question: %(codes)s. "
                                       "Its answer codes are %(known)s.") % {"codes": unknown, "known": ", ".join(labels)})
            else:
                cleaned[name] = _codes(value)  # stored as text, as the import stores them
        top, missing = set(_codes(cleaned.get("top_box_codes"))), set(_codes(cleaned.get("missing_codes")))
        if top & missing and not {"top_box_codes", "missing_codes"} & set(self.errors):
            self.add_error("missing_codes", _("A code cannot count as agreement and as missing at once: %(codes)s.")
                           % {"codes": ", ".join(sorted(top & missing))})
        return cleaned


@admin.register(Question)
class QuestionAdmin(AuditedAdmin, admin.ModelAdmin):
    form = QuestionForm
    list_display = ["code", "short_label", "survey", "topic", "comparable", "headline_position"]
    list_filter = ["survey", "comparable", "topic"]
    search_fields = ["code", "short_label", "wording"]
    list_select_related = ["survey", "topic"]
    readonly_fields = ["survey", "code", "scale", "answer_labels_display"]
    fields = ["survey", "code", "wording", "short_label", "scale", "answer_labels_display", "top_box_codes",
              "top_box_label", "missing_codes", "topic", "comparable", "headline_position", "position"]

    def has_add_permission(self, request):
        return False  # questions come with a wave's codebook

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        """Saved and audited (AuditedAdmin); when the codes that count as agreement or as missing
        changed, the stored estimates of every wave are computed anew in the same transaction."""
        before = Question.objects.filter(pk=obj.pk).values_list("top_box_codes", "missing_codes").first() if change else None
        super().save_model(request, obj, form, change)
        if before and (_codes(before[0]), _codes(before[1])) != (_codes(obj.top_box_codes), _codes(obj.missing_codes)):
            years = services.question_estimates_refresh(question=obj, actor=request.user)
            if years:
                self.message_user(request, _("The results of the waves %(years)s have been computed anew with the "
                                             "changed codes.") % {"years": ", ".join(map(str, years))})

    @admin.display(description=_("answer codes and labels"))
    def answer_labels_display(self, obj):
        labels = obj.answer_labels if isinstance(obj.answer_labels, dict) else {}
        return "; ".join(f"{code} = {label}" for code, label in labels.items()) or "–"


@admin.register(Wave)
class WaveAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["__str__", "survey", "year", "status", "n", "imported_at"]
    list_filter = ["survey", "status"]
    list_select_related = ["survey"]
    readonly_fields = ["survey", "year", "status", "n", "bound_lower", "bound_upper", "scheme", "margins",
                       "weighting_report", "imported_at", "staff_link"]
    fieldsets = [
        (None, {"fields": ["survey", "year", "status", "staff_link"]}),
        (_("Description"), {"fields": ["field_start", "field_end", "mode", "universe", "quotas", "margins_source",
                                       "notes", "min_cell"]}),
        (_("Imported data (change by importing the wave again)"),
         {"fields": ["n", "bound_lower", "bound_upper", "scheme", "margins", "weighting_report", "imported_at"]}),
    ]

    def has_add_permission(self, request):
        return False  # waves come from the staff upload

    @admin.display(description=_("staff area"))
    def staff_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("monitor:manage-overview"),
                           _("Publish, withdraw and download in the staff area"))


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Uploads, to look up: every change goes through the staff area and its services."""

    list_display = ["__str__", "status", "year", "created_by", "created_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["survey", "created_by"]
    exclude = ["microdata", "codebook", "margins"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("microdata", "codebook", "margins")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
