"""The hand-written phrase library of the held-out set (bench/network_quality_heldout).

54 concepts in 18 groups of three. A concept is one thing that one organisation offers and another
needs. For each concept there are three offer phrasings (the provider's words, often expert
vocabulary) and three need phrasings (the seeker's words, often lay vocabulary, a symptom or a
question instead of the name of the solution). A need and the offers of its concept were written to
share as few words as possible; the three concepts of a group deliberately share vocabulary and a
topic, so that they are each other's "adjacent but wrong" look-alikes.

A phrasing is ``(title, text)`` or ``(title, text, "kind kind …")`` when only some kinds of
organisation would write it (a Gemeinde does not run a Zimmerei). ``{ort}`` becomes a town of the
profile's region. Kinds are the keys of ``revier.core.choices.Sector``; topics are names of the
portal's topic list (``revier/demo/topics.yaml``) or ``None``.

Written for this set only; nothing here was taken from the first set (bench/network_quality) or
from the matching code, neither of which its author has read.
"""

from dataclasses import dataclass

KINDS = ("kmu", "gross", "wissenschaft", "politik", "verwaltung", "kammer", "zivil")
REGIONS = ("mitteldeutsch", "lausitz", "rheinisch")
TOPIC_NAMES = (
    "Wasserstoff", "Wärmewende", "CCS/CCU", "Fachkräfte", "Förderung", "Innovation", "Mobilität",
    "Veranstaltungen", "Monitor", "Optik/Photonik", "Kreislaufwirtschaft", "Digitalisierung",
    "Batterien und Speicher", "Bioökonomie",
)

TOWNS = {
    "mitteldeutsch": ["Zeitz", "Hohenmölsen", "Weißenfels", "Borna", "Markranstädt", "Bitterfeld-Wolfen", "Merseburg", "Altenburg"],
    "lausitz": ["Weißwasser", "Spremberg", "Hoyerswerda", "Senftenberg", "Cottbus", "Guben", "Boxberg", "Lübbenau"],
    "rheinisch": ["Bergheim", "Grevenbroich", "Jülich", "Düren", "Eschweiler", "Erkelenz", "Bedburg", "Elsdorf"],
}


@dataclass(frozen=True)
class Concept:
    key: str
    group: str
    topic: str | None
    offer_kinds: tuple
    need_kinds: tuple
    offers: tuple
    needs: tuple


def _c(key, group, topic, offer_kinds, need_kinds, offers, needs):
    return Concept(key, group, topic, tuple(offer_kinds.split()), tuple(need_kinds.split()), tuple(offers), tuple(needs))


CONCEPTS = [
    # -- Wasserstoff -------------------------------------------------------------------------------
    _c("h2_gasanalytik", "wasserstoff", "Wasserstoff", "wissenschaft kmu", "gross kmu verwaltung", [
        ("Gasanalytik nach ISO 14687", "Unser akkreditiertes Labor bestimmt Spurenverunreinigungen wie Schwefelverbindungen, Kohlenmonoxid und Feuchte in Brenngasen."),
        ("Reinheitsprüfung von H2-Proben", "Mit Gaschromatographie und Massenspektrometrie weisen wir Fremdstoffe bis in den ppb-Bereich nach; Probenahme vor Ort in {ort} inklusive."),
        ("Qualitätskontrolle für Brennstoffzellen-Gas", "Wir entnehmen an Zapfsäulen und Elektrolyseuren Proben und zertifizieren, dass das Gas die Normgrenzwerte einhält."),
    ], [
        ("Ist unser Wasserstoff sauber genug?", "Unsere Fahrzeugflotte tankt bald selbst erzeugten Wasserstoff. Jemand muss regelmäßig prüfen, ob Verunreinigungen die Stacks schädigen könnten.", "gross kmu verwaltung"),
        ("Labor für einen Reinheitsnachweis gesucht", "Der Abnehmer unseres grünen Wasserstoffs verlangt ein Zertifikat über die Zusammensetzung. Wer kann das für uns analysieren?", "gross kmu"),
        ("Messung der Gasqualität an der Tankstelle", "Für die neue Betankungsanlage in {ort} brauchen wir einen Dienstleister, der Stichproben zieht und auswertet."),
    ]),
    _c("h2_stapler", "wasserstoff", "Wasserstoff", "kmu gross", "kmu gross", [
        ("Brennstoffzellen-Gabelstapler zur Miete", "Wir vermieten wasserstoffbetriebene Flurförderzeuge samt Betankungscontainer, Wartung und Einweisung des Lagerpersonals."),
        ("Umrüstung von Flurförderzeugen auf H2-Antrieb", "Bestehende Elektro-Stapler rüsten wir auf Brennstoffzellen-Module um; die Batterietauschstation entfällt."),
        ("Intralogistik mit Wasserstoff", "Komplettpaket für Lagerhallen: Hubwagen, Schlepper und Stapler mit Brennstoffzelle plus Indoor-Tankstelle."),
    ], [
        ("Lagerfahrzeuge ohne Ladepausen", "In unserem Drei-Schicht-Betrieb stehen die Akku-Geräte zu oft an der Steckdose. Wir möchten Fahrzeuge, die in Minuten wieder einsatzbereit sind."),
        ("Emissionsfreie Hubgeräte für das Distributionszentrum", "Für das neue Logistikzentrum in {ort} suchen wir saubere Alternativen zu Diesel- und Gasstaplern, gern im Mietmodell."),
        ("Erfahrung mit Wasserstoff im Warenlager?", "Wir überlegen, unsere Gabelstapler-Flotte umzustellen, und suchen einen Anbieter, der Fahrzeuge und Tanktechnik liefert."),
    ]),
    _c("h2_kaverne", "wasserstoff", "Wasserstoff", "gross wissenschaft", "gross kmu verwaltung", [
        ("Speicherkapazität in Salzkavernen", "Wir betreiben unterirdische Hohlräume im Salzgestein und vermarkten Einspeicher- und Ausspeicherleistung für Wasserstoff.", "gross"),
        ("Geologische Eignungsprüfung für Untertagespeicher", "Unser Institut bewertet Gesteinsformationen, Dichtheit und Bohrlochintegrität für die saisonale Lagerung von Gasen.", "wissenschaft"),
        ("Puffervolumen für Elektrolyse-Überschüsse", "Große Mengen H2 lassen sich bei uns monatelang zwischenlagern und bei Bedarf wieder ins Netz abgeben.", "gross"),
    ], [
        ("Wohin mit dem Sommerüberschuss?", "Unser Elektrolyseur produziert bei viel Wind und Sonne mehr, als wir abnehmen können. Wir brauchen eine Möglichkeit, das Gas bis zum Winter aufzubewahren.", "gross kmu"),
        ("Langzeitlagerung von grünem Wasserstoff", "Wir planen eine Versorgung für Industriekunden und suchen Partner mit Speichermöglichkeiten im Untergrund."),
        ("Saisonale Speicherung für Stadtwerke", "Die Stadtwerke {ort} wollen Wasserstoff für Spitzenlasten vorhalten und suchen einen Betreiber großer Speicher.", "kmu verwaltung"),
    ]),
    # -- Wärmewende --------------------------------------------------------------------------------
    _c("w_flusswaermepumpe", "waerme", "Wärmewende", "kmu gross wissenschaft", "verwaltung kmu gross politik", [
        ("Großwärmepumpen für Fernwärmenetze", "Wir planen und bauen Anlagen im Megawattbereich, die Flusswasser oder geklärtes Abwasser als Wärmequelle nutzen.", "kmu gross"),
        ("Machbarkeitsstudie Umweltwärme aus Gewässern", "Unser Team bewertet Temperaturprofile, Entnahmemengen und Genehmigungsfähigkeit für Wärmepumpen an Flüssen und Seen."),
        ("Kältemittelkreisläufe mit natürlichem Ammoniak", "Wir liefern industrielle Wärmepumpen mit Vorlauftemperaturen bis 90 Grad für die kommunale Versorgung.", "kmu gross"),
    ], [
        ("Ersatz für das Kohle-Heizkraftwerk", "Die Stadt {ort} muss ihre Fernheizung bis 2030 ohne Braunkohle betreiben. Der Fluss fließt direkt am Heizwerk vorbei – lässt sich das nutzen?", "verwaltung politik kmu"),
        ("Erneuerbare Quelle für unser Wärmenetz", "Als Stadtwerk suchen wir Technik, um aus dem vorbeifließenden Strom Energie fürs Heizen zu gewinnen.", "kmu gross verwaltung"),
        ("Heizen mit Seewasser", "Unser Quartier liegt an einem gefluteten Tagebau. Wir fragen uns, ob man dem Wasser Energie für die Häuser entziehen kann."),
    ]),
    _c("w_abgleich", "waerme", "Wärmewende", "kmu", "zivil verwaltung kmu", [
        ("Hydraulischer Abgleich und Pumpentausch", "Unser Heizungsbaubetrieb stellt Ventile voreingestellt ein, ersetzt alte Umwälzpumpen und senkt so den Verbrauch in Mehrfamilienhäusern."),
        ("Heizungs-Check mit Messprotokoll", "Wir erfassen Vorlauf, Rücklauf und Heizkurve Ihrer Anlage und optimieren die Regelung – meist ohne neue Technik."),
        ("Niedertemperatur-Fitness für Altbauten", "Wir prüfen, welche Heizkörper getauscht werden müssen, damit ein Gebäude später mit Wärmepumpe oder Fernwärme auskommt."),
    ], [
        ("Oben kalt, unten zu warm", "In unseren Genossenschaftswohnungen klagen Mieter im Dachgeschoss über kühle Räume, während im Erdgeschoss die Fenster offen stehen. Wer bringt das in Ordnung?", "zivil kmu"),
        ("Nebenkosten in Plattenbauten senken", "Die Betriebskosten unserer Bewohnerinnen steigen. Wir suchen einen Fachbetrieb, der die Häuser sparsamer einstellt."),
        ("Umstieg vom Gaskessel vorbereiten", "Bevor wir den Kessel im Rathaus ersetzen, wollen wir wissen, ob das System mit niedrigeren Temperaturen funktioniert.", "verwaltung"),
    ]),
    _c("w_saisonspeicher", "waerme", "Wärmewende", "kmu wissenschaft gross", "verwaltung kmu gross zivil", [
        ("Erdbecken-Wärmespeicher", "Wir bauen abgedeckte Wasserbecken mit mehreren zehntausend Kubikmetern, die Sommerwärme aus Solarthermie bis in den Winter halten.", "kmu gross"),
        ("Simulation saisonaler Speicher", "Unser Lehrstuhl dimensioniert Behälter-, Erdsonden- und Aquiferspeicher und berechnet die Verluste über das Jahr.", "wissenschaft"),
        ("Tankspeicher für Fernwärme", "Wir liefern isolierte Stahltanks, die Lastspitzen im Netz abfedern und Strom aus Überschusszeiten als heißes Wasser aufnehmen.", "kmu gross"),
    ], [
        ("Sonnenenergie für den Januar aufheben", "Unsere Kollektorfelder liefern im Juli zu viel und im Winter zu wenig. Wie können wir den Überschuss über Monate bunkern?"),
        ("Puffer für das Nahwärmenetz {ort}", "Das Dorfnetz soll künftig ohne Spitzenkessel auskommen. Wir brauchen ein großes Reservoir für warmes Wasser."),
        ("Partner für einen Langzeit-Heißwasserspeicher", "Die Gemeinde plant so ein Bauwerk auf einer ehemaligen Kippe und sucht Erfahrung mit Planung und Errichtung.", "verwaltung"),
    ]),
    # -- CCS/CCU ------------------------------------------------------------------------------------
    _c("co2_mineralisierung", "co2", "CCS/CCU", "kmu wissenschaft gross", "gross kmu", [
        ("Mineralische Bindung von Kohlendioxid", "Wir leiten abgeschiedenes CO2 durch zerkleinerten Altbeton; das Gas wird dauerhaft als Kalkstein gebunden."),
        ("Karbonatisierte Gesteinskörnung", "Unser Verfahren macht aus Abbruchmaterial und Abgasen einen Zuschlagstoff für neue Betonmischungen."),
        ("CO2-Härtung von Betonfertigteilen", "In unseren Kammern härten Pflastersteine und Blöcke mit Kohlenstoffdioxid statt mit Dampf aus.", "kmu gross"),
    ], [
        ("Abnehmer für abgeschiedenes Treibhausgas", "Unser Kalkwerk fängt ab 2027 einen Teil seiner Emissionen ein. Wir suchen jemanden, der das sinnvoll verwertet."),
        ("Verwertung von Bauschutt mit Klimanutzen", "Wir reißen alte Kraftwerksgebäude ab und fragen uns, ob sich der Schutt zum Festlegen von Klimagasen eignet.", "gross"),
        ("Klimagas im Baustoff festhalten", "Für ein Demonstrationsprojekt zur Kohlenstoffnutzung in {ort} suchen wir Technologiepartner aus der Baustoffindustrie."),
    ]),
    _c("co2_monitoring", "co2", "CCS/CCU", "wissenschaft kmu", "gross verwaltung", [
        ("Seismisches Monitoring von Speicherhorizonten", "Wir überwachen mit Geophonen und wiederholten 3D-Messungen, wie sich eingepresstes Gas im Untergrund ausbreitet."),
        ("Leckageüberwachung an Injektionsbohrungen", "Unser Messnetz erfasst Bodenluft, Grundwasserchemie und Mikrobeben rund um die Bohrung."),
        ("Satellitengestützte Bodenhebungsmessung", "Mit Radarinterferometrie erkennen wir Millimeter-Verformungen der Oberfläche über Lagerstätten."),
    ], [
        ("Nachweis, dass das Kohlendioxid unten bleibt", "Die Genehmigungsbehörde verlangt für unser Speicherprojekt ein dauerhaftes Überwachungskonzept. Wer kann das liefern?", "gross"),
        ("Sicherheit eines Endlagers für Emissionen belegen", "Anwohner in {ort} fragen, ob das verpresste Klimagas entweichen kann. Wir brauchen unabhängige Messungen."),
        ("Kontrolle der Dichtheit im Gestein", "Als Bergbehörde suchen wir Fachleute, die prüfen, ob deckende Tonschichten intakt bleiben.", "verwaltung"),
    ]),
    _c("co2_bilanz", "co2", "CCS/CCU", "kmu wissenschaft kammer", "kmu gross", [
        ("Treibhausgasbilanz nach GHG Protocol", "Wir erfassen Scope 1 bis 3 Ihres Betriebs und erstellen einen prüffähigen Bericht.", "kmu wissenschaft"),
        ("Produkt-Fußabdruck für Lieferketten", "Unsere Software berechnet die Emissionen je Bauteil aus Stücklisten und Energiedaten.", "kmu wissenschaft"),
        ("Klimabilanz-Workshops der Kammer", "In drei Terminen lernen Betriebe, ihren Kohlenstoffausstoß selbst zu ermitteln und zu dokumentieren.", "kammer"),
    ], [
        ("Großkunde fragt nach unserem CO2", "Ein Autobauer will wissen, wie viel Klimagas in jedem gelieferten Teil steckt. Wir haben keine Ahnung, wie man das rechnet."),
        ("Nachhaltigkeitsbericht für die Hausbank", "Für einen Kredit verlangt die Bank Zahlen zum Klimaeinfluss des Unternehmens. Wer hilft beim Zusammenstellen?"),
        ("Ausstoß messen und reduzieren", "Wir möchten als Gießerei in {ort} herausfinden, wo unsere Klimagase entstehen, und Ziele setzen."),
    ]),
    # -- Optik/Photonik -----------------------------------------------------------------------------
    _c("opt_hyperspektral", "optik", "Optik/Photonik", "kmu wissenschaft", "kmu gross", [
        ("Hyperspektrale Bildverarbeitung", "Unsere Kameras erfassen Hunderte Wellenlängen und unterscheiden Materialien, die für das Auge gleich aussehen."),
        ("Nahinfrarot-Sensorik für Sortieranlagen", "Wir integrieren NIR-Spektrometer über Förderbändern und steuern Luftdüsen, die Fremdteile ausblasen."),
        ("Spektrale Materialerkennung in Echtzeit", "Unser Institut entwickelt Algorithmen, die Kunststoffsorten, Holzarten oder Mineralien im Materialstrom identifizieren.", "wissenschaft"),
    ], [
        ("Automatisch trennen, was auf dem Band liegt", "Bei uns laufen gemischte Verpackungsabfälle durch; die Handsortierung schafft die Mengen nicht mehr."),
        ("Fremdkörper im Schüttgut erkennen", "In unseren getrockneten Kräutern landen manchmal Steinchen und Plastik. Wir suchen eine Technik, die das zuverlässig aufspürt.", "kmu"),
        ("Kunststoffarten maschinell unterscheiden", "Für ein Recyclingwerk in {ort} brauchen wir eine Lösung, die PET, PE und PP beim Durchlauf auseinanderhält."),
    ]),
    _c("opt_beschichtung", "optik", "Optik/Photonik", "kmu wissenschaft", "kmu gross", [
        ("Antireflex- und Filterschichten", "Wir bedampfen Linsen, Gläser und Sensorfenster im Vakuum mit Mehrlagen-Interferenzschichten."),
        ("Dünnschichtdesign für Optiken", "Unsere Fachleute berechnen Schichtstapel für Spiegel, Strahlteiler und Bandpassfilter und fertigen Prototypen."),
        ("Kratzfeste Vergütung für Displaygläser", "Per Sputtern bringen wir harte, entspiegelte Oberflächen auf Glas und Polycarbonat auf.", "kmu"),
    ], [
        ("Blendfreie Scheiben für unser Messgerät", "Das Sichtfenster unseres Handgeräts spiegelt im Sonnenlicht so stark, dass man die Anzeige nicht lesen kann."),
        ("Lieferant für beschichtete Linsen gesucht", "Wir bauen Kameras für Inspektionssysteme und brauchen Objektive, die nur bestimmte Farben durchlassen."),
        ("Reflexe an Solarmodul-Abdeckungen vermindern", "Ein Teil des Lichts geht an der Frontscheibe verloren. Wer kann sie so behandeln, dass mehr durchkommt?"),
    ]),
    _c("opt_fasersensorik", "optik", "Optik/Photonik", "kmu wissenschaft", "gross kmu verwaltung", [
        ("Verteilte Temperaturmessung mit Glasfaser", "Ein einziges Lichtwellenleiterkabel liefert alle Meter einen Messwert über Kilometer hinweg – ideal für Kabeltrassen und Förderbänder."),
        ("Faser-Bragg-Gitter-Sensoren", "Wir fertigen Dehnungs- und Temperaturfühler in optischen Fasern, unempfindlich gegen elektromagnetische Störungen."),
        ("Akustische Faserüberwachung", "Mit DAS-Technik hören wir an bestehenden Telekommunikationsleitungen Erschütterungen, Lecks oder Grabungen."),
    ], [
        ("Überhitzung im Erdkabel früh bemerken", "Unsere neuen Hochspannungsleitungen liegen unter der Erde. Wir wollen durchgehend wissen, wo sie zu heiß werden.", "gross kmu"),
        ("Bauwerksüberwachung für eine Brücke", "Die Kommune {ort} möchte Verformungen an einer alten Stahlbrücke dauerhaft beobachten, ohne überall Elektronik anzubringen.", "verwaltung"),
        ("Brandfrüherkennung an langen Bandanlagen", "Im Tagebau laufen kilometerlange Transportstrecken. Heißgelaufene Rollen sollen automatisch gemeldet werden.", "gross kmu"),
    ]),
    # -- Fachkräfte ---------------------------------------------------------------------------------
    _c("fk_teilzeitausbildung", "fachkraefte", "Fachkräfte", "kmu gross verwaltung", "zivil verwaltung kammer", [
        ("Ausbildungsplätze mit 30-Stunden-Woche", "Unser Betrieb bildet auch in verkürzter Wochenarbeitszeit aus; die Dauer verlängert sich entsprechend.", "kmu gross"),
        ("Lehre mit Rücksicht auf Kinderbetreuung", "Wir bieten Azubi-Stellen, bei denen die Arbeitszeiten an Kita-Öffnungszeiten angepasst werden.", "kmu gross"),
        ("Flexible Berufsausbildung in der Verwaltung", "Die Kreisverwaltung stellt Auszubildende für Verwaltungsfachangestellte auch mit reduzierter Stundenzahl ein.", "verwaltung"),
    ], [
        ("Alleinerziehende Mütter wollen einen Berufsabschluss", "Unser Verein begleitet junge Eltern ohne Abschluss. Vollzeit geht für sie nicht – wir suchen Arbeitgeber, die das ermöglichen.", "zivil"),
        ("Stellen für Eltern in Qualifizierung", "Das Jobcenter {ort} vermittelt Väter und Mütter, die eine Lehre beginnen möchten, aber nur vormittags können.", "verwaltung"),
        ("Familienfreundliche Ausbildungsbetriebe gesucht", "Wir beraten Menschen mit Pflegeverantwortung und brauchen Unternehmen, die ein Lehrverhältnis mit weniger Stunden anbieten."),
    ]),
    _c("fk_anerkennung", "fachkraefte", "Fachkräfte", "kammer verwaltung zivil", "kmu gross", [
        ("Beratung zur Gleichwertigkeitsprüfung", "Wir prüfen, ob im Ausland erworbene Berufsqualifikationen einem deutschen Abschluss entsprechen, und begleiten das Verfahren.", "kammer verwaltung"),
        ("Anpassungsqualifizierung für Zugewanderte", "Fehlen Teile zur vollen Anerkennung, organisieren wir Lehrgänge und Praxisphasen, um die Lücke zu schließen."),
        ("Welcome-Service für internationale Beschäftigte", "Unser Willkommenszentrum hilft bei Visum, Behördengängen und Übersetzung von Zeugnissen."),
    ], [
        ("Elektriker aus Kolumbien einstellen – wie?", "Ein Bewerber hat zu Hause eine Ausbildung gemacht, aber wir wissen nicht, ob sein Diplom hier gilt."),
        ("Unterstützung bei Fachkräften aus Drittstaaten", "Wir möchten Pflegepersonal aus Indien gewinnen und brauchen Hilfe mit den Formalitäten."),
        ("Ausländische Berufsabschlüsse bewerten lassen", "Mehrere Mitarbeitende aus Syrien arbeiten bei uns als Helfer, obwohl sie gelernte Schweißer sind."),
    ]),
    _c("fk_rueckkehr", "fachkraefte", "Fachkräfte", "zivil verwaltung kammer", "kmu gross wissenschaft", [
        ("Rückkehrerbörse für Heimatverbundene", "Wir sprechen ehemalige Einwohner an, die in Westdeutschland arbeiten, und vermitteln ihnen Jobs und Wohnraum in der alten Heimat."),
        ("Probewohnen im Revier", "Interessierte können bei uns eine Woche kostenlos in {ort} wohnen und Arbeitgeber vor Ort kennenlernen.", "verwaltung zivil"),
        ("Dual-Career-Service für Partnerinnen und Partner", "Kommt jemand neu in die Region, suchen wir passende Arbeit für die mitziehende Person."),
    ], [
        ("Ingenieure wollen nicht aufs Land ziehen", "Unsere Stellen bleiben monatelang offen, weil Bewerber aus Großstädten vor dem Umzug zurückschrecken.", "kmu gross"),
        ("Neue Köpfe für das Forschungszentrum", "Wir bauen ein Institut auf und müssen über 100 Leute von außerhalb anwerben. Wer hilft beim Ankommen?", "wissenschaft"),
        ("Fachkräfte in die Region locken", "Als Maschinenbauer suchen wir Wege, Menschen mit Wurzeln hier zurückzuholen.", "kmu gross"),
    ]),
    # -- Förderung ----------------------------------------------------------------------------------
    _c("f_eu_antrag", "foerderung", "Förderung", "kmu wissenschaft", "kmu wissenschaft verwaltung", [
        ("Antragsmanagement für Horizont Europa", "Wir schreiben Projektanträge, koordinieren Konsortien und achten auf die Bewertungskriterien der Kommission."),
        ("EU-Verbundprojekte koordinieren", "Unser Büro übernimmt Budgetplanung, Arbeitspakete und Berichtswesen großer europäischer Forschungsprojekte."),
        ("Partnersuche in europäischen Netzwerken", "Über unsere Kontakte in 20 Ländern finden wir Mitstreiter für Ausschreibungen aus Brüssel."),
    ], [
        ("Erster Antrag bei der Europäischen Union", "Wir haben eine gute Idee für ein Vorhaben, aber noch nie mit Brüssel gearbeitet und scheitern an den Formularen.", "kmu wissenschaft"),
        ("Hilfe für ein internationales Forschungskonsortium", "Unsere Hochschule will ein Projekt mit Partnern aus mehreren Ländern beantragen und braucht professionelle Unterstützung.", "wissenschaft"),
        ("Wer kennt sich mit EU-Calls aus?", "Die Stadt {ort} möchte sich an einem Aufruf zur klimaneutralen Stadt beteiligen.", "verwaltung"),
    ]),
    _c("f_nachfolge", "foerderung", "Förderung", "kammer kmu verwaltung", "kmu", [
        ("Nachfolgebörse für Handwerksbetriebe", "Wir bringen Inhaber ohne Erben mit Übernahmeinteressierten zusammen und begleiten die Übergabe.", "kammer"),
        ("Bürgschaften und Darlehen für Übernahmen", "Die Förderbank sichert Kredite für den Kauf bestehender Unternehmen ab, auch ohne eigene Sicherheiten.", "verwaltung"),
        ("Unternehmensbewertung beim Generationswechsel", "Wir ermitteln einen fairen Kaufpreis und gestalten Verträge zwischen Senior und Nachfolgerin.", "kmu kammer"),
    ], [
        ("Chef geht in Rente – wer macht weiter?", "Unser Tischlermeister ist 67, seine Kinder wollen die Werkstatt nicht. Wir suchen jemanden, der den Laden samt Team übernimmt."),
        ("Geld für den Kauf einer Firma", "Ich bin angestellter Meister und möchte den Betrieb meines Arbeitgebers erwerben, habe aber kaum Eigenkapital."),
        ("Betrieb in gute Hände abgeben", "Nach 35 Jahren möchte ich meine Bäckerei in {ort} verkaufen und weiß nicht, was sie wert ist."),
    ]),
    _c("f_beihilfe", "foerderung", "Förderung", "kmu wissenschaft", "verwaltung kmu gross politik", [
        ("Beihilferechtliche Prüfung von Vorhaben", "Unsere Kanzlei klärt, ob ein Zuschuss mit der AGVO vereinbar ist und welche Höchstintensitäten gelten.", "kmu"),
        ("Kumulierungscheck für Zuschüsse", "Wir prüfen, ob sich mehrere Programme für dasselbe Projekt kombinieren lassen, ohne Rückforderungen zu riskieren."),
        ("De-minimis-Dokumentation", "Wir führen für Kommunen und Betriebe das Register der Kleinbeihilfen und erstellen die nötigen Erklärungen.", "kmu"),
    ], [
        ("Dürfen wir das Gewerbegebiet subventionieren?", "Die Gemeinde möchte einem Investor günstige Grundstücke geben. Wir fürchten Ärger mit Brüssel wegen unerlaubter Staatshilfe.", "verwaltung politik"),
        ("Zwei Förderprogramme gleichzeitig nutzen?", "Für unsere neue Produktionslinie hat das Land Geld bewilligt, und wir wollen zusätzlich Bundesmittel beantragen.", "kmu gross"),
        ("Rückzahlung von Fördergeld vermeiden", "Wir sind unsicher, ob unser Strukturwandel-Vorhaben die EU-Regeln für staatliche Unterstützung einhält."),
    ]),
    # -- Wassermanagement / Bergbaufolgeseen ------------------------------------------------------------
    _c("wa_gewaesserguete", "wasser", None, "kmu wissenschaft gross", "verwaltung gross zivil", [
        ("Kalkung und Neutralisation saurer Gewässer", "Mit Schiffen bringen wir Kalkmilch in Restseen ein und heben den pH-Wert dauerhaft an."),
        ("Eisenhydroxid-Abscheidung aus Grubenwasser", "Unsere Absetzbecken und Belüftungsanlagen holen gelösten Eisenocker aus Zuflüssen, bevor er Flüsse braun färbt."),
        ("Biologische Sulfatreduktion", "Wir entwickeln Verfahren, in denen Bakterien Sulfat aus bergbaubeeinflusstem Wasser entfernen.", "wissenschaft kmu"),
    ], [
        ("Unser Fluss wird braun", "Anlieger und Touristiker sorgen sich um die rostrote Färbung unterhalb von {ort}. Wer kann etwas dagegen tun?"),
        ("Zu sauer zum Baden", "Der geflutete Tagebausee bei {ort} soll für Schwimmer freigegeben werden, ist aber noch stark versauert.", "verwaltung gross"),
        ("Rohwasser durch Bergbaufolgen belastet", "Unser Wasserwerk misst steigende Sulfatwerte und sucht Lösungen zur Aufbereitung.", "verwaltung gross"),
    ]),
    _c("wa_floating_pv", "wasser", None, "kmu gross", "verwaltung gross zivil", [
        ("Schwimmende Solarkraftwerke", "Wir verankern Photovoltaik-Module auf Schwimmkörpern und bauen Anlagen bis 50 Megawatt auf stillen Gewässern."),
        ("Floating-PV: Planung und Genehmigung", "Unser Team erstellt Gutachten zu Verankerung, Wellengang und Gewässerökologie für Solaranlagen auf Seen."),
        ("Pacht von Wasserflächen für Sonnenstrom", "Als Projektentwickler zahlen wir Eigentümern von Baggerseen eine jährliche Pacht und übernehmen den Betrieb."),
    ], [
        ("Was tun mit der großen Restwasserfläche?", "Die Sanierungsgesellschaft besitzt mehrere hundert Hektar See, die nicht zum Baden taugen. Wir suchen eine wirtschaftliche Nutzung.", "gross verwaltung"),
        ("Energie vom Tagebausee für die Gemeinde", "Der Ort {ort} möchte erneuerbar Strom erzeugen, ohne Ackerland zu verbrauchen – der See liegt direkt vor der Tür.", "verwaltung zivil"),
        ("Paneele auf dem Wasser – wer hat Erfahrung?", "Unser Unternehmen betreibt einen Kiesabbau mit Baggersee und denkt über Solarmodule auf der Oberfläche nach.", "gross"),
    ]),
    _c("wa_grundwasser", "wasser", None, "kmu wissenschaft", "verwaltung zivil kmu", [
        ("Grundwassermodellierung für Bergbaufolgegebiete", "Wir berechnen, wie der Grundwasserspiegel nach Ende der Sümpfung wieder ansteigt und welche Siedlungen betroffen sind."),
        ("Bauwerksabdichtung gegen drückendes Wasser", "Unser Fachbetrieb dichtet Keller nachträglich von innen und außen ab und baut Drainagen ein.", "kmu"),
        ("Pegelmessnetze und Frühwarnung", "Wir installieren Messstellen mit Datenfernübertragung und warnen Eigentümer, bevor Wasser ins Haus drückt."),
    ], [
        ("Nasse Keller im ganzen Ortsteil", "Seit die Pumpen im Tagebau abgeschaltet wurden, stehen bei vielen Häusern in {ort} die Untergeschosse unter Wasser."),
        ("Wie hoch kommt das Wasser zurück?", "Das Bauamt muss entscheiden, wo künftig noch gebaut werden darf, und braucht eine Prognose.", "verwaltung"),
        ("Hilfe für Hausbesitzer bei Vernässung", "Unser Bürgerverein sammelt Schadensfälle und sucht Fachleute, die Betroffene beraten.", "zivil"),
    ]),
    # -- Flächenrevitalisierung ---------------------------------------------------------------------
    _c("fl_altlasten", "flaeche", None, "kmu wissenschaft", "verwaltung gross kmu", [
        ("Orientierende Untersuchung kontaminierter Standorte", "Wir nehmen Boden-, Bodenluft- und Grundwasserproben und bewerten Schadstoffe nach Bundes-Bodenschutzverordnung."),
        ("Sanierung von Teerölschäden", "Mit Aushub, Bodenwäsche oder mikrobiologischem Abbau reinigen wir belastete Flächen ehemaliger Kokereien und Gaswerke.", "kmu"),
        ("Sanierungsplanung und Fachbauleitung", "Unser Büro erstellt Sanierungskonzepte, Kostenschätzungen und begleitet die Arbeiten bis zur Abnahme.", "kmu"),
    ], [
        ("Ist die Erde auf dem alten Brikettfabrik-Gelände giftig?", "Ein Investor will bauen, doch niemand weiß, was nach hundert Jahren Industrie im Untergrund steckt."),
        ("Gewerbefläche wieder nutzbar machen", "Die Stadt {ort} hat eine verseuchte Industriebrache übernommen und braucht Fachleute für die Aufbereitung.", "verwaltung"),
        ("Kosten für Dreck im Untergrund abschätzen", "Vor dem Kauf eines ehemaligen Werksgeländes wollen wir wissen, welche Risiken und Ausgaben uns erwarten.", "kmu gross"),
    ]),
    _c("fl_kampfmittel", "flaeche", None, "kmu", "verwaltung gross kmu", [
        ("Kampfmittelräumung und Sondierung", "Wir suchen Flächen mit Magnetometern und Georadar nach Munition ab und bergen Verdachtspunkte fachgerecht."),
        ("Historische Luftbildauswertung", "Anhand alliierter Aufnahmen von 1945 ermitteln wir Bombentrichter und Verdachtsflächen, bevor Bagger anrücken."),
        ("Baubegleitende Kampfmittelfreigabe", "Unser Feuerwerker begleitet Erdarbeiten und gibt Baufelder schrittweise frei."),
    ], [
        ("Könnte hier noch eine Bombe liegen?", "Auf dem früheren Militärgelände bei {ort} soll ein Solarpark entstehen. Vor dem ersten Spatenstich brauchen wir Sicherheit."),
        ("Blindgänger-Verdacht auf der Baustelle", "Das Landesamt hat Auflagen gemacht: vor dem Ausheben muss der Grund auf Altmunition geprüft werden."),
        ("Explosive Überreste aus dem Krieg ausschließen", "Wir erschließen ein Industriegebiet in einer Gegend, die im Zweiten Weltkrieg stark bombardiert wurde."),
    ]),
    _c("fl_zwischennutzung", "flaeche", None, "verwaltung gross zivil", "kmu zivil", [
        ("Leerstehende Werkhalle zu vermieten", "Nach Stilllegung unseres Tagebaubetriebs stehen 4.000 Quadratmeter Hallenfläche mit Kran und Starkstrom bereit.", "gross"),
        ("Zwischennutzungsagentur für Brachen", "Wir vermitteln leere Gebäude befristet und günstig an Kreative, Gründer und Vereine.", "zivil verwaltung"),
        ("Ehemaliges Verwaltungsgebäude für Start-ups", "Die Gemeinde {ort} stellt Büroräume im alten Bergbau-Verwaltungsbau für kleines Geld zur Verfügung.", "verwaltung"),
    ], [
        ("Platz für Werkstatt und Lager gesucht", "Unser junges Metallbau-Team braucht bezahlbaren Raum mit hoher Decke und Tor für Lkw.", "kmu"),
        ("Probebühne für ein Theaterkollektiv", "Wir suchen ein großes, leeres Haus, in dem wir für einige Monate proben und auftreten können.", "zivil"),
        ("Räume für die Gründungsphase", "Drei Gründerinnen suchen ein Büro mit Besprechungsraum, bis sich ihr Geschäft trägt.", "kmu"),
    ]),
    # -- Mobilität ----------------------------------------------------------------------------------
    _c("mo_rufbus", "mobilitaet", "Mobilität", "kmu gross", "verwaltung zivil politik", [
        ("Bedarfsgesteuerter Kleinbusverkehr", "Unsere Plattform bündelt Fahrtwünsche per App oder Telefon und schickt Fahrzeuge ohne festen Fahrplan."),
        ("Software für flexible Linienbedienung", "Wir liefern Disposition, Buchung und Abrechnung für Verkehrsunternehmen, die Haltestellen nur bei Anmeldung anfahren."),
        ("Betrieb von Anrufsammeltaxis", "Unser Taxiunternehmen übernimmt im Auftrag des Landkreises Fahrten in dünn besiedelten Gebieten.", "kmu"),
    ], [
        ("Dörfer ohne Busanbindung am Abend", "Nach 18 Uhr kommt man aus unseren Ortsteilen nicht mehr weg. Ältere Menschen und Jugendliche sitzen fest."),
        ("ÖPNV für die Fläche neu denken", "Der Landkreis {ort} will leere Linienbusse ersetzen und sucht ein Angebot, das nur fährt, wenn jemand mitwill.", "verwaltung politik"),
        ("Mobilität für Senioren im ländlichen Raum", "Unser Seniorenbeirat sucht Wege, wie Menschen ohne Auto zum Arzt und Einkaufen kommen.", "zivil"),
    ]),
    _c("mo_elkw_laden", "mobilitaet", "Mobilität", "kmu gross", "kmu gross", [
        ("Megawatt-Ladepunkte für schwere Nutzfahrzeuge", "Wir planen und errichten Schnellladestationen für Sattelzüge am Betriebshof, inklusive Netzanschluss."),
        ("Depotladen mit Lastmanagement", "Unsere Steuerung verteilt die Anschlussleistung nachts auf viele Fahrzeuge, sodass kein teurer Trafo nötig wird."),
        ("Öffentlicher Lade-Hub an der Autobahn", "An unserem Rastplatz bei {ort} können Speditionen Ladezeiten für E-Trucks reservieren."),
    ], [
        ("Unsere Spedition steigt auf Batterie-Lkw um", "Ab nächstem Jahr kommen zehn elektrische Zugmaschinen. Wo und wie versorgen wir die über Nacht mit Strom?"),
        ("Anschlüsse für die Elektro-Flotte im Fuhrpark", "Der Hof unseres Entsorgungsbetriebs braucht Säulen für Müllfahrzeuge mit Akku."),
        ("Zwischenladen auf der Langstrecke", "Unsere Touren gehen nach Polen; wir suchen Standorte, an denen die Fahrer in der Pause Energie nachtanken können."),
    ]),
    _c("mo_pendeln", "mobilitaet", "Mobilität", "kmu zivil verwaltung", "gross kmu wissenschaft", [
        ("Mitfahrplattform für Belegschaften", "Unsere App bringt Kolleginnen und Kollegen mit ähnlichem Arbeitsweg zusammen und rechnet Fahrtkosten ab.", "kmu"),
        ("Werksbus-Konzepte", "Wir planen Shuttle-Linien vom Bahnhof zum Industriepark, abgestimmt auf die Schichtwechsel."),
        ("Mobilitätsberatung für Arbeitgeber", "Wir analysieren Wohnorte der Mitarbeitenden und schlagen Jobticket, Dienstrad und Fahrgemeinschaften vor."),
    ], [
        ("Frühschicht beginnt vor dem ersten Zug", "Viele unserer Beschäftigten kommen morgens nicht ohne eigenes Auto ins Werk, und der Parkplatz ist voll.", "gross kmu"),
        ("Anreise zum Campus erleichtern", "Unser Forschungscampus liegt außerhalb von {ort}. Bewerber sagen ab, weil der Weg zu umständlich ist.", "wissenschaft"),
        ("Weniger Autos auf dem Firmenparkplatz", "Wir möchten, dass unser Personal häufiger gemeinsam oder mit Bus und Rad kommt."),
    ]),
    # -- Gesundheitswirtschaft ----------------------------------------------------------------------
    _c("ge_telemedizin", "gesundheit", None, "kmu wissenschaft gross", "verwaltung zivil kmu politik", [
        ("Videosprechstunde mit zertifizierter Plattform", "Wir stellen Praxen eine datenschutzkonforme Lösung für Online-Konsultationen bereit, inklusive Terminbuchung.", "kmu gross"),
        ("Telemedizinische Assistenz für Gemeindeschwestern", "Pflegefachkräfte besuchen Patienten zuhause und schalten den Arzt per Tablet zu."),
        ("Fernüberwachung chronisch Kranker", "Unsere Sensoren übertragen Blutdruck, Gewicht und Herzrhythmus an ein Versorgungszentrum."),
    ], [
        ("Hausarzt im Dorf geht in Rente", "In {ort} gibt es bald keinen Allgemeinmediziner mehr. Wie bleiben die Menschen trotzdem versorgt?", "verwaltung zivil politik"),
        ("Lange Wege zum Facharzt verkürzen", "Unsere Patienten fahren 60 Kilometer zur Kardiologie. Wir suchen Möglichkeiten, Kontrollen aus der Ferne zu machen.", "kmu zivil"),
        ("Digitale Sprechstunden in der Praxis einführen", "Wir sind eine Landarztpraxis und wollen Routinegespräche am Bildschirm anbieten.", "kmu"),
    ]),
    _c("ge_bgm", "gesundheit", None, "kmu zivil kammer", "kmu gross verwaltung", [
        ("Betriebliches Gesundheitsmanagement", "Wir analysieren Belastungen am Arbeitsplatz und setzen Programme zu Bewegung, Ernährung und Stressbewältigung um."),
        ("Rückenfit in der Produktion", "Physiotherapeuten kommen in Ihre Halle und trainieren mit Ihrem Team ergonomisches Heben.", "kmu"),
        ("Psychische Gefährdungsbeurteilung", "Wir erfassen Zeitdruck, Schichtarbeit und Konflikte und leiten Maßnahmen nach Arbeitsschutzgesetz ab."),
    ], [
        ("Hoher Krankenstand in der Werkstatt", "Unsere Monteure fallen oft mit Kreuzschmerzen aus. Wir möchten vorbeugen, wissen aber nicht wie.", "kmu gross"),
        ("Mitarbeitende länger gesund halten", "Die Belegschaft wird älter. Wir suchen Angebote, damit die Leute bis zur Rente fit bleiben."),
        ("Stress im Amt reduzieren", "In unserer Behörde häufen sich Burn-out-Fälle; wir brauchen externe Unterstützung.", "verwaltung"),
    ]),
    _c("ge_wohnen_alter", "gesundheit", None, "kmu wissenschaft zivil", "zivil verwaltung kmu", [
        ("Assistenzsysteme für selbstbestimmtes Wohnen", "Wir installieren Sturzsensoren, Herdabschaltung und Notruf in bestehenden Wohnungen.", "kmu wissenschaft"),
        ("Barrierefreier Badumbau aus einer Hand", "Unser Handwerksbetrieb ersetzt Wannen durch bodengleiche Duschen und montiert Haltegriffe.", "kmu"),
        ("Beratung zur altersgerechten Wohnungsanpassung", "Wir besuchen Haushalte, schlagen Umbauten vor und klären die Zuschüsse der Pflegekasse.", "zivil kmu"),
    ], [
        ("Mieter werden älter – ihre Räume nicht", "Unsere Genossenschaft in {ort} hat viele Bewohner über 75, die allein leben. Wir wollen, dass sie nicht ins Heim müssen.", "zivil kmu"),
        ("Oma soll daheim bleiben können", "Als Angehörigen-Initiative suchen wir Technik, die meldet, wenn jemand hingefallen ist.", "zivil"),
        ("Bäder ohne Stolperkante für Senioren", "Die Wohnungsgesellschaft plant eine Modernisierung und sucht Firmen für Umbauten nach DIN 18040.", "verwaltung kmu"),
    ]),
    # -- Kultur/Tourismus ---------------------------------------------------------------------------
    _c("ku_industriekultur", "kultur", None, "gross zivil verwaltung", "kmu zivil", [
        ("Führungen durch das stillgelegte Kraftwerk", "Unser Förderverein zeigt Gruppen Kesselhaus, Leitwarte und Kühlturm und erzählt die Geschichte der Energiegewinnung.", "zivil"),
        ("Industriedenkmal als Veranstaltungsort", "Die Maschinenhalle der alten Brikettfabrik kann für Konzerte, Messen und Firmenfeiern gemietet werden."),
        ("Besucherbergwerk mit Grubenbahn", "Wir fahren Gäste mit der Feldbahn durch ein ehemaliges Abbaufeld und erklären die Technik."),
    ], [
        ("Ausflugsziel für Busreisen", "Unser Reiseveranstalter stellt Tagesfahrten ins Revier zusammen und sucht authentische Orte mit Erlebnischarakter.", "kmu"),
        ("Außergewöhnliche Location für unsere Jahrestagung", "Wir möchten 300 Gäste nicht im Hotel, sondern an einem Ort mit Geschichte empfangen."),
        ("Schulklassen sollen die Kohlezeit erleben", "Für den Heimatkundeunterricht suchen wir in der Nähe von {ort} einen Platz, an dem Kinder sehen, wie früher gearbeitet wurde.", "zivil"),
    ]),
    _c("ku_vermittlung", "kultur", None, "kmu wissenschaft", "zivil verwaltung gross", [
        ("Audioguides und Hörspaziergänge", "Wir produzieren Rundgänge zum Anhören mit professionellen Sprechern, auch auf Polnisch, Tschechisch und Englisch.", "kmu"),
        ("Augmented-Reality-Stationen für Museen", "Per Smartphone lassen wir verschwundene Gebäude und Maschinen am Originalort wieder entstehen."),
        ("Geschichten sammeln und erzählen", "Unser Team führt Interviews mit Zeitzeugen und macht daraus Inhalte für Ausstellungen und Apps."),
    ], [
        ("Unser Museum braucht eine digitale Führung", "Besucher wollen ohne Personal durch die Ausstellung gehen können, am liebsten am eigenen Handy."),
        ("Gäste aus Nachbarländern besser ansprechen", "Am Lehrpfad bei {ort} gibt es nur deutsche Tafeln, obwohl viele Besucher aus Polen kommen."),
        ("Erinnerungen der Bergleute bewahren", "Die letzten Kumpel werden älter. Wir möchten ihr Wissen festhalten und für Besucher erlebbar machen.", "zivil verwaltung"),
    ]),
    _c("ku_seeufer", "kultur", None, "kmu gross", "verwaltung politik", [
        ("Betreiber für Campingplätze und Ferienhäuser", "Wir übernehmen Planung und Bewirtschaftung von Urlaubsanlagen mit Stellplätzen, Hütten und Sanitärgebäude."),
        ("Investition in Resorts am Wasser", "Unsere Hotelgruppe bringt Kapital und Betriebserfahrung für Apartmenthäuser mit Gastronomie an Seen mit.", "gross"),
        ("Pächter für Strandbad und Kiosk", "Als erfahrene Gastronomen bewirtschaften wir Badestellen mit Imbiss, Bootsverleih und Rettungsschwimmern.", "kmu"),
    ], [
        ("Wer baut am neuen Ufer Urlaubsquartiere?", "Der See bei {ort} ist bald fertig geflutet. Die Gemeinde sucht jemanden, der dort Übernachtungsmöglichkeiten schafft."),
        ("Investor für touristische Fläche gesucht", "Am Südstrand ist ein Grundstück für Beherbergung ausgewiesen, doch bislang fehlt ein Interessent."),
        ("Badegäste ohne Versorgung", "Im Sommer kommen tausende Leute an unseren Strand, aber es gibt weder Toiletten noch etwas zu essen."),
    ]),
    # -- Landwirtschaft / Agri-PV -------------------------------------------------------------------
    _c("ag_agri_pv", "agrar", "Bioökonomie", "kmu gross", "kmu zivil", [
        ("Agri-Photovoltaik mit hoch aufgeständerten Modulen", "Wir errichten Solaranlagen über Obst- und Beerenkulturen, die gleichzeitig vor Hagel und Sonnenbrand schützen."),
        ("Vertikale bifaziale Solarzäune für Ackerflächen", "Unsere senkrechten Modulreihen lassen Platz für Mähdrescher und erzeugen morgens und abends Strom."),
        ("Doppelnutzung von Landwirtschaftsflächen", "Als Projektierer übernehmen wir Genehmigung, Finanzierung und Bau; der Landwirt bewirtschaftet weiter und erhält Pacht."),
    ], [
        ("Ernte und Energie vom gleichen Feld", "Unser Obsthof möchte zusätzliches Einkommen, ohne Anbaufläche aufzugeben.", "kmu"),
        ("Schutz für Kulturen vor Hitze und Unwetter", "Die Sommer werden trockener. Wir suchen eine Überdachung für unsere Himbeeren, die sich selbst finanziert.", "kmu"),
        ("Sonnenkraft auf dem Acker, aber weiter Ackerbau", "Wir sind eine Genossenschaft bei {ort} und wollen Energiewirt werden, ohne die Felder stillzulegen."),
    ]),
    _c("ag_bewaesserung", "agrar", "Bioökonomie", "kmu wissenschaft", "kmu verwaltung", [
        ("Funkbasierte Bodenfeuchtesensoren", "Unsere Sonden messen die Wasserspannung in drei Tiefen und senden Werte per LoRaWAN an eine Web-Oberfläche."),
        ("Tropfbewässerung nach Bedarf", "Wir planen Leitungen und Ventile, die nur dann öffnen, wenn die Wurzelzone trocken ist.", "kmu"),
        ("Satellitenbasierte Beregnungsempfehlungen", "Aus Verdunstungsdaten und Wetterprognosen berechnen wir, wann und wie viel gegossen werden sollte."),
    ], [
        ("Wasser sparen auf unseren Feldern", "Die Brunnenentnahme wird knapper genehmigt. Wir wollen nur noch gießen, wenn die Pflanzen es wirklich brauchen.", "kmu"),
        ("Stadtbäume vertrocknen", "Das Grünflächenamt {ort} verliert jedes Jahr junge Straßenbäume und möchte wissen, wann nachgewässert werden muss.", "verwaltung"),
        ("Intelligente Beregnung für Gemüseanbau", "Unser Gärtnereibetrieb sucht ein System, das automatisch nach Trockenheit steuert.", "kmu"),
    ]),
    _c("ag_kippenboden", "agrar", "Bioökonomie", "wissenschaft kmu", "gross kmu verwaltung", [
        ("Humusaufbau auf Rekultivierungsflächen", "Wir bringen Kompost, Pflanzenkohle und Zwischenfrüchte aus und beobachten, wie sich das Bodenleben entwickelt."),
        ("Bodenkundliche Begleitung von Kippenstandorten", "Unser Institut kartiert Substrate, Verdichtung und Nährstoffe auf geschütteten Flächen und empfiehlt Fruchtfolgen.", "wissenschaft"),
        ("Tiefenlockerung und Meliorationsdüngung", "Mit schwerem Gerät brechen wir verdichtete Schichten auf und kalken saure Standorte.", "kmu"),
    ], [
        ("Auf der Kippe wächst kaum etwas", "Wir bewirtschaften seit fünf Jahren ehemaliges Tagebauland, aber die Erträge bleiben mager.", "kmu"),
        ("Fruchtbare Erde für renaturierte Areale", "Der Bergbaubetreiber muss Äcker zurückgeben, die wieder landwirtschaftlich nutzbar sind.", "gross"),
        ("Erde verbessern nach dem Bergbau", "Die Gemeinde {ort} pachtet aufgeschüttetes Gelände und will es zu Weideland entwickeln.", "verwaltung"),
    ]),
    # -- Lebensmittel -------------------------------------------------------------------------------
    _c("le_lohnabfuellung", "lebensmittel", None, "kmu gross", "kmu zivil", [
        ("Lohnabfüllung für Getränke", "Unsere Anlage füllt Säfte, Limonaden und Sirup in Glas und PET ab, schon ab 2.000 Flaschen."),
        ("Co-Packing von Trockenprodukten", "Wir portionieren Müsli, Gewürze und Tee in Beutel und Dosen und übernehmen die Etikettierung."),
        ("Konservenproduktion im Auftrag", "Ihre Rezeptur, unsere Küche: wir kochen und sterilisieren Suppen und Eintöpfe in Gläsern."),
    ], [
        ("Unser Apfelsaft soll in den Handel", "Wir haben eine Streuobstwiese und ein Rezept, aber keine Maschinen, um größere Mengen zu füllen."),
        ("Produktion für unser Start-up gesucht", "Unsere Würzmischung verkauft sich online gut; wir schaffen das Verpacken per Hand nicht mehr.", "kmu"),
        ("Wer kocht unsere Gerichte ein?", "Wir möchten regionale Fertiggerichte anbieten und suchen einen Hersteller, der das für uns übernimmt.", "kmu"),
    ]),
    _c("le_kantine", "lebensmittel", None, "kmu", "gross verwaltung zivil", [
        ("Catering mit Zutaten aus dem Umland", "Unsere Großküche beliefert Betriebe und Schulen täglich mit warmen Mahlzeiten, überwiegend aus Erzeugnissen der Region."),
        ("Erzeugergemeinschaft liefert an Großküchen", "Zwölf Höfe bündeln Kartoffeln, Gemüse und Fleisch und liefern küchenfertig in großen Gebinden."),
        ("Bio-Zertifizierung für Mensen", "Wir begleiten Küchen bei Umstellung, Einkauf und Kontrolle, damit sie ökologische Ware ausweisen dürfen."),
    ], [
        ("Besseres Essen für unsere Schichtarbeiter", "Die Werkskantine in {ort} wird neu ausgeschrieben; wir wollen frischer und mit Produkten von hier kochen lassen.", "gross"),
        ("Schulessen von Bauernhöfen aus der Nähe", "Der Elternrat wünscht sich weniger Tiefkühlkost und mehr Lebensmittel von Landwirten aus dem Kreis.", "zivil"),
        ("Kita-Verpflegung neu vergeben", "Die Gemeinde sucht einen Anbieter für 400 Mittagessen am Tag mit regionalem Anteil.", "verwaltung"),
    ]),
    _c("le_labor", "lebensmittel", None, "wissenschaft kmu", "kmu", [
        ("Nährwertanalysen und Kennzeichnung", "Unser Labor bestimmt Fett, Zucker, Eiweiß und Salz und erstellt die Tabelle für Ihr Etikett."),
        ("Haltbarkeitsstudien und Mikrobiologie", "Wir lagern Proben unter definierten Bedingungen und prüfen auf Keime, um ein belastbares Mindesthaltbarkeitsdatum festzulegen."),
        ("Lebensmittelrechtliche Verkehrsfähigkeitsprüfung", "Sachverständige prüfen Rezeptur, Zutatenliste und Werbeaussagen vor dem Markteintritt."),
    ], [
        ("Wie lange hält unser Aufstrich?", "Wir stellen vegane Brotaufstriche her und müssen auf das Glas schreiben, bis wann man sie essen kann."),
        ("Kalorien und Inhaltsstoffe für die Verpackung", "Der Supermarkt verlangt Angaben zum Brennwert unserer Kekse. Wir haben keine eigene Analytik."),
        ("Ist unser Käse so verkaufsfähig?", "Bevor unsere Hofkäserei in {ort} an Händler liefert, wollen wir sichergehen, dass alle Vorschriften eingehalten sind."),
    ]),
    # -- Medizintechnik -----------------------------------------------------------------------------
    _c("me_reinraumfertigung", "medtech", None, "kmu gross", "kmu wissenschaft", [
        ("Spritzguss unter Reinraumbedingungen", "Wir fertigen Kunststoffteile für Medizinprodukte in ISO-Klasse 7, validiert nach ISO 13485."),
        ("Mikrospritzguss für Implantatkomponenten", "Bauteile unter einem Gramm aus PEEK und resorbierbaren Polymeren mit Toleranzen im Mikrometerbereich."),
        ("Montage und Sterilverpackung", "Unser Reinraum übernimmt Zusammenbau, Verblistern und Etikettierung von Einwegartikeln für Kliniken."),
    ], [
        ("Hersteller für sterile Einmalteile gesucht", "Unser Start-up hat einen Katheter entwickelt und braucht eine Fertigung mit passender Zertifizierung.", "kmu"),
        ("Serienfertigung eines Diagnostik-Gehäuses", "Für ein Schnelltest-Gerät brauchen wir 100.000 Schalen im Jahr, produziert in keimarmer Umgebung.", "kmu"),
        ("Partikelfreie Produktion für Labor-Verbrauchsmaterial", "Unser Institut hat eine Pipettenspitze erfunden und sucht einen Industriepartner zur Herstellung.", "wissenschaft"),
    ]),
    _c("me_zulassung", "medtech", None, "kmu", "kmu wissenschaft", [
        ("Regulatory Affairs nach MDR", "Wir erstellen technische Dokumentation, klinische Bewertung und Risikoanalyse für die CE-Kennzeichnung."),
        ("Qualitätsmanagement-System nach ISO 13485 aufbauen", "Wir begleiten Medizinproduktehersteller vom ersten Prozess bis zum Zertifizierungsaudit."),
        ("Vorbereitung auf die Benannte Stelle", "Unsere Fachleute simulieren das Audit und schließen Lücken vor der Einreichung."),
    ], [
        ("Unser Gerät darf noch nicht verkauft werden", "Die Entwicklung ist fertig, aber wir verstehen die europäischen Regeln für Medizinprodukte nicht."),
        ("Zulassung einer Gesundheits-App", "Unsere Software soll Ärzten bei Diagnosen helfen. Welche Nachweise brauchen wir dafür?", "kmu"),
        ("Wer hilft beim Papierkram fürs Prüfsiegel?", "Als Ausgründung der Uni {ort} müssen wir bis Jahresende alle Unterlagen für die Konformitätsbewertung einreichen."),
    ]),
    _c("me_klinische_pruefung", "medtech", None, "wissenschaft gross kmu", "kmu", [
        ("Prüfzentrum für klinische Studien", "Unser Klinikum rekrutiert Probanden, führt Untersuchungen nach GCP durch und dokumentiert alle Daten.", "wissenschaft gross"),
        ("Auftragsforschung für Medizinprodukte", "Als CRO planen wir Studiendesign, Ethikantrag und Monitoring von Anwendungsbeobachtungen.", "kmu"),
        ("Usability-Tests mit Pflegekräften", "In unserem Simulationslabor testen echte Anwender neue Geräte und geben strukturiertes Feedback."),
    ], [
        ("Wirksamkeit am Menschen belegen", "Die Zulassungsstelle will Daten aus der Praxis sehen. Wir brauchen ein Krankenhaus, das Patienten einbezieht."),
        ("Patienten für eine Erprobung finden", "Wir haben eine neue Wundauflage und möchten sie bei 200 Menschen mit chronischen Wunden ausprobieren."),
        ("Praxistest für unser Bedienkonzept", "Bevor wir in Serie gehen, soll medizinisches Personal prüfen, ob unser Infusionsgerät verständlich ist."),
    ]),
    # -- Bauwirtschaft ------------------------------------------------------------------------------
    _c("ba_holzmodul", "bau", None, "kmu", "verwaltung zivil gross", [
        ("Modulbau in Holz", "Wir fertigen komplette Raumzellen im Werk vor und stellen Schulen oder Wohnhäuser in wenigen Wochen auf."),
        ("Holzrahmenbau-Elemente aus regionalem Kiefernholz", "Unsere Zimmerei liefert vorgefertigte Wand- und Deckenelemente mit Dämmung und Fenstern."),
        ("Aufstockung in Leichtbauweise", "Wir setzen auf Bestandsgebäude weitere Geschosse aus Brettsperrholz."),
    ], [
        ("Schnell mehr Klassenzimmer", "Die Schülerzahlen in {ort} steigen. Die Kommune braucht zusätzliche Räume bis zum nächsten Schuljahr – Container wollen wir nicht.", "verwaltung"),
        ("Bezahlbare Wohnungen nachhaltig errichten", "Unsere Genossenschaft plant 40 Einheiten und möchte einen nachwachsenden Baustoff verwenden.", "zivil"),
        ("Zusätzliche Etage auf dem Bürogebäude", "Wir brauchen mehr Arbeitsplätze, aber das Grundstück ist voll. Die Statik verträgt nur wenig Gewicht.", "gross"),
    ]),
    _c("ba_bim", "bau", "Digitalisierung", "kmu wissenschaft kammer", "verwaltung gross kmu", [
        ("BIM-Modellierung und Koordination", "Wir erstellen dreidimensionale Bauwerksmodelle mit allen Gewerken und prüfen sie auf Kollisionen.", "kmu"),
        ("Laserscan von Bestandsgebäuden", "Mit terrestrischem Scanner erfassen wir Hallen und Anlagen millimetergenau und liefern eine Punktwolke als Planungsgrundlage.", "kmu wissenschaft"),
        ("Schulungen zu Building Information Modeling", "Die Bauakademie bildet Planer und Bauleiter im Umgang mit offenen Datenformaten wie IFC aus.", "kammer wissenschaft"),
    ], [
        ("Pläne vom alten Kraftwerk fehlen", "Für den Umbau eines Maschinenhauses gibt es nur vergilbte Zeichnungen. Wir müssen wissen, wie es wirklich gebaut ist.", "gross kmu"),
        ("Öffentliche Bauvorhaben digital ausschreiben", "Der Landkreis {ort} muss künftig modellbasierte Vergaben machen und hat dafür kein Know-how.", "verwaltung"),
        ("Unsere Poliere sollen digital arbeiten", "Als mittelständisches Bauunternehmen wollen wir weg von Papierplänen, wissen aber nicht, womit wir anfangen.", "kmu"),
    ]),
    _c("ba_rueckbau", "bau", "Kreislaufwirtschaft", "kmu gross", "gross verwaltung", [
        ("Selektiver Rückbau von Industrieanlagen", "Wir demontieren Kraftwerksblöcke sortenrein: Stahl, Beton, Isolierung und Schadstoffe werden getrennt entsorgt."),
        ("Sprengung von Schornsteinen und Kühltürmen", "Unser Sprengmeister legt hohe Bauwerke kontrolliert nieder, auch in bebauter Umgebung."),
        ("Schadstoffsanierung vor dem Abriss", "Asbest, PCB und künstliche Mineralfasern entfernen wir unter Schwarzbereich-Bedingungen."),
    ], [
        ("Kraftwerk stillgelegt – was nun?", "Unser Block ist seit Ende 2025 vom Netz. Das Gelände soll frei werden, damit dort ein Gewerbepark entsteht.", "gross"),
        ("Hohe Betonröhre muss weg", "Ein 150 Meter hoher Schlot auf dem Werksgelände in {ort} ist baufällig und muss beseitigt werden."),
        ("Abbruch mit möglichst viel Wiederverwertung", "Beim Abtragen der alten Fabrik sollen möglichst wenig Abfälle auf der Deponie landen."),
    ]),
    # -- Rechenzentren / Abwärme --------------------------------------------------------------------
    _c("rz_standort", "rechenzentrum", "Digitalisierung", "verwaltung gross", "gross kmu", [
        ("Erschlossene Fläche für Rechenzentren", "Das Gewerbegebiet in {ort} hat 40 Megawatt Netzanschluss, redundante Glasfaser und Kühlwasser in der Nähe.", "verwaltung"),
        ("Grünstrom direkt vom Windpark", "Wir liefern erneuerbaren Strom per Direktleitung an energieintensive Ansiedlungen.", "gross"),
        ("Ansiedlungsservice für Datacenter", "Die Wirtschaftsförderung begleitet Betreiber von der Flächensuche bis zur Baugenehmigung.", "verwaltung"),
    ], [
        ("Standort für neuen Serverpark gesucht", "Wir planen ein Hyperscale-Projekt und brauchen Gelände mit sehr viel Anschlussleistung.", "gross"),
        ("Klimaneutraler Betrieb unserer IT-Infrastruktur", "Kunden verlangen, dass unsere Server mit sauberer Energie laufen."),
        ("Wo lässt sich eine Colocation-Anlage bauen?", "Ein Hosting-Anbieter sucht ein Grundstück mit stabiler Stromversorgung und schneller Anbindung.", "kmu"),
    ]),
    _c("rz_abwaerme", "rechenzentrum", "Wärmewende", "gross kmu", "verwaltung kmu zivil", [
        ("Serverabwärme für Heizzwecke", "Unser Rechenzentrum gibt ganzjährig rund 5 Megawatt Wärme bei 35 Grad ab, die wir gern kostenlos abgeben."),
        ("Flüssigkühlung mit hoher Rücklauftemperatur", "Wir kühlen Prozessoren direkt mit Wasser und erreichen 60 Grad – genug für ein Nahwärmenetz ohne Nachheizen."),
        ("Wärmeauskopplung aus Rechenräumen", "Wir bauen Wärmetauscher und Pumpen ein, die die Kühllast von IT-Anlagen in ein Heizsystem übergeben.", "kmu"),
    ], [
        ("Heizquelle für das Neubaugebiet", "Das neue Wohnquartier in {ort} braucht eine klimafreundliche Versorgung; nebenan steht ein Datacenter.", "verwaltung zivil"),
        ("Warmes Wasser für Gewächshäuser", "Unser Gartenbaubetrieb sucht günstige Niedertemperatur-Energie, um Tomaten auch im Winter zu ziehen.", "kmu"),
        ("Quellen für die kommunale Wärmeplanung", "Die Stadtwerke erfassen, welche Betriebe überschüssige Energie abgeben könnten.", "verwaltung kmu"),
    ]),
    _c("rz_glasfaser", "rechenzentrum", "Digitalisierung", "kmu gross", "kmu verwaltung", [
        ("FTTB-Ausbau für Gewerbegebiete", "Wir verlegen Lichtwellenleiter bis in jedes Firmengebäude und schalten symmetrische Gigabit-Anschlüsse."),
        ("Dark Fiber und Standleitungen", "Unternehmen mieten bei uns unbeschaltete Fasern zwischen Standorten und betreiben sie selbst."),
        ("Mitverlegung bei Tiefbauarbeiten", "Wenn die Straße ohnehin aufgerissen wird, legen wir Leerrohre gleich mit und senken die Kosten."),
    ], [
        ("Internet zu langsam für unsere Konstruktion", "Unsere CAD-Dateien zu verschicken dauert Stunden. Im Industriegebiet {ort} gibt es nur Kupferkabel.", "kmu"),
        ("Schnelle Datenverbindung zwischen zwei Werken", "Unsere Betriebsstätten liegen 30 Kilometer auseinander und sollen wie ein Netz funktionieren.", "kmu"),
        ("Breitband für die Gewerbeansiedlung", "Das Amt will ein neues Areal für Firmen erschließen und muss die Datenanbindung gleich mitplanen.", "verwaltung"),
    ]),
    # -- Halbleiter ---------------------------------------------------------------------------------
    _c("hl_reinstwasser", "halbleiter", "Innovation", "kmu gross", "gross wissenschaft", [
        ("Reinstwasseranlagen für die Mikroelektronik", "Wir bauen Umkehrosmose, Elektrodeionisation und UV-Oxidation zu Systemen mit 18 Megaohm Widerstand zusammen."),
        ("Rückgewinnung von Spülwasser in der Chipfertigung", "Unsere Aufbereitung führt gebrauchtes Prozesswasser zurück und halbiert den Frischwasserbedarf."),
        ("Analytik für ultrareine Medien", "Wir messen Partikel, Metallionen und organischen Kohlenstoff im Spurenbereich."),
    ], [
        ("Extrem sauberes Wasser für die Waferreinigung", "Unsere neue Fab braucht täglich tausende Kubikmeter ohne jede Verunreinigung.", "gross"),
        ("Wasserknappheit bremst die Ansiedlung", "Die Region hat wenig Grundwasser; unser Halbleiterwerk muss jeden Liter mehrfach nutzen.", "gross"),
        ("Versorgung für den Reinraum unseres Instituts", "Für Lithografie-Versuche brauchen wir entionisiertes Wasser in höchster Güte.", "wissenschaft"),
    ]),
    _c("hl_packaging", "halbleiter", "Innovation", "kmu wissenschaft", "kmu gross", [
        ("Aufbau- und Verbindungstechnik für Leistungshalbleiter", "Wir sintern, bonden und vergießen Siliziumkarbid-Chips zu robusten Modulen."),
        ("Drahtbonden und Flip-Chip-Montage", "Kleinserien und Prototypen: unsere Linie verbindet Dies mit Substraten und Leiterplatten."),
        ("Wafer-Dicing und Die-Sortierung", "Wir trennen Siliziumscheiben mit Laser oder Säge und sortieren die Chips nach Prüfdaten."),
    ], [
        ("Wer verpackt unsere Sensorchips?", "Wir haben einen MEMS-Sensor entworfen, die Scheiben kommen aus der Foundry – uns fehlt der Schritt zum fertigen Bauteil."),
        ("Hitzebeständige Elektronik für Wechselrichter", "Für unsere Ladegeräte brauchen wir Leistungsbausteine, die 200 Grad aushalten."),
        ("Muster-Gehäuse für neue Leuchtdioden", "Unser Start-up in {ort} sucht einen Partner, der 50 Exemplare montiert und kontaktiert.", "kmu"),
    ]),
    _c("hl_fehleranalyse", "halbleiter", "Innovation", "wissenschaft kmu", "kmu gross", [
        ("Fehleranalyse an elektronischen Bauelementen", "Mit Rasterelektronenmikroskop, Röntgen und Querschliff finden wir Ursachen für Ausfälle."),
        ("FIB-Schnitte und Materialanalyse", "Wir präparieren mit fokussiertem Ionenstrahl Querschnitte im Nanometerbereich und bestimmen die Zusammensetzung."),
        ("Zuverlässigkeitsprüfung von Baugruppen", "Temperaturwechsel, Feuchte und Vibration: wir altern Ihre Elektronik beschleunigt und werten aus."),
    ], [
        ("Steuergeräte gehen beim Kunden kaputt", "Kunden schicken defekte Platinen zurück. Wir wissen nicht, ob Lötstellen oder Chips schuld sind."),
        ("Warum reißen unsere Kontakte?", "In der Serienfertigung brechen Verbindungen nach Monaten. Wir brauchen ein Labor, das hineinschaut."),
        ("Lebensdauer unserer Platine nachweisen", "Ein Bahnkunde fordert Belege, dass unsere Steuerung 20 Jahre hält."),
    ]),
    # -- Luftfahrt ----------------------------------------------------------------------------------
    _c("lu_drohneninspektion", "luftfahrt", None, "kmu", "gross verwaltung kmu", [
        ("Drohnenbefliegung von Freileitungen und Masten", "Unsere Piloten erfassen mit Zoom- und Wärmebildkameras Schäden an Isolatoren und Seilen."),
        ("Inspektion von Windenergieanlagen aus der Luft", "Wir fotografieren Rotorblätter automatisiert und erkennen Risse per Bildanalyse."),
        ("BVLOS-Flüge mit Sondergenehmigung", "Für lange Trassen fliegen wir außerhalb der Sichtweite und übernehmen das Genehmigungsverfahren beim Luftfahrt-Bundesamt."),
    ], [
        ("Kontrolle von 300 km Stromtrasse", "Unser Netzbetreiber muss jährlich alle Leitungen begehen lassen; das dauert mit Fußtrupps zu lange.", "gross"),
        ("Zustand der Brücken aus der Höhe prüfen", "Das Tiefbauamt {ort} möchte schwer zugängliche Bauteile ohne Hubsteiger begutachten.", "verwaltung"),
        ("Schäden am Windpark frühzeitig erkennen", "Wir betreiben 25 Turbinen und wollen nicht mehr auf Industriekletterer warten.", "kmu gross"),
    ]),
    _c("lu_saf", "luftfahrt", None, "gross wissenschaft kmu", "gross verwaltung politik", [
        ("Synthetisches Kerosin aus Strom und CO2", "Unsere Power-to-Liquid-Anlage erzeugt über Fischer-Tropsch-Synthese einen zertifizierbaren Turbinenkraftstoff.", "gross kmu"),
        ("Forschung zu Bio-Kerosin", "Wir wandeln Altfette und Reststoffe in Flugtreibstoff um und testen Beimischungen bis 50 Prozent.", "wissenschaft"),
        ("Abnahmeverträge für erneuerbaren Flugtreibstoff", "Als Hersteller bieten wir Fluggesellschaften langfristige Lieferungen von e-Fuels an.", "gross kmu"),
    ], [
        ("Klimafreundlicher tanken am Flughafen", "Der Regionalflughafen will Airlines ein Angebot machen, mit weniger fossilem Anteil abzuheben.", "gross verwaltung"),
        ("Grüner Sprit für unsere Frachtmaschinen", "Unsere Logistiktochter fliegt nachts Pakete und muss die Quote für nachhaltige Kraftstoffe erfüllen.", "gross"),
        ("Ausstieg aus fossilem Jetfuel planen", "Die Landesregierung möchte eine Produktion für klimaneutrale Luftfahrt ansiedeln und sucht Technologieträger.", "politik verwaltung"),
    ]),
    _c("lu_leichtbau", "luftfahrt", None, "kmu wissenschaft", "gross kmu", [
        ("Bauteile aus kohlenstofffaserverstärktem Kunststoff", "Wir laminieren, härten im Autoklaven und fräsen Strukturteile für Luftfahrt und Fahrzeugbau."),
        ("Thermoplastische Faserverbunde im Serienprozess", "Unser Technikum entwickelt schweißbare Composite-Teile mit kurzen Taktzeiten."),
        ("Leichtbau-Engineering für Strukturteile", "Wir legen Faserverläufe simulationsgestützt aus und ersetzen Metallteile durch Verbundlösungen mit halbem Gewicht."),
    ], [
        ("Unser Kabinenteil ist zu schwer", "Ein Flugzeughersteller verlangt, dass unsere Sitzschale deutlich weniger wiegt als die Version aus Aluminium."),
        ("Gewicht sparen im Schienenfahrzeug", "Für einen neuen Straßenbahnwagen suchen wir Verkleidungen und Träger, die leicht und trotzdem steif sind.", "gross"),
        ("Carbon-Rahmen in Kleinserie gesucht", "Wir bauen Drohnen in {ort} und brauchen Arme und Gestelle aus Karbon in Stückzahlen um 500.", "kmu"),
    ]),
]

# Vague entries that belong to no concept and fit nothing (realistic noise).
GENERIC_OFFERS = [
    ("Erfahrung im Strukturwandel", "Wir begleiten seit Jahren Projekte in der Region und teilen gern, was wir gelernt haben."),
    ("Räume für Treffen", "Für Workshops mit bis zu 30 Personen steht unser Seminarraum zur Verfügung."),
    ("Kontakte in Politik und Verwaltung", "Wir kennen die Ansprechpartner in Land und Kreis und stellen gern Verbindungen her."),
    ("Praktikumsplätze", "Schülerinnen und Studierende können bei uns einige Wochen mitarbeiten."),
    ("Vorträge und Gastbeiträge", "Unsere Fachleute sprechen auf Veranstaltungen über ihre Arbeit."),
    ("Offene Türen", "Wer uns kennenlernen möchte, ist nach Absprache jederzeit willkommen."),
    ("Mitarbeit in Arbeitskreisen", "Wir bringen uns gern in regionale Gremien und Runde Tische ein."),
    ("Gemeinsame Öffentlichkeitsarbeit", "Unsere Kanäle in sozialen Medien erreichen mehrere tausend Menschen vor Ort."),
    ("Ortskenntnis", "Wir sind seit Generationen hier verwurzelt und wissen, wer was macht."),
    ("Mentoring für Gründende", "Erfahrene Leute aus unserem Haus stehen jungen Teams als Sparringspartner zur Seite."),
]
GENERIC_NEEDS = [
    ("Austausch mit anderen Akteuren", "Wir möchten Organisationen kennenlernen, die ähnliche Herausforderungen haben."),
    ("Sichtbarkeit in der Region", "Wir wollen bekannter werden und freuen uns über Hinweise auf passende Netzwerke."),
    ("Ideen für gemeinsame Projekte", "Wir sind offen für Kooperationen aller Art und hören uns Vorschläge gern an."),
    ("Ehrenamtliche Unterstützung", "Für unsere Vereinsarbeit suchen wir Menschen, die ein paar Stunden im Monat mithelfen."),
    ("Referentinnen für unser Forum", "Für eine Veranstaltungsreihe im Frühjahr suchen wir Rednerinnen und Redner."),
    ("Hinweise auf Förderprogramme", "Gibt es Töpfe, die zu uns passen? Wir sind für jeden Tipp dankbar."),
    ("Neue Mitglieder", "Unser Netzwerk wächst und freut sich über weitere Betriebe und Einrichtungen."),
    ("Erfahrungsberichte aus anderen Revieren", "Wie haben es andere gemacht? Wir lernen gern aus Beispielen."),
    ("Feedback zu unserer Strategie", "Wir haben ein Zukunftspapier geschrieben und suchen kritische Leserinnen und Leser."),
    ("Kontakt zu Schulen", "Wir möchten Jugendlichen zeigen, was wir tun, und suchen Ansprechpersonen."),
]

# Closing sentences added to some entries (noise in the words, not in the meaning).
CLOSINGS = [
    "Melden Sie sich gern bei uns.",
    "Ein erstes Gespräch ist unverbindlich.",
    "Eine Zusammenarbeit könnte schon im kommenden Quartal beginnen.",
    "Referenzen nennen wir auf Anfrage.",
    "Wir freuen uns auf Ihre Nachricht.",
    "Das Thema hat bei uns hohe Priorität.",
]

# Invented names: no real organisation or person is meant.
SURNAMES = ["Albrecht", "Brettschneider", "Dörnbach", "Eckardt", "Fiedler", "Gollnick", "Hansel", "Kubitza", "Lehnigk",
            "Mattuschka", "Nowak", "Piesker", "Quandel", "Rademacher", "Schüttauf", "Tannert", "Urbansky", "Vollmer",
            "Wendisch", "Zschoche"]
NAME_WORDS = ["Nordwind", "Kiefernhain", "Lichtblick", "Brückenschlag", "Auenland", "Tagwerk", "Seeblick", "Morgenrot",
              "Feldlerche", "Weitblick", "Kranich", "Mühlstein"]
NAME_PATTERNS = {
    "kmu": ["{sur} {word} GmbH", "{word} {sur} & Partner", "{sur} Technik {ort}"],
    "gross": ["{word} Energie AG", "{word} Industriewerke", "{sur}-Gruppe {ort}"],
    "wissenschaft": ["Institut {word}", "Forschungsstelle {ort}", "Hochschullabor {word}"],
    "politik": ["Fraktion {word} {ort}", "Büro MdL {sur}", "Arbeitskreis {word}"],
    "verwaltung": ["Stadt {ort}", "Landkreisamt {ort}", "Zweckverband {word}"],
    "kammer": ["Kammerbezirk {ort}", "Innung {word}", "Verband {word}"],
    "zivil": ["Verein {word} {ort}", "Initiative {word}", "Genossenschaft {word}"],
}
