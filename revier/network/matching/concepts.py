"""The thesaurus of the network's field (thesaurus.yaml): a text → the concepts it names.

A need and an offer often name the same thing in different words: a problem as a person says it
("Unsere Heizung wird oben nicht warm") and the expert's answer ("hydraulischer Abgleich"). The
thesaurus lists groups of German terms for one concept, and links between concepts that belong
together (a problem and its solution). `Thesaurus.concepts` maps a text to the concepts it names,
each with the word of the text that named it; the engine turns them into a third, down-weighted
part of an item's vector (engine.py, `Weights.concepts`).

Words are compared by their term (text.word_term: Snowball stem, derivational ending dropped), so
inflected forms meet ("Wärmepumpen" → Wärmepumpe). A word that is no term of the thesaurus is
searched for terms at its start and end, as a compound's parts ("Wärmepumpenanlage" →
Wärmepumpe, "Fernwärmeausbau" → Fernwärme): the longest term it starts with (a linking element
-s, -en, … may follow), then the same in the rest, or else the longest term it ends with. A word
that is itself a term does not count its parts ("Glasfaser" is Glasfaser, not Faser). A term of
several words ("hydraulischer Abgleich") counts when all its words occur in the text. Matching
needs no corpus, so a text's concepts do not depend on the other profiles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .text import FUGEN, STOP_WORDS, WORD, word_term

PATH = Path(__file__).with_name("thesaurus.yaml")
# A linked concept counts this much of the concept that led to it.
LINK_WEIGHT = 0.5
# A compound's part must have at least this many letters to be found in it.
MIN_PART = 5
# Stems that a thesaurus term shares with common words of another meaning: "Gründung" and
# "Grund(lagen)", "Förderung" and "Anforderung", "Wartung" and "warten", "Zeitung" and "Zeit",
# "Bildung" and "Bild", "Maler" and "mal". A term with such a stem counts only as written (lower
# case, whole word), never by its stem or as a compound's part.
AMBIGUOUS_STEMS = frozenset("grund ford wart zeit bild lag leg mal kart wand rechn dicht alt mark".split())


class ThesaurusError(ValueError):
    pass


class _NoDuplicatesLoader(yaml.SafeLoader):
    """YAML that refuses a key given twice (PyYAML would keep the last one silently)."""


def _mapping(loader, node, deep=False):
    keys = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            raise ThesaurusError(f"thesaurus: {key!r} appears twice")
        keys.add(key)
    return loader.construct_mapping(node, deep=deep)


_NoDuplicatesLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _words(text: str) -> list[str]:
    """The words of a text (lower case) that can be terms: a hyphenated word joined and in its
    pieces, stop words dropped; numbers kept ("ISO 9001")."""
    result = []
    for token in WORD.findall(text):
        pieces = [p.lower() for p in token.split("-") if p]
        if len(pieces) > 1:
            result.append("".join(pieces))
        result.extend(pieces)
    return [w for w in result if (len(w) >= 2 or w.isdigit()) and w not in STOP_WORDS]


def _keys(term: str) -> tuple[str, ...]:
    """A thesaurus term's words as terms ("Agri-PV" → one word, "hydraulischer Abgleich" → two)."""
    keys = []
    for token in WORD.findall(term):
        word = "".join(p for p in token.split("-") if p).lower()
        if (len(word) >= 2 or word.isdigit()) and word not in STOP_WORDS:
            keys.append(word_term(word))
    return tuple(dict.fromkeys(keys))


@dataclass(frozen=True)
class Match:
    """A concept a text names: how strongly (1 per naming, LINK_WEIGHT for a linked concept), and
    the words that named it (as the text writes them, a term of several words as the thesaurus
    writes it)."""

    weight: float
    written: str
    # named only through a link from another concept
    linked: bool = False


class Thesaurus:
    def __init__(self, groups: dict[str, list[str]], links: dict[str, list[str]] | None = None):
        self.groups = {gid: tuple(terms) for gid, terms in groups.items()}
        self.links: dict[str, set[str]] = {gid: set() for gid in self.groups}
        for gid, others in (links or {}).items():
            for other in others:
                for a, b in ((gid, other), (other, gid)):
                    if a not in self.groups:
                        raise ThesaurusError(f"thesaurus: the link {gid} → {other} names no group {a!r}")
                    if a != b:
                        self.links[a].add(b)
        self._single: dict[str, set[str]] = {}
        self._phrases: dict[str, list[tuple[frozenset[str], str, str]]] = {}
        for gid, terms in self.groups.items():
            for term in terms:
                keys = _keys(term)
                if len(keys) == 1 and keys[0] in AMBIGUOUS_STEMS:
                    for word in _words(term):
                        self._single.setdefault("=" + word, set()).add(gid)
                elif len(keys) == 1:
                    self._single.setdefault(keys[0], set()).add(gid)
                elif keys:
                    self._phrases.setdefault(keys[0], []).append((frozenset(keys), gid, term))
        self._parts_cache: dict[str, tuple[tuple[str, str], ...]] = {}

    @property
    def n_terms(self) -> int:
        return sum(len(terms) for terms in self.groups.values())

    # -- words -------------------------------------------------------------------------------

    def _piece(self, piece: str) -> str | None:
        """The term of a compound's part if the thesaurus has it (a linking element dropped)."""
        for fuge in FUGEN:
            if piece.endswith(fuge) and len(piece) - len(fuge) >= MIN_PART:
                key = word_term(piece[: len(piece) - len(fuge)] if fuge else piece)
                if key in self._single:
                    return key
        return None

    def parts(self, word: str) -> tuple[tuple[str, str], ...]:
        """The thesaurus terms a compound starts or ends with, as (term, the part as written)."""
        found = self._parts_cache.get(word)
        if found is not None:
            return found
        result: list[tuple[str, str]] = []
        # the longest term the word starts with; of equal starts, the one whose rest is a term
        # ("Wasserstoffelektrolyse": "wasserstoff" + "elektrolyse", not "wasserstoffe" + "lektrolyse")
        heads = []
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            key = self._piece(word[:cut])
            if key is not None:
                heads.append((cut, key))
        if heads:
            chosen = next((h for h in heads if word_term(word[h[0]:]) in self._single), heads[0])
            cut, key = chosen
            result.append((key, word[:cut]))
            rest = word[cut:]
            rest_key = word_term(rest)
            if rest_key in self._single:
                result.append((rest_key, rest))
            else:
                result.extend(self.parts(rest))
        else:
            for cut in range(3, len(word) - MIN_PART + 1):
                tail = word[cut:]
                key = word_term(tail)
                if key in self._single:
                    result.append((key, tail))
                    break
        found = self._parts_cache[word] = tuple(result)
        return found

    # -- texts -------------------------------------------------------------------------------

    def concepts(self, texts: list[tuple[str, float]]) -> dict[str, Match]:
        """The concepts of an item's texts, each (text, weight) (a title's words count more):
        the concepts its words name, then the concepts linked to them at LINK_WEIGHT (a concept
        named and linked keeps the higher weight)."""
        named: dict[str, Match] = {}
        for text, weight in texts:
            present: dict[str, str] = {}
            written_of = {}
            for token in WORD.findall(text):
                for piece in [token, *token.split("-")] if "-" in token else [token]:
                    written_of.setdefault(piece.replace("-", "").lower(), piece)
            for word in _words(text):
                key = word_term(word)
                written = written_of.get(word, word)
                if "=" + word in self._single:
                    present.setdefault("=" + word, written)
                if key in self._single:
                    present.setdefault(key, written)
                    continue
                present.setdefault(key, written)
                for part_key, part in self.parts(word):
                    # a part is shown as the word of the text it was found in
                    present.setdefault(part_key, written)
            for key, written in present.items():
                for gid in self._single.get(key, ()):
                    _add(named, gid, weight, written)
                for keys, gid, term in self._phrases.get(key, ()):
                    if keys <= present.keys():
                        _add(named, gid, weight, term)
        result = dict(named)
        for gid, match in named.items():
            for other in sorted(self.links[gid]):
                linked = result.get(other)
                if linked is None or linked.weight < LINK_WEIGHT * match.weight:
                    if other not in named:
                        result[other] = Match(LINK_WEIGHT * match.weight, match.written, linked=True)
        return result


def _add(named: dict[str, Match], gid: str, weight: float, written: str):
    match = named.get(gid)
    named[gid] = Match(weight, written) if match is None else Match(match.weight + weight, match.written)


def load(path: Path = PATH) -> Thesaurus:
    """The thesaurus of a YAML file (groups: id: "term, term, …"; links: id: "id, id, …")."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDuplicatesLoader)  # noqa: S506 (a safe loader)
    groups = {str(gid): [t.strip() for t in str(terms or "").split(",") if t.strip()] for gid, terms in (data.get("groups") or {}).items()}
    links = {str(gid): [t.strip() for t in str(others or "").split(",") if t.strip()] for gid, others in (data.get("links") or {}).items()}
    return Thesaurus(groups, links)


@lru_cache(maxsize=1)
def thesaurus() -> Thesaurus:
    """The app's thesaurus, read once per process."""
    return load()
