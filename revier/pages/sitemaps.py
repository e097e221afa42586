from django.contrib.sitemaps import Sitemap

from revier.pages.models import Page


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return Page.objects.only("slug", "updated_at")

    def lastmod(self, page):
        return page.updated_at
