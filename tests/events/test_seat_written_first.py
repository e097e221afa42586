"""A sign-up that saw free seats writes its seat before the category lock (services._seat_written_first):
under the lock only the count and the commit remain. The outcome must be what deciding under the
lock gives, also when the seats seen were no longer free."""

import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from revier.core.capacity import Availability
from revier.core.models import AuditEntry, OutboxMail
from revier.events import errors, services
from revier.events.models import Registration
from tests.factories import TicketCategoryFactory, registration_input

Status = Registration.Status
FREE = Availability(capacity=50, taken=0)


def sign_up(category, n, *, seen=FREE, **overrides):
    """A post whose form saw `seen` (free seats by default) for the category."""
    return services.registration_create(event=category.event, data=registration_input(category, n, **overrides),
                                        category=category, seats_seen=seen)


def mails_to(n):
    return [mail for mail in OutboxMail.objects.all() if f"alex{n}@example.org" in mail.to]


@pytest.mark.django_db
def test_the_seat_link_and_mail_are_written_before_the_lock_and_only_the_count_after_it():
    category = TicketCategoryFactory(capacity=5)
    with CaptureQueriesContext(connection) as queries:
        outcome = sign_up(category, 1)
    assert outcome.kind == "created"
    sql = [query["sql"] for query in queries.captured_queries]
    # core.capacity.lock_capacity_owner_row (FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
    # transactions serialise anyway).
    lock = next(i for i, text in enumerate(sql) if 'FROM "events_ticketcategory" o' in text)
    inserts = [i for i, text in enumerate(sql) if text.lstrip().upper().startswith("INSERT")]
    tables = {sql[i].split('"')[1] for i in inserts}
    assert {"events_registration", "events_registrationlink", "core_auditentry", "core_outboxmail"} <= tables
    assert max(inserts) < lock  # nothing is written under the lock
    # Under the lock: the lock, the seat count and the domain count (then the commit, which the test's
    # own transaction turns into releasing a savepoint).
    assert len([text for text in sql[lock:] if not text.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]) == 3
    registration = Registration.objects.get(pk=outcome.registration.pk)
    assert registration.status == Status.UNCONFIRMED and registration.hold_until is not None
    assert len(mails_to(1)) == 1


@pytest.mark.django_db
def test_the_last_seat_is_given_and_the_next_post_that_saw_it_free_is_refused_with_nothing_left_behind():
    category = TicketCategoryFactory(capacity=2)
    assert sign_up(category, 1).kind == "created"
    assert sign_up(category, 2).kind == "created"  # the last seat: this row makes the count 2 of 2
    entries, mails = AuditEntry.objects.count(), OutboxMail.objects.count()
    with pytest.raises(errors.CapacityExhausted):
        sign_up(category, 3)  # its form still saw seats free
    assert not Registration.objects.filter(email="alex3@example.org").exists()
    assert (AuditEntry.objects.count(), OutboxMail.objects.count()) == (entries, mails)
    assert Registration.objects.filter(category=category, status=Status.UNCONFIRMED).count() == 2


@pytest.mark.django_db
def test_a_post_that_saw_free_seats_with_the_box_ticked_joins_the_waiting_list_with_its_position():
    category = TicketCategoryFactory(capacity=1)
    sign_up(category, 1)
    sign_up(category, 2, seen=None, join_waitlist=True)
    outcome = sign_up(category, 3, join_waitlist=True)
    assert outcome.kind == "waitlisted"
    registration = Registration.objects.get(pk=outcome.registration.pk)
    assert registration.status == Status.WAITLISTED and registration.waitlisted_at is not None
    [mail] = mails_to(3)
    assert "Platz 2" in mail.body_text or "position 2" in mail.body_text
    assert Registration.objects.filter(email="alex3@example.org").count() == 1
    assert AuditEntry.objects.filter(action="registration_created", object_id=str(registration.pk)).count() == 1


@pytest.mark.django_db
def test_people_waiting_move_up_before_a_newcomer_who_saw_a_free_seat():
    category = TicketCategoryFactory(capacity=1)
    first = sign_up(category, 1).registration
    sign_up(category, 2, seen=None, join_waitlist=True)
    # The seat is freed without moving anyone up (as if the worker had not run yet).
    Registration.objects.filter(pk=first.pk).update(status=Status.CANCELLED)
    outcome = sign_up(category, 3, join_waitlist=True)
    assert Registration.objects.get(email="alex2@example.org").status == Status.OFFERED
    assert outcome.kind == "waitlisted"
    assert Registration.objects.get(pk=outcome.registration.pk).status == Status.WAITLISTED


@pytest.mark.django_db
def test_an_address_registered_already_gets_its_link_again_not_a_second_seat():
    category = TicketCategoryFactory(capacity=5)
    first = sign_up(category, 1).registration
    Registration.objects.filter(pk=first.pk).update(created_at=first.created_at - services.REPEAT_WINDOW * 2)
    outcome = sign_up(category, 1)
    assert list(Registration.objects.filter(email="alex1@example.org").values_list("pk", flat=True)) == [first.pk]
    assert outcome.registration.pk == first.pk
    assert len(mails_to(1)) == 2  # the first mail and the link sent again


@pytest.mark.django_db
def test_the_domain_limit_counts_the_row_written_before_the_lock(settings):
    settings.SIGNUP_LIMIT_PER_DOMAIN = 2
    category = TicketCategoryFactory(capacity=10)
    sign_up(category, 1)
    sign_up(category, 2)
    with pytest.raises(errors.TooManyUnconfirmed):
        sign_up(category, 3)
    assert not Registration.objects.filter(email="alex3@example.org").exists()


@pytest.mark.django_db(transaction=True)
def test_40_concurrent_posts_that_all_saw_free_seats_never_overbook(settings):
    settings.SIGNUP_LIMIT_PER_DOMAIN = 10_000
    category = TicketCategoryFactory(capacity=10)
    start, outcomes, lock = threading.Barrier(40), [], threading.Lock()

    def post(n):
        try:
            start.wait(timeout=10)
            try:
                kind = sign_up(category, n, join_waitlist=n % 2 == 0).kind
            except errors.CapacityExhausted:
                kind = "refused"
            with lock:
                outcomes.append(kind)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 40
    assert outcomes.count("created") == 10
    assert Registration.objects.filter(category=category, status=Status.UNCONFIRMED).count() == 10
    waiting = Registration.objects.filter(category=category, status=Status.WAITLISTED)
    assert waiting.count() == outcomes.count("waitlisted")
    assert outcomes.count("refused") + waiting.count() == 30
    assert OutboxMail.objects.count() == 10 + waiting.count()
