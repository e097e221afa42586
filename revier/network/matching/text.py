"""German text of offers and needs → terms: words, Snowball stems, stop words removed, compound
words split against the vocabulary of the corpus itself.

Compound splitting follows Koehn and Knight ("Empirical methods for compound splitting", 2003): a
word is cut into parts that are themselves words of the corpus or nouns of a general German
lexicon (the lemmas of the simplemma package's German dictionary, see general_nouns),
with the linking elements (Fugen) -s, -es, -n, -en, -er, -e in between; of all ways to cut it, the
one with the highest geometric mean of the parts' frequencies wins, and the word is split only if
that mean is at least the frequency of the whole word. A frequent word of its own ("Wasserstoff")
stays whole; a rare compound of frequent words ("Wasserstoffelektrolyse") is split. The whole word
is kept as a term beside its parts, so the same compound on both sides still counts most.

Parts are compared by their stems, so inflected forms and a dropped final -e ("Schul-" in
"Schulentwicklung") are found too.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

# Snowball's German stop word list, and the words that only name the exchange itself (every need
# says "Wir suchen", every offer "Wir bieten": they would tie needs to needs, never to offers).
STOP_WORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
    anderm andern anderr anders auch auf aus bei bin bis bist da damit dann der den des dem die das
    dass daß derselbe derselben denselben desselben demselben dieselbe dieselben dasselbe dazu dein
    deine deinem deinen deiner deines denn derer dessen dich dir du dies diese diesem diesen dieser
    dieses doch dort durch ein eine einem einen einer eines einig einige einigem einigen einiger
    einiges einmal er ihn ihm es etwas euer eure eurem euren eurer eures für gegen gewesen hab habe
    haben hat hatte hatten hier hin hinter ich mich mir ihr ihre ihrem ihren ihrer ihres euch im in
    indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine
    keinem keinen keiner keines können könnte machen man manche manchem manchen mancher manches mein
    meine meinem meinen meiner meines mit muss musste nach nicht nichts noch nun nur ob oder ohne
    sehr sein seine seinem seinen seiner seines selbst sich sie ihnen sind so solche solchem solchen
    solcher solches soll sollte sondern sonst über um und uns unsere unserem unseren unser unseres
    unter viel vom von vor während war waren warst was weg weil weiter welche welchem welchen
    welcher welches wenn werde werden wie wieder will wir wird wirst wo wollen wollte würde würden
    zu zum zur zwar zwischen
    sowie bzw usw etc ca ggf bspw z b u a o d h insbesondere sowohl bereits dabei gerne gern
    möchten möchte können sucht suchen gesucht bieten bietet angeboten anbieten biete suche
    """.split()
)

# Short general words that count as compound parts although shorter than MIN_PART. Every other
# part must be a word of the corpus or a noun of the general German lexicon (general_nouns()).
SHORT_WORDS = frozenset("gas bau amt ort öl erd tal zug rad see ton".split())
MIN_PART = 4
MAX_PARTS = 4
# Linking elements between the parts of a compound, longest first.
FUGEN = ("es", "en", "er", "s", "n", "e", "")
NGRAM = 3
# Derivation that the Snowball stemmer leaves apart: the same root as a noun and as a verb
# ("Prüfung" / "prüfen", "Digitalisierung" / "digitalisieren", "Kooperation" / "kooperieren").
# (ending, shortest rest): the stem of the rest is the word's term.
DERIVATIONS = (
    ("isierungen", 3), ("isierung", 3), ("isieren", 3), ("isiert", 3), ("ierungen", 3), ("ierung", 3),
    ("ieren", 3), ("iert", 3), ("ationen", 4), ("ation", 4), ("ungen", 4), ("ung", 4),
)


@lru_cache(maxsize=1)
def general_nouns() -> frozenset[str]:
    """Snowball stems of the nouns of a general German lexicon: the lemmas of simplemma's German
    dictionary (about 330,000, from open word lists; pinned in requirements.lock) written with a
    capital letter, at least MIN_PART letters (or one of SHORT_WORDS), no stop word. Loaded once per
    process (about 2 s); the compound splitter accepts them as parts even when the corpus has them
    only inside compounds."""
    from simplemma.strategies import DefaultDictionaryFactory

    lemmas = set(DefaultDictionaryFactory().get_dictionary("de").values())
    nouns = [
        lemma.lower()
        for lemma in lemmas
        if lemma[:1].isupper() and lemma.isalpha() and (len(lemma) >= MIN_PART or lemma.lower() in SHORT_WORDS)
    ]
    stemmer = _stemmer()
    return frozenset(stemmer.stemWord(noun) for noun in nouns if noun not in STOP_WORDS)


WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@lru_cache(maxsize=1)
def _stemmer():
    # snowballstemmer uses PyStemmer's C implementation when it is installed
    return snowballstemmer.stemmer("german")


@lru_cache(maxsize=200_000)
def word_term(word: str) -> str:
    """The term of a lower-case word without a corpus: its Snowball stem, or the stem without a
    derivational ending (as Analyzer.term; the thesaurus compares words by it)."""
    for ending, shortest in DERIVATIONS:
        if word.endswith(ending) and len(word) - len(ending) >= shortest:
            return _stemmer().stemWord(word[: -len(ending)])
    return _stemmer().stemWord(word)


class Analyzer:
    """Knows the corpus's word frequencies (by stem) and turns a text into terms.

    Built once from all offers and needs; later texts (a changed profile) are analysed with the
    same frequencies, so that a profile's terms do not depend on when it was added."""

    def __init__(self, texts: Iterable[str]):
        self._stems: dict[str, str] = {}
        self._splits: dict[str, tuple[str, ...]] = {}
        self._segments: dict[str, list[tuple[str, ...]]] = {}
        self._expansions: dict[str, tuple] = {}
        counts: Counter[str] = Counter()
        for text in texts:
            for token in WORD.findall(text):
                for word in token.lower().split("-"):
                    if self._is_word(word):
                        counts[self.stem(word)] += 1
        # the corpus's own counts; a noun of the general lexicon counts once more (general_nouns)
        self.frequency: dict[str, int] = dict(counts)
        self._general = general_nouns()

    # -- words -----------------------------------------------------------------------------

    def stem(self, word: str) -> str:
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = _stemmer().stemWord(word)
        return stem

    @staticmethod
    def _is_word(word: str) -> bool:
        return len(word) >= 2 and word not in STOP_WORDS and not word.isdigit()

    def _known(self, part: str) -> bool:
        if len(part) < MIN_PART and part not in SHORT_WORDS:
            return False
        return part not in STOP_WORDS and self.count(part) > 0

    def count(self, word: str) -> int:
        """How often the word's stem occurs in the corpus, plus one for a noun of the general
        lexicon: a compound that the lexicon lists (a word of its own, "Handwerk") is split only
        when its parts are more frequent than it."""
        stem = self.stem(word)
        return self.frequency.get(stem, 0) + (stem in self._general)

    def _segmentations(self, word: str) -> list[tuple[str, ...]]:
        """Every way to cut `word` into known parts (at most MAX_PARTS), the whole word included."""
        found = self._segments.get(word)
        if found is not None:
            return found
        result: list[tuple[str, ...]] = []
        if self._known(word):
            result.append((word,))
        for cut in range(2, len(word) - 2):
            head = word[:cut]
            if not self._known(head):
                continue
            rest = word[cut:]
            for fuge in FUGEN:
                if not rest.startswith(fuge):
                    continue
                tail = rest[len(fuge):]
                if len(tail) < 2:
                    continue
                for tail_parts in self._segmentations(tail):
                    if len(tail_parts) < MAX_PARTS:
                        result.append((head, *tail_parts))
        self._segments[word] = result
        return result

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a compound (lower case, Fugen dropped), or () if the word stays whole."""
        word = word.lower()
        found = self._splits.get(word)
        if found is not None:
            return found
        parts: tuple[str, ...] = ()
        if len(word) >= 2 * MIN_PART - 1:
            best, best_key = None, None
            for segmentation in self._segmentations(word):
                if len(segmentation) < 2:
                    continue
                mean = math.exp(sum(math.log(self.count(p)) for p in segmentation) / len(segmentation))
                # ties: fewer parts, then parts that keep their letters ("speicher", not "speich"+"er")
                key = (-mean, len(segmentation), -sum(map(len, segmentation)), segmentation)
                if best_key is None or key < best_key:
                    best, best_key = segmentation, key
            if best is not None and -best_key[0] >= max(1, self.count(word)):
                parts = best
        self._splits[word] = parts
        return parts

    def root(self, word: str) -> str | None:
        """The stem of a word without its derivational ending ("prüfung" → "pruf", like "prüfen"),
        or None if it has none of DERIVATIONS's endings."""
        for ending, shortest in DERIVATIONS:
            if word.endswith(ending) and len(word) - len(ending) >= shortest:
                return self.stem(word[: -len(ending)])
        return None

    # -- texts -----------------------------------------------------------------------------

    def term(self, word: str) -> str:
        """The term of a (lower-case) word: its stem, or the stem without a derivational ending
        ("prüfung" → "pruf", as "prüfen")."""
        return self.root(word) or self.stem(word)

    def words(self, text: str) -> list[tuple[str, str, bool]]:
        """(term, surface form, whole word?) of every term of a text, in order: each word's term,
        the terms of the parts of a split compound, for a hyphenated compound also the joined
        word's. A whole word's surface is the word as written (its Snowball stem gives the 3-grams)."""
        result = []
        for token in WORD.findall(text):
            pieces = [p for p in token.split("-") if p]
            if len(pieces) > 1:
                joined = "".join(pieces).lower()
                if self._is_word(joined):
                    result.append((self.term(joined), token, False))
            for piece in pieces:
                lower = piece.lower()
                expansion = self._expansions.get(lower)
                if expansion is None:
                    expansion = self._expansions[lower] = self._expand(lower)
                for term, part, whole in expansion:
                    result.append((term, part or piece, whole))
        return result

    def _expand(self, lower: str) -> tuple[tuple[str, str | None, bool], ...]:
        """The terms of one word: (term, the compound part it comes from or None, whole word?)."""
        if not self._is_word(lower):
            return ()
        term = self.term(lower)
        result = [(term, None, True)]
        seen = {term}
        for part in self.split(lower):
            part_term = self.term(part)
            if part_term not in seen:
                seen.add(part_term)
                result.append((part_term, part, False))
        return tuple(result)


def ngrams(stem: str) -> list[str]:
    """Character 3-grams of a stem with its word boundaries ("_gas_" → "_ga", "gas", "as_")."""
    framed = f"_{stem}_"
    if len(framed) <= NGRAM:
        return [framed]
    return [framed[i : i + NGRAM] for i in range(len(framed) - NGRAM + 1)]
