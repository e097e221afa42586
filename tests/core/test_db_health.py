"""The PostgreSQL backend's health check without a round trip (revier/core/db/postgresql/base.py):
a working connection is usable without a statement sent, one the server ended is not, and the next
query after the check runs on a new connection."""

import time

import psycopg
import pytest
from django.db import connection, connections

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only: SQLite has no connection to lose"),
]


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_the_backend_is_ours():
    assert type(connections["default"]).__module__ == "revier.core.db.postgresql.base"


def test_a_working_connection_is_usable_without_a_statement(monkeypatch):
    _backend_pid()

    def no_statement(*args, **kwargs):
        raise AssertionError("the health check sent a statement")

    monkeypatch.setattr(connection.connection, "execute", no_statement)
    monkeypatch.setattr(connection.connection, "cursor", no_statement)
    assert connection.is_usable()


@pytest.mark.django_db(transaction=True)  # outside a transaction, as between requests
def test_a_connection_the_server_ended_is_not_usable_and_the_next_query_reconnects():
    pid = _backend_pid()
    settings = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in settings.items() if k not in ("cursor_factory", "context")},
                         autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    deadline = time.monotonic() + 5
    while connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not connection.is_usable()
    # What Django does before a request's first query (CONN_HEALTH_CHECKS): a new connection.
    assert not connection.in_atomic_block
    connection.health_check_done = False
    connection.close_if_health_check_failed()
    assert _backend_pid() != pid
