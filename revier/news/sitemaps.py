from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from revier.news import selectors


class NewsIndexSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "news:list"]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    limit = 5000

    def items(self):
        return selectors.article_published().only("slug", "updated_at").order_by("-published_at", "-id")

    def lastmod(self, article):
        return article.updated_at
