from django.db import migrations

INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS news_article_search_german ON news_article "
    "USING gin (to_tsvector('german'::regconfig, search_text))"
)


def create_index(apps, schema_editor):
    # PostgreSQL only: the GIN index for the German full-text search (news.selectors.GermanDocument).
    # SQLite searches the stored word stems instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX_SQL)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS news_article_search_german")


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
