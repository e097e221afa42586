"""Forms of the Gesprächsbörse: they validate and hand plain values to the services (which check
again); every message German, next to its field."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from revier.core.dates import local_format, time_suffix
from revier.core.forms import TOO_LONG, KernForm, tidy_widgets
from revier.network.meetings.models import MESSAGE_MAX, TABLE_NAME_MAX
from revier.network.meetings.services import SessionInput, SetupInput, TableInput

SESSION_FIELDS = 3  # sessions on the organiser's form (no script: a fixed number of rows)


def slot_label(slot) -> str:
    return _weekday_span(slot.starts_at, slot.ends_at)


def _weekday_span(start, end) -> str:
    """ "Fr., 27. November, 10:00–10:30 Uhr" / "Fri 27 November, 10:00–10:30" (core.dates)."""
    return (f"{local_format(start, 'SHORT_WEEKDAY_MONTH_DAY_TIME_FORMAT')}–{local_format(end, 'TIME_FORMAT')}"
            f"{time_suffix()}")


class RequestForm(KernForm):
    """Send a meeting request: to whom (one of the listed participants) and a short message."""

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"] = forms.TypedChoiceField(
            label=_("Whom would you like to meet?"),
            coerce=int,
            choices=[("", _("Please choose"))] + [
                (str(other.pk), f"{other.full_name} – {other.organisation}") for other in others
            ],
            error_messages={"required": _("Please choose a participant."),
                            "invalid_choice": _("Please choose a participant from the list.")},
        )
        self.fields["message"] = forms.CharField(
            label=_("Short message"),
            required=False,
            max_length=MESSAGE_MAX,
            help_text=_("What would you like to talk about? At most %(limit)d characters.") % {"limit": MESSAGE_MAX},
            error_messages={"max_length": TOO_LONG},
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        tidy_widgets(self)


class UnavailabilityForm(KernForm):
    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slots"] = forms.TypedMultipleChoiceField(
            label=_("Time slots in which you cannot meet anyone"),
            coerce=int,
            required=False,
            choices=[(str(slot.pk), slot_label(slot)) for slot in slots],
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Tick the slots you are not available. No meeting will be planned for you in these."),
            error_messages={"invalid_choice": _("Please choose only from the listed time slots.")},
        )
        tidy_widgets(self)


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"required": _("Please enter a date."),
                                           "invalid": _("Please enter a date in the form 2026-10-23.")})


def _time(label, required=True):
    return forms.TimeField(label=label, required=required, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                           error_messages={"required": _("Please enter a time."),
                                           "invalid": _("Please enter a time in the form 10:30.")})


def _number(label, *, min_value, max_value, required=True, help_text=""):
    return forms.IntegerField(
        label=label, min_value=min_value, max_value=max_value, required=required, help_text=help_text,
        error_messages={"required": _("Please enter a number."), "invalid": _("Please enter a whole number."),
                        "min_value": _("Please enter at least %(limit_value)s."),
                        "max_value": _("Please enter at most %(limit_value)s.")},
    )


class SetupForm(KernForm):
    """The organiser's setup of an event's Gesprächsbörse (sessions on one page without script:
    three rows, the second and third optional)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enabled"] = forms.BooleanField(label=_("Gesprächsbörse enabled: participants can send requests"),
                                                    required=False)
        for n in range(1, SESSION_FIELDS + 1):
            required = n == 1
            self.fields[f"session_{n}_date"] = _date(_("Session %(n)d: day") % {"n": n}, required)
            self.fields[f"session_{n}_start"] = _time(_("Session %(n)d: from") % {"n": n}, required)
            self.fields[f"session_{n}_end"] = _time(_("Session %(n)d: until") % {"n": n}, required)
        self.fields["slot_minutes"] = _number(_("Slot length in minutes"), min_value=5, max_value=240)
        self.fields["table_count"] = _number(_("Number of tables"), min_value=1, max_value=500)
        self.fields["table_names"] = forms.CharField(
            label=_("Names of tables"), required=False, max_length=5000,
            help_text=_("One table per line: number, a space, the name. E.g. “7 Fraunhofer IMWS”."),
            error_messages={"max_length": TOO_LONG},
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.fields["deadline_date"] = _date(_("Deadline for requests: day"))
        self.fields["deadline_time"] = _time(_("Deadline for requests: time"))
        self.fields["max_open_requests"] = _number(_("Maximum open requests per person"), min_value=1, max_value=100)
        self.fields["max_meetings"] = _number(
            _("Maximum meetings per person"), min_value=1, max_value=500, required=False,
            help_text=_("Leave empty for the default: two thirds of the slots, at most 8."),
        )
        tidy_widgets(self)

    @staticmethod
    def initial_from(setup, event) -> dict:
        if setup is None:
            start = timezone.localtime(event.starts_at)
            return {"session_1_date": start.date(), "session_1_start": datetime.time(10, 0),
                    "session_1_end": datetime.time(12, 0), "slot_minutes": 15, "table_count": 10,
                    "deadline_date": (start - datetime.timedelta(days=1)).date(), "deadline_time": datetime.time(18, 0),
                    "max_open_requests": 10}
        initial = {"enabled": setup.enabled, "slot_minutes": setup.slot_minutes, "table_count": len(setup.tables.all()),
                   "max_open_requests": setup.max_open_requests, "max_meetings": setup.max_meetings}
        for n, session in enumerate(setup.sessions.all()[:SESSION_FIELDS], start=1):
            start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
            initial.update({f"session_{n}_date": start.date(), f"session_{n}_start": start.time(),
                            f"session_{n}_end": end.time()})
        deadline = timezone.localtime(setup.request_deadline)
        initial.update(deadline_date=deadline.date(), deadline_time=deadline.time())
        initial["table_names"] = "\n".join(f"{table.number} {table.name}" for table in setup.tables.all() if table.name)
        return initial

    def clean(self):
        data = super().clean()
        for n in range(2, SESSION_FIELDS + 1):
            parts = [data.get(f"session_{n}_{part}") for part in ("date", "start", "end")]
            if any(parts) and not all(parts):
                self.add_error(f"session_{n}_date", _("Please fill in day, start and end of this session, or none of them."))
        for n in range(1, SESSION_FIELDS + 1):
            start, end = data.get(f"session_{n}_start"), data.get(f"session_{n}_end")
            if start and end and end <= start:
                self.add_error(f"session_{n}_end", _("The session must end after it begins."))
        names = {}
        for line in (data.get("table_names") or "").splitlines():
            line = line.strip()
            if not line:
                continue
            number, _sep, name = line.partition(" ")
            if not number.isascii() or not number.isdigit() or len(number) > 3 or not name.strip():
                self.add_error("table_names", _("Please write each line as a number, a space and the name."))
                break
            if len(name.strip()) > TABLE_NAME_MAX:
                self.add_error("table_names", _("A table name may have at most %(limit)d characters.") % {"limit": TABLE_NAME_MAX})
                break
            names[int(number)] = name.strip()
        count = data.get("table_count")
        if count and any(number > count or number < 1 for number in names):
            self.add_error("table_names", _("Only tables 1 to %(count)d exist.") % {"count": count})
        data["names"] = names
        return data

    def to_input(self, *, fixed: dict[int, int] | None = None) -> SetupInput:
        data, tz = self.cleaned_data, timezone.get_current_timezone()
        sessions = []
        for n in range(1, SESSION_FIELDS + 1):
            day = data.get(f"session_{n}_date")
            if day:
                start = datetime.datetime.combine(day, data[f"session_{n}_start"], tzinfo=tz)
                end = datetime.datetime.combine(day, data[f"session_{n}_end"], tzinfo=tz)
                sessions.append(SessionInput(starts_at=start, ends_at=end))
        fixed = fixed or {}
        tables = tuple(TableInput(number=n, name=data["names"].get(n, ""), fixed_profile_id=fixed.get(n))
                       for n in range(1, data["table_count"] + 1))
        return SetupInput(
            enabled=data["enabled"], sessions=tuple(sessions), slot_minutes=data["slot_minutes"], tables=tables,
            request_deadline=datetime.datetime.combine(data["deadline_date"], data["deadline_time"], tzinfo=tz),
            max_open_requests=data["max_open_requests"], max_meetings=data.get("max_meetings"),
        )


# --- The organiser's planning by hand -----------------------------------------------------------


def table_label(table) -> str:
    label = _("Table %(number)d") % {"number": table.number}
    return f"{label} ({table.name})" if table.name else str(label)


def session_label(session) -> str:
    return _weekday_span(session.starts_at, session.ends_at)


def _choice(label, choices, *, required_message, empty=None, required=True):
    first = [("", empty)] if empty is not None else []
    return forms.TypedChoiceField(
        label=label, coerce=int, required=required, empty_value=None, choices=first + choices,
        error_messages={"required": required_message, "invalid_choice": _("Please choose from the list.")},
    )


class FixedTableForm(KernForm):
    """A fixed table for a participant (e.g. an exhibitor)."""

    def __init__(self, *args, participants, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"] = _choice(
            _("Participant"), [(str(p.pk), f"{p.full_name} – {p.organisation}") for p in participants],
            required_message=_("Please choose a participant."), empty=_("Please choose"))
        self.fields["table"] = _choice(
            _("Fixed table"), [(str(t.pk), table_label(t)) for t in tables],
            required_message=_("Please choose a table."), empty=_("Please choose"))
        tidy_widgets(self)


class MeetingFixForm(KernForm):
    """Fix a meeting to a time slot and a table."""

    def __init__(self, *args, slots, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"] = _choice(_("Time slot"), [(str(s.pk), slot_label(s)) for s in slots],
                                      required_message=_("Please choose a time slot."), empty=_("Please choose"))
        self.fields["table"] = _choice(_("Table"), [(str(t.pk), table_label(t)) for t in tables],
                                       required_message=_("Please choose a table."), empty=_("Please choose"))
        tidy_widgets(self)


class MeetingSessionForm(KernForm):
    """Restrict a meeting to one session, or lift the restriction."""

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"] = _choice(
            _("Only in this session"), [(str(s.pk), session_label(s)) for s in sessions], required=False,
            required_message=_("Please choose a session."), empty=_("Any session (no restriction)"))
        tidy_widgets(self)
