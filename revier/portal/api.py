"""The public JSON API at /api/v1/ (docs/api.md): one NinjaAPI made of each app's router (the
apps' `api` modules), every address wrapped by core.api.api_view. At the top of the house because
it composes the apps, like the home page. No docs page of django-ninja: it loads Swagger UI from
another host, which the CSP forbids; the schema is at openapi.json, the operations are listed on
the server-rendered page `docs/` (portal.views.api_docs)."""

from django.urls import URLPattern
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from revier.core.api import api_view
from revier.contingents import api as contingents_api
from revier.events import api as events_api
from revier.monitor import api as monitor_api
from revier.network import api as network_api
from revier.news import api as news_api

class _Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # "Wärmewende", not "W\\u00e4rmewende"


api = NinjaAPI(
    renderer=_Renderer(),
    title="Revier API",
    version="1",
    description="Öffentliche, lesende Schnittstelle des Portals Revier: Aktuelles, Themen, Veranstaltungen, "
    "Kontingente, Netzwerk-Profile und Monitor-Ergebnisse.",
    docs_url=None,
    openapi_url="/openapi.json",
    urls_namespace="api",
)
api.add_router("/", news_api.router)
api.add_router("/", events_api.router)
api.add_router("/", contingents_api.router)
api.add_router("/", network_api.router)
api.add_router("/", monitor_api.router)


def urls():
    """The API's URL patterns, each view wrapped by api_view."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = api_view(pattern.callback)
    return patterns, app_name, namespace
