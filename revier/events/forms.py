"""Forms of the public registration and the self-service page. They validate and hand plain values
to the services; every message is German, next to its field (CONVENTIONS: errors say what to do)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from revier.core.forms import (
    ANSWER_MAX_LENGTH,
    NO,
    TOO_LONG,
    YES,
    HoneypotMixin,
    KernForm,
    email_field,
    honeypot_field,
    text_field,
    tidy_widgets,
)
from revier.events.consents import CONSENTS
from revier.events.models import Question, Registration, Sector
from revier.events.services import RegistrationInput


def question_field_name(question: Question) -> str:
    return f"frage_{question.pk}"


def question_field(question: Question) -> forms.Field:
    """The form field for one of the event's own questions."""
    required_message = _("Please answer this question.")
    common = {"label": question.text, "required": question.required, "help_text": question.help_text}
    if question.kind == Question.Kind.SINGLE:
        field = forms.ChoiceField(choices=[(c, c) for c in question.choice_list], widget=forms.RadioSelect, **common)
        field.error_messages["invalid_choice"] = _("Please choose one of the offered answers.")
    elif question.kind == Question.Kind.MULTIPLE:
        field = forms.MultipleChoiceField(
            choices=[(c, c) for c in question.choice_list], widget=forms.CheckboxSelectMultiple, **common
        )
        field.error_messages["invalid_choice"] = _("Please choose only from the offered answers.")
        field.error_messages["invalid_list"] = _("Please choose only from the offered answers.")
    elif question.kind == Question.Kind.YES_NO:
        field = forms.ChoiceField(choices=[(YES, _("Yes")), (NO, _("No"))], widget=forms.RadioSelect, **common)
        field.error_messages["invalid_choice"] = _("Please answer with yes or no.")
    else:
        field = forms.CharField(max_length=ANSWER_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}), **common)
        field.error_messages["max_length"] = TOO_LONG
    field.error_messages["required"] = required_message
    field.question = question
    return field


class PersonFieldsMixin:
    """Name, organisation, function, sector and the event's questions: what a person gives when
    registering and may change later on the self-service page."""

    # No `required` attributes: the browser's bubbles would pre-empt our German messages.
    use_required_attribute = False

    def _add_person_fields(self, questions):
        self.fields["first_name"] = text_field(
            _("First name"), max_length=100, required_message=_("Please enter your first name."),
            autocomplete="given-name",
        )
        self.fields["last_name"] = text_field(
            _("Last name"), max_length=100, required_message=_("Please enter your last name."),
            autocomplete="family-name",
        )
        self.fields["organisation"] = text_field(
            _("Organisation"), max_length=200, required=False, autocomplete="organization"
        )
        self.fields["function"] = text_field(
            _("Function"), max_length=200, required=False, autocomplete="organization-title"
        )
        self.fields["function"].help_text = _("E.g. managing director, project lead, mayor.")
        self.fields["sector"] = forms.ChoiceField(
            label=_("Sector"),
            choices=[("", _("Please choose"))] + list(Sector.choices),
            error_messages={
                "required": _("Please choose the sector you work in."),
                "invalid_choice": _("Please choose one of the listed sectors."),
            },
        )
        self.questions = list(questions)
        for question in self.questions:
            self.fields[question_field_name(question)] = question_field(question)

    @property
    def question_fields(self):
        return [self[question_field_name(q)] for q in self.questions]

    def clean_first_name(self):
        return self._required_text("first_name", _("Please enter your first name."))

    def clean_last_name(self):
        return self._required_text("last_name", _("Please enter your last name."))

    def _required_text(self, name, message):
        value = (self.cleaned_data.get(name) or "").strip()
        if not value:
            raise forms.ValidationError(message, code="required")
        return value

    def answers(self) -> dict:
        """The answers as stored: {str(question.pk): text, choice, list of choices or Ja/Nein}."""
        result = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            if isinstance(value, str):
                value = value.strip()
            if value in ("", None, []):
                continue
            result[str(question.pk)] = value
        return result

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            name = question_field_name(question)
            value = cleaned.get(name)
            # A required text answer of spaces only is no answer.
            if question.required and isinstance(value, str) and not value.strip() and name not in self.errors:
                self.add_error(name, forms.ValidationError(_("Please answer this question."), code="required"))
        return cleaned


class RegistrationForm(HoneypotMixin, PersonFieldsMixin, forms.Form):
    """The public registration form for the event's `categories`. A full category can be chosen
    only together with the waiting list: `availabilities` returns {category id: Availability} and
    is called only when that needs checking (a category with a limit, the box not ticked)."""

    def __init__(self, *args, categories, availabilities, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        self._availabilities = availabilities
        self.fields["email"] = email_field(help_text=_("We send you a link to confirm your registration to this address."))
        self._add_person_fields(questions)
        self.fields["category"] = forms.TypedChoiceField(
            label=_("Ticket category"),
            coerce=int,
            choices=[(str(category.pk), category.name) for category in self.categories],
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Please choose a ticket category."),
                "invalid_choice": _("Please choose one of the listed ticket categories."),
            },
        )
        self.fields["join_waitlist"] = forms.BooleanField(
            label=_("Put me on the waiting list if the category is fully booked"),
            required=False,
            help_text=_("When a seat becomes free, we move you up automatically and write to you."),
        )
        for kind, (_version, text) in CONSENTS.items():
            self.fields[f"consent_{kind}"] = forms.BooleanField(label=text, required=False, initial=False)
        self.fields["website"] = honeypot_field()
        if len(self.categories) == 1 and not self.is_bound:
            self.initial.setdefault("category", str(self.categories[0].pk))
        order = ["first_name", "last_name", "email", "organisation", "function", "sector", "category", "join_waitlist"]
        order += [question_field_name(q) for q in self.questions]
        order += [f"consent_{kind}" for kind in CONSENTS] + ["website"]
        self.order_fields(order)
        tidy_widgets(self)

    @property
    def consent_fields(self):
        return [self[f"consent_{kind}"] for kind in CONSENTS]

    def clean(self):
        cleaned = super().clean()
        category = next((c for c in self.categories if c.pk == cleaned.get("category")), None)
        if category is None or category.capacity is None or cleaned.get("join_waitlist"):
            return cleaned  # nothing to count: no choice yet, no limit, or the waiting list is fine
        availability = self._availabilities().get(category.pk)
        if availability is not None and availability.is_full:
            self.add_error(
                "join_waitlist",
                forms.ValidationError(
                    _("The chosen category is fully booked. Tick this box to join the waiting list, or choose "
                      "another category."),
                    code="full",
                ),
            )
        return cleaned

    def to_input(self) -> RegistrationInput:
        data = self.cleaned_data
        return RegistrationInput(
            category_id=data["category"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            sector=data["sector"],
            organisation=data.get("organisation", ""),
            function=data.get("function", ""),
            answers=self.answers(),
            consents=frozenset(kind for kind in CONSENTS if data.get(f"consent_{kind}")),
            join_waitlist=bool(data.get("join_waitlist")),
        )


class RegistrationChangeForm(PersonFieldsMixin, forms.Form):
    """Self-service: name, organisation, function, sector and answers (not the e-mail address)."""

    def __init__(self, *args, registration: Registration, questions, **kwargs):
        if not args and "data" not in kwargs:
            kwargs.setdefault("initial", self.initial_for(registration, questions))
        super().__init__(*args, **kwargs)
        self._add_person_fields(questions)
        tidy_widgets(self)

    @staticmethod
    def initial_for(registration: Registration, questions) -> dict:
        initial = {
            "first_name": registration.first_name,
            "last_name": registration.last_name,
            "organisation": registration.organisation,
            "function": registration.function,
            "sector": registration.sector,
        }
        answers = registration.answers if isinstance(registration.answers, dict) else {}
        for question in questions:
            if str(question.pk) in answers:
                initial[question_field_name(question)] = answers[str(question.pk)]
        return initial


class CancelForm(KernForm):
    confirm = forms.BooleanField(
        label=_("Yes, I want to cancel my registration"),
        error_messages={"required": _("Please tick the box to confirm that you want to cancel.")},
    )
