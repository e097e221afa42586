"""Django's form renderer, with the plain `<input>` and `<textarea>` widgets written in Python.

Django renders every widget through two or three small templates (`text.html` includes
`input.html`, which includes `attrs.html` with a loop over the attributes): about 0.35 ms per text
field, a fifth of the CPU of a refused registration POST, which re-renders the whole form
(docs/performance.md, "in-process profile"). `FastInputRenderer` writes exactly the HTML those
templates give (tests/core/test_form_renderer.py compares both for every such widget) and hands
every other template (radio lists, selects, the admin's widgets, form and field templates) to
Django's renderer unchanged. The default renderer's engine searches Django's own form templates
first, so a project template of the same name could not have replaced these anyway.
"""

import html

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

_WIDGETS = "django/forms/widgets/"
# The templates that are nothing but input.html (Django 5.2's text.html, email.html, …).
INPUT_TEMPLATES = frozenset(
    f"{_WIDGETS}{name}.html"
    for name in ("input", "text", "email", "url", "number", "password", "hidden", "search", "tel", "date", "time", "datetime")
)
TEXTAREA_TEMPLATE = f"{_WIDGETS}textarea.html"


def _escape(value) -> str:
    # conditional_escape(); plain text directly (Django's escape() is html.escape() behind two
    # wrappers, and an input has a dozen attributes).
    return html.escape(value) if type(value) is str else conditional_escape(value)


def _format(value) -> str:
    # {{ value|stringformat:'s' }}: "%s" % value, escaped unless the value is marked safe.
    text = "%s" % (value,)
    return text if isinstance(value, SafeData) else html.escape(text)


def _attrs(attrs: dict) -> str:
    # attrs.html: ` name="value"`, a bare ` name` for True, nothing for False.
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_escape(name)}" if value is True else f' {_escape(name)}="{_format(value)}"')
    return "".join(parts)


def render_input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_format(widget["value"])}"'
    return f'<input type="{_escape(widget["type"])}" name="{_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def render_textarea(widget: dict) -> str:
    value = _escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


class FastInputRenderer(DjangoTemplates):
    """Django's DjangoTemplates renderer; `<input>` and `<textarea>` widgets without a template."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None:
            if template_name in INPUT_TEMPLATES:
                return mark_safe(render_input(widget))
            if template_name == TEXTAREA_TEMPLATE and (widget["value"] is None or isinstance(widget["value"], str)):
                return mark_safe(render_textarea(widget))
        return super().render(template_name, context, request=request)
