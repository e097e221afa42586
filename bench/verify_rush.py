"""Checks the database after a registration rush and exits non-zero if any check fails:
exactly COUNT registrations, one per address, no address missing; with --capacity N exactly N hold a
seat (and they are the first N created), all others are on the waiting list with distinct
`waitlisted_at` in creation order; without a capacity nobody waits; one mail per registration in
the outbox."""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from revier.core.models import OutboxMail  # noqa: E402
from revier.events.models import Registration  # noqa: E402
from revier.events.models import SEATS  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--slug", required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--capacity", type=int, default=None)
    parser.add_argument("--run-id", default="a")
    parser.add_argument("--no-waitlist", action="store_true",
                        help="the rush left the waiting-list box unticked: exactly CAPACITY registrations, "
                             "all holding a seat, the others refused (no row, no mail)")
    args = parser.parse_args()
    now = timezone.now()
    registrations = Registration.objects.filter(event__slug=args.slug)
    checks = []

    def check(name, ok, detail=""):
        checks.append(ok)
        print(f"  {'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail else ''}")

    total = registrations.count()
    created = args.capacity if args.no_waitlist else args.count
    check(f"{created} registrations", total == created, total)
    expected = {f"rush-{args.run_id}-{n:05d}@example.org" for n in range(args.count)}
    emails = list(registrations.values_list("email_normalized", flat=True))
    if args.no_waitlist:
        check("one per address, all from this rush", len(set(emails)) == len(emails) and set(emails) <= expected,
              f"{len(set(emails))} distinct of {len(emails)}")
    else:
        check("one per address, none missing", len(set(emails)) == len(emails) and set(emails) == expected,
              f"{len(set(emails))} distinct of {len(emails)}")
    duplicates = registrations.values("email_normalized").annotate(n=Count("id")).filter(n__gt=1).count()
    check("no duplicates", duplicates == 0, duplicates)

    seated = list(registrations.filter(SEATS.holds_q(now)).order_by("id").values_list("id", flat=True))
    waiting = list(registrations.filter(status=Registration.Status.WAITLISTED).values_list("id", "waitlisted_at"))
    if args.no_waitlist:
        check(f"exactly {args.capacity} hold a seat (nothing overbooked)", len(seated) == args.capacity, len(seated))
        check("nobody waits", not waiting, len(waiting))
    elif args.capacity is not None:
        check(f"exactly {args.capacity} hold a seat", len(seated) == args.capacity, len(seated))
        check(f"{args.count - args.capacity} on the waiting list", len(waiting) == args.count - args.capacity, len(waiting))
        by_id = sorted(waiting)
        by_time = sorted(waiting, key=lambda row: (row[1], row[0]))
        check("waiting list in creation order", [r[0] for r in by_id] == [r[0] for r in by_time])
        check("distinct waitlisted_at", len({r[1] for r in waiting}) == len(waiting), len({r[1] for r in waiting}))
        all_ids = sorted(registrations.values_list("id", flat=True))
        check("the first registrations got the seats", seated == all_ids[: len(seated)])
    else:
        check("everyone holds a seat", len(seated) == args.count, len(seated))
        check("nobody waits", not waiting, len(waiting))
    prefix = f"rush-{args.run_id}-"
    mails = sum(1 for to in OutboxMail.objects.values_list("to", flat=True) if any(a.startswith(prefix) for a in to))
    check("one mail per registration in the outbox", mails == created, mails)
    sys.exit(0 if all(checks) else 1)


if __name__ == "__main__":
    main()
