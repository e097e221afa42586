from django.urls import reverse

from revier.core.sitemaps import LanguageSitemap
from revier.monitor import selectors


class MonitorSitemap(LanguageSitemap):
    """The Monitor's start page and reading guide, each survey with a published wave, the methods
    page of every published wave, and every question with a result in a published wave (its page
    shows the latest published wave)."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        paths = [reverse("monitor:home"), reverse("monitor:reading")]
        for survey, code in selectors.sitemap_paths():
            if code:
                paths.append(reverse("monitor:question", kwargs={"survey": survey, "question": code}))
            else:
                paths.append(reverse("monitor:survey", kwargs={"survey": survey}))
        paths += [reverse("monitor:methods", kwargs={"survey": survey, "year": year}) for survey, year in selectors.published_wave_paths()]
        return paths

    def location(self, item):
        return item
