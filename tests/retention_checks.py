"""What the retention tests of every app check alike (issue 12 §3): the audit log keeps nothing of
an anonymised person, a run writes its protocol, a second run changes nothing, nothing happens
before the period ends. The apps' tests (tests/*/test_retention.py) bring their own people."""

import datetime

from revier.core.models import AuditEntry, OutboxMail
from revier.core.retention import PROTOCOL_ACTION


def other_person(person: dict) -> dict:
    """A second person of the same kind, with every value changed ("…zwei")."""
    return {key: f"{value}zwei".replace("@", "zwei@") for key, value in person.items()}


def assert_audit_anonymised(obj, *, noted_action: str, kept: dict) -> None:
    """The audit entries of `obj` keep who acted, what and when, but neither the name nor any
    detail but statuses and ids (`kept`: what the entry `noted_action` still says)."""
    entries = AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    assert entries.count() >= 2 and not entries.exclude(object_repr="").exists()
    assert entries.get(action=noted_action).data == kept


def assert_protocol(model, *, count: int, owners: list[int], now: datetime.datetime) -> None:
    """One protocol row for the run: what, how many, of which owners, when; nothing personal."""
    protocol = AuditEntry.objects.get(action=PROTOCOL_ACTION, object_type=model._meta.label_lower)
    assert protocol.data == {"count": count, "owners": owners, "at": now.isoformat()}


def assert_second_run_changes_nothing(task, model, *, now: datetime.datetime) -> None:
    """`task` ran at `now`; a day later it finds nothing to do and changes no row, audit entry or mail."""
    snapshot = (list(model.objects.order_by("id").values()), list(AuditEntry.objects.order_by("id").values()),
                list(OutboxMail.objects.order_by("id").values_list("id", flat=True)))
    assert task(now=now + datetime.timedelta(days=1)) == 0
    assert snapshot == (list(model.objects.order_by("id").values()), list(AuditEntry.objects.order_by("id").values()),
                        list(OutboxMail.objects.order_by("id").values_list("id", flat=True)))


def assert_nothing_before_the_end(task, model, *, now: datetime.datetime) -> None:
    assert task(now=now) == 0
    assert not model.objects.filter(anonymised_at__isnull=False).exists()
    assert not AuditEntry.objects.filter(action=PROTOCOL_ACTION).exists()
