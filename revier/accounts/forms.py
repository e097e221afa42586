from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _

from revier.accounts.roles import ROLES
from revier.core.forms import KernForm, email_field, text_field, tidy_widgets
from revier.core.retention import PERIODS, retention_periods_check


def _role_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Roles"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(role.key, f"{role.label}: {role.description}") for role in ROLES],
        help_text=_("Event teams are assigned per event on the account's page."),
        error_messages={"invalid_choice": _("Please choose only roles from the list.")},
    )


class InviteForm(KernForm):
    email = email_field(help_text=_("The invitation with a link to set the password goes to this address. "
                                    "It is also the user name."))
    first_name = text_field(_("First name"), max_length=150, required=False, autocomplete="off")
    last_name = text_field(_("Last name"), max_length=150, required=False, autocomplete="off")
    roles = _role_field()


class RolesForm(KernForm):
    roles = _role_field()


class TeamForm(KernForm):
    event = forms.TypedChoiceField(
        label=_("Event"), coerce=int,
        error_messages={"required": _("Please choose an event."),
                        "invalid_choice": _("Please choose an event from the list.")},
    )

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", _("Please choose"))] + [
            (event.pk, f"{event.title} ({event.starts_at:%d.%m.%Y})") for event in events]
        tidy_widgets(self)


FOLLOW_LABELS = {
    "registrations": _("Also for existing events that still have the previous period"),
    "claims": _("Also for existing contingents that still have the previous period"),
}


class RetentionForm(KernForm):
    """The retention periods (core.retention.PERIODS): one number of days each, and for the defaults
    that events and contingents copy, whether the existing ones follow."""

    def __init__(self, *args, periods: dict[str, int], followed: Iterable[str] = (), **kwargs):
        super().__init__(*args, initial={**periods, **kwargs.pop("initial", {})}, **kwargs)
        for period in PERIODS:
            self.fields[period.key] = forms.IntegerField(
                label=period.label, min_value=1, max_value=3650,
                help_text=_("Days %(counted_from)s. Default: %(default)d.") % {
                    "counted_from": period.counted_from, "default": period.default()},
                error_messages={
                    "required": _("Please enter a number of days."),
                    "invalid": _("Please enter a whole number of days, e.g. 180."),
                    "min_value": _("Please enter at least 1 day."),
                    "max_value": _("Please enter at most 3650 days (ten years)."),
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            )
            if period.key in followed:
                self.fields[f"follow_{period.key}"] = forms.BooleanField(
                    label=FOLLOW_LABELS.get(period.key, _("Also for the existing ones that still have the previous period")),
                    required=False,
                    help_text=_("Those whose period has not ended yet. A shorter period can mean that the worker "
                                "anonymises some of them at once."),
                )
        tidy_widgets(self)

    def clean(self):
        cleaned = super().clean()
        if all(isinstance(cleaned.get(period.key), int) for period in PERIODS):
            for key, message in retention_periods_check({period.key: cleaned[period.key] for period in PERIODS}).items():
                self.add_error(key, message)
        return cleaned

    def period_fields(self):
        """Each period's field with its "also for the existing ones" box (or None)."""
        return [(self[period.key], self[f"follow_{period.key}"] if f"follow_{period.key}" in self.fields else None)
                for period in PERIODS]

    def following(self) -> set[str]:
        return {period.key for period in PERIODS if self.cleaned_data.get(f"follow_{period.key}")}
