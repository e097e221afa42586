"""Forms of the organiser area (logged-in organisers; Django's CSRF protection applies)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from revier.core.forms import TOO_LONG, KernForm
from revier.events.models import Registration


class CapacityForm(KernForm):
    category = forms.TypedChoiceField(label=_("Ticket category"), coerce=int)
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=0,
        max_value=100000,
        help_text=_("Empty: unlimited."),
        error_messages={
            "invalid": _("Please enter a whole number, or leave the field empty for unlimited seats."),
            "min_value": _("Please enter a number of at least 0."),
            "max_value": _("Please enter a number of at most 100000."),
        },
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.pk, c.name) for c in event.categories.all()]
        self.fields["category"].error_messages["invalid_choice"] = _("Please choose one of the event's categories.")
        self.fields["capacity"].widget.attrs.update({"inputmode": "numeric"})


class MessageForm(KernForm):
    subject = forms.CharField(
        label=_("Subject"), max_length=200,
        error_messages={"required": _("Please enter a subject."), "max_length": TOO_LONG},
    )
    body = forms.CharField(
        label=_("Message"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Plain text. Each recipient's mail begins with their name and ends with a note why they receive it."),
        error_messages={"required": _("Please enter the message."), "max_length": TOO_LONG},
    )
    statuses = forms.MultipleChoiceField(
        label=_("To registrations with the status"),
        choices=[(s, label) for s, label in Registration.Status.choices],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please choose at least one status.")},
    )
    categories = forms.TypedMultipleChoiceField(
        label=_("In the ticket categories"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: all categories."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = [(c.pk, c.name) for c in event.categories.all()]
        self.fields["categories"].error_messages["invalid_choice"] = _("Please choose one of the event's categories.")
        self.fields["statuses"].error_messages["invalid_choice"] = _("Please choose one of the statuses shown.")

    def clean_subject(self):
        subject = " ".join(self.cleaned_data["subject"].split())
        if not subject:
            raise forms.ValidationError(_("Please enter a subject."), code="required")
        return subject

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Please enter the message."), code="required")
        return body


class CancelEventForm(KernForm):
    note = forms.CharField(
        label=_("Notice to the registrants"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Shown on the event page and sent by mail to everyone with an active registration."),
        error_messages={"required": _("Please write why the event is cancelled."), "max_length": TOO_LONG},
    )
    confirm = forms.BooleanField(
        label=_("Yes, cancel the event and inform all registrants."),
        error_messages={"required": _("Please confirm that you want to cancel the event.")},
    )

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("Please write why the event is cancelled."), code="required")
        return note


class CheckInForm(KernForm):
    code = forms.CharField(
        label=_("Ticket code"), max_length=64,
        help_text=_("The code under the QR code on the ticket, e.g. 7K3M-Q9XD-…"),
        error_messages={"required": _("Please enter the ticket code."), "max_length": TOO_LONG},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({
            "autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false", "class": "checkin-code",
        })
