"""The portal's one search ("Revier durchsuchen", issue 13 §1): what each app contributes to it.

Core imports no app (docs/architecture.md, "Parts and boundaries"), so every app that has something
to find registers a `SearchProvider` in its `AppConfig.ready` (`register_search_provider`), and the
portal's search page asks each of them. A provider answers for one kind of result (news, events,
profiles, …): how many public rows match the words, and one page of them as `SearchHit`s.

How a provider searches is its own: news and the network search their stored German full-text
columns (PostgreSQL's `german` configuration, German Snowball stems on SQLite: news.selectors,
network.search), the same searches as their own pages. Kinds with a few thousand rows at most and no
search columns (events with their program and speakers, contingents, Monitor questions, editable
pages) give their public rows as `SearchDocument`s to a `StemIndex`: the same German Snowball stems
(core.text), kept in each process's memory per content generation, searched as SQLite searches
Aktuelles (each word's stem must begin a word stem of the row) on both databases.

Only public rows: a provider reads what its app's public pages show, never drafts, hidden or
personal data beyond what a public page shows.
"""

import bisect
import difflib
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Protocol

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from revier.core.cache import current_generation
from revier.core.fragments import fragment_seconds
from revier.core.text import WORD, german_stems, word_stem

# A hit's excerpt: at most this many characters, around the first match.
EXCERPT_LENGTH = 220


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result as the search page shows it: plain text (escaped and highlighted when shown)."""

    title: str
    url: str
    text: str = ""  # an excerpt of the row's text (SearchHit.excerpt makes one)
    meta: str = ""  # a date, a place, the kind of a profile: shown small above the title
    # ` lang="de"` on the title and on the text where an English page shows them in German
    # (core.text.shown_text for what editors may give in English too, german_content_lang for what
    # exists only in German), else "".
    lang: str = ""
    text_lang: str = ""


@dataclass(frozen=True, slots=True)
class SearchResults:
    """What a provider found: the number of matching public rows, the page shown (a number past the
    end gives the last page) and its hits."""

    count: int
    number: int
    hits: tuple[SearchHit, ...]


class SearchProvider(Protocol):
    """One kind of result. `kind`: its short name in addresses (?art=veranstaltungen); `label`: the
    German name of the kind (lazy); `list_url_name`: the URL name of the kind's own list, the next
    step when nothing is found; `position`: where the kind stands on the page."""

    kind: str
    label: str
    list_url_name: str
    position: int

    def search(self, *, query: str, number: int, per_page: int, with_hits: bool = True) -> SearchResults:
        """The public rows matching `query` (cleaned words, not empty), best first: their number and
        page `number` of them (`per_page` a page; past the end: the last page); without `with_hits`
        the number only (hits may be left empty: the page shows another kind). Its number of queries
        must not grow with the data."""

    def vocabulary(self) -> Iterable[str]:
        """Words readers may mean (titles, names): the "Meinten Sie …" suggestion is the nearest of
        them when nothing is found. Read once per content generation."""


_providers: dict[str, SearchProvider] = {}


def register_search_provider(provider: SearchProvider) -> None:
    """Adds `provider` to the portal's search (again under the same kind: replaced)."""
    _providers[provider.kind] = provider


def search_providers() -> list[SearchProvider]:
    """The registered providers in the page's order."""
    return sorted(_providers.values(), key=lambda provider: (provider.position, provider.kind))


# ---------------------------------------------------------------------------------------------------
# Kept per content generation, in each process's memory (not pickled as core.fragments' entries are).


class _Kept:
    """A value built once per content generation, language and at most FRAGMENT_CACHE_SECONDS (the
    rules of core.fragments: with the store switched off, built on every call). Per language, as
    the hits carry addresses and dates written in the page's language."""

    def __init__(self, build: Callable[[], object]):
        self._build = build
        self._entries: dict[str, tuple[str, float, object]] = {}
        self._lock = threading.Lock()

    def get(self):
        seconds = fragment_seconds()
        if seconds <= 0:
            return self._build()
        generation, now, language = current_generation(), time.monotonic(), get_language()
        entry = self._entries.get(language)
        if entry is not None and entry[0] == generation and now - entry[1] < seconds:
            return entry[2]
        with self._lock:  # one thread of a process builds it, the others wait for it
            entry = self._entries.get(language)
            if entry is not None and entry[0] == generation and now - entry[1] < seconds:
                return entry[2]
            value = self._build()
            self._entries[language] = (generation, time.monotonic(), value)
            return value


def kept_per_generation(build: Callable[[], object]) -> Callable[[], object]:
    """`build` wrapped so that its value is kept per content generation in this process."""
    return _Kept(build).get


# ---------------------------------------------------------------------------------------------------
# The index of the small kinds


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """A public row of a small kind: its hit, the text searched (`text`, with the title's words
    counted as title matches) and its order among equally good matches (`order`, smaller first)."""

    hit: SearchHit
    text: str
    order: tuple = ()
    title_text: str = field(default="")


class StemIndex:
    """The documents' German word stems in sorted order with, for each, the documents it occurs in.
    A search word matches every stem it begins (German Snowball stems, as Aktuelles' SQLite search:
    "Elektrolyseure" finds "Elektrolyseur"); a document matches when every word does. Title matches
    come first, then the documents' own order."""

    def __init__(self, documents: Sequence[SearchDocument]):
        self.documents = sorted(documents, key=lambda document: document.order)
        postings: dict[str, set[int]] = {}
        title_postings: dict[str, set[int]] = {}
        for n, document in enumerate(self.documents):
            for stem in set(_stems(document.text)):
                postings.setdefault(stem, set()).add(n)
            for stem in set(_stems(document.title_text or document.hit.title)):
                title_postings.setdefault(stem, set()).add(n)
                postings.setdefault(stem, set()).add(n)
        self.stems = sorted(postings)
        self._postings = [postings[stem] for stem in self.stems]
        self._title_postings = title_postings

    def _matching(self, stem: str, *, title: bool = False) -> set[int]:
        found: set[int] = set()
        at = bisect.bisect_left(self.stems, stem)
        while at < len(self.stems) and self.stems[at].startswith(stem):
            found |= self._title_postings.get(self.stems[at], set()) if title else self._postings[at]
            at += 1
        return found

    def search(self, query: str, *, number: int, per_page: int) -> SearchResults:
        stems = list(dict.fromkeys(stem for stem in german_stems(query) if stem))
        if not stems:
            return SearchResults(0, 1, ())
        found = self._matching(stems[0])
        for stem in stems[1:]:
            if not found:
                break
            found &= self._matching(stem)
        in_title = set.union(*(self._matching(stem, title=True) for stem in stems)) & found
        ordered = sorted(found, key=lambda n: (n not in in_title, n))
        number = min(max(number, 1), last_page(len(ordered), per_page))
        first = (number - 1) * per_page
        return SearchResults(len(ordered), number, tuple(self.documents[n].hit for n in ordered[first : first + per_page]))

    def vocabulary(self) -> list[str]:
        return [document.hit.title for document in self.documents]


def last_page(count: int, per_page: int) -> int:
    return max(1, -(-count // per_page))


def _stems(text: str) -> list[str]:
    return [word_stem(word.lower()) for word in WORD.findall(text or "")]


class IndexedProvider:
    """A provider of a small kind: `documents()` reads its public rows (a fixed number of queries)
    once per content generation into a StemIndex."""

    def __init__(self, *, kind: str, label, list_url_name: str, position: int,
                 documents: Callable[[], Sequence[SearchDocument]]):
        self.kind, self.label, self.list_url_name, self.position = kind, label, list_url_name, position
        self.index = kept_per_generation(lambda: StemIndex(documents()))

    def search(self, *, query: str, number: int, per_page: int, with_hits: bool = True) -> SearchResults:
        return self.index().search(query, number=number, per_page=per_page)

    def vocabulary(self) -> Iterable[str]:
        return self.index().vocabulary()


# ---------------------------------------------------------------------------------------------------
# Showing hits


def excerpt(text: str, query: str, *, length: int = EXCERPT_LENGTH) -> str:
    """At most `length` characters of `text`, beginning a little before the first word that matches
    the search (on word boundaries, "…" where cut)."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    stems = _query_stems(query)
    start = 0
    for match in WORD.finditer(text):
        if _matches(match.group(0), stems):
            start = match.start()
            break
    if start > length // 3:
        start = text.rfind(" ", 0, start - length // 4) + 1
    else:
        start = 0
    end = start + length
    cut = text[start:end]
    if end < len(text):
        cut = cut[: cut.rfind(" ")] if " " in cut else cut
        cut += " …"
    return ("… " if start else "") + cut


def _query_stems(query: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(stem for stem in german_stems(query) if stem))


def _matches(word: str, stems: tuple[str, ...]) -> bool:
    stem = word_stem(word.lower())
    return any(stem.startswith(query_stem) for query_stem in stems)


def highlight(text: str, query: str) -> SafeString:
    """`text` escaped, each word whose German stem begins with a search word's stem in <mark>."""
    stems = _query_stems(query)
    if not stems or not text:
        return mark_safe(escape(text or ""))
    out, position = [], 0
    for match in WORD.finditer(text):
        if _matches(match.group(0), stems):
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(match.group(0))}</mark>")
            position = match.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))


# ---------------------------------------------------------------------------------------------------
# "Meinten Sie …"

_SUGGESTION_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


class Vocabulary:
    """The known words of every kind (lower case), by first letter: what a mistyped word may have
    meant is the closest word of the same first letter ("Wasserstof" → "wasserstoff")."""

    def __init__(self, texts: Iterable[str]):
        words = {word.lower() for text in texts for word in _SUGGESTION_WORD.findall(text or "")}
        self._by_letter: dict[str, list[str]] = {}
        for word in sorted(words):
            self._by_letter.setdefault(word[0], []).append(word)

    def closest(self, word: str) -> str | None:
        word = word.lower()
        candidates = [w for w in self._by_letter.get(word[:1], ()) if abs(len(w) - len(word)) <= 3]
        found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
        return found[0] if found and found[0] != word else None


def suggestion(query: str, vocabulary: Vocabulary) -> str | None:
    """The search with every word that is no known word replaced by the closest known one, or None
    when no word could be replaced."""
    changed, words = False, []
    for word in query.split():
        plain = word.strip("\"'-+()")
        closest = vocabulary.closest(plain) if _SUGGESTION_WORD.fullmatch(plain) else None
        if closest is not None:
            word, changed = closest, True
        words.append(word)
    return " ".join(words) if changed else None
