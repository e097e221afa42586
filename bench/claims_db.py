"""The database side of bench/claims.sh.

  tokens   prints the confirmation token of every rush claim (rush-<run>-<n>@example.org), one per
           line in the order of n, read from the mails in the outbox as a person would read them
  verify   checks the database after the confirmations and exits non-zero if a check fails:
           COUNT claims, one per address, none missing, no duplicates; exactly CAPACITY codes
           assigned, each to one claim, and exactly those claims ALLOCATED; all the others
           WAITLISTED with distinct times, in confirmation order (the order of the audit entries
           written under the contingent lock), the first to confirm holding the tickets; no code handed out that was not imported; two mails per address (confirm
           request, then ticket or waiting list)
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402

from revier.contingents.models import Claim, TicketCode  # noqa: E402
from revier.core.models import AuditEntry, OutboxMail  # noqa: E402

TOKEN = re.compile(r"/freikarten/antrag/([A-Za-z0-9_-]+)/")


def _address(run_id: str, n: int) -> str:
    return f"rush-{run_id}-{n:05d}@example.org"


def tokens(args) -> int:
    prefix = f"rush-{args.run_id}-"
    by_address = {}
    for to, body in OutboxMail.objects.order_by("id").values_list("to", "body_text"):
        match = TOKEN.search(body)
        for address in to:
            if address.startswith(prefix) and match and address not in by_address:
                by_address[address] = match.group(1)
    missing = [n for n in range(args.count) if _address(args.run_id, n) not in by_address]
    if missing:
        print(f"no confirmation mail for {len(missing)} addresses, e.g. {_address(args.run_id, missing[0])}",
              file=sys.stderr)
        return 1
    for n in range(args.count):
        print(by_address[_address(args.run_id, n)])
    return 0


def verify(args) -> int:
    claims = Claim.objects.filter(contingent__slug=args.slug)
    checks = []

    def check(name, ok, detail=""):
        checks.append(ok)
        print(f"  {'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail else ''}")

    total = claims.count()
    check(f"{args.count} claims", total == args.count, total)
    expected = {_address(args.run_id, n) for n in range(args.count)}
    emails = list(claims.values_list("email_normalized", flat=True))
    check("one per address, none missing", len(set(emails)) == len(emails) and set(emails) == expected,
          f"{len(set(emails))} distinct of {len(emails)}")
    duplicates = claims.values("email_normalized").annotate(n=Count("id")).filter(n__gt=1).count()
    check("no duplicate claims", duplicates == 0, duplicates)
    statuses = dict(claims.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    check("nobody left unconfirmed", not statuses.get(Claim.Status.UNCONFIRMED), statuses)

    codes = TicketCode.objects.filter(contingent__slug=args.slug)
    assigned = list(codes.filter(claim__isnull=False).values_list("claim_id", flat=True))
    allocated = set(claims.filter(status=Claim.Status.ALLOCATED).values_list("id", flat=True))
    check(f"exactly {args.capacity} codes assigned", len(assigned) == args.capacity, len(assigned))
    check("each code to one claim", len(set(assigned)) == len(assigned), f"{len(set(assigned))} distinct claims")
    check(f"exactly {args.capacity} claims ALLOCATED", len(allocated) == args.capacity, len(allocated))
    check("the code holders are the ALLOCATED claims", set(assigned) == allocated)
    check(f"no code beyond the {args.capacity} imported", codes.count() == args.capacity, codes.count())

    waiting = list(claims.filter(status=Claim.Status.WAITLISTED).values_list("id", "waitlisted_at", "confirmed_at"))
    check(f"{args.count - args.capacity} WAITLISTED", len(waiting) == args.count - args.capacity, len(waiting))
    check("distinct waitlisted_at", len({w[1] for w in waiting}) == len(waiting), len({w[1] for w in waiting}))
    # The confirmation order is the order in which confirmations took the contingent lock: that of
    # the audit entries written under it (ids from one sequence).
    contingent_claims = {str(pk) for pk in claims.values_list("id", flat=True)}
    order = [
        int(pk) for pk in AuditEntry.objects.filter(
            object_type="contingents.claim", action__in=["claim_allocated", "claim_waitlisted"]
        ).order_by("id").values_list("object_id", flat=True)
        if pk in contingent_claims
    ]
    check("one confirmation each", len(order) == len(set(order)) == args.count, len(order))
    check("the first to confirm got the tickets", set(order[: args.capacity]) == allocated)
    by_list = [w[0] for w in sorted(waiting, key=lambda w: (w[1], w[0]))]
    check("waiting list in confirmation order", by_list == order[args.capacity:])
    last_holder = max(claims.filter(id__in=allocated).values_list("confirmed_at", flat=True), default=None)
    first_waiting = min((w[2] for w in waiting), default=None)
    check("every ticket holder confirmed (by the clock) before everyone waiting",
          last_holder is None or first_waiting is None or last_holder <= first_waiting,
          f"last holder {last_holder}, first waiting {first_waiting}")

    prefix = f"rush-{args.run_id}-"
    mails: dict[str, int] = {}
    for to in OutboxMail.objects.values_list("to", flat=True):
        for address in to:
            if address.startswith(prefix):
                mails[address] = mails.get(address, 0) + 1
    wrong = {a: n for a, n in mails.items() if n != 2}
    check("two mails per address (confirm request, then ticket or waiting list)",
          len(mails) == args.count and not wrong, f"{len(mails)} addresses, {len(wrong)} with another number")
    return 0 if all(checks) else 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("phase", choices=["tokens", "verify"])
    parser.add_argument("--slug")
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--run-id", default="c")
    args = parser.parse_args()
    sys.exit(tokens(args) if args.phase == "tokens" else verify(args))


if __name__ == "__main__":
    main()
