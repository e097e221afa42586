"""The privacy page says that a network profile's person is warned by mail before the profile is
anonymised for inactivity, with the days the Administration set ("[[retention:network_profile_warning]]",
core.retention.PERIODS), and that the anonymisation waits for them.

Changes the page only where it still has 0006's text, so an operator's own wording stays."""

import importlib

from django.db import migrations

_first = importlib.import_module("revier.pages.migrations.0005_privacy_names_every_processing")
_previous = importlib.import_module("revier.pages.migrations.0006_privacy_retention_periods_configured")


def new_text() -> str:
    text = _previous.new_text()
    for old, new in (
        ("dann wird es anonymisiert.",
         "dann wird es anonymisiert. [[retention:network_profile_warning]] Tage vorher schreiben wir Ihnen eine "
         "E-Mail mit Ihrem persönlichen Link: Dort behalten Sie das Profil mit einem Klick (oder löschen es "
         "gleich). Anonymisiert wird frühestens [[retention:network_profile_warning]] Tage nach dieser E-Mail."),
        ("dann anonymisiert; unbestätigt",
         "dann anonymisiert (mit einer E-Mail [[retention:network_profile_warning]] Tage vorher); unbestätigt"),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def warning(apps, schema_editor):
    _first._replace(apps, _previous.new_text(), new_text())


def no_warning(apps, schema_editor):
    _first._replace(apps, new_text(), _previous.new_text())


class Migration(migrations.Migration):
    dependencies = [("pages", "0007_page_english")]

    operations = [migrations.RunPython(warning, no_warning)]
