"""Articles in English (issue 13 §4): editors may give an article an English title, teaser and text;
the English pages (/en/…) show them, else the German ones marked lang="de"; the German pages stay
as they were."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from revier.core.fragments import forget_fragments
from revier.news import services
from revier.news.models import Article
from tests.events.test_admin import form_values
from tests.factories import ArticleFactory, StaffFactory
from tests.page_reading import html_of, json_ld_of

pytestmark = pytest.mark.django_db


def _english(article: Article, *, title="Hydrogen for Lusatia", teaser="A network is growing.",
             body="We talk about *change*.") -> Article:
    article.title_en, article.teaser_en, article.body_en = title, teaser, body
    return services.article_save(article=article)


@pytest.fixture
def article():
    return _english(ArticleFactory(title="Wasserstoff für die Lausitz", teaser="Ein Netz entsteht.",
                                   body="Wir sprechen über *Wandel*."))


def test_article_english_page_shows_the_english_version(client, article):
    html = html_of(client, "/en" + article.get_absolute_url())
    assert '<h1 id="article-title" class="kern-heading-x-large">Hydrogen for Lusatia</h1>' in html
    assert '<p class="kern-body--large">A network is growing.</p>' in html
    assert '<div class="article-body kern-body"><p>We talk about <em>change</em>.</p></div>' in html
    assert "<title>Hydrogen for Lusatia – " in html
    assert '<meta name="description" content="A network is growing.">' in html
    assert '<meta property="og:title" content="Hydrogen for Lusatia">' in html
    assert '<meta property="og:locale" content="en_GB">' in html
    assert '<span aria-current="page">Hydrogen for Lusatia</span>' in html  # the breadcrumb
    data = json_ld_of(html)
    assert data["headline"] == "Hydrogen for Lusatia" and data["description"] == "A network is growing."
    assert data["inLanguage"] == "en"
    assert "Wasserstoff für die Lausitz" not in html and "Wir sprechen" not in html


def test_article_german_page_stays_german(client, article):
    html = html_of(client, article.get_absolute_url())
    assert '<h1 id="article-title" class="kern-heading-x-large">Wasserstoff für die Lausitz</h1>' in html
    assert '<div class="article-body kern-body"><p>Wir sprechen über <em>Wandel</em>.</p></div>' in html
    assert "Hydrogen" not in html and "network is growing" not in html and "change" not in html
    assert '<meta property="og:locale" content="de_DE">' in html
    data = json_ld_of(html)
    assert data["headline"] == "Wasserstoff für die Lausitz" and data["inLanguage"] == "de-DE"


def test_article_without_english_text_shows_the_german_one_marked(client, article):
    # Only the title in English: the teaser and text in German, marked.
    _english(article, teaser="", body="  ")
    assert article.body_en_html == ""
    html = html_of(client, "/en" + article.get_absolute_url())
    assert '<h1 id="article-title" class="kern-heading-x-large">Hydrogen for Lusatia</h1>' in html
    assert '<p class="kern-body--large" lang="de">Ein Netz entsteht.</p>' in html
    assert '<div class="article-body kern-body" lang="de"><p>Wir sprechen über <em>Wandel</em>.</p></div>' in html
    assert '<meta name="description" content="Ein Netz entsteht.">' in html
    # Nothing in English: everything German, marked; JSON-LD says German.
    _english(article, title=" ", teaser="", body="")
    html = html_of(client, "/en" + article.get_absolute_url())
    assert '<h1 id="article-title" class="kern-heading-x-large" lang="de">Wasserstoff für die Lausitz</h1>' in html
    assert json_ld_of(html)["inLanguage"] == "de-DE" and '<meta property="og:locale" content="de_DE">' in html


def test_article_english_text_is_sanitised_as_the_german_one(article):
    _english(article, body='Hallo <script>alert(1)</script><a href="javascript:alert(1)" onclick="x()">link</a>')
    assert "<script" not in article.body_en_html and "javascript:" not in article.body_en_html
    assert "onclick" not in article.body_en_html and "link</a>" in article.body_en_html


def test_article_lists_home_and_more_news_show_english_teasers(client, article):
    german_only = ArticleFactory(title="Nur deutsch", teaser="Kein Englisch.",
                                 published_at=timezone.now() - datetime.timedelta(days=1))
    for url in ["/en/aktuelles/", "/en/", "/en" + german_only.get_absolute_url()]:
        html = html_of(client, url)
        assert re.search(r'teaser__title"><a class="kern-link" href="/en/aktuelles/[^"]+/">Hydrogen for Lusatia</a>', html), url
        assert '<p class="kern-body">A network is growing.</p>' in html, url
        if url != "/en" + german_only.get_absolute_url():
            assert re.search(r'teaser__title" lang="de"><a class="kern-link" href="[^"]+">Nur deutsch</a>', html), url
            assert '<p class="kern-body" lang="de">Kein Englisch.</p>' in html, url
    for url in ["/aktuelles/", "/"]:
        html = html_of(client, url)
        assert ">Wasserstoff für die Lausitz</a>" in html and "Hydrogen" not in html, url


def test_article_feeds_in_english(client, article):
    english = ET.fromstring(client.get("/en/aktuelles/feed/rss/").content)
    assert english.find("channel/language").text == "en"
    assert english.find("channel/title").text == "Revier – News"
    assert english.find("channel/description").text == "News from the network of the coal regions in structural change."
    assert english.find("channel/link").text == "http://testserver/en/aktuelles/"
    assert english.find("channel/item/title").text == "Hydrogen for Lusatia"
    assert english.find("channel/item/description").text == "A network is growing."
    assert english.find("channel/item/link").text.startswith("http://testserver/en/aktuelles/")
    german = ET.fromstring(client.get("/aktuelles/feed/rss/").content)
    assert german.find("channel/language").text == "de"
    assert german.find("channel/title").text == "Revier – Aktuelles"
    assert german.find("channel/item/title").text == "Wasserstoff für die Lausitz"
    atom = client.get("/en/aktuelles/feed/atom/").content.decode()
    assert "<title>Hydrogen for Lusatia</title>" in atom
    assert "<title>Revier – News</title>" in atom and '<feed xml:lang="en"' in atom
    assert "<subtitle>News from the network of the coal regions in structural change.</subtitle>" in atom


def test_article_search_result_on_english_list_shows_english_title(client, article):
    html = html_of(client, "/en/aktuelles/?q=Wasserstoff")
    assert ">Hydrogen for Lusatia</a>" in html
    # Its English words find it too.
    assert ">Hydrogen for Lusatia</a>" in html_of(client, "/en/aktuelles/?q=Lusatia")
    assert ">Wasserstoff für die Lausitz</a>" in html_of(client, "/aktuelles/?q=change")


def test_article_admin_saves_the_english_version(client):
    staff = StaffFactory(is_superuser=True)
    client.force_login(staff)
    article = ArticleFactory(title="Wasserstoff für die Lausitz")
    url = reverse("admin:news_article_change", args=[article.pk])
    page = client.get(url)
    assert "Englisch (optional)" in page.content.decode()  # the admin speaks German
    values = form_values(page)
    values.update(title_en="Hydrogen for Lusatia", teaser_en="A network is growing.", body_en="We talk about **change**.")
    response = client.post(url, values)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert (article.title_en, article.teaser_en) == ("Hydrogen for Lusatia", "A network is growing.")
    assert article.body_en_html == "<p>We talk about <strong>change</strong>.</p>"


def test_article_english_edit_shows_at_once_with_kept_pages(client, article, settings, fragments_on):
    settings.PAGE_CACHE_SECONDS = 300
    forget_fragments()
    url = "/en" + article.get_absolute_url()
    for address in (url, "/en/aktuelles/", "/en/", "/en/aktuelles/feed/rss/"):
        assert "Hydrogen for Lusatia" in html_of(client, address)
        assert "Hydrogen for Lusatia" in html_of(Client(), address)  # kept now
    _english(article, title="Green hydrogen for Lusatia")
    for address in (url, "/en/aktuelles/", "/en/", "/en/aktuelles/feed/rss/"):
        assert "Green hydrogen for Lusatia" in html_of(client, address), address
    # The German pages kept in the meantime are the German ones.
    assert "Green hydrogen" not in html_of(client, article.get_absolute_url())
    forget_fragments()


def test_article_api_names_the_english_version(client, article):
    german_only = ArticleFactory(title="Nur deutsch", published_at=timezone.now() - datetime.timedelta(days=1))
    detail = client.get(f"/api/v1/news/{article.slug}").json()
    assert detail["title"] == "Wasserstoff für die Lausitz" and detail["title_en"] == "Hydrogen for Lusatia"
    assert detail["teaser_en"] == "A network is growing."
    assert detail["body_en_html"] == "<p>We talk about <em>change</em>.</p>"
    other = client.get(f"/api/v1/news/{german_only.slug}").json()
    assert other["title_en"] is None and other["teaser_en"] is None and other["body_en_html"] is None
    listed = {item["slug"]: item for item in client.get("/api/v1/news").json()["results"]}
    assert listed[article.slug]["title_en"] == "Hydrogen for Lusatia" and listed[german_only.slug]["title_en"] is None
