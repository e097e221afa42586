"""The administration, which editors use every day, falls under BITV as well: for every model
registered with the admin (admin.site._registry, so a new model is covered without touching this
file) its list, its add form and the change form of a saved object have no axe-core violation,
seen as a superuser."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from revier.contingents import services as contingent_services
from revier.contingents.models import Contingent
from revier.core.models import EmbedOrigin
from revier.events import services as event_services
from revier.monitor import import_runs
from revier.monitor import services as monitor_services
from revier.monitor.models import Survey
from revier.network.meetings import services as meeting_services
from revier.network.services import EntryInput
from revier.network.suggestions.services import weights_row
from tests.browser.conftest import format_violations, pass_second_factor, run_axe
from tests.contingents.test_services import claim_and_confirm
from tests.factories import (
    ContingentFactory,
    EligibilityQuestionFactory,
    StaffFactory,
    StaffMessageFactory,
    make_meeting_setup,
    make_participant,
    make_profile,
    registration_input,
    with_codes,
)
from tests.monitor.sample import sample_files

pytestmark = pytest.mark.browser
PASSWORD = "ein-sicheres-Passwort-123"


def build_admin_data(portal) -> None:
    """At least one saved object of every registered model (the portal brings news, pages, events)."""
    category = portal.event.categories.first()
    event_services.registration_create(event=portal.event, data=registration_input(category, 1))  # mails, audit
    StaffMessageFactory()
    contingent = ContingentFactory(title="Freikarten Zukunftsmesse", size=2)
    with_codes(contingent, 2)
    EligibilityQuestionFactory(contingent=contingent)
    lottery = ContingentFactory(title="Verlosung Fachtagung", mode=Contingent.Mode.LOTTERY, size=1)
    with_codes(lottery, 1, prefix="LOS")
    claim_and_confirm(lottery, 1)
    Contingent.objects.filter(pk=lottery.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=5))
    lottery.refresh_from_db()
    contingent_services.lottery_draw(contingent=lottery, actor=None)
    make_profile(entries=[EntryInput(direction="offer", title="Prüfung von Elektrolyse-Komponenten")],
                 topic_proposals=("Grubenwasser-Wärme",))  # an open topic proposal (its decision form)
    # The Gesprächsbörse: a setup, a request accepted into a meeting, a planning run; the weights.
    setup = make_meeting_setup(portal.event)
    asking, asked = (make_participant(portal.event, n)[0] for n in (11, 12))
    meeting_request = meeting_services.request_send(setup=setup, sender=asking, recipient_id=asked.pk, message="Gern")
    meeting_services.request_accept(meeting_request=meeting_request, profile=asked)
    meeting_services.schedule_run_request(setup=setup, actor=None)
    weights_row()
    # The Monitor: a wave imported from the shared sample (survey, districts, questions, wave) and an upload.
    survey = Survey.objects.create(slug="mitteldeutschland-monitor", name="Mitteldeutschland-Monitor")
    monitor_services.wave_import(survey=survey, year=2024, files=sample_files(), scheme=["B"], actor=None)
    import_runs.import_run_create(data=import_runs.RunInput(year=2023, scheme=("B",), survey=survey),
                                  files=sample_files(), actor=None)
    EmbedOrigin.objects.create(origin="https://www.w3plus-fair.example", partner="W3+ FAIR")  # the widget's allowlist
    Group.objects.get_or_create(name="Redaktion")  # a role (accounts.roles) kept in step after migrate
    StaffFactory(username="admin")


def admin_pages() -> dict[str, str]:
    """Changelist, add form and change form of every registered model; fails for a model without a
    saved object, so that a new model gets its data in build_admin_data()."""
    pages = {"index": reverse("admin:index")}
    missing = []
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        pages[f"{model._meta.label} list"] = reverse("admin:%s_%s_changelist" % info)
        try:
            pages[f"{model._meta.label} add"] = reverse("admin:%s_%s_add" % info)
        except NoReverseMatch:
            pass
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            missing.append(model._meta.label)
            continue
        pages[f"{model._meta.label} change"] = reverse("admin:%s_%s_change" % info, args=[obj.pk])
    assert missing == [], f"no saved object of {missing}: add one in build_admin_data()"
    return pages


def test_every_admin_list_and_form_is_accessible(page, portal):
    build_admin_data(portal)
    pages = admin_pages()
    page.goto("/verwaltung/login/")
    violations = run_axe(page)
    assert violations == [], "login:\n" + format_violations(violations)
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    pass_second_factor(page, "admin")

    found = {}
    for name, path in pages.items():
        response = page.goto(path)
        if response.status == 403 and name.endswith(" add"):
            continue  # a model whose rows only services write (audit log, outbox, claims)
        assert response.status == 200, f"{name}: {response.status}"
        page.wait_for_load_state("load")
        # CSP is read before axe runs: on the admin's pages axe itself trips style-src-elem.
        csp_violations = page.evaluate("() => window.__cspViolations")
        if csp_violations:
            found[f"{name} CSP"] = csp_violations
        violations = run_axe(page)
        if violations:
            found[name] = format_violations(violations)
    assert found == {}, "\n\n".join(f"{name}:\n{text}" for name, text in found.items())


def test_named_autocomplete_still_chooses_and_removes_a_speaker(page, portal):
    """core/admin.js renames select2's parts and keeps its chosen items in list items: choosing
    and removing still work, and what was chosen is saved."""
    StaffFactory(username="admin")
    page.goto("/verwaltung/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    pass_second_factor(page, "admin")
    item = portal.event.program_items.get(title="Grüner Wasserstoff für kleine und mittlere Unternehmen")
    index = list(portal.event.program_items.order_by("starts_at", "pk")).index(item)
    page.goto(reverse("admin:events_event_change", args=[portal.event.pk]))

    search = page.get_by_role("searchbox", name="Referierende").nth(index)
    search.click()
    search.fill("Tobaben")
    page.get_by_role("option", name="Dr. Jörn-Heinrich Tobaben").click()
    chosen = page.locator(f"#id_program_items-{index}-speakers + .select2 li.select2-selection__choice")
    assert chosen.count() == 1
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()

    assert [s.name for s in item.speakers.all()] == ["Jörn-Heinrich Tobaben"]
