"""The registration form's fields are built once per event setup and shared by every form
(events.forms._fields_for), not copied per request. That is safe only while validating and rendering
a form never changes a field: these tests post arbitrary input (errors of every kind, the form shown
again) and check that the shared fields are exactly as before."""

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from revier.events import forms as event_forms
from revier.events.models import Question
from tests.factories import QuestionFactory, TicketCategoryFactory, registration_input

pytestmark = pytest.mark.django_db


def field_state(fields: dict) -> dict:
    """Everything a field and its widget hold, written out (lists, dicts and choices included)."""
    return {
        name: (repr(sorted(vars(field).items(), key=lambda item: item[0])),
               repr(sorted(vars(field.widget).items(), key=lambda item: item[0])))
        for name, field in fields.items()
    }


@pytest.fixture
def shared_fields(client):
    full = TicketCategoryFactory(capacity=1, name="Vor Ort")
    event = full.event
    TicketCategoryFactory(event=event, capacity=None, name="Online")
    for n, kind in enumerate(Question.Kind.values):
        QuestionFactory(event=event, kind=kind, required=n % 2 == 0, position=n, text=f"Frage {n}",
                        choices="A\nB\nC" if kind in ("single", "multiple") else "")
    from revier.events import services

    services.registration_create(event=event, data=registration_input(full, 0))
    event_forms._field_sets.clear()
    url = f"/veranstaltungen/{event.slug}/anmelden/"
    assert client.get(url).status_code == 200
    assert len(event_forms._field_sets) == 1
    fields = next(iter(event_forms._field_sets.values()))[3]
    return url, event, fields, field_state(fields)


text = st.text(max_size=40).filter(lambda value: "\x00" not in value)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(
    st.sampled_from(["first_name", "last_name", "email", "organisation", "function", "sector", "category",
                     "join_waitlist", "website", "consent_photos", "question_1", "question_2", "question_3"]),
    text, max_size=13,
))
def test_posting_any_input_changes_none_of_the_shared_fields(client, shared_fields, data):
    url, event, fields, before = shared_fields
    response = client.post(url, data)
    assert response.status_code in (200, 302, 400, 429)
    assert field_state(fields) == before


def test_a_form_shown_again_with_errors_leaves_the_next_blank_form_blank(client, shared_fields):
    url, event, fields, before = shared_fields
    full = event.categories.get(name="Vor Ort")
    response = client.post(url, {"first_name": "Evaluna<>", "email": "kein-at-9", "category": str(full.pk)})
    assert response.status_code == 200
    assert "Evaluna&lt;&gt;" in response.content.decode()
    assert field_state(fields) == before
    blank = client.get(url).content.decode()
    assert "Evaluna" not in blank and "kein-at-9" not in blank
