"""Services for organisations, speakers, program, categories, questions and imported registrations."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from revier.core.models import AuditEntry, OutboxMail
from revier.events import errors, services
from revier.events.models import Organisation, ProgramItem, Question, Registration, Speaker
from tests.factories import EventFactory, SpeakerFactory, TicketCategoryFactory, registration_input

pytestmark = pytest.mark.django_db


def test_registration_import_confirms_without_mail_and_keeps_the_time():
    category = TicketCategoryFactory(capacity=2)
    at = timezone.now() - datetime.timedelta(days=400)
    registration = services.registration_import(
        event=category.event, data=registration_input(category, 1, consents=frozenset({"photos"})), registered_at=at,
        checked_in_at=at + datetime.timedelta(days=1),
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.created_at == at and registration.confirmed_at == at
    assert registration.checked_in_at == at + datetime.timedelta(days=1)
    assert registration.consents.get().given_at == at
    assert not OutboxMail.objects.exists()
    assert AuditEntry.objects.filter(action="registration_imported", object_id=str(registration.pk)).exists()


def test_registration_import_never_overbooks_and_never_duplicates():
    category = TicketCategoryFactory(capacity=1)
    at = timezone.now()
    services.registration_import(event=category.event, data=registration_input(category, 1), registered_at=at)
    with pytest.raises(errors.RegistrationError):
        services.registration_import(event=category.event, data=registration_input(category, 1, email="ALEX1@example.org"),
                                     registered_at=at)
    with pytest.raises(errors.CapacityExhausted):
        services.registration_import(event=category.event, data=registration_input(category, 2), registered_at=at)
    assert Registration.objects.count() == 1


def test_registration_import_refuses_a_category_of_another_event():
    category = TicketCategoryFactory()
    with pytest.raises(errors.RegistrationError):
        services.registration_import(event=EventFactory(), data=registration_input(category), registered_at=timezone.now())


def test_speaker_save_makes_a_slug_and_validates():
    speaker = services.speaker_save(speaker=Speaker(name="Jörg Beispiel"))
    assert speaker.slug == "joerg-beispiel"
    assert services.speaker_save(speaker=Speaker(name="Jörg Beispiel")).slug == "joerg-beispiel-2"
    with pytest.raises(ValidationError):
        services.speaker_save(speaker=Speaker(name="Mit Foto", photo="speakers/x.png"))


def test_organisation_save_needs_alt_text_for_a_logo():
    with pytest.raises(ValidationError):
        services.organisation_save(organisation=Organisation(name="Logo GmbH", logo="organisations/x.png"))
    assert services.organisation_save(organisation=Organisation(name="Ohne Logo GmbH")).pk


def test_program_item_save_sets_speakers_and_delete_removes_it():
    event = EventFactory()
    speaker = SpeakerFactory()
    item = ProgramItem(event=event, title="Vortrag", starts_at=event.starts_at, ends_at=event.starts_at)
    services.program_item_save(item=item, speakers=[speaker])
    assert list(item.speakers.all()) == [speaker]
    with pytest.raises(ValidationError):
        item.ends_at = item.starts_at - datetime.timedelta(minutes=1)
        services.program_item_save(item=item)
    services.program_item_delete(item=ProgramItem.objects.get(pk=item.pk))
    assert not ProgramItem.objects.exists()


def test_ticket_category_save_leaves_capacity_changes_to_category_set_capacity():
    category = TicketCategoryFactory(capacity=5)
    category.name = "Vor Ort"
    services.ticket_category_save(category=category)
    category.capacity = 6
    with pytest.raises(errors.InvalidTransition):
        services.ticket_category_save(category=category)


def test_question_save_needs_two_choices_for_a_choice_question():
    event = EventFactory()
    with pytest.raises(ValidationError):
        services.question_save(question=Question(event=event, text="Welche?", kind="single", choices="nur eine"))
    assert services.question_save(question=Question(event=event, text="Welche?", kind="single", choices="a\nb")).pk
