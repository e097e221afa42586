"""A Gesprächsbörse for bench/faults.sh, written through the services like real data:

  bench-boerse   an event 40 days ahead with a published Gesprächsbörse (two sessions of eight
                 15-minute slots, TABLES tables), PEOPLE participants (confirmed registrations, each
                 with a profile linked to it) and open meeting requests between them

Each request's one-click link (the one the recipient gets by mail) is written to --links, one
address per line; the benchmark accepts them during the load as recipients would. More requests
than the tables can hold: after the tables are full, an accepted meeting stays unplaced (a success
too), and people over their maximum of meetings get the German refusal (409).
"""

import argparse
import datetime
import os
import random
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from revier.core.models import OutboxMail  # noqa: E402
from revier.events import services as event_services  # noqa: E402
from revier.events.models import Event, TicketCategory  # noqa: E402
from revier.network import services as network_services  # noqa: E402
from revier.network.meetings import errors as meeting_errors  # noqa: E402
from revier.network.meetings import services as meetings  # noqa: E402

SLUG = "bench-boerse"
REQUEST_LINK = re.compile(r"/netzwerk/gespraechsanfrage/[A-Za-z0-9_-]{20,}/")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=120)
    parser.add_argument("--tables", type=int, default=6)
    parser.add_argument("--requests-per-person", type=int, default=3)
    parser.add_argument("--links", required=True)
    args = parser.parse_args()
    began, now, rnd = time.monotonic(), timezone.now(), random.Random(13)

    start = timezone.localtime(now + datetime.timedelta(days=40)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = Event(
        slug=SLUG, title="Gesprächsbörse für den Benchmark", subtitle="Benchmark", starts_at=start,
        ends_at=start + datetime.timedelta(hours=8), venue_name="Kulturhaus Leuna", street="Spergauer Straße 41a",
        postcode="06237", city="Leuna", region="mitteldeutsch", status=Event.Status.PUBLISHED,
        description="Eine Veranstaltung mit Gesprächsbörse für den **Benchmark**.",
        registration_opens_at=now - datetime.timedelta(hours=1), registration_closes_at=now + datetime.timedelta(days=30),
    )
    event = event_services.event_save(event=event)
    category = event_services.ticket_category_save(
        category=TicketCategory(event=event, name="Teilnahme vor Ort", capacity=None, position=0)
    )
    people = []
    for n in range(args.people):
        email = f"boerse-{n:04d}@firma{n % 60}.example.org"
        registration = event_services.registration_import(
            event=event, registered_at=now - datetime.timedelta(minutes=n),
            data=event_services.RegistrationInput(
                category_id=category.pk, first_name="Kim", last_name=f"Börse {n}", email=email, sector="kmu",
                organisation=f"Beispiel GmbH {n}",
            ),
        )
        outcome = network_services.profile_create(
            email=email, registration_id=registration.pk, email_confirmed=True,
            data=network_services.ProfileInput(
                first_name="Kim", last_name=f"Börse {n}", organisation=f"Beispiel GmbH {n}", kind="kmu",
                region="mitteldeutsch", function="Geschäftsführerin", district="Saalekreis",
                description="Wir suchen Partner für Wasserstoffprojekte.", phone="", visibility="participants",
            ),
        )
        people.append(outcome.profile)
    day = start
    setup = meetings.setup_save(event=event, actor=None, data=meetings.SetupInput(
        enabled=True, slot_minutes=15,
        sessions=(meetings.SessionInput(starts_at=day.replace(hour=10), ends_at=day.replace(hour=12)),
                  meetings.SessionInput(starts_at=day.replace(hour=13, minute=30), ends_at=day.replace(hour=15, minute=30))),
        tables=tuple(meetings.TableInput(number=n) for n in range(1, args.tables + 1)),
        request_deadline=day - datetime.timedelta(days=1), max_open_requests=10, max_meetings=None,
    ))
    meetings.setup_publish(setup=setup, actor=None)
    first_mail = OutboxMail.objects.order_by("-id").values_list("id", flat=True).first() or 0
    sent = 0
    for sender in people:
        for recipient in rnd.sample(people, args.requests_per_person + 1):
            if recipient.pk == sender.pk:
                continue
            try:
                meetings.request_send(setup=setup, sender=sender, recipient_id=recipient.pk, message="Gern 15 Minuten.")
                sent += 1
            except meeting_errors.DuplicateRequest:
                pass  # the pair asked already the other way round
    links = sorted({match.group(0) for body in OutboxMail.objects.filter(id__gt=first_mail).values_list("body_text", flat=True)
                    for match in REQUEST_LINK.finditer(body)})
    assert len(links) == sent, (len(links), sent)
    rnd.shuffle(links)
    with open(args.links, "w") as out:
        out.write("".join(f"{link}\n" for link in links))
    print(f"# seeded {SLUG}: {len(people)} participants, {args.tables} tables x 16 slots, {sent} open requests "
          f"in {time.monotonic() - began:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
