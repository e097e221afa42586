"""The portal's one search ("Revier durchsuchen", issue 13 §1): every app's public rows, grouped by
kind, through the providers the apps register (core.site_search).

Without a kind (`art`) the page shows every kind's number of hits and its best OVERVIEW_HITS; with a
kind, that kind's hits a page at a time (PAGE_SIZE). The number of every kind is shown in both, as the
filter. Nothing found: the nearest known words ("Meinten Sie …") and the lists of every kind."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString

from revier.core.site_search import (
    SearchHit, SearchProvider, Vocabulary, excerpt, highlight, kept_per_generation, search_providers, suggestion,
)

OVERVIEW_HITS = 3
PAGE_SIZE = 10


@dataclass(frozen=True)
class ShownHit:
    """A hit as the page writes it: title and excerpt escaped, the matching words marked."""

    title: SafeString
    url: str
    text: SafeString
    meta: str
    lang: str = ""
    text_lang: str = ""


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    count: int
    list_url: str
    number: int = 1
    num_pages: int = 1
    hits: tuple[ShownHit, ...] = ()


@dataclass(frozen=True)
class SearchPage:
    query: str
    kind: str  # the kind filtered on, "" for all
    total: int
    groups: tuple[Group, ...]  # every kind, in the page's order, with its count
    suggestion: str | None = None  # "Meinten Sie …": a search that may find something

    @property
    def shown(self) -> tuple[Group, ...]:
        """The groups whose hits the page lists."""
        return tuple(group for group in self.groups if group.hits)


def _shown(hit: SearchHit, query: str) -> ShownHit:
    return ShownHit(title=highlight(hit.title, query), url=hit.url, text=highlight(excerpt(hit.text, query), query),
                    meta=hit.meta, lang=hit.lang, text_lang=hit.text_lang)


def _group(provider: SearchProvider, query: str, *, number: int, per_page: int, with_hits: bool) -> Group:
    results = provider.search(query=query, number=number, per_page=per_page, with_hits=with_hits)
    return Group(
        kind=provider.kind, label=str(provider.label), count=results.count, list_url=reverse(provider.list_url_name),
        number=results.number, num_pages=max(1, -(-results.count // per_page)),
        hits=tuple(_shown(hit, query) for hit in results.hits) if with_hits else (),
    )


def _vocabulary() -> Vocabulary:
    return Vocabulary(text for provider in search_providers() for text in provider.vocabulary())


_kept_vocabulary = kept_per_generation(_vocabulary)


def search_kinds() -> list[tuple[str, str]]:
    """(kind, label) of every kind the search finds, in the page's order."""
    return [(provider.kind, str(provider.label)) for provider in search_providers()]


def list_links() -> list[tuple[str, str]]:
    """(label, address of the kind's own list) of every kind: the next step when nothing is found."""
    return [(str(provider.label), reverse(provider.list_url_name)) for provider in search_providers()]


def search_page(*, query: str, kind: str = "", number: int = 1) -> SearchPage:
    """The search page for `query` (core.text.clean_query), all kinds or one (`kind`, an unknown one counts as
    all). Every provider is asked once; their queries do not grow with the data."""
    providers = search_providers()
    if kind not in {provider.kind for provider in providers}:
        kind = ""
    groups = []
    for provider in providers:
        if provider.kind == kind:
            groups.append(_group(provider, query, number=number, per_page=PAGE_SIZE, with_hits=True))
        else:
            groups.append(_group(provider, query, number=1, per_page=OVERVIEW_HITS, with_hits=not kind))
    total = sum(group.count for group in groups)
    found_suggestion = None
    if total == 0:
        found_suggestion = suggestion(query, _kept_vocabulary())
    return SearchPage(query=query, kind=kind, total=total, groups=tuple(groups), suggestion=found_suggestion)
