"""Writes the demo's synthetic network profiles (../network_profiles.yaml) and the demo's
Gesprächsbörse requests (../network_meetings.yaml) from the hand-written phrase library below.

    .venv/bin/python revier/demo/tools/make_network_profiles.py

Seeded: the same files at every run. The YAML files are the data the loader reads; this script
only composes them (edit the YAML by hand for a single profile, or the library here and run it
again for all). Every person is invented; organisations are invented too (plausible names in
real places of the three coal regions), every profile is marked synthetic by the loader.
"""

import random
import re
import sys
import unicodedata
from pathlib import Path

import yaml

SEED = 20261216
COUNT = 200
DEMO_DIR = Path(__file__).resolve().parent.parent
UPCOMING_EVENT = "wasserstoff-werkstatt-fuer-kmu-2026"
PAST_EVENT = "kmu-im-strukturwandel-staerken-2024"
UPCOMING_PARTICIPANTS = 40
PAST_PARTICIPANTS = 10

FIRST_NAMES = """Annett Birgit Carsten Doreen Enrico Franziska Gunnar Heike Ingo Janine Kai Kerstin Lutz Mandy Marco
Nadine Olaf Petra Ralf Sabine Steffen Susann Thomas Ulrike Volker Wiebke Yannick Zoe Andreas Britta Christian Diana
Emil Frieda Georg Hanna Ilka Jakob Karla Leon Marlene Nico Paula Robert Sophie Tobias Vera Jonas Lea Mehmet Aylin
Pawel Agnieszka Dimitri Laura Matthias Judith Fabian Merle Konstantin Greta""".split()
LAST_NAMES = """Adler Bachmann Brettschneider Claus Domaschke Eckardt Fritzsche Gerlach Haberland Hentschel Jurack
Kaminski Kirsten Kleinert Kowalczyk Krautz Lehmann Liebscher Matschke Meinhardt Noack Ostermann Paschke Petzold
Rademacher Reinhold Richter Rudloff Schaller Schimansky Schwarzer Sommerfeld Stiebitz Tamm Trautmann Uhlig Vogler
Wachsmuth Wendt Winkler Zschoche Ziesche Broich Dahmen Esser Hambloch Jansen Kreutzer Lennartz Mertens Offermann
Pütz Schmitz Thelen Vossen Wirtz Zimmermanns Heinen Kuhnert Buschmann""".split()

# region: [(district, city or town)], for the profile's district field "Stadt, Kreis"
DISTRICTS = {
    "mitteldeutsch": [
        ("Burgenlandkreis", "Zeitz"), ("Burgenlandkreis", "Hohenmölsen"), ("Burgenlandkreis", "Weißenfels"),
        ("Saalekreis", "Leuna"), ("Saalekreis", "Merseburg"), ("Saalekreis", "Schkopau"), ("Saalekreis", "Bad Lauchstädt"),
        ("Landkreis Leipzig", "Borna"), ("Landkreis Leipzig", "Markkleeberg"), ("Landkreis Leipzig", "Böhlen"),
        ("Stadt Leipzig", "Leipzig"), ("Stadt Halle (Saale)", "Halle (Saale)"), ("Anhalt-Bitterfeld", "Bitterfeld-Wolfen"),
        ("Mansfeld-Südharz", "Sangerhausen"), ("Altenburger Land", "Altenburg"), ("Altenburger Land", "Meuselwitz"),
        ("Stadt Jena", "Jena"),
    ],
    "lausitz": [
        ("Stadt Cottbus", "Cottbus"), ("Spree-Neiße", "Spremberg"), ("Spree-Neiße", "Forst (Lausitz)"),
        ("Spree-Neiße", "Guben"), ("Oberspreewald-Lausitz", "Senftenberg"), ("Oberspreewald-Lausitz", "Schwarzheide"),
        ("Oberspreewald-Lausitz", "Lübbenau/Spreewald"), ("Elbe-Elster", "Finsterwalde"), ("Dahme-Spreewald", "Lübben"),
        ("Landkreis Görlitz", "Weißwasser/O.L."), ("Landkreis Görlitz", "Görlitz"), ("Landkreis Görlitz", "Boxberg/O.L."),
        ("Landkreis Görlitz", "Zittau"), ("Landkreis Bautzen", "Hoyerswerda"), ("Landkreis Bautzen", "Kamenz"),
        ("Landkreis Bautzen", "Bautzen"),
    ],
    "rheinisch": [
        ("Rhein-Erft-Kreis", "Bergheim"), ("Rhein-Erft-Kreis", "Kerpen"), ("Rhein-Erft-Kreis", "Hürth"),
        ("Rhein-Erft-Kreis", "Frechen"), ("Rhein-Erft-Kreis", "Elsdorf"), ("Kreis Düren", "Düren"), ("Kreis Düren", "Jülich"),
        ("Kreis Düren", "Inden"), ("Kreis Düren", "Niederzier"), ("Städteregion Aachen", "Aachen"),
        ("Städteregion Aachen", "Eschweiler"), ("Städteregion Aachen", "Alsdorf"), ("Rhein-Kreis Neuss", "Grevenbroich"),
        ("Rhein-Kreis Neuss", "Jüchen"), ("Kreis Heinsberg", "Erkelenz"), ("Stadt Mönchengladbach", "Mönchengladbach"),
    ],
}
# Rivers and landscapes that invented firm names borrow.
LANDSCAPES = {
    "mitteldeutsch": ["Saale", "Elster", "Pleiße", "Geiseltal", "Unstrut", "Mulde", "Leuna-Süd", "Zeitzer Forst"],
    "lausitz": ["Spree", "Neiße", "Lausitz", "Spreewald", "Schwarze Elster", "Seenland", "Niederlausitz", "Oberlausitz"],
    "rheinisch": ["Erft", "Rur", "Inde", "Niers", "Rheinland", "Ville", "Börde", "Jülicher Land"],
}
FAMILY_FIRMS = """Hartung Kettner Wendisch Sauer Pohle Gräfe Rothe Lindner Starke Heber Möbius Kunath Tietze Bräuer
Mahlow Grützner Lobeda Kremser Stolle Baldauf Hennig Deckert Ruhland Nitzsche Hilgers Wingen Schoenen Pesch Hamacher
Dohmen Stollwerk Kranz Frings Lambertz""".split()
LEGAL = ["GmbH", "GmbH", "GmbH & Co. KG", "GmbH", "KG", "UG (haftungsbeschränkt)", "GmbH"]

# Per topic: the trades of invented SMEs and large firms, invented institutes, associations, and
# the offers and needs as (title, text) with {a}/{b} slots filled from the topic's lists.
TOPICS = {
    "wasserstoff": {
        "trades": ["Elektrolysetechnik", "Gasanlagenbau", "Druckbehälterbau", "H2-Systemtechnik", "Rohrleitungsbau",
                   "Armaturen", "Brennstoffzellen-Service", "Gasmesstechnik"],
        "large": ["Chemiepark-Service", "Gasnetz", "Energie"],
        "institutes": ["Institut für Elektrochemische Verfahrenstechnik", "Wasserstoff-Anwenderzentrum",
                       "Technikum für Power-to-X"],
        "associations": ["Wasserstoffnetzwerk", "Initiative Grüner Wasserstoff"],
        "a": ["Elektrolyseure", "Wasserstoffleitungen", "Druckspeicher", "Brennstoffzellen", "Verdichter",
              "Dichtungen für Wasserstoff", "Tankstellen für Busse und Lkw", "PEM-Stacks", "Gasmischanlagen"],
        "b": ["im Chemiepark", "auf dem Werksgelände", "in der Gießerei", "im Fuhrpark", "in der Glasherstellung",
              "im Stadtbus-Betrieb", "an der Kläranlage", "im Gewerbegebiet"],
        "offers": [
            ("Prüfung von {d}", "Wir prüfen {a} auf Dichtheit, Werkstoffversprödung und Lebensdauer – im eigenen Prüffeld oder vor Ort."),
            ("Planung und Bau von Anlagen für {a}", "Von der Machbarkeitsstudie bis zur Inbetriebnahme: wir planen {a} und bauen sie mit eigenen Monteuren."),
            ("Wartung und Service für {a}", "Unser Serviceteam übernimmt Inspektion, Ersatzteile und Störungsbehebung für {a}, auch mit Bereitschaftsdienst."),
            ("Abwärme und Sauerstoff aus der Elektrolyse", "Bei unserer Elektrolyse fallen Wärme auf 60 °C und reiner Sauerstoff an, die wir Nachbarbetrieben überlassen würden."),
            ("Sicherheitskonzepte für Wasserstoff {b}", "Wir erstellen Explosionsschutzdokumente und Gefährdungsbeurteilungen für den Umgang mit Wasserstoff {b}."),
            ("Testfläche mit Wasserstoffanschluss", "Auf unserem Gelände steht eine Versuchsfläche mit Wasserstoffanschluss bereit, auf der Partner Komponenten im Dauerbetrieb erproben können."),
            ("Bedarfsanalyse Wasserstoff für Betriebe", "In zwei Terminen ermitteln wir, wo Wasserstoff {b} Erdgas ersetzen kann und was das kostet."),
            ("Fertigung von Komponenten für {a}", "Wir fertigen Bauteile für {a} in Kleinserie, mit Werkstoffzeugnis und Druckprüfung."),
        ],
        "needs": [
            ("Abnehmer für grünen Wasserstoff {b}", "Wir suchen Betriebe, die ab 2028 Wasserstoff in kleinen Mengen abnehmen wollen und mit uns eine Lieferkette aufbauen."),
            ("Partner für ein Pilotprojekt mit {d}", "Für ein Pilotvorhaben {b} fehlt uns ein Partner, der Erfahrung mit {d} mitbringt."),
            ("Lieferanten für {a}", "Wir brauchen verlässliche Lieferanten für {a} aus der Region, gern auch kleine Stückzahlen."),
            ("Forschungspartner zur Alterung von {d}", "Welches Institut untersucht mit uns, wie {a} im Wechselbetrieb altern? Ein gemeinsamer Förderantrag für ein Vorhaben {b} wäre denkbar."),
            ("Wasserstoffbedarf {b} bündeln", "Wir möchten den Bedarf mehrerer Betriebe {b} zusammenfassen, damit sich ein gemeinsamer Elektrolyseur rechnet."),
            ("Schulung im Umgang mit Wasserstoff", "Unsere Instandhalter sollen lernen, sicher an Wasserstoffanlagen zu arbeiten; gesucht ist ein Anbieter für Praxisschulungen."),
        ],
    },
    "waermewende": {
        "trades": ["Wärmepumpentechnik", "Heizungsbau", "Fernwärmetechnik", "Energieberatung", "Speichertechnik",
                   "Solarthermie", "Gebäudetechnik", "Dämmtechnik"],
        "large": ["Stadtwerke", "Wärmeversorgung", "Energiedienste"],
        "institutes": ["Institut für Wärmenetze und Speicher", "Kompetenzzentrum Kommunale Wärme"],
        "associations": ["Wärmenetzwerk", "Energieagentur"],
        "a": ["Großwärmepumpen", "Wärmenetze", "saisonale Wärmespeicher", "Flusswasser-Wärmepumpen", "Abwärmeleitungen",
              "Nahwärmeinseln", "Hochtemperatur-Wärmepumpen", "Pufferspeicher"],
        "b": ["im Quartier", "im Gewerbegebiet", "in der Altstadt", "für kommunale Gebäude", "im Plattenbaugebiet",
              "für Schulen und Turnhallen", "im Industriepark", "in Dörfern ohne Gasnetz"],
        "offers": [
            ("Kommunale Wärmeplanung {b}", "Wir erstellen Bestandsanalyse, Potenzialkarte und Zielszenario der Wärmeplanung {b} – mit Bürgerbeteiligung."),
            ("Installation von {d}", "Unser Handwerksbetrieb installiert {a} und übernimmt die hydraulische Einbindung in bestehende Heizungen."),
            ("Messdaten aus einem Wärmenetz", "Wir stellen anonymisierte Verbrauchs- und Temperaturdaten eines laufenden Wärmenetzes für Auswertungen zur Verfügung."),
            ("Industrielle Abwärme zur Nutzung", "Unsere Produktion gibt ganzjährig Abwärme zwischen 40 und 90 °C ab, die wir gern an ein Wärmenetz {b} abgeben."),
            ("Simulation von {d}", "Wir simulieren {a} mit realen Lastgängen und zeigen, welche Auslegung wirtschaftlich ist."),
            ("Energieberatung für Betriebe", "Geförderte Energieaudits für kleine Unternehmen, mit konkreten Maßnahmen zum Heizen ohne Erdgas."),
            ("Fläche für einen Wärmespeicher", "Auf einem ehemaligen Tagebau-Randgrundstück steht eine Fläche bereit, auf der ein großer Speicher gebaut werden könnte."),
        ],
        "needs": [
            ("Abnehmer für Abwärme {b}", "Wir suchen Betriebe oder Quartiere, die unsere Abwärme über eine kurze Leitung nutzen können."),
            ("Installateure für {a}", "Für mehrere Projekte {b} suchen wir Fachbetriebe, die {a} einbauen und warten."),
            ("Betreiber für ein Nahwärmenetz {b}", "Die Gemeinde sucht einen Partner, der ein Nahwärmenetz {b} baut und betreibt, etwa als Genossenschaft."),
            ("Erfahrungen mit {d}", "Wer hat {a} schon in Betrieb und teilt seine Erfahrungen zu Kosten, Lärm und Wirkungsgrad?"),
            ("Finanzierung der Wärmewende {b}", "Wir suchen Modelle, wie Bürgerinnen und Bürger sich an der Wärmeversorgung {b} beteiligen können."),
        ],
    },
    "ccs-ccu": {
        "trades": ["Gasreinigung", "Verfahrenstechnik", "Anlagenbau", "CO₂-Messtechnik", "Kalkwerk", "Zementwerk"],
        "large": ["Kalk", "Zement", "Chemie"],
        "institutes": ["Institut für Kohlenstoffkreisläufe", "Forschungsstelle CO₂-Nutzung"],
        "associations": ["Arbeitskreis CO₂-Infrastruktur", "Industrieinitiative Klimaneutrale Grundstoffe"],
        "a": ["Aminwäschen", "CO₂-Verdichter", "Rauchgasmessungen", "Methanolsynthese", "CO₂-Pipelines", "Mineralisierung",
              "Membranverfahren", "Kalzinieranlagen"],
        "b": ["am Kalkwerk", "an der Zementmühle", "im Heizkraftwerk", "an der Müllverbrennung", "am Chemiestandort",
              "an der Glashütte", "am Biogasstandort"],
        "offers": [
            ("Pilotanlage zur CO₂-Abscheidung", "Unsere Versuchsanlage scheidet bis zu 200 kg CO₂ am Tag ab; Partner können dort ihre Abgase testen."),
            ("Machbarkeitsstudien für {a}", "Wir bewerten technisch und wirtschaftlich, ob sich {a} {b} lohnen."),
            ("Unvermeidbares CO₂ für die Nutzung", "Wir haben jährlich einige tausend Tonnen prozessbedingtes CO₂ und stellen es für Nutzungsprojekte bereit."),
            ("Analytik für {a}", "Unser Labor begleitet {a} mit Gasanalysen und Stoffbilanzen."),
            ("Genehmigungsberatung für CO₂-Transport", "Wir kennen die Verfahren für CO₂-Leitungen und Zwischenlager und begleiten Sie durch Planfeststellung und Beteiligung."),
            ("Katalysatoren für die CO₂-Nutzung", "Wir entwickeln Katalysatoren, mit denen aus CO₂ und Wasserstoff Methanol oder Olefine werden."),
        ],
        "needs": [
            ("Nutzer für abgeschiedenes CO₂", "Wer kann CO₂ {b} sinnvoll weiterverwenden, etwa für Baustoffe oder Kraftstoffe?"),
            ("Partner für {a}", "Für ein Demonstrationsprojekt {b} suchen wir Erfahrung mit {d}."),
            ("Anschluss an ein CO₂-Netz", "Wir brauchen eine Perspektive, wie unser CO₂ ab 2030 abtransportiert wird, und suchen Mitstreiter für eine gemeinsame Leitung."),
            ("Wissenschaftliche Begleitung der Abscheidung", "Eine Hochschule soll unsere geplante Abscheidung {b} messen und die Ergebnisse auswerten."),
            ("Akzeptanzarbeit zu CO₂-Speicherung", "Wir suchen Partner, die mit uns Bürgerdialoge zur CO₂-Speicherung und zum Transport vorbereiten."),
        ],
    },
    "photonik": {
        "trades": ["Präzisionsoptik", "Lasertechnik", "Optische Messtechnik", "Photonik-Systeme", "Feinwerktechnik",
                   "Bildverarbeitung", "Optikbeschichtung"],
        "large": ["Optik", "Lasersysteme"],
        "institutes": ["Institut für angewandte Photonik", "Applikationszentrum Optische Technologien"],
        "associations": ["Photonik-Netzwerk", "Cluster Optische Technologien"],
        "a": ["Laserschweißen", "Hyperspektralkameras", "Faserlaser", "Asphären", "optische Sensoren",
              "Lidar-Module", "Mikrooptiken", "Inline-Messtechnik", "Ultrakurzpulslaser"],
        "b": ["in der Lebensmittelkontrolle", "in der Batteriefertigung", "im Recycling", "in der Landwirtschaft",
              "in der Medizintechnik", "an Windkraftanlagen", "in der Qualitätssicherung"],
        "offers": [
            ("Applikationslabor für {a}", "In unserem Labor erproben Sie {a} an Ihren eigenen Bauteilen, bevor Sie investieren."),
            ("Entwicklung optischer Prüfsysteme", "Wir entwickeln Prüfsysteme mit {d} für den Einsatz {b} – vom Prototyp bis zur Kleinserie."),
            ("Fertigung von Präzisionsoptiken", "Linsen, Prismen und Spiegel nach Zeichnung, mit Beschichtung und Messprotokoll."),
            ("Gemeinsamer Messestand auf der W3+ Fair", "Auf der W3+ Fair in Jena haben wir Platz für zwei Mitaussteller aus dem Revier, die ihre Technik zeigen wollen."),
            ("Laserbearbeitung im Lohnauftrag", "Wir schneiden, schweißen und strukturieren mit {d} im Lohnauftrag, auch Einzelstücke."),
            ("Auswertung von Bilddaten mit KI", "Unsere Software erkennt Fehler in Kamerabildern {b} und lernt mit wenigen Beispielen."),
        ],
        "needs": [
            ("Anwender für {a} {b}", "Wir suchen Betriebe, die {a} {b} einsetzen wollen und mit uns einen Feldtest machen."),
            ("Mitaussteller für die W3+ Fair", "Für die nächste W3+ Fair in Jena suchen wir Partner für einen Gemeinschaftsstand zum Thema Optik im Strukturwandel."),
            ("Fachkräfte für die Optikfertigung", "Wir suchen Feinoptikerinnen und Feinoptiker sowie Quereinsteiger, die wir selbst anlernen."),
            ("Partner für ein Verbundprojekt zu {d}", "Für einen Förderantrag zu {d} fehlt uns ein Industriepartner mit eigener Fertigung."),
            ("Reinraumkapazität auf Zeit", "Wir brauchen für ein halbes Jahr Reinraumfläche in der Nähe, um eine Kleinserie zu montieren."),
        ],
    },
    "fachkraefte": {
        "trades": ["Personaldienstleistung", "Bildungswerk", "Weiterbildung", "Ausbildungsverbund"],
        "large": ["Bildung", "Industrieservice"],
        "institutes": ["Zentrum für berufliche Bildung", "Institut für Arbeit und Qualifizierung"],
        "associations": ["Unternehmerverband", "Ausbildungsverbund", "Fachkräfteallianz"],
        "a": ["Elektronikerinnen und Elektroniker", "Anlagenmechaniker", "Mechatronikerinnen", "Schweißfachkräfte",
              "Ingenieurinnen für Verfahrenstechnik", "Kaufleute für Büromanagement", "Berufskraftfahrer", "Chemikanten"],
        "b": ["aus dem Kraftwerk", "aus dem Tagebau", "aus der Braunkohleveredlung", "aus Polen und Tschechien",
              "nach der Elternzeit", "aus der Pflege", "nach dem Studium"],
        "offers": [
            ("Umschulung von Beschäftigten {b}", "Wir qualifizieren Beschäftigte {b} in zwölf Monaten für neue Aufgaben, berufsbegleitend und mit Praxisphasen."),
            ("Ausbildungsplätze im Verbund", "Kleine Betriebe können bei uns Teile der Ausbildung für {a} übernehmen lassen, die sie selbst nicht abdecken."),
            ("Praktikumsplätze für Schülerinnen und Schüler", "Jedes Jahr bieten wir Schnupperpraktika an und stellen unseren Betrieb an Schulen vor."),
            ("Willkommensservice für Zugezogene", "Wir helfen neuen Fachkräften bei Wohnung, Kita-Platz und Behördengängen, damit sie bleiben."),
            ("Weiterbildung Wasserstoff und Wärmepumpe", "Kurse für Handwerk und Instandhaltung, mit Prüfungsvorbereitung und Übungsanlage."),
            ("Erfahrung im Personalwechsel {b}", "Wir haben über hundert Beschäftigte {b} übernommen und teilen, was dabei gut und was schlecht lief."),
        ],
        "needs": [
            ("{a} gesucht", "Wir stellen {a} ein, gern auch Quereinsteiger {b}, und bezahlen die Weiterbildung."),
            ("Partner für einen Ausbildungsverbund", "Wir bilden zu wenige Lehrlinge aus, um allein Berufsschulklassen zu füllen, und suchen Betriebe für einen Verbund."),
            ("Wohnraum für Auszubildende", "Unsere Auszubildenden pendeln weit; wir suchen Vermieter oder Kommunen, die Azubi-Wohnen anbieten."),
            ("Sprachkurse für neue Mitarbeitende", "Für Kolleginnen und Kollegen aus dem Ausland suchen wir berufsbezogene Deutschkurse am Standort."),
            ("Ideen, wie wir Personal halten", "Wie binden andere kleine Betriebe ihre Leute, wenn große Ansiedlungen höhere Löhne zahlen?"),
        ],
    },
    "foerderung": {
        "trades": ["Fördermittelberatung", "Projektentwicklung", "Unternehmensberatung"],
        "large": ["Beteiligungen"],
        "institutes": ["Transferstelle", "Innovationsbüro"],
        "associations": ["Förderlotsen", "Strukturwandelbüro"],
        "a": ["Anträge aus dem Strukturstärkungsgesetz", "Projektskizzen für das Bundesmodellvorhaben",
              "EFRE-Anträge", "Förderanträge beim ZIM", "Verwendungsnachweise", "Anträge für Investitionszuschüsse"],
        "b": ["für Handwerksbetriebe", "für Start-ups", "für Vereine", "für Gemeinden unter 10.000 Einwohnern",
              "für Forschungsverbünde", "für Familienunternehmen"],
        "offers": [
            ("Hilfe bei {d}", "Wir schreiben mit Ihnen {a}, prüfen die Förderfähigkeit und halten Fristen im Blick."),
            ("Sprechstunde Förderung {b}", "Jeden ersten Dienstag im Monat beraten wir kostenfrei {b} zu passenden Programmen."),
            ("Übersicht über laufende Förderaufrufe", "Wir verschicken monatlich eine kurze Übersicht der offenen Förderaufrufe für die drei Reviere."),
            ("Kofinanzierung durch Beteiligungskapital", "Unser Fonds beteiligt sich an Vorhaben im Revier, wenn Fördermittel allein nicht reichen."),
            ("Projektmanagement für Verbundvorhaben", "Wir koordinieren Verbünde aus Unternehmen und Hochschulen und übernehmen das Berichtswesen."),
        ],
        "needs": [
            ("Projektideen für den nächsten Förderaufruf", "Wir suchen Betriebe mit konkreten Innovationsideen, die wir {b} in einen Antrag übersetzen können."),
            ("Unterstützung bei {d}", "Uns fehlt die Erfahrung mit {d}; wer hilft uns beim ersten Antrag?"),
            ("Verbundpartner für einen Förderantrag", "Für einen Verbundantrag brauchen wir noch ein Unternehmen aus einem anderen Revier."),
            ("Eigenanteil für ein Förderprojekt", "Unser Projekt ist bewilligt, doch der Eigenanteil fehlt; gesucht sind Mitinvestoren oder ein Darlehen."),
        ],
    },
    "kreislaufwirtschaft": {
        "trades": ["Recycling", "Entsorgung", "Rückbau", "Sekundärrohstoffe", "Kunststoffverwertung", "Baustoffrecycling"],
        "large": ["Entsorgung", "Recycling"],
        "institutes": ["Institut für Rohstoffkreisläufe", "Forschungsgruppe Ressourceneffizienz"],
        "associations": ["Netzwerk Kreislaufwirtschaft", "Initiative Zirkuläres Bauen"],
        "a": ["Kraftwerksasche", "Gips aus der Rauchgasentschwefelung", "Altbeton", "Kunststoffabfälle", "Altholz",
              "Solarmodule", "Elektroschrott", "Klärschlamm", "Rotorblätter"],
        "b": ["aus dem Kraftwerksrückbau", "aus dem Wohnungsrückbau", "aus der Produktion", "aus Gewerbeabfällen",
              "aus der Landwirtschaft"],
        "offers": [
            ("Aufbereitung von {d}", "Wir bereiten {a} {b} so auf, dass daraus wieder ein Rohstoff mit Güteüberwachung wird."),
            ("Rückbauplanung mit Wertstoffkataster", "Vor dem Abriss erfassen wir alle Bauteile und Stoffe und zeigen, was sich wiederverwenden lässt."),
            ("Sekundärrohstoff in großen Mengen", "Wir haben jährlich mehrere tausend Tonnen {a} und suchen dafür eine hochwertige Verwendung."),
            ("Ökobilanzen für Produkte", "Wir rechnen den CO₂-Fußabdruck Ihrer Produkte nach Norm und zeigen Einsparungen durch Recyclingmaterial."),
            ("Sortieranlage für Versuche", "Unsere Sortieranlage kann für Versuchsläufe mit neuen Stoffströmen gemietet werden."),
        ],
        "needs": [
            ("Verwerter für {a}", "Wer nimmt {a} {b} ab und macht daraus ein neues Produkt?"),
            ("Prüflabor für Recyclingbaustoffe", "Für die Zulassung unseres Recyclingbaustoffs suchen wir ein Labor, das die Prüfungen nach Norm übernimmt."),
            ("Partner für die Rücknahme von {d}", "Wir wollen ein Rücknahmesystem für {a} aufbauen und suchen Logistik- und Verwertungspartner."),
            ("Abnehmer für recycelten Kunststoff", "Unser Regranulat hat Neuware-Qualität; gesucht sind Spritzgießer, die es testen."),
        ],
    },
    "digitalisierung": {
        "trades": ["Softwareentwicklung", "IT-Systemhaus", "Industrie-4.0-Lösungen", "Datenanalyse", "IT-Sicherheit"],
        "large": ["IT-Dienste", "Rechenzentrum"],
        "institutes": ["Digitalisierungszentrum", "Institut für vernetzte Produktion"],
        "associations": ["Digitalnetzwerk", "Initiative Smarte Region"],
        "a": ["digitale Zwillinge", "vorausschauende Wartung", "Energiemanagementsysteme", "Sensornetze",
              "ERP-Systeme", "IT-Sicherheitskonzepte", "Lagerverwaltung per Funketikett", "Maschinendatenerfassung"],
        "b": ["in Handwerksbetrieben", "in der Gießerei", "in Kommunen", "im Anlagenbau", "in der Lebensmittelproduktion",
              "in der Landwirtschaft", "im Fuhrpark"],
        "offers": [
            ("Einführung von {d}", "Wir führen {a} {b} ein, beginnen klein und schulen Ihre Leute vor Ort."),
            ("Rechenkapazität mit Abwärmenutzung", "Unser Rechenzentrum im Revier bietet Serverfläche, die Abwärme heizt ein benachbartes Quartier."),
            ("Digitalisierungs-Check für KMU", "Ein Tag im Betrieb, danach ein Fahrplan mit drei Schritten, die sich im ersten Jahr bezahlt machen."),
            ("Offene Datenplattform für Energiedaten", "Wir betreiben eine Plattform, auf der Betriebe Messdaten teilen und gemeinsam auswerten können."),
            ("Schutz vor Cyberangriffen", "Wir prüfen Ihre IT und Anlagensteuerung auf Schwachstellen und üben mit Ihnen den Ernstfall."),
        ],
        "needs": [
            ("Pilotbetrieb für {a}", "Wir suchen einen Betrieb, der {a} im laufenden Betrieb mit uns erprobt."),
            ("Entwickler für eine Branchenlösung", "Für eine Software {b} suchen wir ein Entwicklungsteam aus der Region."),
            ("Daten für ein Forschungsprojekt", "Für die Entwicklung von {d} brauchen wir echte Betriebsdaten von Partnern."),
            ("Glasfaser im Gewerbegebiet", "Unser Standort hat kein schnelles Netz; wir suchen Nachbarn, die mit uns einen Anschluss beantragen."),
        ],
    },
    "batterien": {
        "trades": ["Batteriesysteme", "Batteriemontage", "Speichertechnik", "Elektromobilität", "Zellprüfung"],
        "large": ["Batteriematerialien", "Speicher"],
        "institutes": ["Batterieforschungszentrum", "Institut für elektrochemische Speicher"],
        "associations": ["Batterienetzwerk", "Speicherallianz"],
        "a": ["Lithium-Eisenphosphat-Zellen", "Natrium-Ionen-Zellen", "Batteriespeicher für Gewerbe",
              "Second-Life-Speicher", "Kathodenmaterialien", "Batteriemodule", "Großspeicher am Netz"],
        "b": ["für Landwirtschaftsbetriebe", "für Ladeparks", "im Gewerbegebiet", "für Stadtwerke",
              "für Handwerksbetriebe mit Photovoltaik", "für Baustellen"],
        "offers": [
            ("Prüfung von {d}", "Unser Prüffeld testet {a} auf Zyklenfestigkeit, Sicherheit und Temperaturverhalten."),
            ("Montage von {d}", "Wir montieren {a} {b} und übernehmen die Anmeldung beim Netzbetreiber."),
            ("Zweites Leben für Fahrzeugbatterien", "Wir bewerten gebrauchte Fahrzeugbatterien und bauen daraus stationäre Speicher."),
            ("Recycling von Batterien", "Wir entladen, zerlegen und sortieren Altbatterien und gewinnen Schwarzmasse für die Rohstoffrückgewinnung."),
            ("Materialanalytik für Zellen", "Unser Labor untersucht Elektroden und Elektrolyte nach Alterung oder Schaden."),
        ],
        "needs": [
            ("Abnehmer für {a}", "Wir suchen Pilotkunden, die {a} {b} einsetzen."),
            ("Zulieferer für Gehäuse und Kühlung", "Für unsere Batteriemodule suchen wir Metallbauer und Kunststoffverarbeiter aus der Region."),
            ("Flächen für einen Großspeicher", "Wir suchen Flächen nahe einem Umspannwerk, auf denen ein Batteriespeicher gebaut werden kann."),
            ("Forschungspartner für {a}", "Wer untersucht mit uns die Alterung von {d} unter realen Bedingungen?"),
        ],
    },
    "biooekonomie": {
        "trades": ["Biogas", "Holzverarbeitung", "Pflanzenfasern", "Bioraffinerie", "Agrartechnik", "Naturdämmstoffe"],
        "large": ["Agrar", "Holzwerkstoffe"],
        "institutes": ["Institut für Bioraffinerie", "Zentrum für nachwachsende Rohstoffe"],
        "associations": ["Bioökonomie-Netzwerk", "Agrarinitiative"],
        "a": ["Hanffasern", "Miscanthus", "Stroh", "Holzreste", "Gärreste", "Algen", "Lignin", "Pilzmyzel"],
        "b": ["von Rekultivierungsflächen", "aus dem Spreewald", "aus der Forstwirtschaft", "aus der Zuckerfabrik",
              "von Agri-PV-Flächen", "aus der Landschaftspflege"],
        "offers": [
            ("Rohstoff {a} in gleichbleibender Qualität", "Wir liefern {a} {b} ganzjährig und mit Herkunftsnachweis."),
            ("Technikum für die Verarbeitung von {d}", "In unserem Technikum lassen sich Verfahren für {a} vom Labor bis in den Tonnenmaßstab erproben."),
            ("Anbauversuche auf Bergbaufolgeflächen", "Wir bewirtschaften rekultivierte Flächen und testen dort neue Kulturen für die stoffliche Nutzung."),
            ("Biomethan aus Reststoffen", "Unsere Biogasanlage kann Biomethan einspeisen und sucht zusätzliche Reststoffe."),
            ("Bauteile aus Naturfasern", "Wir pressen Platten und Formteile aus Naturfasern für Möbel, Fahrzeuge und Verpackungen."),
        ],
        "needs": [
            ("Abnehmer für {a}", "Wir suchen Verarbeiter, die {a} {b} stofflich nutzen, statt es zu verbrennen."),
            ("Partner für eine Bioraffinerie", "Für eine kleine Bioraffinerie suchen wir Betriebe, die Reststoffe liefern oder Produkte abnehmen."),
            ("Flächen für den Anbau von {d}", "Wir suchen Landwirte, die auf Probe {a} anbauen und die Ernte an uns verkaufen."),
            ("Genehmigungserfahrung für Biogas", "Wer hat schon eine Erweiterung einer Biogasanlage genehmigt bekommen und teilt die Erfahrung?"),
        ],
    },
    "innovation": {
        "trades": ["Gründerzentrum", "Maschinenbau", "Sondermaschinenbau", "Metallbau", "Kunststofftechnik"],
        "large": ["Industriewerke"],
        "institutes": ["Transferzentrum", "Innovationslabor"],
        "associations": ["Gründernetzwerk", "Innovationsinitiative"],
        "a": ["Sondermaschinen", "Prototypen", "Vorrichtungen", "Leichtbauteile", "3D-gedruckte Metallteile",
              "Schweißbaugruppen", "Kleinserien"],
        "b": ["für Start-ups", "für die Energiebranche", "für den Anlagenbau", "für die Bahntechnik", "für Forschungsprojekte"],
        "offers": [
            ("Fertigung von {d}", "Wir fertigen {a} {b} in kurzer Zeit, mit eigener Konstruktion."),
            ("Werkstatt und Büros für Gründende", "In unserem Zentrum stehen Werkstattflächen und Büros zu günstigen Mieten bereit, mit Beratung im Haus."),
            ("Erfahrung im Wechsel des Geschäftsfelds", "Wir waren Zulieferer der Kohle und haben neue Kunden gefunden; wir erzählen gern, wie."),
            ("Kreativworkshops für neue Produkte", "Wir moderieren Workshops, in denen Teams aus Ihrem Betrieb Ideen für neue Produkte entwickeln."),
        ],
        "needs": [
            ("Neue Kunden für unsere Fertigung", "Unsere Fräs- und Schweißkapazitäten sind nicht ausgelastet; wir suchen Aufträge {b}."),
            ("Partner mit Marktzugang", "Unser Prototyp funktioniert, nun brauchen wir einen Partner mit Vertrieb."),
            ("Gründende mit technischer Idee", "Wir suchen Teams, die ihre Idee bei uns bauen und testen möchten."),
        ],
    },
    "mobilitaet": {
        "trades": ["Fahrzeugbau", "Schienenfahrzeug-Service", "Ladeinfrastruktur", "Logistik"],
        "large": ["Verkehrsbetriebe", "Bahntechnik"],
        "institutes": ["Institut für Verkehrssysteme"],
        "associations": ["Mobilitätsnetzwerk"],
        "a": ["Ladesäulen", "Wasserstoffbusse", "Rufbusse", "Lastenräder", "Elektro-Lkw", "Werksverkehre"],
        "b": ["im ländlichen Raum", "für Pendler", "im Gewerbegebiet", "zwischen den Dörfern"],
        "offers": [
            ("Planung von {d} {b}", "Wir planen {a} {b} und kümmern uns um Netzanschluss und Abrechnung."),
            ("Werkstatt für Nutzfahrzeuge mit alternativen Antrieben", "Unsere Werkstatt wartet Busse und Lkw mit Batterie- und Wasserstoffantrieb."),
            ("Mitfahrangebot für Beschäftigte", "Wir organisieren Fahrgemeinschaften für Betriebe im Gewerbegebiet."),
        ],
        "needs": [
            ("Betreiber für {a}", "Wir suchen einen Betreiber, der {a} {b} übernimmt."),
            ("Erfahrungen mit {d}", "Wer setzt {a} bereits ein und berichtet uns von Kosten und Zuverlässigkeit?"),
        ],
    },
}

TOPIC_WEIGHTS = {"wasserstoff": 16, "waermewende": 13, "ccs-ccu": 8, "photonik": 10, "fachkraefte": 12,
                 "foerderung": 8, "kreislaufwirtschaft": 9, "digitalisierung": 9, "batterien": 8, "biooekonomie": 7,
                 "innovation": 5, "mobilitaet": 4}
# kind: (share, functions)
KINDS = {
    "kmu": (52, ["Geschäftsführerin", "Geschäftsführer", "Inhaber", "Inhaberin", "Technische Leiterin",
                 "Vertriebsleiter", "Projektleiterin", "Leiter Entwicklung", "Prokuristin"]),
    "gross": (8, ["Leiterin Energie", "Standortleiter", "Leiter Einkauf", "Referentin Nachhaltigkeit"]),
    "wissenschaft": (15, ["Professorin", "Professor", "Gruppenleiter", "Wissenschaftliche Mitarbeiterin",
                          "Transferbeauftragter"]),
    "verwaltung": (9, ["Wirtschaftsförderin", "Wirtschaftsförderer", "Klimaschutzmanagerin", "Leiter Stabsstelle Strukturwandel"]),
    "kammer": (8, ["Innovationsberaterin", "Referent Energie", "Geschäftsführerin", "Ausbildungsberater"]),
    "politik": (3, ["Mitglied des Kreistags", "Referentin im Abgeordnetenbüro", "Ortsbürgermeister"]),
    "zivil": (5, ["Vorstand", "Vorständin", "Projektkoordinatorin", "Sprecher"]),
}

DESCRIPTION_OPENERS = {
    "kmu": ["Familienbetrieb in {gen} Generation mit {staff} Beschäftigten.", "Mittelständischer Betrieb mit {staff} Mitarbeitenden, gegründet {year}.",
            "Wir sind ein Betrieb mit {staff} Beschäftigten und einer eigenen Werkstatt.", "Seit {year} am Markt, heute {staff} Leute im Team."],
    "gross": ["Standort eines Industrieunternehmens mit rund {big} Beschäftigten.", "Unser Werk beschäftigt {big} Menschen und ist einer der großen Arbeitgeber im Kreis."],
    "wissenschaft": ["Forschungsgruppe mit {staff} Mitarbeitenden, eng verbunden mit der Industrie der Region.",
                     "Anwendungsnahe Forschung, gegründet {year}, mit Technikum und Labor.",
                     "Wir bringen Ergebnisse aus der Forschung in Betriebe – mit {staff} Köpfen."],
    "verwaltung": ["Wir begleiten Unternehmen bei Ansiedlung, Erweiterung und Genehmigungen.",
                   "Ansprechpartner der Kommune für Betriebe und Investoren im Strukturwandel."],
    "kammer": ["Wir vertreten rund {big} Mitgliedsbetriebe und beraten sie im Wandel.",
               "Verband mit {staff} Mitgliedsunternehmen, seit {year} aktiv."],
    "politik": ["Wir möchten Anliegen der Betriebe vor Ort aufnehmen und in die Gremien tragen.",
                "Politische Arbeit für den Strukturwandel im Wahlkreis, offen für Gespräche."],
    "zivil": ["Ehrenamtlich getragene Initiative mit {staff} Mitgliedern.", "Seit {year} bringen wir Menschen vor Ort zusammen."],
}
DESCRIPTION_FOCUS = [
    "In {city} arbeiten wir vor allem zu {topics}.", "Von {city} aus liegen unsere Schwerpunkte bei {topics}.",
    "Im Netzwerk suchen wir von {city} aus Austausch zu {topics}.", "Erfahrung haben wir in {city} vor allem mit {topics}.",
    "Gesprächspartner suchen wir besonders zu {topics}, gern auch außerhalb von {city}.",
]
DESCRIPTION_CLOSERS = [
    "Kurze Wege und schnelle Entscheidungen sind uns wichtig.", "Wir sind offen für Kooperationen über die Reviergrenzen hinweg.",
    "Gern auch kleine gemeinsame Vorhaben zum Ausprobieren.", "Unser Ziel: Wertschöpfung in der Region halten.",
    "Wir freuen uns über Anfragen aus allen drei Revieren.", "", "", "",
]
TOPIC_NAMES = {"wasserstoff": "grünem Wasserstoff", "waermewende": "der Wärmewende", "ccs-ccu": "CO₂-Abscheidung und -Nutzung",
               "photonik": "Optik und Photonik", "fachkraefte": "Fachkräften", "foerderung": "Förderung",
               "kreislaufwirtschaft": "Kreislaufwirtschaft", "digitalisierung": "Digitalisierung",
               "batterien": "Batterien und Speichern", "biooekonomie": "Bioökonomie", "innovation": "neuen Produkten",
               "mobilitaet": "Mobilität"}
def _ascii(text: str) -> str:
    text = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "-")


SINGULAR_ENDING_E = {"Kraftwerksasche", "Methanolsynthese", "Pilzmyzel"}


def dative(phrase: str) -> str:
    """The library's noun phrases (plural, or a singular without article) after "von", "mit", "zu",
    "bei": plural nouns ending in -e, -er or -el take -n ("mit Verdichtern"), adjectives -n, or -r
    before a feminine singular ("bei vorausschauender Wartung"); what follows für/aus/am stays."""
    head, tail = phrase, ""
    for joint in (" für ", " aus ", " am ", " beim ", " per "):
        if joint in phrase:
            head, tail = phrase.split(joint, 1)
            tail = joint + tail
            break
    words = head.split(" ")
    result = []
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word == "und" or word in SINGULAR_ENDING_E or word.endswith(("n", "s", "Lkw")):
            result.append(word)
        elif not word[0].isupper() and word.endswith("e"):
            result.append(word + ("r" if following.endswith("ung") else "n"))
        elif word.endswith(("e", "er", "el")):
            result.append(word + "n")
        else:
            result.append(word)
    return " ".join(result) + tail


def _weighted(rng: random.Random, weights: dict) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] if isinstance(weights[key], int) else weights[key][0] for key in keys])[0]


def _organisation(rng: random.Random, kind: str, region: str, topic: str, town: str) -> str:
    library = TOPICS[topic]
    city = town.split(" (")[0].split("/")[0]
    landscape = rng.choice(LANDSCAPES[region])
    if kind == "kmu":
        pattern = rng.randrange(4)
        trade = rng.choice(library["trades"])
        if pattern == 0:
            return f"{rng.choice(FAMILY_FIRMS)} {trade} {rng.choice(LEGAL)}"
        if pattern == 1:
            return f"{landscape} {trade} {rng.choice(LEGAL)}"
        if pattern == 2:
            return f"{trade} {rng.choice(FAMILY_FIRMS)} & {rng.choice(FAMILY_FIRMS)} {rng.choice(LEGAL)}"
        return f"{rng.choice(FAMILY_FIRMS)} {trade} {city} {rng.choice(LEGAL)}"
    if kind == "gross":
        return f"{landscape} {rng.choice(library['large'])} {rng.choice(['AG', 'GmbH', 'SE'])}"
    if kind == "wissenschaft":
        return f"{rng.choice(library['institutes'])} {city}"
    if kind == "verwaltung":
        return rng.choice([f"Stabsstelle Strukturwandel {city}", f"Wirtschaftsförderung {city}",
                           f"Klimaschutzmanagement {city}", f"Amt für Wirtschaft und Tourismus {city}"])
    if kind == "kammer":
        return f"{rng.choice(library['associations'])} {landscape} e. V."
    if kind == "politik":
        return rng.choice([f"Abgeordnetenbüro im Wahlkreis {city}", f"Ausschuss für Strukturentwicklung, Kreistag ({city})",
                           f"Ortschaftsrat {city}"])
    return rng.choice([f"Bürgerenergie {landscape} eG", f"Zukunftswerkstatt {landscape} e. V.",
                       f"Verein Lebendiges {landscape} e. V.", f"Energiegenossenschaft {city} eG"])


# Where a sentence ends ("O.L. aus" goes on).
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")


class Writer:
    """Fills the library's templates and refuses any sentence used before (varied vocabulary)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used_sentences: set[str] = set()
        self.used_titles: set[tuple[str, str]] = set()

    def entry(self, topic: str, direction: str, owner: str) -> dict | None:
        library = TOPICS[topic]
        for _ in range(60):
            title, text = self.rng.choice(library["offers" if direction == "offer" else "needs"])
            a = self.rng.choice(library["a"])
            values = {"a": a, "d": dative(a), "b": self.rng.choice(library["b"])}
            title, text = title.format(**values), text.format(**values)
            sentences = SENTENCE_END.split(text)
            if (owner, title) in self.used_titles or any(sentence in self.used_sentences for sentence in sentences):
                continue
            self.used_titles.add((owner, title))
            self.used_sentences.update(sentences)
            return {"title": title[0].upper() + title[1:], "text": text, "topics": [topic]}
        return None

    def _sentence(self, make) -> str:
        """A sentence from `make()` not used before ("" after 60 tries)."""
        for _ in range(60):
            sentence = make()
            if sentence and sentence not in self.used_sentences:
                self.used_sentences.add(sentence)
                return sentence
        return ""

    def description(self, kind: str, topics: list[str], city: str) -> str:
        rng = self.rng
        names = [TOPIC_NAMES[topic] for topic in topics]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " und " + names[-1]
        opener = self._sentence(lambda: rng.choice(DESCRIPTION_OPENERS[kind]).format(
            gen=rng.choice(["zweiter", "dritter", "vierter"]), staff=rng.randint(6, 180), big=rng.randrange(400, 4000, 50),
            year=rng.randint(1991, 2022)))
        focus = self._sentence(lambda: rng.choice(DESCRIPTION_FOCUS).format(topics=joined, city=city))
        closer = self._sentence(lambda: rng.choice(DESCRIPTION_CLOSERS)) if rng.random() < 0.5 else ""
        return " ".join(sentence for sentence in (opener, focus, closer) if sentence)


def make_profiles() -> list[dict]:
    rng = random.Random(SEED)
    writer = Writer(rng)
    names = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(names)
    regions = ["mitteldeutsch"] * 9 + ["lausitz"] * 8 + ["rheinisch"] * 7
    profiles, organisations = [], set()
    for n in range(COUNT):
        first, last = names[n]
        kind = _weighted(rng, KINDS)
        region = rng.choice(regions)
        topic_count = rng.choice([1, 2, 2, 2, 3])
        topics = []
        while len(topics) < topic_count:
            topic = _weighted(rng, TOPIC_WEIGHTS)
            if topic not in topics:
                topics.append(topic)
        if "photonik" in topics and rng.random() < 0.5 and region == "mitteldeutsch":
            district, city = "Stadt Jena", "Jena"
        else:
            district, city = rng.choice(DISTRICTS[region])
        organisation = _organisation(rng, kind, region, topics[0], city)
        while organisation in organisations:
            organisation = _organisation(rng, kind, region, topics[0], city)
        organisations.add(organisation)
        owner = f"{first}.{last}"
        description = writer.description(kind, topics, city)
        offers = [e for e in (writer.entry(rng.choice(topics), "offer", owner) for _ in range(rng.choice([1, 2, 2, 3, 4]))) if e]
        needs = [e for e in (writer.entry(rng.choice(topics), "need", owner) for _ in range(rng.choice([1, 1, 2, 3]))) if e]
        # A topic whose phrases are used up: the profile's other topics, then any topic.
        for direction, found in (("offer", offers), ("need", needs)):
            for topic in [*topics, *TOPIC_WEIGHTS]:
                if found:
                    break
                entry = writer.entry(topic, direction, owner)
                if entry:
                    found.append(entry)
                    if topic not in topics:
                        topics.append(topic)
            if not found:
                raise RuntimeError(f"library too small for profile {n}")
        profiles.append({
            "first_name": first,
            "last_name": last,
            "email": f"{_ascii(first)}.{_ascii(last)}@beispiel.example",
            "function": rng.choice(KINDS[kind][1]),
            "organisation": organisation,
            "kind": kind,
            "region": region,
            "district": city if city == district.removeprefix("Stadt ") else f"{city}, {district}",
            "topics": topics,
            "description": description,
            "visibility": "public",
            "offers": offers,
            "needs": needs,
        })
    # Event participants: the first UPCOMING_PARTICIPANTS profiles that fit the Wasserstoff-Werkstatt
    # best (hydrogen first), then the past conference's; visibility mostly public.
    order = sorted(range(COUNT), key=lambda i: ("wasserstoff" not in profiles[i]["topics"], i))
    upcoming, past = order[:UPCOMING_PARTICIPANTS], order[UPCOMING_PARTICIPANTS:UPCOMING_PARTICIPANTS + PAST_PARTICIPANTS]
    for i in upcoming:
        profiles[i]["event"] = UPCOMING_EVENT
    for i in past:
        profiles[i]["event"] = PAST_EVENT
    for position, i in enumerate(upcoming):
        if position % 8 == 5:
            profiles[i]["visibility"] = "participants"
    others = [i for i in range(COUNT) if "event" not in profiles[i]]
    for position, i in enumerate(others):
        if position % 20 == 7:
            profiles[i]["visibility"] = "participants"
        elif position % 30 == 13:
            profiles[i]["visibility"] = "hidden"
    return profiles


REQUEST_MESSAGES = [
    "Ihr Angebot passt gut zu unserem Vorhaben – 15 Minuten an Ihrem Tisch?",
    "Wir würden Ihnen gern unser Projekt vorstellen und hören, wie Sie es sehen.",
    "Könnten wir kurz über eine Zusammenarbeit sprechen?",
    "Ihre Anfrage im Verzeichnis haben wir gelesen; wir haben da etwas für Sie.",
    "Gern möchten wir Erfahrungen austauschen.",
    "Ein kurzes Kennenlernen wäre schön, vielleicht ergibt sich ein gemeinsamer Antrag.",
    "",
]


def make_requests(profiles: list[dict]) -> dict:
    """Requests of the Gesprächsbörse: pairs of participants that share a topic, in every state."""
    rng = random.Random(SEED + 1)
    result = {}
    for event, states in ((UPCOMING_EVENT, ["accepted"] * 26 + ["declined"] * 5 + ["pending"] * 9 + ["withdrawn"] * 2),
                          (PAST_EVENT, ["accepted"] * 6 + ["declined"] * 2 + ["lapsed"] * 4)):
        people = [p for p in profiles if p.get("event") == event and p["visibility"] != "hidden"]
        pairs = [(a, b) for a in people for b in people if a is not b and set(a["topics"]) & set(b["topics"])]
        rng.shuffle(pairs)
        seen, chosen = set(), []
        count = {}
        for a, b in pairs:
            key = frozenset((a["email"], b["email"]))
            if key in seen or count.get(b["email"], 0) >= 4 or count.get(a["email"], 0) >= 4:
                continue
            seen.add(key)
            count[a["email"]] = count.get(a["email"], 0) + 1
            count[b["email"]] = count.get(b["email"], 0) + 1
            chosen.append((a, b))
            if len(chosen) == len(states):
                break
        result[event] = [
            {"from": a["email"], "to": b["email"], "message": rng.choice(REQUEST_MESSAGES), "state": state}
            for (a, b), state in zip(chosen, states, strict=False)
        ]
    return result


def make_unavailable(profiles: list[dict]) -> dict[str, list[int]]:
    """A few participants of the upcoming event cannot attend some slots (numbered from 0 in time
    order): a morning train, an afternoon appointment."""
    rng = random.Random(SEED + 2)
    people = [p["email"] for p in profiles if p.get("event") == UPCOMING_EVENT]
    result = {}
    for email in rng.sample(people, 7):
        first = rng.choice([0, 0, 4, 8, 12])
        result[email] = list(range(first, first + rng.randint(2, 4)))
    return result


HEADER = """# Synthetic profiles of the Netzwerk (issue 10), loaded by revier/demo/loader.py (load_network).
# Written by revier/demo/tools/make_network_profiles.py from its phrase library (seeded); edit there
# and run it again, or edit single profiles here. Every person is invented, every organisation too
# (plausible names in real places of the three coal regions); each profile is marked synthetic
# ("synthetisches Beispiel") and has an address at beispiel.example, to which no mail is sent.
# `event`: the profile is linked to a registration for that event (the Gesprächsbörse's participants).
"""


def main() -> None:
    profiles = make_profiles()
    (DEMO_DIR / "network_profiles.yaml").write_text(
        HEADER + yaml.safe_dump({"profiles": profiles}, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    requests = make_requests(profiles)
    meetings = DEMO_DIR / "network_meetings.yaml"
    data = yaml.safe_load(meetings.read_text(encoding="utf-8")) if meetings.exists() else {"gespraechsboersen": []}
    for board in data["gespraechsboersen"]:
        board["requests"] = requests[board["event"]]
        if board["event"] == UPCOMING_EVENT:
            board["unavailable"] = make_unavailable(profiles)
    head = meetings.read_text(encoding="utf-8").split("\ngespraechsboersen:")[0] if meetings.exists() else ""
    meetings.write_text(head.rstrip("\n") + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120),
                        encoding="utf-8")
    entries = sum(len(p["offers"]) + len(p["needs"]) for p in profiles)
    sys.stdout.write(f"{len(profiles)} Profile mit {entries} Angeboten und Gesuchen geschrieben.\n")


if __name__ == "__main__":
    main()
