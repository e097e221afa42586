"""Models of the contact requests outside events ("Kontakt aufnehmen"). Imported by
revier/network/models.py, so they belong to the network app. Every write goes through
network.contact.services."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from revier.core.models import PersonalLink

__all__ = ["CONTACT_MESSAGE_MAX", "ContactRequest", "ContactRequestLink"]

CONTACT_MESSAGE_MAX = 500


class ContactRequest(models.Model):
    """A person with a confirmed profile asks another for contact. The recipient accepts or
    declines through the link in their mail; only on acceptance do both get each other's contact
    data, by mail."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        LAPSED = "lapsed", _("Lapsed")

    BLOCKING = [Status.PENDING, Status.ACCEPTED]

    sender = models.ForeignKey("network.Profile", on_delete=models.CASCADE, related_name="contact_requests_sent",
                               verbose_name=_("from"))
    recipient = models.ForeignKey("network.Profile", on_delete=models.CASCADE,
                                  related_name="contact_requests_received", verbose_name=_("to"))
    # The pair's ids in ascending order: the unique constraint sees A→B and B→A as one pair.
    pair_low = models.PositiveIntegerField(editable=False)
    pair_high = models.PositiveIntegerField(editable=False)
    message = models.TextField(_("message"), max_length=CONTACT_MESSAGE_MAX)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("sent"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("lapsed"), null=True, blank=True)
    # Set when the retention task (network.retention) deleted the message; never touched again.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "created_at"], name="network_contact_due"),
            models.Index(fields=["sender", "created_at"], name="network_contact_sender_day"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(sender=F("recipient")), name="network_contact_not_to_oneself"),
            models.CheckConstraint(condition=Q(pair_low__lt=F("pair_high")), name="network_contact_pair_ordered"),
            models.UniqueConstraint(fields=["pair_low", "pair_high"], condition=Q(status__in=["pending", "accepted"]),
                                    name="network_contact_one_open_per_pair"),
        ]

    def __str__(self):
        return f"Kontaktanfrage {self.pk}"


class ContactRequestLink(PersonalLink):
    """The personal link in the recipient's mail to accept or decline (SHA-256 hash only)."""

    request = models.ForeignKey(ContactRequest, on_delete=models.CASCADE, related_name="links")

    class Meta:
        verbose_name = _("contact request link")
        verbose_name_plural = _("contact request links")
