from django.db import migrations

TOPICS = [
    ("Wasserstoff", "wasserstoff"),
    ("Wärmewende", "waermewende"),
    ("CCS/CCU", "ccs-ccu"),
    ("Fachkräfte", "fachkraefte"),
    ("Förderung", "foerderung"),
    ("Innovation", "innovation"),
    ("Mobilität", "mobilitaet"),
    ("Veranstaltungen", "veranstaltungen"),
    ("Monitor", "monitor"),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("news", "Topic")
    for position, (name, slug) in enumerate(TOPICS):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "position": position * 10})


class Migration(migrations.Migration):
    dependencies = [("news", "0002_search_index")]
    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
