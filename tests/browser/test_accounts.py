"""The administrators' account pages as a person walks them, at 320 px and 1280 px: the account
list (full, and a search without a hit), the invite form (first view, errors, sent), an account's page
with the role assignment (saved), the event team form (error, added). Every page: no axe-core or CSP
violation, no horizontal scrolling, valid HTML (Nu Html Checker)."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from tests.accounts.conftest import with_roles
from tests.browser.conftest import assert_clean, log_in, open_page
from tests.browser.test_html_validity import vnu_errors
from tests.factories import EventFactory

pytestmark = pytest.mark.browser


def _submit(page, form) -> str:
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    return navigation.value.text()


def _walk(page, width: int, documents: dict) -> None:
    administrator = with_roles("administration", username=f"admin{width}", first_name="Ada", last_name="Amt")
    for n in range(3):
        with_roles("redaktion", username=f"redakteurin{width}-{n}")
    log_in(page, administrator.username, "/verwaltung/konten/")
    documents[f"accounts-{width}"] = page.content()
    assert page.get_by_role("heading", level=1).inner_text() == "Konten und Rollen"
    assert page.locator("main table tbody tr").count() >= 4
    assert_clean(page, f"account list at {width}", width)

    page.locator("#suche").fill("niemand-heisst-so")
    documents[f"accounts-empty-{width}"] = _submit(page, page.locator("main form[role=search]"))
    assert "Kein Konto passt zu Ihrer Suche." in page.locator("main").inner_text()
    assert_clean(page, f"account list without hit at {width}", width)

    page.get_by_role("link", name="Alle Konten zeigen").click()
    page.get_by_role("link", name="Konto einladen").click()
    page.wait_for_url("**/verwaltung/konten/einladen/")
    documents[f"invite-{width}"] = page.content()
    assert_clean(page, f"invite form at {width}", width)

    form = page.locator("main form[method=post]").last
    page.locator("#id_email").fill("kein-at")
    page.locator("#id_first_name").fill("Nora")
    documents[f"invite-errors-{width}"] = _submit(page, form)
    assert page.locator("main [aria-invalid=true]").count() == 1
    assert page.locator("#id_first_name").input_value() == "Nora"
    assert_clean(page, f"invite form with errors at {width}", width)

    email = f"neu{width}@example.org"
    page.locator("#id_email").fill(email)
    page.locator("main input[name=roles][value=monitor]").check()
    documents[f"account-invited-{width}"] = _submit(page, page.locator("main form[method=post]").last)
    assert "Das Konto ist angelegt und die Einladung versandt." in page.locator("main").inner_text()
    assert_clean(page, f"account page after the invitation at {width}", width)

    roles = page.locator("main form[method=post]", has=page.locator("input[name=roles]"))
    page.locator("main input[name=roles][value=redaktion]").check()
    documents[f"account-roles-saved-{width}"] = _submit(page, roles)
    assert "Die Rollen sind gespeichert." in page.locator("main").inner_text()
    invited = get_user_model().objects.get(email=email)
    assert set(invited.groups.values_list("name", flat=True)) == {"Redaktion", "Monitor-Analyse"}
    assert_clean(page, f"roles saved at {width}", width)

    team = page.locator("main form[method=post]", has=page.locator("select[name=event]"))
    documents[f"account-team-error-{width}"] = _submit(page, team)
    assert "Bitte wählen Sie eine Veranstaltung." in page.locator("main").inner_text()
    assert_clean(page, f"event team form with error at {width}", width)

    page.locator("#id_event").select_option(label=f"Fachtag {width} (01.06.2030)")
    team = page.locator("main form[method=post]", has=page.locator("select[name=event]"))
    documents[f"account-team-added-{width}"] = _submit(page, team)
    assert f"Das Konto gehört jetzt zum Team von „Fachtag {width}“." in page.locator("main").inner_text()
    assert page.get_by_role("button", name=re.compile(rf"^Aus dem Team nehmen\s*: Fachtag {width}$")).count() == 1
    assert_clean(page, f"event team added at {width}", width)


def test_account_pages_invite_and_role_assignment(new_context, live_server, settings, tmp_path):
    import datetime

    from django.utils import timezone

    documents = {}
    for width in (320, 1280):
        start = timezone.make_aware(datetime.datetime(2030, 6, 1, 10, 0))
        EventFactory(title=f"Fachtag {width}", starts_at=start, ends_at=start + datetime.timedelta(hours=6))
        _walk(open_page(new_context, width), width, documents)

    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)


def _walk_retention(page, width: int, documents: dict) -> None:
    administrator = with_roles("administration", username=f"fristen{width}")
    log_in(page, administrator.username, "/verwaltung/einstellungen/aufbewahrung/")
    documents[f"retention-{width}"] = page.content()
    assert page.get_by_role("heading", level=1).inner_text() == "Aufbewahrungsfristen"
    assert_clean(page, f"retention periods at {width}", width)

    form = page.locator("main form[method=post]").last
    page.get_by_label("Netzwerk-Profile mit Angeboten und Gesuchen").fill("0")
    documents[f"retention-errors-{width}"] = _submit(page, form)
    assert page.locator("main [aria-invalid=true]").count() == 1
    assert "Bitte geben Sie mindestens 1 Tag ein." in page.locator("main").inner_text()
    assert_clean(page, f"retention periods with an error at {width}", width)

    page.get_by_label("Netzwerk-Profile mit Angeboten und Gesuchen").fill(str(400 + width))
    page.get_by_label("Auch für bestehende Veranstaltungen übernehmen, die noch den bisherigen Zeitraum haben").check()
    documents[f"retention-saved-{width}"] = _submit(page, page.locator("main form[method=post]").last)
    assert "Die Aufbewahrungsfristen sind gespeichert." in page.locator("main").inner_text()
    assert_clean(page, f"retention periods saved at {width}", width)
    page.goto("/datenschutz/")
    assert f"{400 + width} Tage nach dem letzten Lebenszeichen" in page.locator("main").inner_text()


def _privacy_page_as_migrated() -> None:
    """The privacy page as the pages app's data migrations leave it (tests with a live server empty
    the database after each test; tests/browser/portal.py does the same for the footer pages)."""
    for module, function in (("0003_initial_pages", "create_pages"), ("0005_privacy_names_every_processing",
                              "name_every_processing"), ("0006_privacy_retention_periods_configured", "tokens"),
                              ("0008_privacy_profile_warning", "warning")):
        getattr(importlib.import_module(f"revier.pages.migrations.{module}"), function)(apps, None)


def test_retention_periods_page(new_context, live_server, tmp_path):
    _privacy_page_as_migrated()
    documents = {}
    for width in (320, 1280):
        _walk_retention(open_page(new_context, width), width, documents)
    errors = vnu_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)
