"""Page links of a list, written in Python: what core/includes/pagination.html writes (and core's
`{% query_with %}` / `page_range`), without the template engine's cost per node. Used by the news
list and the network directory (tests/news/test_rendering.py compares it with the template)."""

from html import escape
from urllib.parse import urlencode

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext


def page_range(number: int, num_pages: int, *, on_each_side: int = 2, on_ends: int = 1) -> list[int | None]:
    """Page numbers around the current one, None where numbers are left out: the same as Django's
    Paginator.get_elided_page_range (and core's page_range filter) without a Paginator."""
    if num_pages <= (on_each_side + on_ends) * 2:
        return list(range(1, num_pages + 1))
    numbers: list[int | None] = []
    if number > (1 + on_each_side + on_ends) + 1:
        numbers += [*range(1, on_ends + 1), None, *range(number - on_each_side, number + 1)]
    else:
        numbers += range(1, number + 1)
    if number < (num_pages - on_each_side - on_ends) - 1:
        numbers += [*range(number + 1, number + on_each_side + 1), None, *range(num_pages - on_ends + 1, num_pages + 1)]
    else:
        numbers += range(number + 1, num_pages + 1)
    return numbers


def _page_queries(params: list[tuple[str, str]]):
    # What core's {% query_with page=n %} writes: the parameters sorted by name ("page" < "q" <
    # "thema"), page 1 without "page".
    rest = escape(urlencode(sorted(params)))
    first = f"?{rest}" if rest else "?"
    return lambda number: first if number == 1 else f"?page={number}&amp;{rest}" if rest else f"?page={number}"


def pagination_html(number: int, num_pages: int, *, params: list[tuple[str, str]]) -> SafeString:
    """The page links of core/includes/pagination.html; `params`: the list's other query parameters."""
    if num_pages <= 1:
        return mark_safe("")
    page_label = escape(gettext("Page"))
    previous_label, next_label = escape(gettext("Previous page")), escape(gettext("Next page"))
    pages_label = escape(gettext("Pages"))
    query = _page_queries(params)
    items = []
    if number > 1:
        items.append(
            f'<li><a class="kern-link" href="{query(number - 1)}" rel="prev">{previous_label}</a></li>'
        )
    for n in page_range(number, num_pages):
        if n is None:
            items.append('<li aria-hidden="true">…</li>')
        elif n == number:
            items.append(
                f'<li><a class="pagination__page" href="{query(n)}" aria-current="page">'
                f'<span class="kern-sr-only">{page_label} </span>{n}</a></li>'
            )
        else:
            items.append(
                f'<li><a class="kern-link pagination__page" href="{query(n)}">'
                f'<span class="kern-sr-only">{page_label} </span>{n}</a></li>'
            )
    if number < num_pages:
        items.append(
            f'<li><a class="kern-link" href="{query(number + 1)}" rel="next">{next_label}</a></li>'
        )
    status = escape(gettext("Page %(number)s of %(total)s") % {"number": number, "total": num_pages})
    return mark_safe(
        f'<nav class="pagination" aria-label="{pages_label}">\n  <ul>\n    '
        + "\n    ".join(items)
        + f'\n  </ul>\n  <p class="kern-body--small">{status}</p>\n</nav>'
    )
