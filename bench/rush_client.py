"""A registration rush: COUNT registrations for one event, CONCURRENCY requests in flight.

The form's field names come from the event's registration page as the server renders it (GET
/veranstaltungen/<slug>/anmelden/), so the client follows the form as it is built: text fields get
a value, the e-mail is unique per request (rush-<run>-<n>@example.org), the first category (or
--category) and the waiting-list box are chosen, consents and the honeypot stay empty, required
choices get their first option.

Why not wrk: wrk runs for a duration, not a number of requests, and cannot tell which request an
answer belongs to; this needs exactly COUNT registrations and the status of each. The client is
plain asyncio with keep-alive connections (reopened when the server closes one), so it costs
little CPU next to the server.

Prints one JSON object: count, seconds, registrations_per_min, p50/p90/p99/max in ms, statuses.

bench/claim_rush.py (the contingents' benchmark) reuses the pieces: FormFields, form_template,
run (several servers, any request per number) and summarize.
"""

import argparse
import os
import asyncio
import json
import statistics
import sys
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser

HONEYPOTS = {"website"}
WAITLIST_FIELD = "join_waitlist"


class FormFields(HTMLParser):
    """Collects the fields of every POST form: `forms` is [(action, [(name, kind, value)])] in page
    order, `fields` those of the first one. A required checkbox is reported as kind
    "checkbox-required"."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, list[tuple[str, str, str]]]] = []
        self.current: list[tuple[str, str, str]] | None = None
        self.select = None

    @property
    def fields(self) -> list[tuple[str, str, str]]:
        return self.forms[0][1] if self.forms else []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post" and self.current is None:
            self.current = []
            self.forms.append((a.get("action") or "", self.current))
        if self.current is None:
            return
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind == "checkbox" and "required" in a:
                kind = "checkbox-required"
            self.current.append((a["name"], kind, a.get("value") or ""))
        elif tag == "textarea" and a.get("name"):
            self.current.append((a["name"], "textarea", ""))
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
        elif tag == "option" and self.select and a.get("value"):
            self.current.append((self.select, "option", a["value"]))
            self.select = None  # the first real option
        elif tag == "button" and a.get("name"):
            self.current.append((a["name"], "submit", a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        if tag == "select":
            self.select = None


TEXT_VALUES = {"first_name": "Bench", "last_name": "Ansturm", "organisation": "Bench GmbH", "function": "Test"}


# A yes/no question (e.g. an eligibility question) is answered with the first of these it offers.
PREFERRED_ANSWERS = ("Ja", "ja", "yes", "True", "true")


def form_template(page_html: str, category: str | None, *, fields=None, tick_all_checkboxes: bool = False,
                  skip_prefixes: tuple[str, ...] = ("consent_",),
                  required: tuple[str, ...] = ("email", "category", WAITLIST_FIELD)) -> list[tuple[str, str]]:
    """The (name, value) pairs to send, with "__EMAIL__" where the unique address goes. By default
    for the registration form (consents unticked, the waiting-list box ticked); with
    tick_all_checkboxes every checkbox but the honeypot is ticked (e.g. privacy and partner consent
    of a claim). `fields`: the fields of another form than the page's first POST form."""
    if fields is None:
        parser = FormFields()
        parser.feed(page_html)
        fields = parser.fields
    if not fields:
        raise SystemExit("no POST form on the page")
    data: list[tuple[str, str]] = []
    chosen_radio: set[str] = set()
    preferred = {name: value for name, kind, value in reversed(fields) if kind == "radio" and value in PREFERRED_ANSWERS}
    for name, kind, value in fields:
        if name in HONEYPOTS or any(name.startswith(prefix) for prefix in skip_prefixes):
            continue
        if kind == "email":
            data.append((name, "__EMAIL__"))
        elif kind in ("checkbox", "checkbox-required"):
            if name == WAITLIST_FIELD or tick_all_checkboxes:
                data.append((name, value or "on"))
        elif kind == "radio":
            if name in chosen_radio:
                continue
            if name == "category" and category and value != category:
                continue
            if name in preferred and value != preferred[name]:
                continue
            chosen_radio.add(name)
            data.append((name, value))
        elif kind == "option":
            data.append((name, value))
        elif kind in ("hidden", "submit"):
            if value:
                data.append((name, value))
        else:
            data.append((name, TEXT_VALUES.get(name, "Bench")))
    names = {name for name, _ in data}
    missing = set(required) - names
    if missing:
        raise SystemExit(f"the form lacks {sorted(missing)}; fields seen: {sorted({f[0] for f in parser.fields})}")
    return data


async def read_response(reader) -> tuple[int, dict, bytes]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    headers = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        key, _, value = line.decode("latin-1").partition(":")
        headers[key.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            if size == 0:
                await reader.readline()
                break
            chunks.append(await reader.readexactly(size))
            await reader.readline()
        body = b"".join(chunks)
    else:
        body = await reader.read()
        headers["connection"] = "close"
    return status, headers, body


def form_body(template, n: int, run_id: str) -> bytes:
    """The form of request n: a unique address rush-<run>-<n>@example.org and last name."""
    email = f"rush-{run_id}-{n:05d}@example.org"
    fields = [(k, email if v == "__EMAIL__" else (f"{v} {n}" if k == "last_name" else v)) for k, v in template]
    return urllib.parse.urlencode(fields).encode()


async def run(servers, make_request, count, concurrency):
    """Sends requests 0 … count-1 with `concurrency` in flight, spread evenly over `servers`
    [(host, port)] (worker i talks to server i mod len(servers)); make_request(n) -> (path, body)
    of a form POST. Returns (seconds, [(n, began, ended, status, server index)])."""
    counter = iter(range(count))
    results = []

    async def worker(index):
        host, port = servers[index % len(servers)]
        reader = writer = None
        for n in counter:
            path, body = make_request(n)
            request = (
                f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
            ).encode() + body
            for attempt in range(2):  # a keep-alive connection the server closed meanwhile: once more
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                began = time.perf_counter()
                try:
                    writer.write(request)
                    await writer.drain()
                    status, headers, _ = await read_response(reader)
                    break
                except (ConnectionError, asyncio.IncompleteReadError):
                    writer.close()
                    reader = writer = None
                    if attempt:
                        status, headers = -1, {}
            results.append((n, began, time.perf_counter(), status, index % len(servers)))
            if headers.get("connection", "").lower() == "close" and writer is not None:
                writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(concurrency)))
    return time.perf_counter() - began, results


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def summarize(seconds, results, concurrency) -> dict:
    """Rate, latency percentiles and statuses of a run (rate per minute under "per_min")."""
    latencies = [(end - start) * 1000 for _, start, end, *_ in results]
    statuses: dict[str, int] = {}
    for _, _, _, status, *_ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {
        "count": len(results),
        "concurrency": concurrency,
        "seconds": round(seconds, 3),
        "per_min": round(len(results) / seconds * 60),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p90_ms": round(percentile(latencies, 90), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "max_ms": round(max(latencies), 1),
        "mean_ms": round(statistics.fmean(latencies), 1),
        "statuses": statuses,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8766")
    parser.add_argument("--slug", required=True)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--category", default=None, help="category id (default: the first one)")
    parser.add_argument("--run-id", default="a")
    parser.add_argument("--no-waitlist", action="store_true",
                        help="leave the waiting-list box unticked: once the seats are taken, the server refuses "
                             "with the form again (200, 'ausgebucht'), which then counts as an expected answer")
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.base)
    path = f"/veranstaltungen/{args.slug}/anmelden/"
    page = urllib.request.urlopen(args.base + path, timeout=30).read().decode()
    template = form_template(page, args.category)
    if args.no_waitlist:
        template = [(name, value) for name, value in template if name != WAITLIST_FIELD]
    print(f"# form fields sent: {[name for name, _ in template]}", file=sys.stderr)
    cpu_before = time.process_time()
    seconds, results = asyncio.run(
        run([(url.hostname, url.port)], lambda n: (path, form_body(template, n, args.run_id)), args.count,
            args.concurrency)
    )
    client_cpu_ms = (time.process_time() - cpu_before) * 1000
    if os.environ.get("RUSH_DUMP"):  # every request: number, start (ms after the first), latency ms, status
        first = min(start for _, start, *_ in results)
        with open(f"{os.environ['RUSH_DUMP']}-{args.slug}.json", "w") as dump:
            json.dump([(n, round((start - first) * 1000, 1), round((end - start) * 1000, 1), status)
                       for n, start, end, status, *_ in sorted(results, key=lambda row: row[1])], dump)
    summary = summarize(seconds, results, args.concurrency)
    expected = {"302", "200"} if args.no_waitlist else {"302"}
    print(json.dumps({
        "slug": args.slug,
        "client_cpu_ms_per_request": round(client_cpu_ms / max(summary["count"], 1), 2),
        "count": summary["count"],
        "concurrency": args.concurrency,
        "seconds": summary["seconds"],
        "registrations_per_min": summary["per_min"],
        "requests_per_s": round(summary["count"] / summary["seconds"], 1),
        **{key: summary[key] for key in ("p50_ms", "p90_ms", "p99_ms", "max_ms", "mean_ms", "statuses")},
        "errors": sum(v for k, v in summary["statuses"].items() if k not in expected),
    }))


if __name__ == "__main__":
    main()
