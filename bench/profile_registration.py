"""In-process profile of the registration rush (issue 9, section 4): what one request of each kind
costs, without a server, single-threaded, deterministic where it can be.

  .venv/bin/python bench/profile_registration.py [--posts 60] [--batch 20] [--only refused,accepted-waitlist]
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/revier_x .venv/bin/python bench/profile_registration.py

A fresh database is made and migrated (Django's test database next to DATABASE_URL: SQLite by default,
var/test-<pid>.sqlite3; for PostgreSQL test_<name>_<pid>, dropped at the end). The events are
bench/seed_events.py's rush events, written through the services the same way. The server settings
are those of bench/registrations.sh (DEBUG off, rate limits off, the per-domain limit lifted, no page
cache, local-memory cache, manifest static files collected once into var/profile-static). Requests go through Django's test client with the whole middleware
stack; the form posted is the one bench/rush_client.py builds from the rendered page (so the
profile posts exactly what the benchmark posts). Kinds of request:

  healthz            GET /healthz (the ceiling of the benchmarks)
  form               GET of the registration page of the 50-seat event (full, waiting list possible)
  personal-link      GET of a registration's self-service page (/veranstaltungen/anmeldung/<token>/)
  refused            POST without the waiting-list box to the full 50-seat event: 200, "ausgebucht"
  accepted-waitlist  POST with the box to the full 50-seat event: a waiting-list place, 302
                     (1,950 of the 2,000 posts of issue 4's rush)
  accepted-seat      POST to a category with 1,000,000 seats: a seat held, 302 (the first 50)
  accepted-seat-without-box
                     the same without the waiting-list box (the first 50 of the rush with refusals)
  accepted-unlimited POST to the category without a limit: a seat, 302

Each kind: two warm-up requests, then `--posts` requests timed (CPU time, time.process_time, in
batches of `--batch`; the table shows the fastest batch's ms per request, the least disturbed by
other processes), then `--posts` more under cProfile (Python calls per request: deterministic), then
`--posts` more counting SQL statements. Every POST uses a new address (profile-<kind>-<n>@example.org),
so the waiting list grows during the run as it does in the rush.

Prints a Markdown table; `--profile KIND` also prints the top functions of KIND by cumulative time.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "bench"))
os.environ["DJANGO_SETTINGS_MODULE"] = "revier.settings"
os.environ["DEBUG"] = "False"
os.environ.setdefault("SECRET_KEY", "profile-only-" + "x" * 40)
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8766")
os.environ["RATELIMIT_ENABLED"] = "false"
os.environ["SIGNUP_LIMIT_PER_DOMAIN"] = "1000000"
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ["REDIS_URL"] = ""
os.environ.setdefault("LOG_LEVEL", "WARNING")
# Manifest static files as on the benchmark's server, collected once into their own folder.
os.environ["STATIC_ROOT"] = os.path.join(ROOT, "var", "profile-static")

import django  # noqa: E402

django.setup()

import re  # noqa: E402
import urllib.parse  # noqa: E402

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

KINDS = ["healthz", "form", "personal-link", "refused", "accepted-waitlist", "accepted-seat", "accepted-seat-without-box",
         "accepted-unlimited"]
PERSONAL_LINK = re.compile(r"/veranstaltungen/anmeldung/([A-Za-z0-9_\-]+)/")


def _setup():
    from django.utils import timezone

    from revier.core.models import OutboxMail
    from revier.events import services
    from seed_events import _category, _event

    now = timezone.now()
    full = _event("bench-ansturm-50", "Ansturm mit Warteliste", now)
    full_category = _category(full, "Teilnahme vor Ort", 50)
    big = _event("bench-ansturm-gross", "Ansturm mit vielen Plätzen", now)
    _category(big, "Teilnahme vor Ort", 1_000_000)
    unlimited = _event("bench-ansturm-unbegrenzt", "Ansturm ohne Begrenzung", now)
    _category(unlimited, "Online-Teilnahme", None)
    for n in range(50):  # the seats are taken: what follows is the rush after its first 50 posts
        services.registration_create(event=full, data=services.RegistrationInput(
            category_id=full_category.pk, first_name="Bench", last_name=f"Sitz {n}",
            email=f"sitz-{n:05d}@example.org", sector="kmu"))
    email = "bench-persoenlich@example.org"
    services.registration_create(event=unlimited, data=services.RegistrationInput(
        category_id=unlimited.categories.get().pk, first_name="Bench", last_name="Persönlich", email=email,
        sector="kmu", organisation="Bench GmbH"))
    mail = OutboxMail.objects.filter(to__icontains=email).latest("pk")
    token = PERSONAL_LINK.search(mail.body_text).group(1)
    return {"full": full.slug, "big": big.slug, "unlimited": unlimited.slug, "token": token}


def _requests(kind: str, seeded: dict, client: Client):
    """(make_request(n) -> response, expected status, a text the answer must contain)."""
    from rush_client import WAITLIST_FIELD, form_template

    if kind == "healthz":
        return (lambda n: client.get("/healthz")), 200, None
    if kind == "personal-link":
        path = f"/veranstaltungen/anmeldung/{seeded['token']}/"
        return (lambda n: client.get(path)), 200, "Bench"
    slug = {"refused": "full", "accepted-waitlist": "full", "form": "full", "accepted-seat": "big",
            "accepted-seat-without-box": "big", "accepted-unlimited": "unlimited"}[kind]
    path = f"/veranstaltungen/{seeded[slug]}/anmelden/"
    if kind == "form":
        return (lambda n: client.get(path)), 200, "Warteliste"
    page = client.get(path).content.decode()
    template = form_template(page, None)
    if kind in ("refused", "accepted-seat-without-box"):
        template = [(name, value) for name, value in template if name != WAITLIST_FIELD]

    def post(n):
        email = f"profile-{kind}-{n:05d}@example.org"
        fields = [(k, email if v == "__EMAIL__" else (f"{v} {n}" if k == "last_name" else v)) for k, v in template]
        return client.post(path, urllib.parse.urlencode(fields), content_type="application/x-www-form-urlencoded")

    return post, (200 if kind == "refused" else 302), ("ausgebucht" if kind == "refused" else None)


def _check(response, status, text, kind):
    if response.status_code != status or (text and text not in response.content.decode()):
        raise SystemExit(f"{kind}: unexpected answer {response.status_code} (expected {status}, {text!r}): {response.content.decode()[-3000:]}")


def measure(kind: str, seeded: dict, *, posts: int, batch: int, show_profile: bool) -> dict:
    client = Client()
    request, status, text = _requests(kind, seeded, client)
    counter = iter(range(10**6))
    for _ in range(2):
        _check(request(next(counter)), status, text, kind)
    ms = []
    for _ in range(max(1, posts // batch)):
        numbers = [next(counter) for _ in range(batch)]
        began = time.process_time()
        for n in numbers:
            response = request(n)
        ms.append((time.process_time() - began) * 1000 / batch)
        _check(response, status, text, kind)
    profile = cProfile.Profile()
    numbers = [next(counter) for _ in range(posts)]
    profile.enable()
    for n in numbers:
        request(n)
    profile.disable()
    stats = pstats.Stats(profile)
    if show_profile:
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(int(os.environ.get("PROFILE_LINES", "45")))
        print(out.getvalue(), file=sys.stderr)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(posts):
            _check(request(next(counter)), status, text, kind)
    return {
        "kind": kind,
        "ms": min(ms),
        "ms_median": sorted(ms)[len(ms) // 2],
        "calls": stats.total_calls / posts,
        "queries": len(queries.captured_queries) / posts,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=60)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--only", default="", help="comma-separated kinds (default: all)")
    parser.add_argument("--profile", default="", help="print the cProfile top functions of this kind")
    args = parser.parse_args()
    kinds = [k for k in args.only.split(",") if k] or KINDS
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise SystemExit(f"unknown kinds {sorted(unknown)}; known: {KINDS}")

    if not os.path.exists(os.path.join(os.environ["STATIC_ROOT"], "staticfiles.json")):
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    creation = connection.creation
    test_name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        seeded = _setup()
        rows = [measure(kind, seeded, posts=args.posts, batch=args.batch, show_profile=kind == args.profile)
                for kind in kinds]
    finally:
        creation.destroy_test_db(test_name, verbosity=0)
    print(f"{connection.vendor}, {args.posts} requests per kind, CPU ms: fastest batch of {args.batch} (median)")
    print()
    print("| request | ms / request (CPU, in process) | Python calls / request | SQL statements / request |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print(f"| {row['kind']} | {row['ms']:.2f} ({row['ms_median']:.2f}) | {row['calls']:,.0f} | {row['queries']:.1f} |")


if __name__ == "__main__":
    main()
