import pytest

from tests.factories import ArticleFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_home_shows_latest_news_and_upcoming_events(client):
    article = ArticleFactory(title="Wasserstoff für die Lausitz")
    event = EventFactory(title="Fachtag Wasserstoff")
    html = client.get("/").content.decode()
    assert article.title in html and "Neueste Nachrichten" in html
    assert event.title in html


@pytest.mark.parametrize("url,title", [("/netzwerk/", "Netzwerk"), ("/monitor/", "Monitor")])
def test_parts_not_built_yet_say_in_preparation(client, url, title):
    html = client.get(url).content.decode()
    assert f"<title>{title} – Revier</title>" in html
    assert "In Vorbereitung" in html
