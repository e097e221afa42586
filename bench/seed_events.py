"""Events for bench/registrations.sh, written through the services like real data:

  bench-ansturm-50           one category with 50 seats, registration open: the rush with a waiting list
  bench-ausgebucht-50        the same for the rush without the waiting-list box: 50 seats, then refusals
  bench-ansturm-unbegrenzt   one category without a limit, registration open
  bench-programm             40 program items in two rooms, 10 speakers, two questions, two categories
                             and 1,000 confirmed registrations: the event page under load

Prints the slugs as shell assignments (RUSH_SLUG=…), which the benchmark evaluates.
"""

import argparse
import datetime
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from revier.events import services  # noqa: E402
from revier.events.models import Event, ProgramItem, Question, Speaker, TicketCategory  # noqa: E402
from revier.news.models import Topic  # noqa: E402


def _event(slug: str, title: str, now) -> Event:
    start = (now + datetime.timedelta(days=40)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = Event(
        slug=slug, title=title, subtitle="Benchmark", starts_at=start, ends_at=start + datetime.timedelta(hours=8),
        venue_name="Kulturhaus Leuna", street="Spergauer Straße 41a", postcode="06237", city="Leuna",
        region="mitteldeutsch", status=Event.Status.PUBLISHED,
        description="Eine Veranstaltung für den **Benchmark**.\n\n" + "Ein Absatz Beschreibung. " * 40,
        registration_opens_at=now - datetime.timedelta(hours=1),
        registration_closes_at=now + datetime.timedelta(days=30),
    )
    services.event_save(event=event)
    event.topics.set(Topic.objects.filter(slug__in=["wasserstoff", "veranstaltungen"]))
    return event


def _category(event: Event, name: str, capacity: int | None, position: int = 0) -> TicketCategory:
    return services.ticket_category_save(
        category=TicketCategory(event=event, name=name, capacity=capacity, position=position)
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--registrations", type=int, default=1000)
    args = parser.parse_args()
    now = timezone.now()
    began = time.monotonic()

    rush = _event("bench-ansturm-50", "Ansturm mit Warteliste", now)
    _category(rush, "Teilnahme vor Ort", args.capacity)
    refusals = _event("bench-ausgebucht-50", "Ansturm ohne Warteliste", now)
    _category(refusals, "Teilnahme vor Ort", args.capacity)
    unlimited = _event("bench-ansturm-unbegrenzt", "Ansturm ohne Begrenzung", now)
    _category(unlimited, "Online-Teilnahme", None)

    page = _event("bench-programm", "Konferenz mit großem Programm", now)
    onsite = _category(page, "Teilnahme vor Ort", args.registrations + 200)
    _category(page, "Online-Teilnahme", None, position=1)
    workshop = services.question_save(question=Question(
        event=page, text="Welchen Workshop möchten Sie besuchen?", kind="single", choices="A\nB\nC", position=0))
    services.question_save(question=Question(event=page, text="Wünsche zur Verpflegung?", kind="text", position=1))
    speakers = [
        services.speaker_save(speaker=Speaker(name=f"Referentin {n}", function="Funktion", organisation="Beispiel GmbH",
                                              bio="Kurzbiografie. " * 10))
        for n in range(10)
    ]
    rooms = ["Großer Saal", "Seminarraum 1"]
    slot = datetime.timedelta(minutes=20)
    for n in range(args.items):
        starts = page.starts_at + slot * (n // 2)
        item = ProgramItem(event=page, title=f"Programmpunkt {n + 1}: Wasserstoff und Wärmewende im Mittelstand",
                           starts_at=starts, ends_at=starts + slot, kind="vortrag", room=rooms[n % 2],
                           description="Eine kurze Beschreibung des Programmpunkts. " * 3)
        services.program_item_save(item=item, speakers=[speakers[n % 10], speakers[(n + 3) % 10]])
    for n in range(args.registrations):
        services.registration_import(
            event=page,
            data=services.RegistrationInput(
                category_id=onsite.pk, first_name="Teilnehmerin", last_name=f"Nummer {n}",
                email=f"seite-{n:05d}@example.org", sector="kmu", organisation="Beispiel GmbH",
                answers={str(workshop.pk): "ABC"[n % 3]},
            ),
            registered_at=now - datetime.timedelta(minutes=n),
        )
    print(f"# seeded in {time.monotonic() - began:.1f} s", file=sys.stderr)
    print(f"RUSH_SLUG={rush.slug}")
    print(f"REFUSAL_SLUG={refusals.slug}")
    print(f"UNLIMITED_SLUG={unlimited.slug}")
    print(f"PAGE_SLUG={page.slug}")


if __name__ == "__main__":
    main()
