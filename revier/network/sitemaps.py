from django.db.models import Max
from django.urls import reverse

from revier.core.sitemaps import LanguageSitemap
from revier.network.directory import profile_sitemap_rows
from revier.network.models import Profile
from revier.network.selectors import profile_public_list

# As the articles' sections: at most this many addresses a page of the sitemap.
PROFILES_PER_SITEMAP_PAGE = 1000


class NetworkIndexSitemap(LanguageSitemap):
    """The network's landing page and the two lists of the directory."""

    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["network:index", "network:directory", "network:entries"]

    def location(self, item):
        return reverse(item)


class ProfileSitemap(LanguageSitemap):
    """Every public profile (confirmed, public, not hidden by staff), by number: (id, updated_at)
    rows; profiles seen by the participants of an event only are never listed."""

    changefreq = "weekly"
    priority = 0.4
    limit = PROFILES_PER_SITEMAP_PAGE

    def items(self):
        return profile_sitemap_rows()

    def location(self, item):
        return Profile(pk=item[0]).get_absolute_url()

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        return profile_public_list().aggregate(latest=Max("updated_at"))["latest"]
