"""Demo content of "Aktuelles": the three articles of the seed page and about thirty generated ones.

`load(stdout)` brings the database to this content and is idempotent: every article is keyed by
its slug, a row that already matches is not written again (its `updated_at` stays), topics and
related links are only replaced when they differ. A demo article that was edited in the admin is
reset to its demo text on the next run; copy it under another slug to keep a changed version.

Generated articles are marked with `is_generated` (filter "generated demo content" in the admin).
Their places, programmes and institutions are real kinds of things in the coal regions, but the
events, figures and quoted roles are invented for trying out paging and search.
"""

import datetime
import io
import random
import textwrap
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction

from revier.core.models import Topic
from revier.news.models import Article, ArticleLink
from revier.news.services import article_save

BERLIN = ZoneInfo("Europe/Berlin")
IMAGE_CREDIT = "Grafik: Revier (generiert)"

# The topic list of migration 0003; created here too in case staff removed one.
TOPIC_NAMES = {
    "wasserstoff": "Wasserstoff",
    "waermewende": "Wärmewende",
    "ccs-ccu": "CCS/CCU",
    "fachkraefte": "Fachkräfte",
    "foerderung": "Förderung",
    "innovation": "Innovation",
    "mobilitaet": "Mobilität",
    "veranstaltungen": "Veranstaltungen",
    "monitor": "Monitor",
}


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    published_at: datetime.datetime | None  # None for a draft without a date
    teaser: str
    body: str
    topics: tuple[str, ...]
    # (label, url) or (label, url, event slug): with an event the link follows the event's page
    # (the url stays as fallback). The events demo loads first (DEMO_LOADERS).
    links: tuple[tuple[str, ...], ...] = ()
    status: str = Article.Status.PUBLISHED
    is_generated: bool = True
    image_alt: str = ""  # an article with alt text gets the generated demo graphic


@dataclass(frozen=True)
class LoadResult:
    created: int
    changed: int
    unchanged: int


def _at(value: str) -> datetime.datetime:
    """'2024-10-17 10:00' in Berlin time."""
    return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=BERLIN)


def _md(text: str) -> str:
    return textwrap.dedent(text).strip()


# --- The seed page ----------------------------------------------------------------------------

SEED_CONFERENCE_BODY = _md(
    """
    Das Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR) veranstaltet mit der Fraunhofer-Gesellschaft und der Förderinitiative MinGenTec der IHK Cottbus am 23. Oktober in Leuna eine Innovationskonferenz in den Strukturwandelregionen zum Thema „Kleine und mittlere Unternehmen im Strukturwandel stärken“. Auf der Veranstaltung stellt EMMD-Geschäftsführer Jörn-Heinrich Tobaben die Transformationsprojekte der Metropolregion vor.

    „Neben großen Industrieansiedlungen sind es vielfach kleine und mittelständische Unternehmen, die mit ihrer Innovationskraft den ‚Maschinenraum‘ der Transformation am Laufen halten“, beschreibt Dr. Carola Neugebauer, Leiterin des Kompetenzzentrum Regionalentwicklung des Bundesinstituts für Bau-, Stadt- und Raumforschung, die Rolle kleiner und mittelständischer Unternehmen im Strukturwandel.

    Angesichts des erklärten Ziels der Energiewende in Deutschland stehen die Braunkohlereviere in besonderem Maße vor der Herausforderung einer erfolgreichen Transformation hin zu klimaneutralen Energieregionen, in denen industrielle Produktion möglich ist. Die Innovationskonferenz mit ihren Teilnehmenden aus Wirtschaft, Politik und Wissenschaft nimmt die aktuelle Praxis der Transformationsgestaltung im Lausitzer und Mitteldeutschen Revier aus wissenschaftlicher, politischer und wirtschaftlicher Sicht in den Blick und gibt Impulse für die Entwicklung neuer Geschäftsfelder in einer postfossilen Wirtschaft.

    Als überregionale Netzwerkveranstaltung zeigt die Konferenz anhand konkreter Beispiele auf, welchen Beitrag kleine und mittlere Unternehmen für einen erfolgreichen Transformationsprozess leisten und hinterfragt, wie sie durch Politik, Verwaltung und Wissenschaft darin unterstützt werden können. Ziel ist es, Anknüpfungspunkte, Synergien und Kooperationspotentiale zur Stärkung der regionalen Entwicklung des Lausitzer und des Mitteldeutschen Reviers herzustellen und dabei Erfahrungen aus dem Rheinischen Revier zu berücksichtigen. In seinem Vortrag im Rahmen des Konferenz wird Metropolregions-Geschäftsführer Jörn-Heinrich Tobaben unter dem Titel „Klimaneutrale Industrieregion Mitteldeutschland“ die Handlungsfelder und Umsetzungsprojekte der EMMD in den Bereichen grüner Wasserstoff und Wärmewende präsentieren und einen Ausblick auf die geplanten Aktivitäten zum Thema CCS/CCU geben.
    """
)

SEED_FAIR_TEXT = (
    "Am 24. und 25. September bringt die W3+ FAIR JENA 2025 führende Köpfe und Technologien aus den "
    "Bereichen Optik, Photonik, Elektronik und Mechanik zusammen. Mit Top-Ausstellern, spannenden "
    "Fachvorträgen und einer begleitenden Konferenz bietet die Hightechmesse Innovation zum Anfassen und "
    "eine Plattform zum Austausch mit Experten und Entscheidungsträgern. Als Partner der Veranstaltung "
    "stellt die Europäische Metropolregion Mitteldeutschland 50 kostenfreie Tickets zur Verfügung."
)

SEED_MONITOR_TEXT = (
    "Die Menschen im mitteldeutschen Revier bewerten trotz spürbarer Herausforderungen ihre aktuelle "
    "Lebenssituation mehrheitlich positiv – die persönliche Zufriedenheit bleibt damit auf einem konstant "
    "hohen Niveau, allerdings ist durchaus eine gewisse Skepsis mit Blick auf die Zukunftsentwicklung der "
    "Region erkennbar. Die repräsentative, länderübergreifende Bevölkerungsstudie ist ein gemeinsames "
    "Projekt der Europäischen Metropolregion Mitteldeutschland, der MAS Gesellschaft für Marktanalyse und "
    "Strategie, der Sächsischen Agentur für Strukturentwicklung (SAS) und der Stabsstelle „Strukturwandel "
    "im Mitteldeutschen Revier“ des Landes Sachsen-Anhalt."
)

SEED_ARTICLES = [
    DemoArticle(
        slug="innovationskonferenz-zu-kmus-in-den-strukturwandelregionen",
        title="Innovationskonferenz zu KMUs in den Strukturwandelregionen",
        published_at=_at("2024-10-17 10:00"),
        teaser=(
            "Das Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR) veranstaltet mit der "
            "Fraunhofer-Gesellschaft und der Förderinitiative MinGenTec der IHK Cottbus am 23. Oktober in "
            "Leuna eine Innovationskonferenz in den Strukturwandelregionen zum Thema „Kleine und mittlere "
            "Unternehmen im Strukturwandel stärken“."
        ),
        body=SEED_CONFERENCE_BODY,
        topics=("veranstaltungen", "wasserstoff", "waermewende", "ccs-ccu", "innovation"),
        links=(
            ("Weitere Informationen", "https://www.bbsr.bund.de/"),
            # The conference of the events demo (revier/events/demo.py, CONFERENCE_SLUG).
            (
                "Programm und Anmeldung",
                "/veranstaltungen/kmu-im-strukturwandel-staerken-2024/",
                "kmu-im-strukturwandel-staerken-2024",
            ),
        ),
        is_generated=False,
        image_alt=(
            "Abstrakte Grafik: farbige Punkte auf dunkelblauem Grund, durch feine Linien zu einem Netz "
            "verbunden – ein Sinnbild für vernetzte kleine und mittlere Unternehmen."
        ),
    ),
    DemoArticle(
        slug="w3-fair-jena-2025-hightech-messe-vernetzt-innovation-industrie-und-forschung",
        title=(
            "W3+ FAIR JENA 2025: Hightech-Messe vernetzt Innovation, Industrie und Forschung in Mitteldeutschland"
        ),
        published_at=_at("2025-08-21 09:00"),
        teaser=(
            "Am 24. und 25. September bringt die W3+ FAIR JENA 2025 führende Köpfe und Technologien aus den "
            "Bereichen Optik, Photonik, Elektronik und Mechanik zusammen."
        ),
        body="\n\n".join(
            [
                SEED_FAIR_TEXT,
                "Die Messe richtet sich an Fachleute aus Unternehmen, Hochschulen und Forschungseinrichtungen. "
                "Gerade für kleine und mittlere Unternehmen aus dem Revier ist sie eine Gelegenheit, neue "
                "Partner für Entwicklungsprojekte zu finden und zu sehen, wie Hightech-Verfahren aus Jena "
                "in anderen Branchen eingesetzt werden können.",
                "Die kostenfreien Tickets werden in der Reihenfolge der Anfragen vergeben, solange der "
                "Vorrat reicht. Wie Sie ein Ticket erhalten, erfahren Sie über den Link „Freikarten“.",
            ]
        ),
        topics=("veranstaltungen", "innovation"),
        # The contingent of the contingents demo (revier/contingents/demo.py, FAIR_SLUG).
        links=(("Freikarten", "/veranstaltungen/freikarten/w3-fair-jena-2025/"),),
        is_generated=False,
    ),
    DemoArticle(
        slug="6-mitteldeutschland-monitor-persoenliche-zufriedenheit-auf-hohem-niveau",
        title=(
            "6. Mitteldeutschland-Monitor: Persönliche Zufriedenheit der Menschen im Revier nach wie vor "
            "auf hohem Niveau"
        ),
        published_at=_at("2025-06-26 11:00"),
        teaser=(
            "Die Menschen im mitteldeutschen Revier bewerten trotz spürbarer Herausforderungen ihre aktuelle "
            "Lebenssituation mehrheitlich positiv."
        ),
        body="\n\n".join(
            [
                SEED_MONITOR_TEXT,
                "Der Mitteldeutschland-Monitor fragt regelmäßig nach der Lebenszufriedenheit, nach der "
                "Wahrnehmung des Strukturwandels und nach den Erwartungen an die kommenden Jahre. Weil die "
                "Fragen über mehrere Wellen hinweg gleich bleiben, lassen sich Entwicklungen im Revier über "
                "die Zeit verfolgen.",
                "Die Ergebnisse sollen Politik, Verwaltung und Wirtschaft helfen, den Strukturwandel an den "
                "Bedürfnissen der Menschen in der Region auszurichten. Ausgewählte Kennzahlen zeigt Revier "
                "im Bereich Monitor.",
            ]
        ),
        topics=("monitor",),
        links=(("Weitere Informationen", "/monitor/"),),
        is_generated=False,
    ),
]


# --- Generated articles -----------------------------------------------------------------------


def _generated(slug, at, title, teaser, body, topics, **kwargs) -> DemoArticle:
    return DemoArticle(
        slug=slug,
        title=title,
        published_at=_at(at) if at else None,
        teaser=teaser,
        body=_md(body),
        topics=tuple(topics),
        **kwargs,
    )


GENERATED_ARTICLES = [
    _generated(
        "wasserstoffnetz-mitteldeutschland-erste-leitungsabschnitte-geplant",
        "2023-01-19 10:00",
        "Wasserstoffnetz Mitteldeutschland: Erste Leitungsabschnitte zwischen Leuna und Bitterfeld-Wolfen geplant",
        "Die Chemiestandorte im Mitteldeutschen Revier sollen über ein regionales Wasserstoffnetz verbunden werden. Für die ersten Abschnitte beginnt jetzt die Planung.",
        """
        Die Chemiestandorte Leuna und Bitterfeld-Wolfen sollen in den kommenden Jahren über ein regionales Wasserstoffnetz miteinander verbunden werden. Netzbetreiber, Standortgesellschaften und Kommunen haben sich auf einen gemeinsamen Planungsprozess verständigt, der bestehende Erdgasleitungen einbezieht, wo immer das technisch möglich ist.

        Für die Unternehmen an den Standorten ist die sichere Versorgung mit grünem Wasserstoff eine Voraussetzung dafür, ihre Produktion klimaneutral umzustellen. Viele Verfahren der Grundstoffchemie benötigen Wasserstoff als Rohstoff; bisher wird er überwiegend aus Erdgas gewonnen.

        ## Was die Planung umfasst

        - Bestandsaufnahme der vorhandenen Gasleitungen und ihrer Eignung für Wasserstoff
        - Abschätzung des Bedarfs der Industrie bis 2030 und 2035
        - Standorte für Elektrolyseure und Speicher
        - Anbindung an das überregionale Wasserstoff-Kernnetz

        Eine Sprecherin der regionalen Wirtschaftsförderung betonte, dass auch kleine und mittlere Unternehmen vom Ausbau des Wasserstoffnetzes profitieren sollen. Sie seien als Zulieferer, Dienstleister und künftige Abnehmer des Wasserstoffs eingeladen, sich in den Planungsprozess einzubringen.
        """,
        ["wasserstoff", "innovation"],
    ),
    _generated(
        "fachkraefteboerse-cottbus-betriebe-aus-der-lausitz-stellen-sich-vor",
        "2023-02-23 09:30",
        "Fachkräftebörse in Cottbus: Über 60 Betriebe aus der Lausitz stellen sich vor",
        "Auf der Fachkräftebörse in Cottbus suchen Unternehmen aus der Lausitz Auszubildende, Fachkräfte und Rückkehrende. Der Eintritt ist frei.",
        """
        Mehr als 60 Betriebe aus der Lausitz präsentieren sich am Samstag auf der Fachkräftebörse in Cottbus. Vom Handwerksbetrieb bis zum Energieversorger suchen sie Auszubildende, Fachkräfte und Menschen, die nach Jahren in anderen Regionen in die Lausitz zurückkehren möchten.

        Der Bedarf ist groß: Viele Beschäftigte in den Betrieben der Region gehen in den kommenden Jahren in den Ruhestand, gleichzeitig entstehen durch neue Ansiedlungen zusätzliche Arbeitsplätze. Besonders gefragt sind Elektrikerinnen und Elektriker, Mechatronikerinnen und Mechatroniker sowie Fachkräfte für die Pflege.

        Neben den Ständen der Unternehmen gibt es Beratungsangebote der Agentur für Arbeit und der Kammern, etwa zur Anerkennung ausländischer Berufsabschlüsse und zu Weiterbildungen, die während einer Beschäftigung gefördert werden können.

        Der Eintritt ist frei, eine Anmeldung ist nicht nötig. Bewerbungsunterlagen können direkt an den Ständen abgegeben werden.
        """,
        ["fachkraefte", "veranstaltungen"],
    ),
    _generated(
        "foerderaufruf-zuschuesse-fuer-innovationsprojekte-von-kmu-im-rheinischen-revier",
        "2023-03-30 11:00",
        "Förderaufruf: Zuschüsse für Innovationsprojekte von KMU im Rheinischen Revier",
        "Kleine und mittlere Unternehmen im Rheinischen Revier können ab sofort Zuschüsse für Innovationsprojekte beantragen. Gefördert werden Vorhaben mit Partnern aus der Forschung.",
        """
        Kleine und mittlere Unternehmen im Rheinischen Revier können ab sofort Zuschüsse für Innovationsprojekte beantragen. Der Förderaufruf richtet sich an Betriebe, die gemeinsam mit einer Hochschule oder Forschungseinrichtung neue Produkte, Verfahren oder Dienstleistungen entwickeln wollen.

        ## Wer gefördert wird

        Antragsberechtigt sind Unternehmen mit weniger als 250 Beschäftigten und Sitz oder Betriebsstätte in einem der Kreise des Rheinischen Reviers. Die Förderquote hängt von der Größe des Unternehmens und der Art des Vorhabens ab.

        ## Wie der Antrag abläuft

        1. Projektskizze mit Partner aus der Forschung einreichen
        2. Beratungsgespräch mit der Förderberatung
        3. Vollantrag nach positiver Bewertung der Skizze

        Ein Sprecher der Förderberatung empfiehlt, frühzeitig Kontakt aufzunehmen: Viele Unternehmen unterschätzten den Aufwand für die Projektskizze. Die Beratung ist kostenfrei.
        """,
        ["foerderung", "innovation"],
    ),
    _generated(
        "kommunale-waermeplanung-zeitz-setzt-auf-abwaerme-aus-dem-industriepark",
        "2023-05-11 10:00",
        "Kommunale Wärmeplanung: Zeitz setzt auf Abwärme aus dem Industriepark",
        "Die Stadt Zeitz will Abwärme aus dem Chemie- und Industriepark für die Fernwärme nutzen. Eine erste Studie sieht ein großes Potenzial.",
        """
        Die Stadt Zeitz hat ihre kommunale Wärmeplanung begonnen und setzt dabei auf ein Potenzial vor der eigenen Haustür: die Abwärme der Unternehmen im Chemie- und Industriepark. Eine erste Studie kommt zu dem Ergebnis, dass ein beträchtlicher Teil des Wärmebedarfs der Innenstadt damit gedeckt werden könnte.

        Bislang wird ein großer Teil der Wärme aus Produktionsprozessen ungenutzt an die Umgebung abgegeben. Mit Wärmepumpen und Speichern ließe sich diese Energie auf das Temperaturniveau eines Fernwärmenetzes bringen.

        Für die Wärmewende in der Stadt sind noch viele Fragen offen: Welche Leitungen müssen neu gebaut werden? Wie wird die Versorgung gesichert, wenn ein Betrieb seine Produktion drosselt? Und wie bleiben die Preise für die Haushalte tragbar? Diese Fragen sollen bis zum Abschluss der Wärmeplanung geklärt werden.

        Die Bürgerinnen und Bürger werden in mehreren öffentlichen Veranstaltungen beteiligt. Termine veröffentlicht die Stadtverwaltung auf ihrer Internetseite.
        """,
        ["waermewende"],
    ),
    _generated(
        "revier-monitor-2023-beschaeftigung-in-den-kohleregionen-stabil",
        "2023-06-22 11:00",
        "Revier-Monitor 2023: Beschäftigung in den Kohleregionen stabil",
        "Die Zahl der sozialversicherungspflichtig Beschäftigten in den Kohleregionen ist im vergangenen Jahr leicht gestiegen. Der Fachkräftemangel bleibt die größte Sorge der Betriebe.",
        """
        Die Zahl der sozialversicherungspflichtig Beschäftigten in den Kohleregionen ist im vergangenen Jahr leicht gestiegen. Das zeigt die aktuelle Auswertung des Revier-Monitors, der die Entwicklung in der Lausitz, im Mitteldeutschen und im Rheinischen Revier anhand amtlicher Statistiken vergleicht.

        Zuwächse gab es vor allem im Gesundheitswesen, in der öffentlichen Verwaltung und bei unternehmensnahen Dienstleistungen. In der Braunkohlenwirtschaft selbst sank die Beschäftigung erwartungsgemäß weiter.

        ## Fachkräfte als Engpass

        In einer begleitenden Befragung nannten mehr als die Hälfte der Betriebe den Mangel an Fachkräften als größtes Hindernis für ihre weitere Entwicklung. Besonders kleine Unternehmen haben Schwierigkeiten, offene Stellen zu besetzen.

        Die Daten des Monitors stehen im Bereich Monitor als Tabellen zur Verfügung und werden jährlich aktualisiert.
        """,
        ["monitor", "fachkraefte"],
    ),
    _generated(
        "neue-pendlerlinie-verbindet-weisswasser-und-boxberg",
        "2023-08-31 08:30",
        "Mit dem Bus zur Schicht: Neue Pendlerlinie verbindet Weißwasser und Boxberg",
        "Eine neue Buslinie bringt Beschäftigte aus Weißwasser zu den Schichtzeiten an die Industriestandorte in Boxberg. Der Fahrplan richtet sich nach den Schichtwechseln.",
        """
        Seit Montag verbindet eine neue Buslinie Weißwasser mit den Industriestandorten in Boxberg. Der Fahrplan ist auf die Schichtwechsel der Betriebe abgestimmt, damit Beschäftigte ohne eigenes Auto zuverlässig zur Arbeit kommen.

        Die Linie ist Teil eines Pilotprojekts des Landkreises, das die Mobilität im ländlichen Raum der Lausitz verbessern soll. Für viele Unternehmen ist eine gute Erreichbarkeit inzwischen ein Argument im Wettbewerb um Fachkräfte.

        Die Fahrzeuge fahren zunächst mit Diesel; geprüft wird, ob die Linie später mit Batterie- oder Wasserstoffbussen betrieben werden kann. Fahrgäste können ihre Rückmeldungen über den Kundendienst des Verkehrsunternehmens geben.
        """,
        ["mobilitaet", "fachkraefte"],
    ),
    _generated(
        "co2-abscheidung-in-der-kalkindustrie-machbarkeitsstudie-gestartet",
        "2023-10-12 10:00",
        "CO2-Abscheidung in der Kalkindustrie: Machbarkeitsstudie im Mitteldeutschen Revier gestartet",
        "Ein Kalkwerk im Mitteldeutschen Revier prüft, wie sich prozessbedingte CO2-Emissionen abscheiden und weiter nutzen lassen.",
        """
        Bei der Herstellung von Kalk entsteht Kohlendioxid nicht nur durch das Verbrennen von Brennstoffen, sondern auch im Rohstoff selbst. Diese prozessbedingten Emissionen lassen sich auch mit erneuerbaren Energien nicht vermeiden. Ein Kalkwerk im Mitteldeutschen Revier hat deshalb eine Machbarkeitsstudie zur CO2-Abscheidung in Auftrag gegeben.

        Untersucht wird, welche Abscheidetechnik sich für den Standort eignet, wie viel Energie sie benötigt und was mit dem abgeschiedenen Kohlendioxid geschehen kann. Neben einer dauerhaften Speicherung (CCS) kommt auch eine Nutzung als Rohstoff (CCU) in Frage, etwa in der chemischen Industrie.

        Ein Sprecher des Unternehmens erklärte, ohne CCS/CCU sei eine klimaneutrale Kalkproduktion nach heutigem Stand nicht möglich. Die Ergebnisse der Studie sollen im kommenden Jahr vorliegen.
        """,
        ["ccs-ccu", "innovation"],
    ),
    _generated(
        "netzwerktreffen-strukturwandel-unternehmen-aus-drei-revieren-in-juelich",
        "2023-11-23 09:00",
        "Netzwerktreffen Strukturwandel: Unternehmen aus drei Revieren tauschen sich in Jülich aus",
        "Rund 150 Teilnehmende aus der Lausitz, dem Mitteldeutschen und dem Rheinischen Revier haben sich in Jülich über Erfahrungen im Strukturwandel ausgetauscht.",
        """
        Rund 150 Teilnehmende aus Unternehmen, Kommunen und Forschungseinrichtungen kamen zum Netzwerktreffen Strukturwandel nach Jülich. Erstmals waren alle drei Braunkohlereviere mit eigenen Beiträgen vertreten.

        In Werkstattgesprächen ging es um Fragen, die alle Reviere beschäftigen: Wie kommen kleine Unternehmen an Forschungspartner? Wie lassen sich frühere Tagebauflächen für Gewerbe und Energie nutzen? Und wie gelingt es, junge Menschen in der Region zu halten?

        ## Drei Ergebnisse des Treffens

        - Die Reviere wollen ihre Förderberatung stärker miteinander abstimmen.
        - Ein gemeinsamer Veranstaltungskalender soll Doppelungen vermeiden.
        - Unternehmen sollen sich über eine Kooperationsbörse revierübergreifend finden können.

        Das nächste Netzwerktreffen findet im kommenden Jahr im Mitteldeutschen Revier statt.
        """,
        ["veranstaltungen", "innovation"],
    ),
    _generated(
        "elektrolyseur-am-chemiestandort-gruener-wasserstoff-fuer-die-produktion-in-leuna",
        "2024-01-25 10:00",
        "Elektrolyseur am Chemiestandort: Grüner Wasserstoff für die Produktion in Leuna",
        "Am Chemiestandort Leuna soll ein Elektrolyseur grünen Wasserstoff für die Produktion liefern. Die Genehmigung ist beantragt.",
        """
        Am Chemiestandort Leuna soll ein Elektrolyseur entstehen, der mit Strom aus erneuerbaren Energien grünen Wasserstoff erzeugt. Die Anlage soll Unternehmen am Standort versorgen, die den Wasserstoff bisher aus Erdgas herstellen.

        Die Genehmigung ist beantragt, der Baubeginn ist für das kommende Jahr vorgesehen. Entscheidend für den wirtschaftlichen Betrieb sind ausreichend günstiger Grünstrom und eine Anbindung an das entstehende Wasserstoffnetz, über das überschüssiger Wasserstoff an andere Abnehmer geliefert werden kann.

        Für die Region ist das Projekt auch ein Signal an Zulieferer: Bau, Wartung und Betrieb eines Elektrolyseurs erfordern Fachwissen in Elektrotechnik, Anlagenbau und Sicherheitstechnik. Kleine und mittlere Unternehmen aus dem Revier können sich bei der Standortgesellschaft als Dienstleister registrieren.

        Ein Sprecher der Standortgesellschaft verwies darauf, dass der Einsatz des Wasserstoffs in der Produktion die CO2-Emissionen am Standort deutlich senken werde.
        """,
        ["wasserstoff"],
    ),
    _generated(
        "berufsschulen-in-der-lausitz-bieten-neue-zusatzqualifikationen-an",
        "2024-02-29 09:00",
        "Ausbildung im Wandel: Berufsschulen in der Lausitz bieten neue Zusatzqualifikationen an",
        "Auszubildende in der Lausitz können ab dem neuen Schuljahr Zusatzqualifikationen in Wasserstofftechnik, Photovoltaik und Wärmepumpen erwerben.",
        """
        Auszubildende in der Lausitz können ab dem kommenden Schuljahr Zusatzqualifikationen erwerben, die auf die neuen Industrien in der Region vorbereiten. Die Berufsschulen in Cottbus, Spremberg und Hoyerswerda haben dafür gemeinsam mit Betrieben und Kammern neue Module entwickelt.

        ## Die neuen Module

        - Grundlagen der Wasserstofftechnik und Sicherheit im Umgang mit Wasserstoff
        - Installation und Wartung von Photovoltaikanlagen
        - Planung und Einbau von Wärmepumpen

        Die Module ergänzen die reguläre Ausbildung und werden mit einem Zertifikat abgeschlossen. Die Betriebe erhoffen sich davon Fachkräfte, die vom ersten Tag an mit den Technologien der Energiewende vertraut sind.

        Eine Lehrerin einer beteiligten Berufsschule berichtet, dass die Nachfrage unter den Auszubildenden schon vor dem Start höher sei als die Zahl der Plätze.
        """,
        ["fachkraefte"],
    ),
    _generated(
        "fernwaerme-ohne-kohle-stadtwerke-im-rheinischen-revier-stellen-transformationsplan-vor",
        "2024-04-18 10:30",
        "Fernwärme ohne Kohle: Stadtwerke im Rheinischen Revier stellen Transformationsplan vor",
        "Mehrere Stadtwerke im Rheinischen Revier haben einen gemeinsamen Plan vorgelegt, wie ihre Fernwärme bis 2040 ohne Kohle auskommen soll.",
        """
        Mehrere Stadtwerke im Rheinischen Revier haben einen gemeinsamen Transformationsplan für ihre Fernwärmenetze vorgestellt. Bis 2040 soll die Wärme ohne Kohle und weitgehend ohne Erdgas erzeugt werden.

        Der Plan setzt auf mehrere Quellen: Großwärmepumpen an Flüssen und Kläranlagen, Abwärme aus Industrie und Rechenzentren, Solarthermie sowie große Wärmespeicher. Für die Übergangszeit sollen flexible Gaskraftwerke bereitstehen, die später mit Wasserstoff betrieben werden können.

        Die Investitionen sind erheblich. Die Stadtwerke wollen Mittel aus der Bundesförderung für effiziente Wärmenetze beantragen und setzen auf Unterstützung aus den Strukturmitteln für das Revier.

        Eine Sprecherin der beteiligten Stadtwerke betonte, dass die Wärmewende nur gelinge, wenn die Preise für die Kundinnen und Kunden bezahlbar blieben. Deshalb werde jeder Schritt auch auf seine Kosten hin geprüft.
        """,
        ["waermewende", "foerderung"],
    ),
    _generated(
        "wasserstoff-tankstelle-fuer-busse-und-lkw-in-cottbus-eroeffnet",
        "2024-05-23 11:00",
        "Wasserstoff-Tankstelle für Busse und Lkw in Cottbus eröffnet",
        "In Cottbus können Busse und Lastwagen jetzt Wasserstoff tanken. Die Tankstelle ist die erste ihrer Art in der Lausitz.",
        """
        In Cottbus ist eine Tankstelle für Wasserstoff in Betrieb gegangen, an der Busse und Lastwagen tanken können. Sie ist die erste öffentliche Wasserstoff-Tankstelle für schwere Fahrzeuge in der Lausitz.

        Erste Kunden sind der städtische Nahverkehr, der mehrere Wasserstoffbusse beschafft hat, und zwei Logistikunternehmen aus der Region. Ein Tankvorgang dauert etwa so lange wie bei einem Dieselfahrzeug.

        Der Wasserstoff wird zunächst per Trailer angeliefert. Mittelfristig soll er aus einem Elektrolyseur in der Region stammen, der Strom aus Wind- und Solarparks nutzt.

        Ein Sprecher des Betreibers sieht in der Tankstelle einen Baustein für klimafreundliche Mobilität im Revier: Gerade im Schwerlastverkehr seien Wasserstofffahrzeuge wegen ihrer Reichweite eine Alternative zum Diesel.
        """,
        ["wasserstoff", "mobilitaet"],
    ),
    _generated(
        "gruendungswettbewerb-im-revier-zwoelf-teams-im-finale",
        "2024-06-27 10:00",
        "Gründungswettbewerb im Revier: Zwölf Teams im Finale",
        "Zwölf Gründungsteams aus dem Mitteldeutschen Revier und der Lausitz haben das Finale des Gründungswettbewerbs erreicht. Die Ideen reichen von Recycling bis zur Pflege-App.",
        """
        Zwölf Teams haben das Finale des diesjährigen Gründungswettbewerbs im Revier erreicht. Insgesamt waren mehr als 80 Bewerbungen aus dem Mitteldeutschen Revier und der Lausitz eingegangen.

        Die Ideen der Finalistinnen und Finalisten sind vielfältig: Ein Team aus Halle will Batterien aus Elektrofahrzeugen für stationäre Speicher aufbereiten, ein anderes aus Görlitz entwickelt eine App, die pflegende Angehörige im ländlichen Raum vernetzt. Ein Team aus Bitterfeld-Wolfen arbeitet an einem Verfahren, Kunststoffabfälle chemisch zu recyceln.

        Die Teams präsentieren ihre Geschäftsideen im Finale vor einer Jury aus Unternehmerinnen, Investoren und Vertretern der Wirtschaftsförderung. Den Gewinnerinnen und Gewinnern winken Preisgelder, Beratung und ein Platz in einem Gründerzentrum der Region.

        Die Veranstalter wollen mit dem Wettbewerb zeigen, dass der Strukturwandel auch von neuen Unternehmen getragen wird, die in der Region entstehen.
        """,
        ["innovation", "foerderung"],
    ),
    _generated(
        "willkommenszentrum-bitterfeld-wolfen-zieht-erste-bilanz",
        "2024-09-12 09:30",
        "Fachkräfte aus dem Ausland: Willkommenszentrum in Bitterfeld-Wolfen zieht erste Bilanz",
        "Ein Jahr nach der Eröffnung hat das Willkommenszentrum in Bitterfeld-Wolfen mehr als 400 Fachkräfte aus dem Ausland und ihre Familien beraten.",
        """
        Ein Jahr nach seiner Eröffnung hat das Willkommenszentrum in Bitterfeld-Wolfen eine erste Bilanz gezogen. Mehr als 400 Fachkräfte aus dem Ausland und ihre Familien haben das Angebot genutzt.

        Das Zentrum hilft bei Behördengängen, bei der Suche nach einer Wohnung, einem Kita-Platz oder einem Sprachkurs. Unternehmen können sich dort beraten lassen, wie sie ausländische Fachkräfte gewinnen und einarbeiten.

        ## Was die Beratung am häufigsten betrifft

        1. Anerkennung von Berufsabschlüssen
        2. Aufenthaltstitel und Familiennachzug
        3. Wohnungssuche

        Eine Mitarbeiterin des Zentrums berichtet, dass viele der Ratsuchenden bereits einen Arbeitsvertrag bei einem Unternehmen im Chemiepark haben. Mit Fachkräften aus dem Ausland könnten Betriebe offene Stellen besetzen, die sich in der Region nicht mehr besetzen ließen.
        """,
        ["fachkraefte"],
    ),
    _generated(
        "speicher-fuer-co2-wie-unternehmen-im-revier-mit-unvermeidbaren-emissionen-umgehen",
        "2024-11-14 10:00",
        "Speicher für CO2: Wie Unternehmen im Revier mit unvermeidbaren Emissionen umgehen",
        "Einige Industrien können ihre CO2-Emissionen auch mit erneuerbaren Energien nicht vollständig vermeiden. Im Revier wird deshalb über Abscheidung, Transport und Speicherung diskutiert.",
        """
        Zement, Kalk, Glas und Teile der Chemie: Einige Industrien können ihre CO2-Emissionen auch mit erneuerbaren Energien nicht vollständig vermeiden. Im Mitteldeutschen Revier und in der Lausitz, wo solche Betriebe ansässig sind, wird deshalb über die Abscheidung, den Transport und die Speicherung von Kohlendioxid diskutiert.

        Eine Speicherung unter der Erde ist in Deutschland bislang nur in engen Grenzen erlaubt. Als mögliche Lagerstätten gelten vor allem Gesteinsschichten unter der Nordsee. Für die Unternehmen im Binnenland stellt sich damit die Frage, wie das Kohlendioxid dorthin gelangt – per Pipeline, Bahn oder Schiff.

        ## Nutzen statt speichern

        Ein Teil des abgeschiedenen Kohlendioxids könnte auch als Rohstoff dienen, etwa für synthetische Kraftstoffe oder Kunststoffe. Diese Nutzung (CCU) ist allerdings nur dann klimafreundlich, wenn die benötigte Energie aus erneuerbaren Quellen stammt.

        Ein Vertreter eines regionalen Industrieverbands sprach sich für eine frühzeitige Planung der Infrastruktur aus. Die Unternehmen bräuchten Planungssicherheit, um in Abscheideanlagen zu investieren.
        """,
        ["ccs-ccu"],
    ),
    _generated(
        "foerderlotsen-unterstuetzen-kmu-bei-antraegen-aus-dem-strukturstaerkungsgesetz",
        "2024-12-05 09:00",
        "Förderlotsen unterstützen KMU bei Anträgen aus dem Strukturstärkungsgesetz",
        "Neue Förderlotsinnen und Förderlotsen helfen kleinen und mittleren Unternehmen, das passende Programm für ihre Vorhaben zu finden.",
        """
        Kleine und mittlere Unternehmen in den Revieren bekommen Unterstützung bei der Suche nach Fördermitteln. Förderlotsinnen und Förderlotsen bei den Wirtschaftsförderungen der Landkreise beraten kostenfrei, welches Programm zu einem Vorhaben passt und wie der Antrag aussehen muss.

        Die Förderlandschaft im Strukturwandel ist groß: Neben den Mitteln aus dem Strukturstärkungsgesetz gibt es Programme der Länder, des Bundes und der Europäischen Union, etwa aus dem Fonds für einen gerechten Übergang. Gerade kleine Betriebe ohne eigene Förderabteilung verlieren dabei leicht den Überblick.

        Die Förderlotsen sollen auch dafür sorgen, dass Vorhaben nicht an Formalien scheitern. Eine Förderlotsin aus dem Burgenlandkreis berichtet, dass viele Unternehmen gute Ideen hätten, aber nicht wüssten, welche Unterlagen verlangt werden.

        Termine für ein Beratungsgespräch können bei der Wirtschaftsförderung des jeweiligen Landkreises vereinbart werden.
        """,
        ["foerderung"],
    ),
    _generated(
        "waermepumpen-aus-der-region-zulieferer-in-der-lausitz-stellen-um",
        "2025-01-23 10:00",
        "Wärmepumpen aus der Region: Zulieferer in der Lausitz stellen auf neue Produkte um",
        "Metallverarbeitende Betriebe in der Lausitz, die bisher für Kraftwerke gearbeitet haben, fertigen zunehmend Bauteile für Wärmepumpen und Wärmenetze.",
        """
        Metallverarbeitende Betriebe in der Lausitz, die jahrzehntelang Bauteile für Kraftwerke und Tagebaue geliefert haben, stellen sich neu auf. Mehrere Zulieferer fertigen inzwischen Gehäuse, Rohrleitungen und Wärmetauscher für Wärmepumpen und Wärmenetze.

        Die Umstellung ist für die Unternehmen ein Kraftakt: Neue Produkte erfordern neue Maschinen, Zertifizierungen und Kunden. Gleichzeitig können die Betriebe auf das Können ihrer Beschäftigten aufbauen, die mit Stahl, Druck und hohen Temperaturen vertraut sind.

        ## Unterstützung beim Wechsel

        Ein Netzwerk aus Kammern, Hochschule und Wirtschaftsförderung begleitet die Unternehmen. Es vermittelt Kontakte zu Herstellern von Wärmepumpen, hilft bei Förderanträgen für neue Anlagen und organisiert Weiterbildungen für die Belegschaften.

        Der Geschäftsführer eines beteiligten Betriebs mit 45 Beschäftigten sagt, ohne die Wärmewende hätte sein Unternehmen keine Zukunft gehabt. Heute mache das neue Geschäft bereits ein Drittel des Umsatzes aus.
        """,
        ["waermewende", "innovation"],
    ),
    _generated(
        "revier-monitor-mehr-beschaeftigte-in-forschung-und-entwicklung",
        "2025-02-27 11:00",
        "Revier-Monitor: Mehr Beschäftigte in Forschung und Entwicklung",
        "In den Revieren arbeiten mehr Menschen in Forschung und Entwicklung als noch vor fünf Jahren. Neue Institute und Ansiedlungen tragen dazu bei.",
        """
        In den Kohleregionen arbeiten mehr Menschen in Forschung und Entwicklung als noch vor fünf Jahren. Das geht aus der jüngsten Auswertung des Revier-Monitors hervor.

        Zum Anstieg tragen neue Forschungsinstitute bei, die mit Mitteln für den Strukturwandel gegründet wurden, aber auch Unternehmen, die eigene Entwicklungsabteilungen aufbauen. Besonders deutlich ist der Zuwachs in der Lausitz und im Rheinischen Revier rund um Jülich.

        Im Vergleich zum Bundesdurchschnitt liegt der Anteil der Beschäftigten in Forschung und Entwicklung in den Revieren allerdings weiterhin niedriger. Kleine und mittlere Unternehmen forschen seltener als große, was in Regionen mit vielen kleinen Betrieben ins Gewicht fällt.

        Die Zahlen nach Revieren und Jahren finden Sie im Bereich Monitor.
        """,
        ["monitor", "innovation"],
    ),
    _generated(
        "erdgasleitung-wird-umgestellt-erster-abschnitt-des-wasserstoffnetzes",
        "2025-03-27 10:00",
        "Erdgasleitung wird umgestellt: Erster Abschnitt des Wasserstoffnetzes im Mitteldeutschen Revier",
        "Eine bestehende Erdgasleitung im Mitteldeutschen Revier wird für den Transport von Wasserstoff umgerüstet. Es ist der erste Abschnitt des regionalen Wasserstoffnetzes.",
        """
        Im Mitteldeutschen Revier haben die Arbeiten an einem ersten Abschnitt des regionalen Wasserstoffnetzes begonnen. Eine bestehende Erdgasleitung wird dafür umgerüstet, statt eine neue Leitung zu bauen.

        Die Umstellung spart Zeit und Kosten. Vor der Inbetriebnahme werden Armaturen und Messtechnik ausgetauscht und die Leitung auf ihre Eignung für den Transport des Wasserstoffs geprüft. Die Moleküle des Wasserstoffs sind sehr klein und stellen andere Anforderungen an Dichtungen und Werkstoffe als Erdgas.

        Die Leitung soll Industrieunternehmen in Leuna und Bitterfeld-Wolfen versorgen und später an das überregionale Wasserstoff-Kernnetz angeschlossen werden. Wie viel Wasserstoff durch die Leitung fließen wird, hängt vom Ausbau der Elektrolyseure in der Region ab.

        Ein Sprecher des Netzbetreibers kündigte an, die Anwohnerinnen und Anwohner entlang der Leitung vor Beginn der Arbeiten in ihrem Ort zu informieren.
        """,
        ["wasserstoff"],
    ),
    _generated(
        "reallabor-in-juelich-wie-industrieabwaerme-wohnquartiere-heizen-kann",
        "2025-04-24 10:00",
        "Reallabor in Jülich: Wie Industrieabwärme Wohnquartiere heizen kann",
        "In einem Reallabor im Rheinischen Revier wird erprobt, wie Abwärme aus Gewerbe und Industrie über ein Niedertemperaturnetz in Wohnungen gelangt.",
        """
        In einem Reallabor bei Jülich wird erprobt, wie Abwärme aus Gewerbe und Industrie Wohnquartiere heizen kann. Ein Niedertemperaturnetz verbindet dafür einen Gewerbepark mit einem neuen Wohngebiet.

        Anders als klassische Fernwärme arbeitet das Netz mit niedrigen Temperaturen. Wärmepumpen in den Gebäuden heben die Wärme auf das benötigte Niveau. Das senkt die Verluste im Netz und erlaubt es, auch Abwärmequellen zu nutzen, die bisher als zu kalt galten.

        Forschende begleiten das Projekt und messen über mehrere Jahre, wie sich Verbrauch, Kosten und Komfort entwickeln. Die Ergebnisse sollen anderen Kommunen im Revier bei ihrer Wärmeplanung helfen.

        Eine Projektleiterin des beteiligten Forschungsinstituts sagt, das Reallabor solle zeigen, dass die Wärmewende auch im Bestand und nicht nur im Neubau funktionieren könne.
        """,
        ["waermewende", "innovation"],
    ),
    _generated(
        "tag-der-offenen-tuer-im-revier-unternehmen-zeigen-jugendlichen-ihre-arbeitsplaetze",
        "2025-05-22 09:00",
        "Tag der offenen Tür im Revier: Unternehmen zeigen Jugendlichen ihre Arbeitsplätze",
        "Mehr als 120 Unternehmen im Mitteldeutschen Revier öffnen am Samstag ihre Werkstore für Jugendliche und Eltern.",
        """
        Mehr als 120 Unternehmen im Mitteldeutschen Revier öffnen am Samstag ihre Werkstore. Jugendliche und ihre Eltern können sich Ausbildungsplätze ansehen, mit Auszubildenden sprechen und selbst Hand anlegen.

        Mit dabei sind Chemieunternehmen in Leuna und Schkopau ebenso wie Handwerksbetriebe, Pflegeeinrichtungen und Verkehrsunternehmen. Für die Fahrt zwischen den Standorten setzen die Veranstalter Shuttlebusse ein.

        ## Tipps für den Besuch

        - Vorher drei bis vier Betriebe auswählen und die Route planen
        - Fragen an die Auszubildenden notieren
        - Feste Schuhe tragen: In manchen Werkstätten gilt Sicherheitskleidung

        Die Kammern der Region unterstützen den Aktionstag. Eine Sprecherin der Handwerkskammer sagt, der persönliche Eindruck im Betrieb überzeuge Jugendliche oft mehr als jede Anzeige.
        """,
        ["fachkraefte", "veranstaltungen"],
    ),
    _generated(
        "s-bahn-verlaengerung-und-radschnellweg-mobilitaetsprojekte-im-revier-kommen-voran",
        "2025-09-18 10:00",
        "S-Bahn-Verlängerung und Radschnellweg: Mobilitätsprojekte im Revier kommen voran",
        "Mehrere Verkehrsprojekte im Mitteldeutschen Revier haben wichtige Planungsschritte erreicht. Sie sollen Wohnorte und Arbeitsplätze besser verbinden.",
        """
        Mehrere Verkehrsprojekte im Mitteldeutschen Revier haben wichtige Planungsschritte erreicht. Sie werden zu einem großen Teil aus Mitteln für den Strukturwandel finanziert und sollen Wohnorte und Arbeitsplätze besser miteinander verbinden.

        ## Die Projekte im Überblick

        - **S-Bahn:** Für die Verlängerung einer S-Bahn-Linie in Richtung Zeitz liegt die Vorplanung vor.
        - **Radschnellweg:** Zwischen Leipzig und dem Chemiestandort Schkopau ist die Trasse für einen Radschnellweg festgelegt.
        - **On-Demand-Verkehr:** In mehreren Gemeinden fahren Kleinbusse auf Bestellung, auch abends und am Wochenende.

        Gute Verbindungen sind für die Unternehmen ein Standortfaktor: Wer Fachkräfte gewinnen will, muss ihnen einen verlässlichen Weg zur Arbeit bieten. Für Beschäftigte ohne Auto ist das oft die Voraussetzung, eine Stelle anzunehmen.

        Ein Sprecher des Zweckverbands für den Nahverkehr betonte, dass die Bauzeiten der Schienenprojekte lang seien. Umso wichtiger sei es, schnelle Lösungen wie den Bedarfsverkehr schon jetzt anzubieten.
        """,
        ["mobilitaet", "foerderung"],
    ),
    _generated(
        "zementwerk-testet-co2-nutzung-fuer-baustoffe",
        "2025-10-16 10:00",
        "Abscheidung statt Ausstoß: Zementwerk testet CO2-Nutzung für Baustoffe",
        "Ein Zementwerk im Revier erprobt in einer Pilotanlage, wie abgeschiedenes Kohlendioxid in Baustoffen gebunden werden kann.",
        """
        Ein Zementwerk im Mitteldeutschen Revier hat eine Pilotanlage in Betrieb genommen, die Kohlendioxid aus dem Abgas abscheidet. Das abgeschiedene CO2 wird anschließend in Recyclingbeton gebunden, wo es dauerhaft als Mineral verbleibt.

        Die Pilotanlage ist klein: Sie verarbeitet nur einen Bruchteil des Abgases. Sie soll aber zeigen, ob das Verfahren im Dauerbetrieb zuverlässig arbeitet und wie viel Energie es benötigt. Bei Erfolg könnte eine größere Anlage folgen.

        Für die Baustoffindustrie ist die Nutzung von Kohlendioxid (CCU) interessant, weil sie zwei Probleme zugleich angeht: die Emissionen des Werks und die Wiederverwertung von Bauschutt. Die dauerhafte Speicherung (CCS) bleibt für den Großteil der Emissionen dennoch nötig.

        Ein Sprecher des Unternehmens kündigte an, die Ergebnisse mit Hochschulen aus der Region auszuwerten und zu veröffentlichen.
        """,
        ["ccs-ccu", "innovation"],
    ),
    _generated(
        "fachkraeftekonferenz-in-weisswasser-wie-kleine-betriebe-personal-halten",
        "2025-11-20 09:00",
        "Fachkräftekonferenz in Weißwasser: Wie kleine Betriebe Personal halten",
        "Auf der Fachkräftekonferenz in Weißwasser ging es um die Frage, wie kleine Unternehmen ihre Beschäftigten halten und neue gewinnen können.",
        """
        Wie können kleine Betriebe ihre Beschäftigten halten, wenn große Arbeitgeber mit höheren Löhnen werben? Um diese Frage ging es auf der Fachkräftekonferenz in Weißwasser, zu der rund 200 Teilnehmende aus der Lausitz kamen.

        In Workshops stellten Unternehmen vor, was bei ihnen wirkt: flexible Arbeitszeiten, Unterstützung bei der Kinderbetreuung, Weiterbildung während der Arbeitszeit und eine offene Kommunikation über die Zukunft des Betriebs. Ein Handwerksbetrieb berichtete, dass eine Viertagewoche die Zahl der Bewerbungen deutlich erhöht habe.

        ## Rückkehrende als Chance

        Ein eigener Themenblock widmete sich Menschen, die die Lausitz verlassen haben und zurückkehren möchten. Rückkehrerinitiativen vermitteln Kontakte zu Unternehmen und helfen bei der Suche nach Wohnung und Kita-Platz.

        Eine Vertreterin der Wirtschaftsförderung zog ein positives Fazit: Die Konferenz habe gezeigt, dass kleine Unternehmen im Wettbewerb um Fachkräfte mit ihren eigenen Stärken bestehen könnten.
        """,
        ["fachkraefte", "veranstaltungen"],
    ),
    _generated(
        "neue-foerderrunde-mittel-fuer-klimafreundliche-produktionsanlagen-in-kmu",
        "2026-01-22 10:00",
        "Neue Förderrunde: Mittel für klimafreundliche Produktionsanlagen in KMU",
        "Kleine und mittlere Unternehmen in den Revieren können in einer neuen Förderrunde Zuschüsse für klimafreundliche Produktionsanlagen beantragen.",
        """
        Eine neue Förderrunde unterstützt kleine und mittlere Unternehmen in den Revieren bei der Umstellung auf klimafreundliche Produktionsanlagen. Gefördert werden Investitionen, die den Energieverbrauch oder die CO2-Emissionen eines Betriebs deutlich senken.

        ## Was gefördert wird

        - Umstellung von Prozesswärme auf Wärmepumpen oder Strom
        - Nutzung von Abwärme im eigenen Betrieb oder in der Nachbarschaft
        - Effiziente Druckluft-, Kälte- und Lüftungsanlagen
        - Mess- und Regeltechnik für ein Energiemanagement

        Anträge können bis zum Ende des ersten Halbjahres gestellt werden. Vor dem Antrag ist eine Energieberatung nötig, die ebenfalls gefördert wird.

        Ein Sprecher der Förderbank empfiehlt, die Beratung früh zu beginnen. Erfahrungsgemäß seien die Mittel einer Förderrunde schnell vergeben.
        """,
        ["foerderung", "innovation"],
    ),
    _generated(
        "wasserstoff-kompetenzzentrum-in-zeitz-nimmt-arbeit-auf",
        "2026-03-12 10:00",
        "Wasserstoff-Kompetenzzentrum in Zeitz nimmt Arbeit auf",
        "In Zeitz hat ein Kompetenzzentrum für Wasserstoff seine Arbeit aufgenommen. Es bildet Fachkräfte aus und berät Unternehmen.",
        """
        In Zeitz hat ein Kompetenzzentrum für Wasserstoff seine Arbeit aufgenommen. Es verbindet Weiterbildung, Beratung und angewandte Forschung unter einem Dach.

        Herzstück ist ein Technikum, in dem Fachkräfte an echten Anlagen lernen: an einem kleinen Elektrolyseur, an Verdichtern und an Messtechnik. Die Kurse richten sich an Beschäftigte aus Industrie und Handwerk, die künftig mit Wasserstoff arbeiten werden.

        Unternehmen aus dem Mitteldeutschen Revier können sich im Zentrum beraten lassen, wie sie Wasserstoff in ihren Prozessen einsetzen können und welche Sicherheitsanforderungen gelten. Für kleine und mittlere Unternehmen ist die Erstberatung kostenfrei.

        Eine Sprecherin des Zentrums sagt, ohne Fachkräfte werde der Hochlauf des Wasserstoffs in der Region nicht gelingen. Die ersten Kurse seien bereits ausgebucht.
        """,
        ["wasserstoff", "fachkraefte"],
    ),
    _generated(
        "revier-monitor-2026-zufriedenheit-mit-dem-nahverkehr-steigt",
        "2026-05-07 11:00",
        "Revier-Monitor 2026: Zufriedenheit mit dem Nahverkehr steigt",
        "Die Menschen in den Revieren sind mit Bus und Bahn zufriedener als vor zwei Jahren. Auf dem Land bleibt der Abstand zu den Städten aber groß.",
        """
        Die Menschen in den Revieren sind mit dem Nahverkehr zufriedener als vor zwei Jahren. Das zeigt eine Befragung, die für den Revier-Monitor 2026 ausgewertet wurde.

        Besonders positiv bewerten die Befragten neue Angebote wie Busse auf Bestellung und dichtere Takte auf den Hauptlinien. In den Städten ist die Zufriedenheit deutlich höher als in ländlichen Gemeinden, wo viele Menschen weiterhin auf das eigene Auto angewiesen sind.

        ## Ausgewählte Ergebnisse

        | Gebiet | zufrieden oder sehr zufrieden |
        |---|---|
        | Städte | 61 % |
        | Ländliche Gemeinden | 38 % |

        Die vollständigen Ergebnisse mit allen Fragen und Revieren finden Sie im Bereich Monitor.
        """,
        ["monitor", "mobilitaet"],
    ),
    _generated(
        "sommerakademie-strukturwandel-studierende-entwickeln-ideen-fuer-industrieflaechen",
        "2026-07-09 10:00",
        "Sommerakademie Strukturwandel: Studierende entwickeln Ideen für Industrieflächen",
        "Eine Woche lang haben Studierende aus mehreren Hochschulen Ideen für frühere Industrie- und Tagebauflächen in der Lausitz entwickelt.",
        """
        Eine Woche lang haben rund 40 Studierende aus Architektur, Stadtplanung, Ingenieurwesen und Wirtschaft in der Lausitz an Ideen für frühere Industrie- und Tagebauflächen gearbeitet. Die Sommerakademie Strukturwandel fand in diesem Jahr in Weißwasser statt.

        In gemischten Teams erarbeiteten die Studierenden Vorschläge für drei Flächen: ein stillgelegtes Werksgelände, einen Bahnhof mit Umfeld und eine Fläche am Rand eines früheren Tagebaus. Die Ideen reichen von Gewerbehöfen für Handwerksbetriebe über Energieparks bis zu Wohnprojekten für Auszubildende.

        Zum Abschluss stellten die Teams ihre Ergebnisse der Öffentlichkeit und Vertreterinnen und Vertretern der Kommunen vor. Eine Vertreterin der Stadtverwaltung sagte, einige Vorschläge würden in die weitere Planung einfließen.

        Die Sommerakademie wird im kommenden Jahr im Rheinischen Revier fortgesetzt.
        """,
        ["veranstaltungen", "innovation"],
    ),
    _generated(
        "waermenetz-in-weisswasser-erste-haushalte-heizen-mit-solarthermie-und-speicher",
        "2026-09-24 10:00",
        "Wärmenetz in Weißwasser: Erste Haushalte heizen mit Solarthermie und Speicher",
        "In Weißwasser sind die ersten Haushalte an ein Wärmenetz angeschlossen, das Sonnenwärme in einem großen Speicher für den Winter aufbewahrt.",
        """
        In Weißwasser sind die ersten Haushalte an ein neues Wärmenetz angeschlossen. Es bezieht seine Wärme aus einem Solarthermiefeld am Stadtrand und einem großen Wärmespeicher, der Sonnenwärme aus dem Sommer für die kalte Jahreszeit aufbewahrt.

        Im Winter ergänzen eine Großwärmepumpe und ein Spitzenlastkessel die Versorgung. Über das Jahr gerechnet soll der größte Teil der Wärme aus erneuerbaren Quellen stammen.

        ## Wie es weitergeht

        In den kommenden zwei Jahren sollen weitere Straßenzüge angeschlossen werden. Eigentümerinnen und Eigentümer können sich bei den Stadtwerken über Anschlusskosten und Fördermöglichkeiten informieren.

        Für die Stadt ist das Wärmenetz ein sichtbarer Schritt der Wärmewende. Eine Sprecherin der Stadtwerke sagt, das Projekt zeige, dass eine frühere Kohleregion ihre Wärme künftig selbst aus Sonne und Umweltwärme gewinnen könne.
        """,
        ["waermewende"],
    ),
    _generated(
        "buergerforum-in-bitterfeld-wolfen-informiert-ueber-co2-transport",
        "2026-11-05 10:00",
        "CCS/CCU im Dialog: Bürgerforum in Bitterfeld-Wolfen informiert über CO2-Transport",
        "Wie soll abgeschiedenes Kohlendioxid aus der Region transportiert werden? Ein Bürgerforum in Bitterfeld-Wolfen hat darüber informiert und diskutiert.",
        """
        Wie soll abgeschiedenes Kohlendioxid aus den Industriebetrieben der Region transportiert werden, und was bedeutet eine CO2-Leitung für die Menschen, die an ihr wohnen? Darüber informierte ein Bürgerforum in Bitterfeld-Wolfen, zu dem rund 120 Interessierte kamen.

        Fachleute erläuterten, wie CO2-Leitungen gebaut und überwacht werden und welche Sicherheitsabstände gelten. Unternehmen aus dem Chemiepark stellten dar, welche ihrer Emissionen sie vermeiden können und für welche sie auf Abscheidung angewiesen sind.

        In der Diskussion ging es vor allem um Sicherheit, um die Beteiligung der Anwohnerinnen und Anwohner an der Trassenplanung und um die Frage, ob CCS den Ausbau erneuerbarer Energien bremsen könnte.

        Die Veranstalter kündigten weitere Foren in anderen Orten des Mitteldeutschen Reviers an. Fragen, die auf dem Forum offen geblieben sind, sollen schriftlich beantwortet werden.
        """,
        ["ccs-ccu", "veranstaltungen"],
    ),
    # Scheduled: published, but its time lies in the future, so the site does not show it yet.
    _generated(
        "anmeldung-geoeffnet-revierkonferenz-wasserstoff-2027-in-leuna",
        "2027-03-04 09:00",
        "Anmeldung geöffnet: Revierkonferenz Wasserstoff 2027 in Leuna",
        "Die Revierkonferenz Wasserstoff lädt im Juni 2027 nach Leuna ein. Unternehmen, Kommunen und Forschung stellen ihre Projekte vor.",
        """
        Die Revierkonferenz Wasserstoff lädt im Juni 2027 nach Leuna ein. Zwei Tage lang stellen Unternehmen, Kommunen und Forschungseinrichtungen aus allen drei Revieren vor, wie weit der Aufbau der Wasserstoffwirtschaft in ihrer Region ist.

        ## Schwerpunkte des Programms

        - Stand des Wasserstoffnetzes und der Elektrolyseure in Mitteldeutschland
        - Wasserstoff für kleine und mittlere Unternehmen: Anwendungen jenseits der Großindustrie
        - Fachkräfte für die Wasserstoffwirtschaft: Ausbildung und Weiterbildung

        Am zweiten Tag führen Exkursionen zu Anlagen am Chemiestandort Leuna. Die Plätze dafür sind begrenzt und werden in der Reihenfolge der Anmeldungen vergeben.

        Die Teilnahme ist kostenfrei. Die Anmeldung ist über den Veranstaltungskalender möglich.
        """,
        ["veranstaltungen", "wasserstoff"],
        links=(("Programm und Anmeldung", "/veranstaltungen/"),),
    ),
    # Draft: not yet published, no date.
    _generated(
        "jahresrueckblick-2026-was-sich-im-revier-bewegt-hat",
        None,
        "Jahresrückblick 2026: Was sich im Revier bewegt hat",
        "Neue Wärmenetze, ein Wasserstoff-Kompetenzzentrum und mehr Zufriedenheit mit dem Nahverkehr: ein Rückblick auf das Jahr im Revier.",
        """
        Das Jahr 2026 war für die Reviere ein Jahr der Inbetriebnahmen. Viele Projekte, die in den vergangenen Jahren geplant wurden, sind sichtbar geworden.

        ## Höhepunkte des Jahres

        - Das Wasserstoff-Kompetenzzentrum in Zeitz hat seine ersten Kurse angeboten.
        - In Weißwasser heizen die ersten Haushalte mit Sonnenwärme aus dem Speicher.
        - Der Revier-Monitor zeigt eine höhere Zufriedenheit mit dem Nahverkehr.

        *Entwurf: Abschnitt zu Förderung und Fachkräften ergänzen, Bilder auswählen.*
        """,
        ["innovation", "monitor"],
        status=Article.Status.DRAFT,
    ),
]

ARTICLES = SEED_ARTICLES + GENERATED_ARTICLES


# --- Loading ----------------------------------------------------------------------------------


def demo_image_png(*, seed: int = 2024, size: tuple[int, int] = (1200, 675)) -> bytes:
    """A simple abstract graphic (points joined to a network) drawn with Pillow; the same seed
    always gives the same picture."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, (16, 42, 84))
    draw = ImageDraw.Draw(image)
    for i in range(height):  # a quiet vertical gradient
        shade = int(16 + 30 * i / height)
        draw.line([(0, i), (width, i)], fill=(shade, 42 + shade // 2, 84 + shade))
    points = [(rng.randint(40, width - 40), rng.randint(40, height - 40)) for _ in range(36)]
    for index, (x, y) in enumerate(points):
        for x2, y2 in points[index + 1 :]:
            if (x - x2) ** 2 + (y - y2) ** 2 < 260**2:
                draw.line([(x, y), (x2, y2)], fill=(120, 170, 210), width=2)
    palette = [(0, 168, 120), (250, 190, 40), (90, 200, 250), (235, 95, 70)]
    for x, y in points:
        radius = rng.randint(8, 22)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=rng.choice(palette))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _topics(slugs) -> list[Topic]:
    topics = []
    for slug in slugs:
        topic, _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": TOPIC_NAMES[slug], "position": 10 * list(TOPIC_NAMES).index(slug)}
        )
        topics.append(topic)
    return topics


def _needs_image(article: Article, spec: DemoArticle) -> bool:
    if not spec.image_alt:
        return False
    return not article.image or not article.image.storage.exists(article.image.name)


def _event_id(slug: str) -> int | None:
    from revier.events.models import Event

    return Event.objects.filter(slug=slug).values_list("id", flat=True).first()


def _sync_article(spec: DemoArticle) -> str:
    """Brings one article to its demo state; returns 'created', 'changed' or 'unchanged'."""
    article = Article.objects.filter(slug=spec.slug).first()
    created = article is None
    if created:
        article = Article(slug=spec.slug)
    wanted = {
        "title": spec.title,
        "teaser": spec.teaser,
        "body": spec.body,
        "status": spec.status,
        "published_at": spec.published_at,
        "is_generated": spec.is_generated,
        "image_alt": spec.image_alt,
        "image_credit": IMAGE_CREDIT if spec.image_alt else "",
    }
    changed = created or any(getattr(article, field) != value for field, value in wanted.items())
    if not spec.image_alt and article.image:
        article.image = ""
        changed = True
    if _needs_image(article, spec):
        article.image.save(f"{spec.slug[:60]}.png", ContentFile(demo_image_png()), save=False)
        changed = True
    if changed:
        for field, value in wanted.items():
            setattr(article, field, value)
        article_save(article=article)

    topics = _topics(spec.topics)
    if created or set(article.topics.values_list("slug", flat=True)) != set(spec.topics):
        article.topics.set(topics)
        changed = True

    wanted_links = [
        (label, url, position, _event_id(rest[0]) if rest else None)
        for position, (label, url, *rest) in enumerate(spec.links)
    ]
    current_links = list(article.links.order_by("position", "id").values_list("label", "url", "position", "event_id"))
    if current_links != wanted_links:
        article.links.all().delete()
        for label, url, position, event_id in wanted_links:
            link = ArticleLink(article=article, label=label, url=url, position=position, event_id=event_id)
            link.full_clean()
            link.save()
        changed = True
    return "created" if created else ("changed" if changed else "unchanged")


def load(stdout=None) -> LoadResult:
    """Loads the demo articles of "Aktuelles". Idempotent: a second run writes nothing."""
    counts = {"created": 0, "changed": 0, "unchanged": 0}
    with transaction.atomic():
        for spec in ARTICLES:
            counts[_sync_article(spec)] += 1
    result = LoadResult(**counts)
    if stdout is not None:
        stdout.write(
            f"Aktuelles: {result.created} Artikel angelegt, {result.changed} aktualisiert, "
            f"{result.unchanged} unverändert ({len(GENERATED_ARTICLES)} davon generiert)."
        )
    return result
