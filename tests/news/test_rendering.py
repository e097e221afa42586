"""The parts of news pages written in Python (revier.news.rendering) give the HTML the templates
gave: each is compared with the template it replaced (the teaser and the topic filter as they
were in news/templates before, the pagination as core/includes/pagination.html renders it)."""

import datetime
import re
import zoneinfo

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse, set_script_prefix
from django.utils import timezone

from revier.news import rendering
from revier.news.addresses import article_url, news_addresses, topic_feed_url
from revier.news.selectors import ArticleTeaser, TopicRef

# news/templates/news/includes/teaser.html before it was written in Python.
TEASER_TEMPLATE = """{% load i18n %}<article class="teaser">
  {% if heading == "h3" %}<h3 class="kern-heading-small teaser__title">{% else %}<h2 class="kern-heading-medium teaser__title">{% endif %}<a class="kern-link" href="{{ article.get_absolute_url }}">{{ article.title }}</a>{% if heading == "h3" %}</h3>{% else %}</h2>{% endif %}
  <div class="teaser__meta">
    <time class="kern-body--small" datetime="{{ article.published_at|date:'Y-m-d\\TH:i:sO' }}">{{ article.published_at|date:"j. F Y" }}</time>
    {% with topics=article.topics %}{% if topics %}
      <ul class="topic-list" aria-label="{% translate 'Topics' %}">
        {% for topic in topics %}<li><span class="kern-badge kern-badge--info kern-badge--small"><span class="kern-label">{{ topic.name }}</span></span></li>{% endfor %}
      </ul>
    {% endif %}{% endwith %}
  </div>
  <p class="kern-body">{{ article.teaser }}</p>
</article>"""

# The topic filter of news/templates/news/article_list.html before it was written in Python.
TOPIC_FILTER_TEMPLATE = """{% load i18n %}<details class="filter-box filter-box--collapsible" data-open-wide{% if current_topic %} open{% endif %}>
    <summary><h2 id="filter-title" class="kern-heading-small">{% translate "Topics" %}</h2></summary>
    <ul>
      <li><a class="kern-link" href="{{ list_url }}{% if search_query %}?q={{ search_query|urlencode }}{% endif %}"{% if not current_topic %} aria-current="true"{% endif %}>{% translate "All topics" %}</a></li>
      {% for topic in topics %}
        <li><a class="kern-link" href="?thema={{ topic.slug }}{% if search_query %}&amp;q={{ search_query|urlencode }}{% endif %}"{% if current_topic == topic %} aria-current="true"{% endif %}>{{ topic.name }}</a></li>
      {% endfor %}
    </ul>
  </details>"""

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
TIMES = [
    datetime.datetime(2026, 3, 29, 0, 59, tzinfo=datetime.UTC),  # 01:59 CET, the night the clocks go forward
    datetime.datetime(2026, 3, 29, 1, 0, tzinfo=datetime.UTC),  # 03:00 CEST
    datetime.datetime(2025, 12, 31, 23, 30, tzinfo=datetime.UTC),  # already 2026 in Berlin
    datetime.datetime(2026, 5, 1, 9, 5, 7, 123456, tzinfo=datetime.UTC),
]


def _normalized(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


def _teaser(**changes) -> ArticleTeaser:
    values = {
        "pk": 7,
        "title": "Wasserstoff & „Wärme“ <im> 'Revier'",
        "slug": "wasserstoff-und-waerme",
        "teaser": 'Ein Anreißer mit "Zitat" & <b>Markup</b>.',
        "published_at": TIMES[0],
        "updated_at": TIMES[0],
        "topics": (TopicRef(1, "Wasserstoff", "wasserstoff"), TopicRef(2, "Kreislauf & Wärme", "kreislauf")),
    }
    return ArticleTeaser(**{**values, **changes})


@pytest.mark.parametrize("heading", ["h2", "h3"])
@pytest.mark.parametrize("published_at", TIMES)
@pytest.mark.parametrize("topics", [(), (TopicRef(3, "Fachkräfte <neu>", "fachkraefte"),)])
def test_teaser_html_is_the_teaser_template(heading, published_at, topics):
    article = _teaser(published_at=published_at, topics=topics)
    expected = Template(TEASER_TEMPLATE).render(Context({"article": article, "heading": heading}))
    assert _normalized(rendering.teaser_html(article, heading=heading)) == _normalized(expected)


def test_teaser_list_html_lists_teasers_and_is_empty_without_articles():
    html = rendering.teaser_list_html([_teaser(), _teaser(pk=8, slug="zwei", title="Zwei")], heading="h3")
    assert html.startswith('<ul class="teaser-list"><li><article class="teaser">')
    assert html.count("<h3 ") == 2 and 'href="/aktuelles/zwei/"' in html
    assert rendering.teaser_list_html([]) == ""


@pytest.mark.parametrize("value", TIMES)
def test_dates_are_the_date_filters(value):
    with timezone.override(BERLIN):
        context = Context({"value": value})
        assert rendering.long_date(value) == Template('{{ value|date:"j. F Y" }}').render(context)
        assert rendering.datetime_attribute(value) == Template("{{ value|date:'Y-m-d\\TH:i:sO' }}").render(context)


@pytest.mark.parametrize("num_pages", range(1, 16))
def test_page_range_is_djangos_elided_page_range(num_pages):
    paginator = Paginator(range(num_pages), 1)
    for number in range(1, num_pages + 1):
        elided = paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
        assert rendering.page_range(number, num_pages) == [None if n == Paginator.ELLIPSIS else n for n in elided]


@pytest.mark.parametrize(
    "query", ["", "?q=Wasser+stoff", "?thema=wasserstoff", "?q=%C3%A4%20%26%3Cb%3E&thema=kreislauf"]
)
@pytest.mark.parametrize("num_pages,number", [(1, 1), (2, 1), (2, 2), (7, 4), (30, 1), (30, 15), (30, 30)])
def test_pagination_html_is_the_pagination_template(query, num_pages, number):
    request = RequestFactory().get("/aktuelles/" + query + ("&" if query else "?") + f"page={number}")
    page = Paginator(range(num_pages * 10), 10).page(number)
    expected = render_to_string("core/includes/pagination.html", {"page_obj": page, "request": request})
    params = [(name, value) for name, value in request.GET.items() if name != "page"]
    assert _normalized(rendering.pagination_html(number, num_pages, params=params)) == _normalized(expected)


@pytest.mark.parametrize("query", ["", "Wasser stoff & <b>"])
@pytest.mark.parametrize("current", [None, 1])
def test_topic_filter_html_is_the_topic_filter_template(query, current):
    topics = (TopicRef(1, "Wasserstoff", "wasserstoff"), TopicRef(2, "Kreislauf & Wärme", "kreislauf"))
    current_topic = topics[0] if current else None
    expected = Template(TOPIC_FILTER_TEMPLATE).render(
        Context({"topics": topics, "current_topic": current_topic, "search_query": query, "list_url": "/aktuelles/"})
    )
    html = rendering.topic_filter_html(topics=topics, current=current_topic, query=query, list_url="/aktuelles/")
    assert _normalized(html) == _normalized(expected)


@pytest.mark.parametrize("prefix", ["/", "/revier/"])
def test_addresses_are_the_reversed_addresses(prefix):
    set_script_prefix(prefix)
    try:
        for slug in ("a", "wasserstoff-2026", "x_y-9"):
            assert article_url(slug) == reverse("news:detail", kwargs={"slug": slug})
            assert topic_feed_url(slug) == reverse("news:topic-feed-rss", kwargs={"topic_slug": slug})
            assert topic_feed_url(slug, atom=True) == reverse("news:topic-feed-atom", kwargs={"topic_slug": slug})
        assert news_addresses()["list"] == reverse("news:list")
        assert news_addresses()["feed_rss"] == reverse("news:feed-rss")
        assert news_addresses()["feed_atom"] == reverse("news:feed-atom")
    finally:
        set_script_prefix("/")


# The head block and the article of news/templates/news/article_detail.html before they were
# written in Python.
ARTICLE_HEAD_TEMPLATE = """{% load i18n %}  <link rel="canonical" href="{{ absolute_url }}">
  <link rel="alternate" type="application/rss+xml" title="{% translate 'News (RSS)' %}" href="{{ news_urls.feed_rss }}">
  <link rel="alternate" type="application/atom+xml" title="{% translate 'News (Atom)' %}" href="{{ news_urls.feed_atom }}">
  <meta property="og:type" content="article">
  <meta property="og:site_name" content="{{ site_name }}">
  <meta property="og:locale" content="de_DE">
  <meta property="og:title" content="{{ article.title }}">
  <meta property="og:description" content="{{ description }}">
  <meta property="og:url" content="{{ absolute_url }}">
  {% if article.image %}<meta property="og:image" content="{{ request.scheme }}://{{ request.get_host }}{{ article.image.url }}">
  <meta property="og:image:alt" content="{{ article.image_alt }}">{% endif %}
  {% if published %}<meta property="article:published_time" content="{{ published_iso }}">{% endif %}
  {% for topic in topics %}<meta property="article:tag" content="{{ topic.name }}">
  {% endfor %}
  {% if preview %}<meta name="robots" content="noindex">{% endif %}
"""
ARTICLE_TEMPLATE = """{% load i18n %}<article class="article" aria-labelledby="article-title">
  <header>
    <h1 id="article-title" class="kern-heading-x-large">{{ article.title }}</h1>
    <div class="teaser__meta">
      {% if published %}<time class="kern-body" datetime="{{ published_attribute }}">{{ published }}</time>{% endif %}
      {% if topics %}
      <ul class="topic-list" aria-label="{% translate 'Topics' %}">
        {% for topic in topics %}<li><a class="kern-link" href="{{ news_urls.list }}?thema={{ topic.slug }}">{{ topic.name }}</a></li>{% endfor %}
      </ul>
      {% endif %}
    </div>
    <p class="kern-body--large">{{ article.teaser }}</p>
  </header>
  {% if article.image %}
  <figure class="article-figure">
    <img src="{{ article.image.url }}" alt="{{ article.image_alt }}"{% if article.image_width %} width="{{ article.image_width }}" height="{{ article.image_height }}"{% endif %}>
    {% if article.image_credit %}<figcaption>{% blocktranslate with credit=article.image_credit %}Image: {{ credit }}{% endblocktranslate %}</figcaption>{% endif %}
  </figure>
  {% endif %}
  <div class="article-body kern-body">{{ article.body_html|safe }}</div>
  {% if links %}
  <ul class="related-links">
    {% for link in links %}<li><a class="kern-btn kern-btn--secondary" href="{{ link.href }}"><span class="kern-label">{{ link.label }}</span></a></li>{% endfor %}
  </ul>
  {% endif %}
</article>"""


@pytest.mark.django_db
@pytest.mark.parametrize("with_image", [False, True])
@pytest.mark.parametrize("preview", [False, True])
def test_article_html_is_the_article_template(with_image, preview):
    from revier.news.selectors import LinkRef
    from tests.factories import ArticleFactory, png_upload

    extra = {"image": png_upload(), "image_alt": 'Eine "Grafik" & mehr', "image_credit": "Revier <Foto>"} if with_image else {}
    article = ArticleFactory(title="Wasserstoff & „Wärme“ <im> 'Revier'", teaser='Anreißer mit "Zitat" & <b>.', **extra)
    topics = (TopicRef(1, "Wasserstoff", "wasserstoff"), TopicRef(2, "Kreislauf & Wärme", "kreislauf"))
    links = [LinkRef("Programm & Anmeldung", "/veranstaltungen/a/"), LinkRef("Mehr", "https://example.org/?a=1&b=2")]
    context = {
        "article": article, "topics": topics, "links": links, "absolute_url": "http://testserver/aktuelles/x/?a=1&b=2",
        "description": 'Beschreibung mit "Zitat" & <b>', "site_name": "Revier & Co", "published": "1. Mai 2026",
        "published_attribute": "2026-05-01T11:05:07+0200", "published_iso": "2026-05-01T11:05:07.123456+02:00",
        "preview": preview, "news_urls": news_addresses(), "request": RequestFactory().get("/"),
    }
    head = rendering.article_head_html(
        article=article, topics=topics, absolute_url=context["absolute_url"], description=context["description"],
        origin="http://testserver", site_name=context["site_name"], published_iso=context["published_iso"], preview=preview,
    )
    assert _normalized(head) == _normalized(Template(ARTICLE_HEAD_TEMPLATE).render(Context(context)))
    html = rendering.article_html(
        article=article, topics=topics, links=links, published=context["published"],
        published_attribute=context["published_attribute"],
    )
    assert _normalized(html) == _normalized(Template(ARTICLE_TEMPLATE).render(Context(context)))
    if with_image:
        assert 'alt="Eine &quot;Grafik&quot; &amp; mehr"' in html and "Bild: Revier &lt;Foto&gt;" in html


def test_json_ld_block_cannot_be_closed_by_its_data():
    from revier.core.structured_data import json_ld

    html = json_ld({"headline": "</script><script>alert(1)</script> & <!-- x -->", "n": 1})
    assert html == (
        '<script type="application/ld+json">{"headline":"\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)'
        '\\u003C/script\\u003E \\u0026 \\u003C!-- x --\\u003E","n":1}</script>'
    )
    assert json_ld({}) == ""
