"""The contingent for bench/claims.sh, written through the services like real data:

  bench-freikarten-50   first come, 50 tickets, 50 imported codes, open from an hour ago for 30 days

Prints the slug as a shell assignment (CLAIM_SLUG=…), which the benchmark evaluates.
"""

import argparse
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from revier.contingents import services  # noqa: E402
from revier.contingents.models import Contingent  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=50)
    args = parser.parse_args()
    now = timezone.now()
    contingent = services.contingent_save(contingent=Contingent(
        slug=f"bench-freikarten-{args.size}",
        title="Freikarten Benchmark-Messe",
        description="Freikarten für den **Benchmark**.\n\n" + "Ein Absatz Bedingungen. " * 20,
        status=Contingent.Status.PUBLISHED,
        partner_event_title="Benchmark-Messe",
        partner_event_starts_on=(now + datetime.timedelta(days=60)).date(),
        partner_event_ends_on=(now + datetime.timedelta(days=61)).date(),
        partner_event_place="Jena",
        partner_name="Beispiel Messegesellschaft (Benchmark)",
        partner_url="https://example.org/messe",
        size=args.size,
        mode=Contingent.Mode.FIRST_COME,
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=30),
    ))
    report = services.codes_import(
        contingent=contingent, text="\n".join(f"BENCH-{n:04d}" for n in range(1, args.size + 1)), actor=None
    )
    assert report.ok and report.added == args.size, report
    print(f"CLAIM_SLUG={contingent.slug}")


if __name__ == "__main__":
    main()
