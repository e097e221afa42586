import datetime
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from revier.core import cache as page_cache
from revier.core.fragments import forget_fragments
from revier.events import services as event_services
from revier.events.models import Event
from tests.factories import ArticleFactory, EventFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_home_shows_latest_news_and_upcoming_events(client):
    article = ArticleFactory(title="Wasserstoff für die Lausitz")
    event = EventFactory(title="Fachtag Wasserstoff")
    html = client.get("/").content.decode()
    assert article.title in html and "Neueste Nachrichten" in html
    assert event.title in html


@pytest.fixture
def fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    page_cache.forget_local_copies()
    forget_fragments()
    yield
    forget_fragments()


def test_home_kept_lists_follow_services_and_admin(client, fragments_on, django_assert_num_queries):
    article = ArticleFactory(title="Wasserstoff für die Lausitz")
    event = EventFactory(title="Fachtag Wasserstoff")
    client.get("/")
    with django_assert_num_queries(0):
        html = client.get("/").content.decode()
    assert article.title in html and event.title in html
    ArticleFactory(title="Neue Meldung", published_at=timezone.now())
    event.title = "Fachtag Wasserstoff, neuer Termin"
    event_services.event_save(event=event)
    html = client.get("/").content.decode()
    assert "Neue Meldung" in html and "Fachtag Wasserstoff, neuer Termin" in html
    staff = Client()
    staff.force_login(StaffFactory())
    staff.post(reverse("admin:news_article_changelist"), {"action": "unpublish_selected", "_selected_action": [article.pk]})
    assert article.title not in client.get("/").content.decode()


def test_home_event_that_ends_leaves_the_list_when_it_ends(client, fragments_on, monkeypatch, django_assert_num_queries):
    """Nothing is written when an event ends: the kept list of upcoming events lasts only until
    the next moment an event changes by itself (events' next-change hook, core.cache)."""
    start = timezone.now()
    event = EventFactory(
        title="Fachtag Wasserstoff",
        starts_at=start - datetime.timedelta(hours=3),
        ends_at=start + datetime.timedelta(seconds=10),
        registration_opens_at=start - datetime.timedelta(days=2),
        registration_closes_at=start - datetime.timedelta(days=1),
    )
    clock = [0.0]
    real_time, real_now = time.time, timezone.now
    monkeypatch.setattr(time, "time", lambda: real_time() + clock[0])
    monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(seconds=clock[0]))
    assert event.title in client.get("/").content.decode()
    clock[0] = 8
    with django_assert_num_queries(0):
        assert event.title in client.get("/").content.decode()
    clock[0] = 12
    html = client.get("/").content.decode()
    assert event.title not in html and "Zurzeit sind keine Veranstaltungen geplant." in html


@pytest.mark.parametrize("fragments", [False, True])
def test_home_query_count_does_not_grow(count_queries, request, fragments):
    if fragments:
        request.getfixturevalue("fragments_on")
    ArticleFactory()
    EventFactory()
    count_queries("/")
    small = count_queries("/")[1]
    for _ in range(8):
        ArticleFactory()
        EventFactory()
    count_queries("/")
    assert count_queries("/")[1] == small == (0 if fragments else 6)
