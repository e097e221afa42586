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

from revier.news.models import Article
from revier.pages.models import Page
from tests.factories import ArticleFactory, ArticleLinkFactory, TopicFactory

# The footer pages with the German starting texts every installation gets from the pages app's
# data migration. Tests with a live server empty the database after each test, so build_portal()
# runs that migration's function again (serialized rollback would be the usual way, but Django's
# connection seen inside Playwright's greenlet lacks the serialized contents).
STARTING_PAGES_MIGRATION = "revier.pages.migrations.0003_initial_pages"
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
    "events": "/veranstaltungen/",  # "in Vorbereitung" until the events app shows its list
    "network-coming-soon": "/netzwerk/",
    "monitor-coming-soon": "/monitor/",
    "not-found": "/aktuelles/diesen-artikel-gibt-es-nicht/",
}
# Forms that anonymous readers send; each is also checked as re-shown with validation errors.
FORM_PAGE_TYPES = ("contact", "report-barrier")
EXPECTED_STATUS = {"not-found": 404}


def png_upload(name: str = "elektrolyseur.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (30, 90, 140)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@dataclass(frozen=True)
class Portal:
    article: Article

    @property
    def page_types(self) -> dict[str, str]:
        return {**STATIC_PAGE_TYPES, "article-detail": self.article.get_absolute_url()}


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
            "Mehr dazu auf der [Seite des Netzwerks](https://example.org/netzwerk)."
        ),
        published_at=now - datetime.timedelta(hours=2),
        image=png_upload(),
        image_alt="Ein Elektrolyseur in einer Werkshalle",
        image_credit="Revier-Redaktion",
        topics=[hydrogen, heat],
    )
    ArticleLinkFactory(article=article, label="Weitere Informationen", url="https://example.org/info", position=0)
    ArticleLinkFactory(article=article, label="Programm und Anmeldung", url="/veranstaltungen/", position=1)
    importlib.import_module(STARTING_PAGES_MIGRATION).create_pages(apps, None)
    missing = set(FOOTER_PAGES) - set(Page.objects.filter(slug__in=FOOTER_PAGES).values_list("slug", flat=True))
    assert not missing, f"footer pages missing (data migration of the pages app?): {sorted(missing)}"
    return Portal(article=article)
