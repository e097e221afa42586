"""Models of the Gesprächsbörse. Imported by revier/network/models.py, so they belong to the
network app (migrations live in revier/network/migrations). Every write goes through
network.meetings.services."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from revier.core.models import PersonalLink

__all__ = [
    "MESSAGE_MAX", "TABLE_NAME_MAX", "MeetingSetup", "MeetingSession", "MeetingSlot", "MeetingTable", "Unavailability",
    "MeetingRequest", "MeetingRequestLink", "Meeting", "MeetingParticipant", "ScheduleRun",
]

MESSAGE_MAX = 500
TABLE_NAME_MAX = 100


class MeetingSetup(models.Model):
    """An event's Gesprächsbörse: its sessions (and the slots derived from them), tables and
    limits. Its row is the capacity owner of the meeting tables (core.capacity): every service that
    sends, answers or places a meeting locks it first."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, related_name="meeting_setup",
                                 verbose_name=_("event"))
    enabled = models.BooleanField(_("meetings enabled"), default=False)
    slot_minutes = models.PositiveSmallIntegerField(_("slot length in minutes"), default=15)
    request_deadline = models.DateTimeField(_("deadline for requests"))
    max_open_requests = models.PositiveSmallIntegerField(_("maximum open requests per person"), default=10)
    max_meetings = models.PositiveSmallIntegerField(_("maximum meetings per person"), default=6)
    published = models.BooleanField(_("schedule published"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("meeting setup")
        verbose_name_plural = _("meeting setups")
        constraints = [
            models.CheckConstraint(condition=Q(slot_minutes__gte=5), name="network_setup_slot_minutes_min"),
            models.CheckConstraint(condition=Q(max_meetings__gte=1), name="network_setup_max_meetings_min"),
            models.CheckConstraint(condition=Q(max_open_requests__gte=1), name="network_setup_max_open_min"),
        ]

    def __str__(self):
        return f"Gesprächsbörse {self.event_id}"


class MeetingSession(models.Model):
    """A block of time for meetings (e.g. 10:00–12:00); the pause between two is not a break."""

    setup = models.ForeignKey(MeetingSetup, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("meeting session")
        verbose_name_plural = _("meeting sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="network_session_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"


class MeetingSlot(models.Model):
    """A time slot of a session, derived when the organiser saves the setup (services.setup_save)."""

    setup = models.ForeignKey(MeetingSetup, on_delete=models.CASCADE, related_name="slots")
    session = models.ForeignKey(MeetingSession, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["setup", "starts_at"], name="network_one_slot_per_start"),
        ]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class MeetingTable(models.Model):
    """A numbered table; an exhibitor may have its own (fixed_profile): their meetings take place
    there, and nobody else's."""

    setup = models.ForeignKey(MeetingSetup, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=TABLE_NAME_MAX, blank=True)
    fixed_profile = models.ForeignKey("network.Profile", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="fixed_tables", verbose_name=_("fixed for"))

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["setup", "number"], name="network_one_table_per_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="network_table_number_positive"),
        ]

    def __str__(self):
        return f"Tisch {self.number}" + (f" ({self.name})" if self.name else "")


class Unavailability(models.Model):
    """A slot a participant cannot attend."""

    profile = models.ForeignKey("network.Profile", on_delete=models.CASCADE, related_name="unavailabilities")
    slot = models.ForeignKey(MeetingSlot, on_delete=models.CASCADE, related_name="unavailabilities")

    class Meta:
        verbose_name = _("unavailable slot")
        verbose_name_plural = _("unavailable slots")
        constraints = [models.UniqueConstraint(fields=["profile", "slot"], name="network_one_unavailability")]


class MeetingRequest(models.Model):
    """A participant asks another for a meeting at the event. A pending request blocks no slot."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        LAPSED = "lapsed", _("Lapsed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        # Accepted, then called off by one of the two before the meeting (services.meeting_cancel).
        CANCELLED = "cancelled", _("Meeting cancelled")

    # A pair may have one open or accepted request at a time (in either direction).
    BLOCKING = [Status.PENDING, Status.ACCEPTED]

    setup = models.ForeignKey(MeetingSetup, on_delete=models.CASCADE, related_name="requests")
    sender = models.ForeignKey("network.Profile", on_delete=models.CASCADE, related_name="meeting_requests_sent",
                               verbose_name=_("from"))
    recipient = models.ForeignKey("network.Profile", on_delete=models.CASCADE,
                                  related_name="meeting_requests_received", verbose_name=_("to"))
    # The pair's ids in ascending order: the unique constraint below sees A→B and B→A as the same pair.
    pair_low = models.PositiveIntegerField(editable=False)
    pair_high = models.PositiveIntegerField(editable=False)
    message = models.TextField(_("message"), max_length=MESSAGE_MAX, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("sent"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    closed_at = models.DateTimeField(_("lapsed or withdrawn"), null=True, blank=True)
    # Set when the retention task (network.retention) deleted the message; never touched again.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="network_request_due")]
        constraints = [
            models.CheckConstraint(condition=~Q(sender=F("recipient")), name="network_request_not_to_oneself"),
            models.CheckConstraint(condition=Q(pair_low__lt=F("pair_high")), name="network_request_pair_ordered"),
            models.UniqueConstraint(fields=["setup", "pair_low", "pair_high"],
                                    condition=Q(status__in=["pending", "accepted"]),
                                    name="network_one_open_request_per_pair"),
        ]

    def __str__(self):
        return f"Anfrage {self.pk}"


class MeetingRequestLink(PersonalLink):
    """The link in the mail to the recipient: it opens this request to accept or decline it."""

    request = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE, related_name="links")

    class Meta:
        verbose_name = _("request link")
        verbose_name_plural = _("request links")


class Meeting(models.Model):
    """An accepted request: a meeting of two participants, with slot and table once planned."""

    class Status(models.TextChoices):
        UNPLACED = "unplaced", _("Not planned yet")
        PLACED = "placed", _("Planned")

    setup = models.ForeignKey(MeetingSetup, on_delete=models.CASCADE, related_name="meetings")
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UNPLACED)
    slot = models.ForeignKey(MeetingSlot, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings")
    table = models.ForeignKey(MeetingTable, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings")
    fixed = models.BooleanField(_("fixed by the organiser"), default=False)
    # The organiser may restrict a meeting to one session: planning places it only in its slots.
    session = models.ForeignKey(MeetingSession, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="restricted_meetings", verbose_name=_("only in session"))
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"))
    placed_at = models.DateTimeField(_("planned"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["slot__starts_at", "table__number", "id"]
        constraints = [
            # At most one meeting per table and slot.
            models.UniqueConstraint(fields=["slot", "table"], condition=Q(slot__isnull=False),
                                    name="network_one_meeting_per_table_and_slot"),
            models.CheckConstraint(
                condition=(Q(status="placed", slot__isnull=False, table__isnull=False)
                           | Q(status="unplaced", slot__isnull=True, table__isnull=True)),
                name="network_meeting_placed_has_slot_and_table",
            ),
        ]

    def __str__(self):
        return f"Gesprächstermin {self.pk}"


class MeetingParticipant(models.Model):
    """One of the two people of a meeting, with the meeting's slot copied: the unique constraint on
    (profile, slot) makes sure nobody has two meetings in a slot. Also holds the check-in at the
    table as reported by this person, or by the organiser for both (`attendance`: did the meeting
    take place, or did someone not show up)."""

    class Attendance(models.TextChoices):
        OPEN = "", _("Not recorded")
        HELD = "held", _("Took place")
        NO_SHOW = "no_show", _("Did not show up")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    profile = models.ForeignKey("network.Profile", on_delete=models.CASCADE, related_name="meeting_participations")
    slot = models.ForeignKey(MeetingSlot, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices, blank=True, default="")
    attendance_at = models.DateTimeField(_("attendance recorded"), null=True, blank=True)
    # The organiser's record (services.meeting_attendance_record) is final: the person's own
    # record (meeting_attendance_report) no longer changes it.
    attendance_by_organiser = models.BooleanField(_("recorded by the organiser"), default=False)

    class Meta:
        verbose_name = _("meeting participant")
        verbose_name_plural = _("meeting participants")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "profile"], name="network_meeting_participant_once"),
            models.UniqueConstraint(fields=["profile", "slot"], condition=Q(slot__isnull=False),
                                    name="network_nobody_twice_per_slot"),
        ]


class ScheduleRun(models.Model):
    """"Alle einplanen": one run of the solver (network.scheduling) for a setup, in the background
    worker. The worker writes the current best while it searches (placed, breaks, bound), then the
    report; the organiser's page shows both (reload to see more)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the background service")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    ACTIVE = [Status.QUEUED, Status.RUNNING]

    setup = models.ForeignKey(MeetingSetup, on_delete=models.CASCADE, related_name="schedule_runs")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    requested_by = models.ForeignKey("auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    time_limit = models.PositiveSmallIntegerField(_("time limit in seconds"), default=60)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    accepted = models.PositiveIntegerField(_("accepted meetings"), default=0)
    placed = models.PositiveIntegerField(_("placed meetings"), null=True, blank=True)
    breaks = models.PositiveIntegerField(_("breaks"), null=True, blank=True)
    bound = models.PositiveIntegerField(_("lower bound of the breaks"), null=True, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    audit_label = True  # its name is no personal data: the audit log may keep it

    class Meta:
        verbose_name = _("scheduling run")
        verbose_name_plural = _("scheduling runs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["setup"], condition=Q(status__in=["queued", "running"]),
                                    name="network_one_active_schedule_run"),
        ]

    def __str__(self):
        return f"Einplanung {self.pk}"
