"""Fills the benchmark database with realistic German news articles, quickly.

    python bench/seed_news.py --count 10000

Articles are generated from word lists per topic (deterministic: the same seed gives the same
articles), so that search has a realistic selectivity: a term like "Wasserstoff" appears in roughly
a fifth of the articles, a term like "Elektrolyseur" in a few percent. The derived fields (slug,
body_html, search_text, search_stems) come from news.services.article_prepare, exactly as for
articles saved in the admin; rows are written with bulk_create, topics through the M2M through-model.
About 2 % are drafts and 1 % scheduled for the future, so the published filter has work to do.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from revier.core import text  # noqa: E402
from revier.news.models import Article, ArticleLink, Topic  # noqa: E402
from revier.news.services import article_prepare  # noqa: E402


def _memoise_stemmer():
    """The pure-Python Snowball stemmer takes ~70 ms per article (it stems every word, repeats
    included), which would make seeding 10,000 articles take two minutes. The generated texts
    reuse a small vocabulary, so a memo gives the very same stems in a fraction of the time. With
    PyStemmer (requirements.lock) the stemmer is written in C, fast, and its methods cannot be
    replaced: then there is nothing to do."""
    stemmer = text._stemmer()
    memo: dict[str, str] = {}

    def stem_words(words):
        out = []
        for word in words:
            stem = memo.get(word)
            if stem is None:
                stem = memo[word] = stemmer.stemWord(word)
            out.append(stem)
        return out

    try:
        stemmer.stemWords = stem_words
    except AttributeError:
        pass


_memoise_stemmer()

PLACES = [
    "in der Lausitz", "im Mitteldeutschen Revier", "im Rheinischen Revier", "in Cottbus", "in Leipzig",
    "in Halle (Saale)", "in Görlitz", "in Hoyerswerda", "in Weißwasser", "in Spremberg", "in Zeitz",
    "im Burgenlandkreis", "in Bitterfeld-Wolfen", "in Grevenbroich", "in Jülich", "in Bergheim",
    "in Düren", "in Senftenberg", "in Borna", "in Merseburg",
]
ACTORS = [
    "Die Landesregierung", "Ein Konsortium aus Stadtwerken und Hochschulen", "Die Industrie- und Handelskammer",
    "Das Netzwerk der Kohleregionen", "Ein mittelständisches Unternehmen", "Die Brandenburgische Technische Universität",
    "Das Fraunhofer-Institut", "Die Wirtschaftsförderung", "Der Landkreis", "Ein regionales Bündnis",
    "Die Strukturentwicklungsgesellschaft", "Das Bundesministerium für Wirtschaft und Klimaschutz",
]
VERBS = [
    "stellt vor", "startet", "erweitert", "fördert", "plant", "eröffnet", "bündelt", "beschleunigt",
    "unterstützt", "präsentiert",
]
GENERIC = [
    "Die Beteiligten sehen darin einen wichtigen Schritt für den Strukturwandel der Region.",
    "Bis zum Ende des Jahres sollen erste Ergebnisse vorliegen.",
    "Interessierte Unternehmen können sich bis zum Monatsende melden.",
    "Die Projektpartner rechnen mit zahlreichen neuen Arbeitsplätzen in der Region.",
    "Die Finanzierung ist über die kommenden drei Jahre gesichert.",
    "Bürgerinnen und Bürger sind zu einer Informationsveranstaltung eingeladen.",
    "Die Kommunen der Region wurden frühzeitig in die Planung einbezogen.",
    "Ein Beirat aus Wissenschaft und Praxis begleitet das Vorhaben.",
    "Die Ergebnisse werden im Herbst auf einer Konferenz vorgestellt.",
    "Das Vorhaben ergänzt bestehende Initiativen im Revier.",
    "Weitere Partner aus Handwerk und Industrie sind ausdrücklich willkommen.",
    "Die Auftaktveranstaltung ist für den kommenden Monat geplant.",
]

# Per topic: subjects for titles and sentences (some inflected, e.g. "Wasserstoffs").
VOCABULARY = {
    "wasserstoff": {
        "subjects": ["Wasserstoffnetz", "Elektrolyseur", "Wasserstoff-Tankstelle", "Wasserstoffkraftwerk",
                     "Pipeline für grünen Wasserstoff", "Wasserstoffspeicher", "Wasserstoff-Campus"],
        "sentences": [
            "Grüner Wasserstoff soll künftig die Industrie {place} versorgen.",
            "Der Aufbau eines Netzes für Wasserstoff gilt als Schlüssel für die Dekarbonisierung.",
            "Die Produktion des Wasserstoffs erfolgt mit Strom aus Wind und Sonne.",
            "Ein Elektrolyseur mit zehn Megawatt Leistung soll bis 2027 in Betrieb gehen.",
            "Die Nutzung von Wasserstoff in Bussen und Lastwagen wird erprobt.",
            "Fachleute erwarten, dass die Kosten des Wasserstoffs deutlich sinken.",
        ],
    },
    "waermewende": {
        "subjects": ["Wärmenetz", "Großwärmepumpe", "kommunale Wärmeplanung", "Fernwärme-Projekt",
                     "Geothermie-Bohrung", "Wärmespeicher"],
        "sentences": [
            "Die Wärmewende {place} kommt voran: Haushalte sollen klimaneutral heizen.",
            "Großwärmepumpen nutzen die Abwärme aus Industrie und Rechenzentren.",
            "Die kommunale Wärmeplanung zeigt, welche Quartiere an das Fernwärmenetz angeschlossen werden.",
            "Ein saisonaler Wärmespeicher gleicht Sommer und Winter aus.",
            "Die Stadtwerke investieren in Geothermie und erneuerbare Fernwärme.",
        ],
    },
    "ccs-ccu": {
        "subjects": ["CO2-Abscheidung", "CCU-Pilotanlage", "Kohlendioxid-Speicher", "Zementwerk mit CCS",
                     "CO2-Pipeline"],
        "sentences": [
            "Mit CCS soll unvermeidbares Kohlendioxid aus Zement- und Kalkwerken abgeschieden werden.",
            "Die Pilotanlage wandelt Kohlendioxid in Grundstoffe für die Chemie um.",
            "Die Speicherung von CO2 unter der Nordsee wird derzeit geprüft.",
            "Kritiker fordern, CCU nur für schwer vermeidbare Emissionen einzusetzen.",
        ],
    },
    "fachkraefte": {
        "subjects": ["Fachkräfte-Offensive", "Ausbildungsverbund", "Weiterbildungszentrum", "Fachkräfteallianz",
                     "Rückkehrer-Programm", "Jobmesse"],
        "sentences": [
            "Der Bedarf an Fachkräften {place} wächst mit jeder neuen Ansiedlung.",
            "Ein Ausbildungsverbund bereitet junge Menschen auf Berufe der Energiewende vor.",
            "Beschäftigte aus der Braunkohle werden für neue Aufgaben weitergebildet.",
            "Das Programm wirbt gezielt um Rückkehrerinnen und Rückkehrer.",
            "Unternehmen und Berufsschulen stimmen ihre Ausbildung enger ab.",
        ],
    },
    "foerderung": {
        "subjects": ["Förderaufruf", "Förderprogramm", "Investitionszuschuss", "Förderrichtlinie",
                     "Millionenförderung", "STARK-Förderung"],
        "sentences": [
            "Anträge können ab sofort bei der Förderbank eingereicht werden.",
            "Aus dem Investitionsgesetz Kohleregionen fließen mehrere Millionen Euro {place}.",
            "Gefördert werden bis zu 70 Prozent der zuwendungsfähigen Ausgaben.",
            "Die Förderrichtlinie richtet sich an kleine und mittlere Unternehmen.",
            "Eine Beratung vor der Antragstellung wird dringend empfohlen.",
        ],
    },
    "innovation": {
        "subjects": ["Innovationszentrum", "Reallabor", "Start-up-Wettbewerb", "Forschungscampus",
                     "Transferprojekt", "Gründerzentrum"],
        "sentences": [
            "Im Reallabor werden neue Technologien unter realen Bedingungen erprobt.",
            "Start-ups {place} erhalten Zugang zu Laboren und Werkstätten.",
            "Forschung und Unternehmen arbeiten im Transferprojekt eng zusammen.",
            "Das Innovationszentrum bietet Raum für Gründungen aus der Hochschule.",
        ],
    },
    "mobilitaet": {
        "subjects": ["Bahnstrecke", "Schnellbus-Linie", "Ladepark", "Mobilitätsstation", "S-Bahn-Ausbau",
                     "Radschnellweg"],
        "sentences": [
            "Die Bahnverbindung {place} soll elektrifiziert und ausgebaut werden.",
            "Neue Schnellbusse verbinden die Dörfer mit dem nächsten Bahnhof.",
            "An Mobilitätsstationen stehen Leihräder und Carsharing bereit.",
            "Der Ladepark bietet Schnellladesäulen für Elektroautos und Lastwagen.",
        ],
    },
    "veranstaltungen": {
        "subjects": ["Innovationskonferenz", "Fachforum", "Werkstattgespräch", "Netzwerktreffen", "Revierdialog",
                     "Jahreskonferenz"],
        "sentences": [
            "Die Konferenz bringt Akteure aus allen Kohleregionen zusammen.",
            "Auf dem Programm stehen Vorträge, Workshops und eine Projektbörse.",
            "Die Teilnahme ist kostenfrei, eine Anmeldung ist erforderlich.",
            "Das Fachforum findet {place} statt und wird zusätzlich im Internet übertragen.",
        ],
    },
    "monitor": {
        "subjects": ["Strukturwandel-Monitor", "Beschäftigungsbericht", "Revier-Indikatoren", "Monitoringbericht",
                     "Datenatlas"],
        "sentences": [
            "Der Monitor zeigt die Entwicklung von Beschäftigung und Wertschöpfung in den Revieren.",
            "Die Zahl der sozialversicherungspflichtig Beschäftigten ist gestiegen.",
            "Der Bericht vergleicht die Reviere anhand von zwanzig Indikatoren.",
            "Die Daten stehen als offene Daten zum Herunterladen bereit.",
        ],
    },
}
# How often a topic is an article's first topic: Wasserstoff and Förderung are the big ones.
TOPIC_WEIGHTS = {
    "wasserstoff": 18, "waermewende": 12, "ccs-ccu": 5, "fachkraefte": 14, "foerderung": 16,
    "innovation": 12, "mobilitaet": 10, "veranstaltungen": 8, "monitor": 5,
}


def _sentence(rng: random.Random, slug: str) -> str:
    return rng.choice(VOCABULARY[slug]["sentences"]).format(place=rng.choice(PLACES))


def _paragraph(rng: random.Random, slugs: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(3, 5)):
        if rng.random() < 0.7:
            sentences.append(_sentence(rng, rng.choice(slugs)))
        else:
            sentences.append(rng.choice(GENERIC))
    return " ".join(sentences)


def build_article(rng: random.Random, n: int, topics_by_slug: dict, now: datetime.datetime):
    slugs = list(TOPIC_WEIGHTS)
    first = rng.choices(slugs, weights=[TOPIC_WEIGHTS[s] for s in slugs])[0]
    chosen = [first] + ([rng.choice(slugs)] if rng.random() < 0.4 else [])
    chosen = list(dict.fromkeys(chosen))
    subject = rng.choice(VOCABULARY[first]["subjects"])
    place = rng.choice(PLACES)
    actor = rng.choice(ACTORS)
    verb = rng.choice(VERBS)
    title = f"{subject} {place}: {actor} {verb.split()[0]} neues Vorhaben"
    teaser = f"{actor} {verb.split()[0]} {rng.choice(['ein', 'ein weiteres', 'ein großes'])} Vorhaben {place}. {_sentence(rng, first)}"
    parts = [_paragraph(rng, chosen)]
    for _ in range(rng.randint(2, 5)):
        if rng.random() < 0.35:
            parts.append(f"## {rng.choice(VOCABULARY[rng.choice(chosen)]['subjects'])}")
        parts.append(_paragraph(rng, chosen))
    if rng.random() < 0.3:
        parts.append("\n".join(f"- {rng.choice(GENERIC)}" for _ in range(3)))
    if rng.random() < 0.3:
        parts.append("Weitere Informationen gibt es auf der [Seite des Projekts](https://www.example.org/projekt).")
    body = "\n\n".join(parts)

    roll = rng.random()
    if roll < 0.02:
        status, published_at = Article.Status.DRAFT, None
    elif roll < 0.03:
        status, published_at = Article.Status.PUBLISHED, now + datetime.timedelta(days=rng.randint(1, 60))
    else:
        # Spread over the last eight years, several articles a day.
        status = Article.Status.PUBLISHED
        published_at = now - datetime.timedelta(minutes=rng.randint(60, 8 * 365 * 24 * 60))
    article = Article(
        title=title[:200],
        slug=f"{slugify(title.replace('ß', 'ss').replace('ä', 'ae').replace('ö', 'oe').replace('ü', 'ue'))[:170]}-{n}",
        teaser=teaser[:600],
        body=body,
        status=status,
        published_at=published_at,
        is_generated=True,
    )
    # slug is set, so article_prepare makes no query per article.
    article_prepare(article)
    return article, [topics_by_slug[s] for s in chosen if s in topics_by_slug]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()

    started = time.monotonic()
    rng = random.Random(args.seed)
    now = timezone.now()
    topics_by_slug = {t.slug: t for t in Topic.objects.all()}
    missing = set(TOPIC_WEIGHTS) - set(topics_by_slug)
    for slug in sorted(missing):  # the default topics come from migration news/0003; be robust anyway
        topics_by_slug[slug] = Topic.objects.create(name=slug.capitalize(), slug=slug)
    Through = Article.topics.through

    with transaction.atomic():
        for start in range(0, args.count, args.batch):
            built = [build_article(rng, n, topics_by_slug, now) for n in range(start, min(start + args.batch, args.count))]
            created = Article.objects.bulk_create([a for a, _ in built])
            Through.objects.bulk_create(
                [Through(article_id=a.pk, topic_id=t.pk) for a, (_, topics) in zip(created, built) for t in topics]
            )
            links = []
            for a in created:
                if rng.random() < 0.3:
                    links.append(ArticleLink(article=a, label="Weitere Informationen",
                                             url="https://www.example.org/projekt", position=0))
            ArticleLink.objects.bulk_create(links)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE news_article")  # outside the transaction: fresh statistics
            cursor.execute("ANALYZE news_article_topics")
    visible = Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now()).count()
    print(f"{Article.objects.count()} articles ({visible} visible) in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
