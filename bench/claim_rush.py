"""The contingents' rush, on the pieces of bench/rush_client.py: requests spread evenly over
several servers (--base twice: two gunicorn masters), CONCURRENCY in flight in total.

  claim    COUNT claims for one contingent: the claim form's fields come from the contingent page
           as the server renders it (GET /veranstaltungen/freikarten/<slug>/, the POST form with an
           e-mail field); every checkbox but the honeypot is ticked (privacy and partner consent),
           yes/no questions are answered "Ja", the e-mail is unique per request
           (rush-<run>-<n>@example.org).
  confirm  one confirmation POST per token in --tokens (one per line, in the order to send): the
           confirm form's fields come from the first token's personal page (its first POST form,
           e.g. the hidden action and the button), sent to each token's page.

Prints one JSON object: count, seconds, per_min, p50/p90/p99/max in ms, statuses, per server,
errors (responses other than 2xx/3xx, including failed connections) and server_errors (5xx).
"""

import argparse
import asyncio
import json
import sys
import urllib.parse
import urllib.request

from rush_client import FormFields, form_body, form_template, run, summarize

CONTINGENT_PATH = "/veranstaltungen/freikarten/{slug}/"
CLAIM_PATH = "/veranstaltungen/freikarten/antrag/{token}/"


def _servers(bases):
    return [(urllib.parse.urlsplit(b).hostname, urllib.parse.urlsplit(b).port) for b in bases]


def _forms(url: str):
    parser = FormFields()
    parser.feed(urllib.request.urlopen(url, timeout=30).read().decode())
    return parser.forms


def claim_requests(args):
    path = CONTINGENT_PATH.format(slug=args.slug)
    forms = [(action, fields) for action, fields in _forms(args.base[0] + path) if any(k == "email" for _, k, _ in fields)]
    if not forms:
        raise SystemExit(f"no claim form (a POST form with an e-mail field) on {path}")
    action, fields = forms[0]
    template = form_template("", None, fields=fields, tick_all_checkboxes=True, skip_prefixes=(), required=("email",))
    print(f"# claim form: POST {action or path}, fields sent: {[name for name, _ in template]}", file=sys.stderr)
    target = action or path
    return lambda n: (target, form_body(template, n, args.run_id))


def confirm_requests(args):
    tokens = [line.strip() for line in open(args.tokens) if line.strip()]
    first = CLAIM_PATH.format(token=tokens[0])
    forms = _forms(args.base[0] + first)
    if not forms:
        raise SystemExit(f"no POST form on the personal page {first}")
    action, fields = forms[0]
    data = [(name, value) for name, kind, value in fields if kind in ("hidden", "submit") and value]
    data += [(name, value or "on") for name, kind, value in fields if kind == "checkbox-required"]
    print(f"# confirm form: POST {action or first}, fields sent: {data}", file=sys.stderr)
    body = urllib.parse.urlencode(data).encode()
    target = action or first
    if tokens[0] not in target:
        raise SystemExit(f"the confirm form posts to {target}, not to the personal page")
    return len(tokens), lambda n: (target.replace(tokens[0], tokens[n]), body)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("phase", choices=["claim", "confirm"])
    parser.add_argument("--base", action="append", required=True, help="a server; give it once per server")
    parser.add_argument("--slug", help="the contingent (claim)")
    parser.add_argument("--tokens", help="file with one token per line (confirm)")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--run-id", default="c")
    args = parser.parse_args()
    if args.phase == "claim":
        count, make_request = args.count, claim_requests(args)
    else:
        count, make_request = confirm_requests(args)
    seconds, results = asyncio.run(run(_servers(args.base), make_request, count, args.concurrency))
    summary = summarize(seconds, results, args.concurrency)
    statuses = summary["statuses"]
    per_server = {args.base[i]: sum(1 for r in results if r[4] == i) for i in range(len(args.base))}
    print(json.dumps({
        "phase": args.phase,
        **summary,
        "per_server": per_server,
        "errors": sum(v for k, v in statuses.items() if not 200 <= int(k) < 400),
        "server_errors": sum(v for k, v in statuses.items() if int(k) >= 500),
    }))


if __name__ == "__main__":
    main()
