import pytest
from django.urls import reverse

from revier.core.models import AuditEntry
from revier.pages.models import Page, StaffMessage
from tests.factories import StaffFactory, StaffMessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = StaffFactory()
    client.force_login(staff)
    client.staff = staff
    return client


def test_page_admin_change_renders_body_and_audits(staff_client):
    page = Page.objects.get(slug="impressum")
    url = reverse("admin:pages_page_change", args=[page.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/impressum/"' in html  # view on site / preview link
    response = staff_client.post(url, {"title": "Impressum", "body": "Betreiberin: **Muster GmbH**"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body_html == "<p>Betreiberin: <strong>Muster GmbH</strong></p>"
    assert page.slug == "impressum"  # fixed once the page exists
    assert AuditEntry.objects.filter(action="page_changed", actor=staff_client.staff).count() == 1


def test_page_admin_add(staff_client):
    response = staff_client.post(
        reverse("admin:pages_page_add"), {"title": "Presse", "slug": "presse", "body": "Kontakt für die *Presse*"}
    )
    assert response.status_code == 302
    assert Page.objects.get(slug="presse").body_html == "<p>Kontakt für die <em>Presse</em></p>"


def test_staff_message_admin_lists_and_marks_handled(staff_client):
    message = StaffMessageFactory(message="Die Suche ist mit der Tastatur nicht erreichbar.")
    response = staff_client.get(reverse("admin:pages_staffmessage_changelist"))
    assert "Die Suche ist mit der Tastatur nicht erreichbar." in response.content.decode()
    response = staff_client.post(
        reverse("admin:pages_staffmessage_changelist"),
        {"action": "mark_handled", "_selected_action": [message.pk]},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.handled
    assert AuditEntry.objects.filter(action="staff_message_handled", actor=staff_client.staff).count() == 1


def test_staff_message_admin_change_form_marks_handled(staff_client):
    message = StaffMessageFactory()
    url = reverse("admin:pages_staffmessage_change", args=[message.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"handled": "on"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.handled and message.handled_at
    assert AuditEntry.objects.filter(action="staff_message_handled").count() == 1


def test_staff_message_admin_has_no_add(staff_client):
    assert staff_client.get(reverse("admin:pages_staffmessage_add")).status_code == 403


def test_page_and_staff_message_admin_deletes_go_through_services_with_an_audit_entry(staff_client):
    page = Page.objects.create(title="Presse", slug="presse", body="Kontakt")
    messages = [StaffMessageFactory(), StaffMessageFactory()]
    assert staff_client.post(reverse("admin:pages_page_delete", args=[page.pk]), {"post": "yes"}).status_code == 302
    response = staff_client.post(
        reverse("admin:pages_staffmessage_changelist"),
        {"action": "delete_selected", "_selected_action": [m.pk for m in messages], "post": "yes"},
    )
    assert response.status_code == 302
    assert not StaffMessage.objects.exists()
    audited = set(AuditEntry.objects.filter(actor=staff_client.staff).values_list("action", "object_id"))
    assert ("page_deleted", str(page.pk)) in audited
    assert {("staff_message_deleted", str(m.pk)) for m in messages} <= audited
