"""Django's PostgreSQL backend with a health check that needs no round trip.

With `CONN_HEALTH_CHECKS` Django asks a kept connection, before the first query of every request,
whether it still works: its PostgreSQL backend sends `SELECT 1` and waits for the answer. On a page
that runs one query (a personal link's page, an article) that doubles the statements and costs
about 0.15 ms of CPU, client and server together (docs/performance.md, stop 23). A connection that
the server has ended (a restart, `pg_terminate_backend`, an idle timeout) has its end waiting on the
socket: the server's last message and the closed stream make the idle socket readable. So the
check here looks at the socket instead, without sending anything: a connection that libpq already
knows to be bad, one that is not idle, or one whose socket has something to read counts as unusable,
and Django opens a new one. A connection that breaks between this look and the query fails that
request as before (core.outage answers 503), and Django drops it at the request's end.
"""

import select

from django.db.backends.postgresql import base
from psycopg import pq


# Where a connection may be looked at: between statements, in or outside a transaction.
_QUIET = (pq.TransactionStatus.IDLE, pq.TransactionStatus.INTRANS)


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        try:
            if connection.info.transaction_status not in _QUIET:
                return False  # a failed transaction or a lost connection
            poll = select.poll()
            poll.register(connection.pgconn.socket, select.POLLIN)
            events = poll.poll(0)
        except (OSError, ValueError, base.Database.Error):
            return False
        # Between statements the server has nothing to say to a connection but that it is gone.
        return not events
