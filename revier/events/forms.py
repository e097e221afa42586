"""Forms of the public registration and the self-service page. They validate and hand plain values
to the services; every message is German, next to its field (CONVENTIONS: errors say what to do)."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from revier.core.forms import (
    HoneypotMixin,
    KernForm,
    PersonNameMixin,
    QuestionsMixin,
    answer_field,
    email_field,
    fields_in_language,
    honeypot_field,
    question_field_name,
    text_field,
    tidy_widgets,
)
from revier.events.consents import CONSENTS
from revier.events.models import Question, Registration, Sector
from revier.events.options import option_field_name
from revier.events.services import RegistrationInput


def question_field(question: Question) -> forms.Field:
    """The form field for one of the event's own questions."""
    field = answer_field(
        kind=question.kind, label=question.text, required=question.required,
        choices=question.choice_list, help_text=question.help_text,
    )
    field.question = question
    return field


def person_fields(questions) -> dict[str, forms.Field]:
    """Name, organisation, function, sector and a field for each of the event's questions."""
    fields = {
        "first_name": text_field(
            _("First name"), max_length=100, required_message=_("Please enter your first name."),
            autocomplete="given-name",
        ),
        "last_name": text_field(
            _("Last name"), max_length=100, required_message=_("Please enter your last name."),
            autocomplete="family-name",
        ),
        "organisation": text_field(_("Organisation"), max_length=200, required=False, autocomplete="organization"),
        "function": text_field(_("Function"), max_length=200, required=False, autocomplete="organization-title"),
        "sector": forms.ChoiceField(
            label=_("Sector"),
            choices=[("", _("Please choose"))] + list(Sector.choices),
            error_messages={
                "required": _("Please choose the sector you work in."),
                "invalid_choice": _("Please choose one of the listed sectors."),
            },
        ),
    }
    fields["function"].help_text = _("E.g. managing director, project lead, mayor.")
    for question in questions:
        fields[question_field_name(question)] = question_field(question)
    return fields


class PersonFieldsMixin(PersonNameMixin, QuestionsMixin):
    """Name, organisation, function, sector and the event's questions: what a person gives when
    registering and may change later on the self-service page."""

    # No `required` attributes: the browser's bubbles would pre-empt our German messages.
    use_required_attribute = False

    def _add_person_fields(self, questions):
        self.questions = list(questions)
        self.fields.update(person_fields(self.questions))


def _registration_fields(categories, questions, options=()) -> dict[str, forms.Field]:
    """The registration form's fields in their order, without input."""
    fields = {"email": email_field(help_text=_("We send you a link to confirm your registration to this address."))}
    fields.update(person_fields(questions))
    fields["category"] = forms.TypedChoiceField(
        label=_("Ticket category"),
        coerce=int,
        choices=[(str(category.pk), category.name) for category in categories],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Please choose a ticket category."),
            "invalid_choice": _("Please choose one of the listed ticket categories."),
        },
    )
    fields["join_waitlist"] = forms.BooleanField(
        label=_("Put me on the waiting list if the category is fully booked"),
        required=False,
        help_text=_("When a seat becomes free, we move you up automatically and write to you."),
    )
    for option in options:
        fields[option_field_name(option)] = forms.BooleanField(
            label=option.label, help_text=option.help_text, required=False, initial=False
        )
    for kind, (_version, text) in CONSENTS.items():
        fields[f"consent_{kind}"] = forms.BooleanField(label=text, required=False, initial=False)
    fields["website"] = honeypot_field()
    order = ["first_name", "last_name", "email", "organisation", "function", "sector", "category", "join_waitlist"]
    order += [option_field_name(option) for option in options]
    order += [question_field_name(q) for q in questions]
    order += [f"consent_{kind}" for kind in CONSENTS] + ["website"]
    fields = {name: fields[name] for name in order}
    for field in fields.values():  # what tidy_widgets does for a form
        field.widget.attrs.pop("maxlength", None)
        field.widget.attrs.pop("required", None)
    return fields


# The fields of each event's form, built once per registration setup (events.selectors keeps the
# setup's categories and questions per content generation) and shared by every form of it: building
# them cost a refused post in a rush about 0.6 ms, copying them (as Django copies a form class's
# fields) still a sixth of the post. Validating and rendering a form reads its fields and never
# changes them, and RegistrationForm changes none after building them
# (tests/events/test_registration_form_fields.py). Their texts are translated once, for the
# language they were built in. {(id(categories), language): (categories, questions, options, fields)}
_field_sets: dict[int, tuple[tuple, tuple, tuple, dict[str, forms.Field]]] = {}
_FIELD_SETS_MAX = 200


def _fields_for(categories: tuple, questions: tuple, options: tuple) -> dict[str, forms.Field]:
    language = get_language()
    key = (id(categories), language)
    entry = _field_sets.get(key)
    if entry is None or entry[0] is not categories or entry[1] is not questions or entry[2] is not options:
        if len(_field_sets) >= _FIELD_SETS_MAX:
            _field_sets.clear()
        entry = _field_sets[key] = (
            categories, questions, options, fields_in_language(_registration_fields(categories, questions, options))
        )
    return entry[3]


class RegistrationForm(HoneypotMixin, PersonFieldsMixin, forms.Form):
    """The public registration form for the event's `categories`. A full category can be chosen
    only together with the waiting list: `availabilities` returns {category id: Availability} and
    is called only when that needs checking (a category with a limit, the box not ticked)."""

    def __init__(self, *args, categories, availabilities, questions, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        self.questions = list(questions)
        self.options = tuple(options)
        self._availabilities = availabilities
        if isinstance(categories, tuple) and isinstance(questions, tuple) and isinstance(options, tuple):
            self.fields = dict(_fields_for(categories, questions, options))  # shared fields, see above
        else:
            self.fields = _registration_fields(self.categories, self.questions, self.options)
        if len(self.categories) == 1 and not self.is_bound:
            self.initial.setdefault("category", str(self.categories[0].pk))

    @property
    def consent_fields(self):
        return [self[f"consent_{kind}"] for kind in CONSENTS]

    @property
    def option_fields(self):
        return [self[option_field_name(option)] for option in self.options]

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
            options=frozenset(option.key for option in self.options if data.get(option_field_name(option))),
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
