"""The API's documentation page: written on the server from the schema, every operation listed,
no script and nothing from another host (the strict CSP), no cookie."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_docs_page_lists_every_operation_of_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    for path in schema["paths"]:
        assert f"<code>GET {path}</code>" in html, path
    assert 'href="/api/v1/openapi.json"' in html
    assert "<code>thema</code> (Abfrage, string)" in html
    assert "<code>slug</code> (Adresse, string, Pflichtangabe)" in html


def test_docs_page_loads_nothing_from_elsewhere_and_sets_no_cookie(client):
    response = client.get("/api/v1/docs/")
    html = response.content.decode()
    assert "<script" not in html.split("</footer>")[0].split("<main", 1)[1]
    assert not re.search(r'(src|href)="(https?:)?//', html.split("<main", 1)[1].split("</main>")[0].replace(
        'href="http://testserver', ""))
    assert "swagger" not in html.lower() and "cdn" not in html.lower()
    assert "'self'" in response["Content-Security-Policy"]
    assert not response.cookies
