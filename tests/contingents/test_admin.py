"""Admin of the contingents: the contingent and its questions are saved through the services;
claims, codes and draw protocols are read-only lists; links lead to the staff area."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from revier.contingents import services
from revier.contingents.models import Claim, Contingent, DrawProtocol, EligibilityQuestion, TicketCode
from revier.core.models import AuditEntry
from tests.contingents.test_services import claim_and_confirm
from tests.events.test_admin import form_values
from tests.factories import ContingentFactory, EligibilityQuestionFactory, StaffFactory, with_codes

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(username="redaktion"))
    return client


def _local(value):
    local = timezone.localtime(value)
    return local.strftime("%d.%m.%Y"), local.strftime("%H:%M:%S")


def test_admin_adds_contingent_with_question_through_the_services(admin_client):
    opens, closes = timezone.now(), timezone.now() + datetime.timedelta(days=10)
    data = {
        "title": "Freikarten Messe Jena", "slug": "", "status": "published", "description": "**Bedingungen**",
        "partner_event_title": "W3+ FAIR JENA", "partner_name": "Messe Jena", "partner_url": "", "partner_event_place": "Jena",
        "partner_event_starts_on": "", "partner_event_ends_on": "", "event": "",
        "size": "50", "mode": "first_come", "uses_codes": "on",
        "opens_at_0": _local(opens)[0], "opens_at_1": _local(opens)[1],
        "closes_at_0": _local(closes)[0], "closes_at_1": _local(closes)[1],
        "hold_hours": "48", "accept_hours": "72", "retention_days": "90",
        "questions-TOTAL_FORMS": "1", "questions-INITIAL_FORMS": "0", "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000",
        "questions-0-text": "Ist Ihr Unternehmen in der Metropolregion ansässig?", "questions-0-kind": "yesno",
        "questions-0-required": "on", "questions-0-position": "0", "questions-0-choices": "", "questions-0-accepted_answers": "Ja",
    }
    response = admin_client.post(reverse("admin:contingents_contingent_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    contingent = Contingent.objects.get()
    assert contingent.slug == "freikarten-messe-jena"
    assert contingent.retention_days == 90
    assert "<strong>Bedingungen</strong>" in contingent.description_html  # rendered by contingent_save
    assert contingent.questions.get().accepted_list == ["Ja"]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"contingent_created", "eligibility_question_created"} <= actions


def test_admin_change_raises_size_and_waiting_list_moves_up(admin_client):
    contingent = ContingentFactory(size=1)
    with_codes(contingent, 2)
    claim_and_confirm(contingent, 0)
    waiting = claim_and_confirm(contingent, 1)
    assert waiting.status == Claim.Status.WAITLISTED
    url = reverse("admin:contingents_contingent_change", args=[contingent.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("contingents:manage", kwargs={"slug": contingent.slug}) in html  # link to the staff area
    data = form_values(page)
    data["size"] = "2"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    waiting.refresh_from_db()
    assert waiting.status == Claim.Status.ALLOCATED
    assert AuditEntry.objects.filter(action="contingent_changed", actor__username="redaktion").exists()


def test_admin_refuses_contingent_without_event(admin_client):
    page = admin_client.get(reverse("admin:contingents_contingent_add"))
    data = form_values(page)
    data.update({"title": "Ohne Ziel", "size": "5", "opens_at_0": "01.01.2030", "opens_at_1": "10:00:00",
                 "closes_at_0": "01.02.2030", "closes_at_1": "10:00:00"})
    response = admin_client.post(reverse("admin:contingents_contingent_add"), data)
    assert response.status_code == 200
    assert Contingent.objects.count() == 0


def test_admin_changelist_links_to_staff_pages(admin_client):
    contingent = ContingentFactory(mode=Contingent.Mode.LOTTERY)
    html = admin_client.get(reverse("admin:contingents_contingent_changelist")).content.decode()
    assert reverse("contingents:manage", kwargs={"slug": contingent.slug}) in html
    assert reverse("contingents:draw", kwargs={"slug": contingent.slug}) in html
    assert reverse("contingents:import-codes", kwargs={"slug": contingent.slug}) in html


def test_admin_claims_codes_and_protocols_are_read_only(admin_client):
    contingent = ContingentFactory(size=1, mode=Contingent.Mode.LOTTERY)
    with_codes(contingent, 1)
    claim = claim_and_confirm(contingent, 0)
    Contingent.objects.filter(pk=contingent.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    contingent.refresh_from_db()
    protocol = services.lottery_draw(contingent=contingent, actor=None)
    code = TicketCode.objects.get()
    for model, obj in (("claim", claim), ("ticketcode", code), ("drawprotocol", protocol)):
        changelist = admin_client.get(reverse(f"admin:contingents_{model}_changelist"))
        assert changelist.status_code == 200, model
        assert reverse(f"admin:contingents_{model}_add") not in changelist.content.decode(), model
        change = admin_client.get(reverse(f"admin:contingents_{model}_change", args=[obj.pk]))
        assert change.status_code == 200, model
        assert 'name="_save"' not in change.content.decode(), model
        assert admin_client.get(reverse(f"admin:contingents_{model}_add")).status_code == 403, model
        assert admin_client.get(reverse(f"admin:contingents_{model}_delete", args=[obj.pk])).status_code == 403, model
        assert admin_client.post(reverse(f"admin:contingents_{model}_change", args=[obj.pk]), {}).status_code == 403, model
    claim_page = admin_client.get(reverse("admin:contingents_claim_change", args=[claim.pk])).content.decode()
    assert reverse("contingents:manage-claim", kwargs={"slug": contingent.slug, "pk": claim.pk}) in claim_page
    assert not any(link.token_hash in claim_page for link in claim.links.all())  # the token's hash is not shown
    protocol_page = admin_client.get(reverse("admin:contingents_drawprotocol_change", args=[protocol.pk])).content.decode()
    assert reverse("contingents:protocol", kwargs={"slug": contingent.slug}) in protocol_page
    assert Claim.objects.count() == 1 and TicketCode.objects.count() == 1 and DrawProtocol.objects.count() == 1
    assert EligibilityQuestion.objects.count() == 0


def test_admin_deletes_contingents_and_questions_through_services_with_an_audit_entry(admin_client):
    contingent = ContingentFactory()
    question = EligibilityQuestionFactory(contingent=contingent)
    url = reverse("admin:contingents_contingent_change", args=[contingent.pk])
    data = form_values(admin_client.get(url))
    data["questions-0-DELETE"] = "on"
    assert admin_client.post(url, data).status_code == 302
    others = [ContingentFactory(), ContingentFactory()]
    response = admin_client.post(
        reverse("admin:contingents_contingent_changelist"),
        {"action": "delete_selected", "_selected_action": [c.pk for c in others], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Contingent.objects.filter(pk__in=[c.pk for c in others]).exists()
    audited = set(AuditEntry.objects.filter(actor__username="redaktion").values_list("action", "object_id"))
    assert ("eligibility_question_deleted", str(question.pk)) in audited
    assert {("contingent_deleted", str(c.pk)) for c in others} <= audited


def test_admin_claim_shows_the_persons_language_read_only_and_filters_by_it(admin_client):
    contingent = ContingentFactory(size=2)
    with_codes(contingent, 2)
    german = claim_and_confirm(contingent, 0)
    english = claim_and_confirm(contingent, 1)
    Claim.objects.filter(pk=english.pk).update(language="en")
    change = admin_client.get(reverse("admin:contingents_claim_change", args=[english.pk])).content.decode()
    assert "field-language" in change and "English" in change
    assert 'name="language"' not in change
    listed = admin_client.get(reverse("admin:contingents_claim_changelist") + "?language=en").context["cl"].result_list
    assert list(listed) == [english]
    listed = admin_client.get(reverse("admin:contingents_claim_changelist") + "?language=de").context["cl"].result_list
    assert list(listed) == [german]
