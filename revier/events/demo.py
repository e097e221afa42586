"""Demo content of "Veranstaltungen": the seed's conference as a past event, an upcoming event with
a nearly full category (the waiting list can be tried at once), one in the Lausitz whose
registration is not open yet, and a cancelled one — so that every list shows every state.

`load(stdout)` is idempotent like the news demo: events are keyed by slug, organisations by name,
speakers by slug, program items by title, categories by name, questions by text, registrations by
e-mail address. A row that matches its demo state is not written again (`updated_at` stays); one
that was changed is reset. Registrations are only added, never changed or removed. All dates are
fixed (not relative to today), so a second run finds the same state; the upcoming event takes
place on 16 December 2026 and becomes a past one after that.

Facts about the conference (date, place, organisers, the talk by Jörn-Heinrich Tobaben, the
welcome by Dr. Carola Neugebauer) come from the seed article; times, rooms and the other program
items are plausible inventions, their speakers are roles, not people. Invented events are marked
`is_generated`; participants are invented names with example.org addresses.
"""

import datetime
import random
import unicodedata
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.db import transaction

from revier.core.management.commands.load_demo import demo_account_ensure
from revier.core.models import Topic
from revier.events import services
from revier.events.models import Event, Organisation, ProgramItem, Question, Region, Registration, Speaker, TicketCategory

BERLIN = ZoneInfo("Europe/Berlin")
ORGANISER_USERNAME = "organisation"
Kind = ProgramItem.Kind

CONFERENCE_SLUG = "kmu-im-strukturwandel-staerken-2024"
WORKSHOP_SLUG = "wasserstoff-werkstatt-fuer-kmu-2026"
LAUSITZ_SLUG = "fachkraeftetag-lausitz-2027"
CANCELLED_SLUG = "exkursion-waermespeicher-rheinisches-revier-2026"

GENERATED_ROLE_BIO = "Demo-Inhalt: Die Rolle ist erfunden; eine bestimmte Person ist nicht gemeint."


def _at(value: str) -> datetime.datetime:
    """'2024-10-23 09:30' in Berlin time."""
    return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=BERLIN)


# --- Organisations and speakers ---------------------------------------------------------------

ORGANISATIONS = {
    "bbsr": ("Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)", "https://www.bbsr.bund.de/"),
    "fraunhofer": ("Fraunhofer-Gesellschaft", "https://www.fraunhofer.de/"),
    "ihk": ("IHK Cottbus – Förderinitiative MinGenTec", "https://www.cottbus.ihk.de/"),
    "netzwerk": ("Netzwerkstelle Revier (Demo)", ""),
}


@dataclass(frozen=True)
class DemoSpeaker:
    slug: str
    name: str
    function: str = ""
    organisation: str = ""
    academic_title: str = ""
    bio: str = GENERATED_ROLE_BIO


SPEAKERS = [
    # The two people the seed names, with what the seed says about them and nothing more.
    DemoSpeaker(
        "joern-heinrich-tobaben", "Jörn-Heinrich Tobaben", "Geschäftsführer",
        "Europäische Metropolregion Mitteldeutschland (EMMD)",
        bio="Stellt auf der Konferenz die Transformationsprojekte der Metropolregion Mitteldeutschland vor.",
    ),
    DemoSpeaker(
        "carola-neugebauer", "Carola Neugebauer", "Leiterin des Kompetenzzentrums Regionalentwicklung",
        "Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)", academic_title="Dr.",
        bio="Leitet das Kompetenzzentrum Regionalentwicklung des BBSR, das die Konferenz veranstaltet.",
    ),
    # Roles, not people.
    DemoSpeaker("vertreterin-der-fraunhofer-gesellschaft", "Vertreterin der Fraunhofer-Gesellschaft",
                "Keynote", "Fraunhofer-Gesellschaft"),
    DemoSpeaker("vertreter-der-ihk-cottbus", "Vertreter der IHK Cottbus", "Förderinitiative MinGenTec",
                "IHK Cottbus"),
    DemoSpeaker("unternehmerin-aus-dem-chemiestandort-leuna", "Unternehmerin aus dem Chemiestandort Leuna",
                "Geschäftsführerin eines mittelständischen Zulieferers"),
    DemoSpeaker("vertreter-eines-stadtwerks", "Vertreter eines Stadtwerks im Mitteldeutschen Revier",
                "Bereichsleiter Wärme"),
    DemoSpeaker("wissenschaftlerin-ccs-ccu", "Wissenschaftlerin eines Fraunhofer-Instituts",
                "Forschung zu CO₂-Abscheidung und -Nutzung", "Fraunhofer-Gesellschaft"),
    DemoSpeaker("gast-aus-dem-rheinischen-revier", "Gast aus dem Rheinischen Revier",
                "Wirtschaftsförderung einer Revierkommune"),
    DemoSpeaker("moderation-bbsr", "Moderationsteam des BBSR", "Moderation",
                "Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)"),
    DemoSpeaker("energieberaterin-wasserstoff", "Energieberaterin für Wasserstoffprojekte (Demo)",
                "Beratung von KMU", "Netzwerkstelle Revier (Demo)"),
    DemoSpeaker("anwender-aus-dem-mittelstand", "Anwender aus dem Mittelstand (Demo)",
                "Produktionsleiter eines Metallbaubetriebs"),
]


# --- Events -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoItem:
    start: str
    end: str
    title: str
    kind: str
    speakers: tuple[str, ...] = ()
    room: str = ""
    description: str = ""


@dataclass(frozen=True)
class DemoCategory:
    name: str
    capacity: int | None
    description: str = ""


@dataclass(frozen=True)
class DemoQuestion:
    text: str
    kind: str
    choices: tuple[str, ...] = ()
    required: bool = False
    help_text: str = ""


@dataclass(frozen=True)
class DemoEvent:
    slug: str
    title: str
    subtitle: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue_name: str
    street: str
    postcode: str
    city: str
    region: str
    description: str
    organisers: tuple[str, ...]
    topics: tuple[str, ...]
    registration_opens_at: datetime.datetime | None
    registration_closes_at: datetime.datetime | None
    categories: tuple[DemoCategory, ...] = ()
    questions: tuple[DemoQuestion, ...] = ()
    program: tuple[DemoItem, ...] = ()
    is_generated: bool = True
    online_url: str = ""
    image_alt: str = ""
    cancellation_note: str = ""  # set: the event is cancelled
    managed_by_organiser_account: bool = False


DAY = "2024-10-23"
AFTERNOON_ROOMS = ("Großer Saal", "Seminarraum 1")
WORKSHOP_CHOICES = ("Podien im Großen Saal", "Workshops im Seminarraum 1")

CONFERENCE = DemoEvent(
    slug=CONFERENCE_SLUG,
    title="Kleine und mittlere Unternehmen im Strukturwandel stärken",
    subtitle="Innovationskonferenz in den Strukturwandelregionen",
    starts_at=_at(f"{DAY} 09:00"),
    ends_at=_at(f"{DAY} 18:00"),
    venue_name="Kulturhaus Leuna",
    street="Spergauer Straße 41a",
    postcode="06237",
    city="Leuna",
    region=Region.SUPRAREGIONAL,
    description=(
        "Das Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR) veranstaltet mit der Fraunhofer-Gesellschaft "
        "und der Förderinitiative MinGenTec der IHK Cottbus eine Innovationskonferenz in den "
        "Strukturwandelregionen zum Thema „Kleine und mittlere Unternehmen im Strukturwandel stärken“.\n\n"
        "„Neben großen Industrieansiedlungen sind es vielfach kleine und mittelständische Unternehmen, die mit "
        "ihrer Innovationskraft den ‚Maschinenraum‘ der Transformation am Laufen halten“, beschreibt "
        "Dr. Carola Neugebauer, Leiterin des Kompetenzzentrums Regionalentwicklung des BBSR, die Rolle kleiner "
        "und mittelständischer Unternehmen im Strukturwandel.\n\n"
        "Die Konferenz mit Teilnehmenden aus **Wirtschaft, Politik und Wissenschaft** nimmt die aktuelle Praxis "
        "der Transformationsgestaltung im Lausitzer und Mitteldeutschen Revier in den Blick und gibt Impulse "
        "für neue Geschäftsfelder in einer postfossilen Wirtschaft. Erfahrungen aus dem Rheinischen Revier "
        "werden dabei berücksichtigt.\n\n"
        "EMMD-Geschäftsführer Jörn-Heinrich Tobaben stellt unter dem Titel „Klimaneutrale Industrieregion "
        "Mitteldeutschland“ die Handlungsfelder und Umsetzungsprojekte der Metropolregion zu grünem "
        "Wasserstoff und Wärmewende vor und gibt einen Ausblick auf die geplanten Aktivitäten zu CCS/CCU.\n\n"
        "*Hinweis zur Demo: Datum, Ort, Veranstalter und die genannten Personen stammen aus der Meldung; "
        "Zeiten, Räume und die übrigen Programmpunkte sind nachgebildet, ihre Mitwirkenden sind Rollen.*"
    ),
    organisers=("bbsr", "fraunhofer", "ihk"),
    topics=("veranstaltungen", "wasserstoff", "waermewende", "ccs-ccu", "innovation"),
    registration_opens_at=_at("2024-09-02 09:00"),
    registration_closes_at=_at("2024-10-21 12:00"),
    categories=(
        DemoCategory("Teilnahme vor Ort", 120, "Im Kulturhaus Leuna, mit Mittagessen."),
        DemoCategory("Online-Teilnahme", None, "Übertragung der Vorträge und Podien im Großen Saal."),
    ),
    questions=(
        DemoQuestion(
            "Welchen Programmteil am Nachmittag möchten Sie besuchen?", "single", WORKSHOP_CHOICES, required=True,
            help_text="Die Podien und Workshops laufen parallel; Sie können vor Ort auch wechseln.",
        ),
        DemoQuestion(
            "Haben Sie Wünsche zur Verpflegung?", "text",
            help_text="Zum Beispiel vegetarisch, vegan oder Allergien.",
        ),
    ),
    program=(
        DemoItem("09:00", "09:30", "Ankommen und Anmeldung", Kind.OTHER,
                 description="Kaffee im Foyer, Ausgabe der Namensschilder."),
        DemoItem("09:30", "09:45", "Begrüßung", Kind.WELCOME, ("carola-neugebauer",)),
        DemoItem("09:45", "10:30", "Keynote: Der Maschinenraum der Transformation – was KMU im Strukturwandel leisten",
                 Kind.KEYNOTE, ("vertreterin-der-fraunhofer-gesellschaft",)),
        DemoItem("10:30", "11:15", "Klimaneutrale Industrieregion Mitteldeutschland", Kind.TALK,
                 ("joern-heinrich-tobaben",),
                 description="Handlungsfelder und Umsetzungsprojekte der EMMD zu grünem Wasserstoff und "
                             "Wärmewende, mit einem Ausblick auf die geplanten Aktivitäten zu CCS/CCU."),
        DemoItem("11:15", "11:30", "Kaffeepause", Kind.BREAK),
        DemoItem("11:30", "12:30", "Podium: Grüner Wasserstoff – Chancen für kleine und mittlere Unternehmen",
                 Kind.PANEL,
                 ("joern-heinrich-tobaben", "vertreter-der-ihk-cottbus", "unternehmerin-aus-dem-chemiestandort-leuna",
                  "moderation-bbsr"),
                 description="Wo entstehen Aufträge entlang der Wasserstoffkette, und wie kommen KMU an sie heran?"),
        DemoItem("12:30", "13:30", "Mittagspause", Kind.BREAK),
        DemoItem("13:30", "14:45", "Podium: Wärmewende in Kommunen und Betrieben", Kind.PANEL,
                 ("vertreter-eines-stadtwerks", "moderation-bbsr"), room=AFTERNOON_ROOMS[0],
                 description="Abwärme, Wärmenetze und Speicher: was Stadtwerke und Betriebe gemeinsam planen."),
        DemoItem("13:30", "14:45", "Workshop: Förderwege für Innovationsprojekte", Kind.WORKSHOP,
                 ("vertreter-der-ihk-cottbus",), room=AFTERNOON_ROOMS[1],
                 description="Von der Idee zum Antrag: Programme für KMU im Lausitzer und Mitteldeutschen Revier."),
        DemoItem("14:45", "15:00", "Pause", Kind.BREAK),
        DemoItem("15:00", "16:15", "Podium: CCS/CCU – was kommt auf die Industrie zu?", Kind.PANEL,
                 ("wissenschaftlerin-ccs-ccu", "unternehmerin-aus-dem-chemiestandort-leuna", "moderation-bbsr"),
                 room=AFTERNOON_ROOMS[0]),
        DemoItem("15:00", "16:15", "Workshop: Erfahrungen aus dem Rheinischen Revier", Kind.WORKSHOP,
                 ("gast-aus-dem-rheinischen-revier",), room=AFTERNOON_ROOMS[1],
                 description="Was sich bei der Begleitung von Unternehmen im Strukturwandel bewährt hat."),
        DemoItem("16:15", "16:30", "Zusammenfassung und Ausblick", Kind.OTHER, ("carola-neugebauer",)),
        DemoItem("16:30", "18:00", "Netzwerken im Foyer", Kind.NETWORKING,
                 description="Gespräche bei einem kleinen Imbiss."),
    ),
    is_generated=False,
    image_alt=(
        "Abstrakte Grafik: farbige Punkte auf dunkelblauem Grund, durch feine Linien zu einem Netz verbunden – "
        "ein Sinnbild für vernetzte kleine und mittlere Unternehmen."
    ),
)

WORKSHOP = DemoEvent(
    slug=WORKSHOP_SLUG,
    title="Wasserstoff-Werkstatt für KMU",
    subtitle="Vom ersten Gedanken zum Projekt: Wasserstoff im eigenen Betrieb",
    starts_at=_at("2026-12-16 09:30"),
    ends_at=_at("2026-12-16 15:30"),
    venue_name="Innovationszentrum Zeitz (Demo)",
    street="Am Technologiepark 3",
    postcode="06712",
    city="Zeitz",
    region=Region.CENTRAL_GERMAN,
    online_url="https://meet.example.org/wasserstoff-werkstatt",
    description=(
        "Eine Werkstatt für kleine und mittlere Unternehmen, die prüfen wollen, ob Wasserstoff für ihren "
        "Betrieb in Frage kommt: als Energieträger, als Rohstoff oder als neues Geschäftsfeld.\n\n"
        "- Grundlagen und Kosten in verständlicher Form\n"
        "- Beispiele aus Betrieben im Mitteldeutschen Revier\n"
        "- Arbeit in kleinen Gruppen an Ihren eigenen Fragen\n\n"
        "Die Plätze vor Ort sind begrenzt. Ist die Kategorie voll, können Sie sich auf die Warteliste "
        "setzen; wird ein Platz frei, rücken Sie automatisch nach und erhalten eine E-Mail.\n\n"
        "*Demo-Veranstaltung: Ort, Programm und Teilnehmende sind erfunden.*"
    ),
    organisers=("netzwerk",),
    topics=("wasserstoff", "veranstaltungen", "innovation"),
    registration_opens_at=_at("2026-11-01 09:00"),
    registration_closes_at=_at("2026-12-15 12:00"),
    categories=(
        DemoCategory("Teilnahme vor Ort", 20, "Mit Mittagessen; die Arbeit in Gruppen findet nur vor Ort statt."),
        DemoCategory("Online-Teilnahme", None, "Die Vorträge am Vormittag als Übertragung."),
    ),
    questions=(
        DemoQuestion("Welche Frage zu Wasserstoff bringen Sie mit?", "text",
                     help_text="Wir bilden die Gruppen nach Ihren Fragen."),
    ),
    program=(
        DemoItem("2026-12-16 09:30", "2026-12-16 10:00", "Begrüßung und Vorstellungsrunde", Kind.WELCOME),
        DemoItem("2026-12-16 10:00", "2026-12-16 11:00", "Wasserstoff im Betrieb: Grundlagen, Kosten, Förderung",
                 Kind.TALK, ("energieberaterin-wasserstoff",)),
        DemoItem("2026-12-16 11:00", "2026-12-16 12:00", "Aus der Praxis: ein Metallbaubetrieb stellt um",
                 Kind.TALK, ("anwender-aus-dem-mittelstand",)),
        DemoItem("2026-12-16 12:00", "2026-12-16 13:00", "Mittagspause", Kind.BREAK),
        DemoItem("2026-12-16 13:00", "2026-12-16 15:00", "Werkstatt: Ihre Fragen in kleinen Gruppen", Kind.WORKSHOP,
                 ("energieberaterin-wasserstoff", "anwender-aus-dem-mittelstand")),
        DemoItem("2026-12-16 15:00", "2026-12-16 15:30", "Netzwerken", Kind.NETWORKING),
    ),
    managed_by_organiser_account=True,
)

LAUSITZ = DemoEvent(
    slug=LAUSITZ_SLUG,
    title="Fachkräftetag Lausitz",
    subtitle="Wie kleine Betriebe im Wandel Fachkräfte finden und halten",
    starts_at=_at("2027-02-24 10:00"),
    ends_at=_at("2027-02-24 16:00"),
    venue_name="Stadthalle Cottbus",
    street="Berliner Platz 6",
    postcode="03046",
    city="Cottbus",
    region=Region.LUSATIAN,
    description=(
        "Ein Tag für Betriebe, Kammern und Arbeitsagenturen der Lausitz: Beispiele, wie kleine Unternehmen "
        "Fachkräfte gewinnen, ausbilden und halten.\n\n"
        "Die Anmeldung öffnet am 15. Januar 2027.\n\n*Demo-Veranstaltung: Programm und Ort sind erfunden.*"
    ),
    organisers=("netzwerk",),
    topics=("fachkraefte", "veranstaltungen"),
    registration_opens_at=_at("2027-01-15 09:00"),
    registration_closes_at=_at("2027-02-22 12:00"),
    categories=(DemoCategory("Teilnahme vor Ort", 150),),
    program=(
        DemoItem("2027-02-24 10:00", "2027-02-24 10:30", "Begrüßung", Kind.WELCOME),
        DemoItem("2027-02-24 10:30", "2027-02-24 12:00", "Podium: Ausbildung im Verbund", Kind.PANEL),
        DemoItem("2027-02-24 12:00", "2027-02-24 13:00", "Mittagspause", Kind.BREAK),
        DemoItem("2027-02-24 13:00", "2027-02-24 16:00", "Netzwerken und Betriebsbörse", Kind.NETWORKING),
    ),
)

CANCELLED = DemoEvent(
    slug=CANCELLED_SLUG,
    title="Exkursion: Wärmespeicher in der Praxis",
    subtitle="Besichtigung eines Großwärmespeichers im Rheinischen Revier",
    starts_at=_at("2026-12-03 10:00"),
    ends_at=_at("2026-12-03 14:00"),
    venue_name="Treffpunkt am Bahnhof Grevenbroich",
    street="Bahnstraße 1",
    postcode="41515",
    city="Grevenbroich",
    region=Region.RHENISH,
    description=(
        "Eine Exkursion für Stadtwerke und Betriebe, die Wärme speichern wollen.\n\n"
        "*Demo-Veranstaltung: Ort und Programm sind erfunden.*"
    ),
    organisers=("netzwerk",),
    topics=("waermewende", "veranstaltungen"),
    registration_opens_at=_at("2026-10-15 09:00"),
    registration_closes_at=_at("2026-12-01 12:00"),
    categories=(DemoCategory("Teilnahme", 25),),
    cancellation_note=(
        "Die Exkursion muss leider entfallen, weil die Anlage an diesem Tag gewartet wird. "
        "Wir bieten im Frühjahr einen neuen Termin an."
    ),
)

EVENTS = [CONFERENCE, WORKSHOP, LAUSITZ, CANCELLED]


# --- Participants (invented) ------------------------------------------------------------------

FIRST_NAMES = [
    "Anja", "Bernd", "Claudia", "Dirk", "Elke", "Frank", "Gabriele", "Holger", "Ines", "Jens", "Katrin", "Lars",
    "Monika", "Nils", "Olga", "Peter", "Ramona", "Sven", "Tanja", "Uwe", "Viola", "Wolfgang", "Yvonne", "Jörg",
]
LAST_NAMES = [
    "Albrecht", "Böhme", "Conrad", "Dietze", "Engel", "Fiedler", "Göbel", "Hänel", "Illing", "Jahn", "Kästner",
    "Lorenz", "Mörbitz", "Nestler", "Opitz", "Pfeiffer", "Quaas", "Rößler", "Seifert", "Thiele", "Ulbricht",
]
DEMO_ORGANISATIONS = [
    ("Muster Metallbau GmbH", "Geschäftsführerin", "kmu"),
    ("Beispiel Anlagentechnik GmbH & Co. KG", "Projektleiter", "kmu"),
    ("Revier Chemie Service GmbH", "Leiterin Energie", "kmu"),
    ("Mitteldeutsche Beispielwerke AG", "Standortleiter", "gross"),
    ("Hochschule Musterstadt", "Wissenschaftlicher Mitarbeiter", "wissenschaft"),
    ("Landkreis Beispielkreis", "Wirtschaftsförderung", "verwaltung"),
    ("Handwerkskammer Musterstadt", "Innovationsberaterin", "kammer"),
    ("Verein Zukunft Revier e. V.", "Vorstand", "zivil"),
    ("Ingenieurbüro Beispiel", "Inhaber", "kmu"),
]


@dataclass(frozen=True)
class DemoRegistration:
    category: str
    first_name: str
    last_name: str
    email: str
    organisation: str
    function: str
    sector: str
    answers: tuple[tuple[str, object], ...]  # (question text, answer)
    registered_at: datetime.datetime
    checked_in_at: datetime.datetime | None = None


def _ascii(text: str) -> str:
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _people(seed: int, count: int, offset: int):
    """`count` invented people; the same seed always gives the same ones, and (first, last, n)
    makes every address unique."""
    rng = random.Random(seed)
    for n in range(count):
        first = FIRST_NAMES[(n + offset) % len(FIRST_NAMES)]
        last = LAST_NAMES[(7 * n + offset) % len(LAST_NAMES)]
        organisation, function, sector = rng.choice(DEMO_ORGANISATIONS)
        email = f"{_ascii(first)}.{_ascii(last)}.{seed % 1000}{n}@example.org"
        yield rng, first, last, email, organisation, function, sector


def _conference_registrations() -> list[DemoRegistration]:
    result = []
    start = _at("2024-09-02 10:00")
    for n, (rng, first, last, email, organisation, function, sector) in enumerate(_people(2024, 84, 0)):
        onsite = n % 7 != 6  # 72 on site, 12 online
        registered_at = start + datetime.timedelta(hours=n * 11 + rng.randint(0, 9), minutes=rng.randint(0, 59))
        checked_in = onsite and n % 9 != 4  # most of those on site came
        answers = [("Welchen Programmteil am Nachmittag möchten Sie besuchen?", WORKSHOP_CHOICES[n % 3 == 0])]
        if n % 5 == 0:
            answers.append(("Haben Sie Wünsche zur Verpflegung?", ["vegetarisch", "vegan", "ohne Nüsse"][n % 3]))
        result.append(DemoRegistration(
            category="Teilnahme vor Ort" if onsite else "Online-Teilnahme",
            first_name=first, last_name=last, email=email, organisation=organisation, function=function,
            sector=sector, answers=tuple(answers), registered_at=registered_at,
            checked_in_at=_at(f"{DAY} 08:50") + datetime.timedelta(minutes=n % 40) if checked_in else None,
        ))
    return result


def _workshop_registrations() -> list[DemoRegistration]:
    result = []
    start = _at("2026-11-02 08:00")
    questions = ["Lohnt sich ein Elektrolyseur für uns?", "Welche Förderung gibt es?", "", "Wie sicher ist das?"]
    for n, (rng, first, last, email, organisation, function, sector) in enumerate(_people(2026, 21, 5)):
        answer = questions[n % len(questions)]
        result.append(DemoRegistration(
            category="Teilnahme vor Ort" if n < 17 else "Online-Teilnahme",  # 17 of 20 seats taken
            first_name=first, last_name=last, email=email, organisation=organisation, function=function,
            sector=sector, answers=(("Welche Frage zu Wasserstoff bringen Sie mit?", answer),) if answer else (),
            registered_at=start + datetime.timedelta(hours=n * 19 + rng.randint(0, 5), minutes=rng.randint(0, 59)),
        ))
    return result


REGISTRATIONS = {CONFERENCE_SLUG: _conference_registrations(), WORKSHOP_SLUG: _workshop_registrations()}


# --- Loading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadResult:
    created: int
    changed: int
    unchanged: int
    registrations: int


def _sync_fields(obj, wanted: dict) -> bool:
    changed = obj.pk is None or any(getattr(obj, name) != value for name, value in wanted.items())
    for name, value in wanted.items():
        setattr(obj, name, value)
    return changed


def _sync_organisations() -> tuple[dict[str, Organisation], bool]:
    result, changed = {}, False
    for key, (name, url) in ORGANISATIONS.items():
        organisation = Organisation.objects.filter(name=name).first() or Organisation(name=name)
        if _sync_fields(organisation, {"url": url}):
            services.organisation_save(organisation=organisation)
            changed = True
        result[key] = organisation
    return result, changed


def _sync_speakers() -> dict[str, Speaker]:
    result = {}
    for spec in SPEAKERS:
        speaker = Speaker.objects.filter(slug=spec.slug).first() or Speaker(slug=spec.slug)
        wanted = {"name": spec.name, "academic_title": spec.academic_title, "function": spec.function,
                  "organisation": spec.organisation, "bio": spec.bio}
        if _sync_fields(speaker, wanted):
            services.speaker_save(speaker=speaker)
        result[spec.slug] = speaker
    return result


def _item_time(spec: DemoEvent, value: str) -> datetime.datetime:
    return _at(value if len(value) > 5 else f"{_day(spec)} {value}")


def _day(spec: DemoEvent) -> str:
    return spec.starts_at.astimezone(BERLIN).strftime("%Y-%m-%d")


def _sync_program(event: Event, spec: DemoEvent, speakers: dict[str, Speaker]) -> bool:
    changed = False
    existing = {item.title: item for item in event.program_items.prefetch_related("speakers")}
    for item_spec in spec.program:
        item = existing.pop(item_spec.title, None)
        current_speakers = sorted(s.slug for s in item.speakers.all()) if item else None
        item = item or ProgramItem(event=event, title=item_spec.title)
        wanted = {
            "starts_at": _item_time(spec, item_spec.start),
            "ends_at": _item_time(spec, item_spec.end),
            "kind": item_spec.kind,
            "room": item_spec.room,
            "description": item_spec.description,
        }
        fields_changed = _sync_fields(item, wanted)
        speakers_changed = current_speakers != sorted(item_spec.speakers)
        if fields_changed or speakers_changed:
            services.program_item_save(item=item, speakers=[speakers[slug] for slug in item_spec.speakers])
            changed = True
    for item in existing.values():
        services.program_item_delete(item=item)
        changed = True
    return changed


def _sync_categories(event: Event, spec: DemoEvent) -> tuple[dict[str, TicketCategory], bool]:
    changed, result = False, {}
    existing = {category.name: category for category in event.categories.all()}
    for position, category_spec in enumerate(spec.categories):
        category = existing.get(category_spec.name)
        if category is None:
            category = TicketCategory(event=event, name=category_spec.name, capacity=category_spec.capacity)
        elif category.capacity != category_spec.capacity:
            category = services.category_set_capacity(category=category, capacity=category_spec.capacity, actor=None)
            changed = True
        if _sync_fields(category, {"description": category_spec.description, "position": position}):
            services.ticket_category_save(category=category)
            changed = True
        result[category.name] = category
    return result, changed


def _sync_questions(event: Event, spec: DemoEvent) -> tuple[dict[str, Question], bool]:
    changed, result = False, {}
    existing = {question.text: question for question in event.questions.all()}
    for position, question_spec in enumerate(spec.questions):
        question = existing.get(question_spec.text) or Question(event=event, text=question_spec.text)
        wanted = {"kind": question_spec.kind, "choices": "\n".join(question_spec.choices),
                  "required": question_spec.required, "help_text": question_spec.help_text, "position": position}
        if _sync_fields(question, wanted):
            services.question_save(question=question)
            changed = True
        result[question.text] = question
    return result, changed


def _needs_image(event: Event, spec: DemoEvent) -> bool:
    if not spec.image_alt:
        return False
    return not event.image or not event.image.storage.exists(event.image.name)


def _sync_event(spec: DemoEvent, organisations, speakers, organiser) -> tuple[Event, str]:
    event = Event.objects.filter(slug=spec.slug).first()
    created = event is None
    event = event or Event(slug=spec.slug)
    wanted = {
        "title": spec.title,
        "subtitle": spec.subtitle,
        "starts_at": spec.starts_at,
        "ends_at": spec.ends_at,
        "venue_name": spec.venue_name,
        "street": spec.street,
        "postcode": spec.postcode,
        "city": spec.city,
        "online_url": spec.online_url,
        "region": spec.region,
        "description": spec.description,
        "registration_opens_at": spec.registration_opens_at,
        "registration_closes_at": spec.registration_closes_at,
        "requires_approval": False,
        "is_generated": spec.is_generated,
        "image_alt": spec.image_alt,
        "image_credit": "Grafik: Revier (generiert)" if spec.image_alt else "",
    }
    # A cancelled event is published first and then cancelled through event_cancel.
    if not spec.cancellation_note or event.status != Event.Status.CANCELLED:
        wanted["status"] = Event.Status.PUBLISHED
    changed = _sync_fields(event, wanted)
    if not spec.image_alt and event.image:
        event.image = ""
        changed = True
    if _needs_image(event, spec):
        from revier.news.demo import demo_image_png

        event.image.save(f"{spec.slug[:60]}.png", ContentFile(demo_image_png(seed=2410)), save=False)
        changed = True
    if changed:
        services.event_save(event=event)
    if spec.cancellation_note and (event.status != Event.Status.CANCELLED
                                   or event.cancellation_note != spec.cancellation_note):
        if event.status == Event.Status.CANCELLED:  # another note: reopen and cancel again
            event.status = Event.Status.PUBLISHED
            services.event_save(event=event)
        event = services.event_cancel(event=event, note=spec.cancellation_note, actor=None)
        changed = True

    def sync_m2m(manager, wanted_objects) -> bool:
        if created or set(manager.values_list("pk", flat=True)) != {obj.pk for obj in wanted_objects}:
            manager.set(wanted_objects)
            return True
        return False

    changed |= sync_m2m(event.organisers, [organisations[key] for key in spec.organisers])
    changed |= sync_m2m(event.topics, list(Topic.objects.filter(slug__in=spec.topics)))
    changed |= sync_m2m(event.managers, [organiser] if spec.managed_by_organiser_account else [])
    changed |= _sync_program(event, spec, speakers)
    _, categories_changed = _sync_categories(event, spec)
    _, questions_changed = _sync_questions(event, spec)
    changed |= categories_changed or questions_changed
    return event, "created" if created else ("changed" if changed else "unchanged")


def _add_registrations(event: Event, specs: list[DemoRegistration]) -> int:
    """Adds the demo participants that are missing (by address); existing ones are left alone."""
    categories = {category.name: category for category in event.categories.all()}
    questions = {question.text: question for question in event.questions.all()}
    present = set(
        Registration.objects.filter(event=event, status__in=Registration.ACTIVE).values_list("email_normalized", flat=True)
    )
    added = 0
    for spec in specs:
        if services.normalize_email(spec.email) in present:
            continue
        data = services.RegistrationInput(
            category_id=categories[spec.category].pk,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=spec.email,
            sector=spec.sector,
            organisation=spec.organisation,
            function=spec.function,
            answers={str(questions[text].pk): answer for text, answer in spec.answers},
            consents=frozenset({"participant_list"}) if added % 3 == 0 else frozenset(),
        )
        services.registration_import(event=event, data=data, registered_at=spec.registered_at,
                                     checked_in_at=spec.checked_in_at)
        added += 1
    return added


def load(stdout=None) -> LoadResult:
    """Loads the demo events. Idempotent: a second run writes nothing."""
    organiser, _ = demo_account_ensure(username=ORGANISER_USERNAME, email="organisation@revier.example", superuser=False)
    counts = {"created": 0, "changed": 0, "unchanged": 0}
    registrations = 0
    with transaction.atomic():
        organisations, _ = _sync_organisations()
        speakers = _sync_speakers()
        for spec in EVENTS:
            event, outcome = _sync_event(spec, organisations, speakers, organiser)
            counts[outcome] += 1
            registrations += _add_registrations(event, REGISTRATIONS.get(spec.slug, []))
    result = LoadResult(**counts, registrations=registrations)
    if stdout is not None:
        stdout.write(
            f"Veranstaltungen: {result.created} angelegt, {result.changed} aktualisiert, {result.unchanged} "
            f"unverändert; {result.registrations} Anmeldungen hinzugefügt."
        )
    return result
