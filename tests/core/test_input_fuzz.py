"""Hostile query parameters on every page and hostile fields in every form: never a server error
(issue 9, "one input rule").

Every URL pattern of the site is taken from the resolver (a new page is fuzzed without being listed
here; one whose path needs a value `site_data` lacks fails with a KeyError), and every model admin's
changelist with the filter parameters its own links use. Hypothesis sends NUL and other control
characters, Unicode digits ("²"), numbers too large for any column, long and empty strings, for every
parameter a page reads and every one its links carry, and for every field of every form that posts
(the forms found on the pages), anonymous and logged in as a superuser. Derandomized with a fixed
number of examples: CI sends the same requests every time.
"""

import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, example, given, settings, strategies as st

from revier.contingents import services as contingent_services
from revier.core.models import OutboxMail
from revier.events import services as event_services
from revier.monitor import import_runs
from revier.network.services import EntryInput
from tests.factories import (
    ArticleFactory,
    ContingentFactory,
    PageFactory,
    ProgramItemFactory,
    SpeakerFactory,
    TicketCategoryFactory,
    TopicFactory,
    UserFactory,
    MonitorQuestionFactory,
    MonitorSurveyFactory,
    claim_input,
    make_monitor_wave,
    make_profile,
    registration_input,
    with_codes,
)
from tests.monitor.sample import sample_files

pytestmark = pytest.mark.django_db

# Every query parameter a view of ours reads (test_every_parameter_read_is_fuzzed); each page gets all.
PARAMETERS = [
    "q", "thema", "region", "monat", "page", "status", "kategorie", "sortierung", "gesendet", "erledigt",
    "frei", "stornieren", "bestaetigen", "ergebnis", "anmeldung", "next", "utm_source", "art", "richtung",
    "veranstaltung", "format", "zeitfenster", "anhalten", "aendern", "welle", "gruppe", "aktualisieren", "anzahl",
]
HOSTILE = st.one_of(
    st.sampled_from(
        ["\x00", "a\x00b", "1\x00", "\x1b[0m", "\x7f", "²", "١٢", "𝟙", "Ⅻ", "9" * 30, "-1", "0", "1e3",
         " 7 ", "+1", "1_000", "0x1f", "", " ", "%00", "x" * 5000, "2024-13", "9999-99", "0-0", "'\"<>&",
         "ä", "\u202e", "\ufeff"]
    ),
    st.text(max_size=12),
    st.integers().map(str),
)
# A query: values for up to five of a page's parameters, picked by index (modulo the number of names).
QUERIES = st.dictionaries(st.integers(0, 63), HOSTILE, min_size=1, max_size=5)
# Also sent every time, each for all parameters of every page at once.
KNOWN_BAD = ["\x00", "\x1f", "²", "9" * 30, "x" * 5000]


def _query(picks: dict[int, str], names: list[str]) -> dict[str, str]:
    return {names[i % len(names)]: value for i, value in picks.items()}


def _with_known_bad_values(**fixed):
    def decorate(test):
        for value in KNOWN_BAD:
            test = example(picks=dict.fromkeys(range(64), value), **fixed)(test)
        return test

    return decorate


FUZZ = settings(
    max_examples=10, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Routes not fuzzed, and why.
SKIPPED = {
    "^media/(?P<path>.*)$": "uploaded files (in production the web server serves them)",
    "readyz": "reads no parameter; its 503 is its answer while no worker runs (tests/core/test_health.py)",
}


def _patterns(resolver=None, prefix="", namespace=None):
    """(route, namespace, name) for every URL pattern, nested includes resolved, the admin left out."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":  # the admin: test_admin_changelists_*
                yield from _patterns(entry, route, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and route not in SKIPPED:
            yield route, namespace, entry.name


SITE_PATTERNS = sorted(set(_patterns()), key=str)


def test_every_parameter_read_is_fuzzed():
    root = Path(__file__).resolve().parents[2] / "revier"
    read = set()
    for module in root.rglob("*.py"):
        read.update(re.findall(r"(?:GET|params)\.get(?:list)?\(\s*\"(\w+)\"", module.read_text()))
    assert read and read <= set(PARAMETERS), read - set(PARAMETERS)


@pytest.fixture
def site_data(django_capture_on_commit_callbacks):
    """One of everything a URL can point to: the values for the patterns' path parameters, by
    (namespace, parameter) or, where one namespace uses a name for several things, (namespace, pattern-parameter)."""
    topic = TopicFactory()
    article = ArticleFactory(topics=[topic])
    page = PageFactory()
    category = TicketCategoryFactory()
    event = category.event
    speaker = SpeakerFactory()
    item = ProgramItemFactory(event=event)
    contingent = ContingentFactory()
    with_codes(contingent, 2)
    with django_capture_on_commit_callbacks(execute=True):  # the mails with the personal links
        event_services.registration_create(event=event, data=registration_input(category, 0))
        contingent_services.claim_create(contingent=contingent, data=claim_input(0))
    with django_capture_on_commit_callbacks(execute=True):
        profile, profile_token = make_profile(entries=[EntryInput(direction="offer", title="Prüfstände")])
    mails = " ".join(OutboxMail.objects.values_list("body_text", flat=True))
    survey = MonitorSurveyFactory()
    question = MonitorQuestionFactory(survey=survey)
    wave = make_monitor_wave(survey=survey, year=2025, questions=[question])
    upload = import_runs.import_run_create(data=import_runs.RunInput(year=2024, scheme=("B",), survey=survey),
                                           files=sample_files(), actor=None)
    forgetful = UserFactory()  # the password-reset link's account
    return {
        ("news", "slug"): article.slug,
        ("news", "pk"): article.pk,
        ("news", "topic_slug"): topic.slug,
        ("events", "slug"): event.slug,
        ("events", "speaker-slug"): speaker.slug,
        ("events", "token"): re.search(r"/veranstaltungen/anmeldung/([\w-]+)/", mails).group(1),
        ("events", "pk"): item.pk,
        ("events", "manage-registration-pk"): event.registrations.get().pk,
        ("events", "fmt"): "csv",
        ("embed", "slug"): event.slug,  # the seats box for partner sites
        ("contingents", "slug"): contingent.slug,
        ("contingents", "token"): re.search(r"/freikarten/antrag/([\w-]+)/", mails).group(1),
        ("contingents", "pk"): contingent.claims.get().pk,
        ("contingents", "fmt"): "csv",
        ("pages", "slug"): page.slug,
        (None, "section"): "articles",
        ("network", "token"): profile_token,
        ("network", "pk"): profile.pk,
        ("network", "entry-pk"): profile.entries.get().pk,
        ("network", "slug"): event.slug,  # the organiser's Gesprächsbörse page
        ("network", "event"): event.slug,  # a participant's Gesprächsbörse of one of their events
        ("monitor", "survey"): survey.slug,
        ("monitor", "question"): question.code,
        ("monitor", "year"): wave.year,
        ("monitor", "run"): upload.pk,  # the staff area's upload
        ("monitor", "wave"): wave.pk,
        ("accounts", "pk"): forgetful.pk,  # the administrators' account pages
        ("accounts", "event"): event.pk,  # an event team to leave
        (None, "uidb64"): urlsafe_base64_encode(force_bytes(forgetful.pk)),
        (None, "token"): default_token_generator.make_token(forgetful),
        # The JSON API (/api/v1/, docs/api.md): one namespace, so by operation.
        ("api", "article_detail-slug"): article.slug,
        ("api", "event_detail-slug"): event.slug,
        ("api", "contingent_detail-slug"): contingent.slug,
        ("api", "profile_detail-pk"): profile.pk,
        ("api", "survey_detail-slug"): survey.slug,
        ("api", "question_results-slug"): survey.slug,
        ("api", "question_results-code"): question.code,
    }


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True)


def _fill(route: str, namespace, name, values) -> str:
    """The route with its path parameters filled from `values` (KeyError: a parameter site_data lacks)."""

    def value(match):
        key = match.group(1)
        found = values.get((namespace, f"{name}-{key}"), values.get((namespace, key)))
        if found is None:
            raise KeyError(f"site_data has no value for <{key}> of {namespace}:{name} ({route})")
        return str(found)

    assert "(?P" not in route, f"fill the regular expression route {route} here"
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)


def _server_errors(client, urls, params) -> list[tuple[str, dict, int]]:
    client.raise_request_exception = False
    return [(url, params, status) for url in urls if (status := client.get(url, params).status_code) >= 500]


@given(picks=QUERIES, logged_in=st.booleans())
@_with_known_bad_values(logged_in=False)
@_with_known_bad_values(logged_in=True)
@FUZZ
def test_no_page_answers_5xx_to_hostile_parameters(client, site_data, superuser, picks, logged_in):
    urls = [_fill(*pattern, site_data) for pattern in SITE_PATTERNS]
    if logged_in:
        client.force_login(superuser)
    else:
        client.logout()
    assert _server_errors(client, urls, _query(picks, PARAMETERS)) == []


def _changelist_parameters(client, url) -> list[str]:
    """The parameters the changelist's own links use (filters, date hierarchy, sort, page), and the search."""
    html = client.get(url).content.decode()
    names = {"q", "o", "p", "e", "all", "_to_field", "_popup"}
    for href in re.findall(r'href="(\?[^"]*)"', html):
        names.update(name for name, _ in parse_qsl(urlsplit(unescape(href)).query, keep_blank_values=True))
    return sorted(names)


@pytest.fixture
def changelists(client, site_data, superuser):
    """Every model admin's changelist and the parameters its links use, as the superuser sees them."""
    client.force_login(superuser)
    urls = [reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") for model in admin.site._registry]
    return {url: _changelist_parameters(client, url) for url in urls}


# The changelist's own controls (search, sort, page, errors, popups); the rest are its filters.
ADMIN_CONTROLS = {"q", "o", "p", "e", "all", "_to_field", "_popup", "_facets", "action"}


def test_no_admin_filter_answers_5xx_to_known_bad_values(client, changelists):
    """Each filter alone (one rejected filter would hide the next), with each known bad value."""
    errors = []
    for url, names in changelists.items():
        for name in sorted(set(names) - ADMIN_CONTROLS):
            for value in [*KNOWN_BAD, "1", "-1", "99999"]:
                errors += _server_errors(client, [url], {name: value})
    assert errors == []


@given(picks=QUERIES)
@_with_known_bad_values()
@FUZZ
def test_no_admin_changelist_answers_5xx_to_hostile_filters(client, changelists, picks):
    errors = []
    for url, names in changelists.items():
        errors += _server_errors(client, [url], _query(picks, names))
    assert errors == []


_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)


@pytest.fixture
def post_forms(client, site_data, superuser, settings):
    """Every form that posts, as an anonymous reader and (the forms readers do not see) as the
    superuser finds it on the site's pages: (address, logged in) → the names of its fields."""
    settings.RATELIMIT_ENABLED = False
    found = {}
    for logged_in in (False, True):
        if logged_in:
            client.force_login(superuser)
        for pattern in SITE_PATTERNS:
            url = _fill(*pattern, site_data)
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for attributes, body in _FORM.findall(response.content.decode()):
                if not re.search(r'method="post"', attributes, re.I):
                    continue
                action = re.search(r'action="([^"]*)"', attributes)
                address = unescape(action.group(1)).split("#")[0] if action and action.group(1) else url
                names = set(re.findall(r'name="([^"]+)"', body)) - {"csrfmiddlewaretoken"}
                if not logged_in or (address, False) not in found:
                    found.setdefault((address, logged_in), set()).update(names)
        client.logout()
    return {key: sorted(names) for key, names in found.items() if names}


def test_the_forms_are_found(post_forms):
    addresses = {address for address, _ in post_forms}
    assert {"/kontakt/", "/barriere-melden/", "/veranstaltungen/link-anfordern/"} <= addresses
    assert any(address.endswith("/anmelden/") and address.startswith("/veranstaltungen/") for address in addresses)


@given(picks=QUERIES)
@_with_known_bad_values()
@settings(FUZZ, max_examples=5)
def test_no_form_answers_5xx_to_hostile_fields(client, superuser, post_forms, picks):
    client.raise_request_exception = False
    errors = []
    for (address, logged_in), names in post_forms.items():
        if logged_in:
            client.force_login(superuser)
        else:
            client.logout()
        data = _query(picks, names)
        status = client.post(address, data, HTTP_ORIGIN="http://testserver").status_code
        if status >= 500:
            errors.append((address, logged_in, data, status))
    assert errors == []
