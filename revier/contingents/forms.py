"""Forms of the public contingent pages. They validate and hand plain values to the services; every
message is German and shown next to its field. Field helpers come from core.forms, as for the
events' registration form, so both forms behave alike."""

from django import forms
from django.utils.translation import gettext_lazy as _

from revier.contingents.consents import CONSENTS
from revier.contingents.models import Contingent, EligibilityQuestion
from revier.contingents.services import ClaimInput
from revier.core.forms import (
    SINGLE,
    HoneypotMixin,
    KernForm,
    PersonNameMixin,
    QuestionsMixin,
    answer_field,
    email_field,
    honeypot_field,
    question_field_name,
    text_field,
    tidy_widgets,
)


def question_field(question: EligibilityQuestion) -> forms.Field:
    kind = SINGLE if question.kind == EligibilityQuestion.Kind.CHOICE else question.kind
    return answer_field(kind=kind, label=question.text, required=question.required, choices=question.choice_list)


class ClaimForm(HoneypotMixin, PersonNameMixin, QuestionsMixin, KernForm):
    """The claim (first come) or application (lottery) form of a contingent."""

    def __init__(self, *args, contingent: Contingent, **kwargs):
        super().__init__(*args, **kwargs)
        self.contingent = contingent
        self.fields["first_name"] = text_field(
            _("First name"), max_length=100, required_message=_("Please enter your first name."),
            autocomplete="given-name",
        )
        self.fields["last_name"] = text_field(
            _("Last name"), max_length=100, required_message=_("Please enter your last name."),
            autocomplete="family-name",
        )
        self.fields["email"] = email_field(
            help_text=_("We send you a link to confirm your address; the ticket is only yours after that.")
        )
        self.fields["organisation"] = text_field(
            _("Organisation"), max_length=200, required=contingent.one_per_organisation,
            required_message=_("Please enter your organisation: only one ticket per organisation is possible."),
            autocomplete="organization",
        )
        if contingent.one_per_organisation:
            self.fields["organisation"].help_text = _("Only one ticket per organisation is possible.")
        self.questions = list(contingent.questions.all())
        for question in self.questions:
            self.fields[question_field_name(question)] = question_field(question)
        self.fields["consent_privacy"] = forms.BooleanField(
            label=CONSENTS["privacy"][1],
            error_messages={"required": _("Please confirm that you have read the privacy notice.")},
        )
        self.fields["consent_partner"] = forms.BooleanField(
            label=CONSENTS["partner"][1], required=False, initial=False,
            help_text=_("Voluntary. Your request does not depend on it."),
        )
        self.fields["website"] = honeypot_field()
        tidy_widgets(self)

    def clean_organisation(self):
        value = (self.cleaned_data.get("organisation") or "").strip()
        if self.contingent.one_per_organisation and not value:
            raise forms.ValidationError(
                _("Please enter your organisation: only one ticket per organisation is possible."), code="required"
            )
        return value

    def to_input(self) -> ClaimInput:
        data = self.cleaned_data
        return ClaimInput(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            organisation=data.get("organisation", ""),
            answers=self.answers(),
            privacy_consent=bool(data.get("consent_privacy")),
            partner_consent=bool(data.get("consent_partner")),
        )


class ReturnForm(KernForm):
    """The confirmation step before a ticket is given back or a request withdrawn."""

    confirm = forms.BooleanField(error_messages={"required": _("Please tick the box to confirm.")})

    def __init__(self, *args, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = label
