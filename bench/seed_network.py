"""Fills the benchmark database with network profiles and their offers and needs, quickly.

    python bench/seed_network.py --profiles 5000 --entries 20000 --paths OUT/paths-search.txt

Profiles, offers and needs are generated from German phrase lists per topic (deterministic: the same
seed gives the same data), so that the search has a realistic selectivity: "Wasserstoff" is in about
a fifth of the profiles, "Elektrolyseur" in a few percent. Rows are written with bulk_create; the
search text and stems come from network.search.profile_search_refresh, exactly as the services write
them. Visibility as on a live site: most profiles public, some for participants of an event only,
some hidden, hidden by staff or unconfirmed (the directory must leave all these out). A tenth of the
profiles are linked to registrations of one event (the event filter). With --paths, writes the
directory addresses the benchmark asks for (searches with and without filters, both lists), one a
line, in a fixed random order.
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

from revier.core.cache import content_changed  # noqa: E402
from revier.core.models import Topic  # noqa: E402
from revier.events import services as event_services  # noqa: E402
from revier.events.models import Event, TicketCategory  # noqa: E402
from revier.network.models import Profile, ProfileEntry, ProfileRegistration  # noqa: E402
from revier.network.search import profile_search_refresh  # noqa: E402


TOPICS = {
    "wasserstoff": ("Wasserstoff", ["Elektrolyseur", "Wasserstofftankstelle", "Brennstoffzelle", "grünen Wasserstoff",
                                    "Elektrolyse-Stacks", "Wasserstoffspeicher", "Ammoniak"]),
    "waermewende": ("Wärmewende", ["Großwärmepumpe", "Fernwärmenetz", "Abwärme", "Wärmeplanung", "Solarthermie",
                                   "Geothermie", "Quartierswärme"]),
    "ccs-ccu": ("CCS/CCU", ["CO2-Abscheidung", "Kohlendioxid-Speicherung", "Methanolsynthese", "Kalkwerk",
                            "Zementindustrie", "Pipeline für CO2"]),
    "photonik": ("Optik und Photonik", ["Lasertechnik", "Optische Messtechnik", "Mikrooptik", "Photonik-Chips",
                                        "Bildverarbeitung", "Glasfaser"]),
    "fachkraefte": ("Fachkräfte", ["Ausbildungsplätze", "Weiterbildung", "Elektroniker", "Mechatronikerin",
                                   "Fachkräfteverbund", "Umschulung", "Duales Studium"]),
    "foerderung": ("Förderung", ["Förderantrag", "Strukturstärkungsgesetz", "Investitionszuschuss", "Verbundprojekt",
                                 "Förderberatung", "Innovationsgutschein"]),
    "kreislaufwirtschaft": ("Kreislaufwirtschaft", ["Recycling", "Batterierecycling", "Sekundärrohstoffe",
                                                    "Klärschlamm", "Biogas", "Kunststoffrecycling"]),
    "digitalisierung": ("Digitalisierung", ["Digitaler Zwilling", "Datenplattform", "Künstliche Intelligenz",
                                            "Sensorik", "Cloud-Infrastruktur", "IT-Sicherheit"]),
}
OFFER_PHRASES = [
    "Wir bieten {term} für Unternehmen in der Region an.",
    "Prüfung und Beratung rund um {term}, auch kurzfristig.",
    "Unser Labor unterstützt bei {term} mit Prüfständen und Personal.",
    "Erfahrung aus zehn Projekten mit {term} im Mittelstand.",
]
NEED_PHRASES = [
    "Wir suchen Partner für {term} in einem Pilotprojekt.",
    "Gesucht: Erfahrung mit {term} für unseren Standort.",
    "Für ein Verbundprojekt brauchen wir Kompetenz in {term}.",
    "Wer kann uns bei {term} unterstützen?",
]
OFFER_TITLES = ["{term}: Prüfung und Beratung", "Know-how zu {term}", "{term} für den Mittelstand", "Labor für {term}"]
NEED_TITLES = ["Partner für {term} gesucht", "{term} im Pilotbetrieb", "Unterstützung bei {term}", "Kooperation zu {term}"]
FIRST = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Kim", "Lena", "Marek",
         "Nora", "Ole", "Paula", "Rafael", "Sina", "Tom", "Uta"]
LAST = ["Albrecht", "Bauer", "Conrad", "Dietrich", "Engel", "Fischer", "Graf", "Hoffmann", "Illing", "Jahn", "Krüger",
        "Lehmann", "Möller", "Neumann", "Otto", "Pohl", "Richter", "Schulz", "Thiele", "Vogel", "Winkler", "Zimmermann"]
ORG_KINDS = [("kmu", "GmbH"), ("gross", "AG"), ("wissenschaft", "Institut"), ("verwaltung", "Stadtverwaltung"),
             ("kammer", "Kammer"), ("politik", "Büro"), ("zivil", "e. V."), ("sonstiges", "Netzwerk")]
PLACES = [("mitteldeutsch", ["Leipzig", "Halle (Saale)", "Zeitz", "Leuna", "Bitterfeld-Wolfen", "Burgenlandkreis"]),
          ("lausitz", ["Cottbus", "Görlitz", "Hoyerswerda", "Weißwasser", "Spremberg", "Senftenberg"]),
          ("rheinisch", ["Düren", "Aachen", "Bergheim", "Grevenbroich", "Jülich", "Rhein-Erft-Kreis"])]
# A share of profiles per visibility state (the rest: confirmed and public).
STATES = [("participants", 0.10), ("hidden", 0.05), ("staff_hidden", 0.02), ("unconfirmed", 0.03)]


def _topics() -> dict[str, Topic]:
    found = {}
    for position, (slug, (name, _terms)) in enumerate(TOPICS.items()):
        topic = Topic.objects.filter(slug=slug).first() or Topic.objects.filter(name=name).first()
        found[slug] = topic or Topic.objects.create(name=name, slug=slug, position=100 + position)
    return found


def _event(now) -> tuple[Event, TicketCategory]:
    start = (now + datetime.timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = event_services.event_save(event=Event(
        slug="bench-gespraechsboerse", title="Gesprächsbörse im Revier", starts_at=start,
        ends_at=start + datetime.timedelta(hours=8), city="Leipzig", region="mitteldeutsch",
        status=Event.Status.PUBLISHED, description="Benchmark",
        registration_opens_at=now - datetime.timedelta(days=1), registration_closes_at=now + datetime.timedelta(days=20),
    )) or Event.objects.get(slug="bench-gespraechsboerse")
    category = event_services.ticket_category_save(category=TicketCategory(event=event, name="Teilnahme", capacity=None))
    return event, category


def _state(rng) -> str:
    roll, total = rng.random(), 0.0
    for state, share in STATES:
        total += share
        if roll < total:
            return state
    return "public"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--paths", help="write the benchmark's directory addresses to this file")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    now = timezone.now()
    began = time.monotonic()
    topics = _topics()
    slugs = list(TOPICS)
    event, category = _event(now)

    profiles, profile_topics, plans = [], [], []
    for n in range(args.profiles):
        kind, suffix = rng.choice(ORG_KINDS)
        region, places = rng.choice(PLACES)
        place = rng.choice(places)
        main_topics = rng.sample(slugs, k=rng.choice([1, 1, 2, 3]))
        term = rng.choice(TOPICS[main_topics[0]][1])
        state = _state(rng)
        profiles.append(Profile(
            first_name=rng.choice(FIRST), last_name=rng.choice(LAST), function=rng.choice(["Geschäftsführerin",
            "Projektleiter", "Referentin", "Leiter Forschung", ""]),
            organisation=f"{rng.choice(LAST)} {term.split()[0]} {suffix} {n}", kind=kind, region=region,
            district=place, description=f"Wir arbeiten in {place} an {term} und {TOPICS[main_topics[-1]][0]}.",
            email=f"bench-{n:06d}@example.org", email_normalized=f"bench-{n:06d}@example.org",
            visibility={"participants": "participants", "hidden": "hidden"}.get(state, "public"),
            status="unconfirmed" if state == "unconfirmed" else "confirmed",
            confirm_until=now + datetime.timedelta(hours=24) if state == "unconfirmed" else None,
            confirmed_at=None if state == "unconfirmed" else now, hidden_by_staff=state == "staff_hidden",
            is_synthetic=True,
        ))
        plans.append(main_topics)
    with transaction.atomic():
        Profile.objects.bulk_create(profiles, batch_size=1000)
        through = Profile.topics.through
        for profile, main_topics in zip(profiles, plans, strict=True):
            profile_topics.extend(through(profile_id=profile.pk, topic_id=topics[s].pk) for s in main_topics)
        through.objects.bulk_create(profile_topics, batch_size=2000)

        entries, entry_topics = [], []
        for n in range(args.entries):
            index = n % len(profiles) if n < len(profiles) else rng.randrange(len(profiles))
            profile, main_topics = profiles[index], plans[index]
            slug = rng.choice(main_topics) if rng.random() < 0.8 else rng.choice(slugs)
            term = rng.choice(TOPICS[slug][1])
            offer = rng.random() < 0.5
            entries.append(ProfileEntry(
                profile=profile, direction="offer" if offer else "need", position=n,
                title=rng.choice(OFFER_TITLES if offer else NEED_TITLES).format(term=term),
                text=" ".join(rng.choice(OFFER_PHRASES if offer else NEED_PHRASES).format(term=rng.choice(TOPICS[slug][1]))
                              for _ in range(rng.randint(1, 3))),
            ))
            entry_topics.append(slug)
        ProfileEntry.objects.bulk_create(entries, batch_size=2000)
        through = ProfileEntry.topics.through
        through.objects.bulk_create(
            [through(profileentry_id=entry.pk, topic_id=topics[slug].pk) for entry, slug in zip(entries, entry_topics, strict=True)],
            batch_size=2000,
        )
        ids = [profile.pk for profile in profiles]
        for start in range(0, len(ids), 500):
            profile_search_refresh(profile_ids=ids[start : start + 500])

    # A tenth of the profiles registered for the event (the event filter).
    linked = profiles[: max(1, len(profiles) // 10)]
    for n, profile in enumerate(linked):
        registration = event_services.registration_import(
            event=event,
            data=event_services.RegistrationInput(
                category_id=category.pk, first_name=profile.first_name, last_name=profile.last_name,
                email=profile.email, sector=profile.kind, organisation=profile.organisation,
            ),
            registered_at=now - datetime.timedelta(minutes=n),
        )
        ProfileRegistration.objects.create(profile_id=profile.pk, registration=registration)
    content_changed()
    print(f"# seeded {len(profiles)} profiles, {len(entries)} offers and needs in {time.monotonic() - began:.1f} s",
          file=sys.stderr)

    if args.paths:
        words = [term for _name, terms in TOPICS.values() for term in terms] + [
            "Wasserstoff", "Elektrolyseure", "Wärmepumpen", "Fachkräfte", "Förderung", "Prüfstände", "Pilotprojekt",
            "Leipzig", "Cottbus", "Labor", "Recycling Leipzig", "Wasserstoff Lausitz", "Beratung Förderantrag",
        ]
        paths = []
        for _ in range(2000):
            params = {"q": rng.choice(words)}
            if rng.random() < 0.3:
                params["richtung"] = rng.choice(["bietet", "sucht"])
            if rng.random() < 0.2:
                params["thema"] = rng.choice(slugs)
            if rng.random() < 0.2:
                params["region"] = rng.choice(PLACES)[0]
            if rng.random() < 0.1:
                params["art"] = rng.choice(ORG_KINDS)[0]
            if rng.random() < 0.05:
                params["veranstaltung"] = event.slug
            if rng.random() < 0.1:
                params["page"] = str(rng.randint(2, 5))
            base = "/netzwerk/angebote-und-gesuche/" if rng.random() < 0.4 else "/netzwerk/verzeichnis/"
            paths.append(f"{base}?{urlencode(params)}")
        Path(args.paths).write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")


if __name__ == "__main__":
    main()
