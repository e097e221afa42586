"""Writes of the partner suggestions on the site.

The lists are computed by the pure engine (network.matching) in the background worker, never in a
request: `suggestions_queue` marks a profile as changed in the transaction of its change (so a
change that rolls back queues nothing, and one that commits is never lost), and the worker task
`suggestions_worker` (settings.WORKER_TASKS, every round) either computes every list anew (no
index in this process yet, new weights, or the nightly run) or puts the queued profiles into its
index one by one (`SuggestionIndex.update`/`remove`, well under a second each) and writes the lists
that changed. The index lives in the worker's memory; one worker process is assumed (as `make run`
and docs/deployment.md start one)."""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from revier.core.services import audit_log
from revier.network import matching
from revier.network.models import Profile
from revier.network.suggestions.models import Suggestion, SuggestionQueue, SuggestionWeights
from revier.network.suggestions.selectors import engine_profiles

WEIGHT_FIELDS = ("text", "topics", "reciprocity", "kind", "region", "ngrams", "concepts", "title", "min_similarity")
# At most this many queued profiles are put into the index per worker round.
QUEUE_BATCH = 200


@dataclass
class _Held:
    """The worker process's index and the computation (build_id) its lists were stored for."""

    index: matching.SuggestionIndex | None = None
    build_id: str = ""


_held = _Held()


def weights_row() -> SuggestionWeights:
    """The one row of weights (made with the defaults the first time)."""
    row, _created = SuggestionWeights.objects.get_or_create(pk=1)
    return row


def weights_from_values(values: dict) -> matching.Weights:
    """The engine's weights from the stored values; raises matching.ProfileError with a German
    message when they cannot be used (e.g. kind + region above 1)."""
    kinds = {frozenset(entry[:2]): tuple(entry) for entry in matching.DEFAULT_KIND_FIT}
    for entry in values.get("kinds") or []:
        if not isinstance(entry, (list, tuple)) or len(entry) != 3:
            raise matching.ProfileError("Jede Passung der Arten muss die Form [Art, Art, Wert] haben.")
        kinds[frozenset(entry[:2])] = tuple(entry)
    return matching.Weights(**{name: float(values[name]) for name in WEIGHT_FIELDS}, kinds=tuple(kinds.values()))


def _weights(row: SuggestionWeights) -> matching.Weights:
    return weights_from_values({name: getattr(row, name) for name in (*WEIGHT_FIELDS, "kinds")})


def suggestions_queue(*, profile_ids: Iterable[int], now: datetime.datetime | None = None) -> None:
    """Marks profiles whose suggestions must be computed anew. Call it inside the transaction of
    the change (the profile services do, under their lock of the profile row): the worker sees the
    mark only once the change has committed."""
    now = now or timezone.now()
    for profile_id in set(profile_ids):
        updated = SuggestionQueue.objects.filter(profile_id=profile_id).update(queued_at=now)
        if not updated:
            SuggestionQueue.objects.create(profile_id=profile_id, queued_at=now)


@transaction.atomic
def suggestion_weights_save(*, values: dict, actor: User | None) -> SuggestionWeights:
    """Staff change the weights (the admin): checked by the engine (German message as
    matching.ProfileError), stored, audited; every list is computed anew by the worker's next round."""
    weights_from_values(values)
    row = SuggestionWeights.objects.select_for_update().filter(pk=1).first() or weights_row()
    changed = []
    for name in (*WEIGHT_FIELDS, "kinds"):
        value = values[name] if name == "kinds" else float(values[name])
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed.append(name)
    row.rebuild_due = True
    row.save()
    audit_log(actor=actor, action="suggestion_weights_changed", obj=row, data={"fields": changed})
    return row


def _rows(index: matching.SuggestionIndex, profile_ids: Iterable[str], existing: set[int]) -> list[Suggestion]:
    rows = []
    with translation.override(settings.LANGUAGE_CODE):  # the reasons are German
        for profile_id in profile_ids:
            if int(profile_id) not in existing:
                continue
            rank = 0
            for suggestion in index.suggestions_for(profile_id):
                if int(suggestion.id) not in existing:
                    continue
                rank += 1
                rows.append(Suggestion(profile_id=int(profile_id), other_id=int(suggestion.id),
                                       score=round(suggestion.score, 6), reasons=list(suggestion.reasons), rank=rank))
    return rows


def _done_q(queued: list[SuggestionQueue]) -> Q:
    """The queue rows read at the start, unless queued again since (then they stay for the next round)."""
    condition = Q(pk__in=[])
    for row in queued:
        condition |= Q(pk=row.pk, queued_at=row.queued_at)
    return condition


def suggestions_rebuild(*, now: datetime.datetime | None = None) -> int:
    """Computes every profile's suggestions anew (a new index: vocabulary and IDF learned again)
    and replaces the stored lists in one transaction; returns the number of lists. The queue rows
    read before the profiles are done with (their changes are in what was read)."""
    now = now or timezone.now()
    row = weights_row()
    changed_at = row.changed_at
    weights = _weights(row)
    queued = list(SuggestionQueue.objects.all())
    profiles = engine_profiles()
    index = matching.SuggestionIndex(profiles, weights=weights, top=settings.NETWORK_SUGGESTIONS_TOP)
    existing = {int(profile.id) for profile in profiles}
    rows = _rows(index, index.ids(), existing)
    build_id = uuid.uuid4().hex
    with transaction.atomic():
        _lock_lists(row)
        existing &= set(Profile.objects.filter(pk__in=existing).values_list("pk", flat=True))
        Suggestion.objects.all().delete()
        Suggestion.objects.bulk_create([r for r in rows if r.profile_id in existing and r.other_id in existing],
                                       batch_size=2000)
        SuggestionQueue.objects.filter(_done_q(queued)).delete()
        # weights changed during the computation: rebuild_due stays set for the next round
        SuggestionWeights.objects.filter(pk=row.pk, changed_at=changed_at).update(rebuild_due=False)
        SuggestionWeights.objects.filter(pk=row.pk).update(built_at=now, build_id=build_id)
    _held.index, _held.build_id = index, build_id
    return len(existing)


def _lock_lists(row: SuggestionWeights) -> None:
    """Inside the transaction that replaces stored lists: waits for any other worker that replaces
    lists at the moment (deployments run several), so that each one deletes what the one before it
    wrote and none fails on "once per pair" (the weights' row is the lock; on SQLite the
    transaction's write lock already orders them)."""
    SuggestionWeights.objects.select_for_update().filter(pk=row.pk).first()


def _adopt(build_id: str) -> None:
    """This process has no index for the stored lists (it just started): builds one from the
    profiles as they are now, without writing anything."""
    profiles = engine_profiles()
    _held.index = matching.SuggestionIndex(profiles, weights=_weights(weights_row()),
                                           top=settings.NETWORK_SUGGESTIONS_TOP)
    _held.build_id = build_id


def suggestions_update_queued() -> int:
    """Puts the queued profiles into the index (changed, new, or gone: deleted, hidden,
    unconfirmed) and writes the lists that changed with them; returns how many lists were written."""
    queued = list(SuggestionQueue.objects.order_by("queued_at", "pk")[:QUEUE_BATCH])
    if not queued:
        return 0
    index = _held.index
    ids = [row.profile_id for row in queued]
    fresh = {profile.id: profile for profile in engine_profiles(ids=ids)}
    known = set(index.ids())
    changed: set[str] = set()
    for profile_id in map(str, ids):
        if profile_id in fresh:
            update = index.update(fresh[profile_id])
        elif profile_id in known:
            update = index.remove(profile_id)
        else:
            continue
        known = set(index.ids()) if profile_id not in known else known
        changed |= {update.profile, *update.affected}
    with transaction.atomic():
        _lock_lists(weights_row())
        existing = set(Profile.objects.filter(pk__in=[int(pid) for pid in index.ids()]).values_list("pk", flat=True))
        rows = _rows(index, sorted(changed), existing)
        Suggestion.objects.filter(profile_id__in=[int(pid) for pid in changed]).delete()
        Suggestion.objects.bulk_create(rows, batch_size=2000)
        SuggestionQueue.objects.filter(_done_q(queued)).delete()
    return len(changed)


def _nightly_due(row: SuggestionWeights, now: datetime.datetime) -> bool:
    if row.built_at is None:
        return True
    local = timezone.localtime(now)
    return timezone.localtime(row.built_at).date() < local.date() and local.hour >= settings.NETWORK_SUGGESTIONS_NIGHT_HOUR


def suggestions_worker(*, now: datetime.datetime | None = None) -> int:
    """Worker task (every round): every list anew when the weights changed, when the nightly run is
    due (settings.NETWORK_SUGGESTIONS_NIGHT_HOUR) or when nothing was computed yet; otherwise the
    queued profiles one by one. Returns the number of lists written."""
    now = now or timezone.now()
    row = weights_row()
    if row.rebuild_due or not row.build_id or _nightly_due(row, now):
        return suggestions_rebuild(now=now)
    if _held.index is None or _held.build_id != row.build_id:
        if not SuggestionQueue.objects.exists():
            return 0  # nothing to do: build the index when there is
        _adopt(row.build_id)
    return suggestions_update_queued()
