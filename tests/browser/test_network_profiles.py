"""Network profiles in the browser, as a person walks them: "Profil anlegen" → link from the mail →
confirm → add an offer → change visibility → delete. Every page type of the profiles is checked with
axe-core (zero violations) at 1280 and 320 px, without horizontal scrolling at 320 px, and the Nu Html
Checker validates the pages (also with errors) and the mails."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.utils import timezone

from revier.core.models import OutboxMail
from revier.network import services
from revier.network.models import Profile, ProfileLink
from revier.network.retention import profiles_warn_due
from tests.browser.conftest import format_violations, live_host, run_axe, submit_empty_form, watch
from tests.browser.test_html_validity import run_vnu
from tests.factories import StaffFactory, TopicFactory, make_profile

LINK = re.compile(r"https?://[^\s\"<>]*(/netzwerk/mein-profil/[A-Za-z0-9_-]+/)")


def mailed_path(email: str) -> str:
    for mail in OutboxMail.objects.order_by("-id"):
        if email in mail.to and (match := LINK.search(mail.body_text)):
            return match.group(1)
    raise AssertionError(f"no personal link mailed to {email}")


def assert_accessible(page, label: str) -> None:
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    assert violations == [], f"{label}:\n{format_violations(violations)}"
    assert page.evaluate("() => window.__cspViolations") == [], label
    assert page.visit.page_errors == [], label


def build_pages() -> dict[str, str]:
    """One of every page type of the profiles, by name: path."""
    hydrogen = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    heat = TopicFactory(name="Wärmewende", slug="waermewende")
    TopicFactory(name="Fachkräfte", slug="fachkraefte")
    pages = {
        "index": "/netzwerk/",
        "create": "/netzwerk/profil-anlegen/",
        "create-done": "/netzwerk/profil-anlegen/?gesendet=1",
        "resend-link": "/netzwerk/link-anfordern/",
        "resend-link-done": "/netzwerk/link-anfordern/?gesendet=1",
        "deleted": "/netzwerk/profil-geloescht/",
        "invalid-link": "/netzwerk/mein-profil/gibt-es-nicht/",
    }
    make_profile(1, email="offen@example.org", confirmed=False)
    pages["personal-unconfirmed"] = mailed_path("offen@example.org")
    profile, _token = make_profile(
        2, email="kim@example.org", topics=[hydrogen, heat], topic_proposals=("Grubenwasser-Wärme",),
        description="Wir entwickeln und prüfen Komponenten für Elektrolyseure im Chemiepark Zeitz.",
        entries=[
            services.EntryInput(direction="offer", title="Prüfung von Elektrolyse-Komponenten",
                                text="Prüfstände für Stacks bis 1 MW, auch kurzfristig.", topic_ids=(hydrogen.pk,)),
            services.EntryInput(direction="need", title="Partner für eine Elektrolyse-Pilotanlage",
                                text="Wir suchen Betreiber mit Flächen im Chemiepark.", topic_ids=(hydrogen.pk, heat.pk)),
        ],
    )
    pages["personal-confirmed"] = mailed_path("kim@example.org")
    pages["entry"] = f"{pages['personal-confirmed']}eintrag/{profile.entries.order_by('position').first().pk}/"
    pages["profile-public"] = profile.get_absolute_url()
    hidden, _ = make_profile(3, email="versteckt@example.org")
    services.profile_hide(profile=hidden, actor=StaffFactory())
    pages["personal-hidden-by-staff"] = mailed_path("versteckt@example.org")
    # Unused for the whole period: warned by mail, its page offers to keep it (network.retention).
    warned, _ = make_profile(4, email="gewarnt@example.org")
    long_ago = timezone.now() - datetime.timedelta(days=settings.NETWORK_PROFILE_RETENTION_DAYS)
    Profile.objects.filter(pk=warned.pk).update(updated_at=long_ago, confirmed_at=long_ago)
    ProfileLink.objects.filter(profile=warned).update(created_at=long_ago)
    assert profiles_warn_due() == 1
    pages["personal-warned"] = mailed_path("gewarnt@example.org")
    return pages


EXPECTED = {"invalid-link": 404}
FORMS = ("create", "resend-link")


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_profile_page_types_are_accessible(new_context, live_server, width):
    pages = build_pages()
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.visit = watch(page)
    for name, path in pages.items():
        response = page.goto(path)
        assert response.status == EXPECTED.get(name, 200), name
        assert page.locator("h1").count() == 1, name
        assert_accessible(page, f"{name} at {width} px")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, f"{name} scrolls at {width} px"
        foreign = [u for u in page.visit.requests if urlsplit(u).scheme != "data" and urlsplit(u).netloc != live_host(live_server)]
        assert foreign == [], name
    for name in FORMS:
        page.goto(pages[name])
        submit_empty_form(page)
        assert page.locator("main [aria-invalid=true], main .kern-fieldset--error").count() > 0, name
        assert_accessible(page, f"{name} with errors at {width} px")
    # An entry without its title, the delete step without the tick, and the add-entry form with errors.
    page.goto(pages["entry"])
    page.get_by_role("textbox", name="Titel").fill("")
    page.get_by_role("button", name="Änderungen speichern").click()
    assert "Bitte geben Sie einen Titel ein." in page.inner_text("main")
    assert_accessible(page, f"entry with errors at {width} px")
    page.goto(pages["personal-confirmed"])
    page.get_by_role("button", name="Profil löschen").click()
    assert "Bitte setzen Sie das Häkchen" in page.inner_text("main")
    assert_accessible(page, f"delete with errors at {width} px")
    page.get_by_role("button", name="Eintrag hinzufügen").click()
    assert "Bitte geben Sie einen Titel ein." in page.inner_text("main")
    assert_accessible(page, f"add entry with errors at {width} px")
    # The person warned before the anonymisation keeps the profile.
    page.goto(pages["personal-warned"])
    assert "Ihr Profil wird am" in page.inner_text("main")
    page.get_by_role("button", name="Profil behalten").click()
    assert "Danke, Ihr Profil bleibt." in page.inner_text("main")
    assert "Ihr Profil wird am" not in page.inner_text("main")
    assert Profile.objects.get(email="gewarnt@example.org").retention_warned_at is None
    assert_accessible(page, f"kept after the warning at {width} px")
    assert page.context.cookies() == []


@pytest.mark.browser
def test_a_person_creates_confirms_fills_and_deletes_a_profile(page, live_server):
    TopicFactory(name="Wasserstoff", slug="wasserstoff")
    page.goto("/netzwerk/")
    page.get_by_role("link", name="Profil anlegen").click()
    page.get_by_role("textbox", name="Vorname").fill("Kim")
    page.get_by_role("textbox", name="Nachname").fill("Beispiel")
    page.get_by_role("textbox", name="E-Mail-Adresse").fill("kim@example.org")
    page.get_by_role("textbox", name="Organisation").fill("Elektrolyse Zeitz GmbH")
    page.get_by_label("Art der Organisation").select_option("kmu")
    page.get_by_label("Mitteldeutsches Revier").check()
    page.get_by_label("Wasserstoff").check()
    page.get_by_role("textbox", name="Neues Thema vorschlagen").fill("Grubenwasser-Wärme")
    page.get_by_role("textbox", name="Titel Ihres Angebots").fill("Prüfung von Elektrolyse-Komponenten")
    page.get_by_label("Öffentlich: im Verzeichnis des Netzwerks").check()
    page.get_by_role("button", name="Profil anlegen").click()
    assert "Wir haben Ihnen eine E-Mail geschickt" in page.inner_text("main")

    page.goto(mailed_path("kim@example.org"))
    page.get_by_role("button", name="Profil bestätigen").click()
    assert "Ihr Profil ist bestätigt" in page.inner_text("main")
    assert Profile.objects.get().status == "confirmed"
    assert "Grubenwasser-Wärme" in page.inner_text("main")  # the proposal waits for the editorial team

    page.get_by_label("Wir suchen").check()
    page.get_by_role("textbox", name="Titel").fill("Partner für eine Pilotanlage")
    page.get_by_role("button", name="Eintrag hinzufügen").click()
    assert "Der Eintrag wurde hinzugefügt." in page.inner_text("main")
    assert "Partner für eine Pilotanlage" in page.inner_text("main")

    page.get_by_label("Nur für Teilnehmende derselben Veranstaltung").check()
    page.get_by_role("button", name="Sichtbarkeit speichern").click()
    assert Profile.objects.get().visibility == "participants"

    page.get_by_label("Ja, mein Profil mit allen Angeboten und Gesuchen endgültig löschen").check()
    page.get_by_role("button", name="Profil löschen").click()
    assert "Profil gelöscht" in page.inner_text("h1")
    assert not Profile.objects.exists()
    assert page.context.cookies() == []


@pytest.mark.django_db
def test_profile_page_types_are_valid_html(client, tmp_path):
    pages = build_pages()
    documents = {}
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == EXPECTED.get(name, 200), name
        documents[name] = response.content.decode()
    for name, phrase in {
        "personal-unconfirmed": "Profil bestätigen",
        "personal-confirmed": "Grubenwasser-Wärme",  # the open topic proposal, besides the entries
        "personal-hidden-by-staff": "Von der Redaktion verborgen",
        "create-done": "Wir haben Ihnen eine E-Mail geschickt",
        "personal-warned": "Profil behalten",
    }.items():
        assert phrase in documents[name], name
    documents["create-with-errors"] = client.post(pages["create"], {}).content.decode()
    documents["resend-link-with-errors"] = client.post(pages["resend-link"], {"email": "x"}).content.decode()
    documents["entry-with-errors"] = client.post(pages["entry"], {}).content.decode()
    personal = pages["personal-confirmed"]
    documents["delete-with-errors"] = client.post(personal, {"aktion": "loeschen"}).content.decode()
    documents["add-entry-with-errors"] = client.post(personal, {"aktion": "eintrag-neu"}).content.decode()
    documents["change-with-errors"] = client.post(personal, {"aktion": "aendern"}).content.decode()
    documents["topic-proposal-with-errors"] = client.post(personal, {
        "aktion": "aendern", "first_name": "Kim", "last_name": "B", "organisation": "O", "kind": "kmu",
        "region": "mitteldeutsch", "topic_proposal": "WASSERSTOFF"}).content.decode()
    assert "gibt es schon" in documents["topic-proposal-with-errors"]
    for name in [n for n in documents if n.endswith("-with-errors")]:
        assert 'aria-invalid="true"' in documents[name], name
    services.profile_resend_links(email="kim@example.org")
    services.profile_delete(profile=Profile.objects.get(email="kim@example.org"))
    for mail in OutboxMail.objects.exclude(body_html=""):
        documents[f"mail-{mail.pk}"] = mail.body_html
    assert OutboxMail.objects.exclude(body_html="").count() >= 8  # every kind of profile mail
    assert OutboxMail.objects.filter(subject="Ihr Netzwerk-Profil wird bald gelöscht").count() == 1
    files = {}
    for name, html in documents.items():
        file = tmp_path / f"{name}.html"
        file.write_text(html, encoding="utf-8")
        files[file.resolve().as_uri()] = name
    messages = run_vnu(list(tmp_path.glob("*.html")))
    errors = [
        f"{files.get(m.get('url'), m.get('url'))}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m.get("type") != "info"
    ]
    assert errors == [], "\n".join(errors)
