"""The partner suggestions' input and output (frozen dataclasses), their tunable `Weights`, and the
exchange format of `manage.py network_suggest` (docs/network.md)."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import get_language, pgettext

from revier.core.choices import Sector

# The kinds are the sectors of core.choices (a profile's kind, a registration's sector). The
# regions are an event's (revier.events.models.Region; a profile's are the first three): repeated
# here because this package reads no models, and kept equal by a test.
KINDS: tuple[str, ...] = tuple(Sector.values)
REGIONS = ("mitteldeutsch", "lausitz", "rheinisch", "ueberregional")
# "Supraregional" is no place: two supraregional profiles are not neighbours.
LOCAL_REGIONS = ("mitteldeutsch", "lausitz", "rheinisch")

MAX_TITLE = 300
MAX_TEXT = 5000
MAX_TOPICS = 50
MAX_ITEMS = 50


def kind_label(kind: str) -> str:
    """The short German name of a kind, as the reasons show it ("KMU ↔ Forschung")."""
    return reason_texts()["kinds"][kind]


def same_region_reason(region: str) -> str:
    return reason_texts()["regions"][region]


def reason_texts() -> dict:
    """The texts of the reasons in the active language, looked up once per language (thousands
    of reasons are written at once)."""
    return _reason_texts(get_language())


@lru_cache(maxsize=8)
def _reason_texts(language: str | None) -> dict:
    return {
        "kinds": {
            "kmu": pgettext("partner suggestion kind", "SME"),
            "gross": pgettext("partner suggestion kind", "large company"),
            "wissenschaft": pgettext("partner suggestion kind", "research"),
            "politik": pgettext("partner suggestion kind", "politics"),
            "verwaltung": pgettext("partner suggestion kind", "administration"),
            "kammer": pgettext("partner suggestion kind", "chamber/association"),
            "zivil": pgettext("partner suggestion kind", "civil society"),
            "sonstiges": pgettext("partner suggestion kind", "other"),
        },
        "regions": {
            "mitteldeutsch": _("Both in the Central German coal region"),
            "lausitz": _("Both in the Lusatian coal region"),
            "rheinisch": _("Both in the Rhenish coal region"),
        },
        "mine": _("You are looking for: „%(need)s“ – %(name)s offers: „%(offer)s“"),
        "theirs": _("%(name)s is looking for: „%(need)s“ – you offer: „%(offer)s“"),
        "terms": _("Common terms: %(terms)s"),
        "related": _("Related terms: %(terms)s"),
        "topics": _("Common topics: %(topics)s"),
    }


# How well two kinds complement each other, 0..1, symmetric. A company and a research group fit
# best (one has the problem, the other the method); two companies fit well (supplier, customer,
# consortium); politics meets everyone but rarely becomes a project partner.
DEFAULT_KIND_FIT: tuple[tuple[str, str, float], ...] = (
    ("kmu", "kmu", 0.6),
    ("kmu", "gross", 0.8),
    ("kmu", "wissenschaft", 1.0),
    ("kmu", "politik", 0.4),
    ("kmu", "verwaltung", 0.6),
    ("kmu", "kammer", 0.7),
    ("kmu", "zivil", 0.4),
    ("kmu", "sonstiges", 0.5),
    ("gross", "gross", 0.5),
    ("gross", "wissenschaft", 0.9),
    ("gross", "politik", 0.4),
    ("gross", "verwaltung", 0.6),
    ("gross", "kammer", 0.5),
    ("gross", "zivil", 0.4),
    ("gross", "sonstiges", 0.5),
    ("wissenschaft", "wissenschaft", 0.7),
    ("wissenschaft", "politik", 0.6),
    ("wissenschaft", "verwaltung", 0.7),
    ("wissenschaft", "kammer", 0.6),
    ("wissenschaft", "zivil", 0.6),
    ("wissenschaft", "sonstiges", 0.5),
    ("politik", "politik", 0.3),
    ("politik", "verwaltung", 0.6),
    ("politik", "kammer", 0.5),
    ("politik", "zivil", 0.5),
    ("politik", "sonstiges", 0.4),
    ("verwaltung", "verwaltung", 0.5),
    ("verwaltung", "kammer", 0.5),
    ("verwaltung", "zivil", 0.6),
    ("verwaltung", "sonstiges", 0.5),
    ("kammer", "kammer", 0.4),
    ("kammer", "zivil", 0.4),
    ("kammer", "sonstiges", 0.5),
    ("zivil", "zivil", 0.5),
    ("zivil", "sonstiges", 0.5),
    ("sonstiges", "sonstiges", 0.4),
)


class ProfileError(ValueError):
    """Profiles or weights that cannot be used as given; the message is German and says what to fix."""


@dataclass(frozen=True)
class Item:
    """An offer ("Wir bieten") or a need ("Wir suchen"): a German title and text."""

    title: str
    text: str = ""

    @property
    def label(self) -> str:
        """What a reason quotes: the title, or the start of the text."""
        if self.title.strip():
            return self.title.strip()
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else text[:79].rstrip() + "…"


@dataclass(frozen=True)
class Profile:
    id: str
    kind: str
    region: str | None = None
    topics: tuple[str, ...] = ()
    offers: tuple[Item, ...] = ()
    needs: tuple[Item, ...] = ()
    # Shown in the reasons ("Fraunhofer IMWS bietet: …"); the id when empty.
    name: str = ""


@dataclass(frozen=True)
class Suggestion:
    id: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Update:
    """What changed with one profile: its own suggestions and the other profiles whose shown
    suggestions changed (the profile entered, left or changed its place or reasons there)."""

    profile: str
    suggestions: tuple[Suggestion, ...]
    affected: frozenset[str]


@dataclass(frozen=True)
class Weights:
    """The tunable weights of the partner suggestions (docs/network.md, "Partnervorschläge").

    score = substance × context, both in 0..1:
      substance = (text × T + topics × J) / (text + topics)
        T: the text fit, both directions combined: (stronger + reciprocity × weaker) / (1 + reciprocity),
           each direction the best similarity of one side's need with the other side's offer;
        J: the Jaccard overlap of the two profiles' topics.
      context = 1 − kind × (1 − K) − region × (1 − R)
        K: how well the kinds complement each other (`kinds`), R: 1 when both are in the same Revier.
    """

    text: float = 0.8
    topics: float = 0.2
    reciprocity: float = 0.5
    kind: float = 0.2
    region: float = 0.1
    # share of character 3-grams in the text similarity (the rest: word stems and compound parts)
    ngrams: float = 0.4
    # share of the thesaurus's concepts in the similarity of two items that both name some
    # (concepts.py; the rest: words and 3-grams as above)
    concepts: float = 0.3
    # a word of a title counts this many times
    title: float = 2.0
    # a need and an offer less similar than this count as no fit (and are not named as a reason)
    min_similarity: float = 0.05
    kinds: tuple[tuple[str, str, float], ...] = DEFAULT_KIND_FIT

    def __post_init__(self):
        for name in ("text", "topics", "reciprocity", "kind", "region", "ngrams", "concepts", "title", "min_similarity"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value) or value < 0:
                raise ProfileError(_("The weight “%(name)s” must be a number ≥ 0.") % {"name": name})
        if self.text + self.topics <= 0:
            raise ProfileError(_("The weights “text” and “topics” must not both be 0."))
        if self.kind + self.region > 1:
            raise ProfileError(_("The weights “kind” and “region” must add up to at most 1."))
        if not 0 <= self.ngrams <= 1:
            raise ProfileError(_("The weight “ngrams” must lie between 0 and 1."))
        if not 0 <= self.concepts < 1:
            raise ProfileError(_("The weight “concepts” must be at least 0 and below 1."))
        if self.min_similarity >= 1:
            raise ProfileError(_("The weight “min_similarity” must be below 1."))
        seen = set()
        for entry in self.kinds:
            if len(entry) != 3 or entry[0] not in KINDS or entry[1] not in KINDS:
                raise ProfileError(_("The kind fit %(entry)s does not name two known kinds.") % {"entry": _shown(entry)})
            value = entry[2]
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
                raise ProfileError(_("The kind fit of %(a)s and %(b)s must lie between 0 and 1.") % {"a": entry[0], "b": entry[1]})
            seen.add(frozenset(entry[:2]))
        missing = [(a, b) for i, a in enumerate(KINDS) for b in KINDS[i:] if frozenset((a, b)) not in seen]
        if missing:
            raise ProfileError(_("The kind fit of %(a)s and %(b)s is missing.") % {"a": missing[0][0], "b": missing[0][1]})

    def kind_fit(self) -> dict[tuple[str, str], float]:
        result = {}
        for a, b, value in self.kinds:
            result[(a, b)] = result[(b, a)] = float(value)
        return result

    def to_json(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "kinds"}
        data["kinds"] = [list(entry) for entry in self.kinds]
        return data

    @classmethod
    def from_json(cls, data: Any) -> Weights:
        """Weights as the site stores them; missing keys keep their default, unknown keys are ignored."""
        data = _object(data, _("The weights"))
        values = {f.name: data[f.name] for f in fields(cls) if f.name in data and f.name != "kinds"}
        if "kinds" in data:
            kinds = data["kinds"]
            if not isinstance(kinds, list) or not all(isinstance(entry, list) for entry in kinds):
                raise ProfileError(_("The kind fits (“kinds”) must be a list of [kind, kind, value]."))
            values["kinds"] = tuple(tuple(entry) for entry in kinds)
        return cls(**values)


# ---------------------------------------------------------------------------------------------
# The exchange format (docs/network.md)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _object(value: Any, what: str) -> dict:
    if not isinstance(value, dict):
        raise ProfileError(_("%(what)s is not an object: %(value)s.") % {"what": what, "value": _shown(value)})
    return value


def _text(value: Any, what: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProfileError(_("%(what)s must be a text, not %(value)s.") % {"what": what, "value": _shown(value)})
    if len(value) > limit:
        raise ProfileError(_("%(what)s is longer than %(limit)s characters.") % {"what": what, "limit": limit})
    return value


def _items(raw: dict, key: str, pid: str) -> tuple[Item, ...]:
    what = {"offers": _("The offers of profile %(id)s"), "needs": _("The needs of profile %(id)s")}[key] % {"id": pid}
    value = raw.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ProfileError(_("%(what)s (“%(key)s”) are not a list.") % {"what": what, "key": key})
    if len(value) > MAX_ITEMS:
        raise ProfileError(_("%(what)s are more than %(limit)s.") % {"what": what, "limit": MAX_ITEMS})
    items = []
    for number, entry in enumerate(value, start=1):
        where = _("%(what)s, entry %(number)s") % {"what": what, "number": number}
        entry = _object(entry, where)
        title = _text(entry.get("title"), _("The title (%(where)s)") % {"where": where}, MAX_TITLE)
        text = _text(entry.get("text"), _("The text (%(where)s)") % {"where": where}, MAX_TEXT)
        if not title.strip() and not text.strip():
            raise ProfileError(_("%(where)s has neither a title nor a text.") % {"where": where})
        items.append(Item(title=title, text=text))
    return tuple(items)


def profiles_from_json(data: Any) -> tuple[Profile, ...]:
    """The profiles of the exchange format, checked: a missing or duplicate id, an unknown kind or
    region, topics that are not texts, an offer or need without title and text, overlong texts
    raise a ProfileError with a German message. Extra keys are ignored."""
    data = _object(data, _("The profile file"))
    raw_profiles = data.get("profiles")
    if not isinstance(raw_profiles, list):
        raise ProfileError(_("The list of profiles (“profiles”) is missing or not a list."))
    profiles: list[Profile] = []
    ids: set[str] = set()
    for number, raw in enumerate(raw_profiles, start=1):
        raw = _object(raw, _("Profile number %(number)s") % {"number": number})
        pid = raw.get("id")
        if isinstance(pid, bool) or not isinstance(pid, (str, int)) or (isinstance(pid, str) and not pid.strip()):
            raise ProfileError(
                _("Profile number %(number)s has no id (a text or a whole number): %(value)s.") % {"number": number, "value": _shown(pid)}
            )
        pid = str(pid)
        if pid in ids:
            raise ProfileError(_("Profile %(id)s appears twice.") % {"id": pid})
        kind = raw.get("kind")
        if kind not in KINDS:
            raise ProfileError(
                _("Profile %(id)s has an unknown kind %(kind)s (known: %(known)s).")
                % {"id": pid, "kind": _shown(kind), "known": ", ".join(KINDS)}
            )
        region = raw.get("region")
        if region in ("", None):
            region = None
        elif region not in REGIONS:
            raise ProfileError(
                _("Profile %(id)s has an unknown region %(region)s (known: %(known)s).")
                % {"id": pid, "region": _shown(region), "known": ", ".join(REGIONS)}
            )
        topics = raw.get("topics") or []
        if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
            raise ProfileError(_("The topics of profile %(id)s are not a list of texts.") % {"id": pid})
        if len(topics) > MAX_TOPICS:
            raise ProfileError(_("Profile %(id)s has more than %(limit)s topics.") % {"id": pid, "limit": MAX_TOPICS})
        for topic in topics:
            _text(topic, _("A topic of profile %(id)s") % {"id": pid}, MAX_TITLE)
        name = _text(raw.get("name"), _("The name of profile %(id)s") % {"id": pid}, MAX_TITLE)
        ids.add(pid)
        profiles.append(
            Profile(
                id=pid,
                kind=kind,
                region=region,
                topics=tuple(dict.fromkeys(t.strip() for t in topics if t.strip())),
                offers=_items(raw, "offers", pid),
                needs=_items(raw, "needs", pid),
                name=name.strip(),
            )
        )
    return tuple(profiles)


def suggestions_to_json(suggestions: dict[str, tuple[Suggestion, ...]]) -> dict:
    """The output of the exchange format: every profile's suggestions, best first."""
    return {
        "suggestions": {
            pid: [{"id": s.id, "score": round(s.score, 3), "reasons": list(s.reasons)} for s in ranked]
            for pid, ranked in suggestions.items()
        }
    }


__all__ = [
    "DEFAULT_KIND_FIT",
    "Item",
    "KINDS",
    "Profile",
    "ProfileError",
    "REGIONS",
    "Suggestion",
    "Update",
    "Weights",
    "profiles_from_json",
    "suggestions_to_json",
]
