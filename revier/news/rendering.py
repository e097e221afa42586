"""The parts of news pages that repeat per article, written in Python.

An `{% include %}` of a teaser with its `{% url %}`, two date filters and a loop over its topics
costs about 0.5 ms per article in Django's template engine; the same HTML written here costs a few
µs (as core.form_renderer does for form inputs). Every value is escaped with `html.escape`, as the
template engine's autoescape does; tests/news/test_rendering.py checks the markup.
"""

import datetime
from html import escape
from urllib.parse import quote

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from revier.core import dates
from revier.core.embeds import render_embeds
from revier.core.pagination import page_range, pagination_html  # noqa: F401 (news pages use them from here)
from revier.core.text import OG_LOCALES, german_content_lang, shown_field, shown_language, shown_text
from revier.news.addresses import news_addresses
from revier.news.selectors import ArticleTeaser, TopicRef


def long_date(value: datetime.datetime) -> str:
    """Like the template filter date:"DATE_FORMAT" ("5. März 2026" / "5 March 2026", core.dates) in the
    current time zone."""
    local = timezone.localtime(value)
    joint = ". " if dates.pattern("DATE_FORMAT").startswith("j. ") else " "
    return f"{local.day}{joint}{MONTHS[local.month]} {local.year}"


def datetime_attribute(value: datetime.datetime) -> str:
    """Like the template filter date:"Y-m-d\\TH:i:sO" ("2026-03-05T09:30:00+0100")."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M:%S%z")


class _Labels:
    """The translated words a list of teasers needs, looked up once per list."""

    def __init__(self):
        self.topics = escape(gettext("Topics"))
        self.german = german_content_lang()  # the topic names are German: marked so on an English page
        self.months = {}
        # "27. November 2026" / "27 November 2026" (core.dates; the month names come translated)
        self.day_joint = ". " if dates.pattern("DATE_FORMAT").startswith("j. ") else " "
        self.zone = timezone.get_current_timezone()
        addresses = news_addresses()
        self.url_before, self.url_after = addresses["detail_before"], addresses["detail_after"]

    def date(self, value: datetime.datetime) -> tuple[str, str]:
        local = value.astimezone(self.zone)
        month = self.months.get(local.month)
        if month is None:
            month = self.months[local.month] = str(MONTHS[local.month])
        return local.strftime("%Y-%m-%dT%H:%M:%S%z"), f"{local.day}{self.day_joint}{month} {local.year}"


def teaser_html(article: ArticleTeaser, *, heading: str = "h2", labels: _Labels | None = None) -> str:
    """An article's teaser in a list: title as a link (an h2, or an h3 below a page's own h2), date,
    topics, teaser text."""
    labels = labels or _Labels()
    # The English title and teaser on an English page where editors gave them, else the German
    # ones, marked lang="de" (core.text.shown_text).
    title, title_lang = shown_text(article.title, article.title_en)
    teaser, teaser_lang = shown_text(article.teaser, article.teaser_en)
    if heading == "h3":
        open_heading, close_heading = f'<h3 class="kern-heading-small teaser__title"{title_lang}>', "</h3>"
    else:
        open_heading, close_heading = f'<h2 class="kern-heading-medium teaser__title"{title_lang}>', "</h2>"
    topics = ""
    if article.topics:
        items = "".join(
            '<li><span class="kern-badge kern-badge--info kern-badge--small">'
            f'<span class="kern-label"{labels.german}>{escape(topic.name)}</span></span></li>'
            for topic in article.topics
        )
        topics = f'\n    <ul class="topic-list" aria-label="{labels.topics}">{items}</ul>'
    attribute, date = labels.date(article.published_at)
    return (
        f'<article class="teaser">\n  {open_heading}<a class="kern-link" href="{labels.url_before}{escape(article.slug)}{labels.url_after}">'
        f"{escape(title)}</a>{close_heading}\n"
        f'  <div class="teaser__meta">\n'
        f'    <time class="kern-body--small" datetime="{attribute}">{date}</time>'
        f"{topics}\n  </div>\n"
        f'  <p class="kern-body"{teaser_lang}>{escape(teaser)}</p>\n</article>'
    )


def teaser_list_html(articles: list[ArticleTeaser], *, heading: str = "h2") -> SafeString:
    """The teasers as a list; empty for no articles."""
    if not articles:
        return mark_safe("")
    labels = _Labels()
    items = "".join(f"<li>{teaser_html(article, heading=heading, labels=labels)}</li>" for article in articles)
    return mark_safe(f'<ul class="teaser-list">{items}</ul>')


def topic_filter_html(*, topics: tuple[TopicRef, ...], current: TopicRef | None, query: str, list_url: str) -> SafeString:
    """The topic filter of the news list: "All topics" and one link per topic, keeping the search words."""
    all_topics, topics_label = escape(gettext("All topics")), escape(gettext("Topics"))
    search = f"&amp;q={escape(quote(query, safe='/'))}" if query else ""
    all_search = f"?q={escape(quote(query, safe='/'))}" if query else ""
    current_mark = ' aria-current="true"'
    german = german_content_lang()  # the topic names are German: marked so on an English page
    items = [
        f'<li><a class="kern-link" href="{escape(list_url)}{all_search}"{"" if current else current_mark}>'
        f"{all_topics}</a></li>"
    ]
    for topic in topics:
        mark = current_mark if current is not None and topic.pk == current.pk else ""
        items.append(f'<li><a class="kern-link" href="?thema={escape(topic.slug)}{search}"{mark}{german}>{escape(topic.name)}</a></li>')
    return mark_safe(
        f'<details class="filter-box filter-box--collapsible" data-open-wide{" open" if current else ""}>\n'
        f'    <summary><h2 id="filter-title" class="kern-heading-small">{topics_label}</h2></summary>\n'
        "    <ul>\n      " + "\n      ".join(items) + "\n    </ul>\n  </details>"
    )


def article_head_html(
    *, article, topics: tuple[TopicRef, ...], absolute_url: str, description: str, origin: str, site_name: str,
    published_iso: str, preview: bool,
) -> SafeString:
    """The article page's links and meta data in <head> (canonical address, feeds, Open Graph).
    `origin`: scheme and host of the request, for the image's absolute address."""
    addresses = news_addresses()
    title = shown_field(article, "title")[0]
    rss_title, atom_title = escape(gettext("News (RSS)")), escape(gettext("News (Atom)"))
    lines = [
        f'<link rel="canonical" href="{escape(absolute_url)}">',
        f'<link rel="alternate" type="application/rss+xml" title="{rss_title}" href="{escape(addresses["feed_rss"])}">',
        f'<link rel="alternate" type="application/atom+xml" title="{atom_title}" href="{escape(addresses["feed_atom"])}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{escape(site_name)}">',
        # The language of the title shown: English on /en/ where editors gave one.
        f'<meta property="og:locale" content="{OG_LOCALES.get(shown_language(article, "title"), "de_DE")}">',
        f'<meta property="og:title" content="{escape(title)}">',
        f'<meta property="og:description" content="{escape(description)}">',
        f'<meta property="og:url" content="{escape(absolute_url)}">',
    ]
    if article.image:
        lines.append(f'<meta property="og:image" content="{escape(origin + article.image.url)}">')
        lines.append(f'<meta property="og:image:alt" content="{escape(article.image_alt)}">')
    if published_iso:
        lines.append(f'<meta property="article:published_time" content="{escape(published_iso)}">')
    lines += [f'<meta property="article:tag" content="{escape(topic.name)}">' for topic in topics]
    if preview:
        lines.append('<meta name="robots" content="noindex">')
    return mark_safe("\n  ".join(lines))


def article_html(*, article, topics: tuple[TopicRef, ...], links, published: str, published_attribute: str) -> SafeString:
    """The article itself: heading, date, topics (links to the list), teaser, image, text (with the
    parts other apps render for its embed lines, core.embeds), links."""
    list_url, german = escape(news_addresses()["list"]), german_content_lang()  # German topic names
    title, title_lang = shown_field(article, "title")
    teaser, teaser_lang = shown_field(article, "teaser")
    body_html, body_lang = shown_field(article, "body_html")
    topics_label, credit_text = escape(gettext("Topics")), ""
    meta = f'<time class="kern-body" datetime="{escape(published_attribute)}">{escape(published)}</time>' if published else ""
    if topics:
        items = "".join(
            f'<li><a class="kern-link" href="{list_url}?thema={escape(topic.slug)}"{german}>{escape(topic.name)}</a></li>'
            for topic in topics
        )
        meta += f'\n      <ul class="topic-list" aria-label="{topics_label}">{items}</ul>'
    figure = ""
    if article.image:
        size = f' width="{article.image_width}" height="{article.image_height}"' if article.image_width else ""
        if article.image_credit:
            credit_text = gettext("Image: %(credit)s") % {"credit": escape(article.image_credit)}
            credit_text = f"\n    <figcaption>{credit_text}</figcaption>"
        figure = (
            f'\n  <figure class="article-figure">\n    <img src="{escape(article.image.url)}" alt="{escape(article.image_alt)}"{size}>'
            f"{credit_text}\n  </figure>"
        )
    related = ""
    if links:
        items = "".join(
            f'<li><a class="kern-btn kern-btn--secondary" href="{escape(link.href)}"><span class="kern-label">{escape(link.label)}</span></a></li>'
            for link in links
        )
        related = f'\n  <ul class="related-links">{items}</ul>'
    return mark_safe(
        '<article class="article" aria-labelledby="article-title">\n  <header>\n'
        f'    <h1 id="article-title" class="kern-heading-x-large"{title_lang}>{escape(title)}</h1>\n'
        f'    <div class="teaser__meta">{meta}</div>\n'
        f'    <p class="kern-body--large"{teaser_lang}>{escape(teaser)}</p>\n  </header>{figure}\n'
        f'  <div class="article-body kern-body"{body_lang}>{render_embeds(body_html)}</div>{related}\n</article>'
    )
