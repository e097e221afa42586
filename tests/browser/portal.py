"""The portal as a reader meets it: one of every page type, built with the shared factories.

Used by the browser tests (against pytest-django's live server) and by the HTML validity test
(through Django's test client), so that both look at the same pages.
"""

import datetime
import importlib
import io
from dataclasses import dataclass

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from revier.events import services as event_services
from revier.events.models import Event, Organisation, Speaker
from revier.network.models import Profile
from revier.network.services import EntryInput
from revier.news.models import Article
from revier.pages.models import Page
from tests.factories import (
    ArticleFactory,
    ArticleLinkFactory,
    EventFactory,
    ProgramItemFactory,
    SpeakerFactory,
    TicketCategoryFactory,
    MonitorQuestionFactory,
    MonitorSurveyFactory,
    TopicFactory,
    make_monitor_wave,
    make_profile,
)

# The footer pages with the German starting texts every installation gets from the pages app's
# data migration. Tests with a live server empty the database after each test, so build_portal()
# runs that migration's function again (serialized rollback would be the usual way, but Django's
# connection seen inside Playwright's greenlet lacks the serialized contents).
STARTING_PAGES_MIGRATION = "revier.pages.migrations.0003_initial_pages"
LEICHTE_SPRACHE_MIGRATION = "revier.pages.migrations.0004_leichte_sprache_events_are_here"
FOOTER_PAGES = ("impressum", "datenschutz", "barrierefreiheit", "leichte-sprache")

# Page types of the portal, each once; the values are paths on the site.
STATIC_PAGE_TYPES = {
    "home": "/",
    "news-list": "/aktuelles/",
    "news-topic": "/aktuelles/?thema=wasserstoff",
    "search-results": "/aktuelles/?q=Wasserstoffs",
    "search-no-results": "/aktuelles/?q=Quantenkaffeemaschine",
    **{f"page-{slug}": f"/{slug}/" for slug in FOOTER_PAGES},
    "contact": "/kontakt/",
    "contact-thanks": "/kontakt/danke/",
    "report-barrier": "/barriere-melden/",
    "report-barrier-thanks": "/barriere-melden/danke/",
    "events-list": "/veranstaltungen/",
    "events-filtered": "/veranstaltungen/?thema=wasserstoff&region=lausitz",
    "events-past": "/veranstaltungen/vergangene/",
    "embed-index": "/einbetten/",
    "embed-list": "/einbetten/veranstaltungen/?thema=wasserstoff",
    "network-index": "/netzwerk/",
    "network-directory": "/netzwerk/verzeichnis/",
    "network-directory-search": "/netzwerk/verzeichnis/?q=Elektrolyseure&richtung=bietet",
    "network-entries": "/netzwerk/angebote-und-gesuche/?thema=wasserstoff",
    "network-create": "/netzwerk/profil-anlegen/",
    "network-resend-link": "/netzwerk/link-anfordern/",
    "monitor-home": "/monitor/",
    "monitor-survey": "/monitor/mdm/",
    "monitor-question": "/monitor/mdm/q1_zufriedenheit/",
    "monitor-question-by-sex-2024": "/monitor/mdm/q1_zufriedenheit/?welle=2024&gruppe=sex",
    "monitor-question-unknown-view": "/monitor/mdm/q1_zufriedenheit/?welle=1999&gruppe=religion",
    "monitor-methods": "/monitor/mdm/methode/2025/",
    "monitor-reading": "/monitor/lesehilfe/",
    "api-docs": "/api/v1/docs/",
    "not-found": "/aktuelles/diesen-artikel-gibt-es-nicht/",
}
# Forms that anonymous readers send; each is also checked as re-shown with validation errors.
FORM_PAGE_TYPES = ("contact", "report-barrier", "network-create", "network-contact-start")
FORM_PAGE_TYPES = (*FORM_PAGE_TYPES, *(f"en-{name}" for name in FORM_PAGE_TYPES))
EXPECTED_STATUS = {"not-found": 404, "en-not-found": 404}


def png_upload(name: str = "elektrolyseur.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (30, 90, 140)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# Page types whose paths depend on the data built (slugs).
DATA_PAGE_TYPES = ("article-detail", "event-detail", "event-cancelled", "speaker", "network-profile",
                   "network-contact-start", "embed-index-event", "embed-seats")
# The same pages in English (/en/…, issue 13 §4): every page type, the frame and the texts in
# English, the content German (marked lang="de") where it has no English version (the full article has
# one; the conference an English title and subtitle only).
ENGLISH_PAGE_TYPES = (*STATIC_PAGE_TYPES, *DATA_PAGE_TYPES)


@dataclass(frozen=True)
class Portal:
    article: Article
    event: Event  # with parallel tracks
    cancelled_event: Event
    speaker: Speaker
    profile: Profile

    @property
    def page_types(self) -> dict[str, str]:
        pages = {
            **STATIC_PAGE_TYPES,
            "article-detail": self.article.get_absolute_url(),
            "event-detail": self.event.get_absolute_url(),
            "event-cancelled": self.cancelled_event.get_absolute_url(),
            "speaker": self.speaker.get_absolute_url(),
            "network-profile": self.profile.get_absolute_url(),
            "network-contact-start": f"/netzwerk/kontakt/{self.profile.pk}/",  # "Kontakt aufnehmen"
            # The page for partner sites with every part chosen, and the seats box for a frame.
            "embed-index-event": f"/einbetten/?thema=wasserstoff&region=lausitz&veranstaltung={self.event.slug}",
            "embed-seats": f"/einbetten/veranstaltungen/{self.event.slug}/plaetze/",
        }
        return {**pages, **{f"en-{name}": "/en" + pages[name] for name in ENGLISH_PAGE_TYPES}}


def build_portal() -> Portal:
    """Topics, a dozen articles (two list pages), one full article, and the footer pages."""
    hydrogen = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    heat = TopicFactory(name="Wärmewende", slug="waermewende")
    skills = TopicFactory(name="Fachkräfte", slug="fachkraefte")
    now = timezone.now()
    for n in range(12):
        ArticleFactory(
            title=f"Strukturwandel im Revier: Bericht {n + 1}",
            published_at=now - datetime.timedelta(days=10 + n),
            topics=[skills] if n % 2 else [heat],
        )
    article = ArticleFactory(
        title="Grüner Wasserstoff für den Mittelstand",
        teaser="Wie kleine und mittlere Unternehmen in der Lausitz auf Wasserstoff umsteigen.",
        body=(
            "Die **Innovationskonferenz** zeigte, wie Betriebe umsteigen.\n\n"
            "## Was die Betriebe brauchen\n\n- Beratung\n- Förderung\n- Fachkräfte\n\n"
            "Mehr dazu auf der [Seite des Netzwerks](https://example.org/netzwerk).\n\n"
            "[monitor:mdm/q1_zufriedenheit]"
        ),
        published_at=now - datetime.timedelta(hours=2),
        image=png_upload(),
        image_alt="Ein Elektrolyseur in einer Werkshalle",
        image_credit="Revier-Redaktion",
        topics=[hydrogen, heat],
        # In English too (issue 13 §4): its English page shows the English version, the lists beside
        # it the German teasers of the others, marked lang="de".
        title_en="Green hydrogen for small and medium-sized enterprises",
        teaser_en="How small and medium-sized enterprises in Lusatia are switching to hydrogen.",
        body_en="The **innovation conference** showed how businesses switch.\n\n## What businesses need\n\n- Advice\n"
                "- Funding\n- Skilled workers\n\n[monitor:mdm/q1_zufriedenheit]",
    )
    ArticleLinkFactory(article=article, label="Weitere Informationen", url="https://example.org/info", position=0)
    ArticleLinkFactory(article=article, label="Programm und Anmeldung", url="/veranstaltungen/", position=1)
    importlib.import_module(STARTING_PAGES_MIGRATION).create_pages(apps, None)
    importlib.import_module(LEICHTE_SPRACHE_MIGRATION).events_are_here(apps, None)
    missing = set(FOOTER_PAGES) - set(Page.objects.filter(slug__in=FOOTER_PAGES).values_list("slug", flat=True))
    assert not missing, f"footer pages missing (data migration of the pages app?): {sorted(missing)}"
    event, cancelled_event, speaker = build_events(hydrogen)
    profile, _token = make_profile(
        1, topics=[hydrogen], description="Wir entwickeln Komponenten für Elektrolyseure im Chemiepark Zeitz.",
        entries=[EntryInput(direction="offer", title="Prüfung von Elektrolyse-Komponenten", topic_ids=(hydrogen.pk,)),
                 EntryInput(direction="need", title="Partner für eine Pilotanlage", text="Flächen im Chemiepark.")],
    )
    build_monitor()
    return Portal(article=article, event=event, cancelled_event=cancelled_event, speaker=speaker, profile=profile)


def build_monitor() -> None:
    """A synthetic survey with waves 2023–2025: a rating-scale question in the headlines, a question not
    comparable across waves, a district too small to show, and the latest wave's margins and report."""
    survey = MonitorSurveyFactory(slug="mdm", name="Mitteldeutschland-Monitor (Demo)", synthetic=True)
    satisfaction = MonitorQuestionFactory(
        survey=survey, code="q1_zufriedenheit", short_label="Persönliche Zufriedenheit", headline_position=1,
    )
    future = MonitorQuestionFactory(
        survey=survey, code="q2_zukunft", short_label="Zukunft der Region", headline_position=2,
        wording="Wie blicken Sie auf die Zukunft des Mitteldeutschen Reviers?", top_box_label="(sehr) optimistisch",
        answer_labels={"1": "sehr optimistisch", "2": "eher optimistisch", "3": "eher pessimistisch",
                       "4": "sehr pessimistisch", "9": "weiß nicht / keine Angabe"},
    )
    changed = MonitorQuestionFactory(survey=survey, code="q3_strukturwandel", short_label="Strukturwandel", comparable=False)
    questions = [satisfaction, future, changed]
    shares = {2023: (0.74, 0.41), 2024: (0.73, 0.40), 2025: (0.72, 0.47)}
    for year, (first, second) in shares.items():
        wave = make_monitor_wave(survey=survey, year=year, questions=questions, small_district="16077",
                                 shares={"q1_zufriedenheit": first, "q2_zukunft": second}, n=2003 if year == 2025 else 2000)
    wave.scheme = ["district_x_sex", "age_group", "education"]
    wave.margins = {
        "district_x_sex": {"variables": ["district_code", "sex"],
                           "cells": [["14713", "1", 253000], ["14713", "2", 263810], ["16077", "1", 38000], ["16077", "2", 39870]]},
        "age_group": {"variables": ["age_group"], "cells": [[str(i), 100000 + i * 1000] for i in range(1, 6)]},
        "education": {"variables": ["education"], "cells": [["1", 500000], ["2", 900000], ["3", 370617]]},
    }
    wave.weighting_report = {"weight_min": 0.21, "weight_max": 4.87, "n_eff": 1540.4, "deff": 1.3, "sweeps": 12}
    wave.save()


def build_events(topic) -> tuple[Event, Event, Speaker]:
    """An upcoming conference with parallel tracks over two days, a cancelled and a past event."""
    now = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    start = now + datetime.timedelta(days=40)
    event = EventFactory(
        title="Wasserstoff im Mittelstand: Innovationskonferenz der Lausitz",
        subtitle="Programm und Anmeldung",
        starts_at=start,
        ends_at=start + datetime.timedelta(days=1, hours=8),
        region="lausitz",
        online_url="https://video.example.org/raum",
        description="Ein Tag mit **Vorträgen**, Workshops und Zeit für Gespräche.\n\n- Praxisbeispiele\n- Förderung",
        image=png_upload("konferenz.png"),
        image_alt="Publikum in einem Konferenzsaal",
        image_credit="Revier-Redaktion",
        # An English title and subtitle, the description German only: its English page shows both cases.
        title_en="Hydrogen in small and medium-sized enterprises: Lusatia's innovation conference",
        subtitle_en="Programme and registration",
    )
    event.topics.set([topic])
    organisation = event_services.organisation_save(organisation=Organisation(
        name="IHK Cottbus", url="https://www.ihk-cottbus.de", logo=png_upload("ihk.png"), logo_alt="Logo der IHK Cottbus"
    ))
    event.organisers.set([organisation])
    TicketCategoryFactory(event=event, name="Teilnahme vor Ort", capacity=120)
    TicketCategoryFactory(event=event, name="Online-Teilnahme", capacity=None, is_online=True, position=1)
    speaker = SpeakerFactory(
        name="Jörn-Heinrich Tobaben", slug="joern-heinrich-tobaben", academic_title="Dr.",
        function="Geschäftsführer", organisation="Europäische Metropolregion Mitteldeutschland",
        bio="Arbeitet seit vielen Jahren am Strukturwandel im Mitteldeutschen Revier.",
        photo=png_upload("tobaben.png"), photo_alt="Porträt von Jörn-Heinrich Tobaben",
    )

    def item(hours, minutes, title, kind="vortrag", room="", day=0, speakers=()):
        begins = start + datetime.timedelta(days=day, hours=hours, minutes=minutes)
        program_item = ProgramItemFactory(
            event=event, title=title, kind=kind, room=room, starts_at=begins,
            ends_at=begins + datetime.timedelta(minutes=45),
            description="Mit Zeit für Fragen aus dem Publikum." if kind != "pause" else "",
        )
        program_item.speakers.set(speakers)

    item(0, 0, "Begrüßung", kind="begruessung")
    item(1, 0, "Klimaneutrale Industrieregion Mitteldeutschland", room="Großer Saal mit einem langen Namen", speakers=[speaker])
    item(1, 0, "Grüner Wasserstoff für kleine und mittlere Unternehmen", kind="workshop", room="Raum 2")
    item(1, 0, "Wärmewende in Kommunen", kind="podium", room="Raum 3")
    item(2, 0, "Mittagspause", kind="pause")
    item(3, 0, "CCS und CCU: Chancen für die Industrie", kind="podium", room="Großer Saal mit einem langen Namen")
    item(3, 30, "Fachkräfte gewinnen", kind="workshop", room="Raum 2")
    item(0, 30, "Netzwerken und Ausklang", kind="netzwerken", day=1)

    cancelled = EventFactory(
        title="Werkstattgespräch Kreislaufwirtschaft", starts_at=start + datetime.timedelta(days=7),
        ends_at=start + datetime.timedelta(days=7, hours=3), region="rheinisch",
    )
    TicketCategoryFactory(event=cancelled, capacity=20)
    event_services.event_cancel(event=cancelled, note="Die Veranstaltung muss leider entfallen. Ein neuer Termin folgt.", actor=None)
    EventFactory(
        title="Kleine und mittlere Unternehmen im Strukturwandel stärken",
        starts_at=now - datetime.timedelta(days=400), ends_at=now - datetime.timedelta(days=400, hours=-8),
        region="mitteldeutsch", registration_opens_at=None, registration_closes_at=None,
    ).topics.set([topic])
    return event, cancelled, speaker
