"""Staff area of the contingents: permissions on every URL, the list and claims table (search,
filter, sort, counts, constant query counts), the claim detail with revoke and re-issue, both
exports, the code import with its report, and the draw with its confirmation step."""

import csv
import datetime
import io
import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from revier.contingents import services
from revier.contingents.models import Claim, Contingent, DrawProtocol, EligibilityQuestion, TicketCode
from revier.core.models import AuditEntry, OutboxMail
from tests.contingents.test_services import claim_and_confirm, last_token
from tests.factories import ContingentFactory, EligibilityQuestionFactory, StaffFactory, UserFactory, claim_input, with_codes

pytestmark = pytest.mark.django_db
Status = Claim.Status


# ---------------------------------------------------------------------------------------------
# Data


@pytest.fixture
def contingent():
    contingent = ContingentFactory(title="Freikarten W3+ FAIR", size=3)
    with_codes(contingent, 3)
    return contingent


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory(username="redaktion"))
    return client


def url(name, contingent=None, **kwargs):
    if contingent is not None:
        kwargs["slug"] = contingent.slug
    return reverse(f"contingents:{name}", kwargs=kwargs)


def _lottery(applicants=4, size=2):
    contingent = ContingentFactory(title="Verlosung Messe", mode=Contingent.Mode.LOTTERY, size=size)
    with_codes(contingent, size, prefix="LOS")
    for n in range(applicants):
        claim_and_confirm(contingent, 100 + n)
    Contingent.objects.filter(pk=contingent.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    contingent.refresh_from_db()
    return contingent


def bulk_claims(contingent, n, *, start=0):
    """Many claims at once for the query-count tests (the services would take minutes for 1,000)."""
    claims = Claim.objects.bulk_create(
        Claim(contingent=contingent, status=Status.ALLOCATED if i % 2 else Status.WAITLISTED,
              first_name="Max", last_name=f"Muster{i}", email=f"m{i}@example.org", email_normalized=f"m{i}@example.org",
              organisation="Firma", pseudonym=f"PS{i:06d}")
        for i in range(start, start + n)
    )
    TicketCode.objects.bulk_create(
        TicketCode(contingent=contingent, code=f"BULK-{c.pk}", claim=c if c.status == Status.ALLOCATED else None)
        for c in Claim.objects.filter(contingent=contingent, status=Status.ALLOCATED, ticket_code__isnull=True)
    )
    return claims


# ---------------------------------------------------------------------------------------------
# Permissions


def all_urls(contingent, claim, lottery):
    return [
        ("get", url("manage-list")),
        ("get", url("manage", contingent)),
        ("get", url("manage-claim", contingent, pk=claim.pk)),
        ("post", url("manage-claim", contingent, pk=claim.pk)),
        ("get", url("manage-export", contingent, fmt="csv")),
        ("get", url("manage-export", contingent, fmt="xlsx")),
        ("get", url("partner-export", contingent, fmt="csv")),
        ("get", url("partner-export", contingent, fmt="xlsx")),
        ("get", url("import-codes", contingent)),
        ("post", url("import-codes", contingent)),
        ("get", url("draw", lottery)),
        ("post", url("draw", lottery)),
    ]


def test_permissions_anonymous_goes_to_login_and_others_get_404_on_every_url(client, contingent):
    claim = claim_and_confirm(contingent, 0)
    lottery = _lottery(applicants=1)
    urls = all_urls(contingent, claim, lottery)
    for method, address in urls:
        response = getattr(client, method)(address, {"action": "revoke", "confirm": "yes", "text": "X1"} if method == "post" else {})
        assert response.status_code == 302, address
        assert response["Location"].startswith("/anmelden/?next="), address
    client.force_login(UserFactory(is_staff=True))  # staff, but without the permission
    for method, address in urls:
        response = getattr(client, method)(address, {"action": "revoke", "confirm": "yes", "text": "X1", "confirm_box": "on"} if method == "post" else {})
        assert response.status_code == 404, address
    claim.refresh_from_db()
    assert claim.status == Status.ALLOCATED
    assert TicketCode.objects.filter(code="X1").count() == 0
    assert DrawProtocol.objects.count() == 0


def test_permissions_change_contingent_permission_is_enough(client, contingent):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="change_contingent", content_type__app_label="contingents"))
    client.force_login(user)
    response = client.get(url("manage", contingent))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_permissions_function():
    from revier.contingents.permissions import can_manage_contingents
    from django.contrib.auth.models import AnonymousUser

    assert not can_manage_contingents(AnonymousUser())
    assert not can_manage_contingents(None)
    assert not can_manage_contingents(UserFactory())
    assert can_manage_contingents(StaffFactory())
    assert not can_manage_contingents(StaffFactory(is_active=False))


# ---------------------------------------------------------------------------------------------
# List


def test_manage_list_shows_counts_in_constant_queries(staff_client, count_queries, contingent):
    claim_and_confirm(contingent, 0)
    services.claim_create(contingent=contingent, data=claim_input(1))
    response, few = count_queries(url("manage-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Freikarten W3+ FAIR" in html
    for _n in range(5):
        other = ContingentFactory()
        bulk_claims(other, 20, start=1000 * (_n + 1))
    response, many = count_queries(url("manage-list"))
    assert many == few
    listed = next(c for c in response.context["contingents"] if c.pk == contingent.pk)
    assert (listed.count_total, listed.count_allocated, listed.count_unconfirmed) == (2, 1, 1)


# ---------------------------------------------------------------------------------------------
# Claims table


def test_claims_table_search_filter_sort_and_counts(staff_client, contingent):
    claim_and_confirm(contingent, 0, first_name="Jörg", last_name="Größer", organisation="Müller & Söhne GmbH")
    claim_and_confirm(contingent, 1, last_name="Anders")
    services.claim_create(contingent=contingent, data=claim_input(2, last_name="Zeller"))
    response = staff_client.get(url("manage", contingent))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 von 3 vergeben" in html
    assert "Größer, Jörg" in html and "Anders, Robin" in html and "Zeller, Robin" in html
    assert [c.last_name for c in response.context["claims"]] == ["Größer", "Anders", "Zeller"]
    overview = response.context["overview"]
    assert overview.total == 3 and overview.count(Status.ALLOCATED) == 2 and overview.count(Status.UNCONFIRMED) == 1
    assert overview.codes.total == 3 and overview.codes.unused == 1 and overview.codes.handed_out == 2

    response = staff_client.get(url("manage", contingent), {"q": "müller"})
    assert [c.last_name for c in response.context["claims"]] == ["Größer"]
    response = staff_client.get(url("manage", contingent), {"status": Status.UNCONFIRMED})
    assert [c.last_name for c in response.context["claims"]] == ["Zeller"]
    response = staff_client.get(url("manage", contingent), {"sortierung": "-name"})
    assert [c.last_name for c in response.context["claims"]] == ["Zeller", "Größer", "Anders"]
    response = staff_client.get(url("manage", contingent), {"q": "nobody-here"})
    assert "Kein Antrag passt zu Ihrer Suche" in response.content.decode()


def test_claims_table_ignores_bad_parameters(staff_client, contingent):
    for params in ({"sortierung": "password"}, {"status": "<script>"}, {"page": "abc"}, {"page": "99999"},
                   {"q": "x" * 5000}, {"page": "-1"}, {"sortierung": "email; drop table"}):
        response = staff_client.get(url("manage", contingent), params)
        assert response.status_code == 200, params
    response = staff_client.get(url("manage", contingent), {"sortierung": "password", "status": "bogus"})
    assert response.context["claim_filter"].sort == "claimed" and response.context["claim_filter"].status == ""


def test_claims_table_paginates_50_and_query_count_constant(staff_client, count_queries, contingent):
    bulk_claims(contingent, 10)
    response, few = count_queries(url("manage", contingent))
    assert response.status_code == 200
    bulk_claims(contingent, 990, start=10)
    response, many = count_queries(url("manage", contingent))
    assert many == few
    assert len(response.context["claims"]) == 50
    assert response.context["page_obj"].paginator.count == 1000
    response, last_page = count_queries(url("manage", contingent) + "?page=20")
    assert len(response.context["claims"]) == 50 and last_page == few


def test_unknown_contingent_is_404(staff_client):
    assert staff_client.get(reverse("contingents:manage", kwargs={"slug": "gibt-es-nicht"})).status_code == 404
    assert staff_client.get(reverse("contingents:import-codes", kwargs={"slug": "gibt-es-nicht"})).status_code == 404


# ---------------------------------------------------------------------------------------------
# Claim detail and actions


def test_claim_detail_shows_data_answers_consents_code_and_history(staff_client, count_queries):
    contingent = ContingentFactory(size=2)
    with_codes(contingent, 2)
    question = EligibilityQuestionFactory(contingent=contingent, text="Ist Ihr Unternehmen in der Metropolregion ansässig?")
    claim = claim_and_confirm(contingent, 0, first_name="Jörg", organisation="Müller & Söhne GmbH",
                              answers={str(question.pk): "Ja"}, partner_consent=True)
    response, queries = count_queries(url("manage-claim", contingent, pk=claim.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Jörg Beispiel0" in html and "Müller &amp; Söhne GmbH" in html
    assert "Ist Ihr Unternehmen in der Metropolregion ansässig?" in html
    assert TicketCode.objects.get(claim=claim).code in html
    assert html.count("Erteilt am") == 2 and "2026-11" in html  # both consents with version and time
    assert "Ticket vergeben" in html  # history entry (claim_allocated) and status
    assert len(re.findall(r">\s*Status\s*<", html)) == 1  # the term in the list, not also the heading
    assert queries < 20


def test_claim_detail_bad_pk_and_other_contingents_claim_are_404(staff_client, contingent):
    other = ContingentFactory()
    with_codes(other, 1, prefix="OTHER")
    foreign = claim_and_confirm(other, 5)
    assert staff_client.get(url("manage-claim", contingent, pk=foreign.pk)).status_code == 404
    assert staff_client.post(url("manage-claim", contingent, pk=foreign.pk), {"action": "revoke", "confirm": "yes"}).status_code == 404
    assert staff_client.get(url("manage-claim", contingent, pk=999999)).status_code == 404
    assert staff_client.get(f"/veranstaltungen/freikarten/verwalten/{contingent.slug}/antraege/abc/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == Status.ALLOCATED


def test_revoke_asks_for_confirmation_then_revokes_and_moves_next_up(staff_client):
    contingent = ContingentFactory(size=1)
    with_codes(contingent, 2)
    claim = claim_and_confirm(contingent, 0)
    waiting = claim_and_confirm(contingent, 1)
    assert waiting.status == Status.WAITLISTED
    here = url("manage-claim", contingent, pk=claim.pk)
    response = staff_client.post(here, {"action": "revoke"})
    assert response.status_code == 302 and response["Location"].endswith("?bestaetigen=revoke#bestaetigen")
    claim.refresh_from_db()
    assert claim.status == Status.ALLOCATED
    page = staff_client.get(response["Location"]).content.decode()
    assert "Ticket wirklich widerrufen?" in page
    response = staff_client.post(here, {"action": "revoke", "confirm": "yes"}, follow=True)
    assert "Das Ticket wurde widerrufen" in response.content.decode()
    claim.refresh_from_db()
    waiting.refresh_from_db()
    assert claim.status == Status.REVOKED and waiting.status == Status.ALLOCATED
    assert AuditEntry.objects.filter(action="claim_revoked", actor__username="redaktion").exists()
    # Twice: a German message, nothing changes, no 500.
    response = staff_client.post(here, {"action": "revoke", "confirm": "yes"}, follow=True)
    assert response.status_code == 200
    assert "Das hat nicht geklappt" in response.content.decode()
    assert AuditEntry.objects.filter(action="claim_revoked").count() == 1


def test_reissue_code_with_confirmation(staff_client, contingent):
    claim = claim_and_confirm(contingent, 0)
    old = TicketCode.objects.get(claim=claim).code
    here = url("manage-claim", contingent, pk=claim.pk)
    assert staff_client.post(here, {"action": "reissue"})["Location"].endswith("?bestaetigen=reissue#bestaetigen")
    assert TicketCode.objects.get(claim=claim).code == old
    response = staff_client.post(here, {"action": "reissue", "confirm": "yes"}, follow=True)
    assert "Ein neuer Code wurde zugeteilt" in response.content.decode()
    new = TicketCode.objects.get(claim=claim).code
    assert new != old and TicketCode.objects.get(code=old).revoked
    assert new in OutboxMail.objects.order_by("-id").first().body_text


def test_reissue_without_unused_code_is_a_german_message(staff_client):
    contingent = ContingentFactory(size=1)
    with_codes(contingent, 1)
    claim = claim_and_confirm(contingent, 0)
    response = staff_client.post(url("manage-claim", contingent, pk=claim.pk), {"action": "reissue", "confirm": "yes"}, follow=True)
    assert response.status_code == 200
    assert "Es ist kein unbenutzter Code mehr übrig" in response.content.decode()
    assert TicketCode.objects.get().claim == claim and not TicketCode.objects.get().revoked


def test_unknown_or_disallowed_action_changes_nothing(staff_client, contingent):
    services.claim_create(contingent=contingent, data=claim_input(0))
    claim = Claim.objects.get()
    for action in ("reissue", "delete", "", "x" * 1000):
        response = staff_client.post(url("manage-claim", contingent, pk=claim.pk), {"action": action, "confirm": "yes"})
        assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Status.UNCONFIRMED
    # A confirmation for an action that is not allowed shows no confirmation box.
    page = staff_client.get(url("manage-claim", contingent, pk=claim.pk) + "?bestaetigen=reissue").content.decode()
    assert 'id="bestaetigen"' not in page


# ---------------------------------------------------------------------------------------------
# Exports


def _csv(response):
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def _xlsx(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def exported():
    contingent = ContingentFactory(size=2)
    with_codes(contingent, 2)
    question = EligibilityQuestionFactory(contingent=contingent, text="Branche?", kind=EligibilityQuestion.Kind.TEXT,
                                          accepted_answers="", required=False)
    joerg = claim_and_confirm(contingent, 0, first_name="Jörg", last_name="Größer", organisation="=Müller & Söhne",
                              answers={str(question.pk): "Wärme"}, partner_consent=True)
    anna = claim_and_confirm(contingent, 1, first_name="Anna", last_name="Ärmel", answers={str(question.pk): ""})
    waiting = claim_and_confirm(contingent, 2, first_name="Wim", last_name="Warte")
    return contingent, joerg, anna, waiting


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_has_all_claims_with_answers_consents_times_and_code(staff_client, exported, fmt):
    contingent, joerg, anna, waiting = exported
    response = staff_client.get(url("manage-export", contingent, fmt=fmt))
    assert response.status_code == 200
    assert f'.{fmt}"' in response["Content-Disposition"]
    rows = _csv(response) if fmt == "csv" else _xlsx(response)
    header = rows[0]
    assert header[:5] == ["Status", "Vorname", "Nachname", "E-Mail", "Organisation"]
    assert "Branche?" in header and "Code" in header
    by_name = {row[2]: dict(zip(header, row)) for row in rows[1:]}
    assert set(by_name) == {"Größer", "Ärmel", "Warte"}
    row = by_name["Größer"]
    assert row["Organisation"] == "'=Müller & Söhne"  # formula-injection guard
    assert row["Branche?"] == "Wärme"
    assert row["Code"] == TicketCode.objects.get(claim=joerg).code
    assert row["Status"] == "Ticket vergeben"
    consent_columns = [h for h in header if h.startswith("Einwilligung")]
    assert len(consent_columns) == 2
    assert [row[h] for h in consent_columns] == ["ja", "ja"]
    assert [by_name["Ärmel"][h] for h in consent_columns] == ["ja", "nein"]
    local = timezone.localtime(Claim.objects.get(pk=joerg.pk).created_at).strftime("%d.%m.%Y %H:%M")
    assert local in row.values()
    assert by_name["Warte"]["Code"] == ""


@pytest.mark.parametrize(("query", "expected"), [("status=waitlisted", {"Warte"}), ("q=gr%C3%B6%C3%9Fer", {"Größer"})])
def test_export_follows_the_tables_filter(staff_client, exported, query, expected):
    contingent, *_claims = exported
    page = staff_client.get(f"{url('manage', contingent)}?{query}").content.decode()
    link = re.search(r'href="([^"]*export\.csv\?[^"]*)"[^>]*>[^<]*<span[^>]*></span> Die gefundenen Anträge als CSV', page)
    assert link, "no export link for the claims found"
    rows = _csv(staff_client.get(unescape(link.group(1))))
    assert {row[2] for row in rows[1:]} == expected
    unfiltered = staff_client.get(url("manage", contingent)).content.decode()
    assert "Alle Anträge als CSV (Excel)" in unfiltered and "Die gefundenen Anträge" not in unfiltered


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_partner_export_gives_email_only_with_consent(staff_client, exported, fmt):
    contingent, joerg, anna, waiting = exported
    response = staff_client.get(url("partner-export", contingent, fmt=fmt))
    assert response.status_code == 200
    rows = _csv(response) if fmt == "csv" else _xlsx(response)
    header = rows[0]
    assert header == ["Nachname", "Vorname", "Organisation", "E-Mail", "Ticket", "Code"]
    by_name = {row[0]: dict(zip(header, row)) for row in rows[1:]}
    assert set(by_name) == {"Größer", "Ärmel"}  # the waiting list is not on the partner's list
    assert by_name["Größer"]["E-Mail"] == joerg.email
    assert by_name["Ärmel"]["E-Mail"] == ""  # no consent to pass it on
    assert by_name["Ärmel"]["Vorname"] == "Anna"
    assert by_name["Größer"]["Code"] == TicketCode.objects.get(claim=joerg).code
    body = response.content if fmt == "csv" else b""
    assert anna.email.encode() not in body


def test_partner_export_without_codes_is_a_guest_list_with_offered_marked(staff_client):
    contingent = _lottery(applicants=3, size=2)
    Contingent.objects.filter(pk=contingent.pk).update(uses_codes=False)
    contingent.refresh_from_db()
    services.lottery_draw(contingent=contingent, actor=None)
    offered = Claim.objects.filter(status=Status.OFFERED).order_by("id")
    services.claim_accept(token=last_token(offered[0].email))
    rows = _csv(staff_client.get(url("partner-export", contingent, fmt="csv")))
    assert rows[0] == ["Nachname", "Vorname", "Organisation", "E-Mail", "Ticket"]
    assert sorted(row[4] for row in rows[1:]) == ["angeboten, noch nicht angenommen", "vergeben"]


def test_export_unknown_format_is_404(staff_client, contingent):
    for fmt in ("pdf", "CSV", "csv.exe", "json"):
        assert staff_client.get(url("manage-export", contingent, fmt=fmt)).status_code == 404
        assert staff_client.get(url("partner-export", contingent, fmt=fmt)).status_code == 404


def test_export_query_count_constant(staff_client, count_queries, contingent):
    bulk_claims(contingent, 5)
    _response, few = count_queries(url("manage-export", contingent, fmt="csv"))
    bulk_claims(contingent, 200, start=5)
    response, many = count_queries(url("manage-export", contingent, fmt="csv"))
    assert many == few and len(_csv(response)) == 206


# ---------------------------------------------------------------------------------------------
# Code import


def test_code_import_with_duplicates_reports_and_imports_nothing(staff_client):
    contingent = ContingentFactory()
    with_codes(contingent, 1, prefix="ALT")  # ALT-0000
    response = staff_client.post(url("import-codes", contingent), {"text": "NEU-1\n\nNEU-2\nNEU-1\nALT-0000\n"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Es wurde nichts importiert" in html
    assert "Zeile 2" in html  # the blank line
    assert "Zeile 4" in html and "NEU-1" in html  # the duplicate with its line
    assert "ALT-0000" in html  # already present
    assert "NEU-1\n\nNEU-2" in html  # input kept
    assert TicketCode.objects.filter(contingent=contingent).count() == 1


def test_code_import_clean_list_and_csv_file(staff_client):
    contingent = ContingentFactory()
    response = staff_client.post(url("import-codes", contingent), {"text": "A-1\nA-2\nA-3\n"}, follow=True)
    assert "3 Codes wurden importiert" in response.content.decode()
    assert TicketCode.objects.filter(contingent=contingent).count() == 3
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("codes.csv", "code;gültig\nB-1;ja\nB-2;ja\n".encode("utf-8-sig"), content_type="text/csv")
    response = staff_client.post(url("import-codes", contingent), {"file": upload}, follow=True)
    assert "2 Codes wurden importiert" in response.content.decode()
    assert set(TicketCode.objects.values_list("code", flat=True)) == {"A-1", "A-2", "A-3", "B-1", "B-2"}
    overview = response.context["overview"]
    assert overview.codes.unused == 5


def test_code_import_bad_input_is_a_german_message(staff_client):
    contingent = ContingentFactory()
    from django.core.files.uploadedfile import SimpleUploadedFile

    cases = [
        ({"text": ""}, "Bitte fügen Sie die Codes ein"),
        ({"text": "   \n\n"}, "Bitte fügen Sie die Codes ein"),
        ({"text": "code\n"}, "Die Liste enthält keinen Code"),
        ({"file": SimpleUploadedFile("x.png", b"\x89PNG\x00\x00", content_type="image/png")}, "keine CSV-Datei"),
        ({"text": "A\n", "file": SimpleUploadedFile("c.csv", b"B\n")}, "nicht beides"),
        ({"text": "A-1\n" + "X" * 101 + "\n"}, "Ein Code hat mehr als 100 Zeichen (XXXXXXXXXXXXXXXXXXXX…)"),
    ]
    for data, message in cases:
        response = staff_client.post(url("import-codes", contingent), data)
        assert response.status_code == 200, data
        assert message in response.content.decode(), data
    assert TicketCode.objects.count() == 0


def test_code_import_page_for_contingent_without_codes(staff_client):
    contingent = ContingentFactory(uses_codes=False)
    response = staff_client.get(url("import-codes", contingent))
    assert "verwendet keine Codes" in response.content.decode()
    staff_client.post(url("import-codes", contingent), {"text": "A\n"})
    assert TicketCode.objects.count() == 0


# ---------------------------------------------------------------------------------------------
# Draw


def test_draw_needs_confirmation_then_draws_once(staff_client):
    contingent = _lottery(applicants=4, size=2)
    page = staff_client.get(url("draw", contingent)).content.decode()
    assert "Gültige Anträge" in page and "Ich habe geprüft" in page
    response = staff_client.post(url("draw", contingent), {})
    assert response.status_code == 200
    assert "Bitte bestätigen Sie" in response.content.decode()
    assert DrawProtocol.objects.count() == 0
    response = staff_client.post(url("draw", contingent), {"confirm": "on"}, follow=True)
    html = response.content.decode()
    assert DrawProtocol.objects.get().application_count == 4
    assert Claim.objects.filter(status=Status.OFFERED).count() == 2
    assert reverse("contingents:protocol", kwargs={"slug": contingent.slug}) in html
    # Double submit / second draw: German message, nothing changes.
    order = DrawProtocol.objects.get().order
    response = staff_client.post(url("draw", contingent), {"confirm": "on"}, follow=True)
    assert "bereits ausgelost" in response.content.decode()
    assert DrawProtocol.objects.get().order == order and Claim.objects.filter(status=Status.OFFERED).count() == 2


def test_draw_before_deadline_is_refused_in_german(staff_client):
    contingent = ContingentFactory(mode=Contingent.Mode.LOTTERY)
    page = staff_client.get(url("draw", contingent)).content.decode()
    assert "Die Auslosung ist nach dem Ende der Bewerbungsfrist" in page or "Bewerbungsfrist läuft noch" in page
    response = staff_client.post(url("draw", contingent), {"confirm": "on"}, follow=True)
    assert response.status_code == 200
    assert "Das hat nicht geklappt" in response.content.decode()
    assert DrawProtocol.objects.count() == 0


def test_draw_page_of_first_come_contingent_is_404(staff_client, contingent):
    assert staff_client.get(url("draw", contingent)).status_code == 404
    assert staff_client.post(url("draw", contingent), {"confirm": "on"}).status_code == 404
