"""The partner sites that may frame the widget (core.framing, core.models.EmbedOrigin): the
address check, the admin for the editorial team with its audit entries, and the headers."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from revier.accounts.roles import EDITORIAL
from revier.core.models import AuditEntry, EmbedOrigin
from revier.core.validators import normalise_embed_origin
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("typed", "stored"), [
    ("https://www.w3-fair.de", "https://www.w3-fair.de"),
    (" HTTPS://WWW.W3-Fair.DE/ ", "https://www.w3-fair.de"),
    ("https://ihk.example:8443", "https://ihk.example:8443"),
    ("https://ihk.example:443", "https://ihk.example"),
    ("https://münchen.example", "https://xn--mnchen-3ya.example"),
])
def test_normalise_embed_origin_writes_what_browsers_compare(typed, stored):
    assert normalise_embed_origin(typed) == stored


@pytest.mark.parametrize("typed", [
    "http://www.w3-fair.de",  # plain http: anyone on the partner's network could change the page
    "https://*.w3-fair.de", "*", "https://*", "'self'", "'none'",
    "https://www.w3-fair.de/veranstaltungen", "https://www.w3-fair.de?x=1", "https://www.w3-fair.de#a",
    "https://user@www.w3-fair.de", "https://localhost", "https://10.0.0.1", "https://[::1]",
    "https://-bad.example", "https://bad-.example", "https://a..example", "https://ihk.example:0",
    "https://ihk.example:99999", "https://ihk.example:", "https://a b.example", "https://a;b.example",
    "https://ihk.example https://evil.example", "https://ihk.example\r\nSet-Cookie: x=1", "",
    "javascript:alert(1)", "data:text/html,x", "https://" + "a" * 64 + ".example",
])
def test_normalise_embed_origin_refuses_anything_else(typed):
    with pytest.raises(ValidationError):
        normalise_embed_origin(typed)


@pytest.fixture
def editor():
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORIAL.group))
    return user


def test_editorial_team_adds_changes_and_deletes_sites_with_audit_entries(client, editor):
    client.force_login(editor)
    response = client.post(reverse("admin:core_embedorigin_add"),
                           {"partner": "W3+ FAIR", "origin": "HTTPS://www.W3-fair.de/"})
    assert response.status_code == 302
    site = EmbedOrigin.objects.get()
    assert site.origin == "https://www.w3-fair.de"
    assert AuditEntry.objects.filter(action="created", object_type="core.embedorigin", object_id=str(site.pk),
                                     actor=editor).exists()

    response = client.post(reverse("admin:core_embedorigin_change", args=[site.pk]),
                           {"partner": "W3+ FAIR", "origin": "https://*.w3-fair.de"})
    assert response.status_code == 200 and "ohne Platzhalter" in response.content.decode()
    site.refresh_from_db()
    assert site.origin == "https://www.w3-fair.de"
    # The same site twice, written another way, is refused too.
    response = client.post(reverse("admin:core_embedorigin_add"), {"partner": "Doppelt", "origin": "https://WWW.w3-fair.de:443"})
    assert response.status_code == 200 and EmbedOrigin.objects.count() == 1

    response = client.post(reverse("admin:core_embedorigin_delete", args=[site.pk]), {"post": "yes"})
    assert response.status_code == 302 and not EmbedOrigin.objects.exists()
    assert AuditEntry.objects.filter(action="deleted", object_type="core.embedorigin", actor=editor).exists()


@pytest.mark.parametrize("roles", [(), ("kontingente",), ("monitor",), ("administration",)])
def test_other_staff_may_not_change_the_sites(client, roles):
    from revier.accounts.roles import ROLE_BY_KEY

    user = UserFactory(is_staff=True)
    user.groups.add(*Group.objects.filter(name__in=[ROLE_BY_KEY[r].group for r in roles]))
    client.force_login(user)
    assert client.post(reverse("admin:core_embedorigin_add"),
                       {"partner": "Fremd", "origin": "https://evil.example"}).status_code == 403
    assert not EmbedOrigin.objects.exists()


def _frame_ancestors(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("frame-ancestors"))


@pytest.mark.parametrize("page_cache", [0, 300])
def test_widget_pages_may_be_framed_by_the_listed_sites_only(client, settings, page_cache):
    """Also from the page cache: the list is the current one, and X-Frame-Options is not sent."""
    settings.PAGE_CACHE_SECONDS = page_cache
    event = EventFactory()
    widget_urls = [reverse("embed:event-list"), reverse("embed:seats", args=[event.slug])]
    for url in widget_urls:
        response = client.get(url)
        assert _frame_ancestors(response) == "frame-ancestors 'self'"
        assert "X-Frame-Options" not in response

    EmbedOrigin.objects.create(partner="W3+ FAIR", origin="https://www.w3-fair.de")
    EmbedOrigin.objects.create(partner="IHK", origin="https://ihk.example:8443")
    for url in widget_urls:
        for _ in range(2):  # rendered, then (with the cache) from the cache
            response = client.get(url)
            assert response.status_code == 200
            assert _frame_ancestors(response) == "frame-ancestors 'self' https://ihk.example:8443 https://www.w3-fair.de"
            assert "X-Frame-Options" not in response
            assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
            assert not response.cookies

    # Every other page stays unframable, the partner page and the snippet included.
    for url in [reverse("embed:index"), reverse("embed:event-list-html"), "/veranstaltungen/", event.get_absolute_url()]:
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY"
        assert _frame_ancestors(response) == "frame-ancestors 'none'"

    EmbedOrigin.objects.filter(partner="IHK").delete()
    response = client.get(widget_urls[0])
    assert _frame_ancestors(response) == "frame-ancestors 'self' https://www.w3-fair.de"
