"""The privacy page's starting text names every processing (issue 12 §4), with the retention periods
configured, the rights and "Meine Daten"; "[Bitte ergänzen: …]" only where the operator's own data
belong. Migration pages/0005 changes the page only while it has the starting text."""

import importlib
import re

import pytest
from django.conf import settings

from revier.pages.models import Page

pytestmark = pytest.mark.django_db

migration = importlib.import_module("revier.pages.migrations.0005_privacy_names_every_processing")

PROCESSINGS = [
    "Anmeldungen zu Veranstaltungen", "Warteliste", "Freikarten", "Losverfahren", "Pseudonyme",
    "Netzwerk-Profile", "Gesprächsbörse", "Gesprächstermine", "Partnervorschläge", "Monitor",
    "Personenbezogene Daten von Befragten veröffentlichen wir nicht", "Mikrodaten", "E-Mails",
    "Server-Protokoll", "Protokoll der Verwaltung", "Speicherdauer", "Ihre Rechte", "[Meine Daten](/meine-daten/)",
    "widerrufen", "maschinenlesbaren Format", "anonymisiert", "Einwilligung",
]
# What only the operator knows.
OPERATOR_DATA = {"Name und Anschrift des Betreibers", "E-Mail-Adresse für Datenschutzfragen", "Datenschutzbeauftragten",
                 "Speicherdauer", "Löschfrist des Redaktionspostfachs", "Name und Sitz des Hosters", "Aufsichtsbehörde",
                 "Datum", "Rotation der Datensicherungen", "Befragungen durchführt"}


def test_privacy_page_names_every_processing_with_the_configured_periods(client):
    body = Page.objects.get(slug="datenschutz").body
    for text in PROCESSINGS:
        assert text in body, text
    for placeholder in re.findall(r"\[Bitte ergänzen: ([^\]]*)\]", body):
        assert any(part in placeholder for part in OPERATOR_DATA), placeholder
    # The periods the administrators set (pages/0006: "[[retention:…]]", filled in when shown).
    assert "[[retention:registrations]] Tage nach dem Ende der Veranstaltung" in body
    page = client.get("/datenschutz/").content.decode()
    assert f"{settings.RETENTION_DAYS_DEFAULT} Tage nach dem Ende der Veranstaltung" in page
    assert f"{settings.OUTBOX_RETENTION_DAYS} Tage" in page
    assert f"{settings.PERSONAL_LINK_DAYS_AFTER_END} Tage nach der Veranstaltung" in page
    assert "[[retention:" not in page
    assert 'href="/meine-daten/"' in page and "<table" in page


def test_the_text_follows_the_configured_periods(settings):
    settings.RETENTION_DAYS_DEFAULT = 42
    settings.OUTBOX_RETENTION_DAYS = 9
    text = migration.new_text()
    assert "42 Tage nach dem Ende der Veranstaltung" in text and "**9 Tage**" in text


def test_an_operator_text_stays(django_db_blocker):
    from django.apps import apps

    page = Page.objects.get(slug="datenschutz")
    page.body = "Unser eigener Text."
    page.save()
    migration.name_every_processing(apps, None)
    assert Page.objects.get(slug="datenschutz").body == "Unser eigener Text."
    page.body = migration.OLD
    page.save()
    migration.name_every_processing(apps, None)
    assert Page.objects.get(slug="datenschutz").body == migration.new_text()
    migration.back_to_the_starting_text(apps, None)
    assert Page.objects.get(slug="datenschutz").body == migration.OLD


def test_the_page_names_the_warning_before_a_profile_is_anonymised(client):
    """pages/0008: the person of a network profile gets a mail the configured days before."""
    from revier.core.retention import retention_periods_set

    body = Page.objects.get(slug="datenschutz").body
    assert "[[retention:network_profile_warning]] Tage vorher schreiben wir Ihnen eine E-Mail" in body
    retention_periods_set(days={"network_profile_warning": 21}, actor=None)
    page = client.get("/datenschutz/").content.decode()
    assert "21 Tage vorher schreiben wir Ihnen eine E-Mail" in page
    assert "frühestens 21 Tage nach dieser E-Mail" in page and "mit einer E-Mail 21 Tage vorher" in page
