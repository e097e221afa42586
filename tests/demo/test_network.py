"""The Netzwerk's demo: the synthetic profiles (network_profiles.yaml, written by
tools/make_network_profiles.py) and the Gesprächsbörsen (network_meetings.yaml)."""

import re
import sys
from collections import Counter

import pytest
from django.urls import reverse

from revier.core.choices import Sector
from revier.core.models import AuditEntry, OutboxMail
from revier.demo.files import DEMO_DIR, read_yaml
from revier.demo.loader import load_events, load_network
from revier.events.models import Registration
from revier.network.followup.models import FollowupAnswer, FollowupInvitation
from revier.network.followup.selectors import followup_statistics
from revier.network.meetings.models import (
    Meeting, MeetingParticipant, MeetingRequest, MeetingSetup, ScheduleRun, Unavailability,
)
from revier.network.models import Profile, ProfileEntry, Region

UPCOMING = "wasserstoff-werkstatt-fuer-kmu-2026"
PAST = "kmu-im-strukturwandel-staerken-2024"


def _profiles() -> list[dict]:
    return read_yaml("network_profiles.yaml")["profiles"]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])", text.strip()) if s]


# --- The data files --------------------------------------------------------------------------


def test_demo_network_profiles_are_complete_and_invented():
    profiles = _profiles()
    topics = set(read_yaml("topics.yaml"))
    assert 180 <= len(profiles) <= 220
    assert len({p["email"] for p in profiles}) == len(profiles)
    assert len({p["organisation"] for p in profiles}) == len(profiles)
    for p in profiles:
        assert p["email"].endswith("@beispiel.example")
        assert p["kind"] in Sector.values and p["region"] in Region.values and p["district"]
        assert set(p["topics"]) <= topics and p["topics"]
        assert 1 <= len(p["offers"]) <= 4 and 1 <= len(p["needs"]) <= 3
        for entry in p["offers"] + p["needs"]:
            assert entry["title"] and entry["text"] and set(entry["topics"]) <= topics
    assert {p["region"] for p in profiles} == set(Region.values)
    kinds = Counter(p["kind"] for p in profiles)
    assert kinds["kmu"] > len(profiles) / 3 and kinds["wissenschaft"] >= 15 and kinds["verwaltung"] + kinds["politik"] >= 10
    seed_topics = {"wasserstoff", "waermewende", "ccs-ccu", "photonik", "fachkraefte", "foerderung"}
    assert seed_topics <= {topic for p in profiles for topic in p["topics"]}


def test_demo_network_profiles_repeat_no_sentence():
    sentences = Counter(
        sentence for p in _profiles()
        for text in [p["description"], *(entry["text"] for entry in p["offers"] + p["needs"])]
        for sentence in _sentences(text)
    )
    assert [sentence for sentence, count in sentences.items() if count > 1] == []


def test_demo_network_profiles_are_what_the_generator_writes():
    sys.path.insert(0, str(DEMO_DIR / "tools"))
    try:
        import make_network_profiles
    finally:
        sys.path.pop(0)
    assert make_network_profiles.make_profiles() == _profiles()
    boards = {board["event"]: board for board in read_yaml("network_meetings.yaml")["gespraechsboersen"]}
    assert make_network_profiles.make_requests(_profiles()) == {slug: b["requests"] for slug, b in boards.items()}
    assert make_network_profiles.make_unavailable(_profiles()) == boards[UPCOMING]["unavailable"]


# --- Loaded ----------------------------------------------------------------------------------


def snapshot() -> dict:
    return {
        "profiles": list(Profile.objects.order_by("id").values()),
        "entries": list(ProfileEntry.objects.order_by("id").values()),
        "profile_topics": sorted(Profile.topics.through.objects.values_list("profile_id", "topic_id")),
        "requests": list(MeetingRequest.objects.order_by("id").values()),
        "meetings": list(Meeting.objects.order_by("id").values()),
        "runs": list(ScheduleRun.objects.order_by("id").values_list("id", "status")),
        "unavailable": sorted(Unavailability.objects.values_list("profile_id", "slot_id")),
        "attendance": list(MeetingParticipant.objects.order_by("id").values_list("id", "attendance", "attendance_at")),
        "invitations": list(FollowupInvitation.objects.order_by("id").values()),
        "answers": list(FollowupAnswer.objects.order_by("id").values()),
        "registrations": Registration.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


@pytest.mark.django_db
def test_demo_network_loads_synthetic_profiles_meetings_and_no_mail_then_changes_nothing(client):
    load_events()
    result = load_network()
    count = len(_profiles())
    assert (result.created, result.changed, result.unchanged) == (count, 0, 0)
    profiles = Profile.objects.all()
    assert profiles.count() == count
    assert profiles.filter(is_synthetic=True, status=Profile.Status.CONFIRMED).count() == count
    visibility = Counter(profiles.values_list("visibility", flat=True))
    assert visibility["public"] > 0.8 * count and visibility["participants"] >= 5 and 1 <= visibility["hidden"] <= 15
    upcoming = profiles.filter(registrations__event__slug=UPCOMING, registrations__status="confirmed")
    assert 35 <= upcoming.count() <= 45
    assert all([r.email for r in p.registrations.all()] == [p.email] for p in upcoming.prefetch_related("registrations"))
    assert profiles.filter(registrations__event__slug=PAST).count() == 10
    # The invented people get no mail, whatever the services queued for them.
    assert not OutboxMail.objects.filter(to__icontains="beispiel.example").exists()

    # The upcoming event: requests in every state but lapsed (its deadline lies ahead), a schedule,
    # one agreed meeting cancelled by a participant afterwards.
    states = Counter(MeetingRequest.objects.filter(setup__event__slug=UPCOMING).values_list("status", flat=True))
    assert set(states) == {"pending", "accepted", "declined", "withdrawn", "cancelled"}
    assert states["cancelled"] == 1
    run = ScheduleRun.objects.get(setup__event__slug=UPCOMING)
    assert run.status == ScheduleRun.Status.DONE and run.placed == states["accepted"] + 1 and not run.report["unplaced"]
    assert followup_statistics(setup=run.setup).cancelled_before == 1
    assert Meeting.objects.filter(setup__event__slug=UPCOMING, status="placed").count() == states["accepted"]
    assert run.setup.tables.count() == 12 and run.setup.slots.count() == 16
    assert Unavailability.objects.filter(slot__setup=run.setup).count() >= 14
    # The past conference: accepted meetings published, requests left open lapsed at the deadline.
    past = Counter(MeetingRequest.objects.filter(setup__event__slug=PAST).values_list("status", flat=True))
    assert set(past) == {"accepted", "declined", "lapsed"}
    assert Meeting.objects.filter(setup__event__slug=PAST, status="placed", published=True).count() == past["accepted"]
    # ... and its follow-up: check-in at the tables, invitations sent, answers with cooperations.
    figures = followup_statistics(setup=MeetingSetup.objects.get(event__slug=PAST))
    assert figures.held > 0 and figures.no_shows > 0 and figures.held + figures.no_shows <= figures.placed
    assert figures.invitations > 0 and 0 < figures.followup_answered < figures.invitations
    assert figures.cooperation_planned > 0 and figures.cooperation_maybe > 0

    # Public pages: marked synthetic, no contact data.
    public = profiles.filter(visibility="public").order_by("id")
    for profile in [public.first(), public.last(), *upcoming.filter(visibility="public")[:3]]:
        html = client.get(reverse("network:profile", kwargs={"pk": profile.pk})).content.decode()
        assert "synthetisches Beispiel" in html
        assert profile.email not in html and "beispiel.example" not in html
    for name in ("network:directory", "network:entries"):
        html = client.get(reverse(name)).content.decode()
        assert "synthetisches Beispiel" in html and "beispiel.example" not in html
    hidden = profiles.filter(visibility="hidden").first()
    assert client.get(reverse("network:profile", kwargs={"pk": hidden.pk})).status_code == 404

    before = snapshot()
    again = load_network()
    assert (again.created, again.changed, again.unchanged, again.requests) == (0, 0, count, 0)
    assert snapshot() == before
    assert followup_statistics(setup=MeetingSetup.objects.get(event__slug=PAST)) == figures

    # A changed demo profile is reset through the services; the others stay as they are.
    changed = public.first()
    entry = changed.entries.first()
    ProfileEntry.objects.filter(pk=entry.pk).update(title="Anders")
    Profile.objects.filter(pk=changed.pk).update(visibility="hidden", organisation="Andere GmbH")
    reset = load_network()
    assert (reset.created, reset.changed, reset.unchanged) == (0, 1, count - 1)
    changed.refresh_from_db()
    assert changed.visibility == "public" and changed.organisation != "Andere GmbH"
    assert not changed.entries.filter(title="Anders").exists()
