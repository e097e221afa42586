"""Admin of events: organisers see only their own events; writes go through the services."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from revier.core.models import AuditEntry, OutboxMail
from revier.events import services
from revier.events.models import Event, Organisation, Registration, Speaker, TicketCategory
from tests.factories import (
    EventFactory,
    ProgramItemFactory,
    QuestionFactory,
    SpeakerFactory,
    StaffFactory,
    TicketCategoryFactory,
    UserFactory,
    registration_input,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status


class FormValues(HTMLParser):
    """The values a browser would send for the admin's change form, as shown."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method") == "post":
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data.lstrip("\n") if not self.data[self._textarea][0] else data


def form_values(response) -> dict:
    parser = FormValues()
    parser.feed(response.content.decode())
    return {name: values if len(values) != 1 else values[0] for name, values in parser.data.items()}


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


@pytest.fixture
def organiser():
    return UserFactory(is_staff=True)


@pytest.fixture
def own_event(organiser):
    event = EventFactory(title="Eigene Veranstaltung")
    event.managers.add(organiser)
    return event


@pytest.fixture
def other_event():
    return EventFactory(title="Fremde Veranstaltung")


def test_admin_organiser_sees_only_own_events(client, organiser, own_event, other_event):
    client.force_login(organiser)

    changelist = client.get(reverse("admin:events_event_changelist"))

    assert changelist.status_code == 200
    html = changelist.content.decode()
    assert "Eigene Veranstaltung" in html
    assert "Fremde Veranstaltung" not in html


def test_admin_organiser_cannot_open_or_change_another_event(client, organiser, own_event, other_event):
    client.force_login(organiser)
    values = form_values(client.get(change_url(own_event)))

    response = client.get(change_url(other_event))
    assert response.status_code == 302  # "does not exist" for this person: back to the admin start
    values["title"] = "Übernommen"
    response = client.post(change_url(other_event), values)
    assert response.status_code == 302
    other_event.refresh_from_db()
    assert other_event.title == "Fremde Veranstaltung"
    assert client.get(reverse("admin:events_event_delete", args=[other_event.pk])).status_code in (302, 403)
    assert Event.objects.filter(pk=other_event.pk).exists()


def test_admin_organiser_can_edit_own_event_but_not_grant_access(client, organiser, own_event):
    stranger = UserFactory(is_staff=True)
    client.force_login(organiser)
    response = client.get(change_url(own_event))
    assert response.status_code == 200
    values = form_values(response)
    values["subtitle"] = "Neu mit Untertitel"
    values["description"] = "Mit **Programm**."
    values["managers"] = [str(organiser.pk), str(stranger.pk)]

    response = client.post(change_url(own_event), values)

    assert response.status_code == 302, response.content.decode()[:3000]
    own_event.refresh_from_db()
    assert own_event.subtitle == "Neu mit Untertitel"
    assert own_event.description_html == "<p>Mit <strong>Programm</strong>.</p>"  # through event_save
    assert list(own_event.managers.all()) == [organiser]


def test_admin_manage_all_permission_and_superuser_see_all(client, own_event, other_event):
    for user in [StaffFactory()]:
        client.force_login(user)
        html = client.get(reverse("admin:events_event_changelist")).content.decode()
        assert "Eigene Veranstaltung" in html and "Fremde Veranstaltung" in html
    manager = UserFactory(is_staff=True)
    manager.user_permissions.add(
        Permission.objects.get(codename="manage_all_events"), Permission.objects.get(codename="view_event"),
        Permission.objects.get(codename="change_event"),
    )
    client.force_login(manager)
    html = client.get(reverse("admin:events_event_changelist")).content.decode()
    assert "Eigene Veranstaltung" in html and "Fremde Veranstaltung" in html
    assert client.get(change_url(other_event)).status_code == 200


def test_admin_staff_without_events_sees_no_events(client, own_event):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:events_event_changelist")).status_code == 403


def test_admin_raised_capacity_moves_waitlist_up(client, organiser, own_event):
    category = TicketCategoryFactory(event=own_event, capacity=1)
    services.registration_create(event=own_event, data=registration_input(category, 1))
    waiting = services.registration_create(event=own_event, data=registration_input(category, 2, join_waitlist=True))
    assert waiting.registration.status == Status.WAITLISTED
    client.force_login(organiser)
    values = form_values(client.get(change_url(own_event)))
    prefix = next(k for k in values if k.endswith("-0-capacity")).removesuffix("-0-capacity")
    values[f"{prefix}-0-capacity"] = "2"
    values[f"{prefix}-0-name"] = "Teilnahme vor Ort (Saal)"

    response = client.post(change_url(own_event), values)

    assert response.status_code == 302, response.content.decode()[:3000]
    category.refresh_from_db()
    assert category.capacity == 2 and category.name == "Teilnahme vor Ort (Saal)"
    waiting.registration.refresh_from_db()
    assert waiting.registration.status == Status.OFFERED
    assert any("Platz" in m.subject and "alex2@example.org" in m.to for m in OutboxMail.objects.all())


def test_admin_category_with_registrations_cannot_be_deleted(client, organiser, own_event):
    category = TicketCategoryFactory(event=own_event, capacity=5)
    services.registration_create(event=own_event, data=registration_input(category, 1))
    client.force_login(organiser)
    values = form_values(client.get(change_url(own_event)))
    prefix = next(k for k in values if k.endswith("-0-capacity")).removesuffix("-0-capacity")
    values[f"{prefix}-0-DELETE"] = "on"

    response = client.post(change_url(own_event), values)

    assert response.status_code == 200
    assert "geschützten verwandten Objekte" in response.content.decode(), re.findall(r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), re.S)
    assert TicketCategory.objects.filter(pk=category.pk).exists()


def test_admin_adds_program_item_with_speaker_and_category(client, organiser, own_event):
    speaker = SpeakerFactory(name="Kim Beispiel")
    client.force_login(organiser)
    values = form_values(client.get(change_url(own_event)))
    program = next(k for k in values if k.endswith("-TOTAL_FORMS") and "program" in k).removesuffix("-TOTAL_FORMS")
    categories = next(k for k in values if k.endswith("-TOTAL_FORMS") and "categor" in k).removesuffix("-TOTAL_FORMS")
    start = timezone.localtime(own_event.starts_at)
    values.update({
        f"{program}-TOTAL_FORMS": "1",
        f"{program}-0-starts_at_0": start.strftime("%d.%m.%Y"),
        f"{program}-0-starts_at_1": "10:00:00",
        f"{program}-0-ends_at_0": start.strftime("%d.%m.%Y"),
        f"{program}-0-ends_at_1": "10:30:00",
        f"{program}-0-title": "Keynote",
        f"{program}-0-kind": "keynote",
        f"{program}-0-room": "Saal A",
        f"{program}-0-speakers": [str(speaker.pk)],
        f"{categories}-TOTAL_FORMS": "1",
        f"{categories}-0-name": "Online-Teilnahme",
        f"{categories}-0-capacity": "",
        f"{categories}-0-position": "0",
    })

    response = client.post(change_url(own_event), values)

    assert response.status_code == 302, response.content.decode()[:5000]
    item = own_event.program_items.get()
    assert item.title == "Keynote" and list(item.speakers.all()) == [speaker]
    assert own_event.categories.get().capacity is None


def test_admin_cancelling_informs_registrants(client, organiser, own_event):
    category = TicketCategoryFactory(event=own_event)
    services.registration_create(event=own_event, data=registration_input(category, 1))
    client.force_login(organiser)
    values = form_values(client.get(change_url(own_event)))
    values["status"] = Event.Status.CANCELLED
    values["cancellation_note"] = "Leider erkrankt."

    response = client.post(change_url(own_event), values)

    assert response.status_code == 302, response.content.decode()[:3000]
    own_event.refresh_from_db()
    assert own_event.is_cancelled and own_event.cancellation_note == "Leider erkrankt."
    assert any(m.subject.startswith("Abgesagt") for m in OutboxMail.objects.all())
    assert AuditEntry.objects.filter(action="event_cancelled", object_id=str(own_event.pk), actor=organiser).exists()


def test_admin_event_shows_status_and_link_to_website(client, organiser, own_event):
    client.force_login(organiser)
    html = client.get(reverse("admin:events_event_changelist")).content.decode()
    assert f'href="{own_event.get_absolute_url()}"' in html
    assert "Veröffentlicht" in html


def test_admin_speaker_slug_prepopulated_and_saved_through_service(client, organiser, own_event):
    client.force_login(organiser)
    response = client.get(reverse("admin:events_speaker_add"))
    assert response.status_code == 200
    assert "prepopulated" in response.content.decode()
    response = client.post(reverse("admin:events_speaker_add"), {"name": "Jörn Tobaben", "slug": "", "academic_title": "Dr."})
    # The slug is required in the form; the service fills it only for other callers.
    assert response.status_code == 200
    response = client.post(reverse("admin:events_speaker_add"), {"name": "Jörn Tobaben", "slug": "joern-tobaben"})
    assert response.status_code == 302
    assert Speaker.objects.get(slug="joern-tobaben").name == "Jörn Tobaben"


def test_admin_speaker_autocomplete_for_organisers(client, organiser, own_event):
    SpeakerFactory(name="Kim Beispiel")
    client.force_login(organiser)
    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "Kim", "app_label": "events", "model_name": "programitem", "field_name": "speakers"},
    )
    assert response.status_code == 200
    assert "Kim Beispiel" in response.content.decode()


def test_admin_program_item_of_other_event_stays_untouched(client, organiser, own_event, other_event):
    item = ProgramItemFactory(event=other_event, title="Fremder Vortrag")
    client.force_login(organiser)
    values = form_values(client.get(change_url(own_event)))
    program = next(k for k in values if k.endswith("-TOTAL_FORMS") and "program" in k).removesuffix("-TOTAL_FORMS")
    values[f"{program}-INITIAL_FORMS"] = "1"
    values[f"{program}-TOTAL_FORMS"] = "1"
    values[f"{program}-0-id"] = str(item.pk)
    values[f"{program}-0-DELETE"] = "on"

    response = client.post(change_url(own_event), values)

    assert response.status_code in (200, 302)
    item.refresh_from_db()
    assert item.title == "Fremder Vortrag"


def test_admin_link_without_scheme_becomes_https(client):
    client.force_login(StaffFactory(is_superuser=True))
    response = client.post(reverse("admin:events_organisation_add"), {"name": "IWH Halle", "url": "www.iwh-halle.de"})
    assert response.status_code == 302
    assert Organisation.objects.get(name="IWH Halle").url == "https://www.iwh-halle.de"


def _bulk_delete(client, changelist: str, objects) -> None:
    response = client.post(
        reverse(changelist), {"action": "delete_selected", "_selected_action": [o.pk for o in objects], "post": "yes"}
    )
    assert response.status_code == 302


def test_admin_deletes_go_through_services_with_an_audit_entry(client):
    """Deleting one event, a selection of speakers and organisations, and an event's category and
    question in its form: each through its delete service, each with an audit entry."""
    staff = StaffFactory()
    client.force_login(staff)
    gone = EventFactory(title="Abgesagt und gelöscht")
    response = client.post(reverse("admin:events_event_delete", args=[gone.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Event.objects.filter(pk=gone.pk).exists()
    speakers = [SpeakerFactory(name="Dr. Eva Lang"), SpeakerFactory(name="Tom Berg")]
    _bulk_delete(client, "admin:events_speaker_changelist", speakers)
    organisation = Organisation.objects.create(name="IWH Halle")
    _bulk_delete(client, "admin:events_organisation_changelist", [organisation])
    audited = set(AuditEntry.objects.filter(actor=staff).values_list("action", "object_id"))
    assert ("event_deleted", str(gone.pk)) in audited
    assert {("speaker_deleted", str(s.pk)) for s in speakers} <= audited
    assert ("organisation_deleted", str(organisation.pk)) in audited

    event = EventFactory()
    category = TicketCategoryFactory(event=event, name="Zweite Kategorie")
    question = QuestionFactory(event=event, text="Essenswunsch?")
    data = form_values(client.get(change_url(event)))
    for prefix, obj in (("categories", category), ("questions", question)):
        index = next(k.split("-")[1] for k, v in data.items() if k.startswith(f"{prefix}-") and k.endswith("-id") and v == str(obj.pk))
        data[f"{prefix}-{index}-DELETE"] = "on"
    assert client.post(change_url(event), data).status_code == 302
    assert AuditEntry.objects.filter(action="category_deleted", object_id=str(category.pk), actor=staff).exists()
    assert AuditEntry.objects.filter(action="question_deleted", object_id=str(question.pk), actor=staff).exists()


def test_admin_retention_period_is_set_by_staff_who_manage_all_events(client, organiser, own_event):
    """Issue 12 §3: the retention period is the administration's setting; an event's organiser sees it
    but cannot change it."""
    client.force_login(organiser)
    values = form_values(client.get(change_url(own_event)))
    assert "retention_days" not in values
    values["retention_days"] = "5"
    assert client.post(change_url(own_event), values).status_code == 302
    own_event.refresh_from_db()
    assert own_event.retention_days == 180

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    values = form_values(client.get(change_url(own_event)))
    assert values["retention_days"] == "180"
    values["retention_days"] = "30"
    assert client.post(change_url(own_event), values).status_code == 302
    own_event.refresh_from_db()
    assert own_event.retention_days == 30
    values["retention_days"] = "0"
    assert client.post(change_url(own_event), values).status_code == 200  # at least one day
