"""Every write of the network's profiles (issue 10, section 1).

A profile is made and managed by its person without an account, through personal links (as
registrations are): created unconfirmed (seen by nobody), confirmed with the link from the mail
(double opt-in), changed, hidden or deleted on the personal page. Every service is atomic, writes an
audit entry in its transaction and queues its mails in the outbox (core.mail), so nothing is sent for
a change that rolled back. Audit entries of a profile name it by number only: its person's name must
not outlive the profile's deletion in the log."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revier.core.capacity import lock_key
from revier.core.choices import Sector
from revier.core.mail import mail_language, mail_queue, self_service_mail_allowed, written_for
from revier.core.models import AuditEntry, Topic
from revier.core.services import audit_log
from revier.core.text import unique_slug
from revier.core.tokens import personal_link_issue
from revier.events import selectors as event_selectors
from revier.network import errors
from revier.network.models import (
    DESCRIPTION_MAX,
    ENTRY_TEXT_MAX,
    TOPIC_PROPOSAL_MAX,
    Profile,
    ProfileEntry,
    ProfileRegistration,
    Region,
    TopicProposal,
)
from revier.network.registration_option import invite_value
from revier.network.search import profile_search_refresh
from revier.network.selectors import profile_get_by_token
from revier.network.suggestions.services import suggestions_queue

Status = Profile.Status
Visibility = Profile.Visibility
Direction = ProfileEntry.Direction

# At most this many offers and needs per profile (a directory entry, not a catalogue).
ENTRIES_MAX = 20
# The same profile submitted again within this time is a double submission: no second mail.
REPEAT_WINDOW = datetime.timedelta(minutes=2)

# ---------------------------------------------------------------------------------------------
# Helpers


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def personal_url(token: str) -> str:
    return absolute_url(reverse("network:personal", kwargs={"token": token}))


def confirm_deadline(now: datetime.datetime) -> datetime.datetime:
    """Until when a new profile can be confirmed (settings.NETWORK_CONFIRM_HOURS); afterwards the
    worker deletes it (profiles_purge_unconfirmed)."""
    return now + datetime.timedelta(hours=settings.NETWORK_CONFIRM_HOURS)


# The audited changes after which a profile's partner suggestions are computed anew (the worker
# reads the queue after this transaction commits; network.suggestions.services).
SUGGESTION_CHANGES = {
    "profile_confirmed", "profile_changed", "profile_visibility_set", "profile_entry_added", "profile_entry_changed",
    "profile_entry_deleted", "profile_deleted", "profile_hidden", "profile_unhidden", "profile_merged",
    "profile_topic_added",
}


def _audit(*, actor, action: str, profile: Profile, data: dict | None = None) -> AuditEntry:
    """An audit entry of a profile that names it by number only (see the module docstring). A
    change that concerns the partner suggestions also queues the profile for them."""
    if action in SUGGESTION_CHANGES:
        suggestions_queue(profile_ids=[profile.pk])
    return audit_log(actor=actor, action=action, obj=profile, data=data)


SUBJECTS = {
    "confirm_request": _("Please confirm your network profile"),
    "confirmed": _("Your network profile is confirmed"),
    "link_again": _("Your network profile"),
    "deleted": _("Your network profile has been deleted"),
    "registration_linked": _("Your profile for the Gesprächsbörse"),
    "topic_approved": _("Your topic proposal has been accepted"),
    "topic_rejected": _("Your topic proposal was not accepted"),
    "retention_warning": _("Your network profile will be deleted soon"),
}


def _mail(profile: Profile, template: str, *, token: str | None = None, extra: dict | None = None) -> bool:
    """Queues one of the profile mails (plain text and HTML) in the outbox, in the language the
    profile was made in (core.mail.written_for; `extra` may be a function, called in it, for links
    in it). Says whether it was stored (not for a withheld address, core.mail.withheld)."""
    with written_for(profile.language):
        stored = mail_queue(
            to=[profile.email],
            subject=str(SUBJECTS[template]),
            template=f"network/mail/{template}",
            context={
                "profile": profile,
                "personal_url": personal_url(token) if token else None,
                "site_name": settings.SITE_NAME,
                "site_url": settings.SITE_URL,
                **(extra() if callable(extra) else extra or {}),
            },
        )
    return stored is not None


def _issue_link(profile: Profile, *, now: datetime.datetime, sign_of_life: bool = True,
                expires_at: datetime.datetime | None = None) -> str:
    """A new personal link to the profile, for one mail; links mailed before keep working until
    they expire (`expires_at`, by default settings.NETWORK_LINK_DAYS after they were sent). A link
    is a sign of life of the profile (network.retention) unless `sign_of_life` is False (the link
    in the warning before the anonymisation)."""
    return personal_link_issue(
        profile.links, expires_at=expires_at or now + datetime.timedelta(days=settings.NETWORK_LINK_DAYS),
        sign_of_life=sign_of_life,
    )


def _link_registration(profile: Profile, registration_id: int) -> bool:
    """Links the profile to an event registration of its person (the caller holds the address lock
    or the profile row); a profile may be linked to registrations of several events. Says whether
    the link is new (a link made before is left as it is)."""
    _link, created = ProfileRegistration.objects.get_or_create(profile=profile, registration_id=registration_id)
    return created


def _send_link_again(profile: Profile, *, now: datetime.datetime) -> bool:
    """Mails the profile a new link, within core.mail.self_service_mail_allowed (silently nothing
    over the limit). Says whether the mail was queued."""
    if not self_service_mail_allowed(email=profile.email_normalized):
        return False
    _mail(profile, "link_again", token=_issue_link(profile, now=now))
    _audit(actor=None, action="profile_link_resent", profile=profile)
    return True


def _text(value: str, *, label, limit: int, required: bool = False) -> str:
    """The value stripped, or InvalidInput with a German message: required, too long, or with a
    control character (a form refuses these before; the services check for every caller)."""
    value = (value or "").strip()
    if required and not value:
        raise errors.InvalidInput(_("Please fill in “%(label)s”.") % {"label": label})
    if len(value) > limit:
        raise errors.InvalidInput(
            _("“%(label)s” may have at most %(limit)d characters (it has %(length)d).")
            % {"label": label, "limit": limit, "length": len(value)}
        )
    if any(ord(char) < 32 and char not in "\t\n\r" for char in value):
        raise errors.InvalidInput(_("“%(label)s” contains characters that are not allowed.") % {"label": label})
    return value


def _choice(value: str, *, choices: Iterable[str], label) -> str:
    if value not in set(choices):
        raise errors.InvalidInput(_("Please choose one of the offered values for “%(label)s”.") % {"label": label})
    return value


def _topics(topic_ids: Iterable[int]) -> list[Topic]:
    ids = sorted(set(topic_ids))
    topics = list(Topic.objects.filter(pk__in=ids))
    if len(topics) != len(ids):
        raise errors.InvalidInput(_("Please choose only from the listed topics."))
    return topics


# ---------------------------------------------------------------------------------------------
# Topic proposals ("Neues Thema vorschlagen")

# At most this many open proposals per profile (a proposal waits for staff; more is not needed).
TOPIC_PROPOSALS_OPEN_MAX = 3


def topic_name_key(name: str) -> str:
    """A topic's name as compared for duplicates: spaces collapsed, case folded ("Grüner  Wasserstoff"
    and "grüner wasserstoff" are one topic)."""
    return " ".join((name or "").split()).casefold()


def topic_existing_by_key(key: str) -> Topic | None:
    """The core topic whose name is `key` (topic_name_key), if any. Topic names are few: compared in
    Python, so that case folding is the same on SQLite and PostgreSQL (also for umlauts)."""
    return next((topic for topic in Topic.objects.only("pk", "name", "slug")
                 if topic_name_key(topic.name) == key), None)


def _checked_proposal(name: str) -> tuple[str, str]:
    """A proposed name, checked (InvalidInput: empty, too long, control characters), and its key."""
    label = _("Propose a new topic")
    name = " ".join(_text(name, label=label, limit=TOPIC_PROPOSAL_MAX, required=True).split())
    return name, topic_name_key(name)


def _propose_topics(profile: Profile, names: Iterable[str]) -> list[TopicProposal]:
    """Stores the profile's proposals (the caller holds the lock of the profile row): a name that is
    an existing topic's, or that the profile proposed already, or more than TOPIC_PROPOSALS_OPEN_MAX
    open proposals are refused (TopicProposalRefused); a name someone else proposed and staff have
    not decided yet adds the profile to that proposal (one open proposal per name, backed by a
    partial unique index; proposals of the same name wait for each other on a lock of the name)."""
    checked: dict[str, str] = {}
    for name in names:
        if not (name or "").strip():
            continue
        name, key = _checked_proposal(name)
        checked.setdefault(key, name)
    if not checked:
        return []
    open_proposals = {proposal.name_key: proposal for proposal in
                      TopicProposal.objects.filter(profiles=profile, status=TopicProposal.Status.OPEN)}
    stored = []
    for key, name in checked.items():
        existing_topic = topic_existing_by_key(key)
        if existing_topic is not None:
            raise errors.TopicProposalRefused(
                _("The topic “%(name)s” exists already. Please choose it in the list of topics.")
                % {"name": existing_topic.name})
        if key in open_proposals:
            raise errors.TopicProposalRefused(
                _("You have already proposed the topic “%(name)s”. The editorial team will decide on it soon.")
                % {"name": open_proposals[key].name})
        if len(open_proposals) >= TOPIC_PROPOSALS_OPEN_MAX:
            raise errors.TopicProposalRefused(
                _("You can have at most %(limit)d topic proposals waiting for a decision. Please wait until the "
                  "editorial team has decided on them.") % {"limit": TOPIC_PROPOSALS_OPEN_MAX})
        lock_key(f"network-topic-proposal:{key}")
        proposal = TopicProposal.objects.filter(name_key=key, status=TopicProposal.Status.OPEN).first()
        merged = proposal is not None
        if proposal is None:
            proposal = TopicProposal.objects.create(name=name, name_key=key)
        proposal.profiles.add(profile)
        open_proposals[key] = proposal
        _audit(actor=None, action="topic_proposed", profile=profile,
               data={"proposal": proposal.pk, "merged": merged})
        stored.append(proposal)
    return stored


def _drop_unproposed() -> None:
    """Open proposals whose every proposer has been deleted go with them."""
    TopicProposal.objects.filter(status=TopicProposal.Status.OPEN, profiles__isnull=True).delete()


# ---------------------------------------------------------------------------------------------
# Inputs


@dataclass(frozen=True)
class EntryInput:
    """An offer ("Wir bieten") or a need ("Wir suchen")."""

    direction: str
    title: str
    text: str = ""
    topic_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class ProfileInput:
    """What a person tells about themselves and their organisation (everything but the e-mail
    address, which a profile is bound to, and the entries)."""

    first_name: str
    last_name: str
    organisation: str
    kind: str
    region: str
    function: str = ""
    district: str = ""
    description: str = ""
    phone: str = ""
    visibility: str = Visibility.PUBLIC
    topic_ids: tuple[int, ...] = ()
    # New topics the person proposes ("Neues Thema vorschlagen"; staff decide, topic_proposal_approve).
    topic_proposals: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProfileOutcome:
    profile: Profile
    # "created": confirmation mail sent; "existing": the address has a profile, its link was sent again.
    kind: str


def _checked(data: ProfileInput) -> dict:
    """The profile's fields from `data`, checked (InvalidInput otherwise)."""
    field = Profile._meta.get_field
    return {
        "first_name": _text(data.first_name, label=field("first_name").verbose_name, limit=100, required=True),
        "last_name": _text(data.last_name, label=field("last_name").verbose_name, limit=100, required=True),
        "organisation": _text(data.organisation, label=field("organisation").verbose_name, limit=200, required=True),
        "function": _text(data.function, label=field("function").verbose_name, limit=200),
        "kind": _choice(data.kind, choices=Sector.values, label=field("kind").verbose_name),
        "region": _choice(data.region, choices=Region.values, label=field("region").verbose_name),
        "district": _text(data.district, label=field("district").verbose_name, limit=100),
        "description": _text(data.description, label=field("description").verbose_name, limit=DESCRIPTION_MAX),
        "phone": _text(data.phone, label=field("phone").verbose_name, limit=40),
        "visibility": _choice(data.visibility, choices=Visibility.values, label=field("visibility").verbose_name),
    }


def _checked_entry(data: EntryInput) -> dict:
    field = ProfileEntry._meta.get_field
    return {
        "direction": _choice(data.direction, choices=Direction.values, label=field("direction").verbose_name),
        "title": _text(data.title, label=field("title").verbose_name, limit=200, required=True),
        "text": _text(data.text, label=field("text").verbose_name, limit=ENTRY_TEXT_MAX),
    }


def _lock_profile(profile_id: int) -> Profile:
    """The profile row, locked until the transaction ends (PostgreSQL; SQLite's IMMEDIATE
    transactions are serialised anyway). Raises LinkInvalid when it has been deleted meanwhile."""
    found = Profile.objects.select_for_update().filter(pk=profile_id).first()
    if found is None:
        raise errors.LinkInvalid()
    return found


# ---------------------------------------------------------------------------------------------
# The person's services


@transaction.atomic(durable=True)
def profile_create(*, email: str, data: ProfileInput, entries: Iterable[EntryInput] = (),
                   registration_id: int | None = None, email_confirmed: bool = False,
                   now: datetime.datetime | None = None) -> ProfileOutcome:
    """"Profil anlegen": creates an unconfirmed profile (seen by nobody) and mails its personal
    link to confirm it (double opt-in). Guarantees: one profile per e-mail address (a unique
    constraint; creations with the same address wait for each other on a lock of the address): a
    second attempt sends the existing profile's link again (within
    core.mail.self_service_mail_allowed) and changes nothing, the same again within REPEAT_WINDOW
    (a double click) sends not even a mail; an unconfirmed profile whose time to confirm ran out is
    replaced. Inputs are checked (InvalidInput); the mail goes out only if this transaction commits.
    The answer must not tell the person which case it was (the view shows one page).
    `email_confirmed`: the caller has proof that the address is the person's (the signed link of a
    Gesprächsbörse invitation, network.registration_option): the profile is confirmed at once and
    its personal link mailed instead of a request to confirm."""
    email = _text(email, label=Profile._meta.get_field("email").verbose_name, limit=254, required=True)
    try:
        validate_email(email)
    except ValidationError:
        raise errors.InvalidInput(_("Please enter an e-mail address in the form name@example.de.")) from None
    email_normalized = normalize_email(email)
    fields = _checked(data)
    checked_entries = [_checked_entry(entry) for entry in entries]
    if len(checked_entries) > ENTRIES_MAX:
        raise errors.TooManyEntries(limit=ENTRIES_MAX)
    topics = _topics(data.topic_ids)
    entry_topics = [_topics(entry.topic_ids) for entry in entries]
    for name in data.topic_proposals:
        if (name or "").strip():
            _checked_proposal(name)
    lock_key(f"network-profile:{email_normalized}")
    now = now or timezone.now()

    existing = Profile.objects.select_for_update().filter(email_normalized=email_normalized).first()
    if existing is not None:
        if existing.status == Status.UNCONFIRMED and existing.confirm_until <= now:
            _audit(actor=None, action="profile_expired", profile=existing)
            existing.delete()
        else:
            if registration_id is not None and email_confirmed:
                # From a Gesprächsbörse invitation with the address proven: the profile the address
                # has (also one made for another event) is linked to this registration too.
                _link_existing_to_registration(existing, registration_id, now=now)
                return ProfileOutcome(profile=existing, kind="existing")
            repeat = (
                (existing.first_name, existing.last_name) == (fields["first_name"], fields["last_name"])
                and existing.created_at >= now - REPEAT_WINDOW
            )
            if not repeat:
                _send_link_again(existing, now=now)
            return ProfileOutcome(profile=existing, kind="existing")

    profile = Profile.objects.create(
        **fields,
        email=email,
        email_normalized=email_normalized,
        language=mail_language(),  # the page's: every later mail to the person is written in it
        status=Status.CONFIRMED if email_confirmed else Status.UNCONFIRMED,
        confirm_until=None if email_confirmed else confirm_deadline(now),
        confirmed_at=now if email_confirmed else None,
    )
    if registration_id is not None:
        _link_registration(profile, registration_id)
    profile.topics.set(topics)
    for position, (entry, its_topics) in enumerate(zip(checked_entries, entry_topics, strict=True)):
        created = ProfileEntry.objects.create(profile=profile, position=position, **entry)
        created.topics.set(its_topics)
    _propose_topics(profile, data.topic_proposals)
    profile_search_refresh(profile_ids=[profile.pk])
    token = _issue_link(profile, now=now)
    _audit(actor=None, action="profile_created", profile=profile,
           data={"entries": len(checked_entries), "registration": registration_id})
    _mail(profile, "confirmed" if email_confirmed else "confirm_request", token=token)
    return ProfileOutcome(profile=profile, kind="created")


def _link_existing_to_registration(profile: Profile, registration_id: int, *, now: datetime.datetime) -> str:
    """Links a profile of the registration's address to the registration (the caller holds the
    address lock; the address is proven, so an unconfirmed profile is confirmed with it) and mails
    its personal link, once: 'linked'; 'kept' when it was linked already (no second mail). The
    profile stays linked to its other events' registrations: it takes part in each Gesprächsbörse."""
    profile = _lock_profile(profile.pk)
    registration = event_selectors.registration_get(registration_id=registration_id)
    if registration is None or not _link_registration(profile, registration_id):
        return "kept"
    if profile.status != Status.CONFIRMED:
        profile.status, profile.confirmed_at, profile.confirm_until = Status.CONFIRMED, now, None
        profile.save(update_fields=["status", "confirmed_at", "confirm_until", "updated_at"])
        _audit(actor=None, action="profile_confirmed", profile=profile)
    _audit(actor=None, action="profile_linked_to_registration", profile=profile, data={"registration": registration_id})
    _mail(profile, "registration_linked", token=_issue_link(profile, now=now),
          extra={"event_title": registration.event.title})
    return "linked"


@transaction.atomic(durable=True)
def profile_invite_for_registration(*, registration_id: int, now: datetime.datetime | None = None) -> str:
    """Someone who ticked "Ich möchte an der Gesprächsbörse teilnehmen" has confirmed their
    registration (events.options calls this after the commit). Without a confirmed profile they get
    a mail with a link to "Profil anlegen", prefilled and bound to the registration
    (network.registration_option): 'invited'. With a confirmed profile under the same address, the
    profile is linked to this registration as well (a person registered for several events takes
    part in each event's Gesprächsbörse with one profile) and its personal link mailed: 'linked';
    'kept' when it was linked to this registration already (nothing mailed again). 'none' for a
    registration that no longer exists. One mail at most per call. Takes the same address lock as
    profile_create."""
    registration = event_selectors.registration_get(registration_id=registration_id)
    if registration is None:
        return "none"
    now = now or timezone.now()
    email_normalized = normalize_email(registration.email)
    lock_key(f"network-profile:{email_normalized}")
    profile = Profile.objects.select_for_update().filter(email_normalized=email_normalized).first()
    if profile is None or profile.status != Status.CONFIRMED:
        with written_for(registration.language):  # the language the person registered in
            create_url = absolute_url(f"{reverse('network:create')}?anmeldung={invite_value(registration.pk)}")
            mail_queue(
                to=[registration.email],
                subject=str(SUBJECTS["registration_linked"]),
                template="network/mail/registration_invite",
                context={"profile": {"first_name": registration.first_name}, "first_name": registration.first_name,
                         "create_url": create_url, "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL,
                         "event_title": registration.event.title},
            )
        return "invited"
    return _link_existing_to_registration(profile, registration.pk, now=now)


@transaction.atomic(durable=True)
def profile_import(*, email: str, data: ProfileInput, entries: Iterable[EntryInput] = (),
                   confirmed_at: datetime.datetime, registration_id: int | None = None,
                   is_synthetic: bool = False, actor: User | None = None) -> Profile:
    """Adds a profile confirmed elsewhere (the demo's synthetic profiles, a list from an earlier
    tool): confirmed at `confirmed_at`, without opt-in mail and without a personal link (the person
    asks for one with "Link erneut senden"). Inputs are checked as in profile_create (InvalidInput);
    an address that has a profile raises ProfileError, nothing is created twice."""
    email = _text(email, label=Profile._meta.get_field("email").verbose_name, limit=254, required=True)
    try:
        validate_email(email)
    except ValidationError:
        raise errors.InvalidInput(_("Please enter an e-mail address in the form name@example.de.")) from None
    email_normalized = normalize_email(email)
    fields = _checked(data)
    entries = list(entries)
    checked_entries = [_checked_entry(entry) for entry in entries]
    if len(checked_entries) > ENTRIES_MAX:
        raise errors.TooManyEntries(limit=ENTRIES_MAX)
    topics = _topics(data.topic_ids)
    entry_topics = [_topics(entry.topic_ids) for entry in entries]
    lock_key(f"network-profile:{email_normalized}")
    if Profile.objects.filter(email_normalized=email_normalized).exists():
        raise errors.ProfileError()
    profile = Profile.objects.create(
        **fields, email=email, email_normalized=email_normalized, status=Status.CONFIRMED,
        confirmed_at=confirmed_at, is_synthetic=is_synthetic,
    )
    if registration_id is not None:
        _link_registration(profile, registration_id)
    profile.topics.set(topics)
    # In bulk: the profile's save above already started a new content generation (core.fragments).
    created = ProfileEntry.objects.bulk_create(
        ProfileEntry(profile=profile, position=position, **entry) for position, entry in enumerate(checked_entries)
    )
    ProfileEntry.topics.through.objects.bulk_create(
        ProfileEntry.topics.through(profileentry_id=entry.pk, topic_id=topic.pk)
        for entry, its_topics in zip(created, entry_topics, strict=True) for topic in its_topics
    )
    profile_search_refresh(profile_ids=[profile.pk])
    _audit(actor=actor, action="profile_imported", profile=profile,
           data={"entries": len(checked_entries), "registration": registration_id, "synthetic": is_synthetic})
    return profile


@transaction.atomic(durable=True)
def profile_confirm(*, token: str, now: datetime.datetime | None = None) -> Profile:
    """Double opt-in: the person confirms with the link from the mail (a POST from the personal
    page; opening the link changes nothing). Confirming twice changes nothing; after the time to
    confirm ConfirmationExpired, with an unknown or expired link LinkInvalid."""
    found = profile_get_by_token(token=token)
    if found is None:
        raise errors.LinkInvalid()
    profile = _lock_profile(found.pk)
    now = now or timezone.now()
    if profile.status == Status.CONFIRMED:
        return profile
    if profile.confirm_until is None or profile.confirm_until <= now:
        raise errors.ConfirmationExpired()
    profile.status = Status.CONFIRMED
    profile.confirmed_at = now
    profile.confirm_until = None
    profile.save(update_fields=["status", "confirmed_at", "confirm_until", "updated_at"])
    _audit(actor=None, action="profile_confirmed", profile=profile)
    _mail(profile, "confirmed", token=token)
    return profile


@transaction.atomic(durable=True)
def profile_update(*, profile: Profile, data: ProfileInput) -> Profile:
    """The person changes their profile (not the e-mail address, which it is bound to). Inputs are
    checked (InvalidInput); the audit entry names the changed fields, not their values. Proposed
    topics are stored with it (_propose_topics); one refused refuses the whole change."""
    fields = _checked(data)
    topics = _topics(data.topic_ids)
    profile = _lock_profile(profile.pk)
    changed = sorted(name for name, value in fields.items() if getattr(profile, name) != value)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save(update_fields=[*fields, "updated_at"])
    before = set(profile.topics.values_list("pk", flat=True))
    if before != {topic.pk for topic in topics}:
        profile.topics.set(topics)
        changed.append("topics")
    profile_search_refresh(profile_ids=[profile.pk])
    _audit(actor=None, action="profile_changed", profile=profile, data={"fields": changed})
    _propose_topics(profile, data.topic_proposals)
    return profile


@transaction.atomic(durable=True)
def profile_keep(*, profile: Profile, now: datetime.datetime | None = None) -> Profile:
    """"Profil behalten" on the personal page (after the warning before the anonymisation,
    network.retention.profiles_warn_due): a sign of life. The profile counts as changed `now`, so
    its period starts anew, and its warning is over (a next one comes before the next end).
    Audited; a profile not confirmed raises NotConfirmed."""
    profile = _lock_profile(profile.pk)
    if profile.status != Status.CONFIRMED:
        raise errors.NotConfirmed()
    now = now or timezone.now()
    # An UPDATE, not save(): save() would put the clock's time into `updated_at` (auto_now).
    Profile.objects.filter(pk=profile.pk).update(updated_at=now, retention_warned_at=None)
    profile.refresh_from_db()
    _audit(actor=None, action="profile_kept", profile=profile)
    return profile


@transaction.atomic(durable=True)
def profile_set_visibility(*, profile: Profile, visibility: str) -> Profile:
    """Who may see the profile: everyone (public directory), participants of the same event, or nobody."""
    visibility = _choice(visibility, choices=Visibility.values, label=Profile._meta.get_field("visibility").verbose_name)
    profile = _lock_profile(profile.pk)
    if profile.visibility != visibility:
        profile.visibility = visibility
        profile.save(update_fields=["visibility", "updated_at"])
        _audit(actor=None, action="profile_visibility_set", profile=profile, data={"visibility": visibility})
    return profile


@transaction.atomic(durable=True)
def profile_entry_add(*, profile: Profile, data: EntryInput) -> ProfileEntry:
    """Adds an offer or a need at the end of its list; at most ENTRIES_MAX per profile."""
    fields = _checked_entry(data)
    topics = _topics(data.topic_ids)
    profile = _lock_profile(profile.pk)
    if profile.entries.count() >= ENTRIES_MAX:
        raise errors.TooManyEntries(limit=ENTRIES_MAX)
    last = profile.entries.order_by("-position").values_list("position", flat=True).first()
    entry = ProfileEntry.objects.create(profile=profile, position=0 if last is None else last + 1, **fields)
    entry.topics.set(topics)
    Profile.objects.filter(pk=profile.pk).update(updated_at=timezone.now())
    profile_search_refresh(profile_ids=[profile.pk])
    _audit(actor=None, action="profile_entry_added", profile=profile, data={"entry": entry.pk, "direction": entry.direction})
    return entry


def _own_entry(profile: Profile, entry_id: int) -> ProfileEntry:
    entry = ProfileEntry.objects.filter(pk=entry_id, profile_id=profile.pk).first()
    if entry is None:
        raise errors.InvalidInput(_("This offer or need does not exist (any more)."))
    return entry


@transaction.atomic(durable=True)
def profile_entry_update(*, profile: Profile, entry_id: int, data: EntryInput) -> ProfileEntry:
    """Changes one of the profile's own offers or needs (another profile's entry is refused)."""
    fields = _checked_entry(data)
    topics = _topics(data.topic_ids)
    profile = _lock_profile(profile.pk)
    entry = _own_entry(profile, entry_id)
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.save(update_fields=[*fields, "updated_at"])
    entry.topics.set(topics)
    Profile.objects.filter(pk=profile.pk).update(updated_at=timezone.now())
    profile_search_refresh(profile_ids=[profile.pk])
    _audit(actor=None, action="profile_entry_changed", profile=profile, data={"entry": entry.pk})
    return entry


@transaction.atomic
def profile_entry_delete(*, profile: Profile, entry_id: int, actor: User | None = None) -> None:
    """Removes one of the profile's own offers or needs (by the person, or staff in the admin)."""
    profile = _lock_profile(profile.pk)
    entry = _own_entry(profile, entry_id)
    entry_pk = entry.pk
    entry.delete()
    Profile.objects.filter(pk=profile.pk).update(updated_at=timezone.now())
    profile_search_refresh(profile_ids=[profile.pk])
    _audit(actor=actor, action="profile_entry_deleted", profile=profile, data={"entry": entry_pk})


@transaction.atomic  # not durable: the admin deletes selected profiles one by one in one transaction
def profile_delete(*, profile: Profile, actor: User | None = None) -> None:
    """Deletes the profile with its offers, needs and personal links, for good: no copy of its
    personal data stays (the audit log names profiles by number only). The person gets a last mail
    without a link, saying so."""
    profile = _lock_profile(profile.pk)
    _mail(profile, "deleted")
    _audit(actor=actor, action="profile_deleted", profile=profile, data={"by": "staff" if actor else "person"})
    profile.delete()
    _drop_unproposed()


@transaction.atomic(durable=True)
def profile_resend_links(*, email: str, now: datetime.datetime | None = None) -> int:
    """"Link erneut senden": the profile of the address (confirmed, or unconfirmed within its time
    to confirm) gets a new link by mail; the links sent before keep working. Says nothing to the
    requester about whether a profile exists or a mail was withheld (core.mail.self_service_mail_allowed);
    returns how many mails were queued."""
    now = now or timezone.now()
    profile = (
        Profile.objects.filter(email_normalized=normalize_email(email))
        .exclude(status=Status.UNCONFIRMED, confirm_until__lte=now)
        .first()
    )
    return int(profile is not None and _send_link_again(profile, now=now))


@transaction.atomic(durable=True)
def profile_link_issue(*, profile: Profile, actor: User | None = None, reason: str = "",
                       now: datetime.datetime | None = None) -> str:
    """A new personal link to a confirmed profile, returned instead of mailed (the demo prints links
    to its synthetic participants' pages; their addresses get no mail). Links issued before keep
    working. Audited ("profile_link_issued", with `reason`); the token itself is stored only hashed
    and appears nowhere but in the return value. A profile that is not confirmed raises NotConfirmed."""
    profile = _lock_profile(profile.pk)
    if profile.status != Status.CONFIRMED:
        raise errors.NotConfirmed()
    token = _issue_link(profile, now=now or timezone.now())
    _audit(actor=actor, action="profile_link_issued", profile=profile, data={"reason": reason[:100]})
    return token


# ---------------------------------------------------------------------------------------------
# Staff


@transaction.atomic
def profile_hide(*, profile: Profile, actor: User | None, reason: str = "") -> Profile:
    """The editorial team hides a profile: nobody but its person sees it, whatever its visibility."""
    profile = _lock_profile(profile.pk)
    if not profile.hidden_by_staff:
        profile.hidden_by_staff = True
        profile.save(update_fields=["hidden_by_staff", "updated_at"])
        _audit(actor=actor, action="profile_hidden", profile=profile, data={"reason": reason[:500]})
    return profile


@transaction.atomic
def profile_unhide(*, profile: Profile, actor: User | None) -> Profile:
    profile = _lock_profile(profile.pk)
    if profile.hidden_by_staff:
        profile.hidden_by_staff = False
        profile.save(update_fields=["hidden_by_staff", "updated_at"])
        _audit(actor=actor, action="profile_unhidden", profile=profile)
    return profile


@transaction.atomic
def profile_merge(*, keep: Profile, duplicate: Profile, actor: User | None) -> Profile:
    """Merges a duplicate into `keep`: the duplicate's offers and needs move to the end of keep's
    lists, its topics, topic proposals and links to registrations are added to keep's;
    then the duplicate is deleted (with its personal links). Both rows are locked in id order."""
    if keep.pk == duplicate.pk:
        raise errors.MergeNotPossible()
    first, second = sorted([keep.pk, duplicate.pk])
    locked = {pk: _lock_profile(pk) for pk in (first, second)}
    keep, duplicate = locked[keep.pk], locked[duplicate.pk]
    last = keep.entries.order_by("-position").values_list("position", flat=True).first()
    start = 0 if last is None else last + 1
    moved = list(duplicate.entries.order_by("direction", "position", "id"))
    for offset, entry in enumerate(moved):
        entry.profile = keep
        entry.position = start + offset
    ProfileEntry.objects.bulk_update(moved, ["profile", "position"])
    keep.topics.add(*duplicate.topics.all())
    for proposal in duplicate.topic_proposals.all():
        proposal.profiles.add(keep)
    for registration_id in duplicate.registration_links.values_list("registration_id", flat=True):
        _link_registration(keep, registration_id)
    keep.save(update_fields=["updated_at"])
    _audit(actor=actor, action="profile_merged", profile=keep,
           data={"duplicate": duplicate.pk, "entries_moved": len(moved)})
    _audit(actor=actor, action="profile_deleted", profile=duplicate, data={"merged_into": keep.pk})
    duplicate.delete()
    profile_search_refresh(profile_ids=[keep.pk])
    return keep


def _lock_proposal(proposal_id: int) -> TopicProposal:
    found = TopicProposal.objects.select_for_update().filter(pk=proposal_id).first()
    if found is None or found.status != TopicProposal.Status.OPEN:
        raise errors.TopicProposalDecided()
    return found


@transaction.atomic
def topic_proposal_approve(*, proposal: TopicProposal, actor: User | None, topic: Topic | None = None,
                           name: str = "", now: datetime.datetime | None = None) -> Topic:
    """Staff approve a proposed topic: with `topic`, the proposal is mapped to that existing topic;
    without, a new core Topic is created with `name` (the proposal's own name if empty; staff may
    correct the spelling) – or, when a topic of that name exists by now (case aside), mapped to it.
    Every proposing profile gets the topic (its search text and suggestions are updated), and every
    confirmed one a mail with the decision and a new personal link (outbox, in this transaction). A
    decided proposal raises TopicProposalDecided. Audited: the topic's creation, the decision, each
    profile."""
    now = now or timezone.now()
    proposal = _lock_proposal(proposal.pk)
    created = False
    if topic is None:
        name, key = _checked_proposal(name or proposal.name)
        lock_key(f"network-topic-proposal:{key}")
        topic = topic_existing_by_key(key)
        if topic is None:
            last = Topic.objects.order_by("-position").values_list("position", flat=True).first()
            topic = Topic.objects.create(
                name=name, slug=unique_slug(model=Topic, title=name, fallback="thema", max_length=70),
                position=0 if last is None else last + 1,
            )
            audit_log(actor=actor, action="topic_created", obj=topic, data={"proposal": proposal.pk})
            created = True
    proposal.status = TopicProposal.Status.APPROVED
    proposal.topic = topic
    proposal.decided_at = now
    proposal.decided_by = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    proposal.save(update_fields=["status", "topic", "decided_at", "decided_by"])
    profile_ids = sorted(proposal.profiles.values_list("pk", flat=True))
    mailed = 0
    for profile_id in profile_ids:
        profile = _lock_profile(profile_id)
        if not profile.topics.filter(pk=topic.pk).exists():
            profile.topics.add(topic)
            Profile.objects.filter(pk=profile.pk).update(updated_at=now)
            _audit(actor=actor, action="profile_topic_added", profile=profile,
                   data={"topic": topic.pk, "proposal": proposal.pk})
        # Only a confirmed profile is told: an unconfirmed one's address is not proven yet (its
        # person finds the topic in the profile once they confirm).
        if profile.is_confirmed:
            mailed += _mail(profile, "topic_approved", token=_issue_link(profile, now=now),
                            extra={"proposal": proposal, "topic": topic})
    if profile_ids:
        profile_search_refresh(profile_ids=profile_ids)
    audit_log(actor=actor, action="topic_proposal_approved", obj=proposal,
              data={"topic": topic.pk, "created": created, "profiles": len(profile_ids), "mailed": mailed})
    return topic


@transaction.atomic
def topic_proposal_reject(*, proposal: TopicProposal, actor: User | None, now: datetime.datetime | None = None
                          ) -> TopicProposal:
    """Staff reject a proposed topic: the proposal stays as rejected (the same name may be proposed
    again later, as a new proposal); every confirmed proposing profile gets a mail with the decision
    (outbox, in this transaction). A decided proposal raises TopicProposalDecided. Audited."""
    now = now or timezone.now()
    proposal = _lock_proposal(proposal.pk)
    proposal.status = TopicProposal.Status.REJECTED
    proposal.decided_at = now
    proposal.decided_by = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    proposal.save(update_fields=["status", "decided_at", "decided_by"])
    # The proposers are told without a new personal link: the rejection changes no profile, so no
    # profile row is locked (a lock after the proposal's could deadlock with a profile change that
    # joins the proposal); the mail points to "Link anfordern" instead.
    mailed = 0
    for profile in proposal.profiles.filter(status=Status.CONFIRMED).order_by("pk"):
        mailed += _mail(profile, "topic_rejected", extra=lambda: {  # the address in the profile's language
            "proposal": proposal, "resend_url": absolute_url(reverse("network:resend-link"))})
    audit_log(actor=actor, action="topic_proposal_rejected", obj=proposal, data={"mailed": mailed})
    return proposal


# ---------------------------------------------------------------------------------------------
# Worker task


def profiles_purge_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    """Worker task: deletes the profiles not confirmed in time (settings.NETWORK_CONFIRM_HOURS) with
    their entries and links, each in its own transaction, and returns how many were deleted. The
    status condition under the lock keeps a confirmation of the same moment."""
    now = now or timezone.now()
    due = list(
        Profile.objects.filter(status=Status.UNCONFIRMED, confirm_until__lte=now).values_list("pk", flat=True)[:500]
    )
    deleted = 0
    for pk in due:
        with transaction.atomic():
            profile = Profile.objects.select_for_update().filter(
                pk=pk, status=Status.UNCONFIRMED, confirm_until__lte=now
            ).first()
            if profile is None:
                continue
            _audit(actor=None, action="profile_expired", profile=profile)
            profile.delete()
            _drop_unproposed()
            deleted += 1
    return deleted
