"""Real concurrent HTTP requests for the double-submission tests: each thread posts with its own
test client and its own database connection, all released at the same moment."""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.test import Client


def post_at_once(url: str, data: dict, *, times: int) -> list[int]:
    """POSTs `data` to `url` from `times` threads at once; returns the status codes."""
    start = threading.Barrier(times)

    def post(_):
        try:
            start.wait(timeout=10)
            return Client().post(url, data).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(post, range(times)))
