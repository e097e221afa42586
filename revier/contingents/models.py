import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revier.core.capacity import CapacityRule
from revier.core.models import PersonalLink, person_language_field
from revier.core.retention import RETENTION_VALIDATORS, claim_retention_default, retention_ends_at


class Contingent(models.Model):
    """Free tickets the network hands out for a partner's event or one of its own events. This row
    owns the capacity: services lock it (core.capacity) before they count and hand out."""

    class Mode(models.TextChoices):
        FIRST_COME = "first_come", _("First come, first served")
        LOTTERY = "lottery", _("Lottery")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=200, unique=True, blank=True)
    description = models.TextField(_("conditions and description"), blank=True, help_text=_("Markdown."))
    description_html = models.TextField(editable=False, default="")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Either one of our own events …
    event = models.ForeignKey(
        "events.Event", verbose_name=_("our event"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="contingents",
    )
    # … or an external partner event.
    partner_event_title = models.CharField(_("partner event"), max_length=200, blank=True)
    partner_event_starts_on = models.DateField(_("first day"), null=True, blank=True)
    partner_event_ends_on = models.DateField(_("last day"), null=True, blank=True)
    partner_event_place = models.CharField(_("place"), max_length=200, blank=True)
    partner_name = models.CharField(_("partner organisation"), max_length=200, blank=True)
    partner_url = models.URLField(_("link to the partner event"), blank=True)

    size = models.PositiveIntegerField(_("number of tickets"))
    mode = models.CharField(_("allocation"), max_length=20, choices=Mode.choices, default=Mode.FIRST_COME)
    uses_codes = models.BooleanField(
        _("ticket codes from the partner"),
        default=True,
        help_text=_("Off: no codes; the partner gets a list of names for its guest list."),
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"), help_text=_("For a lottery: the application deadline."))
    accept_hours = models.PositiveIntegerField(
        _("hours to accept"), default=72,
        help_text=_("Lottery winners and people moved up have this long to accept their ticket."),
    )
    hold_hours = models.PositiveIntegerField(_("hours to confirm the e-mail address"), default=48)
    one_per_organisation = models.BooleanField(_("one ticket per organisation"), default=False)
    retention_days = models.PositiveIntegerField(
        _("retention period (days)"),
        default=claim_retention_default,
        validators=RETENTION_VALIDATORS,
        help_text=_(
            "This many days after the event the tickets are for (its last day; without one, the closing of "
            "the contingent), the claims are anonymised: names, e-mail addresses and answers are removed, "
            "the numbers remain."
        ),
    )
    is_generated = models.BooleanField(_("generated demo content"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("contingent")
        verbose_name_plural = _("contingents")
        ordering = ["-opens_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False) | ~Q(partner_event_title=""),
                name="contingents_for_an_event",
                violation_error_message=_("Choose one of our events or enter the partner event."),
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="contingents_closes_after_opening",
                violation_error_message=_("The contingent must close after it opens."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("contingents:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.event_id is None and not self.partner_event_title.strip():
            raise ValidationError({"partner_event_title": _("Choose one of our events or enter the partner event.")})
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The contingent must close after it opens.")})

    @property
    def target_title(self) -> str:
        return self.event.title if self.event_id else self.partner_event_title

    @property
    def target_ends_at(self) -> datetime.datetime:
        """When the event the tickets are for is over: our event's end, the end of the partner
        event's last (or first) day, or, where no day is known, the closing of the contingent."""
        if self.event_id:
            return self.event.ends_at
        day = self.partner_event_ends_on or self.partner_event_starts_on
        if day is None:
            return self.closes_at
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))

    @property
    def anonymise_at(self) -> datetime.datetime:
        """When the claims' personal data are anonymised (retention.claims_anonymise_due)."""
        return retention_ends_at(self.target_ends_at, self.retention_days)


class EligibilityQuestion(models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yesno", _("Yes/no")
        CHOICE = "choice", _("Single choice")
        TEXT = "text", _("Text")

    contingent = models.ForeignKey(Contingent, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.YES_NO)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One per line (single choice)."))
    accepted_answers = models.TextField(
        _("answers that qualify"), blank=True,
        help_text=_("One per line, e.g. “Ja”. Empty: every answer qualifies."),
    )
    required = models.BooleanField(_("required"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("eligibility question")
        verbose_name_plural = _("eligibility questions")
        ordering = ["position", "id"]

    def __str__(self):
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def accepted_list(self) -> list[str]:
        return [line.strip() for line in self.accepted_answers.splitlines() if line.strip()]


class Claim(models.Model):
    """One person's claim (first come) or application (lottery) for a ticket of a contingent."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        APPLIED = "applied", _("Applied for the lottery")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Ticket offered, waiting for acceptance")
        ALLOCATED = "allocated", _("Ticket handed out")
        RETURNED = "returned", _("Ticket given back")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked by staff")

    # One active claim per address (and per organisation where the contingent says so).
    ACTIVE = [Status.UNCONFIRMED, Status.APPLIED, Status.WAITLISTED, Status.OFFERED, Status.ALLOCATED]
    # These hold one of the contingent's tickets.
    HOLDING = [Status.OFFERED, Status.ALLOCATED]

    contingent = models.ForeignKey(Contingent, on_delete=models.PROTECT, related_name="claims")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), max_length=254)
    email_normalized = models.CharField(max_length=254, editable=False)
    language = person_language_field()
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # Normalised organisation name where the contingent allows one ticket per organisation, else "".
    organisation_key = models.CharField(max_length=200, editable=False, blank=True, default="")
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    pseudonym = models.CharField(_("pseudonym"), max_length=16, unique=True)
    hold_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    draw_position = models.PositiveIntegerField(_("position in the draw"), null=True, blank=True)
    created_at = models.DateTimeField(_("claimed"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    allocated_at = models.DateTimeField(_("ticket handed out"), null=True, blank=True)
    # Set when the retention period ended and the personal data were removed (the row keeps status,
    # pseudonym, draw position and times for the statistics and the draw protocol).
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["contingent", "status"], name="contingents_claim_status"),
            models.Index(fields=["contingent", "anonymised_at"], name="contingents_claim_anonymised"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["contingent", "email_normalized"],
                condition=Q(status__in=["unconfirmed", "applied", "waitlisted", "offered", "allocated"]),
                name="contingents_one_active_claim_per_email",
            ),
            models.UniqueConstraint(
                fields=["contingent", "organisation_key"],
                condition=Q(status__in=["unconfirmed", "applied", "waitlisted", "offered", "allocated"])
                & ~Q(organisation_key=""),
                name="contingents_one_active_claim_per_organisation",
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


# How claims hold the tickets of a contingent (core.capacity): a ticket handed out or offered holds
# one until the claim ends (an offer not accepted in time ends by the worker, which also returns its
# code to the pool); unconfirmed claims and applications hold nothing. The waiting list: drawn people
# in drawn order first, then the order of joining.
TICKETS = CapacityRule(
    holder=Claim,
    owner="contingent",
    seated=tuple(Claim.HOLDING),
    expiring=(Claim.Status.OFFERED,),
    waiting=Claim.Status.WAITLISTED,
    line=("draw_position", "waitlisted_at", "id"),
)


class ClaimLink(PersonalLink):
    """A personal link to a claim, as sent in one mail (core.models.PersonalLink)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links")

    class Meta:
        verbose_name = _("personal link")
        verbose_name_plural = _("personal links")


class ClaimConsent(models.Model):
    """A consent given with a claim: the exact text shown, its version and when."""

    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("Privacy notice")
        PARTNER = "partner", _("Passing name and e-mail to the partner")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("consent"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text shown"))
    text_version = models.CharField(_("text version"), max_length=20)
    given_at = models.DateTimeField(_("given at"))
    # The person withdrew it (contingents.rights): from then on the partner's list leaves out the
    # e-mail address. The privacy notice is read, not given, and cannot be withdrawn.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [models.UniqueConstraint(fields=["claim", "kind"], name="contingents_one_consent_per_kind")]


class TicketCode(models.Model):
    """A code from the partner. The one-to-one link to a claim is unique: a code never goes to two
    people at once. A given-back code returns to the pool; a revoked one is never handed out again."""

    contingent = models.ForeignKey(Contingent, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("code"), max_length=100)
    claim = models.OneToOneField(
        Claim, verbose_name=_("claim"), null=True, blank=True, on_delete=models.SET_NULL, related_name="ticket_code"
    )
    revoked = models.BooleanField(_("revoked"), default=False)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("ticket code")
        verbose_name_plural = _("ticket codes")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["contingent", "code"], name="contingents_unique_code")]

    def __str__(self):
        return self.code


class DrawProtocol(models.Model):
    """The published record of a lottery draw; anyone can repeat the draw from it (services.draw_order)."""

    contingent = models.OneToOneField(Contingent, on_delete=models.PROTECT, related_name="draw")
    drawn_at = models.DateTimeField(_("drawn at"))
    application_count = models.PositiveIntegerField(_("valid applications"))
    applications_hash = models.CharField(_("hash of the ordered applications"), max_length=64)
    seed = models.CharField(_("random seed"), max_length=64)
    # The pseudonyms of the valid applications in application order, as hashed: the protocol can be
    # checked from its own contents, whatever happens to the claims later.
    applications = models.JSONField(_("applications in application order"), default=list)
    order = models.JSONField(_("drawn order of pseudonyms"), default=list)
    winners = models.PositiveIntegerField(_("tickets drawn"))
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("draw protocol")
        verbose_name_plural = _("draw protocols")
