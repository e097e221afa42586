"""Where do given strings still stand in the database? Every column of every table (the models'
tables and any other), read as text, searched without case with SQL LIKE: what the retention tests
(issue 12 §3) use to show that nothing of an anonymised person is left anywhere."""

from django.db import connection


def _like_escape(text: str) -> str:
    return text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def tables_holding(strings: list[str]) -> list[tuple[str, str, str]]:
    """(table, column, string) for every column of every table of the default database in which one
    of `strings` occurs (as part of the column's text). JSON columns are searched in their stored
    text: use ASCII strings (SQLite stores JSON with non-ASCII characters escaped)."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            columns = [column.name for column in connection.introspection.get_table_description(cursor, table)]
            for text in strings:
                pattern = f"%{_like_escape(text)}%"
                condition = " OR ".join(f"LOWER(CAST({quote(column)} AS TEXT)) LIKE %s ESCAPE '\\'" for column in columns)
                cursor.execute(f"SELECT * FROM {quote(table)} WHERE {condition}", [pattern] * len(columns))
                for row in cursor.fetchall():
                    for column, value in zip(columns, row):
                        if value is not None and text.lower() in str(value if not isinstance(value, memoryview) else bytes(value)).lower():
                            found.append((table, column, text))
    return sorted(set(found))
