from django.db import migrations, models

# The directory's search (network.search). PostgreSQL: a generated, stored tsvector column per table
# (the name or title with weight A, the whole search text with weight B) with a GIN index; the models
# do not declare these columns: PostgreSQL fills them, Django must never write them. SQLite searches
# the stored word stems instead.
FORWARD = [
    "ALTER TABLE network_profile ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('german'::regconfig, organisation || ' ' || first_name || ' ' || last_name), 'A') || "
    "setweight(to_tsvector('german'::regconfig, search_text), 'B')) STORED",
    "CREATE INDEX IF NOT EXISTS network_profile_search_vector ON network_profile USING gin (search_vector)",
    "ALTER TABLE network_profileentry ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('german'::regconfig, title), 'A') || "
    "setweight(to_tsvector('german'::regconfig, search_text), 'B')) STORED",
    "CREATE INDEX IF NOT EXISTS network_profileentry_search_vector ON network_profileentry USING gin (search_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS network_profileentry_search_vector",
    "ALTER TABLE network_profileentry DROP COLUMN IF EXISTS search_vector",
    "DROP INDEX IF EXISTS network_profile_search_vector",
    "ALTER TABLE network_profile DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


def fill(apps, schema_editor):
    """The search text of the profiles that exist already (as network.search writes it)."""
    from revier.network.search import profile_search_refresh

    Profile, ProfileEntry = apps.get_model("network", "Profile"), apps.get_model("network", "ProfileEntry")
    ids = list(Profile.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        profile_search_refresh(profile_ids=ids[start : start + 500], models=(Profile, ProfileEntry))


class Migration(migrations.Migration):
    dependencies = [("network", "0002_meetings")]
    operations = [
        migrations.AddField(
            model_name="profile", name="search_text", field=models.TextField(blank=True, default="", editable=False)
        ),
        migrations.AddField(
            model_name="profile", name="search_stems", field=models.TextField(blank=True, default="", editable=False)
        ),
        migrations.AddField(
            model_name="profileentry", name="search_text", field=models.TextField(blank=True, default="", editable=False)
        ),
        migrations.AddField(
            model_name="profileentry", name="search_stems", field=models.TextField(blank=True, default="", editable=False)
        ),
        migrations.RunPython(forward, backward),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
