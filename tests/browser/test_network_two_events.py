"""A profile linked to registrations of two events with a Gesprächsbörse, in the browser: the personal
page lists both Gesprächsbörsen, each event's participant page names the other ("Ihre weiteren
Gesprächsbörsen"); axe-core at 1280 and 320 px (no horizontal scrolling), a person walks from one to
the other, and the Nu Html Checker validates the pages."""

import datetime

import pytest
from django.utils import timezone

from revier.events import services as event_services
from revier.network import services
from tests.browser.conftest import format_violations, run_axe, watch
from tests.browser.test_html_validity import run_vnu
from tests.factories import EventFactory, TicketCategoryFactory, make_meeting_setup, make_participant


def _event(title, days):
    starts = (timezone.localtime() + datetime.timedelta(days=days)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = EventFactory(title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=7))
    TicketCategoryFactory(event=event, name="Vor Ort", capacity=None)
    make_meeting_setup(event)
    return event


def build() -> dict[str, str]:
    first, second = _event("Wasserstoff-Werkstatt", 30), _event("Wärmewende-Forum", 60)
    kim, token = make_participant(first, 1, organisation="Elektrolyse Zeitz GmbH")
    registration = event_services.registration_import(
        event=second, registered_at=timezone.now(), data=event_services.RegistrationInput(
            category_id=second.categories.get().pk, first_name="Kim", last_name="Beispiel", email=kim.email,
            sector="kmu", organisation="Elektrolyse Zeitz GmbH", function="", answers={}, consents=frozenset()))
    services.profile_invite_for_registration(registration_id=registration.pk)
    make_participant(first, 2, organisation="Fraunhofer IMWS")
    make_participant(second, 3, organisation="Stadtwerke Leuna")
    base = f"/netzwerk/mein-profil/{token}/"
    return {
        "personal": base,
        "first": f"{base}gespraechsboerse/{first.slug}/",
        "second": f"{base}gespraechsboerse/{second.slug}/",
    }


def assert_clean(page, label: str, width: int) -> None:
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    assert violations == [], f"{label}:\n{format_violations(violations)}"
    assert page.evaluate("() => window.__cspViolations") == [], label
    assert page.visit.page_errors == [], label
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, f"{label} scrolls at {width} px"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_two_gespraechsboersen_are_accessible_and_lead_to_each_other(new_context, live_server, width):
    pages = build()
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.visit = watch(page)
    page.goto(pages["personal"])
    assert_clean(page, f"personal page at {width} px", width)
    page.get_by_role("link", name="Wärmewende-Forum").click()
    assert "Gesprächsbörse: Wärmewende-Forum" in page.inner_text("h1")
    assert "Stadtwerke Leuna" in page.inner_text("main") and "Fraunhofer IMWS" not in page.inner_text("main")
    assert_clean(page, f"second event at {width} px", width)
    page.get_by_role("link", name="Wasserstoff-Werkstatt").click()
    assert "Gesprächsbörse: Wasserstoff-Werkstatt" in page.inner_text("h1")
    assert "Fraunhofer IMWS" in page.inner_text("main")
    assert_clean(page, f"first event at {width} px", width)
    assert page.context.cookies() == []


@pytest.mark.django_db
def test_two_gespraechsboersen_are_valid_html(client, tmp_path):
    pages = build()
    files = {}
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, name
        file = tmp_path / f"{name}.html"
        file.write_text(response.content.decode(), encoding="utf-8")
        files[file.resolve().as_uri()] = name
    messages = run_vnu(list(tmp_path.glob("*.html")))
    errors = [
        f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m.get("type") != "info"
    ]
    assert errors == [], "\n".join(errors)
