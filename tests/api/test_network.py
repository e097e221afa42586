"""Netzwerk in the API: only what the public directory shows — public profiles (never unconfirmed,
participants-only, hidden or staff-hidden ones), never contact data — with the directory's filters,
paging and constant query counts."""

import pytest

from tests.factories import make_profile
from tests.network.test_directory import SECRET_PHONE, heat, hydrogen, levels, need, offer  # noqa: F401

pytestmark = pytest.mark.django_db

CONTACT = ("@example.org", SECRET_PHONE, "+49", "email", "phone")


def _names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item.get("full_name") or item["profile"]["full_name"] for item in response.json()["results"]]


@pytest.mark.parametrize("url", ["/api/v1/network/profiles", "/api/v1/network/entries",
                                 "/api/v1/network/profiles?q=Elektrolyseure", "/api/v1/network/entries?q=Elektrolyseure",
                                 "/api/v1/network/profiles?thema=wasserstoff&richtung=bietet",
                                 "/api/v1/network/entries?richtung=bietet"])
def test_directory_api_shows_only_public_profiles_and_no_contact_data(client, levels, url):
    response = client.get(url)
    text = response.content.decode()
    assert "Öffentlich" in text
    for hidden in ("Teilnehmend", "Verborgen", "Unbestätigt", "Gesperrt"):
        assert hidden not in text
    for secret in CONTACT:
        assert secret not in text


def test_profile_detail_only_for_public_profiles(client, levels):
    assert client.get(f"/api/v1/network/profiles/{levels['public'].pk}").status_code == 200
    for name in ("participants", "hidden", "unconfirmed", "staff_hidden"):
        assert client.get(f"/api/v1/network/profiles/{levels[name].pk}").status_code == 404, name


def test_profile_detail_shows_the_profile_page(client, hydrogen, heat):
    profile, _ = make_profile(
        1, first_name="Kim", last_name="Zeitz", function="Leiterin Technik", organisation="Elektrolyse Zeitz GmbH",
        kind="kmu", region="mitteldeutsch", district="Burgenlandkreis", phone=SECRET_PHONE,
        description="Wir bauen Komponenten für Elektrolyseure.", topics=[hydrogen],
        entries=[offer("Prüfung von Elektrolyse-Komponenten", "Prüfstände bis 1 MW", topics=[hydrogen]),
                 need("Partner für eine Pilotanlage", "Flächen im Chemiepark", topics=[heat])],
    )
    response = client.get(f"/api/v1/network/profiles/{profile.pk}")
    body = response.json()
    assert (body["full_name"], body["organisation"], body["district"]) == ("Kim Zeitz", "Elektrolyse Zeitz GmbH", "Burgenlandkreis")
    assert [(e["title"], e["text"], [t["slug"] for t in e["topics"]]) for e in body["offers"]] == [
        ("Prüfung von Elektrolyse-Komponenten", "Prüfstände bis 1 MW", ["wasserstoff"])]
    assert [e["title"] for e in body["needs"]] == ["Partner für eine Pilotanlage"]
    assert body["url"].endswith(profile.get_absolute_url())
    assert body["url_en"] == f"http://testserver/en{profile.get_absolute_url()}"
    assert client.get(body["url_en"]).status_code == 200
    for secret in CONTACT:
        assert secret not in response.content.decode()
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "Partner für eine Pilotanlage" in page and "Kim Zeitz" in page


def test_directory_api_filters_and_pages(client, hydrogen, heat):
    make_profile(1, last_name="Wasser", topics=[hydrogen], entries=[offer("Elektrolyse", topics=[hydrogen])])
    make_profile(2, last_name="Wärme", kind="verwaltung", entries=[need("Wärmepumpen", topics=[heat])])
    assert _names(client.get("/api/v1/network/profiles?thema=wasserstoff")) == ["Kim Wasser"]
    assert _names(client.get("/api/v1/network/entries?richtung=sucht")) == ["Kim Wärme"]
    assert _names(client.get("/api/v1/network/profiles?art=verwaltung")) == ["Kim Wärme"]
    body = client.get("/api/v1/network/profiles?per_page=1&page=5").json()
    assert (body["count"], body["page"], body["num_pages"]) == (2, 2, 2)
    assert client.get("/api/v1/network/profiles/0").status_code == 422
    assert client.get("/api/v1/network/profiles/99999999999999999999").status_code in (404, 422)


# Query counts constant in data size: tests/network/test_directory.py (it names the API's addresses too).
