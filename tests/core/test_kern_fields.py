"""{% kern_field %} writes exactly what core/includes/fields/field.html writes, for every kind of field
and state: unbound and bound, with and without value, help text, errors and required marker, with
text that needs escaping in labels, values, choices, hints and errors."""

import pytest
from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from revier.core.forms import answer_field, email_field, text_field, tidy_widgets

AWKWARD = "Müller & Söhne <b>\"zitiert\"</b> 'einfach'"


def _fields():
    return {
        "text": text_field("Vorname", max_length=10, required_message="Bitte Vorname."),
        "optional": text_field(gettext_lazy("Organisation"), max_length=200, required=False, autocomplete="organization"),
        "email": email_field(help_text="Wir schreiben Ihnen <hierhin> & dorthin."),
        "textarea": answer_field(kind="text", label=AWKWARD, required=False, help_text="Freitext"),
        "select": forms.ChoiceField(label="Bereich", choices=[("", "Bitte wählen"), ("a", "A & B"), ("b", "<b>")]),
        "radio": answer_field(kind="single", label="Welcher?", required=True, choices=["Eins", AWKWARD]),
        "typed_radio": forms.TypedChoiceField(label="Kategorie", coerce=int, choices=[("1", "Vor Ort"), ("2", "Online")],
                                              widget=forms.RadioSelect, help_text="Hinweis"),
        "multiple": answer_field(kind="multiple", label="Welche?", required=False, choices=["x", "y <z>", "w"]),
        "yesno": answer_field(kind="yesno", label="Ja oder nein?", required=False, help_text=mark_safe("<i>sicher</i>")),
        "box": forms.BooleanField(label="Auf die Warteliste", required=False, help_text="Wir rücken Sie nach."),
        "required_box": forms.BooleanField(label=mark_safe("Ich <b>stimme</b> zu"), required=True),
        "plain_box": forms.BooleanField(label="Ohne Hinweis", required=False),
        "own_id": forms.CharField(label="Eigene Id", widget=forms.TextInput(attrs={"id": "eigen", "placeholder": "<x>"})),
        "disabled": forms.CharField(label="Gesperrt", required=False, disabled=True, initial="fest"),
        "number": forms.DecimalField(label="Betrag", required=False, localize=True),
        "url": forms.URLField(label="Adresse", required=False, assume_scheme="https"),
    }


class Form(forms.Form):
    use_required_attribute = False

    def __init__(self, *args, required_attribute=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.use_required_attribute = required_attribute
        self.fields.update(_fields())
        tidy_widgets(self)

    def clean(self):
        cleaned = super().clean()
        if self.data.get("extra_error"):
            for name in ("box", "typed_radio", "optional"):
                self.add_error(name, forms.ValidationError(AWKWARD))
        return cleaned


DATA = [
    None,  # unbound
    {},  # bound, everything missing: required errors
    {"text": "viel zu langer Name", "optional": AWKWARD, "email": "kein@", "textarea": "Zeile 1\nZeile <2>",
     "select": "b", "radio": AWKWARD, "typed_radio": "2", "multiple": ["x", "w"], "yesno": "Ja", "box": "on",
     "required_box": "on", "plain_box": ""},
    {"text": "Alex", "email": "alex@example.org", "select": "zzz", "radio": "nicht da", "typed_radio": "7",
     "multiple": ["q"], "yesno": "Vielleicht", "extra_error": "1"},
    {"text": "  ", "optional": "", "email": "", "select": "", "typed_radio": "1", "box": "", "extra_error": "1"},
]


@pytest.mark.parametrize("required_attribute", [False, True], ids=["without-required", "with-required"])
@pytest.mark.parametrize("data", DATA, ids=["unbound", "empty", "filled", "invalid", "blank"])
@pytest.mark.parametrize("name", list(_fields()))
def test_kern_field_writes_what_the_field_template_writes(name, data, required_attribute):
    if data is not None:
        form = Form({**data, "number": "1234,5", "url": "<b>"} if data else data, required_attribute=required_attribute)
    else:
        form = Form(initial={"select": "a", "box": True, "text": "Vorbelegt", "number": 1234.5},
                    required_attribute=required_attribute)
    if data is not None:
        form.is_valid()
    field = form[name]
    expected = render_to_string("core/includes/fields/field.html", {"field": field})
    assert Template("{% load kern_forms %}{% kern_field field %}").render(Context({"field": field})) == expected


class AlertForm(Form):
    def clean(self):
        cleaned = super().clean()
        if self.data.get("non_field"):
            raise forms.ValidationError(["Etwas <stimmt> nicht.", "Und noch etwas."])
        return cleaned


ALERTS = [
    {},
    {"rate_limited": True, "rate_limit_message": AWKWARD, "domain_error": "egal"},
    {"domain_error": AWKWARD},
    {"domain_error": "Ausgebucht.", "domain_error_title": "Die Anmeldung ging nicht"},
    {"form": {}},
    {"form": {"text": "Alex", "email": "a@example.org", "select": "a", "radio": "Eins", "typed_radio": "1",
              "required_box": "on", "extra_error": "1"}},
    {"form": {"text": "Alex", "email": "a@example.org", "select": "a", "radio": "Eins", "typed_radio": "1",
              "required_box": "on", "non_field": "1"}},
    {"form": {"text": "Alex", "email": "a@example.org", "select": "a", "radio": "Eins", "typed_radio": "1",
              "required_box": "on"}},
    {"form": None},
]


@pytest.mark.parametrize("alerts", ALERTS, ids=range(len(ALERTS)))
def test_form_alerts_writes_what_the_alerts_template_writes(alerts):
    context = dict(alerts)
    if "form" in context:
        context["form"] = AlertForm(context["form"]) if context["form"] is not None else AlertForm()
        context["form"].is_valid()
    title = context.pop("domain_error_title", "")
    expected = render_to_string("core/includes/form_alerts.html", {**context, "domain_error_title": title})
    tag = Template("{% load kern_forms %}{% form_alerts domain_error_title=title %}")
    assert tag.render(Context({**context, "title": title})) == expected


def test_kern_field_is_used_by_the_registration_pages():
    """The registration form and the self-service page are written by events.rendering, which
    renders their fields with render_field (what {% kern_field %} renders) and the form's alert with
    form_alerts; neither template renders a field itself."""
    import inspect

    from django.template.loader import get_template

    from revier.events import rendering
    from revier.events.views import registration

    for name in ("events/registration/self_service.html", "events/registration/register.html"):
        assert "fields/field.html" not in get_template(name).template.source
    source = inspect.getsource(rendering)
    assert "render_field(" in source and "def self_service_html" in source
    assert "form_alerts(" in inspect.getsource(registration)
