"""The contact request form: a short message, its German messages next to the field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from revier.core.forms import TOO_LONG, KernForm, tidy_widgets
from revier.network.contact.models import CONTACT_MESSAGE_MAX


class ContactRequestForm(KernForm):
    message = forms.CharField(
        label=_("Your message"),
        max_length=CONTACT_MESSAGE_MAX,
        help_text=_("Who are you, and why would you like to get in touch? At most %(limit)d characters. "
                    "Your e-mail address and phone number are passed on only if the person accepts.")
        % {"limit": CONTACT_MESSAGE_MAX},
        error_messages={"required": _("Please write a short message: who you are and why you would like to get in touch."),
                        "max_length": TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tidy_widgets(self)
