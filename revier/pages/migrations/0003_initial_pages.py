"""The footer pages with German starting texts, in every installation (not only in the demo).

Existing pages are left alone: the operator may already have edited them. The places the operator
must fill in are marked “[Bitte ergänzen: …]” or “[Bitte prüfen: …]”. The texts live here, frozen,
so that a later change of wording does not rewrite history.
"""

from django.db import migrations

IMPRESSUM = """\
Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG) und § 18 Absatz 2 Medienstaatsvertrag (MStV).

## Betreiber

**[Bitte ergänzen: Name und Rechtsform des Betreibers]**  
**[Bitte ergänzen: Straße und Hausnummer]**  
**[Bitte ergänzen: Postleitzahl und Ort]**

Vertreten durch: **[Bitte ergänzen: vertretungsberechtigte Person, z. B. Geschäftsführung oder Leitung]**

## Kontakt

Telefon: **[Bitte ergänzen: Telefonnummer]**  
E-Mail: **[Bitte ergänzen: E-Mail-Adresse]**

Sie können uns auch über das [Kontaktformular](/kontakt/) schreiben.

## Register und Umsatzsteuer

**[Bitte ergänzen, falls vorhanden: Registergericht und Registernummer]**  
**[Bitte ergänzen, falls vorhanden: Umsatzsteuer-Identifikationsnummer nach § 27a Umsatzsteuergesetz]**

## Aufsichtsbehörde

**[Bitte ergänzen, falls vorhanden: zuständige Aufsichtsbehörde oder Zuwendungsgeber]**

## Verantwortlich für den Inhalt nach § 18 Absatz 2 MStV

**[Bitte ergänzen: Name und Anschrift der verantwortlichen Person]**

## Förderhinweis

**[Bitte ergänzen, falls zutreffend: Förderhinweis, z. B. Fördermittelgeber und Programm]**

## Haftung für Links

Diese Plattform enthält Links zu Websites anderer Anbieter. Für deren Inhalte sind allein die
jeweiligen Anbieter verantwortlich. Zum Zeitpunkt der Verlinkung haben wir keine Rechtsverstöße
erkannt. Wird uns eine Rechtsverletzung bekannt, entfernen wir den Link umgehend.

## Quelltext

Die Software dieser Plattform ist freie Software unter der Lizenz EUPL-1.2.
"""

DATENSCHUTZ = """\
Wir nehmen den Schutz Ihrer Daten ernst. Diese Plattform ist so gebaut, dass sie beim Lesen so
wenig Daten wie möglich verarbeitet. Hier erfahren Sie, welche Daten wir wann verarbeiten, warum
und wie lange.

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
- Daten, die Sie uns über ein Formular schicken, verwenden wir nur, um Ihr Anliegen zu bearbeiten.

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

Lesende erhalten keine Cookies. Nur Mitarbeitende der Redaktion, die sich in den Verwaltungsbereich
einloggen, erhalten ein Sitzungs-Cookie und ein Cookie zum Schutz vor gefälschten Formularen. Beide
sind technisch notwendig (§ 25 Absatz 2 Nummer 2 TDDDG) und werden beim Abmelden oder nach Ablauf
der Sitzung ungültig.

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

Zum Schutz vor massenhaft verschickten Nachrichten zählen wir, wie oft ein Formular von derselben
IP-Adresse abgeschickt wird. Dafür halten wir eine gekürzte Prüfsumme (Hash) Ihrer IP-Adresse
höchstens eine Stunde lang im Zwischenspeicher (Cache) des Servers. Die IP-Adresse selbst speichern wir mit Ihrer
Nachricht nicht.

Die Nachrichten werden **180 Tage nach Eingang automatisch gelöscht**, die Weiterleitungs-E-Mails im
Postfach der Redaktion nach **[Bitte ergänzen: Löschfrist des Redaktionspostfachs]**.

## Verwaltung der Inhalte

Wenn Mitarbeitende der Redaktion Inhalte ändern, protokollieren wir, wer was wann geändert hat.
So können wir Änderungen nachvollziehen.

## Hosting

Die Plattform läuft auf Servern von **[Bitte ergänzen: Name und Sitz des Hosters; Hinweis auf den
Vertrag zur Auftragsverarbeitung nach Art. 28 DSGVO]**.

## Ihre Rechte

Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16), Löschung (Art. 17),
Einschränkung der Verarbeitung (Art. 18), Datenübertragbarkeit (Art. 20) und Widerspruch (Art. 21).
Schreiben Sie uns dazu einfach über das [Kontaktformular](/kontakt/) oder an die oben genannte Adresse.

Sie können sich außerdem bei einer Datenschutz-Aufsichtsbehörde beschweren, zum Beispiel bei
**[Bitte ergänzen: zuständige Aufsichtsbehörde mit Anschrift]**.

Stand: **[Bitte ergänzen: Datum]**
"""

BARRIEREFREIHEIT = """\
**[Bitte ergänzen: Name des Betreibers]** ist bemüht, diese Plattform im Einklang mit den Vorschriften
des Behindertengleichstellungsgesetzes (BGG) und der Barrierefreie-Informationstechnik-Verordnung
(BITV 2.0) barrierefrei zugänglich zu machen **[Bitte prüfen: bei Stellen eines Landes gilt das
Landesrecht, z. B. das Barrierefreie-Websites-Gesetz des Landes]**.

Diese Erklärung zur Barrierefreiheit gilt für die Plattform unter **[Bitte ergänzen: Adresse der
Plattform, z. B. https://www.example.de]**.

## Stand der Vereinbarkeit mit den Anforderungen

Diese Plattform ist **[Bitte ergänzen nach der Prüfung: vollständig / teilweise]** mit der BITV 2.0
vereinbar.

Was wir dafür tun:

- Die Seiten beruhen auf KERN UX, dem Design-System der deutschen Verwaltung für barrierefreie Oberflächen.
- Alle Funktionen lassen sich mit der Tastatur bedienen. Ein Link „Zum Inhalt springen“ führt an der Navigation vorbei.
- Die Seiten passen sich an kleine Bildschirme an und lassen sich auf 200 Prozent vergrößern.
- Jeder Seitentyp wird bei jeder Änderung der Software automatisch auf Verstöße gegen die WCAG 2.1
  (Stufen A und AA) geprüft.
- Bilder in Artikeln haben einen Alternativtext. Formulare haben Beschriftungen und verständliche Fehlermeldungen.
- Es gibt eine Seite in [Leichter Sprache](/leichte-sprache/).

## Nicht barrierefreie Inhalte

Die folgenden Inhalte sind nicht oder nicht vollständig barrierefrei:

- **[Bitte ergänzen nach der Prüfung: Inhalte, die nicht barrierefrei sind, und warum, z. B. ältere
  PDF-Dokumente, die nicht barrierefrei aufbereitet sind]**
- **[Bitte ergänzen: wie diese Inhalte in barrierefreier Form zu bekommen sind, und bis wann Abhilfe geplant ist]**

## Erstellung dieser Erklärung

Diese Erklärung wurde am **[Bitte ergänzen: Datum]** erstellt.  
Sie beruht auf **[Bitte ergänzen: einer Selbstbewertung / einer Prüfung durch Dritte, z. B. BITV-Test
von …]**. Die Erklärung wurde zuletzt am **[Bitte ergänzen: Datum]** überprüft.

## Feedback und Kontakt

Ist Ihnen eine Barriere auf dieser Plattform aufgefallen? Oder brauchen Sie Informationen in einer
barrierefreien Form? Dann melden Sie sich bei uns:

- über das Formular [Barriere melden](/barriere-melden/),
- per E-Mail an **[Bitte ergänzen: E-Mail-Adresse]**,
- per Telefon unter **[Bitte ergänzen: Telefonnummer]**.

Wir antworten Ihnen so schnell wie möglich, spätestens innerhalb von **[Bitte ergänzen: Frist, z. B. sechs Wochen]**.

## Durchsetzungsverfahren

Wenn Sie auf Ihre Meldung keine zufriedenstellende Antwort bekommen, können Sie sich an die
Schlichtungsstelle nach § 16 BGG wenden. Die Schlichtungsstelle hilft, Konflikte zwischen Menschen
mit Behinderungen und öffentlichen Stellen des Bundes außergerichtlich zu lösen. Das Verfahren ist
kostenlos. Sie brauchen keinen Rechtsbeistand.

Schlichtungsstelle nach dem Behindertengleichstellungsgesetz  
bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen  
Mauerstraße 53, 10117 Berlin  
Telefon: 030 18 527-2805  
E-Mail: <info@schlichtungsstelle-bgg.de>  
Internet: <https://www.schlichtungsstelle-bgg.de>

**[Bitte prüfen: Für öffentliche Stellen eines Landes ist die Durchsetzungs- oder Schlichtungsstelle
des Landes zuständig. Ersetzen Sie dann diesen Abschnitt durch deren Anschrift.]**
"""

LEICHTE_SPRACHE = """\
## Was ist Revier?

Revier ist eine Internet-Seite.  
Sie ist für die Kohle-Regionen in Deutschland.  
Zum Beispiel für Mittel-Deutschland.  
Und für die Lausitz.

## Was ist eine Kohle-Region?

In einer Kohle-Region gibt es Kohle in der Erde.  
Viele Menschen haben dort lange in der Kohle gearbeitet.  
Die Kohle wurde in Kraft-Werken verbrannt.  
So wurde Strom gemacht.

## Was ändert sich?

Deutschland will bald keine Kohle mehr verbrennen.  
Das ist besser für das Klima.  
Deshalb ändert sich viel in den Kohle-Regionen.  
Es entstehen neue Firmen.  
Es entstehen neue Arbeits-Plätze.  
Das nennt man: Struktur-Wandel.

## Was finden Sie auf Revier?

Auf Revier finden Sie Nachrichten.  
Die Nachrichten sind über den Struktur-Wandel.  
Sie stehen unter: **Aktuelles**.

Bald finden Sie hier auch:

- Termine für Veranstaltungen.
- Firmen und Einrichtungen aus den Kohle-Regionen.
- Ergebnisse von Umfragen.

## Wer macht Revier?

Revier wird von einem Netzwerk gemacht.  
In dem Netzwerk arbeiten viele Menschen zusammen.  
Zum Beispiel aus Firmen.  
Und aus Hoch-Schulen.

## Sie haben eine Frage?

Dann schreiben Sie uns.  
Das geht hier: [Kontakt](/kontakt/).

## Sie können etwas auf Revier nicht gut benutzen?

Dann sagen Sie es uns bitte.  
Das geht hier: [Barriere melden](/barriere-melden/).  
Wir versuchen dann, das Problem zu lösen.
"""

KONTAKT = """\
Sie haben eine Frage, eine Anregung oder einen Hinweis für die Redaktion? Schreiben Sie uns.
Am einfachsten geht das mit dem Formular auf dieser Seite.

## Redaktion

**[Bitte ergänzen: Name der Redaktion oder des Betreibers]**  
**[Bitte ergänzen: Straße und Hausnummer]**  
**[Bitte ergänzen: Postleitzahl und Ort]**

Telefon: **[Bitte ergänzen: Telefonnummer]**  
E-Mail: **[Bitte ergänzen: E-Mail-Adresse]**

Ist Ihnen auf der Plattform eine Barriere aufgefallen? Dann nutzen Sie bitte das Formular
[Barriere melden](/barriere-melden/).
"""

PAGES = [
    ("impressum", "Impressum", IMPRESSUM),
    ("datenschutz", "Datenschutzerklärung", DATENSCHUTZ),
    ("barrierefreiheit", "Erklärung zur Barrierefreiheit", BARRIEREFREIHEIT),
    ("leichte-sprache", "Leichte Sprache", LEICHTE_SPRACHE),
    ("kontakt", "Kontakt", KONTAKT),
]


def create_pages(apps, schema_editor):
    from revier.core.text import render_markdown

    Page = apps.get_model("pages", "Page")
    for slug, title, body in PAGES:
        if not Page.objects.filter(slug=slug).exists():
            Page.objects.create(slug=slug, title=title, body=body, body_html=render_markdown(body))


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_staff_message")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
