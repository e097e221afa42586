"""Rows read with SQL written by hand (for the few queries on a hot path where the ORM's compiling
costs more than the query), turned into model instances exactly as the ORM reads them."""

from django.db import connection


def field_converter(field):
    """A function (value, connection) from what the database driver returns for `field` to the
    field's Python value, as the ORM converts it when it reads a row; None where nothing is needed."""
    expression = field.get_col(field.model._meta.db_table)
    backend = connection.ops.get_db_converters(expression) + expression.get_db_converters(connection)
    if not backend:
        return None

    def convert(value, db_connection):
        for converter in backend:
            value = converter(value, expression, db_connection)
        return value
    return convert


def converted(row, converters) -> list:
    """The values of `row` through `converters` (field_converter per column, None: as read)."""
    return [convert(value, connection) if convert else value for convert, value in zip(converters, row, strict=True)]
