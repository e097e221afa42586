"""Admin of the partner suggestions' weights: one row, changed through
network.suggestions.services.suggestion_weights_save (checked, audited, every list computed anew by
the worker's next round). Imported by network/admin.py."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from revier.network import matching
from revier.network.suggestions import services
from revier.network.suggestions.models import SuggestionWeights


class SuggestionWeightsForm(forms.ModelForm):
    class Meta:
        model = SuggestionWeights
        fields = [*services.WEIGHT_FIELDS, "kinds"]

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                services.weights_from_values(cleaned)
            except (matching.ProfileError, TypeError, ValueError) as error:
                raise ValidationError(str(error)) from None
        return cleaned


@admin.register(SuggestionWeights)
class SuggestionWeightsAdmin(admin.ModelAdmin):
    form = SuggestionWeightsForm
    list_display = ["__str__", "changed_at", "built_at", "rebuild_due"]
    readonly_fields = ["built_at", "rebuild_due", "changed_at"]
    fieldsets = [
        (None, {"fields": [*services.WEIGHT_FIELDS, "kinds"],
                "description": _("Saving new weights computes every profile's partner suggestions anew in the "
                                 "background (within a minute for a few thousand profiles).")}),
        (_("State"), {"fields": ["built_at", "rebuild_due", "changed_at"]}),
    ]

    def has_add_permission(self, request):
        return not SuggestionWeights.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in (*services.WEIGHT_FIELDS, "kinds")}
        saved = services.suggestion_weights_save(values=values, actor=request.user)
        obj.pk = saved.pk
