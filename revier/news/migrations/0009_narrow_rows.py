from django.db import migrations

# PostgreSQL only. A search visits the row of every match (to filter by status and date and to
# rank on rank_vector). With the default layout a row keeps its texts (body, body_html, search
# text, stems, the full-text vector) compressed in line, about 4.4 rows per 8 kB page: a common
# word's 2,092 matches touched 1,461 pages. Moving every long text out of line early
# (toast_tuple_target = 256) while title, slug, teaser and rank_vector stay in the row (storage
# MAIN: compressed in line, out of line only when a row would not fit a page at all) leaves about
# ten rows per page: about 30 % less time for such a search (docs/performance.md). Rows written
# before keep their layout until they are written again (VACUUM FULL news_article rewrites all).
FORWARD = [
    "ALTER TABLE news_article SET (toast_tuple_target = 256)",
    "ALTER TABLE news_article ALTER COLUMN title SET STORAGE MAIN, ALTER COLUMN slug SET STORAGE MAIN, "
    "ALTER COLUMN teaser SET STORAGE MAIN, ALTER COLUMN rank_vector SET STORAGE MAIN",
]
BACKWARD = [
    "ALTER TABLE news_article RESET (toast_tuple_target)",
    "ALTER TABLE news_article ALTER COLUMN title SET STORAGE EXTENDED, ALTER COLUMN slug SET STORAGE EXTENDED, "
    "ALTER COLUMN teaser SET STORAGE EXTENDED, ALTER COLUMN rank_vector SET STORAGE EXTENDED",
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
    dependencies = [("news", "0008_rank_vector")]
    operations = [migrations.RunPython(forward, backward)]
