from binascii import unhexlify

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from revier.core.keys import Undecryptable, decrypt, encrypt, is_encrypted, keyed_hash_match
from revier.core.validators import normalise_embed_origin


def person_language_field() -> models.CharField:
    """The language of the page where a person submitted a form (a registration, a claim, a network
    profile): every later mail to that person, whoever or whatever causes it, is written in it and
    links to the pages in it (core.mail.written_for). Rows from before it was stored are German."""
    return models.CharField(_("Language"), max_length=8, choices=settings.LANGUAGES, default="de", editable=False)


class AuditEntry(models.Model):
    """Who changed what, when: one row for every change to content, personal data or capacity."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object ID"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class OutboxMail(models.Model):
    """A mail stored before it is sent (transactional outbox). It is written in the same transaction
    as the change it reports, so a rolled-back change sends nothing; the worker sends it after commit,
    with retries and backoff, and marks it sent. Nothing is lost while the mail server is down.
    Once sent, body and attachments are blanked (core.mail.outbox_send_due)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed for good")

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("mail outbox")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="core_outbox_due"),
            models.Index(fields=["status", "sent_at"], name="core_outbox_sent"),
        ]

    def __str__(self):
        return self.subject


class Topic(models.Model):
    """An entry of the portal's shared, staff-editable topic list (Wasserstoff, Wärmewende, …), used by
    news, events and the network."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


def _validate_embed_origin(value: str) -> None:
    normalise_embed_origin(value)


class EmbedOrigin(models.Model):
    """A partner's site that may show Revier's embeddable pages (the widget, core.framing) in an
    `<iframe>`: its origin goes into those pages' `Content-Security-Policy: frame-ancestors`. Kept by
    the editorial team in the admin; every change is audited and starts a new content generation,
    so that cached widget pages carry the new list at once."""

    origin = models.CharField(
        _("address of the site"), max_length=270, unique=True, validators=[_validate_embed_origin],
        help_text=_("https://host or https://host:port, e.g. https://www.w3-fair.de (no path, no wildcards)."),
    )
    partner = models.CharField(_("partner"), max_length=200)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("site that may embed")
        verbose_name_plural = _("sites that may embed")
        ordering = ["partner", "origin"]

    def __str__(self):
        return f"{self.partner} ({self.origin})"

    def clean(self):
        super().clean()
        if self.origin:
            try:
                self.origin = normalise_embed_origin(self.origin)
            except ValidationError:
                pass  # the field's validator reports it


class PersonalLink(models.Model):
    """One personal link that opens a holder's data (a registration, a claim) without a login. Only
    the SHA-256 hash of its token is stored (core.tokens). A holder has as many links as mails were
    sent: sending a link again adds one and never ends those sent before. Each link expires with the
    data it opens (core.tokens.link_expires_at); expired links are deleted by the worker."""

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True


class WorkerHeartbeat(models.Model):
    """A sign of life of one background worker process (`manage.py run_worker`), written once per
    round (at most every HEARTBEAT_SECONDS): `/readyz` and the metrics read the newest one. A row per
    process (host and process id), so that two workers never contend for one row; rows of workers
    gone for a day are deleted by the next beat."""

    name = models.CharField(_("worker"), max_length=200, unique=True)
    started_at = models.DateTimeField(_("started"))
    beat_at = models.DateTimeField(_("last sign of life"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return self.name


class RetentionPeriod(models.Model):
    """A retention period an administrator set in the staff area (core.retention.PERIODS names the
    kinds; a kind without a row has the default from the settings). Changed through
    core.retention.retention_periods_set, which audits it."""

    key = models.CharField(_("kind"), max_length=40, unique=True)
    days = models.PositiveIntegerField(_("days"))
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    audit_label = True  # a kind of data and a number: no personal data

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["key"]

    def __str__(self):
        return f"{self.key}: {self.days}"


class EncryptedTOTPDevice(TOTPDevice):
    """django-otp's authenticator app (TOTPDevice: its codes, drift and replay rules), with the
    secret encrypted in its `key` column (core.keys, AES-GCM under a key derived from SECRET_KEY;
    a key of SECRET_KEY_FALLBACKS still opens it) instead of in hex. Same table, so django-otp's
    login records it like any device. Every device is made, read and saved through this class
    (core.mfa); a save encrypts a secret given in hex."""

    KEY_PURPOSE = "otp-totp-key"

    class Meta:
        proxy = True

    @property
    def bin_key(self) -> bytes:
        return decrypt(self.KEY_PURPOSE, self.key)[0]

    @property
    def key_under_current_secret(self) -> bool:
        """False when the secret was encrypted under a key of SECRET_KEY_FALLBACKS (encrypt again)."""
        return decrypt(self.KEY_PURPOSE, self.key)[1]

    def key_set(self, secret: bytes) -> None:
        self.key = encrypt(self.KEY_PURPOSE, secret)

    def verify_token(self, token):
        try:
            self.bin_key
        except Undecryptable:
            return False  # a secret no key opens (SECRET_KEY changed without fallback): no code fits
        return super().verify_token(token)

    def save(self, *args, **kwargs):
        if not is_encrypted(self.key):
            self.key_set(unhexlify(self.key))  # the default (django-otp's random hex) or a known secret
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        if len(self.key) > self._meta.get_field("key").max_length:
            raise ValueError("TOTP secret too long to be stored encrypted")
        super().save(*args, **kwargs)


class RecoveryCodeDevice(Device):
    """A person's recovery codes as a django-otp device (so that django_otp.login() records a login
    with one like a login with the app). The codes are stored as keyed hashes (RecoveryCode)."""

    HASH_PURPOSE = "recovery-code"

    def verify_token(self, token) -> bool:
        """Whether `token` (normalised: no spaces or dashes, lower case) is one of the unused codes;
        if so, it is used up. The caller holds the row lock of this device (core.mfa)."""
        unused = self.codes.filter(used_at__isnull=True).values_list("pk", "code_hash")
        found = keyed_hash_match(self.HASH_PURPOSE, str(token or ""), unused)
        return found is not None and bool(
            self.codes.filter(pk=found, used_at__isnull=True).update(used_at=timezone.now()))


class RecoveryCode(models.Model):
    """One recovery code of a person, stored only as its HMAC-SHA256 under a key derived from
    SECRET_KEY (core.keys.keyed_hash): usable once (used_at), shown only when it is made."""

    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"recovery code {self.pk}"
