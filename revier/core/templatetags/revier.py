from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from revier.core import dates, fragments, slots
from revier.core.text import OG_LOCALES, german_content_lang, shown_field, shown_language

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


@register.simple_tag
def german_content():
    """` lang="de"` inside an English page on an element with German content (core.text.german_content_lang)."""
    return mark_safe(german_content_lang())


@register.filter
def shown(obj, field):
    """`{{ event|shown:"title" }}`: the field in the page's language where editors gave an English
    version (`title_en`), else the German one (core.text.shown_field)."""
    return shown_field(obj, field)[0]


@register.simple_tag
def shown_lang(obj, field):
    """`<h1{% shown_lang event "title" %}>`: ` lang="de"` where an English page shows the German
    version of the field (core.text.shown_field), else nothing."""
    return mark_safe(shown_field(obj, field)[1])


@register.simple_tag
def og_locale(obj, field):
    """Open Graph's locale of the language in which the page shows `obj`'s field (its title)."""
    return OG_LOCALES.get(shown_language(obj, field), "de_DE")


@register.filter
def german_text(value) -> str:
    """`value` (escaped) in a `<span lang="de">` inside an English page, for German content within
    running text (a topic's name in "News on …"); as it is on a German page."""
    lang = german_content_lang()
    return format_html("<span{}>{}</span>", mark_safe(lang), value) if lang else conditional_escape(value)


@register.filter
def local_datetime(value, name: str = "DATETIME_FORMAT") -> str:
    """A date and time of day in the page's language: "27. November 2026, 10:00 Uhr" / "27 November 2026, 10:00";
    `name`: another format that ends with the time (`|local_datetime:"SHORT_DATETIME_FORMAT"`)."""
    return dates.local_datetime(value, name)


@register.filter
def local_span(start, end) -> str:
    """A slot: "27. November 2026, 10:00–11:00 Uhr" / "27 November 2026, 10:00–11:00"."""
    return dates.local_span(start, end)


@register.filter
def local_date(value, name: str = "DATE_FORMAT") -> str:
    """A date in one of the format modules' patterns (core.dates.local_format), e.g.
    `|local_date:"WEEKDAY_DATETIME_FORMAT"`; Django's `date` filter knows only its own names."""
    return dates.local_format(value, name)


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


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary, max_seconds):
        self.nodelist, self.name, self.vary, self.max_seconds = nodelist, name, vary, max_seconds

    def render(self, context):
        vary = [value.resolve(context) for value in self.vary]
        max_seconds = None if self.max_seconds is None else self.max_seconds.resolve(context)
        max_seconds = None if max_seconds is None else int(max_seconds)  # None: no limit of its own
        return fragments.fragment(self.name, vary, lambda: self.nodelist.render(context), max_seconds=max_seconds)


@register.tag("fragment")
def do_fragment(parser, token):
    """{% fragment "name" value … [max_seconds=N] %}…{% endfragment %}: the part between the tags,
    rendered once per content generation, language and values (core.fragments). Nothing personal
    or reader-dependent (CSRF token, form input, staff links) may be inside."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("{% fragment %} needs a quoted name first.")
    max_seconds = None
    vary = []
    for bit in bits[2:]:
        if bit.startswith("max_seconds="):
            max_seconds = parser.compile_filter(bit.removeprefix("max_seconds="))
        else:
            vary.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    # The template's name keeps equal names in different templates apart.
    return FragmentNode(nodelist, f"{parser.origin.template_name}:{bits[1][1:-1]}", vary, max_seconds)
