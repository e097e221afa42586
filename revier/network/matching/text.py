"""German text of offers and needs → terms: words, Snowball stems, stop words removed, compound
words split against the vocabulary of the corpus itself.

Compound splitting follows Koehn and Knight ("Empirical methods for compound splitting", 2003): a
word is cut into parts that are themselves words of the corpus (or of a small general lexicon),
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

# General words the compound splitter knows even when the corpus uses them only inside compounds
# (it learns everything else from the corpus). Parts shorter than MIN_PART must be listed in
# SHORT_WORDS to count.
LEXICON = frozenset(
    """
    energie strom wärme kälte gas erdgas biogas kohle braunkohle wasserstoff sonne wind solar
    photovoltaik batterie speicher netz leitung kraft kraftwerk anlage pumpe motor turbine kessel
    heizung kühlung lüftung dämmung gebäude haus wohnung quartier stadt dorf gemeinde kommune kreis
    land region revier raum fläche boden luft klima umwelt natur wald fluss wasser tagebau grube
    bergbau chemie park industrie gewerbe handwerk betrieb unternehmen firma gründung markt handel
    kunde lieferant produkt produktion fertigung herstellung montage maschine technik technologie
    verfahren prozess material werkstoff metall stahl glas holz beton faser optik photonik laser
    licht sensor messung prüfung analyse labor test daten software plattform system lösung modell
    simulation planung beratung förderung finanzierung kapital investition kosten projekt studie
    forschung entwicklung innovation transfer wissen bildung schule hochschule universität
    ausbildung weiterbildung qualifizierung fachkraft arbeit personal mitarbeiter nachwuchs
    praktikum verwaltung behörde genehmigung recht politik strategie konzept netzwerk partner
    kooperation verbund cluster verband kammer verkehr mobilität fahrzeug bahn schiene logistik
    transport lager hafen straße tourismus kultur kunst sport gesundheit pflege medizin versorgung
    sicherheit qualität nachhaltigkeit kreislauf wirtschaft abfall abwasser recycling rohstoff
    zelle modul komponente bauteil elektrolyse elektrolyseur brennstoff membran katalysator reaktor
    tank tankstelle rohr pipeline dach fassade fenster kabel elektronik halbleiter steuerung
    regelung automatisierung roboter drohne karte information kommunikation medien marketing
    vertrieb export standort ansiedlung struktur wandel zukunft wende effizienz sanierung
    """.split()
)
SHORT_WORDS = frozenset("gas bau amt ort öl erd tal zug rad see ton".split())
MIN_PART = 4
MAX_PARTS = 4
# Linking elements between the parts of a compound, longest first.
FUGEN = ("es", "en", "er", "s", "n", "e", "")
NGRAM = 4
# Derivation that the Snowball stemmer leaves apart: the same root as a noun and as a verb
# ("Prüfung" / "prüfen", "Digitalisierung" / "digitalisieren", "Kooperation" / "kooperieren").
# (ending, shortest rest): the stem of the rest is the word's term.
DERIVATIONS = (
    ("isierungen", 3), ("isierung", 3), ("isieren", 3), ("isiert", 3), ("ierungen", 3), ("ierung", 3),
    ("ieren", 3), ("iert", 3), ("ationen", 4), ("ation", 4), ("ungen", 4), ("ung", 4),
)

# Words that name the same thing in the Revier's subjects without sharing a stem (a general
# lexicon, like the stop words; written for the domain, not for any test set). The words of a group
# share one term ("=fachkraft"); their 4-grams still differ, so the same word on both sides counts
# more. Kept tight: near-synonyms only, no broader or narrower terms.
SYNONYMS = (
    "fachkraft fachkräfte personal arbeitskraft arbeitskräfte beschäftigte mitarbeitende mitarbeiter belegschaft",
    "weiterbildung fortbildung qualifizierung umschulung",
    "ausbildung auszubildende azubis lehrlinge lehrstellen ausbildungsplätze",
    "nachwuchs nachwuchskräfte absolventen absolventinnen berufseinsteiger",
    "förderung fördermittel zuschuss zuschüsse förderprogramm fördergelder subvention subventionen",
    "investor investoren kapitalgeber geldgeber wagniskapital risikokapital",
    "hochschule hochschulen universität universitäten fachhochschule forschungseinrichtung forschungsinstitut",
    "unternehmen firma firmen betrieb betriebe",
    "kommune kommunen gemeinde gemeinden landkreis landkreise stadtverwaltung",
    "photovoltaik pv solaranlage solaranlagen solarstrom solarmodule",
    "batterie batterien akku akkus batteriespeicher stromspeicher",
    "wasserstoff h2",
    "co2 kohlendioxid kohlenstoffdioxid",
    "test tests erprobung validierung erproben validieren testen",
    "messung messungen messtechnik analytik charakterisierung",
    "beratung consulting",
    "genehmigung genehmigungen zulassung zulassungen bewilligung",
    "fläche flächen gelände grundstück grundstücke areal",
    "pilotanlage demonstrator testfeld reallabor versuchsanlage technikum",
    "kunde kunden abnehmer anwender auftraggeber",
    "lieferant lieferanten zulieferer",
    "fertigung produktion herstellung",
    "werkstoff werkstoffe material materialien",
    "bauteil bauteile komponente komponenten",
    "prototyp prototypen funktionsmuster",
    "montage montieren einbau einbauen installation installieren",
    "wartung instandhaltung instandsetzung reparatur",
    "bewertung begutachtung gutachten evaluation evaluierung",
    "automatisierung automation automatisiert",
    "simulation simulationen modellierung",
    "emission emissionen ausstoß",
    "vertrieb vermarktung",
    "ladestation ladestationen ladesäule ladesäulen ladepunkte ladeinfrastruktur",
    "bürger bürgerinnen einwohner einwohnerinnen bevölkerung",
    "partizipation beteiligung mitwirkung",
    "ehrenamt ehrenamtliche freiwillige",
    "kredit kredite darlehen",
    "patent patente schutzrechte",
    "wohnung wohnungen wohnraum",
    "tourismus fremdenverkehr",
    "kooperation zusammenarbeit partnerschaft",
    "wärmenetz wärmenetze fernwärme nahwärme",
    "recycling wiederverwertung rückgewinnung",
    "rekultivierung renaturierung",
    "gebäude immobilie immobilien",
    "sanierung modernisierung renovierung",
    "logistik spedition speditionen güterverkehr",
    "lkw lastwagen lastkraftwagen nutzfahrzeuge",
    "bahn eisenbahn schienenverkehr",
    "strom elektrizität",
    "windkraft windenergie windpark windparks windräder windkraftanlagen",
    "biogas biomethan",
    "photonik optik",
    "sensor sensoren sensorik",
    "drohne drohnen uav",
    "roboter robotik",
    "startup startups gründung gründungen ausgründung ausgründungen existenzgründung",
    "chemiepark industriepark gewerbegebiet industriegebiet",
    "kunststoff kunststoffe plastik polymer polymere",
    "wald forst forstwirtschaft",
    "landwirtschaft agrarwirtschaft landwirte",
)

WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@lru_cache(maxsize=1)
def _stemmer():
    # snowballstemmer uses PyStemmer's C implementation when it is installed
    return snowballstemmer.stemmer("german")


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
        for word in LEXICON:
            counts[self.stem(word)] += 1
        self.frequency: dict[str, int] = dict(counts)
        # the term of each word of a synonym group → the group's term (the first group wins)
        self.group_of: dict[str, str] = {}
        for group in SYNONYMS:
            words = group.split()
            for word in words:
                self.group_of.setdefault(self._base(word), "=" + words[0])

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
        return part not in STOP_WORDS and self.stem(part) in self.frequency

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
                mean = math.exp(
                    sum(math.log(self.frequency[self.stem(p)]) for p in segmentation) / len(segmentation)
                )
                # ties: fewer parts, then parts that keep their letters ("speicher", not "speich"+"er")
                key = (-mean, len(segmentation), -sum(map(len, segmentation)), segmentation)
                if best_key is None or key < best_key:
                    best, best_key = segmentation, key
            if best is not None and -best_key[0] >= self.frequency.get(self.stem(word), 1):
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

    def _base(self, word: str) -> str:
        return self.root(word) or self.stem(word)

    def term(self, word: str) -> str:
        """The term of a (lower-case) word: its stem, or the stem without a derivational ending
        ("prüfung" → "pruf", as "prüfen"), or its synonym group ("personal" → "=fachkraft")."""
        base = self._base(word)
        return self.group_of.get(base, base)

    def words(self, text: str) -> list[tuple[str, str, bool]]:
        """(term, surface form, whole word?) of every term of a text, in order: each word's term,
        the terms of the parts of a split compound, for a hyphenated compound also the joined
        word's. A whole word's surface is the word as written (its Snowball stem gives the 4-grams)."""
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
    """Character 4-grams of a stem with its word boundaries ("_gas_" → "_gas", "gas_")."""
    framed = f"_{stem}_"
    if len(framed) <= NGRAM:
        return [framed]
    return [framed[i : i + NGRAM] for i in range(len(framed) - NGRAM + 1)]
