from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.static import serve

from revier.core import auth as core_auth
from revier.core import mfa_views
from revier.core import views as core_views
from revier.core.cache import cache_public_page
from revier.portal import api as portal_api
from revier.portal import metrics as portal_metrics
from revier.portal import views as portal_views

# Addresses that are the same in every language: machine-read files and the API.
urlpatterns = [
    path("sitemap.xml", cache_public_page(portal_views.sitemap_index), name="sitemap-index"),
    path(
        "sitemap-<slug:section>.xml",
        cache_public_page(portal_views.sitemap_section, params=("p",)),
        name="sitemap-section",
    ),
    path("robots.txt", core_views.robots_txt, name="robots-txt"),
    path("api/v1/", portal_api.urls()),
    path("healthz", core_views.health, name="health"),
    path("readyz", core_views.ready, name="ready"),
    path("metrics", portal_metrics.metrics_view, name="metrics"),
]

# The pages, public and staff: German without a prefix, English below /en/
# (core.middleware.LanguageFromPathMiddleware takes the language from the address).
urlpatterns += i18n_patterns(
    path("", portal_views.home, name="home"),
    path("suche/", portal_views.search, name="search"),
    path("aktuelles/", include("revier.news.urls")),
    path("veranstaltungen/freikarten/", include("revier.contingents.urls")),
    path("veranstaltungen/", include("revier.events.urls")),
    path("einbetten/", include("revier.events.embed_urls")),
    path("netzwerk/", include("revier.network.urls")),
    path("monitor/", include("revier.monitor.urls")),
    path("meine-daten/", portal_views.my_data, name="my-data"),
    path("meine-daten/geloescht/", core_views.personal_data_deleted, name="personal-data-deleted"),
    path("api/v1/docs/", portal_views.api_docs, name="api-docs"),
    # Before the admin's own URLs: its login is the one staff login at /anmelden/, with its throttle.
    path("verwaltung/login/", core_auth.admin_login, name="admin-login"),
    path("verwaltung/konten/", include("revier.accounts.urls")),
    path("verwaltung/einstellungen/", include("revier.accounts.settings_urls")),
    path("verwaltung/auskunft/", portal_views.access_request, name="access-request"),
    path("verwaltung/", admin.site.urls),
    path("anmelden/", include("revier.core.auth_urls")),
    path("konto/sicherheit/", mfa_views.account_security, name="account_security"),
    path("abmelden/", auth_views.LogoutView.as_view(next_page="login"), name="logout"),
    path("", include("revier.pages.urls")),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

handler400 = "revier.core.views.bad_request"
handler403 = "revier.core.views.permission_denied"
handler404 = "revier.core.views.page_not_found"
handler500 = "revier.core.views.server_error"
