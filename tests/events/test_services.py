import datetime
import re

import pytest
from django.utils import timezone

from revier.core.models import AuditEntry, OutboxMail
from revier.core.tokens import personal_links_purge_expired, token_hash
from revier.events import errors, selectors, services
from revier.events.models import Consent, Event, Registration
from tests.factories import EventFactory, StaffFactory, TicketCategoryFactory, registration_input

pytestmark = pytest.mark.django_db
Status = Registration.Status


def last_token(email):
    """The personal link's token from the newest mail to `email`, as the person would click it."""
    for mail in OutboxMail.objects.order_by("-id"):
        if email in mail.to:
            match = re.search(r"/veranstaltungen/anmeldung/([A-Za-z0-9_-]+)/", mail.body_text)
            if match:
                return match.group(1)
    raise AssertionError(f"no link mailed to {email}")


def subjects(email):
    return [m.subject for m in OutboxMail.objects.order_by("id") if email in m.to]


@pytest.fixture
def category():
    return TicketCategoryFactory(capacity=2)


def register(category, n=0, **kwargs):
    return services.registration_create(event=category.event, data=registration_input(category, n, **kwargs))


def test_registration_holds_seat_until_confirmed_and_mails_link(category):
    outcome = register(category)
    registration = outcome.registration
    assert outcome.kind == "created"
    assert registration.status == Status.UNCONFIRMED
    # a short hold, like a ticket shop's cart (settings.SIGNUP_HOLD_MINUTES), and the mail says until when
    assert timezone.now() + datetime.timedelta(minutes=29) < registration.hold_until
    assert registration.hold_until <= timezone.now() + datetime.timedelta(minutes=30)
    assert selectors.category_availability(category=category).taken == 1
    assert subjects("alex0@example.org") == [f"Bitte bestätigen Sie Ihre Anmeldung: {category.event.title}"]
    [link] = registration.links.all()
    assert link.token_hash == token_hash(last_token("alex0@example.org"))  # only the hash is stored
    assert link.expires_at == registration.event.ends_at + datetime.timedelta(days=90)
    mail = OutboxMail.objects.get()
    assert f"{timezone.localtime(registration.hold_until):%H:%M} Uhr" in mail.body_text


def test_confirm_with_link_confirms_and_sends_ticket_with_ics(category):
    register(category)
    registration = services.registration_confirm(token=last_token("alex0@example.org"))
    assert registration.status == Status.CONFIRMED
    mail = OutboxMail.objects.order_by("-id").first()
    assert mail.subject.startswith("Anmeldebestätigung")
    assert registration.ticket_code in mail.body_text
    assert mail.attachments[0]["filename"].endswith(".ics")
    # a second click changes nothing and sends nothing
    again = services.registration_confirm(token=last_token("alex0@example.org"))
    assert again.status == Status.CONFIRMED
    assert OutboxMail.objects.count() == 2


def test_tampered_link_is_refused(category):
    register(category)
    with pytest.raises(errors.LinkInvalid):
        services.registration_confirm(token=last_token("alex0@example.org") + "x")


def test_second_registration_with_same_email_creates_nothing_and_resends_link(category):
    first = register(category).registration
    outcome = register(category, email="ALEX0@Example.org ", first_name="Alexa")
    assert outcome.kind == "existing"
    assert outcome.registration.pk == first.pk
    assert Registration.objects.count() == 1
    assert len(subjects("alex0@example.org")) == 2
    # the new link works (and the old one too: test_sending_a_link_again_keeps_the_links_sent_before_working)
    assert services.registration_confirm(token=last_token("alex0@example.org")).status == Status.CONFIRMED


def test_full_category_refuses_or_puts_on_waiting_list_in_order(category):
    register(category, 0)
    register(category, 1)
    with pytest.raises(errors.CapacityExhausted):
        register(category, 2)
    second = register(category, 2, join_waitlist=True).registration
    third = register(category, 3, join_waitlist=True).registration
    assert second.status == third.status == Status.WAITLISTED
    assert selectors.waitlist_position(registration=second) == 1
    assert selectors.waitlist_position(registration=third) == 2
    assert selectors.category_availability(category=category).taken == 2


def test_cancel_frees_seat_and_moves_first_in_line_up(category):
    holder = register(category, 0).registration
    register(category, 1)
    waiting = register(category, 2, join_waitlist=True).registration
    register(category, 3, join_waitlist=True)
    services.registration_cancel(registration=holder)
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert waiting.hold_until > timezone.now()
    assert subjects("alex2@example.org")[-1].startswith("Ein Platz ist frei")
    assert selectors.category_availability(category=category).taken == 2
    # the person moved up confirms with the link from the new mail
    confirmed = services.registration_confirm(token=last_token("alex2@example.org"))
    assert confirmed.status == Status.CONFIRMED


def test_expired_hold_frees_seat_at_once_and_worker_moves_up(category):
    stale = register(category, 0).registration
    register(category, 1)
    services.registration_confirm(token=last_token("alex1@example.org"))
    waiting = register(category, 2, join_waitlist=True).registration
    later = timezone.now() + datetime.timedelta(hours=49)
    assert selectors.category_availability(category=category, now=later).taken == 1
    assert services.registrations_expire_due(now=later) == 1
    stale.refresh_from_db()
    waiting.refresh_from_db()
    assert stale.status == Status.EXPIRED
    assert waiting.status == Status.OFFERED


def test_offer_not_confirmed_in_time_goes_to_next(category):
    holder = register(category, 0).registration
    register(category, 1)
    first = register(category, 2, join_waitlist=True).registration
    second = register(category, 3, join_waitlist=True).registration
    services.registration_cancel(registration=holder)
    later = timezone.now() + datetime.timedelta(hours=49)
    # by then the second seat's unconfirmed hold (alex1) has run out too: both waiting move up
    services.registrations_expire_due(now=later)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.EXPIRED
    assert subjects("alex2@example.org")[-1].startswith("Angebot abgelaufen")
    assert second.status == Status.OFFERED


def test_confirming_after_hold_expired_takes_free_seat_or_waits(category):
    register(category, 0)
    later = timezone.now() + datetime.timedelta(hours=49)
    confirmed = services.registration_confirm(token=last_token("alex0@example.org"), now=later)
    assert confirmed.status == Status.CONFIRMED


def test_registration_closed_not_yet_open_and_cancelled_event():
    closed = TicketCategoryFactory(event=EventFactory(registration_closes_at=timezone.now() - datetime.timedelta(minutes=1)))
    with pytest.raises(errors.RegistrationClosed):
        register(closed)
    future = TicketCategoryFactory(event=EventFactory(registration_opens_at=timezone.now() + datetime.timedelta(days=1)))
    with pytest.raises(errors.RegistrationNotYetOpen):
        register(future)
    cancelled = TicketCategoryFactory()
    services.event_cancel(event=cancelled.event, note="Krankheit", actor=None)
    with pytest.raises(errors.EventCancelled):
        register(cancelled)
    assert Registration.objects.count() == 0


def test_unlimited_category_never_fills():
    category = TicketCategoryFactory(capacity=None, name="Online-Teilnahme")
    for n in range(30):
        assert register(category, n).kind == "created"


def test_consents_store_text_version_and_time(category):
    registration = register(category, consents=frozenset({"photos"})).registration
    consent = Consent.objects.get(registration=registration)
    assert consent.kind == "photos" and consent.text_version and "Foto" in consent.text
    assert consent.given_at is not None


def test_approval_flow_holds_seat_until_decided():
    category = TicketCategoryFactory(capacity=1, event=EventFactory(requires_approval=True))
    register(category, 0)
    pending = services.registration_confirm(token=last_token("alex0@example.org"))
    assert pending.status == Status.PENDING_APPROVAL
    waiting = register(category, 1, join_waitlist=True).registration
    staff = StaffFactory()
    services.registration_reject(registration=pending, actor=staff)
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert AuditEntry.objects.filter(action="registration_rejected", actor=staff).exists()


def test_move_up_by_hand_goes_to_head_of_line_and_capacity_raise_gives_seat(category):
    register(category, 0)
    register(category, 1)
    first = register(category, 2, join_waitlist=True).registration
    last = register(category, 3, join_waitlist=True).registration
    staff = StaffFactory()
    services.registration_move_up(registration=last, actor=staff)
    assert selectors.waitlist_position(registration=Registration.objects.get(pk=last.pk)) == 1
    assert selectors.waitlist_position(registration=Registration.objects.get(pk=first.pk)) == 2
    services.category_set_capacity(category=category, capacity=3, actor=staff)
    last.refresh_from_db()
    first.refresh_from_db()
    assert last.status == Status.OFFERED and first.status == Status.WAITLISTED


def test_check_in_once_then_warns(category):
    register(category)
    registration = services.registration_confirm(token=last_token("alex0@example.org"))
    staff = StaffFactory()
    first = services.registration_check_in(event=category.event, code=registration.ticket_code.lower(), actor=staff)
    second = services.registration_check_in(event=category.event, code=registration.ticket_code, actor=staff)
    assert first.kind == "checked_in"
    assert second.kind == "already" and second.registration.checked_in_at == first.registration.checked_in_at
    assert services.registration_check_in(event=category.event, code="NOPE", actor=staff).kind == "not_found"


def test_check_in_refuses_unconfirmed_and_other_events_tickets(category):
    registration = register(category).registration
    staff = StaffFactory()
    assert services.registration_check_in(event=category.event, code=registration.ticket_code, actor=staff).kind == "not_valid"
    other = EventFactory()
    assert services.registration_check_in(event=other, code=registration.ticket_code, actor=staff).kind == "not_found"


def test_event_cancel_mails_everyone_active(category):
    register(category, 0)
    register(category, 1)
    register(category, 2, join_waitlist=True)
    services.event_cancel(event=category.event, note="Der Saal ist nicht verfügbar.", actor=StaffFactory())
    cancelled_mails = OutboxMail.objects.filter(subject__startswith="Abgesagt")
    assert cancelled_mails.count() == 3
    assert "Der Saal ist nicht verfügbar." in cancelled_mails.first().body_text
    assert Event.objects.get(pk=category.event.pk).status == Event.Status.CANCELLED


def test_resend_links_only_for_active_upcoming(category):
    register(category, 0)
    assert services.registration_resend_links(email="Alex0@example.org") == 1
    assert services.registration_resend_links(email="niemand@example.org") == 0


def test_mail_text_is_not_html_escaped(category):
    register(category, 0, first_name="Anna & Co")
    assert "Anna & Co" in OutboxMail.objects.get().body_text


def test_capacity_set_to_unlimited_moves_everyone_waiting_up():
    category = TicketCategoryFactory(capacity=1)
    register(category, 0)
    waiting = [register(category, n, join_waitlist=True).registration for n in (1, 2)]
    services.category_set_capacity(category=category, capacity=None, actor=StaffFactory())
    assert {r.status for r in Registration.objects.filter(pk__in=[w.pk for w in waiting])} == {Status.OFFERED}
    assert register(category, 3).kind == "created"


def mailed_position(email) -> int:
    """The waiting-list position stated in the newest waiting-list mail to `email`."""
    for mail in OutboxMail.objects.filter(subject__startswith="Warteliste").order_by("-id"):
        if email in mail.to:
            return int(re.search(r"auf Platz (\d+)\.", mail.body_text).group(1))
    raise AssertionError(f"no waiting-list mail to {email}")


def test_waiting_list_mail_states_the_position_the_personal_page_shows(category):
    register(category, 0)
    register(category, 1)
    waiting = {n: register(category, n, join_waitlist=True).registration for n in (2, 3, 4)}
    assert [mailed_position(f"alex{n}@example.org") for n in (2, 3, 4)] == [1, 2, 3]

    services.registration_cancel(registration=waiting[3])  # leaves the line: frees no seat
    services.registration_move_up(registration=waiting[4], actor=StaffFactory())  # to the head of the line
    newcomer = register(category, 5, join_waitlist=True).registration
    assert mailed_position("alex5@example.org") == selectors.waitlist_position(registration=newcomer) == 3
    # A server whose clock is behind: this newcomer's place in line is before the last one's.
    behind = services.registration_create(
        event=category.event, data=registration_input(category, 6, join_waitlist=True),
        now=newcomer.waitlisted_at - datetime.timedelta(microseconds=1),
    ).registration
    assert mailed_position("alex6@example.org") == selectors.waitlist_position(registration=behind) == 3
    assert selectors.waitlist_position(registration=newcomer) == 4


# --- personal links and mails anyone can trigger (issue 9: mail-bombing a third party) ---------


def test_sending_a_link_again_keeps_the_links_sent_before_working(category):
    register(category, 0)
    first = last_token("alex0@example.org")
    register(category, 0, first_name="Alexa")  # the same address again (not a double click): its link is sent again
    second = last_token("alex0@example.org")
    services.registration_resend_links(email="alex0@example.org")
    third = last_token("alex0@example.org")
    assert len({first, second, third}) == 3
    assert "Früher gesendete Links funktionieren weiterhin." in OutboxMail.objects.order_by("-id").first().body_text
    for token in (first, second, third):
        assert selectors.registration_get_by_token(token=token).email == "alex0@example.org"
    assert services.registration_confirm(token=first).status == Status.CONFIRMED


def test_mails_to_one_address_that_anyone_can_trigger_are_limited_silently(category, settings):
    settings.SELF_SERVICE_MAILS_PER_HOUR = 3
    register(category, 0)  # the first mail of a new registration always goes
    outcomes = [register(category, 0, first_name=f"Alex{i}").kind for i in range(5)]
    resent = [services.registration_resend_links(email="alex0@example.org") for _ in range(5)]
    assert outcomes == ["existing"] * 5  # the same answer whether a mail went out or not
    assert resent == [0] * 5
    assert len(subjects("alex0@example.org")) == 1 + 3
    assert AuditEntry.objects.filter(action="registration_link_resent").count() == 3
    # another address is not affected
    register(category, 1)
    assert services.registration_resend_links(email="alex1@example.org") == 1


def test_personal_link_expires_with_the_event_and_is_purged(category, settings):
    settings.PERSONAL_LINK_DAYS_AFTER_END = 90
    register(category, 0)
    token = last_token("alex0@example.org")
    ends_at = category.event.ends_at
    assert selectors.registration_get_by_token(token=token, now=ends_at + datetime.timedelta(days=89)) is not None
    assert selectors.registration_get_by_token(token=token, now=ends_at + datetime.timedelta(days=90)) is None
    assert personal_links_purge_expired(now=ends_at + datetime.timedelta(days=89)) == 0
    assert personal_links_purge_expired(now=ends_at + datetime.timedelta(days=91)) == 1
    assert selectors.registration_get_by_token(token=token) is None
    assert Registration.objects.count() == 1  # the registration itself stays (its retention is another matter)


# ---------------------------------------------------------------------------------------------
# Seat squatting: unconfirmed sign-ups hold a seat only briefly, and only a few at a time


def test_seat_squatting_invented_addresses_hold_the_seats_for_30_minutes_only():
    """20 invented addresses from different domains take all 20 seats; 31 minutes later the next
    real person gets a seat, not the waiting list."""
    category = TicketCategoryFactory(capacity=20)
    for n in range(20):
        register(category, n, email=f"erfunden{n}@domain{n}.example")
    assert selectors.category_availability(category=category).is_full
    later = timezone.now() + datetime.timedelta(minutes=31)
    assert not selectors.category_availability(category=category, now=later).is_full
    real = services.registration_create(event=category.event, data=registration_input(category, 99, join_waitlist=True), now=later)
    assert real.kind == "created"
    assert real.registration.status == Status.UNCONFIRMED


def test_unconfirmed_after_its_hold_keeps_its_link_and_gets_a_free_seat(category):
    registration = register(category).registration
    later = timezone.now() + datetime.timedelta(minutes=31)
    assert services.registrations_expire_due(now=later) == 1
    registration.refresh_from_db()
    assert registration.status == Status.UNCONFIRMED and registration.hold_until is None
    assert selectors.category_availability(category=category, now=later).taken == 0
    assert AuditEntry.objects.filter(action="registration_hold_lapsed").count() == 1
    confirmed = services.registration_confirm(token=last_token("alex0@example.org"), now=later)
    assert confirmed.status == Status.CONFIRMED


def test_unconfirmed_after_its_hold_joins_the_waiting_list_when_full(category):
    late = register(category, 0).registration
    later = timezone.now() + datetime.timedelta(minutes=31)
    services.registrations_expire_due(now=later)
    for n in (1, 2):
        services.registration_create(event=category.event, data=registration_input(category, n), now=later)
    confirmed = services.registration_confirm(token=last_token("alex0@example.org"), now=later)
    assert confirmed.pk == late.pk
    assert confirmed.status == Status.WAITLISTED
    assert selectors.category_availability(category=category, now=later).taken == 2


def test_unconfirmed_link_expires_after_the_events_hours_to_confirm(category):
    registration = register(category).registration
    services.registrations_expire_due(now=timezone.now() + datetime.timedelta(minutes=31))
    services.registrations_expire_due(now=timezone.now() + datetime.timedelta(hours=category.event.hold_hours, minutes=1))
    registration.refresh_from_db()
    assert registration.status == Status.EXPIRED
    with pytest.raises(errors.InvalidTransition):
        services.registration_confirm(token=last_token("alex0@example.org"))


def test_unconfirmed_signups_are_limited_per_email_domain_and_event(settings):
    """Only unconfirmed sign-ups that hold a seat count: the many real users of a free-mail domain
    who confirm are never limited."""
    settings.SIGNUP_LIMIT_PER_DOMAIN = 3
    category = TicketCategoryFactory(capacity=20)
    for n in range(3):
        register(category, n, email=f"person{n}@GMX.de")
    with pytest.raises(errors.TooManyUnconfirmed):
        register(category, 3, email="person3@gmx.de")
    assert "bestätigen Sie diese zuerst" in str(errors.TooManyUnconfirmed.message)
    register(category, 4, email="person4@web.de")  # another domain
    register(TicketCategoryFactory(capacity=20), 5, email="person5@gmx.de")  # another event
    services.registration_confirm(token=last_token("person0@GMX.de"))
    register(category, 6, email="person6@gmx.de")  # a confirmed one no longer counts
    later = timezone.now() + datetime.timedelta(minutes=31)
    services.registration_create(event=category.event, data=registration_input(category, 7, email="person7@gmx.de"), now=later)
    assert Registration.objects.filter(event=category.event, email_normalized__endswith="@gmx.de").count() == 5


def test_the_same_registration_again_within_moments_is_a_double_submission_without_a_second_mail(category):
    """A double click or a reload: the registration of a moment ago, no second mail; after the
    repeat window, or with other data, the link is sent again."""
    first = register(category).registration
    repeat = register(category, email="ALEX0@example.org")
    assert (repeat.kind, repeat.registration.pk) == ("existing", first.pk)
    assert len(subjects("alex0@example.org")) == 1
    later = timezone.now() + services.REPEAT_WINDOW + datetime.timedelta(seconds=1)
    services.registration_create(event=category.event, data=registration_input(category), now=later)
    assert len(subjects("alex0@example.org")) == 2


def test_registered_address_gets_its_link_again_not_a_refusal(category, settings):
    """A full category without the waiting-list box, or the per-domain limit: someone registered
    already gets their link again (as before any refusal), someone new the refusal."""
    settings.SIGNUP_LIMIT_PER_DOMAIN = 1
    first = register(category, 0).registration
    register(category, 1, email="alex1@example.net")
    assert selectors.category_availability(category=category).is_full
    again = register(category, 0, first_name="Alexa")  # full, no box
    assert (again.kind, again.registration.pk) == ("existing", first.pk)
    with pytest.raises(errors.CapacityExhausted):
        register(category, 2)
    roomy = TicketCategoryFactory(event=category.event, capacity=50)
    with pytest.raises(errors.TooManyUnconfirmed):
        register(roomy, 3)  # a second unconfirmed one from example.org
    again = services.registration_create(event=category.event, data=registration_input(roomy, 0, first_name="Alexa"))
    assert (again.kind, again.registration.pk) == ("existing", first.pk)
    assert Registration.objects.count() == 2
    assert len(subjects("alex0@example.org")) == 3


def test_registration_after_an_unconfirmed_hold_ran_out_replaces_it(category):
    """The earlier unconfirmed registration of the address whose hold has run out expires, and the
    new one is made (the unique constraint first refuses the insert; the attempt is repeated)."""
    stale = register(category, 0).registration
    later = timezone.now() + datetime.timedelta(hours=category.event.hold_hours + 1)
    outcome = services.registration_create(event=category.event, data=registration_input(category, 0), now=later)
    stale.refresh_from_db()
    assert outcome.kind == "created" and outcome.registration.pk != stale.pk
    assert stale.status == Status.EXPIRED
    assert Registration.objects.filter(status=Status.UNCONFIRMED).get().pk == outcome.registration.pk
