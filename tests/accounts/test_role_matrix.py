"""The role × view matrix (issue 12 §1): every protected URL of the site, for GET and POST, for
every kind of person — anonymous, staff without a role, the team of ANOTHER event, each global role
and the right one — with 0 leaks: a person who may not use a page gets the login, 403, 404 or 405,
never the page, and nothing changes.

The URLs come from the resolver. Every pattern must be named below, as public or with the people
who may use it (the admin: every registered model with its role): a new page that is in neither
list fails test_every_url_is_in_the_matrix, so the matrix keeps up as the project grows."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver

from revier.accounts.roles import ROLE_BY_KEY
from revier.contingents import services as contingent_services
from revier.core.models import AuditEntry, EmbedOrigin
from revier.events.models import Organisation
from revier.monitor import import_runs
from revier.network.services import EntryInput
from tests.factories import (
    ArticleFactory,
    ContingentFactory,
    EventFactory,
    MonitorQuestionFactory,
    MonitorSurveyFactory,
    SpeakerFactory,
    StaffFactory,
    StaffMessageFactory,
    UserFactory,
    claim_input,
    make_monitor_wave,
    make_profile,
    make_running_meetings,
    with_codes,
)
from tests.monitor.sample import sample_files

pytestmark = pytest.mark.django_db

ROLES = ("redaktion", "kontingente", "monitor", "administration", "alle_veranstaltungen")
# "team": the team of event A, whose pages are probed; "other_team": the team of event B only.
PRINCIPALS = ("anonymous", "staff", "other_team", "team", *ROLES, "superuser")

TEAM = frozenset({"team", "alle_veranstaltungen"})  # event A's team, and the team of all events
EDITORIAL = frozenset({"redaktion"})
CONTINGENTS = frozenset({"kontingente"})
MONITOR = frozenset({"monitor"})
ADMINISTRATION = frozenset({"administration"})
NOBODY = frozenset()  # the superuser only
ANY_TEAM = frozenset({"team", "other_team", "alle_veranstaltungen"})
CONTINGENT_OF_EVENT = CONTINGENTS | TEAM  # the probed contingent is for event A  # whoever is in some event's team
# A list of "your own" things: every logged-in person gets the page, but only their own rows.
OWN_LIST = "own list"

# Every pattern outside the admin that not everyone may use, by name: who may (besides superusers).
PROTECTED = {
    "events:manage-list": OWN_LIST,
    "events:manage": TEAM,
    "events:manage-registration": TEAM,
    "events:manage-export": TEAM,
    "events:manage-message": TEAM,
    "events:manage-cancel": TEAM,
    "events:check-in": TEAM,
    "events:check-in-count": TEAM,
    "network:meetings-manage": TEAM,
    "network:meetings-table-plan": TEAM,
    "network:meetings-planning": TEAM,
    "network:meetings-meeting": TEAM,
    "network:meetings-check-in": TEAM,
    "network:meetings-board": TEAM,
    "network:followup-statistics": TEAM,
    "network:followup-overview": OWN_LIST,
    "contingents:manage-list": CONTINGENT_OF_EVENT,
    "contingents:manage": CONTINGENT_OF_EVENT,
    "contingents:manage-claim": CONTINGENT_OF_EVENT,
    "contingents:manage-export": CONTINGENT_OF_EVENT,
    "contingents:partner-export": CONTINGENT_OF_EVENT,
    "contingents:import-codes": CONTINGENT_OF_EVENT,
    "contingents:draw": CONTINGENT_OF_EVENT,
    "monitor:manage-overview": MONITOR,
    "monitor:manage-upload": MONITOR,
    "monitor:manage-run": MONITOR,
    "monitor:manage-run-confirm": MONITOR,
    "monitor:manage-run-cancel": MONITOR,
    "monitor:manage-run-recheck": MONITOR,
    "monitor:manage-publish": MONITOR,
    "monitor:manage-unpublish": MONITOR,
    "monitor:manage-weights": MONITOR,
    "monitor:manage-estimates": MONITOR,
    "news:preview": EDITORIAL,
    "accounts:list": ADMINISTRATION,
    "accounts:invite": ADMINISTRATION,
    "accounts:detail": ADMINISTRATION,
    "accounts:team-add": ADMINISTRATION,
    "accounts:team-remove": ADMINISTRATION,
    "accounts:deactivate": ADMINISTRATION,
    "accounts:reactivate": ADMINISTRATION,
    "accounts:invite-resend": ADMINISTRATION,
    "accounts:second-factor-reset": ADMINISTRATION,
    "staff-settings:retention": ADMINISTRATION,  # retention periods (core.retention.can_change_retention)
    "access-request": ADMINISTRATION,  # a person's access request answered (portal.views.access_request)
    "account_security": OWN_LIST,  # every staff member's own second factor (404 without staff rights)
}
# Every pattern everyone may use: public pages, personal links (the token is the key), the login.
PUBLIC = {
    "home", "search", "sitemap-index", "sitemap-section", "robots-txt", "admin-login", "login", "logout",
    "health", "ready", "metrics",  # /metrics: 404 without METRICS_ALLOWED_IPS or METRICS_TOKEN (tests/portal/test_metrics.py)
    "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete",
    "second_factor", "second_factor_setup",  # the login's second step (tests/core/test_mfa.py)
    "news:list", "news:feed-rss", "news:feed-atom", "news:topic-feed-rss", "news:topic-feed-atom", "news:detail",
    "events:list", "events:past", "events:feed-ics", "events:resend-link", "events:registration", "events:ticket",
    "events:ticket-qr", "events:registration-ics", "events:speaker", "events:detail", "events:register",
    "events:ics", "events:item-ics",
    "embed:index", "embed:event-list", "embed:event-list-html", "embed:seats",  # the widget for partner sites
    "contingents:list", "contingents:resend-link", "contingents:claim", "contingents:detail",
    "contingents:protocol", "contingents:availability",
    "network:index", "network:create", "network:deleted", "network:resend-link", "network:personal",
    "network:entry", "network:directory", "network:entries", "network:profile", "network:meetings",
    "network:meetings-ics", "network:meeting-cancel", "network:meetings-event", "network:meetings-event-ics",
    "network:meeting-request", "network:suggestions", "network:contact-new", "network:contact-request",
    "network:contact-start", "network:followup",
    "monitor:home", "monitor:reading", "monitor:survey", "monitor:methods", "monitor:question-csv",
    "monitor:question",
    "pages:report-barrier", "pages:report-barrier-thanks", "pages:contact", "pages:contact-thanks", "pages:detail",
    "my-data", "personal-data-deleted", "events:registration-data", "events:registration-data-json",
    "events:registration-erase", "contingents:claim-data", "contingents:claim-data-json", "contingents:claim-erase",
    "network:profile-data", "network:profile-data-json", "network:profile-erase",
    "api:api-root", "api:openapi-json", "api:article_list", "api:article_detail", "api:topic_list",
    "api:event_list", "api:event_detail", "api:contingent_list", "api:contingent_detail", "api:profile_list",
    "api:profile_detail", "api:entry_list", "api:survey_list", "api:survey_detail", "api:question_results",
    "api-docs",  # read-only, published
    "media",  # only with SERVE_MEDIA (development): the uploaded public images
}

# Every model in the admin (/verwaltung/) and the role that may open it (besides superusers).
# events.event: a team member sees and edits only the events of their teams (events/admin.py).
ADMIN_MODELS = {
    "auth.group": ADMINISTRATION,
    "auth.user": ADMINISTRATION,
    "core.auditentry": ADMINISTRATION,
    "core.outboxmail": ADMINISTRATION,
    "core.topic": EDITORIAL,
    "core.embedorigin": EDITORIAL,  # the partner sites that may frame the widget (core.framing)
    "pages.page": EDITORIAL,
    "pages.staffmessage": EDITORIAL,
    "news.article": EDITORIAL,
    "network.profile": EDITORIAL,
    "network.profileentry": EDITORIAL,
    "network.topicproposal": EDITORIAL,
    "events.event": TEAM,  # its list: ANY_TEAM, each their own events (ADMIN_LISTS)
    "events.organisation": NOBODY,
    "events.speaker": ANY_TEAM,  # read-only, to choose the speakers of their program (public data)
    "network.suggestionweights": NOBODY,
    "network.meetingsetup": NOBODY,
    "network.meetingrequest": NOBODY,
    "network.meeting": NOBODY,
    "network.schedulerun": NOBODY,
    "contingents.contingent": CONTINGENTS,
    "contingents.claim": CONTINGENTS,
    "contingents.ticketcode": CONTINGENTS,
    "contingents.drawprotocol": CONTINGENTS,
    "monitor.survey": MONITOR,
    "monitor.region": MONITOR,
    "monitor.question": MONITOR,
    "monitor.wave": MONITOR,
    "monitor.importrun": MONITOR,
}
# Lists open to more people than the objects in them.
ADMIN_LISTS = {"events.event": ANY_TEAM}
ADMIN_VIEWS = ("changelist", "add", "change", "delete", "history")
# The admin's own pages: every staff member (no data beyond what their permissions show).
ADMIN_GENERAL = {"index", "login", "logout", "password_change", "password_change_done", "jsi18n",
                 "autocomplete", "view_on_site", "app_list"}
# Rows the world has none of (made by the scheduler, the draw, the weights' tuning): their pages
# are probed with a missing id.
NO_OBJECT = {"network.suggestionweights", "network.schedulerun", "contingents.drawprotocol"}
MISSING = 999999
SECRET = "Teamveranstaltung A"  # the title of event A: no one outside its team may see it


def _patterns(resolver=None, prefix="", namespace=None):
    """(name with namespace, route) of every URL pattern, includes resolved."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace])) or None
            yield from _patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            name = entry.name or ("media" if "media" in route else route)
            yield (f"{namespace}:{name}" if namespace else name), route


def _admin_names() -> set[str]:
    # Besides each model's views: its old-style address that redirects to the change page, the
    # admin's catch-all (404 or the login), and an account's password form (auth.user).
    names = {f"admin:{name}" for name in ADMIN_GENERAL} | {"admin:verwaltung/(?P<url>.*)$",
                                                             "admin:auth_user_password_change"}
    for label in ADMIN_MODELS:
        app, model = label.split(".")
        names |= {f"admin:{app}_{model}_{view}" for view in ADMIN_VIEWS}
        names.add(f"admin:verwaltung/{app}/{model}/<path:object_id>/")
    return names


def test_every_url_is_in_the_matrix():
    """A new page must be placed here: public, or with the roles that may use it."""
    found = {name for name, _route in _patterns()}
    admin_found = {name for name in found if name.startswith("admin:")}
    unknown = sorted(found - admin_found - set(PROTECTED) - PUBLIC)
    assert unknown == [], f"not in the role matrix (tests/accounts/test_role_matrix.py): {unknown}"
    assert sorted(admin_found - _admin_names()) == [], sorted(admin_found - _admin_names())
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(ADMIN_MODELS), "a model was added to or removed from the admin: give it its role here"
    assert set(PROTECTED) <= found and not PUBLIC & set(PROTECTED)


def _user(*roles, staff=True, **fields):
    user = UserFactory(is_staff=staff, **fields)
    user.groups.add(*Group.objects.filter(name__in=[ROLE_BY_KEY[role].group for role in roles]))
    return user


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    """Event A with its team, its Gesprächsbörse, registrations, a contingent with a claim; event B
    with another team; an unpublished article; a Monitor wave and upload; one account of each kind."""
    running = make_running_meetings(title=SECRET)
    event_a = running["event"]
    event_b = EventFactory(title="Veranstaltung B")
    contingent = ContingentFactory(event=event_a, partner_event_title="", mode="lottery")
    with_codes(contingent, 2)
    with django_capture_on_commit_callbacks(execute=True):
        contingent_services.claim_create(contingent=contingent, data=claim_input(0))
    survey = MonitorSurveyFactory()
    question = MonitorQuestionFactory(survey=survey)
    wave = make_monitor_wave(survey=survey, year=2025, questions=[question])
    upload = import_runs.import_run_create(data=import_runs.RunInput(year=2024, scheme=("B",), survey=survey),
                                           files=sample_files(), actor=None)
    people = {role: _user(role) for role in ROLES}
    people["staff"] = _user()
    people["team"] = _user()
    people["other_team"] = _user()
    people["superuser"] = StaffFactory()
    people["anonymous"] = None
    event_a.managers.add(people["team"])
    event_b.managers.add(people["other_team"])
    StaffMessageFactory()
    SpeakerFactory()
    Organisation.objects.create(name="Veranstalter GmbH")
    EmbedOrigin.objects.create(partner="W3+ FAIR", origin="https://www.w3-fair.de")
    with django_capture_on_commit_callbacks(execute=True):
        make_profile(9, entries=[EntryInput(direction="offer", title="Prüfstände")], topic_proposals=("Wärmepumpen",))
    target = _user("redaktion")  # the account the account pages are probed with
    event_a.managers.add(target)
    values = {
        ("events", "slug"): event_a.slug,
        ("embed", "slug"): event_a.slug,
        ("events", "pk"): event_a.registrations.order_by("pk").first().pk,
        ("events", "fmt"): "csv",
        ("network", "slug"): event_a.slug,
        ("network", "pk"): running["meetings"]["ab"].pk,
        ("contingents", "slug"): contingent.slug,
        ("contingents", "pk"): contingent.claims.get().pk,
        ("contingents", "fmt"): "csv",
        ("monitor", "run"): upload.pk,
        ("monitor", "wave"): wave.pk,
        ("news", "pk"): ArticleFactory(status="draft", published_at=None, title="Entwurf der Redaktion").pk,
        ("accounts", "pk"): target.pk,
        ("accounts", "event"): event_a.pk,
    }
    return {"people": people, "values": values, "event_a": event_a, "event_b": event_b}


def _fill(route: str, name: str, values) -> str:
    namespace = name.partition(":")[0]

    def value(match):
        return str(values[(namespace, match.group(1))])

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)


def _refused(response) -> bool:
    """The login, 403, 404 or 405: nothing of the page."""
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code == 302:
        return urlsplit(response["Location"]).path in ("/anmelden/", "/verwaltung/login/")
    return False


def _probe(client, person, method: str, url: str):
    client.logout()
    if person is not None:
        client.force_login(person)
    return getattr(client, method)(url)


def _check(client, world, name: str, url: str, allowed, leaks: list, *, refuse_inactive=True) -> None:
    for key, person in world["people"].items():
        for method in ("get", "post"):
            may = key == "superuser" or (allowed == OWN_LIST and person is not None) or (
                allowed != OWN_LIST and key in allowed)
            if may and method == "post":
                continue  # a permitted POST would change the data the other probes use
            writes_before = AuditEntry.objects.exclude(data__has_key="count").count()
            response = _probe(client, person, method, url)
            body = response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
            if may:
                if _refused(response) and not (method == "get" and response.status_code == 405):
                    leaks.append(f"{key} refused {method.upper()} {url} ({name}): {response.status_code}")
                if allowed == OWN_LIST and key not in ("team", "alle_veranstaltungen", "superuser") and SECRET in body:
                    leaks.append(f"{key} sees event A on {url} ({name})")
            elif not _refused(response):
                leaks.append(f"LEAK: {key} {method.upper()} {url} ({name}) → {response.status_code}")
            elif SECRET in body:
                leaks.append(f"LEAK: {key} {method.upper()} {url} ({name}) shows event A")
            if not may and AuditEntry.objects.exclude(data__has_key="count").count() != writes_before:
                leaks.append(f"LEAK: {key} {method.upper()} {url} ({name}) changed something")


def test_role_matrix_site_pages(client, world):
    client.raise_request_exception = True
    leaks: list[str] = []
    routes = dict(_patterns())
    for name, allowed in PROTECTED.items():
        _check(client, world, name, _fill(routes[name], name, world["values"]), allowed, leaks)
    assert not leaks, "\n".join(leaks)


def _admin_object_pk(label: str, world) -> int:
    from django.apps import apps

    if label == "events.event":
        return world["event_a"].pk
    obj = apps.get_model(label)._default_manager.order_by("pk").first()
    return obj.pk if obj else MISSING


def test_role_matrix_admin(client, world):
    leaks: list[str] = []
    for label, allowed in ADMIN_MODELS.items():
        app, model = label.split(".")
        pk = _admin_object_pk(label, world)
        assert (pk == MISSING) is (label in NO_OBJECT), f"{label}: give the world one, or list it in NO_OBJECT"
        base = f"/verwaltung/{app}/{model}/"
        urls = {"changelist": base, "add": f"{base}add/", "change": f"{base}{pk}/change/",
                "delete": f"{base}{pk}/delete/", "history": f"{base}{pk}/history/", "redirect": f"{base}{pk}/"}
        if label == "auth.user":
            urls["password"] = f"{base}{pk}/password/"
        for view, url in urls.items():
            if view == "changelist":
                _check(client, world, f"admin {label} {view}", url, ADMIN_LISTS.get(label, allowed), leaks)
            else:
                # Only a refusal is checked here: what the role itself may add or delete is the
                # admin's own model permissions.
                # The old-style address only redirects to the change page (probed itself).
                _check_refused(client, world, f"admin {label} {view}", url, allowed, leaks,
                               redirect_to=urls["change"] if view == "redirect" else None)
    assert not leaks, "\n".join(leaks)


def _check_refused(client, world, name, url, allowed, leaks, *, redirect_to=None) -> None:
    for key, person in world["people"].items():
        if key == "superuser" or key in allowed:
            continue
        for method in ("get", "post"):
            response = _probe(client, person, method, url)
            location = urlsplit(response["Location"]).path if response.status_code in (301, 302) else None
            # Django's admin answers an id outside what the person may see (or none at all) with
            # its start page, the same for both: nothing learnt.
            if not (_refused(response) or location in ("/verwaltung/", redirect_to)):
                leaks.append(f"LEAK: {key} {method.upper()} {url} ({name}) → {response.status_code}")


def test_role_matrix_admin_event_list_shows_only_own_events(client, world):
    for key in ("other_team", "team", "alle_veranstaltungen"):
        client.force_login(world["people"][key])
        page = client.get("/verwaltung/events/event/").content.decode()
        assert (SECRET in page) is (key != "other_team")
        assert ("Veranstaltung B" in page) is (key != "team")


def test_role_matrix_refusal_is_detected():
    """The check itself: a page that answers 200 or redirects elsewhere counts as a leak."""
    from django.http import HttpResponse, HttpResponseRedirect

    assert not _refused(HttpResponse("x"))
    assert not _refused(HttpResponseRedirect("/verwaltung/konten/"))
    assert _refused(HttpResponseRedirect("/anmelden/?next=/x/"))
    assert _refused(HttpResponse(status=404))
