import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from revier.core.models import AuditEntry, OutboxMail
from revier.core.tokens import token_hash
from revier.network import errors, selectors, services
from revier.network.models import Profile, ProfileEntry, ProfileLink
from tests.factories import StaffFactory, TopicFactory, make_profile, profile_input, profile_token

pytestmark = pytest.mark.django_db

OFFER = services.EntryInput(direction="offer", title="Prüfung von Elektrolyse-Komponenten",
                            text="Prüfstände für Stacks bis 1 MW.")
NEED = services.EntryInput(direction="need", title="Partner für die Elektrolyse im Chemiepark")


def mails_to(email):
    return [mail for mail in OutboxMail.objects.order_by("id") if email in mail.to]


def test_profile_create_is_unconfirmed_invisible_and_mails_a_link():
    hydrogen = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    outcome = services.profile_create(email=" Kim@Example.org ", data=profile_input(topic_ids=(hydrogen.pk,)),
                                      entries=[OFFER, NEED])
    profile = outcome.profile
    assert outcome.kind == "created"
    assert profile.status == Profile.Status.UNCONFIRMED
    assert profile.email_normalized == "kim@example.org"
    assert profile.confirm_until > timezone.now()
    assert list(profile.topics.all()) == [hydrogen]
    assert [(e.direction, e.position) for e in profile.entries.order_by("position")] == [("offer", 0), ("need", 1)]
    assert selectors.profile_public_get(pk=profile.pk) is None
    [mail] = mails_to("Kim@Example.org")
    assert "bestätigen" in mail.subject.lower()
    token = profile_token("Kim@Example.org")
    # Only the hash of the token is stored.
    assert ProfileLink.objects.filter(profile=profile, token_hash=token_hash(token)).exists()
    assert not ProfileLink.objects.filter(token_hash=token).exists()
    assert AuditEntry.objects.filter(action="profile_created", object_id=str(profile.pk)).exists()


def test_profile_confirm_makes_it_public_and_twice_changes_nothing():
    profile, token = make_profile(confirmed=False)
    confirmed = services.profile_confirm(token=token)
    assert confirmed.status == Profile.Status.CONFIRMED and confirmed.confirm_until is None
    assert selectors.profile_public_get(pk=profile.pk) == profile
    mails = len(mails_to("kim0@example.org"))
    again = services.profile_confirm(token=token)
    assert again.confirmed_at == confirmed.confirmed_at
    assert len(mails_to("kim0@example.org")) == mails


def test_profile_confirm_refuses_tampered_and_expired_tokens():
    profile, token = make_profile(confirmed=False)
    with pytest.raises(errors.LinkInvalid):
        services.profile_confirm(token=token[:-1] + ("A" if token[-1] != "A" else "B"))
    with pytest.raises(errors.LinkInvalid):
        services.profile_confirm(token="")
    ProfileLink.objects.filter(profile=profile).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(errors.LinkInvalid):
        services.profile_confirm(token=token)


def test_profile_confirm_after_the_time_to_confirm_is_refused():
    profile, token = make_profile(confirmed=False)
    later = timezone.now() + datetime.timedelta(hours=49)
    with pytest.raises(errors.ConfirmationExpired):
        services.profile_confirm(token=token, now=later)
    profile.refresh_from_db()
    assert profile.status == Profile.Status.UNCONFIRMED


def test_second_create_with_the_same_address_sends_the_link_again_and_creates_nothing():
    profile, _token = make_profile()
    before = len(mails_to("kim0@example.org"))
    outcome = services.profile_create(email="KIM0@example.org", data=profile_input(5, first_name="Andere"))
    assert outcome.kind == "existing" and outcome.profile == profile
    assert Profile.objects.count() == 1
    assert len(mails_to("kim0@example.org")) == before + 1  # to the stored address
    profile.refresh_from_db()
    assert profile.first_name == "Kim"  # nothing changed by someone who only knows the address


def test_double_submission_within_the_repeat_window_sends_no_second_mail():
    services.profile_create(email="kim@example.org", data=profile_input())
    services.profile_create(email="kim@example.org", data=profile_input())
    assert Profile.objects.count() == 1
    assert len(mails_to("kim@example.org")) == 1


def test_an_unconfirmed_profile_past_its_time_is_replaced_by_a_new_create():
    old = services.profile_create(email="kim@example.org", data=profile_input()).profile
    later = timezone.now() + datetime.timedelta(hours=49)
    new = services.profile_create(email="kim@example.org", data=profile_input(1), now=later).profile
    assert new.pk != old.pk
    assert list(Profile.objects.values_list("pk", flat=True)) == [new.pk]


def test_the_database_refuses_a_second_profile_with_the_same_address():
    make_profile()
    profile = Profile.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Profile.objects.create(
            first_name="X", last_name="Y", organisation="Z", kind="kmu", region="lausitz", email="kim0@example.org",
            email_normalized=profile.email_normalized, confirm_until=timezone.now(),
        )


@pytest.mark.parametrize("overrides,entries", [
    ({"description": "x" * 1001}, []),
    ({"organisation": "x" * 201}, []),
    ({"first_name": "   "}, []),
    ({"kind": "piraten"}, []),
    ({"region": "ueberregional"}, []),
    ({"visibility": "everyone"}, []),
    ({"organisation": "Nul\x00Byte GmbH"}, []),
    ({}, [services.EntryInput(direction="offer", title="t", text="x" * 2001)]),
    ({}, [services.EntryInput(direction="sideways", title="t")]),
    ({}, [services.EntryInput(direction="need", title=" ")]),
    ({"topic_ids": (999999,)}, []),
])
def test_profile_create_refuses_bad_input_with_a_german_message_and_changes_nothing(overrides, entries):
    with pytest.raises(errors.InvalidInput) as raised:
        services.profile_create(email="kim@example.org", data=profile_input(**overrides), entries=entries)
    assert raised.value.message
    assert Profile.objects.count() == 0 and OutboxMail.objects.count() == 0


def test_profile_create_refuses_an_invalid_address():
    with pytest.raises(errors.InvalidInput):
        services.profile_create(email="kein-at-zeichen", data=profile_input())
    assert Profile.objects.count() == 0


def test_profile_create_refuses_too_many_entries():
    with pytest.raises(errors.TooManyEntries):
        services.profile_create(email="kim@example.org", data=profile_input(), entries=[OFFER] * 21)


def test_profile_update_changes_fields_and_topics_and_audits_names_only():
    heat = TopicFactory(name="Wärmewende", slug="waermewende")
    profile, _ = make_profile()
    services.profile_update(profile=profile, data=profile_input(organisation="Neu GmbH", topic_ids=(heat.pk,)))
    profile.refresh_from_db()
    assert profile.organisation == "Neu GmbH" and list(profile.topics.all()) == [heat]
    entry = AuditEntry.objects.filter(action="profile_changed").get()
    assert entry.data == {"fields": ["organisation", "topics"]}
    assert "Neu GmbH" not in str(entry.data) and (entry.object_id, entry.object_repr) == (str(profile.pk), "")


def test_profile_update_refuses_overlong_text():
    profile, _ = make_profile()
    with pytest.raises(errors.InvalidInput):
        services.profile_update(profile=profile, data=profile_input(description="x" * 1001))
    profile.refresh_from_db()
    assert profile.description == "Wir bauen Komponenten für Elektrolyseure."


def test_entries_add_change_and_remove_only_their_own():
    profile, _ = make_profile()
    other, _ = make_profile(1)
    first = services.profile_entry_add(profile=profile, data=OFFER)
    second = services.profile_entry_add(profile=profile, data=NEED)
    assert (first.position, second.position) == (0, 1)
    services.profile_entry_update(profile=profile, entry_id=first.pk,
                                  data=services.EntryInput(direction="need", title="Neu"))
    first.refresh_from_db()
    assert (first.direction, first.title) == ("need", "Neu")
    with pytest.raises(errors.InvalidInput):
        services.profile_entry_update(profile=other, entry_id=first.pk, data=OFFER)
    with pytest.raises(errors.InvalidInput):
        services.profile_entry_delete(profile=other, entry_id=first.pk)
    services.profile_entry_delete(profile=profile, entry_id=first.pk)
    assert list(profile.entries.all()) == [second]


def test_entry_add_refuses_more_than_the_limit():
    profile, _ = make_profile(entries=[OFFER] * services.ENTRIES_MAX)
    with pytest.raises(errors.TooManyEntries):
        services.profile_entry_add(profile=profile, data=NEED)
    assert profile.entries.count() == services.ENTRIES_MAX


def test_visibility_decides_who_sees_the_profile():
    profile, _ = make_profile()
    for visibility, public in [("participants", False), ("hidden", False), ("public", True)]:
        services.profile_set_visibility(profile=profile, visibility=visibility)
        assert (selectors.profile_public_get(pk=profile.pk) is not None) is public
    with pytest.raises(errors.InvalidInput):
        services.profile_set_visibility(profile=profile, visibility="alle")


def test_profile_delete_removes_all_personal_data():
    profile, token = make_profile(entries=[OFFER])
    services.profile_update(profile=profile, data=profile_input(organisation="Geheim GmbH"))
    services.profile_delete(profile=profile)
    assert not Profile.objects.exists() and not ProfileEntry.objects.exists() and not ProfileLink.objects.exists()
    assert selectors.profile_get_by_token(token=token) is None
    for entry in AuditEntry.objects.filter(object_type="network.profile"):
        text = f"{entry.object_repr} {entry.data}"
        assert "Kim" not in text and "Beispiel" not in text and "Geheim" not in text and "example.org" not in text
    assert AuditEntry.objects.filter(action="profile_deleted").exists()


def test_resend_links_adds_a_link_and_tells_nothing():
    profile, token = make_profile()
    assert services.profile_resend_links(email="KIM0@example.org ") == 1
    assert profile.links.count() == 2
    assert selectors.profile_get_by_token(token=token) == profile  # the first link keeps working
    assert services.profile_resend_links(email="niemand@example.org") == 0


def test_resend_links_is_limited_per_address(settings):
    settings.SELF_SERVICE_MAILS_PER_HOUR = 2
    make_profile()
    sent = [services.profile_resend_links(email="kim0@example.org") for _ in range(4)]
    assert sent == [1, 1, 0, 0]


def test_resend_links_skips_unconfirmed_profiles_past_their_time():
    services.profile_create(email="kim@example.org", data=profile_input())
    later = timezone.now() + datetime.timedelta(hours=49)
    assert services.profile_resend_links(email="kim@example.org", now=later) == 0


def test_staff_hide_and_unhide():
    staff = StaffFactory()
    profile, _ = make_profile()
    services.profile_hide(profile=profile, actor=staff, reason="Werbung")
    assert selectors.profile_public_get(pk=profile.pk) is None
    services.profile_unhide(profile=profile, actor=staff)
    assert selectors.profile_public_get(pk=profile.pk) is not None
    assert list(AuditEntry.objects.filter(actor=staff).values_list("action", flat=True).order_by("id")) == [
        "profile_hidden", "profile_unhidden"]


def test_staff_merge_moves_entries_and_topics_to_the_kept_profile():
    staff = StaffFactory()
    hydrogen, heat = TopicFactory(slug="wasserstoff"), TopicFactory(slug="waermewende")
    keep, _ = make_profile(entries=[OFFER], topics=[hydrogen])
    duplicate, duplicate_token = make_profile(1, entries=[NEED, OFFER], topics=[heat, hydrogen])
    services.profile_merge(keep=keep, duplicate=duplicate, actor=staff)
    assert list(Profile.objects.all()) == [keep]
    assert sorted(keep.topics.values_list("slug", flat=True)) == ["waermewende", "wasserstoff"]
    assert [e.position for e in keep.entries.order_by("position")] == [0, 1, 2]
    assert selectors.profile_get_by_token(token=duplicate_token) is None
    with pytest.raises(errors.MergeNotPossible):
        services.profile_merge(keep=keep, duplicate=keep, actor=staff)


def test_worker_deletes_unconfirmed_profiles_after_their_time_only():
    waiting = services.profile_create(email="a@example.org", data=profile_input()).profile
    confirmed, _ = make_profile(1)
    assert services.profiles_purge_unconfirmed() == 0
    later = timezone.now() + datetime.timedelta(hours=49)
    assert services.profiles_purge_unconfirmed(now=later) == 1
    assert list(Profile.objects.all()) == [confirmed]
    assert not Profile.objects.filter(pk=waiting.pk).exists()


def test_a_rolled_back_create_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        services.profile_create.__wrapped__(email="kim@example.org", data=profile_input())
        raise RuntimeError
    assert OutboxMail.objects.count() == 0 and Profile.objects.count() == 0


def test_profile_link_issue_returns_a_working_link_without_mail_and_audits_it():
    profile, _token = make_profile()
    mails = OutboxMail.objects.count()
    token = services.profile_link_issue(profile=profile, reason="demo")
    assert selectors.profile_get_by_token(token=token) == profile
    assert ProfileLink.objects.filter(profile=profile, token_hash=token_hash(token)).exists()
    assert OutboxMail.objects.count() == mails
    entry = AuditEntry.objects.get(action="profile_link_issued")
    assert (entry.object_id, entry.object_repr) == (str(profile.pk), "") and entry.data == {"reason": "demo"}


def test_profile_link_issue_refuses_an_unconfirmed_profile():
    profile, _token = make_profile(confirmed=False)
    links = ProfileLink.objects.count()
    with pytest.raises(errors.NotConfirmed):
        services.profile_link_issue(profile=profile)
    assert ProfileLink.objects.count() == links
