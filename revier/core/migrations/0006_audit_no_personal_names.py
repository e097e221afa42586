"""Audit entries name people by id only (issue 12 §2): the names copied into `object_repr` before
(a registration's "Bernd Hänel", a user's name) are blanked. Only the object types whose name is no
personal data keep it, as core.services.audit_label decides today; this list is that decision at
the time of this migration, so that it does not change with the code. Any other type, also one of
a model removed since, is blanked: the safe side."""

from django.db import migrations

LABELLED = [
    "core.topic",
    "events.organisation", "events.event", "events.programitem", "events.ticketcategory", "events.question",
    "news.article", "news.articlelink",
    "pages.page",
    "contingents.contingent", "contingents.eligibilityquestion",
    "monitor.survey", "monitor.region", "monitor.question", "monitor.wave", "monitor.estimate", "monitor.importrun",
    "network.meetingsetup", "network.meetingsession", "network.meetingslot", "network.meetingtable",
    "network.schedulerun", "network.suggestionweights",
]


def forward(apps, schema_editor):
    AuditEntry = apps.get_model("core", "AuditEntry")
    AuditEntry.objects.exclude(object_type__in=LABELLED).exclude(object_repr="").update(object_repr="")
    # The demo's account entries copied the user name into their details.
    for entry in AuditEntry.objects.filter(action="demo_account_created", data__has_key="username").only("data"):
        entry.data.pop("username", None)
        entry.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [("core", "0005_topic_table")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)]
