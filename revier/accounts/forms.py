from django import forms
from django.utils.translation import gettext_lazy as _

from revier.accounts.roles import ROLES
from revier.core.forms import KernForm, email_field, text_field, tidy_widgets


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
