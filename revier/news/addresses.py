"""The addresses of news pages, built without `reverse()` per article.

`reverse()` costs 30–60 µs; lists, feeds and the sitemap (10,000 articles) build an address for
every article. The URL configuration maps an article to `<list address><slug>/`; the parts around
the slug are reversed once per URL configuration, script prefix and language (as core.context_processors
does for the frame), and a slug is only letters, digits, hyphens and underscores, which need no
quoting."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_MARKER = "--slug--"


@functools.lru_cache(maxsize=16)
def _addresses(script_prefix: str, urlconf: str, language: str) -> dict[str, str]:
    detail = reverse("news:detail", kwargs={"slug": _MARKER}, urlconf=urlconf)
    before, _marker, after = detail.rpartition(_MARKER)
    topic_rss = reverse("news:topic-feed-rss", kwargs={"topic_slug": _MARKER}, urlconf=urlconf)
    topic_atom = reverse("news:topic-feed-atom", kwargs={"topic_slug": _MARKER}, urlconf=urlconf)
    return {
        "list": reverse("news:list", urlconf=urlconf),
        "feed_rss": reverse("news:feed-rss", urlconf=urlconf),
        "feed_atom": reverse("news:feed-atom", urlconf=urlconf),
        "detail_before": before,
        "detail_after": after,
        "topic_rss": topic_rss,
        "topic_atom": topic_atom,
    }


def news_addresses() -> dict[str, str]:
    """list, feed_rss, feed_atom (and the parts the functions below use)."""
    return _addresses(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, get_language())


def article_url(slug: str) -> str:
    """The same as reverse("news:detail", kwargs={"slug": slug}) for a valid slug."""
    addresses = news_addresses()
    return f"{addresses['detail_before']}{slug}{addresses['detail_after']}"


def topic_feed_url(topic_slug: str, *, atom: bool = False) -> str:
    """The same as reverse("news:topic-feed-rss"/"news:topic-feed-atom", kwargs={"topic_slug": …})."""
    return news_addresses()["topic_atom" if atom else "topic_rss"].replace(_MARKER, topic_slug)
