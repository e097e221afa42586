from django.db.models import Max
from django.urls import reverse
from django.utils.functional import cached_property

from revier.core.sitemaps import LanguageSitemap
from revier.news import selectors
from revier.news.addresses import news_addresses

# Sections of at most this many addresses (the sitemap index lists one page per thousand articles):
# a page of the sitemap is rendered in a bounded time, and kept per content generation.
ARTICLES_PER_SITEMAP_PAGE = 1000


class NewsIndexSitemap(LanguageSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "news:list"]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(LanguageSitemap):
    """Every published article, newest first: (slug, updated_at) rows, addresses built without
    reverse() (news.addresses)."""

    changefreq = "weekly"
    priority = 0.6
    limit = ARTICLES_PER_SITEMAP_PAGE

    def items(self):
        return selectors.article_published().order_by("-published_at", "-id").values_list("slug", "updated_at")

    @cached_property
    def _address_parts(self) -> tuple[str, str]:
        addresses = news_addresses()
        return addresses["detail_before"], addresses["detail_after"]

    def location(self, item):
        # article_url() without looking up the script prefix and URL configuration per article.
        before, after = self._address_parts
        return f"{before}{item[0]}{after}"

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        # Django's default calls lastmod() for every article; one aggregate query does the same.
        return selectors.article_published().aggregate(latest=Max("updated_at"))["latest"]
