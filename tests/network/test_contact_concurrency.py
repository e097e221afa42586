"""Contact requests under real concurrency: the daily limit per sender and the one open request
per pair hold when posts arrive at the same moment. Real threads, each with its own connection,
on whichever database the suite runs (SQLite and PostgreSQL)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import override_settings

from revier.network.contact import errors, services
from revier.network.contact.models import ContactRequest
from tests.factories import make_profile

pytestmark = pytest.mark.django_db(transaction=True)

MESSAGE = "Wir würden gern mit Ihnen sprechen."


def _at_once(calls):
    start = threading.Barrier(len(calls))
    results, failures, lock = [], [], threading.Lock()

    def run(call):
        try:
            start.wait(timeout=10)
            outcome = call()
            with lock:
                results.append(outcome)
        except Exception as error:  # noqa: BLE001 – asserted below
            with lock:
                failures.append(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        list(pool.map(run, calls))
    return results, failures


def _send(sender, recipient):
    return lambda: services.contact_request_send(sender=sender, recipient_id=recipient.pk, message=MESSAGE)


@override_settings(NETWORK_CONTACT_REQUESTS_PER_DAY=2)
def test_concurrent_requests_of_one_sender_keep_the_daily_limit():
    sender, _ = make_profile(0)
    others = [make_profile(n)[0] for n in range(1, 7)]
    results, failures = _at_once([_send(sender, other) for other in others])
    assert len(results) == 2 and ContactRequest.objects.count() == 2
    assert len(failures) == 4 and all(isinstance(f, errors.TooManyToday) for f in failures), failures


def test_concurrent_requests_in_both_directions_make_one():
    a, _ = make_profile(0)
    b, _ = make_profile(1)
    results, failures = _at_once([_send(a, b), _send(b, a), _send(a, b), _send(b, a)])
    assert len(results) == 1 and ContactRequest.objects.count() == 1
    assert all(isinstance(f, errors.DuplicateRequest) for f in failures), failures
