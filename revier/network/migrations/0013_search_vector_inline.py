from django.db import migrations

# The directory's search (network.search) reads `search_vector` of every matching row twice: to test
# the match (@@) and to rank it (ts_rank). PostgreSQL's default storage for a tsvector ("extended")
# moved the vector of most profiles with several entries into the TOAST table (a tsvector hardly
# compresses, so it goes out of line once the row passes ~2 kB), and each read fetched it from there
# again: on 5,000 profiles ranking all of them took 35 ms instead of 13 ms. "main" keeps the vector in
# the row (search_text and search_stems, which PostgreSQL never reads for a search, go out of line
# first). Rows already written keep their storage until rewritten, so the profiles are rewritten
# once (an update recomputes the generated column); entries are small and stay in their rows anyway.
FORWARD = [
    "ALTER TABLE network_profile ALTER COLUMN search_vector SET STORAGE MAIN",
    "ALTER TABLE network_profileentry ALTER COLUMN search_vector SET STORAGE MAIN",
    "UPDATE network_profile SET search_text = search_text",
]
BACKWARD = [
    "ALTER TABLE network_profileentry ALTER COLUMN search_vector SET STORAGE EXTENDED",
    "ALTER TABLE network_profile ALTER COLUMN search_vector SET STORAGE EXTENDED",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("network", "0012_profile_registrations")]
    operations = [migrations.RunPython(forward, backward)]
