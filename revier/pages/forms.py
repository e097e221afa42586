from django import forms
from django.utils.translation import gettext_lazy as _

from revier.pages.models import StaffMessage
from revier.pages.services import StaffMessageInput

MESSAGE_MAX_LENGTH = 5000


TOO_LONG = _("Please shorten your entry to at most %(limit_value)d characters (it has %(show_value)d).")


class StaffMessageForm(forms.Form):
    """The fields both public forms share. `website` is the honeypot: people never see it,
    simple bots fill it in."""

    kind: str = ""

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
    website = forms.CharField(label=_("Website (please leave empty)"), required=False)

    field_order = ["page_url", "message", "name", "email", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # The browser's own bubbles would pre-empt our German messages next to the field.
            field.widget.attrs.pop("maxlength", None)
            field.widget.attrs.pop("required", None)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Please enter your message."), code="required")
        return message

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

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
