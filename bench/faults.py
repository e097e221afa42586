"""The fault benchmark's load, faults and checks (issue 13, section 6); bench/faults.sh sets up the
database and the two gunicorn masters and then runs this.

    .venv/bin/python bench/faults.py --base http://127.0.0.1:8771 --base http://127.0.0.1:8772 \
        --out DIR [--duration 600] [--pg-restart-at 90] [--sink-stop-at 150] [--sink-down 300]

What it does, in one process:
- starts the SMTP sink (bench/smtp_sink.py) and two workers (`manage.py run_worker`) with the
  environment it was given (EMAIL_BACKEND smtp to the sink);
- runs a mixed load for `--duration` seconds against both masters: readers on every public page
  type (`--readers` in flight), registrations into a limited category with a waiting list
  (bench-ansturm-50 of bench/seed_events.py), free-ticket claims (bench-freikarten-50 of
  bench/seed_contingents.py) and their confirmations through the personal link read from the
  mail in the sink, as a person would; meeting acceptances: the one-click links of the open
  meeting requests of bench/seed_meetings.py's published Gesprächsbörse (`--meeting-links`),
  accepted as the recipients would, each placed at once on a table and slot;
- the faults, timed from the start: PostgreSQL restarted once (`pg_ctlcluster … restart`); the SMTP
  sink stopped for `--sink-down` seconds; when it is back and the worker sends the mails that
  waited, one worker killed with SIGKILL (not restarted: the other must take over);
- then waits until the outbox has no mail due (or `--drain` seconds) and checks, in the database
  and the sink: every write that got a success answer is there exactly once, no capacity
  overbooked (seats, ticket codes, meeting tables: no table twice in a slot, nobody twice in a
  slot), every mail sent is in the sink and none twice (Message-ID),
  no 5xx and no failed connection outside the PostgreSQL restart (plus `--grace` seconds), both
  masters and the remaining worker answer afterwards without a restart.
Writes DIR/requests.jsonl (every request), DIR/faults.json (the fault times) and DIR/summary.json;
exits 1 if a check fails.
"""

import argparse
import asyncio
import collections
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)
sys.path.insert(0, ROOT)

from rush_client import FormFields, form_template, read_response  # noqa: E402

PY = os.path.join(ROOT, ".venv", "bin", "python")
EVENT_SLUG = "bench-ansturm-50"
CONTINGENT_SLUG = "bench-freikarten-50"
# The personal links in the mails: a registration's and a claim's page, each with its confirm form.
PERSONAL_LINK = re.compile(r"/veranstaltungen/(?:anmeldung|freikarten/antrag)/[A-Za-z0-9_-]{20,}/")
DOMAINS = 200  # people write from many organisations (the sign-up guard counts unconfirmed ones per domain)
READ_PATHS = [
    "/", "/aktuelles/", "/aktuelles/?page=2", "/aktuelles/?q=Wasserstoff", "/veranstaltungen/",
    "/veranstaltungen/vergangene/", f"/veranstaltungen/{EVENT_SLUG}/", "/veranstaltungen/bench-programm/",
    "/veranstaltungen/kalender.ics", "/veranstaltungen/freikarten/", f"/veranstaltungen/freikarten/{CONTINGENT_SLUG}/",
    "/netzwerk/", "/netzwerk/verzeichnis/", "/monitor/", "/impressum/", "/datenschutz/", "/kontakt/", "/sitemap.xml",
]


class Client:
    """One keep-alive connection to one master; a connection the server (or an outage) closed is
    opened again once. Every answer is recorded: (time since start, kind, status, server, ms)."""

    def __init__(self, run, server: int):
        self.run, self.server = run, server
        parts = urllib.parse.urlsplit(run.bases[server])
        self.host, self.port = parts.hostname, parts.port
        self.reader = self.writer = None

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, kind: str, method: str, path: str, body: bytes = b""):
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nConnection: keep-alive\r\n"
        if method == "POST":
            head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        data = (head + "\r\n").encode() + body
        status, headers, content = -1, {}, b""
        began = time.monotonic()
        for attempt in range(2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.wait_for(asyncio.open_connection(self.host, self.port), 10)
                self.writer.write(data)
                await self.writer.drain()
                status, headers, content = await asyncio.wait_for(read_response(self.reader), 60)
                break
            except (ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError, OSError):
                self.close()
                if attempt:
                    status = -1
        if headers.get("connection", "").lower() == "close":
            self.close()
        self.run.record(kind, status, self.server, (time.monotonic() - began) * 1000)
        return status, headers, content


class Run:
    def __init__(self, args):
        self.args = args
        self.bases = args.base
        self.start = time.monotonic()
        self.stop_at = self.start + args.duration
        self.requests = open(os.path.join(args.out, "requests.jsonl"), "w")
        self.faults: dict[str, float] = {}
        self.registered: dict[str, int] = {}  # e-mail -> status of its POST
        self.claimed: dict[str, int] = {}
        self.confirmed: dict[str, int] = {}  # token -> status of its confirmation
        self.accepted: dict[str, int] = {}  # meeting request link -> status of its acceptance
        self.counter = iter(range(10**9))
        self.sink = None
        self.workers: list[subprocess.Popen] = []

    def now(self) -> float:
        return time.monotonic() - self.start

    def record(self, kind, status, server, ms):
        self.requests.write(json.dumps({"t": round(self.now(), 3), "kind": kind, "status": status,
                                        "server": server, "ms": round(ms, 1)}) + "\n")

    def running(self) -> bool:
        return time.monotonic() < self.stop_at

    # -- processes ---------------------------------------------------------------------------
    def start_sink(self):
        self.sink = subprocess.Popen([PY, os.path.join(BENCH, "smtp_sink.py"), "--port", str(self.args.smtp_port),
                                      "--out", os.path.join(self.args.out, "sink.jsonl")])
        for _ in range(50):
            try:
                import socket
                socket.create_connection(("127.0.0.1", self.args.smtp_port), 0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the SMTP sink did not start")

    def start_workers(self):
        log = open(os.path.join(self.args.out, "workers.log"), "a")
        for _ in range(2):
            self.workers.append(subprocess.Popen([PY, os.path.join(ROOT, "manage.py"), "run_worker"], stdout=log,
                                                 stderr=subprocess.STDOUT, cwd=ROOT))

    def stop_all(self):
        for process in [*self.workers, self.sink]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [*self.workers, self.sink]:
            if process is not None:
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()

    # -- load ----------------------------------------------------------------------------------
    async def reader(self, index: int):
        client, rnd = Client(self, index % len(self.bases)), random.Random(index)
        while self.running():
            await client.request("read", "GET", rnd.choice(READ_PATHS))
        client.close()

    async def registrant(self, index: int, template):
        client = Client(self, index % len(self.bases))
        while self.running():
            n = next(self.counter)
            email = f"fault-{self.args.run_id}-r{n:06d}@firma{n % DOMAINS}.example.org"
            fields = [(k, email if v == "__EMAIL__" else (f"{v} {n}" if k == "last_name" else v)) for k, v in template]
            status, _, _ = await client.request("register", "POST", f"/veranstaltungen/{EVENT_SLUG}/anmelden/",
                                                urllib.parse.urlencode(fields).encode())
            self.registered[email] = status
            await asyncio.sleep(self.args.write_pause)
        client.close()

    async def claimant(self, index: int, action: str, template):
        client = Client(self, index % len(self.bases))
        while self.running():
            n = next(self.counter)
            email = f"fault-{self.args.run_id}-c{n:06d}@firma{n % DOMAINS}.example.org"
            fields = [(k, email if v == "__EMAIL__" else (f"{v} {n}" if k == "last_name" else v)) for k, v in template]
            status, _, _ = await client.request("claim", "POST", action, urllib.parse.urlencode(fields).encode())
            self.claimed[email] = status
            await asyncio.sleep(self.args.write_pause * 2)
        client.close()

    async def acceptor(self, index: int, links: list[str]):
        """Accepts meeting requests with the one-click link from the mail, as the recipients would."""
        client = Client(self, index % len(self.bases))
        for link in links:
            if not self.running():
                break
            status, _, _ = await client.request("accept", "POST", link, b"aktion=annehmen")
            self.accepted[link] = status
            await asyncio.sleep(self.args.write_pause * 4)
        client.close()

    async def confirmer(self):
        """Reads the personal links from the mails in the sink and confirms each registration and
        claim once, as the person would (the form on the personal page)."""
        client, seen, offset = Client(self, 0), set(), 0
        path = os.path.join(self.args.out, "sink.jsonl")
        while self.running():
            await asyncio.sleep(1)
            try:
                with open(path, encoding="utf-8") as sink:
                    sink.seek(offset)
                    lines = sink.readlines()
                    offset = sink.tell()
            except FileNotFoundError:
                continue
            for line in lines:
                if not line.endswith("\n"):
                    continue
                found = PERSONAL_LINK.search(json.loads(line)["body"])
                if not found or found.group(0) in seen or not self.running():
                    continue
                page = token = found.group(0)
                seen.add(page)
                status, _, content = await client.request("personal-page", "GET", page)
                if status != 200:
                    self.confirmed[token] = status
                    continue
                parser = FormFields()
                parser.feed(content.decode("utf-8", "replace"))
                form = next(((a, f) for a, f in parser.forms if any(v == "bestaetigen" for _, _, v in f)), None)
                if form is None:
                    continue  # nothing to confirm (already confirmed)
                action, fields = form
                data = [(n, v) for n, k, v in fields if k in ("hidden", "submit") and v]
                data += [(n, v or "on") for n, k, v in fields if k == "checkbox-required"]
                status, _, _ = await client.request("confirm", "POST", action or page, urllib.parse.urlencode(data).encode())
                self.confirmed[token] = status
        client.close()

    # -- faults --------------------------------------------------------------------------------
    async def faults_timeline(self):
        args = self.args
        if args.pg_restart_at >= 0:  # a negative time: no restart (to try the script beside other work)
            await asyncio.sleep(max(0, args.pg_restart_at - self.now()))
            self.faults["pg_restart_began"] = self.now()
            await asyncio.to_thread(subprocess.run, ["pg_ctlcluster", "--skip-systemctl-redirect", args.pg_version,
                                                     "main", "restart", "-m", "fast"], check=False)
            while subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode != 0:
                await asyncio.sleep(0.2)
            self.faults["pg_restart_ended"] = self.now()

        await asyncio.sleep(max(0, args.sink_stop_at - self.now()))
        self.sink.terminate()
        await asyncio.to_thread(self.sink.wait)
        self.faults["sink_stopped"] = self.now()
        await asyncio.sleep(args.sink_down)
        self.start_sink()
        self.faults["sink_started"] = self.now()
        # The mails that waited go out now: kill one worker while it sends them.
        await asyncio.sleep(args.kill_after_sink)
        self.faults["due_mails_at_kill"] = await asyncio.to_thread(_due_mails)
        os.kill(self.workers[0].pid, signal.SIGKILL)
        self.faults["worker_killed"] = self.now()

    async def main(self):
        first = self.bases[0]
        page = urllib.request.urlopen(f"{first}/veranstaltungen/{EVENT_SLUG}/anmelden/", timeout=30).read().decode()
        registration = form_template(page, None)
        contingent = urllib.request.urlopen(f"{first}/veranstaltungen/freikarten/{CONTINGENT_SLUG}/", timeout=30).read().decode()
        parser = FormFields()
        parser.feed(contingent)
        action, fields = next((a, f) for a, f in parser.forms if any(k == "email" for _, k, _ in f))
        claim = form_template("", None, fields=fields, tick_all_checkboxes=True, skip_prefixes=(), required=("email",))
        action = action or f"/veranstaltungen/freikarten/{CONTINGENT_SLUG}/"
        tasks = [self.reader(i) for i in range(self.args.readers)]
        tasks += [self.registrant(i, registration) for i in range(self.args.registrants)]
        tasks += [self.claimant(i, action, claim) for i in range(self.args.claimants)]
        if self.args.meeting_links:
            with open(self.args.meeting_links) as lines:
                links = [line.strip() for line in lines if line.strip()]
            tasks += [self.acceptor(i, links[i::self.args.acceptors]) for i in range(self.args.acceptors)]
        tasks += [self.confirmer(), self.faults_timeline()]
        await asyncio.gather(*tasks)


def _due_mails() -> int:
    import psycopg

    url = os.environ["DATABASE_URL"]
    with psycopg.connect(url) as connection:
        return connection.execute("select count(*) from core_outboxmail where status = 'pending'").fetchone()[0]


def _answers(base: str, path: str) -> int:
    try:
        return urllib.request.urlopen(base + path, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return -1


def check_all(run: Run) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")
    django.setup()
    from django.db.models import Count
    from django.utils import timezone

    from revier.contingents.models import Claim, TicketCode
    from revier.core.mail import message_id
    from revier.core.models import OutboxMail
    from revier.events.models import SEATS, Registration, TicketCategory

    args, checks = run.args, []

    def check(name, ok, detail=""):
        checks.append({"check": name, "ok": bool(ok), "detail": detail})
        print(f"  {'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail != '' else ''}", flush=True)

    # Writes that got a success answer (a redirect) are there exactly once; nothing is there twice.
    def exactly_once(label, queryset, answers):
        succeeded = {email for email, status in answers.items() if status == 302}
        counts = dict(queryset.filter(email_normalized__startswith=f"fault-{args.run_id}-").values_list(
            "email_normalized").annotate(n=Count("id")).values_list("email_normalized", "n"))
        missing = [email for email in succeeded if counts.get(email, 0) != 1]
        doubled = [email for email, n in counts.items() if n > 1]
        check(f"{label}: every success answer ({len(succeeded)} of {len(answers)} posts) is stored exactly once",
              not missing, f"{len(missing)} missing or doubled" if missing else "")
        check(f"{label}: no address stored twice", not doubled, len(doubled))
        unknown = [email for email in counts if email not in answers]
        check(f"{label}: nothing stored that was not posted", not unknown, len(unknown))

    exactly_once("registrations", Registration.objects.filter(event__slug=EVENT_SLUG), run.registered)
    exactly_once("claims", Claim.objects.filter(contingent__slug=CONTINGENT_SLUG), run.claimed)
    now = timezone.now()
    for category in TicketCategory.objects.filter(event__slug=EVENT_SLUG, capacity__isnull=False):
        seated = Registration.objects.filter(category=category).filter(SEATS.holds_q(now)).count()
        check(f"seats of '{category.name}' not overbooked ({seated} of {category.capacity})", seated <= category.capacity)
    codes = TicketCode.objects.filter(contingent__slug=CONTINGENT_SLUG)
    assigned = list(codes.filter(claim__isnull=False).values_list("claim_id", flat=True))
    check(f"ticket codes: each to one claim at most ({len(assigned)} of {codes.count()} assigned)",
          len(assigned) == len(set(assigned)))
    allocated = Claim.objects.filter(contingent__slug=CONTINGENT_SLUG, status=Claim.Status.ALLOCATED).count()
    check("claims allocated = codes assigned", allocated == len(assigned), f"{allocated} / {len(assigned)}")
    confirmed_ok = sum(1 for status in run.confirmed.values() if status == 302)
    check(f"confirmations answered: {confirmed_ok} with success, {len(run.confirmed) - confirmed_ok} otherwise",
          True)
    registered_ok = Registration.objects.filter(event__slug=EVENT_SLUG, email_normalized__startswith=f"fault-{args.run_id}-")
    check("registrations by status: " + str(dict(registered_ok.values_list("status").annotate(n=Count("id")).values_list(
        "status", "n"))), True)

    # Meetings: every acceptance answered with success is one accepted request with one meeting; no
    # request accepted that was not posted; no table twice in a slot; nobody twice in a slot.
    if run.accepted:
        from revier.network.meetings.models import Meeting, MeetingParticipant, MeetingRequest
        from revier.network.meetings.selectors import request_get_by_token

        def request_of(link):
            return request_get_by_token(token=link.rstrip("/").rsplit("/", 1)[1])

        succeeded = [link for link, status in run.accepted.items() if status == 302]
        wrong = [link for link in succeeded
                 if (found := request_of(link)) is None or found.status != MeetingRequest.Status.ACCEPTED
                 or Meeting.objects.filter(request=found).count() != 1]
        check(f"meetings: every success answer ({len(succeeded)} of {len(run.accepted)} acceptances) is one accepted "
              f"request with one meeting", not wrong, len(wrong))
        posted = {found.pk for link in run.accepted if (found := request_of(link)) is not None}
        setup_requests = MeetingRequest.objects.filter(setup__event__slug="bench-boerse")
        unposted = setup_requests.filter(status=MeetingRequest.Status.ACCEPTED).exclude(pk__in=posted).count()
        check("meetings: nothing accepted that was not posted", unposted == 0, unposted)
        meetings = Meeting.objects.filter(setup__event__slug="bench-boerse")
        tables = list(meetings.filter(status=Meeting.Status.PLACED).values_list("slot_id", "table_id"))
        check(f"meeting tables not overbooked ({len(tables)} placed, {meetings.count() - len(tables)} unplaced)",
              len(tables) == len(set(tables)) and None not in {slot for slot, _ in tables})
        seats = list(MeetingParticipant.objects.filter(meeting__in=meetings, slot__isnull=False)
                     .values_list("profile_id", "slot_id"))
        check("nobody has two meetings in one slot", len(seats) == len(set(seats)))
        check("acceptances by answer: " + str(dict(collections.Counter(run.accepted.values()))), True)

    # Mails: every mail of the outbox sent, each in the sink exactly once by its Message-ID.
    sink = collections.Counter()
    with open(os.path.join(args.out, "sink.jsonl"), encoding="utf-8") as lines:
        for line in lines:
            if line.endswith("\n"):
                sink[json.loads(line)["message_id"]] += 1
    statuses = dict(OutboxMail.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    check("outbox: no mail left due or failed", set(statuses) <= {OutboxMail.Status.SENT}, statuses)
    sent_ids = [message_id(mail) for mail in OutboxMail.objects.filter(status=OutboxMail.Status.SENT).only("pk")]
    not_delivered = [mid for mid in sent_ids if sink[mid] == 0]
    doubled = {mid: n for mid, n in sink.items() if n > 1}
    check(f"every mail marked sent is in the sink ({len(sent_ids)} mails)", not not_delivered, len(not_delivered))
    check("no mail delivered twice (Message-ID)", not doubled, f"{len(doubled)}: {list(doubled.items())[:5]}" if doubled else 0)

    # Answers: no 5xx and no failed connection outside the database restart (+ grace).
    window = (run.faults["pg_restart_began"] - 1, run.faults["pg_restart_ended"] + args.grace) \
        if "pg_restart_began" in run.faults else (-1.0, -1.0)
    by_status = collections.Counter()
    outside = collections.Counter()
    inside = collections.Counter()
    with open(os.path.join(args.out, "requests.jsonl")) as lines:
        for line in lines:
            row = json.loads(line)
            by_status[row["status"]] += 1
            bad = row["status"] >= 500 or row["status"] < 0
            if bad:
                (inside if window[0] <= row["t"] <= window[1] else outside)[row["status"]] += 1
    check(f"answers by status: {dict(sorted(by_status.items()))}", True)
    check(f"no 5xx or failed connection outside the restart window {window[0]:.1f}–{window[1]:.1f} s",
          not outside, dict(outside) if outside else "")
    check(f"in the restart window: {dict(inside) or 'none'}", all(status == 503 for status in inside), dict(inside))
    for index, base in enumerate(run.bases):
        check(f"master {index + 1} answers /readyz afterwards without a restart", _answers(base, "/readyz") == 200)
    check("the worker not killed still runs", run.workers[1].poll() is None)
    return {"checks": checks, "faults": run.faults, "statuses": dict(by_status)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", action="append", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--duration", type=float, default=600)
    parser.add_argument("--pg-restart-at", type=float, default=90)
    parser.add_argument("--pg-version", default="15")
    parser.add_argument("--sink-stop-at", type=float, default=150)
    parser.add_argument("--sink-down", type=float, default=300)
    parser.add_argument("--kill-after-sink", type=float, default=1.0)
    parser.add_argument("--grace", type=float, default=5.0)
    parser.add_argument("--drain", type=float, default=420)
    parser.add_argument("--smtp-port", type=int, default=8825)
    parser.add_argument("--readers", type=int, default=6)
    parser.add_argument("--registrants", type=int, default=2)
    parser.add_argument("--claimants", type=int, default=1)
    parser.add_argument("--write-pause", type=float, default=0.2)
    parser.add_argument("--meeting-links", default="")
    parser.add_argument("--acceptors", type=int, default=1)
    parser.add_argument("--run-id", default=time.strftime("%H%M%S"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    run = Run(args)
    run.start_sink()
    run.start_workers()
    try:
        asyncio.run(run.main())
        run.requests.close()
        json.dump(run.faults, open(os.path.join(args.out, "faults.json"), "w"), indent=1)
        print(f"load ended after {run.now():.0f} s; faults: {json.dumps({k: round(v, 1) for k, v in run.faults.items()})}",
              flush=True)
        deadline = time.monotonic() + args.drain
        while _due_mails() and time.monotonic() < deadline:
            time.sleep(2)
        time.sleep(3)  # the last mails' rows marked sent
        summary = check_all(run)
    finally:
        run.stop_all()
    json.dump(summary, open(os.path.join(args.out, "summary.json"), "w"), indent=1, ensure_ascii=False)
    sys.exit(0 if all(c["ok"] for c in summary["checks"]) else 1)


if __name__ == "__main__":
    main()
