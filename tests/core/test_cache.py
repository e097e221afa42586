"""The page cache for anonymous readers (revier.core.cache)."""

import datetime
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from revier.core import cache as page_cache
from revier.core.cache import (
    content_changed,
    forget_local_copies,
    page_timeout,
    register_next_change,
    remembered_per_generation,
)
from revier.news import services as news_services
from revier.news.models import Article
from revier.pages import services as pages_services
from tests.factories import ArticleFactory, StaffFactory, TopicFactory

pytestmark = pytest.mark.django_db

SECONDS = 300


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    # tests/conftest.py switches the cache off for every other test.
    settings.PAGE_CACHE_SECONDS = SECONDS
    forget_local_copies()
    yield
    forget_local_copies()


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, len(ctx.captured_queries)


@pytest.fixture
def article():
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    return ArticleFactory(title="Elektrolyse im Revier", topics=[topic])


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/aktuelles/",
        "/aktuelles/?page=2",
        "/aktuelles/?thema=wasserstoff",
        "ARTICLE",
        "/aktuelles/feed/rss/",
        "/aktuelles/feed/atom/",
        "/aktuelles/thema/wasserstoff/feed/rss/",
        "/sitemap.xml",
        "/impressum/",
    ],
)
def test_cache_public_page_second_request_makes_no_query(client, article, url):
    url = article.get_absolute_url() if url == "ARTICLE" else url
    first, first_queries = _get(client, url)
    second, second_queries = _get(client, url)
    assert first.status_code == second.status_code == 200
    assert first_queries > 0
    assert second_queries == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_cache_public_page_hit_keeps_the_security_headers(client, article):
    client.get("/aktuelles/")
    response = client.get("/aktuelles/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", ["/", "/aktuelles/", "ARTICLE", "/aktuelles/feed/rss/", "/sitemap.xml"])
def test_cache_public_page_sets_no_cookie(client, article, url):
    url = article.get_absolute_url() if url == "ARTICLE" else url
    for _ in range(2):  # the miss and the hit
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies
        assert "Set-Cookie" not in response


def test_cache_public_page_saved_article_shows_at_once(client, article):
    assert "Elektrolyse im Revier" in client.get("/aktuelles/").content.decode()
    client.get(article.get_absolute_url())

    article.title = "Elektrolyse im Revier: der zweite Bauabschnitt"
    news_services.article_save(article=article)
    new = ArticleFactory(title="Wärmepumpen für Zeitz")

    listing = client.get("/aktuelles/").content.decode()
    assert "der zweite Bauabschnitt" in listing
    assert "Wärmepumpen für Zeitz" in listing
    assert "der zweite Bauabschnitt" in client.get(article.get_absolute_url()).content.decode()
    assert client.get(new.get_absolute_url()).status_code == 200


def test_cache_public_page_withdrawn_article_disappears_at_once(client, article):
    assert client.get(article.get_absolute_url()).status_code == 200
    news_services.article_unpublish(article=article)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Elektrolyse im Revier" not in client.get("/aktuelles/").content.decode()


def test_cache_public_page_saved_footer_page_shows_at_once(client):
    from revier.pages.models import Page

    client.get("/impressum/")
    page = Page.objects.get(slug="impressum")
    page.body = "Neuer Text des Impressums"
    pages_services.page_save(page=page)
    assert "Neuer Text des Impressums" in client.get("/impressum/").content.decode()


def test_cache_public_page_without_bump_serves_the_stored_page(client, article):
    """The counterpart of the tests above: a write that bypasses the services is not seen until
    content_changed() — which shows the pages really come from the cache."""
    client.get("/aktuelles/")
    Article.objects.filter(pk=article.pk).update(title="Geändert ohne Dienst")
    assert "Geändert ohne Dienst" not in client.get("/aktuelles/").content.decode()
    content_changed()
    assert "Geändert ohne Dienst" in client.get("/aktuelles/").content.decode()


def test_page_timeout_is_the_default_without_scheduled_articles(article):
    assert page_timeout() == SECONDS


def test_page_timeout_ends_when_the_next_scheduled_article_appears(article):
    now = timezone.now()
    ArticleFactory(title="Später", published_at=now + datetime.timedelta(minutes=3))
    ArticleFactory(title="Bald", published_at=now + datetime.timedelta(seconds=42))
    ArticleFactory(title="Entwurf", status=Article.Status.DRAFT, published_at=now + datetime.timedelta(seconds=5))
    assert page_timeout(now=now) == 42
    # Once "Bald" is out, the next one counts; past the last one, the default.
    assert page_timeout(now=now + datetime.timedelta(seconds=60)) == 120
    assert page_timeout(now=now + datetime.timedelta(minutes=4)) == SECONDS
    assert page_timeout(now=now - datetime.timedelta(minutes=10)) == SECONDS  # capped by the default too
    # Never 0 (which would mean "forever" for some backends).
    assert page_timeout(now=now + datetime.timedelta(seconds=41, microseconds=999_999)) == 1


def test_page_timeout_asks_every_app_that_registered_a_next_change(article, monkeypatch):
    """core learns an app's timed changes only through register_next_change (news registers its
    scheduled articles in NewsConfig.ready); a hook registered twice counts once."""
    assert any(hook.__module__ == "revier.news.selectors" for hook in page_cache._next_change_hooks)
    monkeypatch.setattr(page_cache, "_next_change_hooks", list(page_cache._next_change_hooks))
    now = timezone.now()

    def meeting_slots_open(*, now):
        return now + datetime.timedelta(seconds=30)

    register_next_change(meeting_slots_open)
    register_next_change(meeting_slots_open)
    assert page_cache._next_change_hooks.count(meeting_slots_open) == 1
    assert page_timeout(now=now) == 30
    ArticleFactory(title="Bald", published_at=now + datetime.timedelta(seconds=12))
    assert page_timeout(now=now) == 12


def test_cache_public_page_scheduled_article_appears_on_time(client, article, settings):
    """The list is cached while an article is scheduled; the entry expires when it is due, so the
    article appears without any write or cron job. Time is simulated by moving the publication
    into the past directly in the database (no service, so no content_changed())."""
    due = timezone.now() + datetime.timedelta(seconds=2)
    scheduled = ArticleFactory(title="Pünktlich erschienen", published_at=due)
    assert "Pünktlich erschienen" not in client.get("/aktuelles/").content.decode()
    # The entry just stored lives at most until `due`, not the 300 s default ...
    assert page_timeout() <= 2
    # ... so when that moment has passed, the cached page is gone and the article is shown.
    Article.objects.filter(pk=scheduled.pk).update(published_at=timezone.now() - datetime.timedelta(seconds=1))
    assert "Pünktlich erschienen" not in client.get("/aktuelles/").content.decode()  # still cached
    # (rounded up to whole seconds, so at most one second late)
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 1.05)
    assert "Pünktlich erschienen" in client.get("/aktuelles/").content.decode()


def test_cache_public_page_staff_get_fresh_pages(client, article):
    client.get("/aktuelles/")  # an anonymous reader fills the cache
    client.force_login(StaffFactory())
    Article.objects.filter(pk=article.pk).update(title="Nur für die Redaktion neu")
    response, queries = _get(client, "/aktuelles/")
    assert "Nur für die Redaktion neu" in response.content.decode()
    assert queries > 0
    _, queries = _get(client, "/aktuelles/")
    assert queries > 0


def test_cache_public_page_staff_pages_are_not_stored_for_readers(client, article):
    client.force_login(StaffFactory())
    client.get("/aktuelles/")
    client.logout()
    client.cookies.clear()
    _, queries = _get(client, "/aktuelles/")
    assert queries > 0


def test_cache_public_page_search_is_not_cached(client, article):
    _, first = _get(client, "/aktuelles/?q=Elektrolyse")
    response, second = _get(client, "/aktuelles/?q=Elektrolyse")
    assert "Elektrolyse im Revier" in response.content.decode()
    assert second == first > 0


def test_cache_public_page_blank_search_is_the_cached_list(client, article):
    client.get("/aktuelles/?q=+")
    _, queries = _get(client, "/aktuelles/?q=+")
    assert queries == 0


def test_cache_public_page_not_found_is_not_stored(client):
    assert client.get("/aktuelles/noch-nicht-da/").status_code == 404
    Article.objects.create(
        title="Noch nicht da", slug="noch-nicht-da", status=Article.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert client.get("/aktuelles/noch-nicht-da/").status_code == 200


def test_cache_public_page_off_when_seconds_is_zero(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/aktuelles/")
    _, queries = _get(client, "/aktuelles/")
    assert queries > 0


@pytest.mark.django_db
def test_live_pages_are_cached_for_a_short_time_only(settings, client):
    from tests.factories import TicketCategoryFactory, registration_input
    from revier.events import services as event_services

    settings.PAGE_CACHE_SECONDS = 300
    category = TicketCategoryFactory(capacity=3)
    url = category.event.get_absolute_url()
    assert "noch 3 von 3" in client.get(url).content.decode()
    event_services.registration_create(event=category.event, data=registration_input(category))
    # still the cached page: a registration is not a content edit …
    assert "noch 3 von 3" in client.get(url).content.decode()
    # … but the entry lives only LIVE_PAGE_SECONDS
    from revier.core.cache import _key
    from django.core.cache import cache
    from django.test import RequestFactory

    entry = cache.get(_key(RequestFactory().get(url)))
    import time

    assert entry is not None and entry[1] - time.time() <= 10


def _stored_pages():
    from django.core.cache import cache

    return [key for key in cache._cache if "page-cache:" in key and page_cache.GENERATION_KEY not in key]


def test_cache_public_page_stores_one_entry_whatever_other_parameters_come(client, article):
    """Page-cache flooding: `?utm_x=<random>` must not store a copy per value."""
    for n in range(100):
        response, queries = _get(client, f"/aktuelles/?utm_x={n}&thema=wasserstoff")
        assert response.status_code == 200
        assert (queries > 0) == (n == 0)
        assert "utm_x" not in response.content.decode()  # not in the page links either
    assert len(_stored_pages()) == 1


def test_cache_public_page_keys_on_the_parameters_it_reads_in_any_order(client, article):
    ArticleFactory.create_batch(12)
    first = client.get("/aktuelles/?thema=wasserstoff&page=1")
    assert client.get("/aktuelles/?page=1&thema=wasserstoff").content == first.content
    other = client.get("/aktuelles/?page=2")
    assert other.content != first.content
    assert len(_stored_pages()) == 2


def test_remembered_per_generation_asks_once_per_generation_until_the_moment_comes():
    calls = []
    now = timezone.now()

    @remembered_per_generation
    def next_change(*, now):
        calls.append(now)
        return now + datetime.timedelta(seconds=30)

    assert next_change(now=now) == now + datetime.timedelta(seconds=30)
    assert next_change(now=now + datetime.timedelta(seconds=29)) == now + datetime.timedelta(seconds=30)
    assert len(calls) == 1
    # The moment has come: asked again.
    assert next_change(now=now + datetime.timedelta(seconds=30)) == now + datetime.timedelta(seconds=60)
    assert len(calls) == 2
    # An earlier time than the one asked for: asked again (the answer may lie before).
    next_change(now=now)
    assert len(calls) == 3
    # Content changed: asked again.
    content_changed()
    next_change(now=now)
    assert len(calls) == 4
