"""Events with program items and speakers, and free tickets, for bench/portal_search.sh; and the
portal search's addresses the benchmark asks for.

    python bench/seed_portal_search.py --events 1000 --items 6 --speakers 400 --paths OUT/paths.txt

Events are saved through events.services.event_save (rendered description, audit entry) and
contingents through contingents.services.contingent_save, as real data; program items, speakers and
their links are written with bulk_create (their services add validation and an audit entry, nothing
the search reads). Titles and texts come from the network seed's German vocabulary per topic
(bench/seed_network.py TOPICS), so that a word is in events, articles and profiles alike. 5 % of the
events are drafts (the search must leave them out), a tenth is in the past.

With --paths, writes the search addresses (/suche/?q=…), one a line, in a fixed random order: a
topic's word or one of its terms, two words, a word's beginning, a misspelt word (nothing found:
"Meinten Sie …"), some filtered to one kind, some on a later page of a kind.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_network import PLACES, TOPICS  # noqa: E402

from revier.contingents import services as contingent_services  # noqa: E402
from revier.contingents.models import Contingent  # noqa: E402
from revier.core.cache import content_changed  # noqa: E402
from revier.core.site_search import search_providers  # noqa: E402
from revier.events import services as event_services  # noqa: E402
from revier.events.models import Event, ProgramItem, Speaker  # noqa: E402

EVENT_TITLES = ["Fachtag {name}", "{name} im Revier", "Werkstattgespräch: {term}", "Konferenz {name} {year}",
                "{term} in der Praxis", "Netzwerktreffen {name}"]
ITEM_TITLES = ["{term}: Stand und Perspektiven", "Podium: {term} im Mittelstand", "Workshop {term}",
               "Praxisbericht {term}", "Keynote: {name} als Chance"]
DESCRIPTIONS = ["Ein Tag mit **Vorträgen** und Gesprächen zu {term} und {term2}.",
                "Unternehmen, Hochschulen und Verwaltung berichten, was {term} in der Region verändert.",
                "Wir zeigen Beispiele zu {term} und laden zum Austausch über {term2} ein."]
FIRST = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Lena", "Marek"]
LAST = ["Albrecht", "Bauer", "Conrad", "Dietrich", "Engel", "Fischer", "Graf", "Hoffmann", "Jahn", "Krüger"]
MISSPELT = ["Wasserstof", "Wasserstuff", "Geothermi", "Fachkraefte", "Elektrolyzeur", "Brenstoffzelle",
            "Recyclink", "Digitalisirung", "Waermepumpe", "Photonick", "Sensorick", "Kreislaufwirtschat"]


def _vocabulary() -> list[tuple[str, list[str]]]:
    return [(name, terms) for name, terms in TOPICS.values()]


def seed(*, events: int, items: int, speakers: int, contingents: int, rng: random.Random) -> None:
    topics = _vocabulary()
    now = timezone.now()
    with transaction.atomic():
        people = Speaker.objects.bulk_create([
            Speaker(name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}", slug=f"bench-referent-{n}",
                    academic_title=rng.choice(["", "", "Dr.", "Prof. Dr."]),
                    function=rng.choice(["Geschäftsführerin", "Projektleiter", "Referentin", "Professor"]),
                    organisation=f"{rng.choice(topics)[0]} GmbH",
                    bio=f"Arbeitet seit Jahren zu {rng.choice(rng.choice(topics)[1])}.")
            for n in range(speakers)
        ], batch_size=500)
    saved = []
    for n in range(events):
        name, terms = rng.choice(topics)
        term, term2 = rng.sample(terms, 2)
        days = rng.randint(-120, 400) if n % 10 == 0 else rng.randint(1, 400)
        start = (now + datetime.timedelta(days=days)).replace(hour=9, minute=0, second=0, microsecond=0)
        region, places = rng.choice(PLACES)
        event = Event(
            title=rng.choice(EVENT_TITLES).format(name=name, term=term, year=2026 + n % 3) + f" {n}",
            subtitle=f"{term} und {term2}", starts_at=start, ends_at=start + datetime.timedelta(hours=7),
            venue_name="Kulturhaus", city=rng.choice(places), region=region,
            description=rng.choice(DESCRIPTIONS).format(term=term, term2=term2),
            status=Event.Status.DRAFT if n % 20 == 7 else Event.Status.PUBLISHED,
        )
        saved.append((event_services.event_save(event=event), name, terms))
    with transaction.atomic():
        program = []
        for event, name, terms in saved:
            for i in range(items):
                term = rng.choice(terms)
                begins = event.starts_at + datetime.timedelta(minutes=45 * i)
                program.append(ProgramItem(
                    event=event, starts_at=begins, ends_at=begins + datetime.timedelta(minutes=40),
                    title=rng.choice(ITEM_TITLES).format(term=term, name=name),
                    description=f"Wie {term} gelingt: Beispiele aus {rng.choice(rng.choice(PLACES)[1])}.",
                ))
        program = ProgramItem.objects.bulk_create(program, batch_size=1000)
        links = ProgramItem.speakers.through
        links.objects.bulk_create([
            links(programitem_id=item.pk, speaker_id=rng.choice(people).pk) for item in program if rng.random() < 0.7
        ], batch_size=2000)
    for n in range(contingents):
        name, terms = rng.choice(topics)
        opens = now - datetime.timedelta(days=rng.randint(1, 30))
        contingent_services.contingent_save(contingent=Contingent(
            title=f"Freikarten {name} {n}", partner_event_title=f"Messe {rng.choice(terms)} {n}",
            partner_event_starts_on=(now + datetime.timedelta(days=60)).date(),
            partner_event_ends_on=(now + datetime.timedelta(days=61)).date(), partner_event_place="Leipzig",
            partner_name="Messe Leipzig GmbH", partner_url="https://example.org/messe", size=50,
            status=Contingent.Status.PUBLISHED, opens_at=opens, closes_at=opens + datetime.timedelta(days=rng.randint(5, 60)),
        ))
    content_changed()


def search_paths(*, count: int, rng: random.Random) -> list[str]:
    words = [name for name, _terms in _vocabulary()] + [term for _name, terms in _vocabulary() for term in terms]
    kinds = [provider.kind for provider in search_providers()]
    paths = set()
    while len(paths) < count:
        roll = rng.random()
        if roll < 0.1:
            query = rng.choice(MISSPELT)
        elif roll < 0.25:
            query = " ".join(rng.sample(words, 2))
        elif roll < 0.35:
            word = rng.choice(words)
            query = word[: max(4, len(word) - rng.randint(1, 4))]
        else:
            query = rng.choice(words) + ("" if rng.random() < 0.6 else f" {rng.choice(['Revier', 'Lausitz', 'Leipzig', 'Projekt'])}")
        params = {"q": query}
        if rng.random() < 0.3:
            params["art"] = rng.choice(kinds)
            if rng.random() < 0.4:
                params["page"] = str(rng.randint(2, 5))
        paths.add("/suche/?" + urlencode(params))
    ordered = sorted(paths)
    rng.shuffle(ordered)
    return ordered


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--items", type=int, default=6, help="program items per event")
    parser.add_argument("--speakers", type=int, default=400)
    parser.add_argument("--contingents", type=int, default=30)
    parser.add_argument("--searches", type=int, default=2000, help="how many different search addresses --paths writes")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--paths", help="write the benchmark's search addresses to this file")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    began = time.monotonic()
    if args.events:
        seed(events=args.events, items=args.items, speakers=args.speakers, contingents=args.contingents, rng=rng)
        print(f"# seeded {args.events} events with {args.items} program items each, {args.speakers} speakers, "
              f"{args.contingents} contingents in {time.monotonic() - began:.1f} s", file=sys.stderr)
    if args.paths:
        paths = search_paths(count=args.searches, rng=rng)
        Path(args.paths).write_text("\n".join(paths) + "\n", encoding="utf-8")
        print(f"# wrote {len(paths)} search addresses to {args.paths}", file=sys.stderr)


if __name__ == "__main__":
    main()
