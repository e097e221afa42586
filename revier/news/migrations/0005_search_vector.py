from django.db import migrations

# PostgreSQL only. The tsvector of every article is stored in a generated column, so that ranking
# reads it instead of parsing the whole text of every match again (docs/performance.md). The
# Django model does not declare the column: PostgreSQL fills it, Django must never write it.
# news.selectors.SearchVectorColumn reads it. SQLite searches the stored word stems instead.
FORWARD = [
    "ALTER TABLE news_article ADD COLUMN IF NOT EXISTS search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('german'::regconfig, search_text)) STORED",
    "CREATE INDEX IF NOT EXISTS news_article_search_vector ON news_article USING gin (search_vector)",
    "DROP INDEX IF EXISTS news_article_search_german",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS news_article_search_german ON news_article "
    "USING gin (to_tsvector('german'::regconfig, search_text))",
    "DROP INDEX IF EXISTS news_article_search_vector",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_vector",
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
    dependencies = [("news", "0004_admin_form_rules")]
    operations = [migrations.RunPython(forward, backward)]
