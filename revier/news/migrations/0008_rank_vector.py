from django.db import migrations

# PostgreSQL only. Search results are ranked on a small vector of title (weight A) and teaser
# (weight B) instead of the full text's vector (docs/performance.md, "Search ranks on title and
# teaser"): the full vector (about 1.2 kB, stored out of line) had to be read for every match, so a
# common word cost 10–35 ms of ranking; this one (about 250 bytes) stays in the row. Matching still
# uses the full text's vector and its GIN index. Like search_vector, PostgreSQL generates the
# column and the model does not declare it (news.selectors.RankVectorColumn reads it).
FORWARD = [
    "ALTER TABLE news_article ADD COLUMN IF NOT EXISTS rank_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('german'::regconfig, title), 'A') || "
    "setweight(to_tsvector('german'::regconfig, teaser), 'B')) STORED",
]
BACKWARD = ["ALTER TABLE news_article DROP COLUMN IF EXISTS rank_vector"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("news", "0007_topic_in_core")]
    operations = [migrations.RunPython(forward, backward)]
