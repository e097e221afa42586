from django import forms
from django.utils.translation import gettext_lazy as _

from revier.core.forms import KernForm, tidy_widgets


class AccessRequestForm(KernForm):
    email = forms.EmailField(label=_("E-mail address of the person"), max_length=254,
                             error_messages={"required": _("Please enter the e-mail address."),
                                             "invalid": _("Please enter a valid e-mail address.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tidy_widgets(self)
