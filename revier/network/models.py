"""Netzwerk: profiles of people and their organisations, with what they offer and what they are looking
for (issue 10, section 1). Every write goes through network.services."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from revier.core.choices import Sector
from revier.core.models import PersonalLink, person_language_field


class Region(models.TextChoices):
    """The three coal regions (the same values as an event's region, without "supraregional")."""

    CENTRAL_GERMAN = "mitteldeutsch", _("Central German coal region")
    LUSATIAN = "lausitz", _("Lusatian coal region")
    RHENISH = "rheinisch", _("Rhenish coal region")


# Lengths a form, the admin and the services enforce alike.
DESCRIPTION_MAX = 1000
ENTRY_TEXT_MAX = 2000


class Profile(models.Model):
    """A person of an organisation in the network. Created by the person without an account and
    managed through a personal link (ProfileLink). Double opt-in: an unconfirmed profile is seen by
    nobody and is deleted when `confirm_until` has passed. E-mail and phone are private: they are
    shown only to the person on the personal page."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: in the network directory")
        PARTICIPANTS = "participants", _("Only participants of the same event")
        HIDDEN = "hidden", _("Hidden: visible to nobody")

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    function = models.CharField(_("function"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200)
    kind = models.CharField(_("kind of organisation"), max_length=20, choices=Sector.choices)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    district = models.CharField(_("district or city"), max_length=100, blank=True)
    topics = models.ManyToManyField("core.Topic", verbose_name=_("topics"), blank=True, related_name="profiles")
    description = models.TextField(_("short description"), max_length=DESCRIPTION_MAX, blank=True)
    email = models.EmailField(_("e-mail"), max_length=254)
    email_normalized = models.CharField(max_length=254, editable=False)
    language = person_language_field()
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    visibility = models.CharField(_("visibility"), max_length=20, choices=Visibility.choices,
                                  default=Visibility.PUBLIC)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED)
    confirm_until = models.DateTimeField(_("confirmation possible until"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    hidden_by_staff = models.BooleanField(
        _("hidden by the editorial team"), default=False,
        help_text=_("A hidden profile is seen by nobody but its owner, whatever its visibility."),
    )
    registrations = models.ManyToManyField(
        "events.Registration", through="ProfileRegistration", related_name="network_profiles", blank=True,
        verbose_name=_("registrations"),
        help_text=_("The event registrations the profile is linked to (Gesprächsbörse): one per event the person "
                    "registered for with “I would like to take part in the Gesprächsbörse”."),
    )
    is_synthetic = models.BooleanField(_("synthetic example"), default=False)
    # What the directory's search reads (network.search.profile_search_refresh writes both): the
    # profile's public text with its topics and all its offers and needs, and its German word stems
    # for SQLite. PostgreSQL searches a generated tsvector column of search_text (migration 0003).
    search_text = models.TextField(editable=False, blank=True, default="")
    search_stems = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    # Set when the retention task (network.retention) anonymised the profile; never touched again.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    # When the person was told that the profile will be anonymised for inactivity (network.retention:
    # one mail per inactive period; set by a conditional UPDATE, so that two workers send one mail).
    retention_warned_at = models.DateTimeField(_("warned of the deletion"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        ordering = ["organisation", "last_name", "id"]
        indexes = [
            models.Index(fields=["status", "visibility", "hidden_by_staff"], name="network_profile_visible"),
            models.Index(fields=["status", "confirm_until"], name="network_profile_unconfirmed"),
        ]
        constraints = [
            # One profile per address: a second "Profil anlegen" with it sends the personal link again.
            models.UniqueConstraint(fields=["email_normalized"], name="network_one_profile_per_email"),
            models.CheckConstraint(
                condition=Q(status="confirmed") | Q(confirm_until__isnull=False),
                name="network_profile_unconfirmed_has_deadline",
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.organisation})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_public(self) -> bool:
        """Seen by every reader: confirmed, public and not hidden by staff."""
        return self.is_confirmed and self.visibility == self.Visibility.PUBLIC and not self.hidden_by_staff

    def get_absolute_url(self):
        return reverse("network:profile", kwargs={"pk": self.pk})


class ProfileEntry(models.Model):
    """An offer ("Wir bieten") or a need ("Wir suchen") of a profile, with its own topics."""

    class Direction(models.TextChoices):
        OFFER = "offer", _("We offer")
        NEED = "need", _("We are looking for")

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="entries", verbose_name=_("profile"))
    direction = models.CharField(_("offer or need"), max_length=10, choices=Direction.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=ENTRY_TEXT_MAX, blank=True)
    topics = models.ManyToManyField("core.Topic", verbose_name=_("topics"), blank=True, related_name="profile_entries")
    position = models.PositiveIntegerField(_("position"), default=0)
    # The entry's text with its topics and its profile's organisation, for the search of offers and
    # needs (as Profile.search_text; network.search.profile_search_refresh writes both).
    search_text = models.TextField(editable=False, blank=True, default="")
    search_stems = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("offer or need")
        verbose_name_plural = _("offers and needs")
        ordering = ["direction", "position", "id"]
        indexes = [models.Index(fields=["direction", "profile"], name="network_entry_direction")]

    def __str__(self):
        return self.title


class ProfileRegistration(models.Model):
    """A profile linked to an event registration of its person: with the registration confirmed, the
    profile takes part in that event's Gesprächsbörse (network.meetings.selectors.participants_q). A
    profile may be linked to registrations of several events; written by network.services."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="registration_links")
    registration = models.ForeignKey("events.Registration", on_delete=models.CASCADE,
                                     related_name="network_profile_links", verbose_name=_("registration"))
    linked_at = models.DateTimeField(_("linked"), auto_now_add=True)

    class Meta:
        verbose_name = _("linked registration")
        verbose_name_plural = _("linked registrations")
        ordering = ["linked_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "registration"], name="network_profile_registration_once"),
        ]

    def __str__(self):
        return f"Profil {self.profile_id} – Anmeldung {self.registration_id}"


class ProfileLink(PersonalLink):
    """A personal link to a profile, as sent in one mail (core.models.PersonalLink)."""

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="links")
    # A link the person asked for or got with a change is a sign of life of the profile (it keeps it
    # from the anonymisation); the link in the warning before the anonymisation is not.
    sign_of_life = models.BooleanField(default=True, editable=False)

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")


# A proposed topic's name: as long as a core.Topic's name may be.
TOPIC_PROPOSAL_MAX = 80


class TopicProposal(models.Model):
    """A new topic proposed by participants in their profile form ("Neues Thema vorschlagen"). Staff
    approve it (a core.Topic is created, or the proposal is mapped to an existing one, and the topic
    is given to every proposing profile) or reject it. One open proposal per name: the same name
    proposed again (case and spaces aside) adds the profile to it. Writes: network.services."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("proposed topic"), max_length=TOPIC_PROPOSAL_MAX)
    # The name compared case-insensitively with spaces collapsed (services.topic_name_key).
    name_key = models.CharField(max_length=TOPIC_PROPOSAL_MAX, editable=False)
    profiles = models.ManyToManyField(Profile, related_name="topic_proposals", verbose_name=_("proposed by"),
                                      blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    topic = models.ForeignKey("core.Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("topic"), help_text=_("The topic the proposal became or was mapped to."))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        verbose_name = _("topic proposal")
        verbose_name_plural = _("topic proposals")
        ordering = ["status", "-created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["name_key"], condition=Q(status="open"),
                                    name="network_one_open_topic_proposal_per_name"),
        ]

    def __str__(self):
        return self.name


# The Gesprächsbörse's models live in their own module (network/meetings/models.py).
from revier.network.meetings.models import *  # noqa: E402,F401,F403

# The partner suggestions' and the contact requests' models (network/suggestions/, network/contact/).
from revier.network.suggestions.models import *  # noqa: E402,F401,F403
from revier.network.contact.models import *  # noqa: E402,F401,F403

# The follow-up after a Gesprächsbörse (network/followup/).
from revier.network.followup.models import *  # noqa: E402,F401,F403
