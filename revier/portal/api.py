"""The public JSON API at /api/v1/ (docs/api.md): one NinjaAPI made of each app's router (the
apps' `api` modules), every address wrapped by core.api.api_view. At the top of the house because
it composes the apps, like the home page. No docs page of django-ninja: it loads Swagger UI from
another host, which the CSP forbids; the schema is at openapi.json, the operations are listed on
the server-rendered page `docs/` (portal.views.api_docs)."""

import functools

from django.urls import URLPattern, reverse
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


def schema_url() -> str:
    return reverse("api:openapi-json")


_WHERE = {"query": "Abfrage", "path": "Adresse"}


@functools.cache
def api_operations() -> tuple[dict, ...]:
    """The operations of the schema as the documentation page lists them (the schema is made from
    the code once per process)."""
    schema = api.get_openapi_schema(path_prefix=reverse("api:api-root"))
    operations = []
    for path, methods in schema["paths"].items():
        for operation in methods.values():
            parameters = [
                {"name": p["name"], "where": _WHERE.get(p["in"], p["in"]), "required": p.get("required", False),
                 "type": _type(p.get("schema", {})), "description": p.get("description") or p.get("schema", {}).get("description", "")}
                for p in operation.get("parameters", [])
            ]
            operations.append({
                "id": operation["operationId"], "path": path, "summary": operation.get("summary", ""),
                "description": operation.get("description", ""), "parameters": parameters,
                "statuses": sorted(operation.get("responses", {})),
            })
    return tuple(operations)


def _type(schema: dict) -> str:
    if "anyOf" in schema:
        return " | ".join(_type(option) for option in schema["anyOf"] if option.get("type") != "null")
    return schema.get("type", "string")
