"""`manage.py network_suggest PROFILES.json --out SUGGESTIONS.json [--top 10]`: the partner
suggestions for profiles in the exchange format (docs/network.md), without the database. A bad
file gets a German message and exit code 1; nothing is written."""

import json
import os
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from revier.network.matching import ProfileError, SuggestionIndex, Weights, profiles_from_json, suggestions_to_json


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(_("The file %(path)s cannot be read: %(error)s") % {"path": path, "error": error.strerror})
    except (ValueError, UnicodeDecodeError) as error:
        raise CommandError(_("The file %(path)s is not valid JSON: %(error)s") % {"path": path, "error": error})


class Command(BaseCommand):
    help = "Computes partner suggestions for a profile file (docs/network.md) and writes them as JSON."

    def add_arguments(self, parser):
        parser.add_argument("profiles", help="profile file (JSON, docs/network.md)")
        parser.add_argument("--out", required=True, help="suggestion file to write (JSON)")
        parser.add_argument("--top", type=int, default=10, help="suggestions per profile (default 10)")
        parser.add_argument("--weights", help="weights file (JSON, as Weights.to_json writes it); default: the built-in weights")

    def handle(self, *args, **options):
        if options["top"] < 1:
            raise CommandError(_("The number of suggestions (--top) must be at least 1."))
        weights = Weights()
        if options["weights"]:
            try:
                weights = Weights.from_json(_read_json(Path(options["weights"])))
            except ProfileError as error:
                raise CommandError(_("The weights cannot be used: %(error)s") % {"error": error})
        path = Path(options["profiles"])
        data = _read_json(path)
        try:
            profiles = profiles_from_json(data)
        except ProfileError as error:
            raise CommandError(_("The profiles in %(path)s cannot be used: %(error)s") % {"path": path, "error": error})
        began = time.monotonic()
        suggestions = SuggestionIndex(profiles, weights=weights, top=options["top"]).all_suggestions()
        seconds = time.monotonic() - began
        out = Path(options["out"])
        # Written to a temporary file beside the target and renamed: never a half-written file.
        try:
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out.parent or ".", delete=False, suffix=".tmp") as handle:
                json.dump(suggestions_to_json(suggestions), handle, ensure_ascii=False, indent=1)
                handle.write("\n")
            os.replace(handle.name, out)
        except OSError as error:
            raise CommandError(_("The file %(path)s cannot be written: %(error)s") % {"path": out, "error": error.strerror})
        if options["verbosity"] >= 1:
            with_any = sum(1 for ranked in suggestions.values() if ranked)
            self.stdout.write(
                _("Suggestions for %(with_any)s of %(total)s profiles, %(seconds).1f s.")
                % {"with_any": with_any, "total": len(profiles), "seconds": seconds}
            )
