from revier.core.sitemaps import LanguageSitemap
from revier.pages.models import Page


class PageSitemap(LanguageSitemap):
    changefreq = "monthly"
    priority = 0.3

    def items(self):
        return Page.objects.only("slug", "updated_at")

    def lastmod(self, page):
        return page.updated_at
