from django import forms
from django.utils.translation import gettext_lazy as _

from revier.core.forms import TOO_LONG, HoneypotMixin, KernForm, honeypot_field
from revier.pages.models import StaffMessage
from revier.pages.services import StaffMessageInput

MESSAGE_MAX_LENGTH = 5000


class StaffMessageForm(HoneypotMixin, KernForm):
    """The fields both public forms share. `website` is the honeypot: people never see it,
    simple bots fill it in."""

    kind: str = ""
    # Fields a blank form may fill in from the request (`initial`).
    request_fields: tuple[str, ...] = ()

    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=200,
        error_messages={"max_length": TOO_LONG},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Please enter an email address in the form name@example.de."),
            "max_length": TOO_LONG,
            "required": _("Please enter your email address so that we can answer you."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={"required": _("Please enter your message."), "max_length": TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    website = honeypot_field()

    field_order = ["page_url", "message", "name", "email", "website"]

    @property
    def prefilled_from_request(self) -> tuple[str, ...]:
        """The fields this blank form filled in from the request: they are rendered for each
        reader, the rest of a blank form is the same for everyone and kept
        (pages/includes/staff_message_form.html)."""
        return tuple(name for name in self.request_fields if self.initial.get(name))

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Please enter your message."), code="required")
        return message

    def to_input(self) -> StaffMessageInput:
        data = self.cleaned_data
        return StaffMessageInput(
            kind=self.kind,
            message=data["message"],
            name=data.get("name", ""),
            email=data.get("email", ""),
            page_url=data.get("page_url", ""),
        )


class BarrierReportForm(StaffMessageForm):
    kind = StaffMessage.Kind.BARRIER
    request_fields = ("page_url",)

    page_url = forms.CharField(
        label=_("On which page did you find the barrier?"),
        help_text=_("The address of the page or a short description, e.g. “search on the start page”."),
        required=False,
        max_length=500,
        error_messages={"max_length": TOO_LONG},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].label = _("Describe the barrier")
        self.fields["message"].help_text = _(
            "What did you want to do, and what did not work? Which aids do you use, e.g. a screen reader?"
        )
        self.fields["message"].error_messages["required"] = _("Please describe the barrier.")
        self.fields["email"].help_text = _("Only if you would like an answer.")


class ContactForm(StaffMessageForm):
    kind = StaffMessage.Kind.CONTACT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].widget.attrs.pop("required", None)
        self.fields["email"].help_text = _("We need it to answer you.")
