"""Secret links and codes. A personal link's token is shown once (in a mail) and stored only as its
SHA-256 hash (core.models.PersonalLink); looking it up hashes what arrives. Ticket codes are random
and readable aloud."""

import dataclasses
import datetime
import functools
import hashlib
import json
import secrets

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Model, Q
from django.utils import timezone

from revier.core.models import PersonalLink
from revier.core.rows import converted, field_converter

# Crockford's base32 without I, L, O, U: nothing to confuse when a code is typed at the entrance.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_token() -> tuple[str, str]:
    """A new personal-link token (256 random bits) and the hash to store."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256((token or "").encode("utf-8", "replace")).hexdigest()


def personal_link_issue(links, *, expires_at: datetime.datetime, made: tuple[str, str] | None = None,
                        **fields) -> str:
    """Stores a new personal link through `links`, a holder's related manager of its PersonalLink
    model (e.g. `registration.links`), working until `expires_at`, and returns its token, to be shown
    once (in a mail): only the hash is stored. `made`: a token and its hash made beforehand
    (new_token); `fields`: further columns of the app's link model. The links issued before keep
    working; how long a link lives is the app's rule."""
    token, hashed = made or new_token()
    links.create(token_hash=hashed, expires_at=expires_at, **fields)
    return token


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
    found = personal_link_holder_with(model, token, children=None, now=now)
    return found[0] if found else None


def personal_link_holder_with(model: type[Model], token: str, *, children: str | None,
                              now: datetime.datetime | None = None) -> tuple[Model, list[Model]] | None:
    """personal_link_holder, and the holder's rows of the reverse foreign key `children` (a related
    name of `model`, e.g. a registration's "consents") in id order, in the same one query (on PostgreSQL a subquery
    with the children as a JSON array, on SQLite a left join): (holder, children), or None. For a holder with few children (a registration has at most
    one consent per kind), one query instead of two on every request of a personal-link page."""
    query = _holder_query(model, children, connection.vendor)
    params = [token_hash(token), connection.ops.adapt_datetimefield_value(now or timezone.now())]
    if children is None:
        return next(((row, []) for row in model.objects.raw(query.sql, params)), None)
    with connection.cursor() as cursor:
        cursor.execute(query.sql, params)
        rows = cursor.fetchall()
    if not rows:
        return None
    split, child_model = len(query.names), model._meta.get_field(children).related_model
    if query.children_json:  # one row: the holder's columns, then its children as a JSON array of arrays
        row = rows[0]
        found = model.from_db(connection.alias, query.names, converted(row[:split], query.converters))
        listed = row[split]
        if isinstance(listed, str):
            listed = json.loads(listed)
        return found, [child_model.from_db(connection.alias, query.child_names,
                                           [read(value) if read else value for read, value in zip(query.child_readers, child, strict=True)])
                       for child in listed or ()]
    rows = [converted(row, query.converters) for row in rows]
    found = model.from_db(connection.alias, query.names, rows[0][:split])
    children = sorted((row for row in rows if row[query.child_pk_at] is not None), key=lambda row: row[query.child_pk_at])
    return found, [child_model.from_db(connection.alias, query.child_names, row[split:]) for row in children]


@dataclasses.dataclass(frozen=True)
class _HolderQuery:
    sql: str
    names: list[str]  # the holder's attribute names, in the order of its columns
    child_names: list[str]
    child_pk_at: int  # where the child's primary key is in a row (-1: no children asked for)
    converters: list  # per column: a function (value, connection) -> the field's value, or None
    children_json: bool = False  # the children in one JSON column (PostgreSQL), read by child_readers
    child_readers: tuple = ()  # per child field: a function from its JSON value to the field's value, or None


@functools.cache
def _holder_query(model: type[Model], children: str | None, vendor: str) -> _HolderQuery:
    """The SQL of personal_link_holder_with for `model` (and `children`) on a database of `vendor`,
    built once per process, with the converters the ORM applies when it reads such a row."""
    links = model._meta.get_field("links")
    link_model, quote = links.related_model, connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    fields = list(model._meta.concrete_fields)
    holder, hashed, expires = (quote(link_model._meta.get_field(name).column)
                               for name in (links.field.name, "token_hash", "expires_at"))
    where = (f"h.{pk} = (SELECT {holder} FROM {quote(link_model._meta.db_table)} "
             f"WHERE {hashed} = %s AND {expires} > %s)")
    columns = [f"h.{quote(field.column)}" for field in fields]
    if children is None:
        return _HolderQuery(f"SELECT {', '.join(columns)} FROM {table} h WHERE {where}",
                            [f.attname for f in fields], [], -1, [])
    relation = model._meta.get_field(children)
    child_model = relation.related_model
    child_fields = list(child_model._meta.concrete_fields)
    child_table, child_key = quote(child_model._meta.db_table), quote(relation.field.column)
    if vendor == "postgresql":
        # The children as one JSON array in a subquery: PostgreSQL answers this faster than a left
        # join with a row per child (docs/performance.md, stop 23).
        values = ", ".join(f"c.{quote(field.column)}" for field in child_fields)
        listed = (f"(SELECT json_agg(json_build_array({values}) ORDER BY c.{quote(child_model._meta.pk.column)}) "
                  f"FROM {child_table} c WHERE c.{child_key} = h.{pk})")
        return _HolderQuery(f"SELECT {', '.join(columns)}, {listed} FROM {table} h WHERE {where}",
                            [f.attname for f in fields], [f.attname for f in child_fields], -1,
                            [field_converter(field) for field in fields], children_json=True,
                            child_readers=tuple(_json_reader(field) for field in child_fields))
    columns += [f"c.{quote(field.column)}" for field in child_fields]
    # No ORDER BY: the few children are put in id order in Python (a sort node costs PostgreSQL more
    # than sorting a handful of rows costs here).
    sql = (f"SELECT {', '.join(columns)} FROM {table} h LEFT JOIN {child_table} c "
           f"ON c.{child_key} = h.{pk} WHERE {where}")
    return _HolderQuery(sql, [f.attname for f in fields], [f.attname for f in child_fields],
                        len(fields) + child_fields.index(child_model._meta.pk),
                        [field_converter(field) for field in fields + child_fields])


def _json_reader(field):
    """What turns `field`'s value as PostgreSQL writes it in JSON into the field's Python value: times
    and dates come as ISO text (with the offset), numbers, text and booleans as they are."""
    if field.get_internal_type() in ("DateTimeField", "DateField", "TimeField", "DecimalField", "UUIDField"):
        return field.to_python
    return None


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
