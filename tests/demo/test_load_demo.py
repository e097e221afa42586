import re
import shutil
import stat

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from revier.core.models import AuditEntry
from revier.demo import files
from revier.demo.files import read_markdown_folder
from revier.demo.loader import demo_people, per_person
from revier.core.models import Topic
from revier.news.models import Article, ArticleLink


def run_load_demo(capsys) -> str:
    call_command("load_demo")
    return capsys.readouterr().out


def snapshot():
    return {
        "articles": dict(Article.objects.values_list("slug", "updated_at")),
        "images": dict(Article.objects.values_list("slug", "image")),
        "links": list(ArticleLink.objects.order_by("id").values_list("id", "article_id", "label", "url")),
        "topics": sorted(Article.topics.through.objects.values_list("article_id", "topic_id")),
        "topic_count": Topic.objects.count(),
        # A run issues fresh personal links of demo participants (audited); nothing else changes.
        "audit": AuditEntry.objects.exclude(action="profile_link_issued").count(),
        "users": list(get_user_model().objects.values_list("username", "password", "last_login")),
    }


@pytest.mark.django_db
def test_load_demo_creates_seed_and_generated_articles(login_file, capsys):
    output = run_load_demo(capsys)
    assert Article.objects.filter(is_generated=False).count() == 3
    assert 28 <= Article.objects.filter(is_generated=True).count() <= 35
    conference = Article.objects.get(slug="innovationskonferenz-zu-kmus-in-den-strukturwandelregionen")
    assert conference.published_at.isoformat() == "2024-10-17T08:00:00+00:00"  # 10:00 in Berlin
    assert f"Aktuelles: {len(read_markdown_folder('articles'))} Artikel angelegt" in output
    assert "Monitor: „Mitteldeutschland-Monitor (Demo)“ (synthetische Beispieldaten), 6 Wellen importiert" in output


@pytest.mark.django_db
def test_load_demo_second_run_changes_nothing(login_file, capsys):
    run_load_demo(capsys)
    before = snapshot()
    output = run_load_demo(capsys)
    assert snapshot() == before
    assert "0 Artikel angelegt, 0 aktualisiert" in output
    assert "0 Wellen importiert und veröffentlicht, 0 neu importiert, 0 veröffentlicht, 6 unverändert" in output


@pytest.mark.django_db
def test_load_demo_restores_a_changed_article_and_touches_only_that_one(login_file, capsys):
    run_load_demo(capsys)
    before = snapshot()
    changed = Article.objects.get(slug="wasserstoff-kompetenzzentrum-in-zeitz-nimmt-arbeit-auf")
    Article.objects.filter(pk=changed.pk).update(title="Anders")
    ArticleLink.objects.filter(article__slug="innovationskonferenz-zu-kmus-in-den-strukturwandelregionen").first().delete()

    output = run_load_demo(capsys)

    after = snapshot()
    assert "2 aktualisiert" in output
    assert Article.objects.get(pk=changed.pk).title == "Wasserstoff-Kompetenzzentrum in Zeitz nimmt Arbeit auf"
    assert after["articles"][changed.slug] > before["articles"][changed.slug]
    unchanged = {slug: at for slug, at in after["articles"].items() if slug != changed.slug}
    assert unchanged == {slug: at for slug, at in before["articles"].items() if slug != changed.slug}
    links = ArticleLink.objects.filter(article__slug="innovationskonferenz-zu-kmus-in-den-strukturwandelregionen")
    assert list(links.values_list("label", flat=True)) == ["Weitere Informationen", "Programm und Anmeldung"]


@pytest.mark.django_db
def test_load_demo_creates_the_staff_account_once_and_prints_its_login(login_file, capsys, monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    output = run_load_demo(capsys)

    user = get_user_model().objects.get(username="redaktion")
    assert user.is_staff and user.is_superuser and user.is_active
    password = next(line for line in login_file.read_text().splitlines() if line.startswith("Passwort:")).split(": ")[1]
    assert len(password) >= 16 and user.check_password(password)
    assert stat.S_IMODE(login_file.stat().st_mode) == 0o600
    assert "http://127.0.0.1:8123/verwaltung/" in output
    assert "Benutzername: redaktion" in output and password in output

    password_hash = user.password
    second = run_load_demo(capsys)
    assert get_user_model().objects.filter(username="redaktion").count() == 1
    assert get_user_model().objects.get(username="redaktion").password == password_hash
    assert password in second and "angelegt." not in second.split("Verwaltung:")[1]


@pytest.mark.django_db
def test_load_demo_prints_fresh_personal_links_of_demo_participants_on_site_url(login_file, capsys, settings, client):
    settings.SITE_URL = "http://127.0.0.1:8123"
    output = run_load_demo(capsys)
    part = output.split("Netzwerk aus Sicht von Teilnehmenden")[1]
    urls = re.findall(r"http://127\.0\.0\.1:8123(/netzwerk/mein-profil/\S+)", part)
    assert len(urls) == 6  # two people: profile page, "Passende Partner", Gesprächsbörse
    assert AuditEntry.objects.filter(action="profile_link_issued").count() == 2
    for path in urls:
        response = client.get(path)
        assert response.status_code == 200, path
    html = client.get(urls[2]).content.decode()
    assert "Tisch" in html  # the Gesprächsbörse page shows the person's planned meetings
    # A second run prints new links; the earlier ones keep working.
    again = run_load_demo(capsys).split("Netzwerk aus Sicht von Teilnehmenden")[1]
    assert urls[0] not in again
    assert client.get(urls[0]).status_code == 200


@pytest.mark.django_db
def test_load_demo_says_how_to_reset_when_the_login_file_is_gone(login_file, capsys):
    run_load_demo(capsys)
    login_file.unlink()
    output = run_load_demo(capsys)
    assert "fehlt" in output
    assert "manage.py changepassword redaktion" in output
    assert not login_file.exists()


@pytest.mark.django_db
def test_load_demo_reuses_the_password_of_an_existing_login_file(login_file, capsys):
    login_file.parent.mkdir(parents=True)
    login_file.write_text("Benutzername: redaktion\nPasswort: schon-vorhanden-4711\n")
    output = run_load_demo(capsys)
    assert get_user_model().objects.get(username="redaktion").check_password("schon-vorhanden-4711")
    assert "schon-vorhanden-4711" in output


def test_per_person_gives_cycles_runs_and_plain_values():
    assert [per_person({"cycle": ["a", "b", "c"]}, n) for n in range(5)] == ["a", "b", "c", "a", "b"]
    assert [per_person({"runs": [["x", 2], ["y", 1]]}, n) for n in range(3)] == ["x", "x", "y"]
    assert per_person("Ja", 41) == "Ja"
    with pytest.raises(ValueError):
        per_person({"runs": [["x", 2]]}, 2)


def test_demo_people_are_the_same_at_every_run_with_unique_addresses():
    rule = {"count": 30, "seed": 7, "offset": 2, "last_name_step": 5, "email": "{first}.{last}.t{number:02d}@example.org",
            "from": "2026-01-05 09:00", "every_hours": 4, "spread_hours": 3}
    people = demo_people(rule)
    assert people == demo_people(rule)
    assert len({person.email for person in people}) == 30
    assert people[0].email == "claudia.conrad.t01@example.org"  # first and last name number 0 + 2
    assert all(person.email.isascii() for person in people)
    assert [p.at for p in people] == sorted(p.at for p in people)  # 4 hours apart, at most 3:59 later


@pytest.mark.django_db
def test_load_demo_refuses_a_data_file_with_an_unknown_key(settings, tmp_path, capsys):
    """A typo in a data file ("subtitel") is named, not ignored."""
    demo = tmp_path / "demo"
    shutil.copytree(files.DEMO_DIR, demo, ignore=shutil.ignore_patterns("*.py", "__pycache__", "management"))
    events = demo / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("  subtitle:", "  subtitel:", 1), encoding="utf-8")
    settings.DEMO_DIR = str(demo)
    with pytest.raises(ValueError, match="kmu-im-strukturwandel-staerken-2024: unbekannte Angabe subtitel"):
        call_command("load_demo")


@pytest.mark.django_db
def test_load_demo_gives_the_staff_accounts_their_roles_once(login_file, capsys):
    from revier.accounts.permissions import can_manage_accounts
    from revier.contingents.permissions import can_manage_contingents
    from revier.monitor.permissions import can_manage_monitor
    from revier.news.permissions import can_edit_news

    output = run_load_demo(capsys)
    users = {user.username: user for user in get_user_model().objects.filter(
        username__in=["redaktion", "kontingente", "analyse"])}
    assert set(users["redaktion"].groups.values_list("name", flat=True)) == {"Redaktion", "Administration"}
    kontingente, analyse = users["kontingente"], users["analyse"]
    assert kontingente.is_staff and not kontingente.is_superuser and can_manage_contingents(kontingente)
    assert not can_manage_monitor(kontingente) and not can_edit_news(kontingente) and not can_manage_accounts(kontingente)
    assert analyse.is_staff and can_manage_monitor(analyse) and not can_manage_contingents(analyse)
    assert "Benutzername: kontingente" in output and "Benutzername: analyse" in output
    changes = AuditEntry.objects.filter(action="account_roles_changed").count()
    assert changes == 3
    run_load_demo(capsys)
    assert AuditEntry.objects.filter(action="account_roles_changed").count() == changes


# The second factor of the demo's staff accounts (revier/demo/accounts.py, `manage.py demo_code`)

from io import StringIO  # noqa: E402

from django.core.management.base import CommandError  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from revier.demo.accounts import demo_second_factor_ensure, demo_totp_secret, read_passwords  # noqa: E402
from tests.factories import StaffFactory, UserFactory  # noqa: E402


def demo_code(username="redaktion") -> str:
    out = StringIO()
    call_command("demo_code", username, stdout=out)
    return out.getvalue().strip()


@pytest.mark.django_db
def test_load_demo_gives_the_staff_account_an_app_and_prints_its_secret(login_file, capsys, client):
    output = run_load_demo(capsys)
    user = get_user_model().objects.get(username="redaktion")
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    secret = re.search(r"Schlüssel ([A-Z2-7 ]+) \(zeitbasiert", output).group(1)
    assert f"TOTP-Schlüssel: {secret}" in login_file.read_text()
    assert "manage.py demo_code redaktion" in output
    # every account of the demo has an app, the organiser (an event team without the staff flag) too
    assert set(TOTPDevice.objects.values_list("user__username", flat=True)) == {
        "redaktion", "kontingente", "analyse", "organisation"}
    assert "manage.py demo_code organisation" in output
    assert "manage.py demo_code kontingente" in output

    password = read_passwords(login_file)["redaktion"]
    response = client.post("/anmelden/", {"username": "redaktion", "password": password, "next": "/verwaltung/"})
    assert response["Location"] == "/anmelden/zweiter-faktor/?next=%2Fverwaltung%2F"
    response = client.post("/anmelden/zweiter-faktor/", {"code": demo_code(), "next": "/verwaltung/"})
    assert response["Location"] == "/verwaltung/"
    assert client.get("/verwaltung/").status_code == 200

    again = run_load_demo(capsys)
    assert secret in again and TOTPDevice.objects.filter(user=user).count() == 1
    assert TOTPDevice.objects.get(user=user).key == device.key


@pytest.mark.django_db
def test_demo_second_factor_for_an_existing_staff_account_and_after_a_reset(login_file):
    from revier.core.mfa import second_factor_reset

    user = StaffFactory(username="redaktion")
    login_file.parent.mkdir(parents=True)
    login_file.write_text("Benutzername: redaktion\nPasswort: schon-vorhanden-4711\n")
    demo_second_factor_ensure(user)
    secret = demo_totp_secret(user)
    assert secret and "Passwort: schon-vorhanden-4711" in login_file.read_text()
    assert len(demo_code()) == 6

    second_factor_reset(user=user, actor=None)
    assert demo_totp_secret(user) is None  # the file's secret is no longer the account's
    demo_second_factor_ensure(user)  # another database of this checkout: the file's secret again
    assert demo_totp_secret(user) == secret

    organiser = UserFactory(username="organisation")  # an event team, no staff flag
    with pytest.raises(CommandError):
        demo_code("organisation")
    demo_second_factor_ensure(organiser)
    assert TOTPDevice.objects.filter(user=organiser, confirmed=True).exists()
