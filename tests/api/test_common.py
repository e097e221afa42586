"""What every answer of the public JSON API (core.api.api_view) has: CORS for GET, ETag and
Last-Modified with 304, the rate limit, no cookie, JSON errors, the OpenAPI 3.1 schema."""

import pytest

from tests.factories import ArticleFactory, StaffFactory, TopicFactory

pytestmark = pytest.mark.django_db

NEWS = "/api/v1/news"


def test_api_get_has_cors_without_credentials(client):
    response = client.get(NEWS, HTTP_ORIGIN="https://partner.example")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_api_preflight_allows_get_and_conditional_headers(client):
    response = client.options(NEWS, HTTP_ORIGIN="https://partner.example",
                              HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_pages_keep_their_cors_and_resource_policy(client):
    response = client.get("/aktuelles/")
    assert "Access-Control-Allow-Origin" not in response
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_api_etag_answers_304_until_content_changes(client):
    article = ArticleFactory(title="Erste Meldung")
    first = client.get(NEWS)
    etag = first["ETag"]
    assert etag.startswith('W/"')
    again = client.get(NEWS, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"
    article.title = "Geänderte Meldung"
    from revier.news.services import article_save

    article_save(article=article)
    changed = client.get(NEWS, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Geänderte Meldung" in changed.content.decode()


def test_api_if_modified_since_answers_304(client):
    ArticleFactory()
    first = client.get(NEWS)
    last_modified = first["Last-Modified"]
    assert client.get(NEWS, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(NEWS, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110): another ETag means a changed answer.
    assert client.get(NEWS, HTTP_IF_MODIFIED_SINCE=last_modified, HTTP_IF_NONE_MATCH='W/"anders"').status_code == 200


def test_api_head_has_headers_without_body(client):
    response = client.head(NEWS)
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"]


def test_api_sets_no_cookie_even_for_staff(client):
    response = client.get(NEWS)
    assert not response.cookies
    assert "Set-Cookie" not in response
    client.force_login(StaffFactory())
    response = client.get(NEWS)
    assert not response.cookies
    assert response.wsgi_request.session.modified is False


def test_api_sets_no_cookie_for_a_staff_session_the_idle_timeout_would_extend(client):
    """The idle timeout writes the session's last-seen time once a minute, and the session's
    middleware then sends the cookie again: never on an API answer (issue 12 §5)."""
    import time

    from revier.core.middleware import SessionIdleTimeoutMiddleware

    client.force_login(StaffFactory())
    session = client.session
    session[SessionIdleTimeoutMiddleware.LAST_SEEN] = time.time() - 5 * 60
    session.save()
    for url in (NEWS, "/api/v1/topics", "/api/v1/openapi.json", "/api/v1/docs/", "/api/v1/keine-adresse"):
        response = client.get(url)
        assert "Set-Cookie" not in response.serialize_headers().decode(), url
        assert not response.cookies, url
    assert client.session[SessionIdleTimeoutMiddleware.LAST_SEEN] < time.time() - 4 * 60  # not extended
    # A page of the site extends the same session (the cookie comes again): the API alone does not.
    response = client.get("/veranstaltungen/verwalten/")
    assert response.cookies.get("sessionid")


def test_api_answers_a_session_without_its_second_factor(client):
    from tests.factories import UserFactory

    user = UserFactory(is_staff=True)
    client.force_login(user)  # then the second factor's mark taken away: a half login
    session = client.session
    session.pop("otp_device_id", None)
    session.save()
    assert client.get("/veranstaltungen/verwalten/").status_code == 302
    response = client.get(NEWS)
    assert response.status_code == 200 and not response.cookies


def test_api_rate_limit_answers_429_in_json(client, settings):
    settings.API_LIMIT_PER_CLIENT = 3
    for _ in range(3):
        assert client.get("/api/v1/topics").status_code == 200
    response = client.get("/api/v1/topics")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Minute" in response.json()["detail"]
    # Another client is not affected.
    assert client.get("/api/v1/topics", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_api_errors_are_json(client):
    TopicFactory(slug="wasserstoff")
    for url, status in [
        ("/api/v1/news/gibt-es-nicht", 404),
        ("/api/v1/news?thema=unbekannt", 404),
        ("/api/v1/news?page=0", 422),
        ("/api/v1/news?q=%00", 400),
        ("/api/v1/news/a%2Fb", 404),
    ]:
        response = client.get(url)
        assert response.status_code == status, url
        assert response["Content-Type"].startswith("application/json"), url
        assert "detail" in response.json(), url
        assert response["Access-Control-Allow-Origin"] == "*", url
    # Pages keep their HTML error pages.
    assert client.get("/aktuelles/gibt-es-nicht/")["Content-Type"].startswith("text/html")


def test_openapi_schema_is_3_1_and_lists_every_operation(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert {"/api/v1/news", "/api/v1/news/{slug}", "/api/v1/topics"} <= set(schema["paths"])


# Schemas whose `url` is another site's address or a file, not one of our pages.
URL_NOT_OUR_PAGE = {"ImageOut", "LinkOut", "OrganisationOut", "PartnerEventOut"}


def test_openapi_schema_gives_every_page_url_its_english_address(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    with_url = {name for name, schema in schemas.items() if "url" in schema.get("properties", {})}
    assert URL_NOT_OUR_PAGE < with_url
    for name in with_url - URL_NOT_OUR_PAGE:
        properties = schemas[name]["properties"]
        assert "url_en" in properties and "url_en" in schemas[name]["required"], name
        assert "/en/" in properties["url_en"]["description"], name
    for name in URL_NOT_OUR_PAGE:
        assert "url_en" not in schemas[name]["properties"], name
