"""A sign-up's mail is written before the category lock is taken (services._prepare): in a rush
everyone waiting for the lock would otherwise wait for the rendering too. The mail written before
the lock must be exactly the mail that would have been written under it, for every outcome; an
outcome the mail was not written for writes its own."""

import re

import pytest

from revier.core import mail as core_mail
from revier.core.models import OutboxMail
from revier.events import services
from revier.events.models import Registration
from tests.factories import TicketCategoryFactory, registration_input

pytestmark = pytest.mark.django_db
Status = Registration.Status
LINK = re.compile(r"/veranstaltungen/anmeldung/([A-Za-z0-9_-]+)/")


def written_under_the_lock(registration, template, **extra):
    """The mail as services._mail writes it for this registration (with the token it was sent)."""
    mail = only_mail(registration)
    token = LINK.search(mail.body_text).group(1)
    context = services._mail_context(registration, token=token, extra=extra or None)
    return core_mail.mail_write(template=f"events/mail/{template}", context=context)


def only_mail(registration):
    mails = [mail for mail in OutboxMail.objects.all() if registration.email in mail.to]
    assert len(mails) == 1
    return mails[0]


def test_a_seat_mail_written_before_the_lock_is_the_mail_written_under_it():
    category = TicketCategoryFactory(capacity=5)
    outcome = services.registration_create(event=category.event, data=registration_input(category, 1),
                                           category=category)
    registration = Registration.objects.get(pk=outcome.registration.pk)
    assert registration.status == Status.UNCONFIRMED
    mail = only_mail(registration)
    assert (mail.body_text, mail.body_html) == written_under_the_lock(registration, "confirm_request")
    assert mail.subject == services._subject("confirm_request", category.event)


def test_a_waiting_list_mail_gets_the_position_counted_under_the_lock():
    category = TicketCategoryFactory(capacity=1)
    event = category.event
    services.registration_create(event=event, data=registration_input(category, 1))
    services.registration_create(event=event, data=registration_input(category, 2, join_waitlist=True))
    outcome = services.registration_create(event=event, data=registration_input(category, 3, join_waitlist=True),
                                           category=category)
    registration = Registration.objects.get(pk=outcome.registration.pk)
    assert registration.status == Status.WAITLISTED
    mail = only_mail(registration)
    assert "position 2" in mail.body_text or "Platz 2" in mail.body_text
    assert services._POSITION_MARK not in mail.body_text + mail.body_html
    assert (mail.body_text, mail.body_html) == written_under_the_lock(registration, "waitlisted", position=2)


def test_another_outcome_under_the_lock_writes_its_own_mail():
    """The box was ticked (the form showed the category full), but a seat was free by the time the
    lock was taken: a seat and its mail, not the waiting-list mail written before."""
    category = TicketCategoryFactory(capacity=3)
    outcome = services.registration_create(event=category.event,
                                           data=registration_input(category, 1, join_waitlist=True), category=category)
    registration = Registration.objects.get(pk=outcome.registration.pk)
    assert registration.status == Status.UNCONFIRMED
    mail = only_mail(registration)
    assert services._POSITION_MARK not in mail.body_text + mail.body_html
    assert (mail.body_text, mail.body_html) == written_under_the_lock(registration, "confirm_request")


def test_a_refusal_under_the_lock_leaves_no_mail_and_no_row():
    category = TicketCategoryFactory(capacity=1)
    services.registration_create(event=category.event, data=registration_input(category, 1))
    with pytest.raises(services.errors.CapacityExhausted):
        services.registration_create(event=category.event, data=registration_input(category, 2), category=category)
    assert not Registration.objects.filter(email="alex2@example.org").exists()
    assert not [mail for mail in OutboxMail.objects.all() if "alex2@example.org" in mail.to]


def test_a_withheld_address_gets_no_mail():
    category = TicketCategoryFactory(capacity=5)
    services.registration_create(event=category.event,
                                 data=registration_input(category, 1, email="demo@beispiel.example"), category=category)
    assert Registration.objects.filter(email="demo@beispiel.example").exists()
    assert not OutboxMail.objects.exists()


def test_the_form_post_writes_its_mail_before_the_category_lock(client, monkeypatch):
    """The view hands the category to the service, so the mail is rendered before the category is
    locked, and only once."""
    category = TicketCategoryFactory(capacity=5)
    steps = []
    real_write, real_lock = services.mail_write, services._lock_category
    monkeypatch.setattr(services, "mail_write", lambda **kwargs: steps.append("write") or real_write(**kwargs))
    monkeypatch.setattr(services, "_lock_category", lambda pk: steps.append("lock") or real_lock(pk))
    response = client.post(f"/veranstaltungen/{category.event.slug}/anmelden/", {
        "first_name": "Alex", "last_name": "Muster", "email": "alex@example.org", "organisation": "Muster GmbH",
        "function": "Inhaberin", "sector": "kmu", "category": str(category.pk), "website": "",
    })
    assert response.status_code == 302
    assert steps == ["write", "lock"]
    registration = Registration.objects.get(email="alex@example.org")
    mail = only_mail(registration)
    assert (mail.body_text, mail.body_html) == written_under_the_lock(registration, "confirm_request")


def test_without_the_box_the_seat_mail_is_stored_before_the_lock(monkeypatch):
    """Without the waiting-list box a sign-up ends with a seat or a refusal (rolled back): its mail
    is stored before the category is locked."""
    category = TicketCategoryFactory(capacity=5)
    steps = []
    real_store, real_lock = services.mail_store, services._lock_category
    monkeypatch.setattr(services, "mail_store", lambda **kwargs: steps.append("store") or real_store(**kwargs))
    monkeypatch.setattr(services, "_lock_category", lambda pk: steps.append("lock") or real_lock(pk))
    services.registration_create(event=category.event, data=registration_input(category, 1), category=category)
    assert steps == ["store", "lock"]
    registration = Registration.objects.get(email="alex1@example.org")
    mail = only_mail(registration)
    assert (mail.body_text, mail.body_html) == written_under_the_lock(registration, "confirm_request")


def test_an_address_registered_already_gets_only_its_link_again():
    """The mail stored before the lock is rolled back with the refused insert: the second attempt
    sends the existing link, and no confirmation request for a seat that was never taken."""
    category = TicketCategoryFactory(capacity=5)
    services.registration_create(event=category.event, data=registration_input(category, 1), category=category)
    outcome = services.registration_create(event=category.event, data=registration_input(category, 1),
                                           category=category)
    assert outcome.kind == "existing"
    assert Registration.objects.filter(email="alex1@example.org").count() == 1
    mails = [mail for mail in OutboxMail.objects.order_by("pk") if "alex1@example.org" in mail.to]
    assert [mail.subject == services._subject("confirm_request", category.event) for mail in mails] in (
        [True], [True, False])


def test_with_the_box_and_free_seats_seen_the_seat_mail_is_written_once(monkeypatch):
    """The box ticked while the form saw free seats: a seat is likely, its mail is written before
    the lock and not again under it."""
    from revier.core.capacity import Availability

    category = TicketCategoryFactory(capacity=5)
    under_the_lock = []
    real = core_mail.mail_write
    monkeypatch.setattr(core_mail, "mail_write", lambda **kwargs: under_the_lock.append(1) or real(**kwargs))
    services.registration_create(event=category.event, data=registration_input(category, 1, join_waitlist=True),
                                 category=category, seats_seen=Availability(5, 0))
    assert under_the_lock == []
    registration = Registration.objects.get(email="alex1@example.org")
    assert registration.status == Status.UNCONFIRMED
    mail = only_mail(registration)
    assert (mail.body_text, mail.body_html) == written_under_the_lock(registration, "confirm_request")


def test_the_form_knows_the_seats_only_when_counted_or_remembered(client, django_assert_num_queries, settings):
    from revier.events import selectors

    settings.SEAT_COUNT_SECONDS = 60
    category = TicketCategoryFactory(capacity=1)
    services.registration_create(event=category.event, data=registration_input(category, 1))
    selectors.forget_seat_counts()
    data = selectors.registration_form_get(slug=category.event.slug)
    with django_assert_num_queries(0):
        assert data.availability_known(category.pk) is None
    assert client.get(f"/veranstaltungen/{category.event.slug}/anmelden/").status_code == 200  # counts, remembers
    data = selectors.registration_form_get(slug=category.event.slug)
    with django_assert_num_queries(0):
        known = data.availability_known(category.pk)
    assert (known.capacity, known.taken, known.is_full) == (1, 1, True)
