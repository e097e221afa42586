"""Monitor in the API: only what the public Monitor pages show — published waves, suppressed cells
without a share — never microdata (respondents) or weights; constant query counts."""

import pytest

from revier.monitor.models import Wave
from tests.factories import MonitorQuestionFactory, MonitorSurveyFactory, make_monitor_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    survey = MonitorSurveyFactory(slug="mdm", name="Mitteldeutschland-Monitor", synthetic=True)
    items = [
        MonitorQuestionFactory(survey=survey, code="q1_zufriedenheit", short_label="Persönliche Zufriedenheit", headline_position=1),
        MonitorQuestionFactory(survey=survey, code="q3_energiewende", short_label="Energiewende"),
    ]
    make_monitor_wave(survey=survey, year=2024, questions=items, shares={"q1_zufriedenheit": 0.73}, respondents=3)
    make_monitor_wave(survey=survey, year=2025, questions=items, shares={"q1_zufriedenheit": 0.72}, small_district="16077",
                      respondents=3)
    make_monitor_wave(survey=survey, year=2026, questions=items, shares={"q1_zufriedenheit": 0.11}, status="draft")
    return survey


def test_survey_list_only_surveys_with_a_published_wave(client, survey):
    MonitorSurveyFactory(slug="entwurf", name="Nur Entwurf")
    Wave.objects.create(survey=MonitorSurveyFactory(slug="entwurf"), year=2025, status="draft")
    body = client.get("/api/v1/monitor/surveys").json()
    assert [s["slug"] for s in body] == ["mdm"]
    assert body[0]["synthetic"] is True
    assert body[0]["url_en"] == "http://testserver/en/monitor/mdm/"
    assert client.get(body[0]["url_en"]).status_code == 200


def test_survey_detail_shows_published_waves_and_headlines(client, survey):
    body = client.get("/api/v1/monitor/surveys/mdm").json()
    assert [w["year"] for w in body["waves"]] == [2024, 2025]
    headline = body["headlines"][0]
    assert headline["question"]["code"] == "q1_zufriedenheit"
    assert headline["question"]["url_en"] == "http://testserver/en/monitor/mdm/q1_zufriedenheit/"
    assert headline["latest"]["year"] == 2025 and headline["latest"]["p"] == pytest.approx(0.72)
    assert [f["year"] for f in headline["trend"]] == [2024, 2025]
    assert {q["code"] for q in body["questions"]} == {"q1_zufriedenheit", "q3_energiewende"}
    assert client.get("/api/v1/monitor/surveys/gibt-es-nicht").status_code == 404


def test_question_results_as_the_page_without_drafts_microdata_or_weights(client, survey):
    response = client.get("/api/v1/monitor/surveys/mdm/questions/q1_zufriedenheit")
    body = response.json()
    assert body["wave"]["year"] == 2025 and body["waves"] == [2024, 2025]  # the draft 2026 never
    assert body["overall"]["p"] == pytest.approx(0.72)
    small = next(g for g in body["groups"] if g["group_value"] == "16077")
    assert small["suppressed"] is True and small["p"] is None and small["lo"] is None and small["n"] == 12
    assert [a["code"] for a in body["answers"]][:2] == ["1", "2"]
    text = response.content.decode()
    for secret in ("W2025-", "resp_id", "weight", "sum_w", "p_unweighted", "characteristics", "0.11"):
        assert secret not in text
    # The page shows the same share.
    assert "72" in client.get("/monitor/mdm/q1_zufriedenheit/").content.decode()
    by_sex = client.get("/api/v1/monitor/surveys/mdm/questions/q1_zufriedenheit?welle=2024&gruppe=sex").json()
    assert by_sex["wave"]["year"] == 2024 and by_sex["group_var"] == "sex" and len(by_sex["groups"]) == 2
    # A draft wave asked for by name: the latest published one, as on the page.
    assert client.get("/api/v1/monitor/surveys/mdm/questions/q1_zufriedenheit?welle=2026").json()["wave"]["year"] == 2025
    assert client.get("/api/v1/monitor/surveys/mdm/questions/gibt-es-nicht").status_code == 404


# Query counts constant in data size: tests/monitor/test_views.py (its PAGES name the API's addresses too).
