"""The privacy page names the retention periods the administrators set in the staff area (issue 12
§3): the numbers 0005 wrote are replaced by "[[retention:KEY]]", which the page shows as the
configured days (core.retention.retention_tokens_fill), and the periods are the Administration's.

Changes the page only where it still has 0005's text, so an operator's own wording stays."""

import importlib

from django.db import migrations

_previous = importlib.import_module("revier.pages.migrations.0005_privacy_names_every_processing")


def new_text() -> str:
    template = _previous.TEMPLATE
    for old, new in (
        ("(die Redaktion kann für eine Veranstaltung einen anderen Zeitraum festlegen; das Formular nennt ihn)",
         "(die Administration kann für eine Veranstaltung einen anderen Zeitraum festlegen; das Formular nennt ihn)"),
        ("| Anträge auf Freikarten | {retention} Tage", "| Anträge auf Freikarten | [[retention:claims]] Tage"),
        ("| Nachrichten über „Kontakt“ und „Barriere melden“ | 180 Tage nach Eingang |",
         "| Nachrichten über „Kontakt“ | [[retention:contact_messages]] Tage nach Eingang |\n"
         "| Meldungen über „Barriere melden“ | [[retention:barrier_reports]] Tage nach Eingang |"),
    ):
        assert old in template, old
        template = template.replace(old, new)
    values = dict(_previous.values())
    values.update(retention="[[retention:registrations]]", profile_days="[[retention:network_profiles]]",
                  contact_days="[[retention:network_contacts]]")
    return template.format(**values)


def tokens(apps, schema_editor):
    _previous._replace(apps, _previous.new_text(), new_text())


def numbers(apps, schema_editor):
    _previous._replace(apps, new_text(), _previous.new_text())


class Migration(migrations.Migration):
    dependencies = [("pages", "0005_privacy_names_every_processing")]

    operations = [migrations.RunPython(tokens, numbers)]
