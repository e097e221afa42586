from django import template
from django.utils.http import urlencode

from revier.core import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (page links keep topic and search)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "" or (key == "page" and value == 1):
            params.pop(key, None)
        else:
            params[key] = value
    query = urlencode(sorted(params.lists()), doseq=True)
    return f"?{query}" if query else "?"


@register.filter
def page_range(page_obj):
    """Page numbers around the current one, with None where numbers are left out."""
    paginator = page_obj.paginator
    elided = paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    return [None if number == paginator.ELLIPSIS else number for number in elided]


@register.simple_tag
def slot_templates(name):
    """The templates higher apps registered for the slot `name` (core.slots), to include in order."""
    return slots.slot_templates(name)
