"""Kontingente in the API: what the list and the contingent page show, the tickets free by the
claims' own count, no drafts, no claimant, constant query counts."""

import datetime

import pytest
from django.utils import timezone

from revier.contingents import services
from revier.contingents.models import Claim, Contingent
from tests.factories import ContingentFactory, EventFactory, claim_input, with_codes

pytestmark = pytest.mark.django_db


def _allocate(contingent, n, start=0):
    for i in range(n):
        services.claim_import(contingent=contingent, data=claim_input(start + i), status=Claim.Status.ALLOCATED,
                              claimed_at=timezone.now())


def test_contingent_list_shows_what_the_list_page_shows(client):
    now = timezone.now()
    open_one = ContingentFactory(title="Offen", size=3, uses_codes=False)
    _allocate(open_one, 2)
    upcoming = ContingentFactory(title="Kommt noch", opens_at=now + datetime.timedelta(days=2),
                                 closes_at=now + datetime.timedelta(days=9))
    draft = ContingentFactory(title="Entwurfskontingent", status=Contingent.Status.DRAFT)
    response = client.get("/api/v1/contingents")
    body = response.json()
    assert [c["slug"] for c in body] == [open_one.slug, upcoming.slug]
    assert body[0]["state"] == "open" and body[0]["availability"] == {"capacity": 3, "free": 1, "is_full": False}
    assert body[1]["state"] == "not_yet"
    assert body[0]["partner_event"]["title"] == "W3+ FAIR JENA" and body[0]["event"] is None
    assert body[0]["url_en"] == f"http://testserver/en{open_one.get_absolute_url()}"
    assert "url_en" not in body[0]["partner_event"]  # the partner's own site
    text = response.content.decode()
    for secret in (draft.slug, "Robin", "Beispiel", "@example.org", "Firma"):
        assert secret not in text
    page = client.get("/veranstaltungen/freikarten/").content.decode()
    assert "Offen" in page and "Entwurfskontingent" not in page


def test_contingent_detail_with_codes_and_own_event(client):
    event = EventFactory(title="Eigener Fachtag")
    contingent = ContingentFactory(title="Mit Codes", size=5, uses_codes=True, event=event, partner_event_title="",
                                   partner_name="", partner_url="", partner_event_place="",
                                   partner_event_starts_on=None, partner_event_ends_on=None,
                                   description="Nur für **Unternehmen**.")
    with_codes(contingent, 2)
    body = client.get(f"/api/v1/contingents/{contingent.slug}").json()
    # Tickets with codes: as many as there are codes (2 of 5), as the page counts them.
    assert body["availability"] == {"capacity": 2, "free": 2, "is_full": False}
    assert body["event"]["title"] == "Eigener Fachtag" and body["partner_event"] is None
    assert body["url_en"] == f"http://testserver/en{contingent.get_absolute_url()}"
    assert body["event"]["url_en"] == f"http://testserver/en{event.get_absolute_url()}"
    assert client.get(body["url_en"]).status_code == 200
    assert "<strong>Unternehmen</strong>" in body["description_html"]
    assert "CODE-" not in client.get(f"/api/v1/contingents/{contingent.slug}").content.decode()


def test_contingent_detail_hides_drafts(client):
    draft = ContingentFactory(status=Contingent.Status.DRAFT)
    assert client.get(f"/api/v1/contingents/{draft.slug}").status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("url", ["/api/v1/contingents", "/api/v1/contingents/{slug}"])
def test_contingents_api_query_count_does_not_grow(count_queries, url):
    first = ContingentFactory(event=EventFactory(), uses_codes=False)
    _allocate(first, 1)
    response, few = count_queries(url.format(slug=first.slug))
    assert response.status_code == 200
    for n in range(6):
        c = ContingentFactory(mode=Contingent.Mode.LOTTERY if n % 2 else Contingent.Mode.FIRST_COME,
                              event=EventFactory() if n % 3 == 0 else None)
        with_codes(c, 2, prefix=f"L{n}")
    _allocate(first, 3, start=10)
    response, many = count_queries(url.format(slug=first.slug))
    assert response.status_code == 200
    assert many == few, (url, few, many)
