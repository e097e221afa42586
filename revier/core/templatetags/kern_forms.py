"""KERN form fields.

`{% kern_field field %}` writes exactly what `{% include "core/includes/fields/field.html" %}`
writes (tests/core/test_kern_fields.py compares both for every kind of field, with and without
value, help text and errors), in Python: a field through the four nested templates costs
0.12–0.3 ms, about half of a refused registration POST's rendering (docs/performance.md). The
templates stay the reference and the fallback for forms that include them.
"""

import html

from django import forms, template
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from revier.core.form_renderer import render_input, render_textarea

register = template.Library()


def _kern_attrs(field, field_id: str, help_text, errors) -> dict:
    css = "kern-form-input__input"
    attrs = {}
    described_by = []
    if help_text:
        described_by.append(f"{field_id}-hint")
    if errors:
        css += " kern-form-input__input--error"
        described_by.append(f"{field_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    attrs["class"] = css
    return attrs


@register.simple_tag
def kern_widget(field):
    """Renders a form field's widget the KERN way: input class, error state, and the hint and the
    error linked to the input with aria-describedby so that screen readers read them with it."""
    return field.as_widget(attrs=_kern_attrs(field, field.id_for_label, field.help_text, field.errors))


# Widgets whose HTML _plain_widget writes itself: what BoundField.as_widget and the widget's
# get_context do for them, without the layers (form_renderer.render_input writes the tag).
_PLAIN_WIDGETS = (forms.TextInput, forms.EmailInput, forms.Textarea)


def _plain_widget(field, field_id: str, help_text, errors) -> str:
    widget, form_field = field.field.widget, field.field
    if type(widget) not in _PLAIN_WIDGETS or form_field.localize or form_field.disabled:
        return field.as_widget(attrs=_kern_attrs(field, field_id, help_text, errors))
    attrs = _kern_attrs(field, field_id, help_text, errors)
    if form_field.required and field.form.use_required_attribute:
        attrs["required"] = True
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    value = field.value()
    context = {
        "name": field.html_name,
        "value": None if value == "" or value is None else str(value),
        "attrs": {**widget.attrs, **attrs},
    }
    if type(widget) is forms.Textarea:
        return render_textarea(context)
    return render_input({**context, "type": widget.input_type})


_INVALID = ' aria-invalid="true"'


def _text(value) -> str:
    # {{ value }} in a template: localized, then escaped unless marked safe (plain text directly:
    # Django's escape() is html.escape() behind two wrappers).
    if type(value) is str:
        return html.escape(value)
    if isinstance(value, Promise):  # a lazy translation: what conditional_escape does with it
        return html.escape(str(value))
    return conditional_escape(localize(value))


def _required_marker() -> str:
    # gettext outside the f-string: makemessages (xgettext) does not look inside f-strings.
    required = _text(gettext("required"))
    return f' <span class="kern-label__required">({required})</span>'


def _label_marker(field) -> str:
    if field.field.required:
        return _required_marker()
    optional = _text(gettext("optional"))
    return f' <span class="kern-label__optional">– {optional}</span>'


def _error(field_id: str, errors) -> str:
    joined = " ".join(_text(error) for error in errors)
    return (f'<p class="kern-error" id="{field_id}-error"><span class="kern-icon kern-icon--danger '
            f'kern-icon--default" aria-hidden="true"></span><span class="kern-body">{joined}</span></p>')


def _described_by(field_id: str, help_text, errors) -> str:
    if not (help_text or errors):
        return ""
    ids = " ".join(([f"{field_id}-hint"] if help_text else []) + ([f"{field_id}-error"] if errors else []))
    return f' aria-describedby="{ids}"'


def _input(field) -> str:
    errors, help_text, field_id = field.errors, field.help_text, _text(field.id_for_label)
    return (
        f'<div class="kern-form-input{" kern-form-input--error" if errors else ""}">\n'
        f'  <label class="kern-label" for="{field_id}">{_text(field.label)}{_label_marker(field)}</label>\n'
        f'  {f"""<div class="kern-hint" id="{field_id}-hint">{_text(help_text)}</div>""" if help_text else ""}\n'
        f'  {_error(field_id, errors) if errors else ""}\n'
        f"  {_plain_widget(field, field.id_for_label, help_text, errors)}\n"
        "</div>\n"
    )


def _checkbox(field) -> str:
    errors, help_text, field_id = field.errors, field.help_text, _text(field.id_for_label)
    error_class = " kern-form-check__checkbox--error" if errors else ""
    required = _required_marker() if field.field.required else ""
    return (
        f'<div class="kern-form-check{" kern-form-check--error" if errors else ""}">\n'
        f'  <input class="kern-form-check__checkbox{error_class}" type="checkbox" name="{_text(field.html_name)}" '
        f'id="{field_id}" value="on"{" checked" if field.value() else ""}{_INVALID if errors else ""}'
        f"{_described_by(field_id, help_text, errors)}>\n"
        f'  <label class="kern-label" for="{field_id}">{_text(field.label)}{required}</label>\n'
        f'  {f"""<div class="kern-hint check-hint" id="{field_id}-hint">{_text(help_text)}</div>""" if help_text else ""}\n'
        f'  {_error(field_id, errors) if errors else ""}\n'
        "</div>\n"
    )


def _choices(field) -> str:
    errors, help_text, field_id = field.errors, field.help_text, _text(field.auto_id)
    kind = _text(field.field.widget.input_type)
    box = "radio" if field.field.widget.input_type == "radio" else "checkbox"
    input_class = f"kern-form-check__{box}" + (f" kern-form-check__{box}--error" if errors else "")
    name = _text(field.html_name)
    choices = "".join(
        "\n    <div class=\"kern-form-check\">\n"
        f'      <input class="{input_class}" type="{kind}" name="{name}" id="{_text(choice.id_for_label)}" '
        f'value="{_text(choice.data["value"])}"{" checked" if choice.data["selected"] else ""}>\n'
        f'      <label class="kern-label" for="{_text(choice.id_for_label)}">{_text(choice.choice_label)}</label>\n'
        "    </div>\n    "
        for choice in field
    )
    return (
        f'<fieldset class="kern-fieldset{" kern-fieldset--error" if errors else ""}" id="{field_id}"'
        f"{_described_by(field_id, help_text, errors)}>\n"
        f'  <legend class="kern-label">{_text(field.label)}{_label_marker(field)}</legend>\n'
        f'  {f"""<div class="kern-hint" id="{field_id}-hint">{_text(help_text)}</div>""" if help_text else ""}\n'
        f'  {_error(field_id, errors) if errors else ""}\n'
        '  <div class="kern-fieldset__body">\n'
        f"    {choices}\n"
        "  </div>\n"
        "</fieldset>\n"
    )


def _select(field) -> str:
    errors, help_text, field_id = field.errors, field.help_text, _text(field.id_for_label)
    current = field.value()
    options = "".join(
        f'<option value="{_text(value)}"{" selected" if value == current else ""}>{_text(label)}</option>'
        for value, label in field.field.choices
    )
    return (
        f'<div class="kern-form-input{" kern-form-input--error" if errors else ""}">\n'
        f'  <label class="kern-label" for="{field_id}">{_text(field.label)}{_label_marker(field)}</label>\n'
        f'  {f"""<div class="kern-hint" id="{field_id}-hint">{_text(help_text)}</div>""" if help_text else ""}\n'
        f'  {_error(field_id, errors) if errors else ""}\n'
        '  <div class="kern-form-input__select-wrapper">\n'
        f'    <select class="kern-form-input__select{" kern-form-input__select--error" if errors else ""}" '
        f'name="{_text(field.html_name)}" id="{field_id}"{_INVALID if errors else ""}'
        f"{_described_by(field_id, help_text, errors)}>\n"
        f"      {options}\n"
        "    </select>\n"
        "  </div>\n"
        "</div>\n"
    )


def render_field(field) -> str:
    """The HTML of core/includes/fields/field.html for the bound field `field`, marked safe."""
    widget = field.field.widget
    input_type = getattr(widget, "input_type", None)
    if input_type == "radio" or (getattr(widget, "allow_multiple_selected", False) and input_type == "checkbox"):
        html = _choices(field)
    elif input_type == "checkbox":
        html = _checkbox(field)
    elif input_type == "select":
        html = _select(field)
    else:
        html = _input(field)
    return mark_safe(html + "\n")  # field.html ends with a line break after the include


@register.simple_tag
def kern_field(field):
    """{% kern_field field %}: the field as core/includes/fields/field.html renders it (see the module docstring)."""
    return render_field(field)


def _alert(title, body: str) -> str:
    return (
        '\n<div class="kern-alert kern-alert--danger" role="alert" id="fehler" tabindex="-1" data-error-summary>\n'
        '  <div class="kern-alert__header"><span class="kern-icon kern-icon--danger" aria-hidden="true"></span>'
        f'<span class="kern-title">{_text(title)}</span></div>\n'
        f"{body}"
        "</div>\n"
    )


@register.simple_tag(takes_context=True)
def form_alerts(context, domain_error_title=""):
    """{% form_alerts %}: what `{% include "core/includes/form_alerts.html" %}` writes (the alert
    above a public form: rate limit, domain error, or the list of field errors linking to the
    fields), in Python like kern_field; tests/core/test_kern_fields.py compares both."""
    if context.get("rate_limited"):
        body = f'  <div class="kern-alert__body"><p class="kern-body">{_text(context.get("rate_limit_message"))}</p></div>\n'
        return mark_safe(_alert(gettext("Too many attempts"), body) + "\n")
    if domain_error := context.get("domain_error"):
        body = f'  <div class="kern-alert__body"><p class="kern-body">{_text(domain_error)}</p></div>\n'
        title = domain_error_title or gettext("Your request could not be completed")
        return mark_safe(_alert(title, body) + "\n")
    form = context.get("form")
    if not form or not form.errors:
        return mark_safe("\n")
    items = "".join(
        f'\n      <li><a class="kern-link" href="#{_text(field.id_for_label) if field.id_for_label else _text(field.auto_id) + "_0"}">'
        f"{_text(field.label)}: {_text(field.errors[0])}</a></li>\n      "
        for field in form.visible_fields()
        if field.errors and field.name != "website"
    )
    others = "".join(f"<li>{_text(error)}</li>" for error in form.non_field_errors())
    body = f'  <div class="kern-alert__body">\n    <ul class="kern-body">\n      {items}\n      {others}\n    </ul>\n  </div>\n'
    return mark_safe(_alert(gettext("Please check your entries"), body) + "\n")
