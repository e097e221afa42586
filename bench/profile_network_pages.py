"""In-process profile of the network's public pages (issue 9, section 4): what one request of each
page type costs without a server, single-threaded, with the page cache off and the rendered parts
kept as in production (FRAGMENT_CACHE_SECONDS=300), as bench/pages.sh serves them.

  .venv/bin/python bench/profile_network_pages.py [--profiles 5000] [--entries 20000] [--requests 60]
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/revier_x .venv/bin/python bench/profile_network_pages.py

A fresh database is made and migrated (Django's test database next to DATABASE_URL: SQLite by default,
var/test-<pid>.sqlite3; for PostgreSQL test_<name>_<pid>, dropped at the end) and filled by
bench/seed_network.py (its profiles, offers and needs, topics and event, written as that script
writes them). Settings as bench/pages.sh's server: DEBUG off, rate limits off, no page cache,
local-memory cache, manifest static files (collected once into var/profile-static). Requests go
through Django's test client with the whole middleware stack. Kinds (the addresses of
bench/pages_urls.py, plus two for comparison):

  healthz            GET /healthz (the ceiling of the benchmarks)
  directory          GET /netzwerk/verzeichnis/                 (network-directory)
  search             GET /netzwerk/verzeichnis/?q=Wasserstoff   (network-search)
  create-form        GET /netzwerk/profil-anlegen/              (network-create-form)
  entries            GET /netzwerk/angebote-und-gesuche/        (not in the benchmark)
  search-rotating    GET of seed_network.py's 2,000 search addresses in turn (every request another
                     search, filter or page: mostly nothing kept; not in the benchmark)
  create-refused     POST of "Profil anlegen" with a missing field: the form again with errors
  landing, profile   GET /netzwerk/ and a public profile's page (network, network-profile: they
                     met the budget; for comparison)

Each kind: two warm-up requests, then `--requests` requests timed (CPU time, time.process_time, in
batches of `--batch`; the table shows the fastest batch's ms per request and the median batch's),
then `--requests` more under cProfile (Python calls per request: deterministic for a fixed
address), then `--requests` more counting SQL statements. Prints a Markdown table; `--profile KIND`
also prints the top functions of KIND (PROFILE_SORT, PROFILE_LINES).
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
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("FRAGMENT_CACHE_SECONDS", "300")
os.environ["REDIS_URL"] = ""
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["STATIC_ROOT"] = os.path.join(ROOT, "var", "profile-static")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

KINDS = ["healthz", "directory", "search", "create-form", "entries", "search-rotating", "create-refused", "landing", "profile"]
PATHS_FILE = os.path.join(ROOT, "var", "profile-network-paths.txt")


def _seed(*, profiles: int, entries: int) -> list[str]:
    import seed_network

    argv = sys.argv
    sys.argv = ["seed_network.py", "--profiles", str(profiles), "--entries", str(entries), "--paths", PATHS_FILE]
    try:
        seed_network.main()
    finally:
        sys.argv = argv
    with open(PATHS_FILE, encoding="utf-8") as lines:
        return [line.strip() for line in lines if line.strip()]


def _requests(kind: str, paths: list[str], client: Client):
    """(make_request(n) -> response, expected status, a text the answer must contain)."""
    if kind == "healthz":
        return (lambda n: client.get("/healthz")), 200, None
    if kind == "search-rotating":
        return (lambda n: client.get(paths[n % len(paths)])), 200, "Suchen"
    if kind == "create-refused":
        def post(n):
            return client.post("/netzwerk/profil-anlegen/", {"first_name": "Bench", "last_name": f"Versuch {n}"},
                               HTTP_ORIGIN="http://testserver")
        return post, 200, "Bitte"
    if kind == "profile":
        from revier.network.models import Profile
        from revier.network.selectors import profile_public_q

        path = Profile.objects.filter(profile_public_q()).order_by("pk").first().get_absolute_url()
        return (lambda n: client.get(path)), 200, None
    path = {
        "landing": "/netzwerk/",
        "directory": "/netzwerk/verzeichnis/",
        "search": "/netzwerk/verzeichnis/?q=Wasserstoff",
        "entries": "/netzwerk/angebote-und-gesuche/",
        "create-form": "/netzwerk/profil-anlegen/",
    }[kind]
    text = {"create-form": "Profil anlegen", "landing": None}.get(kind, "Suchen")
    return (lambda n: client.get(path)), 200, text


def _check(response, status, text, kind):
    if response.status_code != status or (text and text not in response.content.decode()):
        raise SystemExit(f"{kind}: unexpected answer {response.status_code} (expected {status}, {text!r}): "
                         f"{response.content.decode()[-3000:]}")


def measure(kind: str, paths: list[str], *, requests: int, batch: int, show_profile: bool) -> dict:
    client = Client()
    request, status, text = _requests(kind, paths, client)
    counter = iter(range(10**7))
    for _ in range(2):
        _check(request(next(counter)), status, text, kind)
    ms = []
    for _ in range(max(1, requests // batch)):
        numbers = [next(counter) for _ in range(batch)]
        began = time.process_time()
        for n in numbers:
            response = request(n)
        ms.append((time.process_time() - began) * 1000 / batch)
        _check(response, status, text, kind)
    profile = cProfile.Profile()
    numbers = [next(counter) for _ in range(requests)]
    profile.enable()
    for n in numbers:
        request(n)
    profile.disable()
    stats = pstats.Stats(profile)
    if show_profile:
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(
            int(os.environ.get("PROFILE_LINES", "45")))
        print(out.getvalue(), file=sys.stderr)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(requests):
            _check(request(next(counter)), status, text, kind)
    return {
        "kind": kind,
        "ms": min(ms),
        "ms_median": sorted(ms)[len(ms) // 2],
        "calls": stats.total_calls / requests,
        "queries": len(queries.captured_queries) / requests,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=60)
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
    os.makedirs(os.path.dirname(PATHS_FILE), exist_ok=True)
    creation = connection.creation
    test_name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        began = time.monotonic()
        paths = _seed(profiles=args.profiles, entries=args.entries)
        if connection.vendor == "postgresql":
            connection.cursor().execute("ANALYZE")
        seeded = time.monotonic() - began
        rows = [measure(kind, paths, requests=args.requests, batch=args.batch, show_profile=kind == args.profile)
                for kind in kinds]
    finally:
        creation.destroy_test_db(test_name, verbosity=0)
    print(f"{connection.vendor}, {args.profiles:,} profiles / {args.entries:,} offers and needs (seeded in "
          f"{seeded:.0f} s), {args.requests} requests per kind, CPU ms: fastest batch of {args.batch} (median)")
    print()
    print("| request | ms / request (CPU, in process) | Python calls / request | SQL statements / request |")
    print("|---|---:|---:|---:|")
    for row in rows:
        print(f"| {row['kind']} | {row['ms']:.2f} ({row['ms_median']:.2f}) | {row['calls']:,.0f} | {row['queries']:.1f} |")


if __name__ == "__main__":
    main()
