"""What the forms of every app share: the KERN form base, text and e-mail fields with our German
messages, the honeypot, the "send the link again" form, and the fields for an app's own questions
(an event's registration questions, a contingent's eligibility questions) with their answers."""


from django import forms
from django.utils.translation import gettext_lazy as _

TOO_LONG = _("Please shorten your entry to at most %(limit_value)d characters (it has %(show_value)d).")
ANSWER_MAX_LENGTH = 1000
YES, NO = "Ja", "Nein"  # stored as shown: the organisers' exports read them as they are
SINGLE, MULTIPLE, YES_NO = "single", "multiple", "yesno"  # kinds of questions; any other kind is a text
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


def question_field_name(question) -> str:
    return f"frage_{question.pk}"


def answer_field(*, kind: str, label, required: bool, choices=(), help_text="") -> forms.Field:
    """The field for one of an app's own questions: SINGLE (radio buttons), MULTIPLE (checkboxes),
    YES_NO (Ja/Nein, stored as shown) or, for any other kind, a text of at most ANSWER_MAX_LENGTH."""
    common = {"label": label, "required": required, "help_text": help_text}
    if kind == SINGLE:
        field = forms.ChoiceField(choices=[(c, c) for c in choices], widget=forms.RadioSelect, **common)
        field.error_messages["invalid_choice"] = _("Please choose one of the offered answers.")
    elif kind == MULTIPLE:
        field = forms.MultipleChoiceField(choices=[(c, c) for c in choices], widget=forms.CheckboxSelectMultiple, **common)
        field.error_messages["invalid_choice"] = _("Please choose only from the offered answers.")
        field.error_messages["invalid_list"] = _("Please choose only from the offered answers.")
    elif kind == YES_NO:
        field = forms.ChoiceField(choices=[(YES, _("Yes")), (NO, _("No"))], widget=forms.RadioSelect, **common)
        field.error_messages["invalid_choice"] = _("Please answer with yes or no.")
    else:
        field = forms.CharField(max_length=ANSWER_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}), **common)
        field.error_messages["max_length"] = TOO_LONG
    field.error_messages["required"] = _("Please answer this question.")
    return field


class PersonNameMixin:
    """First and last name are required; spaces only are no name."""

    def _required_text(self, name, message):
        value = (self.cleaned_data.get(name) or "").strip()
        if not value:
            raise forms.ValidationError(message, code="required")
        return value

    def clean_first_name(self):
        return self._required_text("first_name", _("Please enter your first name."))

    def clean_last_name(self):
        return self._required_text("last_name", _("Please enter your last name."))


class QuestionsMixin:
    """For a form with an app's own questions in `self.questions`, each in the field named
    question_field_name(question)."""

    questions: list = []

    @property
    def question_fields(self):
        return [self[question_field_name(q)] for q in self.questions]

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


def fields_in_language(fields: dict[str, forms.Field]) -> dict[str, forms.Field]:
    """`fields` with their lazy texts (labels, help texts, error messages, choice labels) turned
    into plain strings of the active language. For a set of fields built once and shared by every
    form: rendering and validating them then translates nothing per request."""
    for field in fields.values():
        if field.label is not None:
            field.label = str(field.label)
        field.help_text = str(field.help_text)
        field.error_messages = {key: str(message) for key, message in field.error_messages.items()}
        if isinstance(field, forms.ChoiceField) and all(not isinstance(label, (list, tuple)) for _, label in field.choices):
            field.choices = [(value, str(label)) for value, label in field.choices]
    return fields


class EraseForm(KernForm):
    """The one tick that confirms "delete my data now" (core.views.personal_data_views)."""

    confirm = forms.BooleanField(
        label=_("Yes, delete my data now"),
        error_messages={"required": _("Please tick the box to confirm that your data are to be deleted.")},
    )
