"""The Leichte Sprache page said events would come "bald"; they are here, with free tickets.

Changes the page only where it still has the starting text of 0003, so an editor's own wording stays.
"""

from django.db import migrations

OLD = """\
Bald finden Sie hier auch:

- Termine für Veranstaltungen.
- Firmen und Einrichtungen aus den Kohle-Regionen.
- Ergebnisse von Umfragen.
"""

NEW = """\
Auf Revier finden Sie auch Termine für Veranstaltungen.  
Sie stehen unter: **Veranstaltungen**.  
Dort können Sie sich auch anmelden.

Für manche Veranstaltungen gibt es Frei-Karten.  
Frei-Karten kosten nichts.  
Sie stehen unter: **Freikarten**.

Bald finden Sie hier auch:

- Firmen und Einrichtungen aus den Kohle-Regionen.
- Ergebnisse von Umfragen.
"""


def _replace(apps, old: str, new: str) -> None:
    from revier.core.text import render_markdown

    Page = apps.get_model("pages", "Page")
    for page in Page.objects.filter(slug="leichte-sprache"):
        if old in page.body:
            page.body = page.body.replace(old, new)
            page.body_html = render_markdown(page.body)
            page.save(update_fields=["body", "body_html"])


def events_are_here(apps, schema_editor):
    _replace(apps, OLD, NEW)


def events_to_come(apps, schema_editor):
    _replace(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_initial_pages")]

    operations = [migrations.RunPython(events_are_here, events_to_come)]
