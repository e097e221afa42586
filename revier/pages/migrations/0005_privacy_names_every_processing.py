"""The privacy page's starting text names every processing of the platform (issue 12 §4):
registrations and waiting list, free tickets and the lottery, network profiles and the
Gesprächsbörse, the Monitor, mails, logs, the retention periods (the values configured when the
migration runs) and the rights with the page "Meine Daten".

Changes the page only where it still has the starting text of 0003 (with 0004), so an operator's
own wording stays; "[Bitte ergänzen: …]" marks only what the operator must fill in."""

import importlib

from django.conf import settings
from django.db import migrations

_initial = importlib.import_module("revier.pages.migrations.0003_initial_pages")
OLD = _initial.DATENSCHUTZ


def values() -> dict:
    return {
        "retention": settings.RETENTION_DAYS_DEFAULT,
        "link_days": settings.PERSONAL_LINK_DAYS_AFTER_END,
        "confirm_hours": settings.NETWORK_CONFIRM_HOURS,
        "network_link_days": settings.NETWORK_LINK_DAYS,
        "outbox_days": settings.OUTBOX_RETENTION_DAYS,
        "contact_lapse": settings.NETWORK_CONTACT_LAPSE_DAYS,
        "followup_days": settings.NETWORK_FOLLOWUP_ANSWER_DAYS,
        "idle": settings.SESSION_IDLE_MINUTES,
        "profile_days": settings.NETWORK_PROFILE_RETENTION_DAYS,
        "contact_days": settings.NETWORK_CONTACT_RETENTION_DAYS,
    }


def new_text() -> str:
    return TEMPLATE.format(**values())


TEMPLATE = """\
Wir nehmen den Schutz Ihrer Daten ernst. Diese Plattform ist so gebaut, dass sie beim Lesen so
wenig Daten wie möglich verarbeitet. Hier erfahren Sie, welche Daten wir wann verarbeiten, warum
und wie lange – und wie Sie Ihre Rechte ohne Konto selbst wahrnehmen: unter
[Meine Daten](/meine-daten/).

## Verantwortliche Stelle

**[Bitte ergänzen: Name und Anschrift des Betreibers, wie im Impressum]**  
E-Mail: **[Bitte ergänzen: E-Mail-Adresse für Datenschutzfragen]**

## Datenschutzbeauftragte oder Datenschutzbeauftragter

**[Bitte ergänzen: Name und Kontakt der oder des Datenschutzbeauftragten, falls benannt]**

## Das Wichtigste in Kürze

- Wenn Sie die Plattform nur lesen, setzen wir **keine Cookies** und speichern nichts auf Ihrem Gerät.
- Wir verwenden **keine Tracking- und keine Analysewerkzeuge**, keine Werbung und keine Social-Media-Plugins.
- Alle Bestandteile der Seiten – Schriften, Stylesheets, Skripte und Bilder – kommen **von unserem eigenen Server**.
  Beim Aufruf einer Seite wird keine Verbindung zu Servern anderer Anbieter hergestellt.
- Daten, die Sie uns über ein Formular schicken, verwenden wir nur für den Zweck, für den Sie sie uns geben.
- Anmeldungen und Anträge auf Freikarten werden **{retention} Tage nach der Veranstaltung anonymisiert**
  (die Redaktion kann für eine Veranstaltung einen anderen Zeitraum festlegen; das Formular nennt ihn).
- Sie brauchen **kein Konto**: Über den persönlichen Link in Ihrer E-Mail oder unter
  [Meine Daten](/meine-daten/) sehen Sie Ihre Daten, laden sie herunter, widerrufen Einwilligungen und
  lassen Ihre Daten löschen.

## Aufruf der Seiten (Server-Protokoll)

Wenn Sie eine Seite aufrufen, sendet Ihr Browser technisch notwendige Daten an unseren Server.
Der Server schreibt dabei ein Protokoll mit: IP-Adresse, Datum und Uhrzeit, aufgerufene Adresse,
Statuscode, übertragene Datenmenge, Browserkennung (User-Agent) und die zuvor besuchte Seite (Referrer),
soweit Ihr Browser sie sendet.

Wir brauchen diese Daten, um die Plattform sicher zu betreiben und Fehler und Angriffe zu erkennen.
Rechtsgrundlage ist Art. 6 Absatz 1 Buchstabe f DSGVO (berechtigtes Interesse an einem sicheren Betrieb)
**[Bitte prüfen: bei öffentlichen Stellen Art. 6 Absatz 1 Buchstabe e DSGVO in Verbindung mit der
einschlägigen Rechtsgrundlage]**. Die Protokolle werden nach **[Bitte ergänzen: Speicherdauer der
Server-Protokolle, z. B. 7 Tage]** gelöscht.

## Cookies

Lesende erhalten keine Cookies, auch nicht beim Anmelden zu einer Veranstaltung, beim Antrag auf eine
Freikarte oder im Netzwerk. Nur Mitarbeitende, die sich in den Verwaltungsbereich einloggen, erhalten
ein Sitzungs-Cookie und ein Cookie zum Schutz vor gefälschten Formularen. Beide sind technisch notwendig
(§ 25 Absatz 2 Nummer 2 TDDDG); die Sitzung endet beim Abmelden oder nach {idle} Minuten ohne Aktivität.

## Anmeldungen zu Veranstaltungen und Warteliste

Wenn Sie sich zu einer Veranstaltung anmelden, speichern wir: Vor- und Nachname, E-Mail-Adresse,
Organisation, Funktion, Bereich (z. B. Unternehmen, Verwaltung), die gewählte Ticketart, Ihre Antworten
auf die Fragen der Veranstaltenden, die Zeitpunkte (angemeldet, bestätigt, abgemeldet) und einen
Ticketcode. Ist die Veranstaltung voll, setzen wir Sie auf Wunsch auf die **Warteliste** (mit dem
Zeitpunkt, der Ihre Reihenfolge bestimmt); wird ein Platz frei, rücken Sie nach und erhalten eine E-Mail.
Beim Einlass halten wir fest, wann Sie eingecheckt wurden.

Zweck ist die Durchführung der Veranstaltung: Platzvergabe, Einlass, Informationen zur Veranstaltung.
Rechtsgrundlage ist Art. 6 Absatz 1 Buchstabe b DSGVO (Ihre Anmeldung)
**[Bitte prüfen: bei öffentlichen Stellen Buchstabe e]**. Ihre Daten sehen nur die Veranstaltenden
dieser Veranstaltung und die Administration; jeder Zugriff wird protokolliert.

**Freiwillige Einwilligungen** (Foto- und Videoaufnahmen, Teilnehmendenliste, Weitergabe an
Mitveranstaltende) speichern wir mit dem gezeigten Text, seiner Fassung und dem Zeitpunkt
(Art. 6 Absatz 1 Buchstabe a DSGVO). Sie können jede einzeln jederzeit widerrufen; wir speichern, wann.
Danach stehen Sie nicht mehr auf der Teilnehmendenliste und werden nicht mehr an Mitveranstaltende
weitergegeben.

## Freikarten und Losverfahren

Wenn Sie eine Freikarte beantragen, speichern wir: Vor- und Nachname, E-Mail-Adresse, Organisation,
Ihre Antworten auf die Fragen zur Berechtigung, Status und Zeitpunkte sowie gegebenenfalls den Code
der Partnerin oder des Partners, den Sie erhalten. Werden Freikarten **verlost**, veröffentlichen wir
ein Losprotokoll, das nur **Pseudonyme** enthält – niemand kann daraus Ihren Namen ablesen, aber jede
und jeder kann die Auslosung nachprüfen.

Rechtsgrundlage ist Art. 6 Absatz 1 Buchstabe b DSGVO (Ihr Antrag). Name und Organisation aller, die
eine Karte erhalten, gehen an die Partnerin oder den Partner, die oder der die Veranstaltung ausrichtet
(für den Einlass); Ihre **E-Mail-Adresse** nur mit Ihrer Einwilligung (Art. 6 Absatz 1 Buchstabe a DSGVO),
die Sie jederzeit widerrufen können.

## Netzwerk-Profile und Gesprächsbörse

Für ein Profil im Netzwerk speichern wir: Name, Funktion, Organisation, Art der Organisation, Region,
Ort, Themen, Kurzbeschreibung, Ihre Angebote und Gesuche, E-Mail-Adresse und (freiwillig) Telefonnummer.
**E-Mail-Adresse und Telefonnummer zeigen wir niemandem**; Kontakt entsteht nur über Anfragen, die
Sie annehmen. Sie bestimmen, wer Ihr Profil sieht (öffentlich, nur Teilnehmende derselben Veranstaltung
oder niemand) – das ist Ihre Einwilligung in die Anzeige (Art. 6 Absatz 1 Buchstabe a DSGVO), die Sie
jederzeit widerrufen können: Dann ist Ihr Profil verborgen.

Ein neues Profil müssen Sie innerhalb von {confirm_hours} Stunden bestätigen, sonst wird es gelöscht.
Bei der **Gesprächsbörse** einer Veranstaltung speichern wir Ihre Terminwünsche und -anfragen, Zeiten, in
denen Sie nicht können, die geplanten Gesprächstermine (mit wem, wann, an welchem Tisch), ob das Gespräch
stattfand, und Ihre Antworten auf die Nachbefragung (bis {followup_days} Tage nach der Veranstaltung
änderbar). **Partnervorschläge** berechnen wir aus den Themen und Angeboten der Profile; sie sehen nur
Sie. Kontaktanfragen, die nicht beantwortet werden, verfallen nach {contact_lapse} Tagen.

Ihr Profil bleibt gespeichert, bis Sie es löschen, längstens **{profile_days} Tage** nach dem letzten
Lebenszeichen (Bestätigung, Änderung, Anmeldung zu einer Veranstaltung, eine gesendete oder
beantwortete Anfrage); dann wird es anonymisiert. Gesprächsanfragen einer Gesprächsbörse werden mit den
Anmeldungen der Veranstaltung anonymisiert, Kontaktanfragen außerhalb von Veranstaltungen {contact_days}
Tage nach ihrer Beantwortung oder ihrem Verfall. Ihr persönlicher Link zum Profil gilt
{network_link_days} Tage; einen neuen erhalten Sie jederzeit.

## Monitor

Der Monitor veröffentlicht Ergebnisse von Befragungen nur als **zusammengefasste Zahlen** (Anteile,
Schätzungen mit Unsicherheit); Ergebnisse für zu kleine Gruppen werden nicht gezeigt.
**Personenbezogene Daten von Befragten veröffentlichen wir nicht.** Die Einzeldaten (Mikrodaten)
bleiben bei den Analysierenden; jeder Zugriff darauf wird protokolliert.
**[Bitte ergänzen: wer die Befragungen durchführt, auf welcher Rechtsgrundlage und wie lange die
Mikrodaten aufbewahrt werden]**

## Formulare „Barriere melden“ und „Kontakt“

Wenn Sie uns über eines dieser Formulare schreiben, speichern wir:

- Ihre Nachricht,
- Ihren Namen und Ihre E-Mail-Adresse, wenn Sie sie angeben (beim Kontaktformular ist die E-Mail-Adresse nötig, damit wir antworten können),
- bei einer gemeldeten Barriere die Seite, auf der Sie die Barriere gefunden haben,
- Datum und Uhrzeit des Eingangs.

Die Nachricht wird in unserer Datenbank gespeichert und per E-Mail an die Redaktion weitergeleitet.
Nur die Redaktion hat Zugriff darauf. Wir verwenden die Daten nur, um Ihr Anliegen zu bearbeiten und
Ihnen zu antworten. Rechtsgrundlage ist Ihre Anfrage selbst: Art. 6 Absatz 1 Buchstabe f DSGVO
**[Bitte prüfen: bei öffentlichen Stellen Buchstabe e]**; bei Meldungen zur Barrierefreiheit
zusätzlich Art. 6 Absatz 1 Buchstabe c DSGVO in Verbindung mit der Pflicht zum Feedback-Mechanismus
nach BITV 2.0.

Die Nachrichten werden **180 Tage nach Eingang automatisch gelöscht**, die Weiterleitungs-E-Mails im
Postfach der Redaktion nach **[Bitte ergänzen: Löschfrist des Redaktionspostfachs]**.

## E-Mails

Alle E-Mails der Plattform (Bestätigungen, persönliche Links, Nachrichten der Veranstaltenden) legen
wir zuerst in einem Postausgang ab und versenden sie von dort. Nach dem Versand löschen wir den Inhalt
der E-Mail sofort; Empfänger, Betreff und Zeitpunkt bleiben **{outbox_days} Tage** gespeichert, damit wir
Zustellprobleme klären können. Wer eine E-Mail mehrmals anfordert (zum Beispiel einen Link), erhält
höchstens wenige E-Mails pro Stunde – so kann niemand über unsere Formulare fremde Postfächer fluten.

## Schutz vor Missbrauch

Zum Schutz vor massenhaft verschickten Formularen zählen wir, wie oft ein Formular von derselben
IP-Adresse (oder an dieselbe E-Mail-Adresse) abgeschickt wird. Dafür halten wir nur eine geheime
Prüfsumme (Hash) der Adresse höchstens eine Stunde lang im Zwischenspeicher (Cache) des Servers. Die
IP-Adresse selbst speichern wir nicht.

## Protokoll der Verwaltung

Wenn Mitarbeitende Inhalte oder personenbezogene Daten ändern oder ansehen (etwa eine Anmeldeliste
oder einen Export), protokollieren wir, wer was wann getan hat und wie viele Datensätze betroffen
waren – **ohne Namen, E-Mail-Adressen oder Inhalte** der betroffenen Personen, nur mit Nummern der
Datensätze. So können wir Zugriffe nachvollziehen. Nur die Administration sieht das Protokoll.

## Speicherdauer auf einen Blick

| Daten | Wie lange |
| --- | --- |
| Anmeldungen (mit Warteliste, Antworten, Einlass) | {retention} Tage nach dem Ende der Veranstaltung, dann anonymisiert (Zahlen bleiben, niemand ist mehr erkennbar) |
| Anträge auf Freikarten | {retention} Tage nach der Veranstaltung, für die die Karten gelten, dann anonymisiert |
| Persönliche Links zu Anmeldung oder Antrag | bis {link_days} Tage nach der Veranstaltung, längstens bis zur Anonymisierung |
| Netzwerk-Profil mit Angeboten und Gesuchen | bis Sie es löschen, längstens {profile_days} Tage nach dem letzten Lebenszeichen, dann anonymisiert; unbestätigt {confirm_hours} Stunden |
| Gesprächsanfragen der Gesprächsbörse | wie die Anmeldungen der Veranstaltung |
| Kontaktanfragen außerhalb von Veranstaltungen | {contact_days} Tage nach Antwort oder Verfall |
| Nachrichten über „Kontakt“ und „Barriere melden“ | 180 Tage nach Eingang |
| Versendete E-Mails (ohne Inhalt) | {outbox_days} Tage |
| Prüfsummen zum Schutz vor Missbrauch | höchstens eine Stunde |
| Server-Protokolle | **[Bitte ergänzen: Speicherdauer, z. B. 7 Tage]** |
| Datensicherungen (Backups) | **[Bitte ergänzen: Rotation der Datensicherungen]**; eine zurückgespielte Sicherung wird sofort wieder nach diesen Fristen bereinigt |

## Hosting

Die Plattform läuft auf Servern von **[Bitte ergänzen: Name und Sitz des Hosters; Hinweis auf den
Vertrag zur Auftragsverarbeitung nach Art. 28 DSGVO]**.

## Ihre Rechte

Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17),
Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21),
und Sie können jede Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen (Art. 7 Absatz 3).

**So nutzen Sie sie selbst, ohne Konto:**

- Unter [Meine Daten](/meine-daten/) geben Sie Ihre E-Mail-Adresse ein. Sie erhalten **eine E-Mail**
  mit einem persönlichen Link zu jeder Anmeldung, jedem Antrag auf Freikarten und Ihrem Netzwerk-Profil
  – oder den Hinweis, dass unter der Adresse nichts gespeichert ist. Die E-Mail geht nur an diese Adresse.
- Auf der Seite hinter dem Link sehen Sie **alles, was wir gespeichert haben**, und laden es als Datei
  in einem maschinenlesbaren Format (JSON) herunter.
- Dort **widerrufen** Sie jede Einwilligung einzeln; wir speichern, wann.
- Dort **löschen** Sie Ihre Daten sofort. Was für die Durchführung einer Veranstaltung erhalten bleiben
  muss (zum Beispiel, dass Sie schon eingecheckt wurden), wird stattdessen anonymisiert; die Seite sagt
  Ihnen vorher, was davon betroffen ist.
- Ihre Angaben ändern Sie über den persönlichen Link Ihrer Anmeldung oder Ihres Profils.

Sie können uns auch über das [Kontaktformular](/kontakt/) oder an die oben genannte Adresse schreiben;
wir beantworten Auskunftsersuchen dann mit einer vollständigen Datei.

Sie können sich außerdem bei einer Datenschutz-Aufsichtsbehörde beschweren, zum Beispiel bei
**[Bitte ergänzen: zuständige Aufsichtsbehörde mit Anschrift]**.

Stand: **[Bitte ergänzen: Datum]**
"""


def _replace(apps, old: str, new: str) -> None:
    from revier.core.text import render_markdown

    Page = apps.get_model("pages", "Page")
    for page in Page.objects.filter(slug="datenschutz"):
        if page.body.strip() == old.strip():
            page.body = new
            page.body_html = render_markdown(new)
            page.save(update_fields=["body", "body_html"])


def name_every_processing(apps, schema_editor):
    _replace(apps, OLD, new_text())


def back_to_the_starting_text(apps, schema_editor):
    _replace(apps, new_text(), OLD)


class Migration(migrations.Migration):
    dependencies = [("pages", "0004_leichte_sprache_events_are_here")]

    operations = [migrations.RunPython(name_every_processing, back_to_the_starting_text)]
