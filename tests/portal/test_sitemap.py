"""The sitemap: an index at /sitemap.xml, one page per section and thousand addresses
(/sitemap-articles.xml?p=2), each kept per content generation (core.fragments)."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from revier.core import cache as page_cache
from revier.core.fragments import forget_fragments
from revier.news import services as news_services
from revier.news.models import Article
from revier.news.sitemaps import ArticleSitemap
from revier.pages.models import Page
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def small_pages(monkeypatch):
    """Three articles per sitemap page (six addresses: German and English), so that a few articles
    fill several pages."""
    monkeypatch.setattr(ArticleSitemap, "limit", 6)


@pytest.fixture
def fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    page_cache.forget_local_copies()
    forget_fragments()
    yield
    forget_fragments()


def _articles(n):
    now = timezone.now()
    return [ArticleFactory(published_at=now - datetime.timedelta(hours=i + 1)) for i in range(n)]


def _index(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).findall("s:sitemap/s:loc", NS)]


def _section(client, url) -> list[str]:
    parts = urlsplit(url)
    response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return [loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", NS)]


def test_sitemap_index_lists_every_section_page(client, small_pages):
    _articles(7)
    assert _index(client) == [
        "http://testserver/sitemap-news-index.xml",
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
        "http://testserver/sitemap-network.xml",
        "http://testserver/sitemap-profiles.xml",
        "http://testserver/sitemap-monitor.xml",
    ]


@pytest.mark.parametrize("fragments", [False, True])
def test_sitemap_every_public_address_is_in_exactly_one_section_page(client, small_pages, request, fragments):
    if fragments:
        request.getfixturevalue("fragments_on")
    articles = _articles(7)
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    scheduled = ArticleFactory(published_at=timezone.now() + datetime.timedelta(hours=1))
    listed = []
    for url in _index(client):
        locations = _section(client, url)
        assert len(locations) <= ArticleSitemap.limit or "articles" not in url
        listed += locations
    expected = ["http://testserver/", "http://testserver/aktuelles/"]
    expected += ["http://testserver/netzwerk/", "http://testserver/netzwerk/verzeichnis/",
                 "http://testserver/netzwerk/angebote-und-gesuche/"]
    expected += ["http://testserver/monitor/", "http://testserver/monitor/lesehilfe/"]
    expected += [f"http://testserver{page.get_absolute_url()}" for page in Page.objects.all()]
    expected += [f"http://testserver{article.get_absolute_url()}" for article in articles]
    # Every address in German and in English (below /en/).
    expected += [url.replace("http://testserver/", "http://testserver/en/", 1) for url in expected]
    assert sorted(listed) == sorted(expected)
    assert len(listed) == len(set(listed))
    assert not any(draft.slug in url or scheduled.slug in url for url in listed)
    # Newest first, page after page, each in German and then in English.
    article_urls = [url for url in listed if "/aktuelles/" in url and not url.endswith("/aktuelles/")]
    assert article_urls == [
        f"http://testserver{prefix}{article.get_absolute_url()}" for article in articles for prefix in ("", "/en")
    ]


@pytest.mark.parametrize(
    "url", ["/sitemap-articles.xml?p=0", "/sitemap-articles.xml?p=4", "/sitemap-articles.xml?p=x",
            "/sitemap-articles.xml?p=" + "9" * 30, "/sitemap-unbekannt.xml", "/sitemap-pages.xml?p=2"]
)
def test_sitemap_pages_that_do_not_exist_are_404(client, small_pages, url):
    _articles(7)
    assert client.get(url).status_code == 404


def test_sitemap_headers_and_page_cache(client, small_pages, settings, django_assert_num_queries):
    _articles(7)
    index = client.get("/sitemap.xml")
    assert index["Content-Type"] == "application/xml"
    assert index["X-Robots-Tag"] == "noindex, noodp, noarchive"
    section = client.get("/sitemap-articles.xml?p=2")
    assert section["X-Robots-Tag"] == "noindex, noodp, noarchive"
    assert "Last-Modified" in section
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/sitemap-articles.xml?p=2")
    with django_assert_num_queries(0):
        again = client.get("/sitemap-articles.xml?utm_source=x&p=2")
    assert again.content == first.content and again["Last-Modified"] == first["Last-Modified"]
    third = client.get("/sitemap-articles.xml?p=3")
    assert third.content != first.content
    client.get("/sitemap.xml")
    with django_assert_num_queries(0):
        assert client.get("/sitemap.xml?p=2").content == index.content  # the index reads no parameter


def test_sitemap_kept_until_content_changes(client, small_pages, fragments_on, django_assert_num_queries):
    articles = _articles(6)
    assert len(_index(client)) == 7
    assert _section(client, "/sitemap-articles.xml?p=2")
    with django_assert_num_queries(0):
        _index(client)
        _section(client, "/sitemap-articles.xml?p=2")
    new = ArticleFactory(published_at=timezone.now())
    assert len(_index(client)) == 8
    assert _section(client, "/sitemap-articles.xml")[0] == f"http://testserver{new.get_absolute_url()}"
    news_services.article_unpublish(article=articles[0])
    assert f"http://testserver{articles[0].get_absolute_url()}" not in _section(client, "/sitemap-articles.xml")
    # The addresses are absolute: another host gets its own.
    # (three articles, each in two languages, each address with its three alternates)
    assert client.get("/sitemap-articles.xml", HTTP_HOST="127.0.0.1").content.count(b"http://127.0.0.1/") == 3 * 2 * 4


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-articles.xml?p=2", "/sitemap-pages.xml"])
def test_sitemap_query_count_does_not_grow(count_queries, small_pages, url):
    _articles(7)
    response, small = count_queries(url)
    assert response.status_code == 200
    _articles(40)
    response, large = count_queries(url)
    assert response.status_code == 200
    assert large == small


@pytest.mark.parametrize("section,number", [("news-index", 1), ("pages", 1), ("articles", 1), ("articles", 3)])
def test_sitemap_page_is_djangos_sitemap_view(rf, small_pages, section, number):
    """A page is written in Python; it says what Django's sitemap view (and its template) says."""
    from django.contrib.sitemaps.views import sitemap

    from revier.portal import views as portal_views

    _articles(7)
    request = rf.get(f"/sitemap-{section}.xml", {"p": number})
    ours = portal_views._sitemap_page(request, section, number)
    django = sitemap(request, {section: portal_views.SITEMAPS[section]}, section=section)
    django.render()
    assert ET.canonicalize(ours.content.decode(), strip_text=True) == ET.canonicalize(django.content.decode(), strip_text=True)
    assert ours.get("Last-Modified") == django.get("Last-Modified")
    assert ours["X-Robots-Tag"] == django["X-Robots-Tag"] and ours["Content-Type"] == django["Content-Type"]


XHTML = "{http://www.w3.org/1999/xhtml}link"


@pytest.mark.parametrize("fragments", [False, True])
def test_sitemap_addresses_name_their_language_versions(client, small_pages, request, fragments):
    """Issue 13 §4: each address is listed in German and English, each with hreflang alternates
    for both and x-default (the German one); every alternate is a page that exists."""
    if fragments:
        request.getfixturevalue("fragments_on")
    article = _articles(1)[0]
    page = Page.objects.first()
    for url, german in [("/sitemap-articles.xml", article.get_absolute_url()), ("/sitemap-pages.xml", page.get_absolute_url()),
                        ("/sitemap-news-index.xml", "/aktuelles/")]:
        root = ET.fromstring(client.get(url).content)
        entries = {
            entry.find("s:loc", NS).text: {link.get("hreflang"): link.get("href") for link in entry.findall(XHTML)}
            for entry in root.findall("s:url", NS)
        }
        versions = {"de": f"http://testserver{german}", "en": f"http://testserver/en{german}", "x-default": f"http://testserver{german}"}
        assert entries[versions["de"]] == versions and entries[versions["en"]] == versions
        for address in versions.values():
            assert client.get(address.removeprefix("http://testserver")).status_code == 200
