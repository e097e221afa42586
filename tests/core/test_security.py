import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client, override_settings
from django.urls import path

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PUBLIC_URLS = ["/", "/aktuelles/", "/aktuelles/?q=Wasserstoff", "/aktuelles/feed/rss/", "/veranstaltungen/", "/nicht-da/"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_set_no_cookie_and_send_security_headers(client, url):
    ArticleFactory()
    response = client.get(url)
    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_content_security_policy_allows_only_own_host_without_inline(client):
    csp = client.get("/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_pages_reference_no_other_host(client, settings):
    article = ArticleFactory()
    own = urlsplit(settings.SITE_URL).netloc  # the site's own address (hreflang alternates name it)
    for url in ["/", "/aktuelles/", article.get_absolute_url(), "/en/", "/en/aktuelles/"]:
        html = client.get(url).content.decode()
        for attr in ("src", "href"):
            for value in __import__("re").findall(rf'{attr}="(https?:)?//([^"/]+)', html):
                assert value[1] in ("testserver", "schema.org", own), (url, value)


def _boom(request):
    raise RuntimeError("secret internal detail")


urlpatterns_with_error = [path("boom/", _boom)]


@override_settings(DEBUG=False)
def test_server_error_shows_designed_page_without_trace(settings):
    import revier.urls

    settings.ROOT_URLCONF = type(
        "U", (), {"urlpatterns": urlpatterns_with_error + revier.urls.urlpatterns, "handler500": revier.urls.handler500}
    )
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "secret internal detail" not in body and "Traceback" not in body
    assert '<html lang="de">' in body and "<h1" in body


def test_forbidden_page_is_designed(client):
    response = client.post("/barriere-melden/", {"message": "x"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    body = response.content.decode()
    assert '<html lang="de">' in body and "Zugriff verweigert" in body


@pytest.mark.parametrize("url,status", [("/gibt-es-nicht/", 404), ("/aktuelles/x/y/z/", 404)])
def test_not_found_page_is_designed(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    body = response.content.decode()
    assert '<html lang="de">' in body and 'id="inhalt"' in body


def test_bad_request_page_is_designed(client):
    response = client.get("/", HTTP_HOST="bad host name")
    assert response.status_code == 400
    assert '<html lang="de">' in response.content.decode()


def test_production_configuration_passes_check_deploy():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "False",
        "SECRET_KEY": "x7#kP2!qR9@vL4$mN8^wT3&zY6*bH1(cF5)jD0-gS2+eA7=uQ9",
        "SITE_URL": "https://revier.example",
        "ALLOWED_HOSTS": "revier.example",
        "SECURE_SSL_REDIRECT": "True",
        "SESSION_COOKIE_SECURE": "True",
        "CSRF_COOKIE_SECURE": "True",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "True",
        "SECURE_HSTS_PRELOAD": "True",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_policy_built_once_is_django_csps_own(rf, settings):
    """core.middleware.ContentSecurityPolicyMiddleware gives a plain response the header django-csp
    builds, a response a view changed (csp_update) its own, and follows a changed setting."""
    from csp.decorators import csp_update
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    from revier.core.middleware import ContentSecurityPolicyMiddleware

    def plain(request):
        return HttpResponse("x")

    @csp_update({"img-src": ["https://bilder.example.org"]})
    def changed(request):
        return HttpResponse("x")

    def headers(middleware_class, view):
        request = rf.get("/")
        return dict(middleware_class(view)(request).headers)

    ours, theirs = headers(ContentSecurityPolicyMiddleware, plain), headers(CSPMiddleware, plain)
    assert ours["Content-Security-Policy"] == theirs["Content-Security-Policy"]
    assert "default-src" in ours["Content-Security-Policy"]
    assert "https://bilder.example.org" in headers(ContentSecurityPolicyMiddleware, changed)["Content-Security-Policy"]
    assert "https://bilder.example.org" not in headers(ContentSecurityPolicyMiddleware, plain)["Content-Security-Policy"]
    directives = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'", "https://neu.example.org"]}
    settings.CONTENT_SECURITY_POLICY = {**settings.CONTENT_SECURITY_POLICY, "DIRECTIVES": directives}
    assert "https://neu.example.org" in headers(ContentSecurityPolicyMiddleware, plain)["Content-Security-Policy"]
