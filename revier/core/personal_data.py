"""The person's rights without an account (issue 12 §4, docs/security.md "Rechte der Person"): what
the apps share to give a person everything stored about them (Art. 15 and 20 DSGVO), as JSON and as
a readable page. Each app with personal data (events, contingents, network) builds a PersonalData of
its objects with these helpers; core knows no app."""

import datetime
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import connection, models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy as _

from revier.core import dates
from revier.core.models import OutboxMail
from revier.core.services import audit_log

# Columns that are no data about the person: tokens are stored hashed and open the data, the search
# columns repeat what the export has already.
NEVER_EXPORTED = frozenset({"token_hash", "search_text", "search_stems", "search_vector"})


def _value(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool, list, dict)) or value is None:
        return value
    return str(value)


def fields_of(obj: models.Model, *, exclude: frozenset[str] = frozenset()) -> dict:
    """Every stored column of `obj` (foreign keys as their id, under the field's name), JSON-ready;
    `exclude` and NEVER_EXPORTED left out. Every column, so that a field added to a model later is
    in the export without anyone remembering it."""
    return {
        f.name: _value(getattr(obj, f.attname))
        for f in obj._meta.concrete_fields
        if f.name not in exclude and f.name not in NEVER_EXPORTED
    }


def labels_of(model: type[models.Model], **more) -> dict:
    """The readable page's labels of a model's columns (their verbose names), and `more`."""
    labels = {f.name: capfirst(str(f.verbose_name)) for f in model._meta.concrete_fields}
    return {**labels, **more}


LINK_LABELS = {"created_at": _("Sent"), "expires_at": _("Valid until")}
MAIL_LABELS = {"to": _("To"), "subject": _("Subject"), "status": _("Status"), "created_at": _("Created"),
               "sent_at": _("Sent"), "body_text": _("Text")}


def link_rows(links) -> list[dict]:
    """The personal links of an object: when made and until when they work (never the token)."""
    return [{"created_at": _value(link.created_at), "expires_at": _value(link.expires_at)} for link in links]


def outbox_rows(address: str) -> list[dict]:
    """The mails to `address` still in the outbox (a sent mail's body is blanked; its envelope stays
    settings.OUTBOX_RETENTION_DAYS): subject, status, times, and the text while it is unsent."""
    wanted = (address or "").strip().lower()
    if not wanted:
        return []
    rows = []
    for mail in OutboxMail.objects.filter(to__icontains=wanted).order_by("created_at", "id"):
        if any(str(recipient).strip().lower() == wanted for recipient in (mail.to or [])):
            rows.append({
                "to": wanted, "subject": mail.subject, "status": mail.status, "created_at": _value(mail.created_at),
                "sent_at": _value(mail.sent_at), "body_text": mail.body_text,
            })
    return rows


@dataclass(frozen=True)
class Section:
    """A part of the export: a key for the JSON, a German title for the page and its rows."""

    key: str
    title: str
    rows: list[dict] = field(default_factory=list)
    labels: dict = field(default_factory=dict)  # key → German label on the readable page
    choices: dict = field(default_factory=dict)  # key → {stored value: German label} on the readable page

    def _label(self, key: str, value):
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return self.choices.get(key, {}).get(value, value)
        return value

    def readable_rows(self) -> list[list[tuple[str, str]]]:
        return [
            [(str(self.labels.get(key, key)), readable(self._label(key, value))) for key, value in row.items()]
            for row in self.rows
        ]


@dataclass(frozen=True)
class PersonalData:
    """Everything stored about a person for one of their objects (a registration, a claim, a
    profile): `kind` says which (e.g. "events.registration"), `sections` hold the rows."""

    kind: str
    title: str
    sections: list[Section]

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "exported_at": timezone.now().isoformat(),
            **{section.key: section.rows for section in self.sections},
        }


def json_bytes(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")


def choices_of(model: type[models.Model]) -> dict:
    """The readable page's labels of the stored values of a model's columns with choices."""
    return {f.name: {value: str(label) for value, label in f.flatchoices} for f in model._meta.concrete_fields
            if f.choices}


def readable(value) -> str:
    """A value of the export as the readable page shows it (times the German way, in local time)."""
    if value in (None, "", [], {}):
        return "–"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] == "T":
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if timezone.is_aware(moment):
                return dates.local_datetime(moment)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# A link that "Meine Daten" sends works at least this long, also for an object whose own links ran
# out already (an event over for longer than settings.PERSONAL_LINK_DAYS_AFTER_END): the data stay
# until the retention period ends, and the person must be able to reach them until then.
DATA_LINK_MIN_DAYS = 7


def data_link_expires_at(expires_at: datetime.datetime, now: datetime.datetime) -> datetime.datetime:
    return max(expires_at, now + datetime.timedelta(days=DATA_LINK_MIN_DAYS))


@dataclass(frozen=True)
class DataLink:
    """One line of the "Meine Daten" mail: what (`kind`, e.g. "Anmeldung"), which (`title`) and the
    personal link to its data page (`url`)."""

    kind: str
    title: str
    url: str


Owner = TypeVar("Owner", bound=models.Model)


def data_links(owners: Iterable[Owner], *, kind: str, title: Callable[[Owner], str],
               issue_link: Callable[[Owner], str]) -> list[DataLink]:
    """For "Meine Daten": one DataLink of `kind` for each of `owners` (an app's objects of the
    address that still hold personal data), with a new personal link to its data page.
    `issue_link(owner)` stores the new link (the app's own link table and lifetime) and returns the
    absolute address of the data page; `title(owner)` names the object in the mail. Must run in the
    transaction that queues the mail, so that no link exists without its mail."""
    assert connection.in_atomic_block, "issue the links in the transaction of the mail"
    return [DataLink(kind=kind, title=title(owner), url=issue_link(owner)) for owner in owners]


def consent_withdraw(consents, *, holder: models.Model, kind: str,
                     now: datetime.datetime | None = None) -> models.Model | None:
    """The person withdraws the consent of `kind` among `consents` (the holder's related manager of
    its consents, e.g. `registration.consents`): its `withdrawn_at` is set, the row kept with the
    text and times given, as proof, and the withdrawal audited on `holder` ("consent_withdrawn").
    Withdrawing twice keeps the first time. Returns the consent, or None for one never given (the
    app raises its own error). Locks the consent row: the caller holds the transaction."""
    consent = consents.select_for_update().filter(kind=kind).first()
    if consent is None:
        return None
    if consent.withdrawn_at is None:
        consent.withdrawn_at = now or timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        audit_log(actor=None, action="consent_withdrawn", obj=holder, data={"kind": kind})
    return consent


def mail_section(address: str) -> Section:
    """The section of the mails to `address` still in the outbox (outbox_rows), as every app shows it."""
    return Section("mails", gettext("Mails in the outbox"), outbox_rows(address), MAIL_LABELS, choices_of(OutboxMail))
