"""Reads of the events app that the views' tests do not show on their own: the registration setup,
reused between requests while the content is unchanged."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from revier.core.cache import content_generation
from revier.events import selectors, services
from revier.events.options import registration_options
from revier.events.models import Event, TicketCategory
from tests.factories import EventFactory, QuestionFactory, TicketCategoryFactory

pytestmark = pytest.mark.django_db


def _queries(call):
    with CaptureQueriesContext(connection) as context:
        result = call()
    return result, len(context.captured_queries)


def test_registration_setup_get_reads_the_event_once_per_content_generation():
    category = TicketCategoryFactory(capacity=5)
    QuestionFactory(event=category.event)
    first, read = _queries(lambda: selectors.registration_setup_get(slug=category.event.slug))
    again, reused = _queries(lambda: selectors.registration_setup_get(slug=category.event.slug))
    # The event with its categories and questions, and one query per registration option another
    # app offers (events.options: the network asks whether the event has a Gesprächsbörse).
    assert read == 3 + len(registration_options()) and reused == 0
    assert again is first
    assert [c.pk for c in again.categories] == [category.pk] and len(again.questions) == 1


def test_registration_setup_for_event_shares_the_setup_read_by_slug():
    category = TicketCategoryFactory(capacity=5)
    by_slug = selectors.registration_setup_get(slug=category.event.slug)
    by_id, queries = _queries(lambda: selectors.registration_setup_for_event(event_id=category.event.pk))
    assert by_id is by_slug and queries == 0
    assert selectors.registration_setup_for_event(event_id=EventFactory(status=Event.Status.DRAFT).pk) is None


def test_registration_setup_get_none_for_drafts_and_unknown_slugs():
    draft = EventFactory(status=Event.Status.DRAFT)
    assert selectors.registration_setup_get(slug=draft.slug) is None
    assert selectors.registration_setup_get(slug="gibt-es-nicht") is None


def test_registration_setup_get_sees_a_change_of_another_process_after_its_lifetime(monkeypatch):
    """Another process's edit does not change this process's generation with the local-memory cache:
    a setup is read again after SETUP_MAX_SECONDS all the same."""
    category = TicketCategoryFactory(capacity=5)
    slug = category.event.slug
    selectors.registration_setup_get(slug=slug)
    TicketCategory.objects.filter(pk=category.pk).update(name="Anders")  # behind this process's back
    assert selectors.registration_setup_get(slug=slug).categories[0].name == "Teilnahme vor Ort"
    later = selectors._clock() + selectors.SETUP_MAX_SECONDS
    monkeypatch.setattr(selectors, "_clock", lambda: later)
    assert selectors.registration_setup_get(slug=slug).categories[0].name == "Anders"


def _rename_category(category):
    category.name = "Neuer Name der Kategorie"
    services.ticket_category_save(category=category)


def _add_category(category):
    TicketCategoryFactory(event=category.event, name="Neuer Name der Kategorie")


def _delete_category(category):
    other = TicketCategoryFactory(event=category.event, name="Wird gelöscht")
    assert len(selectors.registration_setup_get(slug=category.event.slug).categories) == 2
    services.ticket_category_delete(category=other, actor=None)


def _set_capacity(category):
    services.category_set_capacity(category=category, capacity=7, actor=None)


def _add_question(category):
    QuestionFactory(event=category.event, text="Neue Frage?")


def _change_question(category):
    question = QuestionFactory(event=category.event, text="Alte Frage?")
    assert len(selectors.registration_setup_get(slug=category.event.slug).questions) == 1
    question.text = "Neue Frage?"
    services.question_save(question=question)


def _delete_question(category):
    question = QuestionFactory(event=category.event, text="Wird gelöscht?")
    assert len(selectors.registration_setup_get(slug=category.event.slug).questions) == 1
    services.question_delete(question=question, actor=None)


def _rename_event(category):
    event = category.event
    event.title = "Neuer Titel der Veranstaltung"
    services.event_save(event=event)


def _cancel_event(category):
    services.event_cancel(event=category.event, note="Fällt aus.", actor=None)


@pytest.mark.parametrize(
    ("change", "seen"),
    [
        (_rename_category, lambda s: s.categories[0].name == "Neuer Name der Kategorie"),
        (_add_category, lambda s: [c.name for c in s.categories][-1] == "Neuer Name der Kategorie"),
        (_delete_category, lambda s: [c.name for c in s.categories] == ["Teilnahme vor Ort"]),
        (_set_capacity, lambda s: s.categories[0].capacity == 7),
        (_add_question, lambda s: [q.text for q in s.questions] == ["Neue Frage?"]),
        (_change_question, lambda s: [q.text for q in s.questions] == ["Neue Frage?"]),
        (_delete_question, lambda s: s.questions == ()),
        (_rename_event, lambda s: s.event.title == "Neuer Titel der Veranstaltung"),
        (_cancel_event, lambda s: s.event.is_cancelled),
    ],
)
def test_registration_setup_get_sees_every_change_through_the_services_at_once(change, seen):
    category = TicketCategoryFactory(capacity=5)
    selectors.registration_setup_get(slug=category.event.slug)
    change(category)
    assert seen(selectors.registration_setup_get(slug=category.event.slug))


def test_program_item_save_starts_a_new_content_generation():
    """The event page shows the program: a saved item makes cached pages and fragments stale."""
    from revier.events.models import ProgramItem

    event = EventFactory()
    before = content_generation()
    services.program_item_save(item=ProgramItem(event=event, title="Vortrag", starts_at=event.starts_at,
                                                ends_at=event.starts_at))
    assert content_generation() != before
