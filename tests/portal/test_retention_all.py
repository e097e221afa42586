"""Issue 12 §3, all kinds at once: the clock set past every retention period (registrations, claims,
network profiles, meetings, contact messages, messages to the editorial team), the worker's tasks
run; no name, address or free text of the expired objects is left in any column of any table, and
the statistics (organisers' counts, the Gesprächsbörse's follow-up figures, the contingent staff's
counts) are the same as before."""

import datetime
import inspect
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from revier.events import selectors as event_selectors
from revier.network.followup import selectors as followup_selectors
from revier.pages.services import STAFF_MESSAGE_RETENTION_DAYS
from tests.contingents import test_retention as claims
from tests.events import test_retention as registrations
from tests.factories import StaffFactory, StaffMessageFactory
from tests.network import test_retention as network
from tests.personal_data import tables_holding

pytestmark = pytest.mark.django_db

MESSAGE = {"name": "Gunhild Roessleinsdorf", "email": "gunhild.roessleinsdorf@example.org",
           "message": "Das Formular auf der Seite Kalkgruben liest mein Vorleser nicht vor"}


def _run_worker(now: datetime.datetime) -> None:
    """One round of every task of settings.WORKER_TASKS, as `run_worker` runs them, with the clock
    at `now` for those that take it."""
    for path in settings.WORKER_TASKS:
        task = import_string(path)
        task(now=now) if "now" in inspect.signature(task).parameters else task()


def _page_counts(client) -> tuple:
    """The counts the organisers' event list and the contingent staff's list show (every <dd>)."""
    client.force_login(StaffFactory())
    pages = [client.get(reverse(name)) for name in ("events:manage-list", "contingents:manage-list")]
    client.logout()
    assert [page.status_code for page in pages] == [200, 200]
    counts = tuple(tuple(re.findall(r"<dt>([^<]*)</dt><dd>([^<]*)</dd>", page.content.decode())) for page in pages)
    assert all(counts)
    return counts


def _figures(client, *, event, contingent, world) -> tuple:
    return (_page_counts(client), registrations._numbers(event), registrations._numbers(world["event"]), claims._numbers(contingent),
            followup_selectors.followup_statistics(setup=world["setup"]), network.network_figures(client, world["event"]),
            event_selectors.check_in_count(event=event))


def test_past_every_period_nothing_personal_is_left_and_the_figures_stay(client):
    event = registrations._event(10)
    registration, _ = registrations._person(event, registrations.GONE, checked_in_by=StaffFactory(username="einlass"))
    contingent = claims._contingent(20)
    claims._person(contingent, claims.GONE)
    world = network.network_world(retention_days=30)
    message = StaffMessageFactory(kind="barrier", **MESSAGE)
    strings = [*registrations._strings(registrations.GONE, registration), *claims._strings(claims.GONE),
               *network._strings(), network.MEETING_MESSAGE, network.CONTACT_MESSAGE, *MESSAGE.values()]
    assert {hit[2] for hit in tables_holding(strings)} == set(strings)  # the test can fail
    before = _figures(client, event=event, contingent=contingent, world=world)

    now = network.profile_period_end(world)
    assert now > max(registration.event.ends_at + datetime.timedelta(days=10),
                     contingent.target_ends_at + datetime.timedelta(days=20),
                     world["event"].ends_at + datetime.timedelta(days=30),
                     world["contact"].answered_at + datetime.timedelta(days=settings.NETWORK_CONTACT_RETENTION_DAYS),
                     message.created_at + datetime.timedelta(days=STAFF_MESSAGE_RETENTION_DAYS))
    _run_worker(now)  # the profiles' people are warned; their profiles go the warning's days later
    now += datetime.timedelta(days=settings.NETWORK_PROFILE_WARNING_DAYS)
    _run_worker(now)
    _run_worker(now + datetime.timedelta(minutes=5))  # a second round changes nothing of what is checked

    assert tables_holding(strings) == []
    assert _figures(client, event=event, contingent=contingent, world=world) == before
    assert now < timezone.now() + datetime.timedelta(days=settings.NETWORK_PROFILE_RETENTION_DAYS
                                                     + settings.NETWORK_PROFILE_WARNING_DAYS + 60)
