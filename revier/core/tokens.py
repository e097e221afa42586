"""Secret links and codes. A personal link's token is shown once (in a mail) and stored only as its
SHA-256 hash (core.models.PersonalLink); looking it up hashes what arrives. Ticket codes are random
and readable aloud."""

import datetime
import hashlib
import secrets

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Model, Q
from django.utils import timezone

from revier.core.models import PersonalLink

# Crockford's base32 without I, L, O, U: nothing to confuse when a code is typed at the entrance.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_token() -> tuple[str, str]:
    """A new personal-link token (256 random bits) and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode("utf-8", "replace")).hexdigest()


def link_expires_at(end: datetime.datetime) -> datetime.datetime:
    """When a personal link to the data of something that ends at `end` (an event, the event of a
    contingent) stops working: settings.PERSONAL_LINK_DAYS_AFTER_END days later."""
    return end + datetime.timedelta(days=settings.PERSONAL_LINK_DAYS_AFTER_END)


def personal_link_q(token: str, *, now: datetime.datetime | None = None) -> Q:
    """The condition on a holder (related name `links`) for a personal link that opens it and has
    not expired; in one filter() call both parts apply to the same link row (one indexed lookup)."""
    return Q(links__token_hash=token_hash(token), links__expires_at__gt=now or timezone.now())


def personal_link_holder(model: type[Model], token: str, *, now: datetime.datetime | None = None) -> Model | None:
    """The row of `model` (a holder whose personal links have the related name `links`) that the
    personal link `token` opens, or None: what filter(personal_link_q(token)) finds, in one query
    written in SQL (tests/core/test_tokens.py checks that both agree). A personal-link page asks
    it on every request, and through the ORM the query cost several times the rest of the lookup."""
    links = model._meta.get_field("links")
    link_model, quote = links.related_model, connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in model._meta.concrete_fields)
    holder, hashed, expires = (quote(link_model._meta.get_field(name).column)
                               for name in (links.field.name, "token_hash", "expires_at"))
    sql = (
        f"SELECT {columns} FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} = "
        f"(SELECT {holder} FROM {quote(link_model._meta.db_table)} WHERE {hashed} = %s AND {expires} > %s)"
    )
    params = [token_hash(token), connection.ops.adapt_datetimefield_value(now or timezone.now())]
    return next(iter(model.objects.raw(sql, params)), None)


def personal_links_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Worker task: deletes the expired personal links of every app (each model that derives from
    PersonalLink). Returns how many were deleted."""
    now = now or timezone.now()
    deleted = 0
    for model in apps.get_models():
        if issubclass(model, PersonalLink):
            deleted += model.objects.filter(expires_at__lte=now).delete()[0]
    return deleted


def new_code(groups: int = 5, size: int = 4) -> str:
    """A random code like 7K3M-Q9XD-…: five groups of four characters carry 100 random bits."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(groups * size))
    return "-".join(chars[i : i + size] for i in range(0, len(chars), size))


def normalize_code(raw: str) -> str:
    """What a person types or a scanner reads, in the stored form: upper case, confusable letters
    mapped, grouped with hyphens."""
    cleaned = (raw or "").upper().replace("O", "0").replace("I", "1").replace("L", "1")
    chars = "".join(c for c in cleaned if c in _CODE_ALPHABET)
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))
