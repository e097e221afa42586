"""The warning before a network profile is anonymised for inactivity (issue 12 §3): the configured
days before its period ends the person gets one mail with the personal link to keep the profile or
delete it now; a profile is never anonymised before its warning had those days; keeping it (or any
other sign of life) starts its period anew. Clock set with the services' `now=`."""

import datetime
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import formats, timezone, translation

from revier.core.models import AuditEntry, OutboxMail
from revier.core.retention import retention_periods_set
from revier.network import services as network_services
from revier.network.models import Profile, ProfileLink
from revier.network.retention import network_anonymise_due, profile_removal_at, profiles_warn_due
from tests.factories import StaffFactory, make_profile

SUBJECT_DE = "Ihr Netzwerk-Profil wird bald gelöscht"
DAY = datetime.timedelta(days=1)


def _period() -> datetime.timedelta:
    return datetime.timedelta(days=settings.NETWORK_PROFILE_RETENTION_DAYS)


def _warning() -> datetime.timedelta:
    return datetime.timedelta(days=settings.NETWORK_PROFILE_WARNING_DAYS)


def _idle_since(moment: datetime.datetime) -> None:
    """Every profile's last sign of life (change, confirmation, personal link) at `moment`."""
    Profile.objects.update(updated_at=moment, confirmed_at=moment)
    ProfileLink.objects.update(created_at=moment)


def _warnings(email: str) -> list[OutboxMail]:
    return [mail for mail in OutboxMail.objects.filter(subject=SUBJECT_DE).order_by("id") if email in mail.to]


def _date(moment: datetime.datetime, language: str = "de") -> str:
    with translation.override(language):
        return formats.date_format(timezone.localtime(moment), "DATE_FORMAT")


@pytest.mark.django_db
def test_one_warning_before_the_end_and_the_removal_after_it():
    profile, _token = make_profile(0)
    start = timezone.now()
    _idle_since(start)
    warn_at = start + _period() - _warning()
    assert profiles_warn_due(now=warn_at - datetime.timedelta(minutes=1)) == 0
    assert profiles_warn_due(now=warn_at) == 1
    # Again in the same round, later the same day, a week later: no second mail.
    for later in (warn_at, warn_at + datetime.timedelta(hours=3), warn_at + 7 * DAY):
        assert profiles_warn_due(now=later) == 0
    mails = _warnings("kim0@example.org")
    assert len(mails) == 1
    mail = mails[0]
    removal = warn_at + _warning()
    assert f"am {_date(removal)}" in mail.body_text and f"in {settings.NETWORK_PROFILE_WARNING_DAYS} Tagen" in mail.body_text
    assert f"am {_date(removal)}" in mail.body_html and "Profil behalten" in mail.body_html
    profile.refresh_from_db()
    assert profile.retention_warned_at == warn_at
    assert AuditEntry.objects.filter(action="profile_retention_warned", object_id=str(profile.pk)).count() == 1
    # The warning's own link is no sign of life: the profile goes when the period ends.
    assert network_anonymise_due(now=removal - datetime.timedelta(minutes=1)) == 0
    assert network_anonymise_due(now=removal) == 1
    profile.refresh_from_db()
    assert profile.anonymised_at == removal and profile.email == ""
    assert _warnings("kim0@example.org") == []  # the mail naming the person went with the profile


@pytest.mark.django_db
def test_no_removal_without_a_warning_and_a_late_warning_moves_the_removal():
    profile, _token = make_profile(0)
    start = timezone.now()
    _idle_since(start)
    end = start + _period()
    # The worker did not warn (it was stopped): the period is over, the profile stays.
    assert network_anonymise_due(now=end + 10 * DAY) == 0
    late = end + 10 * DAY
    assert profiles_warn_due(now=late) == 1
    assert f"am {_date(late + _warning())}" in _warnings("kim0@example.org")[0].body_text
    assert network_anonymise_due(now=late + _warning() - datetime.timedelta(minutes=1)) == 0
    assert network_anonymise_due(now=late + _warning()) == 1
    profile.refresh_from_db()
    assert profile.anonymised_at == late + _warning()


@pytest.mark.django_db
def test_unconfirmed_profiles_get_no_warning_hidden_ones_do():
    hidden, _ = make_profile(0, visibility="hidden")
    make_profile(1, confirmed=False)
    staff_hidden, _ = make_profile(2)
    network_services.profile_hide(profile=staff_hidden, actor=StaffFactory())
    start = timezone.now()
    _idle_since(start)
    assert profiles_warn_due(now=start + _period()) == 2
    assert {mail.to[0] for mail in OutboxMail.objects.filter(subject=SUBJECT_DE)} == {"kim0@example.org",
                                                                                     "kim2@example.org"}


@pytest.mark.django_db
def test_a_sign_of_life_after_the_warning_keeps_the_profile_and_a_new_period_gets_a_new_warning():
    profile, _token = make_profile(0)
    start = timezone.now()
    _idle_since(start)
    warn_at = start + _period() - _warning()
    assert profiles_warn_due(now=warn_at) == 1
    # The person changes the profile a day after the warning (a sign of life).
    changed = warn_at + DAY
    Profile.objects.filter(pk=profile.pk).update(updated_at=changed)
    assert network_anonymise_due(now=warn_at + _warning() + 5 * DAY) == 0
    profile.refresh_from_db()
    assert profile_removal_at(profile=profile) is None
    # Idle again for the whole period: exactly one new warning, then the removal.
    second = changed + _period() - _warning()
    assert profiles_warn_due(now=second - DAY) == 0
    assert profiles_warn_due(now=second) == 1 and profiles_warn_due(now=second + DAY) == 0
    assert len(_warnings("kim0@example.org")) == 2
    assert network_anonymise_due(now=second + _warning()) == 1


@pytest.mark.django_db
def test_the_mail_in_the_profiles_language_with_links_to_the_site(client, settings):
    settings.SITE_URL = "https://revier.example.net"
    profile, _token = make_profile(0)
    Profile.objects.filter(pk=profile.pk).update(language="en")
    start = timezone.now() - _period() + _warning()
    _idle_since(start)
    now = timezone.now()
    assert profiles_warn_due(now=now) == 1
    mail = OutboxMail.objects.get(subject="Your network profile will be deleted soon")
    removal = now + _warning()
    assert f"on {_date(removal, 'en')}" in mail.body_text and "Keep profile" in mail.body_html
    # The English page's address (the person used it), at the configured site.
    links = re.findall(r"https://revier\.example\.net/en/netzwerk/mein-profil/[A-Za-z0-9_-]+/#profil-[a-z]+",
                       mail.body_text)
    assert [link.rsplit("#", 1)[1] for link in links] == ["profil-behalten", "profil-loeschen"]
    assert f'href="{links[0]}"' in mail.body_html and f'href="{links[1]}"' in mail.body_html

    # The link opens the personal page with the date and the button to keep the profile.
    path = links[0].removeprefix("https://revier.example.net").split("#")[0]
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Your profile will be deleted on {_date(removal, 'en')}" in html and 'id="profil-behalten"' in html
    assert 'id="profil-loeschen"' in html
    kept = client.post(path, {"aktion": "behalten"})
    assert kept.status_code == 302 and kept.url.endswith("?erledigt=behalten#erledigt")
    assert "Thank you, your profile stays." in client.get(kept.url).content.decode()
    profile.refresh_from_db()
    assert profile.retention_warned_at is None and profile.updated_at >= now
    assert 'id="profil-behalten"' not in client.get(path).content.decode()
    assert AuditEntry.objects.filter(action="profile_kept", object_id=str(profile.pk)).count() == 1
    # Kept: not removed when the warning's days are over, and no new warning until the next end.
    assert network_anonymise_due(now=removal + DAY) == 0
    assert profiles_warn_due(now=removal + DAY) == 0


@pytest.mark.django_db
def test_the_warning_days_are_set_with_the_periods_and_stay_below_the_profiles_period(client):
    retention_periods_set(days={"network_profile_warning": 14}, actor=None)
    profile, _token = make_profile(0)
    start = timezone.now()
    _idle_since(start)
    assert profiles_warn_due(now=start + _period() - 15 * DAY) == 0
    assert profiles_warn_due(now=start + _period() - 14 * DAY) == 1
    assert "in 14 Tagen" in _warnings("kim0@example.org")[0].body_text
    with pytest.raises(ValidationError):
        retention_periods_set(days={"network_profile_warning": settings.NETWORK_PROFILE_RETENTION_DAYS}, actor=None)
    with pytest.raises(ValidationError):
        retention_periods_set(days={"network_profiles": 14}, actor=None)
    assert profile_removal_at(profile=Profile.objects.get(pk=profile.pk)) == start + _period()


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_warning():
    for n in range(3):
        make_profile(n)
    start = timezone.now()
    _idle_since(start)
    now = start + _period() - _warning()
    barrier = threading.Barrier(4)
    counts, failures = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            counts.append(profiles_warn_due(now=now))
        except Exception as error:  # noqa: BLE001 – asserted below
            failures.append(error)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(4):
            pool.submit(run)
    assert failures == []
    assert sum(counts) == 3
    assert OutboxMail.objects.filter(subject=SUBJECT_DE).count() == 3
    assert AuditEntry.objects.filter(action="profile_retention_warned").count() == 3
