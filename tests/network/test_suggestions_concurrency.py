"""Partner suggestions written by two workers at the same moment (deployments run more than one
`run_worker`): the lists are replaced one writer after the other, so neither fails on the
"once per pair" constraint and no list is doubled. Real threads with their own connections, on
whichever database the suite runs (found by bench/faults.sh, stop 23: an IntegrityError in a
worker when two rebuilt at once). Threads of one process share its in-memory index, which worker
processes do not: only the rebuild, which replaces it whole, is run here side by side."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from revier.network.suggestions import services
from revier.network.suggestions.models import Suggestion
from tests.network.test_suggestions import provider, seeker

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(call, times: int):
    start = threading.Barrier(times)
    failures, lock = [], threading.Lock()

    def run(_n):
        try:
            start.wait(timeout=10)
            call()
        except Exception as error:  # noqa: BLE001 – asserted below
            with lock:
                failures.append(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=times) as pool:
        list(pool.map(run, range(times)))
    return failures


def _pairs():
    return list(Suggestion.objects.values_list("profile_id", "other_id"))


def test_rebuilds_at_the_same_moment_replace_the_lists_one_after_the_other():
    for n in range(12):
        if n % 2:
            provider(n)
        else:
            seeker(n)
    services.suggestions_rebuild()
    expected = sorted(_pairs())
    assert expected
    for _round in range(5):
        assert _at_once(services.suggestions_rebuild, 3) == []
        assert sorted(_pairs()) == expected
