"""`manage.py meetings_schedule INSTANCE.json --out SCHEDULE.json [--time-limit 60] [--seed 0]`:
the scheduler of the Gesprächsbörse on an instance in the exchange format (docs/network.md),
without the database. A bad instance gets a German message and exit code 1; nothing is written."""

import json
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from revier.network.scheduling import InstanceError, instance_from_json, schedule_meetings, schedule_to_json


class Command(BaseCommand):
    help = "Schedules the meetings of an instance file (docs/network.md) and writes the schedule as JSON."

    def add_arguments(self, parser):
        parser.add_argument("instance", help="instance file (JSON, docs/network.md)")
        parser.add_argument("--out", required=True, help="schedule file to write (JSON)")
        parser.add_argument("--time-limit", type=float, default=60.0, help="seconds for the solver (default 60)")
        parser.add_argument("--seed", type=int, default=0, help="random seed of the solver (default 0)")
        parser.add_argument("--workers", type=int, default=2, help="solver threads (default 2; 1 for a reproducible run)")

    def handle(self, *args, **options):
        if options["time_limit"] <= 0:
            raise CommandError(_("The time limit must be positive."))
        if options["workers"] < 1:
            raise CommandError(_("At least one solver thread is needed."))
        try:
            import ortools.sat.python.cp_model  # noqa: F401  (the solver; fail early and say why)
        except ImportError:
            raise CommandError(_("The solver OR-Tools is not installed: run `make install`."))
        path = Path(options["instance"])
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(_("The file %(path)s cannot be read: %(error)s") % {"path": path, "error": error.strerror})
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(_("The file %(path)s is not valid JSON: %(error)s") % {"path": path, "error": error})
        try:
            instance = instance_from_json(data)
        except InstanceError as error:
            raise CommandError(_("The instance %(path)s cannot be scheduled: %(error)s") % {"path": path, "error": error})

        def report(best):
            bound = "–" if best.bound is None else best.bound
            breaks = "–" if best.breaks is None else best.breaks
            self.stderr.write(f"{best.seconds:6.1f} s  {best.phase:<10} placed {best.placed}  breaks {breaks}  bound {bound}")

        schedule = schedule_meetings(
            instance,
            time_limit=options["time_limit"],
            seed=options["seed"],
            workers=options["workers"],
            progress=report if options["verbosity"] >= 2 else None,
            log=self.stderr.write if options["verbosity"] >= 3 else None,
        )
        out = Path(options["out"])
        # Written to a temporary file beside the target and renamed: never a half-written schedule.
        try:
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out.parent or ".", delete=False, suffix=".tmp") as handle:
                json.dump(schedule_to_json(schedule), handle, ensure_ascii=False, indent=1)
                handle.write("\n")
            os.replace(handle.name, out)
        except OSError as error:
            raise CommandError(_("The file %(path)s cannot be written: %(error)s") % {"path": out, "error": error.strerror})
        statuses = {
            "optimal": _("proven optimal"),
            "feasible": _("best found within the time limit"),
            "greedy": _("greedy start, the solver found nothing better in time"),
        }
        if options["verbosity"] >= 1:
            self.stdout.write(
                _("%(placed)s of %(total)s meetings placed; breaks: %(breaks)s (worst participant %(max)s, lower bound %(bound)s), %(seconds).1f s, %(status)s.")
                % {
                    "placed": len(schedule.placements),
                    "total": len(instance.meetings),
                    "breaks": schedule.breaks,
                    "max": schedule.max_breaks,
                    "bound": schedule.lower_bound,
                    "seconds": schedule.seconds,
                    "status": statuses[schedule.status],
                }
            )
