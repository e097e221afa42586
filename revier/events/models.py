import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revier.core.capacity import CapacityRule
from revier.core.choices import Sector  # noqa: F401 (the registration's sector; shared with the network)
from revier.core.models import PersonalLink, person_language_field
from revier.core.retention import RETENTION_VALIDATORS, registration_retention_default, retention_ends_at


class Region(models.TextChoices):
    CENTRAL_GERMAN = "mitteldeutsch", _("Central German coal region")
    LUSATIAN = "lausitz", _("Lusatian coal region")
    RHENISH = "rheinisch", _("Rhenish coal region")
    SUPRAREGIONAL = "ueberregional", _("Supraregional")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    url = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisations/", blank=True)
    logo_alt = models.CharField(_("alternative text of the logo"), max_length=200, blank=True)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(logo="") | ~Q(logo_alt=""),
                name="events_organisation_logo_needs_alt",
                violation_error_message=_("Please describe the logo in an alternative text."),
            )
        ]

    def __str__(self):
        return self.name


class Speaker(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=200, unique=True)
    academic_title = models.CharField(_("academic title"), max_length=60, blank=True)
    function = models.CharField(_("function"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    bio = models.TextField(_("short biography"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="speakers/", blank=True)
    photo_alt = models.CharField(_("alternative text of the photo"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_alt=""),
                name="events_speaker_photo_needs_alt",
                violation_error_message=_("Please describe the photo in an alternative text."),
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.academic_title} {self.name}".strip()

    def get_absolute_url(self):
        return reverse("events:speaker", kwargs={"slug": self.slug})


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=200, unique=True)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    online_url = models.URLField(
        _("online access"), blank=True, help_text=_("Sent to registered participants only, in the confirmation mail.")
    )
    organisers = models.ManyToManyField(Organisation, verbose_name=_("organisers"), blank=True, related_name="events")
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    description_html = models.TextField(editable=False, default="")
    # Optional English version (issue 13 §4): shown on /en/ where given, else the German one marked lang="de".
    # The program, categories and questions stay German.
    title_en = models.CharField(_("English title"), max_length=200, blank=True,
                                help_text=_("Optional. Without it the English page shows the German title."))
    subtitle_en = models.CharField(_("English subtitle"), max_length=300, blank=True,
                                   help_text=_("Optional. Without it the English page shows the German subtitle."))
    description_en = models.TextField(
        _("English description"), blank=True,
        help_text=_("Optional, Markdown. Without it the English page shows the German description."))
    description_en_html = models.TextField(editable=False, default="")
    topics = models.ManyToManyField("core.Topic", verbose_name=_("topics"), blank=True, related_name="events")
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, default=Region.SUPRAREGIONAL)
    image = models.ImageField(_("image"), upload_to="events/", blank=True)
    image_alt = models.CharField(_("alternative text"), max_length=300, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    cancellation_note = models.TextField(_("cancellation notice"), blank=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    requires_approval = models.BooleanField(_("registrations need approval"), default=False)
    hold_hours = models.PositiveIntegerField(
        _("hours to confirm"),
        default=48,
        help_text=_(
            "How long a person moved up from the waiting list has to confirm, and how long the confirmation link "
            "of a new registration stays valid. A new registration holds its seat only briefly (30 minutes by "
            "default)."
        ),
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organisers with access"),
        blank=True,
        related_name="managed_events",
        help_text=_("People who may see and manage this event's registrations."),
    )
    retention_days = models.PositiveIntegerField(
        _("retention period (days)"),
        default=registration_retention_default,
        validators=RETENTION_VALIDATORS,
        help_text=_(
            "This many days after the end of the event, the registrations are anonymised: names, e-mail "
            "addresses and answers are removed, the numbers remain."
        ),
    )
    is_generated = models.BooleanField(_("generated demo content"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="events_event_listing"),
            # The next moment at which an event's page or the lists change by themselves
            # (selectors.event_next_change_at): one index per moment.
            models.Index(fields=["starts_at"], name="events_event_starts_at"),
            models.Index(fields=["ends_at"], name="events_event_ends_at"),
            models.Index(fields=["registration_opens_at"], name="events_event_reg_opens_at"),
            models.Index(fields=["registration_closes_at"], name="events_event_reg_closes_at"),
        ]
        permissions = [("manage_all_events", _("Can manage all events and their registrations"))]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="events_event_ends_after_start",
                                   violation_error_message=_("The end must not be before the start.")),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="events_event_image_needs_alt",
                violation_error_message=_("Please describe the image in an alternative text."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The end must not be before the start.")
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Please describe the image in an alternative text.")
        if self.registration_opens_at and self.registration_closes_at and self.registration_closes_at < self.registration_opens_at:
            errors["registration_closes_at"] = _("Registration must not close before it opens.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def anonymise_at(self) -> datetime.datetime:
        """When the registrations' personal data are anonymised (services.registrations_anonymise_due)."""
        return retention_ends_at(self.ends_at, self.retention_days)

    def registration_state(self, now: datetime.datetime | None = None) -> str:
        """'open', 'not_yet', 'closed', 'none' (no categories / no registration) or 'cancelled'."""
        now = now or timezone.now()
        if self.status == self.Status.CANCELLED:
            return "cancelled"
        if self.registration_opens_at is None:
            return "none"
        if now < self.registration_opens_at:
            return "not_yet"
        closes = self.registration_closes_at or self.starts_at
        if now >= closes or self.status != self.Status.PUBLISHED:
            return "closed"
        return "open"

    @property
    def address_line(self) -> str:
        return ", ".join(p for p in [self.venue_name, self.street, f"{self.postcode} {self.city}".strip()] if p)


class ProgramItem(models.Model):
    class Kind(models.TextChoices):
        TALK = "vortrag", _("Talk")
        KEYNOTE = "keynote", _("Keynote")
        PANEL = "podium", _("Panel")
        WORKSHOP = "workshop", _("Workshop")
        WELCOME = "begruessung", _("Welcome")
        BREAK = "pause", _("Break")
        NETWORKING = "netzwerken", _("Networking")
        OTHER = "sonstiges", _("Other")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="program_items", verbose_name=_("event"))
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TALK)
    room = models.CharField(_("room or track"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    speakers = models.ManyToManyField(Speaker, verbose_name=_("speakers"), blank=True, related_name="program_items")

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("program item")
        verbose_name_plural = _("program")
        ordering = ["starts_at", "room", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="events_item_ends_after_start",
                                   violation_error_message=_("The end must not be before the start.")),
        ]

    def __str__(self):
        return self.title


class TicketCategory(models.Model):
    """A kind of participation with its own capacity, e.g. "Teilnahme vor Ort" (120 seats) or
    "Online-Teilnahme" (unlimited). This row owns the capacity: services lock it (core.capacity)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="categories", verbose_name=_("event"))
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: unlimited."))
    is_online = models.BooleanField(
        _("online participation"),
        default=False,
        help_text=_("Participants take part online: they get the access information instead of an entry ticket with QR code and the venue."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("ticket category")
        verbose_name_plural = _("ticket categories")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        YES_NO = "yesno", _("Yes/no")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions", verbose_name=_("event"))
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One choice per line (single and multiple choice)."))
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]

    def __str__(self):
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        if self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE) and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("Please enter at least two choices, one per line.")})


class Registration(models.Model):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        PENDING_APPROVAL = "pending", _("Waiting for approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Moved up, waiting for confirmation")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")
        REJECTED = "rejected", _("Rejected")

    # A registration in one of these states is the person's one registration for the event.
    ACTIVE = [Status.UNCONFIRMED, Status.PENDING_APPROVAL, Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED]
    # These always hold a seat; UNCONFIRMED and OFFERED hold one until `hold_until`.
    SEATED = [Status.PENDING_APPROVAL, Status.CONFIRMED]
    HELD = [Status.UNCONFIRMED, Status.OFFERED]

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event"))
    category = models.ForeignKey(
        TicketCategory, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("ticket category")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254)
    email_normalized = models.CharField(max_length=254, editable=False)
    language = person_language_field()
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    function = models.CharField(_("function"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    # The boxes of other apps ticked in the form (events.options), e.g. "gespraechsboerse".
    options = models.JSONField(_("options"), default=list, blank=True)
    hold_until = models.DateTimeField(_("seat held until"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    ticket_code = models.CharField(_("ticket code"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("checked in by"),
    )
    # Set when the retention period ended and the personal data were removed (the row keeps status,
    # category, sector and check-in time for the statistics).
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["category", "status"], name="events_reg_category_status"),
            models.Index(fields=["event", "status"], name="events_reg_event_status"),
            models.Index(fields=["category", "status", "waitlisted_at", "id"], name="events_reg_waitlist"),
            models.Index(fields=["event", "anonymised_at"], name="events_reg_anonymised"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email_normalized"],
                condition=Q(status__in=["unconfirmed", "pending", "confirmed", "waitlisted", "offered"]),
                name="events_one_active_registration_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


# How registrations hold the seats of a ticket category (core.capacity): confirmed ones and those
# awaiting approval for good, unconfirmed and moved-up ones until `hold_until`; the waiting list in
# the order of joining it.
SEATS = CapacityRule(
    holder=Registration,
    owner="category",
    seated=tuple(Registration.SEATED),
    held=tuple(Registration.HELD),
    waiting=Registration.Status.WAITLISTED,
    line=("waitlisted_at", "id"),
)


class RegistrationLink(PersonalLink):
    """A personal link to a registration, as sent in one mail (core.models.PersonalLink)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="links")

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")


class Consent(models.Model):
    """A consent given with a registration: which one, the exact text shown, its version and when."""

    class Kind(models.TextChoices):
        PHOTOS = "photos", _("Photos and video recordings")
        PARTICIPANT_LIST = "participant_list", _("Appearing on the participant list")
        PARTNER_DATA = "partner_data", _("Passing data to partners")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("consent"), max_length=30, choices=Kind.choices)
    text = models.TextField(_("text shown"))
    text_version = models.CharField(_("text version"), max_length=20)
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [models.UniqueConstraint(fields=["registration", "kind"], name="events_one_consent_per_kind")]

    def __str__(self):
        return self.get_kind_display()
