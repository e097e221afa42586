import datetime
import zoneinfo

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def test_frame_is_german_with_navigation_breadcrumbs_search_and_footer(client):
    html = client.get("/aktuelles/").content.decode()
    assert '<html lang="de">' in html
    assert '<a class="skip-link" href="#inhalt">Zum Inhalt springen</a>' in html
    for label in ["Aktuelles", "Veranstaltungen", "Freikarten", "Netzwerk", "Monitor"]:
        assert f">{label}</a>" in html
    assert 'aria-label="Sie sind hier"' in html and ">Startseite</a>" in html
    assert 'role="search"' in html and ">Suchen</span>" in html
    for label in ["Impressum", "Datenschutz", "Erklärung zur Barrierefreiheit", "Barriere melden", "Leichte Sprache", "Kontakt"]:
        assert f">{label}</a>" in html
    assert 'href="/aktuelles/" aria-current="page"' in html


def test_free_tickets_are_in_the_main_navigation_and_the_only_current_section_there(client):
    html = client.get("/veranstaltungen/freikarten/").content.decode()
    navigation = html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/veranstaltungen/freikarten/" aria-current="page">Freikarten</a>' in navigation
    assert navigation.count("aria-current") == 1

    navigation = client.get("/veranstaltungen/").content.decode().split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/veranstaltungen/" aria-current="page">Veranstaltungen</a>' in navigation
    assert navigation.count("aria-current") == 1


def test_dates_are_german_in_berlin_time(client):
    article = ArticleFactory(published_at=datetime.datetime(2024, 10, 17, 0, 30, tzinfo=BERLIN))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "17. Oktober 2024" in html


def test_robots_and_health(client):
    assert b"Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content
    assert client.get("/healthz").content == b"ok"


def test_frame_links_follow_the_script_prefix(client):
    """The frame's links are reversed once per process, URL configuration and script prefix."""
    from django.test.utils import override_script_prefix

    for prefix in ("", "/revier", ""):
        with override_script_prefix(f"{prefix}/"):
            html = client.get("/aktuelles/").content.decode()
        for path in ["/impressum/", "/datenschutz/", "/barrierefreiheit/", "/barriere-melden/", "/leichte-sprache/",
                     "/kontakt/"]:
            assert f'<a class="kern-link" href="{prefix}{path}"' in html, (prefix, path)
        assert f'class="site-brand" href="{prefix}/"' in html
        assert f'action="{prefix}/suche/"' in html
        assert f'href="{prefix}/veranstaltungen/"' in html
