"""The Monitor's admin: a question's reading rule (top-box and missing codes) checked against its
answer codes, and the stored estimates computed anew when it changes; waves only described here."""

import pytest
from django.contrib import admin
from django.urls import reverse

from revier.core.models import AuditEntry
from revier.monitor import services, weighting
from revier.monitor.models import Estimate, Question, Respondent, Survey, Wave
from tests.factories import StaffFactory
from tests.monitor.sample import sample_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def wave():
    survey = Survey.objects.create(slug="mitteldeutschland-monitor", name="Mitteldeutschland-Monitor")
    return services.wave_import(survey=survey, year=2024, files=sample_files(), scheme=["B"], actor=None)


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory())
    return client


def change(client, question: Question, **values):
    data = {
        "wording": question.wording, "short_label": question.short_label,
        "top_box_codes": str(question.top_box_codes).replace("'", '"'),
        "top_box_label": question.top_box_label, "missing_codes": str(question.missing_codes).replace("'", '"'),
        "topic": "", "comparable": "on" if question.comparable else "",
        "headline_position": question.headline_position or "", "position": question.position,
    }
    data.update(values)
    return client.post(reverse("admin:monitor_question_change", args=[question.pk]), data)


def overall(wave: Wave, question: Question) -> Estimate:
    return Estimate.objects.get(wave=wave, question=question, group_var="all")


def test_changed_top_box_codes_recompute_the_stored_estimates(admin_client, wave):
    question = Question.objects.filter(survey=wave.survey).order_by("position").first()
    before = overall(wave, question).p
    codes = list(question.answer_labels)
    new_top = [c for c in codes if c not in question.missing_codes][:1]
    response = change(admin_client, question, top_box_codes=f'["{new_top[0]}"]')
    assert response.status_code == 302, response.content.decode()[:2000]
    question.refresh_from_db()
    assert question.top_box_codes == new_top
    rows = list(Respondent.objects.filter(wave=wave).order_by("id").values_list("weight", "answers"))
    expected = weighting.estimates([a.get(question.code) for _w, a in rows], [w for w, _a in rows],
                                   top_box=new_top, missing=question.missing_codes)[0]
    after = overall(wave, question)
    assert after.p == pytest.approx(expected.p, abs=1e-12) and after.p != pytest.approx(before)
    assert Estimate.objects.filter(wave=wave, question=question, group_var="district_code").count() == 9
    assert AuditEntry.objects.filter(action="question_estimates_refreshed", object_id=str(question.pk)).exists()


def test_wording_change_leaves_the_estimates(admin_client, wave):
    question = Question.objects.filter(survey=wave.survey).order_by("position").first()
    ids = set(Estimate.objects.filter(question=question).values_list("pk", flat=True))
    assert change(admin_client, question, wording="Neuer Wortlaut").status_code == 302
    assert set(Estimate.objects.filter(question=question).values_list("pk", flat=True)) == ids
    assert not AuditEntry.objects.filter(action="question_estimates_refreshed").exists()


def test_codes_must_be_answer_codes(admin_client, wave):
    question = Question.objects.filter(survey=wave.survey).order_by("position").first()
    p = overall(wave, question).p
    response = change(admin_client, question, top_box_codes='["77"]')
    assert response.status_code == 200 and "keine Antwortcodes" in response.content.decode()
    response = change(admin_client, question, missing_codes=str(question.top_box_codes).replace("'", '"'))
    assert response.status_code == 200 and "zugleich" in response.content.decode()
    assert overall(wave, question).p == p


def test_wave_admin_changes_only_the_description(admin_client, wave):
    url = reverse("admin:monitor_wave_change", args=[wave.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"field_start": "2024-03-22", "field_end": "2024-04-05", "mode": "Online",
                                       "universe": "Ab 16", "quotas": "", "margins_source": "Zensus 2022",
                                       "notes": "", "min_cell": "50", "n": "5", "status": "published"})
    assert response.status_code == 302
    wave.refresh_from_db()
    assert (wave.min_cell, wave.margins_source, wave.n, wave.status) == (50, "Zensus 2022", 2000, Wave.Status.DRAFT)
    assert admin_client.get(reverse("admin:monitor_wave_add")).status_code == 403
    assert Respondent not in admin.site._registry and Estimate not in admin.site._registry  # thousands of rows
