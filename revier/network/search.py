"""The German full-text search of the network directory, on both databases (as Aktuelles searches).

What is searched is stored with each row: `search_text` (plain text) and `search_stems` (German
Snowball stems, core.text.stem_document), written by `profile_search_refresh`, which every service
that changes a profile's public text, topics or entries calls in its transaction.

- PostgreSQL: `websearch_to_tsquery('german', q)` against a generated, stored tsvector column
  (`search_vector`, migration 0003: the name with weight A, search_text with weight B; kept in the
  row, migration 0013) with a GIN index, ranked with `ts_rank`. The directory runs its queries under
  `search_planning()`, so that PostgreSQL uses the index for common words too.
- SQLite: every word's German stem must begin a stored stem (`search_stems LIKE '% stem%'`), so
  "Elektrolyseure" finds "Elektrolyseur".

A profile's text holds its name, function, organisation, district, description, topics and all its
offers and needs; an entry's text its title, text, topics and the profile's organisation. Renaming a
topic does not rewrite the stored texts (the next change of the profile does).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection, transaction
from django.db.models import Expression, QuerySet

from revier.core.text import german_stems, stem_document
from revier.network.models import Profile, ProfileEntry

# How PostgreSQL plans the directory's queries (search_planning), each for this transaction only.
# - random_page_cost 1.1 (default 4): the directory's tables are small and read from memory, where a
#   page the GIN index points to costs about what the next page of a sequential scan does. With 4,
#   PostgreSQL matched a common word ("Pilotprojekt": 4,244 of 20,000 entries) by testing all rows'
#   vectors in a sequential scan (17 ms) instead of reading the index's hits (5 ms).
# - jit off: a search runs in milliseconds; a plan whose estimate passed jit_above_cost (the topic
#   filter's subqueries) spent 25-100 ms compiling it.
# - max_parallel_workers_per_gather 0: a worker process costs more to start than it saves on these
#   queries, and the server answers many searches at once on a few cores.
SEARCH_PLANNING = {"random_page_cost": "1.1", "jit": "off", "max_parallel_workers_per_gather": "0"}


class SearchVectorColumn(Expression):
    """`search_vector` of the queried table: a column PostgreSQL generates and the models do not
    declare (Django must never write it), named under the alias the query gives the table."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name('search_vector')}", []


@contextmanager
def search_planning() -> Iterator[None]:
    """Runs the queries inside under SEARCH_PLANNING on PostgreSQL, in a transaction (the settings
    are `SET LOCAL`: they end with it; inside an outer transaction, with the outer one). Nothing on
    SQLite."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            names = list(SEARCH_PLANNING)
            cursor.execute(
                "SELECT " + ", ".join("set_config(%s, %s, true)" for _name in names),
                [value for name in names for value in (name, SEARCH_PLANNING[name])],
            )
        yield


def _join(*parts: str) -> str:
    return " ".join(part.strip() for part in parts if part and part.strip())


def _profile_text(profile, entries: list) -> str:
    topics = {topic.name: None for topic in profile.topics.all()}
    for entry in entries:
        topics.update({topic.name: None for topic in entry.topics.all()})
    return _join(
        profile.first_name, profile.last_name, profile.function, profile.organisation, profile.district,
        profile.description, " ".join(topics), *(_join(entry.title, entry.text) for entry in entries),
    )


def _entry_text(entry, profile) -> str:
    return _join(entry.title, entry.text, " ".join(topic.name for topic in entry.topics.all()), profile.organisation)


def profile_search_refresh(*, profile_ids: Iterable[int], models=(Profile, ProfileEntry)) -> None:
    """Writes the search text and stems of these profiles and of all their entries, in a fixed
    number of queries. Called inside the transaction of the service that changed them, after the
    change (so the search never lags behind a committed change). `models`: the migration that fills
    the columns passes its historical models."""
    profile_model, entry_model = models
    ids = sorted(set(profile_ids))
    if not ids:
        return
    profiles = list(profile_model.objects.filter(pk__in=ids).prefetch_related("topics", "entries__topics"))
    changed_entries = []
    for profile in profiles:
        entries = list(profile.entries.all())
        profile.search_text = _profile_text(profile, entries)
        profile.search_stems = stem_document(profile.search_text)
        for entry in entries:
            entry.search_text = _entry_text(entry, profile)
            entry.search_stems = stem_document(entry.search_text)
            changed_entries.append(entry)
    profile_model.objects.bulk_update(profiles, ["search_text", "search_stems"], batch_size=500)
    entry_model.objects.bulk_update(changed_entries, ["search_text", "search_stems"], batch_size=500)


def _ts_query(query: str) -> SearchQuery:
    return SearchQuery(query, config="german", search_type="websearch")


def matching(qs: QuerySet, *, query: str) -> QuerySet:
    """The rows of `qs` (profiles or entries) that match the search words, unordered. On SQLite a
    query without any word matches nothing."""
    if connection.vendor == "postgresql":
        return qs.alias(document=SearchVectorColumn()).filter(document=_ts_query(query))
    stems = [stem for stem in german_stems(query) if stem]
    if not stems:
        return qs.none()
    for stem in dict.fromkeys(stems):
        qs = qs.filter(search_stems__contains=f" {stem}")
    return qs


def ranked(qs: QuerySet, *, query: str, then: Iterable[str]) -> QuerySet:
    """`matching`, best first (PostgreSQL: ts_rank, a name or title match before a text match),
    then in the order `then`; SQLite has no rank and orders by `then` alone."""
    qs = matching(qs, query=query)
    if connection.vendor == "postgresql":
        return qs.annotate(rank=SearchRank(SearchVectorColumn(), _ts_query(query))).order_by("-rank", *then)
    return qs.order_by(*then)
