from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    ("news", _("News"), "news:list"),
    ("events", _("Events"), "events:list"),
    ("network", _("Network"), "network-coming-soon"),
    ("monitor", _("Monitor"), "monitor-coming-soon"),
]


def portal(request):
    """The frame every page needs: site name and main navigation with the current section marked."""
    path = request.path
    navigation = []
    for key, label, url_name in MAIN_NAVIGATION:
        url = reverse(url_name)
        navigation.append({"key": key, "label": label, "url": url, "current": path.startswith(url)})
    return {"site_name": settings.SITE_NAME, "main_navigation": navigation}
