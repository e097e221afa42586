"""The fast form renderer writes exactly the HTML of Django's widget templates."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from revier.core.form_renderer import INPUT_TEMPLATES, FastInputRenderer

WIDGETS = [
    forms.TextInput(),
    forms.TextInput(attrs={"class": "kern-form-input__input", "aria-invalid": "true", "maxlength": 200}),
    forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false", "required": True, "disabled": False}),
    forms.URLInput(attrs={"placeholder": "https://…", "data-x": '"><script>'}),
    forms.NumberInput(attrs={"min": 0, "step": 1}),
    forms.PasswordInput(render_value=True),
    forms.HiddenInput(),
    forms.DateInput(),
    forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    forms.TimeInput(),
    forms.DateTimeInput(),
    forms.Textarea(),
    forms.Textarea(attrs={"rows": 4, "aria-describedby": "x-hint x-error"}),
]
VALUES = [
    None,
    "",
    "Müller & Söhne <b>\"zitiert\"</b> 'einfach'",
    mark_safe("<b>sicher</b>"),
    42,
    0,
    3.5,
    datetime.date(2026, 11, 25),
    datetime.datetime(2026, 11, 25, 9, 30),
    datetime.time(9, 30),
    "  Leerzeichen  ",
]


@pytest.mark.parametrize("widget", WIDGETS, ids=lambda w: f"{type(w).__name__}{sorted(w.attrs)}")
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_same_html_as_django_templates(widget, value):
    attrs = {"id": "id_feld", "class": "extra"} if isinstance(value, int) else {"id": "id_feld"}
    expected = widget.render("feld", value, attrs=attrs, renderer=DjangoTemplates())
    assert widget.render("feld", value, attrs=attrs, renderer=FastInputRenderer()) == expected


def test_bound_form_with_errors_renders_the_same():
    class Form(forms.Form):
        name = forms.CharField(max_length=10, help_text="Hinweis")
        email = forms.EmailField()
        text = forms.CharField(widget=forms.Textarea, required=False)
        choice = forms.ChoiceField(choices=[("a", "A"), ("b", "B <b>")], widget=forms.RadioSelect)
        box = forms.BooleanField(required=False)

    data = {"name": "viel zu lang <x>", "email": "kein@", "text": "Zeile 1\nZeile <2>", "choice": "b"}
    assert Form(data, renderer=FastInputRenderer()).as_div() == Form(data, renderer=DjangoTemplates()).as_div()


def test_the_fast_templates_are_nothing_but_input_html():
    """If Django changes a widget template, the fast path must be checked again."""
    engine = DjangoTemplates().engine
    for name in INPUT_TEMPLATES - {"django/forms/widgets/input.html"}:
        source = engine.get_template(name).template.source.strip()
        assert source == '{% include "django/forms/widgets/input.html" %}', name
    assert engine.get_template("django/forms/widgets/input.html").template.source.strip() == (
        '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %} '
        "value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
        '{% include "django/forms/widgets/attrs.html" %}>'
    )


def test_the_site_uses_it(settings):
    from django.forms.renderers import get_default_renderer

    assert settings.FORM_RENDERER == "revier.core.form_renderer.FastInputRenderer"
    assert isinstance(get_default_renderer(), FastInputRenderer)
