"""Partner suggestions ("Passende Partner"): for every profile, ranked partners whose offers meet
its needs and whose needs its offers meet, each with German reasons a person can check.

A pure computation (no database, no models): the site and `manage.py network_suggest` call the
same code. The method is described in docs/network.md ("Partnervorschläge"); in short:

- text.py: German words → Snowball stems, stop words removed, compound words split against the
  vocabulary of the profiles themselves and a general German lexicon (simplemma's nouns):
  "Wasserstoffelektrolyse" → Wasserstoff + Elektrolyse.
- concepts.py: the thesaurus of the network's field (thesaurus.yaml): concept groups of German
  terms and links between a problem and its solution; a text → the concepts it names.
- engine.py: TF-IDF vectors of every offer and need (stems, compound parts, character 3-grams,
  the thesaurus's concepts),
  the best need–offer similarity in both directions, shared topics, complementary kinds and the
  same Revier, combined by `Weights`; all pairs at once through inverted indices in numpy, and
  updates one profile at a time (`SuggestionIndex.update`).
- profiles.py: the dataclasses, `Weights` and the exchange format.
"""

from .engine import SuggestionIndex, suggest
from .profiles import (
    DEFAULT_KIND_FIT,
    KINDS,
    REGIONS,
    Item,
    Profile,
    ProfileError,
    Suggestion,
    Update,
    Weights,
    profiles_from_json,
    suggestions_to_json,
)

__all__ = [
    "DEFAULT_KIND_FIT",
    "KINDS",
    "REGIONS",
    "Item",
    "Profile",
    "ProfileError",
    "Suggestion",
    "SuggestionIndex",
    "Update",
    "Weights",
    "profiles_from_json",
    "suggest",
    "suggestions_to_json",
]
