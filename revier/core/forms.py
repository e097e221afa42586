"""What the forms of every app share: the KERN form base, text and e-mail fields with our German
messages, the honeypot, the "send the link again" form, and the stored form of yes/no answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

TOO_LONG = _("Please shorten your entry to at most %(limit_value)d characters (it has %(show_value)d).")
ANSWER_MAX_LENGTH = 1000
YES, NO = "Ja", "Nein"  # stored as shown: the organisers' exports read them as they are
EMAIL_ERRORS = {
    "required": _("Please enter your e-mail address."),
    "invalid": _("Please enter an e-mail address in the form name@example.de."),
    "max_length": TOO_LONG,
}


def tidy_widgets(form: forms.BaseForm) -> None:
    """Drops the `maxlength` and `required` attributes: our German messages appear next to the
    field, the browser's own bubbles would pre-empt them."""
    for field in form.fields.values():
        field.widget.attrs.pop("maxlength", None)
        field.widget.attrs.pop("required", None)


class KernForm(forms.Form):
    """Base of our forms on the KERN design system: validated by the server only, every message
    German and next to its field. Fields added in a subclass's __init__ call tidy_widgets again."""

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tidy_widgets(self)


def text_field(label, *, max_length: int, required: bool = True, required_message=None, **widget_attrs) -> forms.CharField:
    """A one-line text field with our "too long" message (and the given "required" message)."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        error_messages={"max_length": TOO_LONG, **({"required": required_message} if required_message else {})},
        widget=forms.TextInput(attrs=widget_attrs),
    )


def email_field(*, help_text) -> forms.EmailField:
    return forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=help_text,
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


def honeypot_field() -> forms.CharField:
    """The field `website`, hidden from people by CSS and filled in by bots (see HoneypotMixin)."""
    return forms.CharField(
        label=_("Website (please leave empty)"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class HoneypotMixin:
    """For a public form with a `website` field (honeypot_field): a filled-in honeypot marks the
    submission as spam; the view answers as if it had succeeded and does nothing."""

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class ResendLinkForm(HoneypotMixin, KernForm):
    """"Send the link again": the address a person used; `help_text` says what it was used for."""

    def __init__(self, *args, help_text, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"] = email_field(help_text=help_text)
        self.fields["website"] = honeypot_field()
        tidy_widgets(self)
