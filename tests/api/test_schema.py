"""The API against its own OpenAPI schema with schemathesis, in-process through the WSGI app (no
server): every operation, with generated and hostile parameters (negative cases: wrong types,
out-of-range numbers, overlong strings, control characters). Every check of schemathesis: no 5xx,
every status code, content type and body as the schema says. A bounded number of examples per
operation keeps the run short; the operations with an address of a real object are called with
one too, so that the full answers (200) are checked against the schema as well."""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hypothesis_settings

from revier.network.services import EntryInput
from tests.events.test_public import add_registrations
from tests.factories import (
    ArticleFactory,
    ArticleLinkFactory,
    ContingentFactory,
    MonitorQuestionFactory,
    MonitorSurveyFactory,
    make_monitor_wave,
    make_profile,
    EventFactory,
    ProgramItemFactory,
    SpeakerFactory,
    TicketCategoryFactory,
    TopicFactory,
)

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
EXAMPLES_PER_OPERATION = 20


@pytest.fixture
def wsgi_in_test_transaction():
    """The WSGI handler closes the database connection after each request (as Django's test client
    prevents): kept open, so that the app reads the test's data inside its transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_content(db, settings, wsgi_in_test_transaction):
    """A little of everything the API shows, and the addresses of real objects."""
    settings.API_LIMIT_PER_CLIENT = 10**6
    topic = TopicFactory(name="Wasserstoff", slug="wasserstoff")
    article = ArticleFactory(title="Wasserstoff im Revier", topics=[topic])
    ArticleLinkFactory(article=article)
    event = EventFactory(title="Fachtag Wasserstoff")
    event.topics.set([topic])
    category = TicketCategoryFactory(event=event, capacity=4)
    TicketCategoryFactory(event=event, capacity=None, name="Online", position=1)
    add_registrations(category, 4)
    item = ProgramItemFactory(event=event)
    item.speakers.set([SpeakerFactory()])
    EventFactory(title="Vorbei", starts_at=timezone.now() - datetime.timedelta(days=5), registration_opens_at=None,
                 registration_closes_at=None)
    contingent = ContingentFactory(event=event, uses_codes=False)
    ContingentFactory()
    profile, _ = make_profile(1, topics=[topic], entries=[
        EntryInput(direction="offer", title="Elektrolyse", text="Prüfstände", topic_ids=(topic.pk,)),
        EntryInput(direction="need", title="Fläche"),
    ])
    survey = MonitorSurveyFactory(slug="mdm", synthetic=True)
    question = MonitorQuestionFactory(survey=survey, code="q1", headline_position=1)
    for year in (2024, 2025):
        make_monitor_wave(survey=survey, year=year, questions=[question], small_district="16077")
    return {"/api/v1/news/{slug}": {"slug": article.slug}, "/api/v1/events/{slug}": {"slug": event.slug},
            "/api/v1/contingents/{slug}": {"slug": contingent.slug},
            "/api/v1/network/profiles/{pk}": {"pk": profile.pk},
            "/api/v1/monitor/surveys/{slug}": {"slug": "mdm"},
            "/api/v1/monitor/surveys/{slug}/questions/{code}": {"slug": "mdm", "code": "q1"}}


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api_conforms_to_its_schema(case, api_content):
    case.call_and_validate()


def test_api_real_objects_conform_to_the_schema(api_content):
    for path, parameters in api_content.items():
        case = schema[path]["GET"].Case(path_parameters=parameters)
        response = case.call_and_validate()
        assert response.status_code == 200, path
    for path in ("/api/v1/news", "/api/v1/events", "/api/v1/topics", "/api/v1/contingents",
                 "/api/v1/network/profiles", "/api/v1/network/entries", "/api/v1/monitor/surveys"):
        response = schema[path]["GET"].Case().call_and_validate()
        assert response.status_code == 200, path
        assert response.json(), path
