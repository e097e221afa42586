"""The hand-written phrase library of the labelled suggestion set (issue 10, "Measured quality").

Each concept is one thing an organisation can offer or need. Its offer phrasings and its need
phrasings were written separately, in the words each side would use (synonyms, paraphrase, compound
vs. split words, other inflections), so a need and the offer that fits it never share a sentence.
The concepts of one topic are written to share vocabulary on purpose: they are the "adjacent but
wrong" offers of the look-alike distractors.

Kinds are the keys of the sector shared by registrations and profiles (``revier/core/choices.py``, ``Sector``).
``{ort}`` is replaced by a town of the profile's region.
"""

KMU, GROSS, WISS, POLITIK, VERW, KAMMER, ZIVIL = (
    "kmu", "gross", "wissenschaft", "politik", "verwaltung", "kammer", "zivil",
)


def concept(key, topics, offer_kinds, need_kinds, offers, needs):
    assert len(offers) >= 3 and len(needs) >= 3, key
    return {
        "key": key,
        "topics": list(topics),
        "offer_kinds": list(offer_kinds),
        "need_kinds": list(need_kinds),
        "offers": [tuple(o) for o in offers],
        "needs": [tuple(n) for n in needs],
    }


CONCEPTS = [
    # ------------------------------------------------------------------ Wasserstoff
    concept(
        "h2_pruefstand", ["Wasserstoff"], [WISS, KMU], [KMU, GROSS],
        offers=[
            ("Prüfung von Elektrolyse-Komponenten", "Unser Prüffeld testet Stacks, Membranen und Bipolarplatten für Elektrolyseure unter realen Lastwechseln und bewertet ihre Alterung."),
            ("Teststand für PEM-Elektrolyseure", "Wir vermessen Zellen und Stapel im Dauerbetrieb und liefern Kennlinien, Wirkungsgrade und Degradationsraten."),
            ("Charakterisierung von Elektrolysezellen", "Mit drei Versuchsständen bis 100 kW untersuchen wir Lebensdauer und Effizienz von Zellen für die Wasserstofferzeugung."),
        ],
        needs=[
            ("Partner für die Erprobung unseres Elektrolyseurs", "Wir haben eine eigene Anlage für grünen Wasserstoff gebaut und suchen jemanden, der sie unabhängig im Langzeitbetrieb testet."),
            ("Validierung der Wasserstoffelektrolyse", "Bevor wir in Serie gehen, brauchen wir belastbare Messdaten zu Verschleiß und Energieausbeute unseres Geräts."),
            ("Externe Tests für Stack-Prototypen", "Unsere Prototypen zur Elektrolyse von Wasserstoff müssen vor der Zertifizierung auf einem neutralen Prüfplatz gefahren werden."),
        ],
    ),
    concept(
        "h2_lieferung", ["Wasserstoff"], [GROSS, KMU], [KMU, GROSS],
        offers=[
            ("Grüner Wasserstoff aus {ort}", "Ab 2027 liefern wir jährlich bis zu 2.000 Tonnen Wasserstoff aus Windstrom, per Trailer oder über eine Leitung ab Werk."),
            ("Lieferung von Elektrolyse-Wasserstoff", "Wir verkaufen erneuerbar erzeugten H2 in Flaschenbündeln und Trailern an gewerbliche Abnehmer in der Region."),
            ("H2-Bezug mit langfristigem Vertrag", "Unsere Erzeugungsanlage hat freie Mengen: wir schließen Lieferverträge über zehn Jahre mit festen Preisen."),
        ],
        needs=[
            ("Bezugsquelle für erneuerbaren Wasserstoff", "Für die Umstellung unserer Glasschmelze auf klimaneutrale Brennstoffe brauchen wir ab 2027 verlässliche Mengen."),
            ("Wasserstoffversorgung für unsere Prozesswärme", "Wir wollen Erdgas in den Öfen ersetzen und suchen einen Versorger, der grünes Gas planbar und bezahlbar bereitstellt."),
            ("Lieferant für grünes H2 gesucht", "Unsere Produktion benötigt rund 300 Tonnen pro Jahr aus regenerativer Herstellung, gern aus der Nähe."),
        ],
    ),
    concept(
        "h2_tankstelle", ["Wasserstoff", "Mobilität"], [KMU, GROSS], [VERW, KMU, GROSS],
        offers=[
            ("Betankung von Brennstoffzellen-Lkw", "Unsere öffentliche Wasserstofftankstelle bei {ort} füllt Lastwagen und Busse mit 350 und 700 bar."),
            ("H2-Tankinfrastruktur planen und betreiben", "Wir errichten Tankanlagen für Wasserstofffahrzeuge auf Betriebshöfen und übernehmen Wartung und Betrieb."),
            ("Mobile Wasserstoff-Zapfanlage", "Für Pilotflotten stellen wir eine verfahrbare Füllstation für H2-Fahrzeuge bereit, auch zur Miete."),
        ],
        needs=[
            ("Tankmöglichkeit für unsere Wasserstoffbusse", "Der Verkehrsbetrieb stellt auf Brennstoffzellenbusse um und braucht eine Station zum Nachfüllen nahe dem Depot."),
            ("Wo können unsere H2-Lastwagen tanken?", "Wir testen zwei Sattelzüge mit Brennstoffzelle und suchen eine Betankungsmöglichkeit entlang unserer Touren."),
            ("Infrastruktur zum Befüllen von Wasserstofffahrzeugen", "Für unseren kommunalen Fuhrpark mit Müllfahrzeugen auf Wasserstoffbasis fehlt ein Partner für Bau und Betrieb einer Tankanlage."),
        ],
    ),
    concept(
        "h2_speicher", ["Wasserstoff"], [GROSS, KMU], [KMU, GROSS, VERW],
        offers=[
            ("Speicherkapazität in Salzkavernen", "In umgerüsteten Kavernen bei {ort} lagern wir große Mengen H2 saisonal ein und geben sie bei Bedarf wieder ab."),
            ("Druckspeicher für Wasserstoff vermieten", "Wir stellen Röhrenspeicher und Bündel mit 300 bar als Puffer bereit, aufgestellt auf Ihrem Gelände."),
            ("Einlagerung von H2 als Dienstleistung", "Unser Untergrundspeicher nimmt überschüssige Produktion auf; Ein- und Ausspeicherung rechnen wir nach Menge ab."),
        ],
        needs=[
            ("Zwischenlager für überschüssigen Wasserstoff", "Unsere Elektrolyse läuft bei viel Wind auf Volllast; was wir nicht sofort verbrauchen, müssen wir irgendwo vorhalten."),
            ("Pufferung von Wasserstoff gesucht", "Wir brauchen eine Möglichkeit, im Sommer erzeugtes Gas bis in den Winter aufzubewahren."),
            ("Wohin mit dem Wasserstoff am Wochenende?", "Da unsere Abnehmer sonntags nicht produzieren, suchen wir Tanks oder eine Kaverne zur kurzzeitigen Lagerung."),
        ],
    ),
    concept(
        "h2_genehmigung", ["Wasserstoff"], [KMU, WISS, KAMMER], [KMU, GROSS, VERW],
        offers=[
            ("Genehmigungsberatung für Wasserstoffanlagen", "Wir begleiten Betreiber durch das immissionsschutzrechtliche Verfahren und erstellen Explosionsschutzdokumente."),
            ("Sicherheitskonzepte nach ATEX und Störfallverordnung", "Unsere Sachverständigen bewerten Risiken von H2-Anlagen und bereiten die Unterlagen für die Behörde vor."),
            ("Begleitung durch das BImSchG-Verfahren", "Von der Antragskonferenz bis zum Bescheid koordinieren wir Gutachten und Fristen für Elektrolyseure und Speicher."),
        ],
        needs=[
            ("Hilfe beim Genehmigungsantrag für unseren Elektrolyseur", "Wer kennt sich mit den Auflagen für die Zulassung einer Wasserstofferzeugung aus? Unser Antrag steckt fest."),
            ("Gutachter für Explosionsschutz gesucht", "Für die geplante Wasserstoffleitung auf unserem Werksgelände brauchen wir ein Ex-Schutz-Konzept und ein Gutachten."),
            ("Wie bekommen wir die Anlage genehmigt?", "Das Amt verlangt ein Sicherheitsgutachten für unseren H2-Tank; wir suchen erfahrene Unterstützung im Zulassungsverfahren."),
        ],
    ),
    # ------------------------------------------------------------------ Wärmewende
    concept(
        "w_waermeplanung", ["Wärmewende"], [KMU, WISS], [VERW, POLITIK],
        offers=[
            ("Kommunale Wärmeplanung aus einer Hand", "Wir erstellen Wärmepläne für Städte und Gemeinden: Bestandsanalyse, Potenziale, Zielszenario und Maßnahmen."),
            ("Wärmeplan nach Wärmeplanungsgesetz", "Unser Ingenieurbüro hat bereits zwölf Kommunen bei der gesetzlich vorgeschriebenen Planung ihrer Versorgung begleitet."),
            ("Analyse von Wärmebedarf und Wärmequellen", "Wir kartieren Verbrauch, Abwärme und erneuerbare Quellen im Gemeindegebiet und leiten daraus Versorgungsgebiete ab."),
        ],
        needs=[
            ("Dienstleister für unser Heizkonzept der Stadt", "Die Stadt {ort} muss bis 2028 festlegen, wie ihre Quartiere künftig beheizt werden, und sucht ein erfahrenes Planungsbüro."),
            ("Unterstützung bei der Bestandsaufnahme der Heizungen", "Unserer Verwaltung fehlt Personal, um Heizanlagen, Netze und Verbräuche im Ort zu erfassen und zu bewerten."),
            ("Wer plant die Wärmeversorgung unserer Gemeinde?", "Wir möchten wissen, welche Ortsteile ein Nahwärmenetz bekommen und wo Einzelheizungen bleiben."),
        ],
    ),
    concept(
        "w_abwaerme", ["Wärmewende"], [GROSS, KMU], [VERW, KMU, ZIVIL],
        offers=[
            ("Industrielle Abwärme abzugeben", "Unsere Gießerei in {ort} gibt rund 8 GWh Wärme pro Jahr ungenutzt an die Luft ab; wir stellen sie gern einem Netz zur Verfügung."),
            ("Restwärme aus dem Rechenzentrum", "Die Server unseres Rechenzentrums erzeugen ganzjährig 35 Grad warmes Wasser, das sich mit Wärmepumpen nutzen lässt."),
            ("Prozesswärme für Nachbarn", "Bei der Trocknung entsteht überschüssige Energie auf hohem Temperaturniveau, die wir auskoppeln können."),
        ],
        needs=[
            ("Wärmequelle für unser Nahwärmenetz", "Der Ortsteil soll ein Nahwärmenetz bekommen; wir suchen einen Betrieb in der Nähe, dessen Abwärme wir einspeisen können."),
            ("Klimafreundliche Heizenergie für Gewächshäuser", "Unsere Gärtnerei möchte von Gas auf Wärme aus Industrieprozessen umsteigen."),
            ("Ungenutzte Wärme aus Gewerbe gesucht", "Für die Versorgung einer Schule und eines Schwimmbads brauchen wir eine günstige, CO2-arme Quelle."),
        ],
    ),
    concept(
        "w_grosswaermepumpe", ["Wärmewende"], [KMU, GROSS], [VERW, GROSS, KMU],
        offers=[
            ("Großwärmepumpen für Fernwärme", "Wir liefern und installieren Wärmepumpen ab 1 MW, die Flusswasser oder Abwasser als Quelle nutzen."),
            ("Planung von Wärmepumpen im Megawattbereich", "Unser Team legt Großanlagen für Stadtwerke aus, von der Quellenerschließung bis zur hydraulischen Einbindung."),
            ("Hochtemperatur-Wärmepumpen für die Industrie", "Wir bauen Anlagen, die Dampf bis 150 °C aus Niedertemperaturwärme bereitstellen."),
        ],
        needs=[
            ("Ersatz für das Kohleheizwerk", "Die Stadtwerke {ort} müssen das Kohleheizwerk ablösen und suchen Technik, die Umweltwärme in das Fernwärmenetz hebt."),
            ("Dampf ohne Erdgas erzeugen", "Unser Lebensmittelbetrieb braucht Prozessdampf und möchte ihn elektrisch aus Abwärme gewinnen."),
            ("Technik zur Nutzung von Flusswärme", "Wir möchten die Wärme des nahen Flusses für unser Quartier erschließen und brauchen einen erfahrenen Anlagenbauer."),
        ],
    ),
    concept(
        "w_sanierung", ["Wärmewende"], [KMU], [VERW, ZIVIL, KMU],
        offers=[
            ("Serielle Sanierung von Wohnblöcken", "Wir dämmen Plattenbauten mit vorgefertigten Fassadenelementen und tauschen die Heizung in wenigen Wochen."),
            ("Energetische Modernisierung von Mehrfamilienhäusern", "Als Handwerksverbund erneuern wir Hülle, Fenster und Haustechnik von Mietshäusern aus einer Hand."),
            ("Vorgefertigte Dämmfassaden", "Unsere Holzrahmenelemente mit integrierter Lüftung werden im Werk gebaut und am Bestandsgebäude montiert."),
        ],
        needs=[
            ("Wohnungsbestand klimafit machen", "Unsere Genossenschaft besitzt 600 Wohnungen aus den 1970er-Jahren, deren Wärmebedarf wir mit Dämmung und neuer Heizung halbieren müssen."),
            ("Partner für die Sanierung von Plattenbauten", "Die kommunale Wohnungsgesellschaft sucht Firmen, die viele gleichartige Gebäude schnell energetisch ertüchtigen."),
            ("Wie senken wir den Heizbedarf unserer Häuser?", "Wir verwalten Mietshäuser in {ort} und brauchen ein Konzept samt Umsetzung für Dämmung und neue Heiztechnik."),
        ],
    ),
    concept(
        "w_geothermie", ["Wärmewende"], [WISS, KMU], [VERW, KMU],
        offers=[
            ("Erkundung oberflächennaher und tiefer Geothermie", "Wir bewerten den Untergrund mit Bohrungen und Messungen und sagen, wie viel Erdwärme ein Standort liefern kann."),
            ("Geothermie in ehemaligen Bergwerken", "Unser Institut untersucht, wie Grubenwasser aus stillgelegten Schächten zum Heizen genutzt werden kann."),
            ("Bohrungen für Erdwärmesonden", "Wir bohren Sondenfelder für Quartiere und Gewerbegebiete und übernehmen die Thermal-Response-Tests."),
        ],
        needs=[
            ("Heizen mit Wärme aus dem Untergrund", "Für ein neues Wohngebiet prüfen wir, ob sich die Wärme aus der Tiefe wirtschaftlich nutzen lässt."),
            ("Warmes Stollenwasser als Energiequelle?", "Unter unserem Gemeindegebiet liegen alte, geflutete Stollen; wer kann das Potenzial abschätzen?"),
            ("Erdwärme für den Gewerbepark", "Der Zweckverband möchte den Gewerbepark mit Sonden und Wärmepumpen versorgen und braucht Fachleute für die Bohrplanung."),
        ],
    ),
    # ------------------------------------------------------------------ CCS/CCU
    concept(
        "ccs_abscheidung", ["CCS/CCU"], [WISS, GROSS, KMU], [GROSS, KMU],
        offers=[
            ("CO2-Abscheidung aus Rauchgasen", "Unsere Pilotanlage mit Aminwäsche trennt Kohlendioxid aus Abgasen von Zement- und Kalkwerken ab."),
            ("Abtrennung von Kohlenstoffdioxid im Industriemaßstab", "Wir planen Waschkolonnen, die aus dem Ofenabgas über 90 Prozent des CO2 herausholen."),
            ("Carbon Capture für Kalk und Zement", "Wir testen neue Sorptionsmittel, mit denen sich das Treibhausgas energiesparender aus dem Schornstein entfernen lässt."),
        ],
        needs=[
            ("Technologie, um unsere Kalkofen-Emissionen zu senken", "Prozessbedingte Emissionen lassen sich bei uns nicht vermeiden; wir suchen ein Verfahren, das sie vor dem Kamin einfängt."),
            ("Wie fangen wir das Kohlendioxid aus dem Abgas ein?", "Das Zementwerk will bis 2035 nahezu klimaneutral werden und braucht einen Partner für eine Abscheideanlage."),
            ("Pilotprojekt zum CO₂-Einfang", "Wir stellen einen Teilstrom unseres Rauchs für einen Versuch bereit und suchen Technik und Know-how zum Herausfiltern."),
        ],
    ),
    concept(
        "ccs_transport", ["CCS/CCU", "Logistik"], [GROSS, KMU], [GROSS, KMU],
        offers=[
            ("Transport von abgeschiedenem CO2", "Wir holen verflüssigtes Kohlendioxid per Kesselwagen ab und bringen es zu Lager- oder Verwertungsstätten."),
            ("CO2-Leitungsnetz in Planung", "Unser Netzbetreiber plant eine Kohlendioxidleitung durch das Revier und nimmt Einspeiser auf."),
            ("Logistik für flüssiges Kohlendioxid", "Mit Tankcontainern und Zwischenlager bieten wir die Kette von Ihrer Abscheideanlage bis zum Hafen."),
        ],
        needs=[
            ("Abnahme unseres CO2 gesucht", "Nach der Abscheidung fallen 50.000 Tonnen im Jahr an; wer befördert sie zur Speicherstätte?"),
            ("Anschluss an eine Kohlendioxid-Pipeline", "Unser Werk würde gern in ein künftiges Netz einspeisen – welche Trassen sind geplant?"),
            ("Wie kommt das Treibhausgas zum Speicher?", "Wir brauchen eine Lösung für Verflüssigung und Beförderung des abgetrennten Gases."),
        ],
    ),
    concept(
        "ccu_synthese", ["CCS/CCU"], [WISS, GROSS, KMU], [GROSS, KMU],
        offers=[
            ("Methanolsynthese aus CO2 und grünem H2", "Unsere Versuchsanlage in {ort} stellt aus Kohlendioxid und Wasserstoff Methanol her; wir bewerten Ihr Gas als Rohstoff."),
            ("Power-to-X-Verfahren für Kohlendioxid", "Wir entwickeln Katalysatoren, die CO2 in synthetische Kraftstoffe und Chemikalien umwandeln."),
            ("Stoffliche Nutzung von Kohlenstoffdioxid", "Unser Start-up macht aus Abgas-CO2 Formiat und Polymerbausteine für die Chemieindustrie."),
        ],
        needs=[
            ("Verwertung statt Verpressung", "Wir scheiden bald CO2 ab und möchten es lieber als Ausgangsstoff verkaufen als unterirdisch einzulagern."),
            ("Wer macht aus unserem Kohlendioxid ein Produkt?", "Im Chemiepark fällt hochreines CO2 an; wir suchen ein Verfahren, das daraus Wertstoffe oder E-Fuels erzeugt."),
            ("Kohlenstoffkreislauf schließen", "Unser Ziel: Emissionen aus der Fermentation in Methanol oder Kunststoffvorprodukte überführen."),
        ],
    ),
    concept(
        "ccs_monitoring", ["CCS/CCU"], [WISS, KMU], [GROSS, VERW, POLITIK, KMU],
        offers=[
            ("Überwachung geologischer CO2-Speicher", "Mit Seismik, Bohrlochsensorik und Bodengasmessungen weisen wir nach, dass eingelagertes Kohlendioxid dicht bleibt."),
            ("Monitoring-Konzepte für Kohlenstoffspeicherung", "Wir entwerfen Messprogramme für Speicherstätten, die Genehmigungsbehörden und Öffentlichkeit überzeugen."),
            ("Leckage-Detektion im Untergrund", "Unser Sensornetz erkennt kleinste Gasaustritte an Bohrungen und im Deckgebirge."),
        ],
        needs=[
            ("Nachweis der Dichtheit unseres Lagers", "Für die Erlaubnis der Einlagerung brauchen wir ein belastbares Messkonzept über Jahrzehnte."),
            ("Bürgerfragen zur CO2-Lagerung beantworten", "Die Gemeinde will wissen, wie man sicherstellt, dass das Gas nicht wieder austritt; wer kann das fachlich erklären und messen?"),
            ("Sensorik für ein Einlagerungsprojekt", "Wir planen die Verpressung in einer ausgeförderten Lagerstätte und suchen Partner für die Beobachtung."),
        ],
    ),
    concept(
        "ccs_bilanz", ["CCS/CCU"], [WISS, KMU], [GROSS, KMU],
        offers=[
            ("Ökobilanzen für CCU-Produkte", "Wir berechnen, wie viel Treibhausgas ein Verfahren mit Kohlendioxidnutzung über den gesamten Lebensweg tatsächlich einspart."),
            ("CO2-Bilanzierung von Prozessketten", "Unsere Lebenszyklusanalysen nach ISO 14040 belegen Klimawirkung und Energiebedarf Ihrer Anlage."),
            ("Bewertung der Klimawirkung neuer Verfahren", "Wir vergleichen Ihre Technologie mit dem Stand der Technik und liefern prüffähige Emissionsbilanzen."),
        ],
        needs=[
            ("Nachweis der Emissionsminderung", "Unser Förderantrag verlangt eine Lebenszyklusbetrachtung der geplanten Anlage – wer rechnet das für uns?"),
            ("Ist unser Produkt wirklich klimafreundlich?", "Wir stellen Baustoffe mit gebundenem CO2 her und brauchen eine unabhängige Treibhausgasrechnung."),
            ("Gutachten zum CO2-Fußabdruck", "Kunden fragen, wie klimaschädlich unser synthetisches Methanol ist; uns fehlt die Methodik, das zu beziffern."),
        ],
    ),
    # ------------------------------------------------------------------ Optik/Photonik
    concept(
        "op_laserbearbeitung", ["Optik/Photonik"], [KMU, WISS], [KMU, GROSS],
        offers=[
            ("Lohnfertigung mit Ultrakurzpulslasern", "Wir strukturieren, bohren und schneiden Glas, Keramik und Metall mit Femtosekundenlasern – vom Muster bis zur Serie."),
            ("Laserbearbeitung feiner Bauteile", "Unsere Anlagen schweißen und markieren Mikroteile mit Präzision im Mikrometerbereich."),
            ("Mikrostrukturierung von Oberflächen per Laser", "Wir erzeugen funktionale Oberflächen, etwa wasserabweisend oder reibungsarm, direkt mit dem Strahl."),
        ],
        needs=[
            ("Präzise Löcher in Glas", "Für unsere Sensorgehäuse brauchen wir feinste Bohrungen in Dünnglas, die mechanisch nicht gelingen."),
            ("Dienstleister für das Schneiden spröder Werkstoffe", "Wir suchen einen Betrieb, der Saphir- und Keramikplättchen sauber und ohne Ausbrüche trennt."),
            ("Externe Kapazität für Mikrobearbeitung", "Unsere Medizintechnikteile müssen in kleinen Stückzahlen beschriftet und gefügt werden; eigene Laser haben wir nicht."),
        ],
    ),
    concept(
        "op_inspektion", ["Optik/Photonik", "Digitalisierung"], [KMU, WISS], [KMU, GROSS],
        offers=[
            ("Optische Inline-Prüfung", "Wir entwickeln Kamerasysteme mit Bildverarbeitung, die Fehler auf Bauteilen im Takt der Fertigung erkennen."),
            ("Hyperspektrale Bildgebung für die Qualitätssicherung", "Unsere Spektralkameras unterscheiden Materialien und Verunreinigungen, die das Auge nicht sieht."),
            ("3D-Vermessung mit Streifenlicht", "Wir messen Form und Oberfläche von Werkstücken berührungslos und vergleichen sie mit den CAD-Daten."),
        ],
        needs=[
            ("Automatische Kontrolle von Oberflächenfehlern", "Bisher prüfen Mitarbeitende jedes Blech per Sichtkontrolle; das wollen wir mit einer Anlage ersetzen."),
            ("Kratzer und Dellen zuverlässig finden", "In unserer Lackiererei sollen Mängel an Teilen per Kamera schon auf dem Band erkannt werden, nicht erst beim Kunden."),
            ("Maßhaltigkeit ohne Tastschnitt prüfen", "Unsere Gussteile werden bisher stichprobenartig vermessen; wir wünschen uns eine schnelle, kontaktlose Lösung."),
        ],
    ),
    concept(
        "op_fasersensorik", ["Optik/Photonik"], [KMU, WISS], [GROSS, VERW, KMU],
        offers=[
            ("Faseroptische Sensorik", "Glasfasern mit eingeschriebenen Gittern messen Temperatur und Dehnung entlang von Leitungen über viele Kilometer."),
            ("Verteilte Temperaturmessung mit Lichtwellenleitern", "Wir überwachen Kabel, Rohre und Dämme mit einer einzigen Faser und melden Auffälligkeiten in Echtzeit."),
            ("Zustandsüberwachung per Glasfaser", "Unsere Messgeräte erkennen Erschütterungen, Lecks und Setzungen an Infrastruktur anhand des rückgestreuten Lichts."),
        ],
        needs=[
            ("Überwachung einer langen Rohrleitung", "Wir betreiben eine Fernwärmetrasse von 20 km und wollen Undichtigkeiten früh bemerken."),
            ("Bewegungen an Tagebauböschungen messen", "Die Rekultivierung verlangt eine lückenlose Beobachtung von Rutschungen an den Hängen des ehemaligen Tagebaus."),
            ("Temperaturprofil entlang unserer Erdkabel", "Der Netzbetreiber möchte die Belastung seiner Hochspannungskabel auf ganzer Länge kontinuierlich kennen."),
        ],
    ),
    concept(
        "op_optikfertigung", ["Optik/Photonik"], [KMU], [KMU, WISS, GROSS],
        offers=[
            ("Fertigung von Präzisionsoptiken", "Wir schleifen, polieren und beschichten Linsen, Prismen und Spiegel in Kleinserie."),
            ("Asphären und Freiformflächen", "Unsere CNC-Politur stellt komplexe optische Flächen mit Formabweichungen unter 100 Nanometern her."),
            ("Optische Beschichtungen", "Wir bedampfen Glas mit Entspiegelungs-, Filter- und Spiegelschichten für Laser und Kameras."),
        ],
        needs=[
            ("Linsen für unseren Prototyp", "Für ein neues Messgerät benötigen wir 50 Sonderlinsen mit engen Toleranzen – kurzfristig."),
            ("Zulieferer für optische Komponenten", "Unser Start-up baut Lidar-Sensoren und sucht eine Manufaktur für Umlenkspiegel und entspiegelte Fenster."),
            ("Kleinserie asphärischer Elemente", "Wir brauchen geschliffene Optiken mit ungewöhnlicher Geometrie, die Katalogware nicht abdeckt."),
        ],
    ),
    concept(
        "op_anwendungslabor", ["Optik/Photonik", "Innovation"], [WISS], [KMU],
        offers=[
            ("Anwendungslabor Photonik", "Firmen können in unserem Labor Laser, Spektrometer und Kameras mit eigenen Proben ausprobieren, begleitet von Fachleuten."),
            ("Machbarkeitsstudien mit optischen Verfahren", "Wir klären in wenigen Wochen, ob sich Ihre Messaufgabe mit Licht lösen lässt, und bauen einen Demonstrator."),
            ("Zugang zu Spektroskopie-Ausstattung", "Raman-, Infrarot- und Fluoreszenzmessplätze stehen KMU stunden- oder tageweise zur Verfügung."),
        ],
        needs=[
            ("Können wir das mit Licht messen?", "Wir möchten die Feuchte unseres Granulats während der Produktion bestimmen und wissen nicht, welche Methode taugt."),
            ("Erste Versuche ohne eigene Geräte", "Ein kleiner Betrieb wie unserer kann sich kein Spektrometer leisten; wir suchen eine Einrichtung für Probemessungen."),
            ("Technologieberatung zu optischen Analysen", "Unsere Inhaltsstoffanalyse dauert Tage im Fremdlabor; gibt es schnellere, lichtbasierte Methoden?"),
        ],
    ),
    # ------------------------------------------------------------------ Fachkräfte
    concept(
        "fk_umschulung", ["Fachkräfte"], [KAMMER, ZIVIL, KMU], [GROSS, KMU],
        offers=[
            ("Umschulung von Beschäftigten aus dem Bergbau", "Unser Bildungswerk qualifiziert ehemalige Tagebau- und Kraftwerksleute in zwölf Monaten zu Elektronikern für Energietechnik."),
            ("Qualifizierungsprogramme für den Strukturwandel", "Wir entwickeln mit Betrieben maßgeschneiderte Weiterbildungen, damit erfahrene Kräfte in neue Branchen wechseln."),
            ("Berufsbegleitende Weiterbildung Energietechnik", "Abendkurse und Blockseminare für Facharbeiter, die sich für Anlagen der Erneuerbaren fit machen wollen."),
        ],
        needs=[
            ("Erfahrene Kräfte aus der Kohle gewinnen", "Wir bauen ein Werk auf und würden gern Menschen einstellen, die bisher im Kraftwerk gearbeitet haben – sie brauchen aber Zusatzwissen."),
            ("Neue Kenntnisse für unsere Belegschaft", "Mit dem Ende der Braunkohleverstromung müssen 80 Mitarbeitende auf andere Tätigkeiten vorbereitet werden."),
            ("Bildungsträger für einen Branchenwechsel", "Unsere Monteure sollen künftig Wärmepumpen und Photovoltaik installieren; wer schult sie?"),
        ],
    ),
    concept(
        "fk_azubi", ["Fachkräfte"], [KAMMER, ZIVIL], [KMU, GROSS],
        offers=[
            ("Ausbildungsmessen und Schulkontakte", "Wir bringen jedes Jahr 3.000 Schülerinnen und Schüler mit Betrieben zusammen und vermitteln Praktika."),
            ("Vermittlung von Lehrstellen", "Unsere Passgenaue Besetzung findet für Betriebe geeignete Bewerberinnen und Bewerber für Ausbildungsplätze."),
            ("Berufsorientierung an Schulen", "Wir organisieren Werkstatttage, bei denen Jugendliche Handwerks- und Industrieberufe ausprobieren."),
        ],
        needs=[
            ("Wir finden keine Auszubildenden", "Seit zwei Jahren bleiben unsere Lehrstellen als Mechatroniker unbesetzt."),
            ("Nachwuchs für unseren Handwerksbetrieb", "Wir möchten junge Leute aus der Region für eine Lehre bei uns begeistern und brauchen Zugang zu Schulen."),
            ("Azubis gesucht", "Für den neuen Standort in {ort} wollen wir zehn Plätze in der Berufsausbildung besetzen."),
        ],
    ),
    concept(
        "fk_zuwanderung", ["Fachkräfte"], [VERW, KAMMER, ZIVIL, KMU], [KMU, GROSS, VERW, WISS],
        offers=[
            ("Begleitung internationaler Fachkräfte", "Wir helfen bei Visum, Anerkennung von Abschlüssen, Wohnungssuche und Sprachkurs – für Arbeitgeber kostenlos."),
            ("Welcome Center für Zugewanderte", "Unser Team unterstützt Beschäftigte aus dem Ausland und ihre Familien beim Ankommen in der Region."),
            ("Anwerbung von Technikpersonal aus dem Ausland", "Wir rekrutieren in Partnerländern, organisieren Sprachförderung und begleiten das Anerkennungsverfahren."),
        ],
        needs=[
            ("Ingenieure aus Übersee einstellen", "Wir haben Bewerbungen aus Indien und Brasilien, wissen aber nicht, wie Einreise und Gleichwertigkeitsprüfung ablaufen."),
            ("Hilfe beim Ankommen neuer Mitarbeitender", "Unsere neuen Kolleginnen aus Vietnam brauchen Unterstützung bei Behörden, Wohnung und Deutschkurs."),
            ("Rekrutierung jenseits der Landesgrenzen", "Der regionale Arbeitsmarkt ist leer; wir wollen gezielt Elektrofachkräfte in Drittstaaten gewinnen."),
        ],
    ),
    concept(
        "fk_arbeitgebermarke", ["Fachkräfte"], [KMU, ZIVIL, VERW], [KMU],
        offers=[
            ("Rückkehrerinitiative", "Wir sprechen Menschen an, die die Region verlassen haben, und zeigen ihnen Jobs und Leben in der alten Heimat."),
            ("Arbeitgebermarke für Mittelständler", "Unsere Agentur macht kleine Firmen als attraktive Arbeitgeber sichtbar – mit Videos, Karriereseiten und Social Media."),
            ("Fachkräfteportal der Region", "Auf unserer Plattform präsentieren sich Unternehmen mit Stellen, Wohnangeboten und Kinderbetreuung."),
        ],
        needs=[
            ("Bekannter werden bei Bewerbern", "Niemand kennt uns als Arbeitgeber, obwohl wir gut zahlen; wir brauchen einen professionellen Auftritt."),
            ("Weggezogene zurückholen", "Viele junge Leute sind nach Westdeutschland gegangen; wir möchten sie für offene Stellen zurückgewinnen."),
            ("Mehr Sichtbarkeit auf dem Arbeitsmarkt", "Unsere Stellenanzeigen erreichen kaum jemanden; gesucht ist Unterstützung beim Personalmarketing."),
        ],
    ),
    concept(
        "fk_studierende", ["Fachkräfte", "Innovation"], [WISS], [KMU, GROSS, VERW, KAMMER],
        offers=[
            ("Abschlussarbeiten in Ihrem Betrieb", "Studierende der Ingenieurwissenschaften bearbeiten Fragestellungen aus Unternehmen in Bachelor- und Masterarbeiten."),
            ("Studentische Projektteams", "Teams aus vier bis sechs Studierenden lösen ein Semester lang eine Aufgabe aus Ihrer Praxis, betreut von Professoren."),
            ("Praktikanten und Werkstudierende aus der Hochschule", "Wir vermitteln engagierte Studentinnen und Studenten für Praktika und Nebenjobs in technischen Unternehmen."),
        ],
        needs=[
            ("Kontakt zu jungen Talenten", "Wir würden den akademischen Nachwuchs gern früh kennenlernen, etwa über eine Thesis zu unserer Produktionsplanung."),
            ("Unterstützung durch eine Uni-Gruppe", "Für eine Marktstudie fehlen uns Kapazitäten – vielleicht kann das eine Gruppe angehender Akademiker übernehmen?"),
            ("Werkstudenten gesucht", "Unser Ingenieurbüro braucht Hilfe bei Berechnungen, idealerweise von angehenden Bauingenieurinnen."),
        ],
    ),
    # ------------------------------------------------------------------ Förderung
    concept(
        "fo_beratung", ["Förderung"], [KAMMER, VERW, KMU], [KMU, ZIVIL],
        offers=[
            ("Fördermittelberatung für Unternehmen", "Wir zeigen, welche Programme aus dem Just Transition Fund und den Landesrichtlinien zu Ihrem Vorhaben passen, und prüfen die Antragsfähigkeit."),
            ("Lotsendienst Förderprogramme", "Die Wirtschaftsförderung navigiert KMU durch das Dickicht von Zuschüssen, Darlehen und Bürgschaften."),
            ("Kostenlose Erstberatung zu Zuschüssen", "In einem Gespräch klären wir, ob Ihre Investition bezuschusst werden kann und welche Fristen gelten."),
        ],
        needs=[
            ("Welche staatliche Unterstützung gibt es für unsere Investition?", "Wir planen eine neue Fertigungshalle und haben den Überblick über öffentliche Hilfen verloren."),
            ("Orientierung bei öffentlichen Geldtöpfen", "Als kleiner Betrieb wissen wir nicht, welche Mittel für uns infrage kommen."),
            ("Geld für unser Vorhaben", "Für die Umstellung auf klimafreundliche Produktion suchen wir passende Förderung von Bund oder Land."),
        ],
    ),
    concept(
        "fo_antrag", ["Förderung", "Innovation"], [KMU, WISS], [KMU, WISS, ZIVIL, KAMMER, VERW],
        offers=[
            ("Antragsschreiben für Forschungsprojekte", "Wir formulieren Skizzen und Vollanträge für Bundes- und EU-Programme und kümmern uns um Arbeitspläne und Budgets."),
            ("Konsortialbildung für Verbundvorhaben", "Wir bringen Partner aus Wirtschaft und Wissenschaft zusammen und koordinieren das Projekt nach Bewilligung."),
            ("Projektmanagement für geförderte Vorhaben", "Unser Büro übernimmt Berichtswesen, Mittelabrufe und Verwendungsnachweise."),
        ],
        needs=[
            ("Koordinator für einen Horizon-Europe-Antrag", "Für eine Ausschreibung im Bereich saubere Energie fehlt uns ein erfahrener Partner, der das Konsortium führt."),
            ("Unterstützung bei der Projektskizze", "Die Einreichungsfrist beim Bund endet in acht Wochen und unser Team hat keine Erfahrung mit solchen Texten."),
            ("Wer übernimmt die Abrechnung unseres Förderprojekts?", "Die Nachweise gegenüber dem Projektträger überfordern unsere kleine Verwaltung."),
        ],
    ),
    concept(
        "fo_investor", ["Förderung"], [GROSS, KMU, VERW], [KMU],
        offers=[
            ("Beteiligungskapital für junge Technologiefirmen", "Unser Fonds investiert 250.000 bis 2 Millionen Euro in Gründungen aus den Revieren und begleitet sie im Beirat."),
            ("Wagniskapital für Gründerteams", "Wir beteiligen uns früh an innovativen Firmen der Energie- und Materialtechnik."),
            ("Business Angels aus der Region", "Unser Netzwerk erfahrener Unternehmer stellt Geld und Kontakte für Start-ups bereit."),
        ],
        needs=[
            ("Finanzierungsrunde für unser Start-up", "Wir haben einen funktionierenden Prototyp und suchen Investoren für die nächsten 18 Monate."),
            ("Eigenkapital für die Markteinführung", "Banken geben uns keinen Kredit; wir brauchen Geldgeber, die an unsere Technologie glauben."),
            ("Seed-Investment gesucht", "Unser Gründungsteam aus {ort} will die Produktion aufbauen und sucht eine erste Beteiligung."),
        ],
    ),
    concept(
        "fo_gruenderraeume", ["Förderung", "Innovation"], [VERW, WISS, KMU], [KMU],
        offers=[
            ("Büro- und Laborflächen im Gründerzentrum", "Wir vermieten flexibel Räume, Werkstätten und Labore zu günstigen Konditionen inklusive Coaching."),
            ("Inkubator für Technologiegründungen", "Unser Programm begleitet Teams zwölf Monate mit Mentoring, Arbeitsplätzen und Zugang zu Industriekontakten."),
            ("Coworking und Werkstatt für Ausgründungen", "Junge Firmen finden bei uns Schreibtische, eine Prototypenwerkstatt und Beratung unter einem Dach."),
        ],
        needs=[
            ("Räume für unsere Ausgründung", "Wir kommen aus der Universität und brauchen bezahlbare Labor- und Büroflächen."),
            ("Werkstatt zur Miete", "Unser junges Unternehmen braucht eine kleine Halle, um Prototypen zu bauen."),
            ("Arbeitsplätze und Betreuung für unser Gründerteam", "Vier Leute, eine Idee, kein Büro: wir suchen einen Ort mit Gleichgesinnten und Begleitung."),
        ],
    ),
    concept(
        "fo_industrieflaechen", ["Förderung"], [VERW, GROSS], [GROSS, KMU],
        offers=[
            ("Industrieflächen mit Gleisanschluss", "Auf dem früheren Kraftwerksgelände bei {ort} stehen 40 Hektar erschlossenes Bauland für Ansiedlungen bereit."),
            ("Ansiedlungsservice der Wirtschaftsförderung", "Wir vermitteln große Gewerbegrundstücke und beschleunigen Planung und Baugenehmigung."),
            ("Großflächige Areale für Produktion", "Der Zweckverband vermarktet Grundstücke ab fünf Hektar mit Strom-, Wasser- und Straßenanbindung."),
        ],
        needs=[
            ("Grundstück für ein neues Werk", "Wir planen eine Fabrik mit 300 Arbeitsplätzen und brauchen rasch ein baureifes Gelände."),
            ("Standort für die Expansion", "Unsere Fertigung platzt aus allen Nähten; gesucht ist eine große Fläche mit Bahnanbindung."),
            ("Bauland für eine neue Produktionsstätte", "Ein Zulieferer sucht ein Areal mit ausreichender Netzkapazität im Revier."),
        ],
    ),
    # ------------------------------------------------------------------ Kreislaufwirtschaft
    concept(
        "kr_sortierung", ["Kreislaufwirtschaft"], [KMU, WISS], [KMU, GROSS],
        offers=[
            ("Sensorgestützte Sortierung von Kunststoffabfällen", "Unsere Anlage trennt gemischte Kunststoffe nach Polymerart mit Nahinfrarot und liefert sortenreine Fraktionen."),
            ("Aufbereitung von Gewerbeabfällen", "Wir zerkleinern, sieben und sortieren Abfälle aus Industrie und Handel und vermarkten die Wertstoffe."),
            ("Trennung von Verbundmaterialien", "Mit einem neuen Verfahren lösen wir Schichten aus Folienverbunden und gewinnen die einzelnen Materialien zurück."),
        ],
        needs=[
            ("Wohin mit unseren Produktionsresten aus Plastik?", "Bei der Spritzgussfertigung fallen gemischte Reststoffe an, die wir bisher verbrennen lassen."),
            ("Recyclingpartner für Verpackungsabfälle", "Wir möchten Verschnitt aus Mehrschichtfolien wiederverwerten statt ihn zu entsorgen."),
            ("Wiederverwertbare Fraktionen aus unserem Müll", "Unsere Werke erzeugen Kunststoffreste, die sich nur nach Auftrennung wieder einsetzen lassen."),
        ],
    ),
    concept(
        "kr_rezyklat", ["Kreislaufwirtschaft"], [KMU], [KMU, GROSS],
        offers=[
            ("Hochwertiges Kunststoffrezyklat", "Wir verkaufen Regranulat aus PP und HDPE in gleichbleibender Qualität mit Datenblatt."),
            ("Recycelte Rohstoffe für die Fertigung", "Unsere Mahlgüter und Granulate aus Altkunststoff ersetzen Neuware in vielen Spritzgussanwendungen."),
            ("Sekundärrohstoffe mit Qualitätszertifikat", "Aus gesammelten Verpackungen stellen wir zertifiziertes Material für Hersteller her."),
        ],
        needs=[
            ("Lieferant für wiederverwertetes Polypropylen", "Unsere Kunden verlangen einen Recyclinganteil von 30 Prozent in den Gehäusen."),
            ("Ersatz für Primärkunststoff gesucht", "Wir wollen fabrikneue Polymere in unseren Produkten durch aufbereitetes Material ersetzen."),
            ("Bezugsquelle für Recyclingkunststoff", "Für Gartenmöbel brauchen wir jährlich 400 Tonnen Granulat aus Altmaterial."),
        ],
    ),
    concept(
        "kr_baustoffe", ["Kreislaufwirtschaft"], [KMU, GROSS], [VERW, KMU, GROSS],
        offers=[
            ("Recycling-Baustoffe aus Abbruch", "Wir bereiten Beton- und Ziegelbruch zu güteüberwachten Gesteinskörnungen auf."),
            ("RC-Beton und Sekundärzuschläge", "Unser Werk liefert Beton mit aufbereiteter Körnung aus Rückbaumaterial."),
            ("Güteüberwachtes Ersatzbaustoffmaterial", "Aus mineralischen Bauabfällen erzeugen wir zertifizierte Schotter und Splitte nach Ersatzbaustoffverordnung."),
        ],
        needs=[
            ("Ressourcenschonend bauen", "Für den Neubau unserer Grundschule wollen wir Beton mit Recyclinganteil einsetzen."),
            ("Tragschicht aus Bauschutt für den Wegebau", "Die Gemeinde sucht kostengünstiges Material aus aufbereitetem Abriss für Feld- und Radwege."),
            ("Zuschlagstoffe aus zweiter Hand", "Unser Fertigteilwerk möchte natürlichen Kies teilweise durch wiederverwertete Körnungen ersetzen."),
        ],
    ),
    concept(
        "kr_refurbishing", ["Kreislaufwirtschaft", "Digitalisierung"], [ZIVIL, KMU], [GROSS, VERW, KMU, WISS],
        offers=[
            ("Aufbereitung gebrauchter Laptops", "Unser Sozialbetrieb repariert ausgemusterte Rechner, löscht Daten zertifiziert und gibt sie an Schulen und Vereine weiter."),
            ("Reparaturwerkstatt für Elektrogeräte", "Wir setzen defekte Geräte instand und beschäftigen dabei Langzeitarbeitslose."),
            ("Refurbishing von IT-Hardware", "Alte Bürotechnik wird bei uns geprüft, überholt und mit Garantie wieder vermarktet."),
        ],
        needs=[
            ("Abnehmer für ausgemusterte Computer", "Wir tauschen 400 Arbeitsplatz-PCs aus und möchten, dass sie weiter genutzt werden."),
            ("Was tun mit alten Bürogeräten?", "Die Kreisverwaltung sucht einen Partner, der Altgeräte datenschutzkonform übernimmt und wiederverwendet."),
            ("Zweites Leben für Firmen-Notebooks", "Statt die Geräte zu verschrotten, wollen wir sie sozial sinnvoll weitergeben."),
        ],
    ),
    concept(
        "kr_gips", ["Kreislaufwirtschaft"], [KMU, GROSS], [GROSS, KMU],
        offers=[
            ("Recyclinggips aus Gipskartonabfällen", "Wir gewinnen aus Baustellenresten reinen Gips zurück, der in der Plattenproduktion eingesetzt werden kann."),
            ("Gips aus der Wiederaufbereitung", "Unsere Anlage trennt Karton und Gips aus Trockenbauabfällen und liefert Sekundärgips in Industriequalität."),
            ("Sekundärer Calciumsulfat-Rohstoff", "Wir bieten aufbereitetes Calciumsulfat aus Rückbau als Ersatz für Naturgestein an."),
        ],
        needs=[
            ("Ersatz für REA-Gips", "Mit dem Kohleausstieg fällt das Material aus den Rauchgasentschwefelungsanlagen weg; unser Plattenwerk braucht eine neue Quelle."),
            ("Rohstoffsicherung für Gipsprodukte", "Wir suchen langfristig 20.000 Tonnen Calciumsulfat pro Jahr, gern aus Kreislaufquellen."),
            ("Alternative zum Abbau im Steinbruch", "Statt neue Lagerstätten zu erschließen, wollen wir für unsere Trockenbauplatten Material aus dem Rückbau nutzen."),
        ],
    ),
    # ------------------------------------------------------------------ Digitalisierung
    concept(
        "dg_itsicherheit", ["Digitalisierung"], [KMU, WISS], [KMU, VERW, KAMMER],
        offers=[
            ("IT-Sicherheitscheck für den Mittelstand", "Wir prüfen Netzwerk, Server und Arbeitsplätze auf Schwachstellen und liefern einen priorisierten Maßnahmenplan."),
            ("Penetrationstests und Notfallplanung", "Unsere zertifizierten Fachleute greifen Ihre Systeme kontrolliert an und üben mit Ihnen den Ernstfall."),
            ("Schutz vor Cyberangriffen", "Wir richten Backups, Firewalls und Schulungen ein, damit Erpressungstrojaner keine Chance haben."),
        ],
        needs=[
            ("Nach dem Hackerangriff besser vorbereitet sein", "Ein Nachbarbetrieb wurde erpresst; wir möchten wissen, wie verwundbar unsere Computer sind."),
            ("Informationssicherheit für unsere Verwaltung", "Die Gemeinde muss ihre Rechner und Fachverfahren gegen Attacken aus dem Internet absichern."),
            ("Wie sicher sind unsere Daten?", "Unsere Konstruktionsdaten sind das Kapital der Firma; wir suchen jemanden, der Lücken findet und schließt."),
        ],
    ),
    concept(
        "dg_ki_produktion", ["Digitalisierung", "Innovation"], [WISS, KMU], [KMU, GROSS],
        offers=[
            ("Vorausschauende Instandhaltung mit KI", "Aus Sensordaten Ihrer Maschinen sagen unsere Modelle Ausfälle Tage im Voraus voraus."),
            ("Maschinelles Lernen für Produktionsdaten", "Wir werten Prozessdaten aus, finden Ursachen für Ausschuss und optimieren Einstellungen."),
            ("Datenanalyse in der Fertigung", "Unser Team verbindet Anlagen, sammelt Messwerte und macht daraus Kennzahlen und Prognosen."),
        ],
        needs=[
            ("Ungeplante Stillstände vermeiden", "Unsere Pressen fallen immer wieder unerwartet aus; wir möchten Verschleiß an den Maschinen früher erkennen."),
            ("Was steckt in unseren Maschinenwerten?", "Wir speichern seit Jahren Temperaturen und Drücke, nutzen sie aber nicht; gesucht ist Hilfe bei der Auswertung."),
            ("Weniger Fehlteile durch intelligente Auswertung", "Die Fehlerquote an der Spritzgießmaschine schwankt stark, und niemand weiß warum."),
        ],
    ),
    concept(
        "dg_verwaltung", ["Digitalisierung"], [KMU, WISS], [VERW],
        offers=[
            ("Onlinedienste für Kommunen", "Wir digitalisieren Anträge nach dem Onlinezugangsgesetz, von der Gewerbeanmeldung bis zum Bauantrag."),
            ("Digitale Bürgerservices", "Unsere Software bringt Formulare, Terminbuchung und Bezahlung der Gemeinde ins Netz."),
            ("E-Akte und papierlose Verwaltungsprozesse", "Wir führen elektronische Aktenführung ein und schulen die Beschäftigten im Rathaus."),
        ],
        needs=[
            ("Bürgeranliegen im Internet erledigen", "Unsere Einwohner sollen Anträge nicht mehr persönlich im Amt abgeben müssen."),
            ("Weg vom Papier im Rathaus", "Die Stadtverwaltung {ort} will ihre Vorgänge elektronisch bearbeiten und sucht einen Umsetzungspartner."),
            ("Umsetzung des OZG in einer kleinen Gemeinde", "Uns fehlen Personal und Know-how, um die gesetzlich geforderten digitalen Leistungen anzubieten."),
        ],
    ),
    concept(
        "dg_campusnetz", ["Digitalisierung"], [GROSS, KMU], [KMU, GROSS],
        offers=[
            ("5G-Campusnetze für Industrie", "Wir planen und betreiben private Mobilfunknetze auf Werksgeländen für vernetzte Fahrzeuge und Maschinen."),
            ("Private Funknetze für Betriebsgelände", "Unsere Lösung bringt stabile, latenzarme Verbindung in Hallen und auf Freiflächen."),
            ("Lokales Mobilfunknetz als Dienstleistung", "Von der Frequenzbeantragung bis zum Betrieb übernehmen wir alles für Ihr eigenes Netz."),
        ],
        needs=[
            ("Zuverlässiger Empfang im ganzen Werk", "Unsere fahrerlosen Transportsysteme verlieren im WLAN ständig die Verbindung."),
            ("Vernetzung eines großen Geländes", "Auf unserem 60-Hektar-Areal im Tagebau brauchen Maschinen und Sensoren eine durchgehende Datenanbindung."),
            ("Eigene 5G-Infrastruktur gesucht", "Wir möchten Messdaten aus der Produktion in Echtzeit übertragen und suchen einen Partner für die Funktechnik."),
        ],
    ),
    concept(
        "dg_onlinehandel", ["Digitalisierung"], [KMU], [KMU],
        offers=[
            ("Onlineshops für Handwerk und Handel", "Wir bauen Webshops mit Warenwirtschaftsanbindung und kümmern uns um Versand und Zahlungsarten."),
            ("Digitaler Vertrieb für kleine Betriebe", "Unsere Agentur bringt Ihre Produkte auf Marktplätze und in die Suchmaschinen."),
            ("E-Commerce-Einstieg", "Wir begleiten Händler vom ersten Produktfoto bis zur ersten Onlinebestellung."),
        ],
        needs=[
            ("Unsere Produkte im Internet verkaufen", "Die Manufaktur verkauft bisher nur im Laden und auf Märkten; wir wollen Kundschaft bundesweit erreichen."),
            ("Bestellungen über die Website ermöglichen", "Als Fleischerei mit drei Filialen möchten wir Vorbestellung und Lieferung übers Netz anbieten."),
            ("Neue Absatzwege im Web", "Unser Keramikbetrieb sucht Unterstützung, um Ware digital anzubieten."),
        ],
    ),
    # ------------------------------------------------------------------ Batterien
    concept(
        "ba_recycling", ["Batterien", "Kreislaufwirtschaft"], [KMU, GROSS, WISS], [KMU, GROSS],
        offers=[
            ("Recycling von Lithium-Ionen-Akkus", "Wir zerlegen Altbatterien, gewinnen die Schwarzmasse und trennen Lithium, Nickel und Kobalt hydrometallurgisch."),
            ("Rückgewinnung von Batteriemetallen", "Unsere Pilotanlage holt wertvolle Rohstoffe aus ausgedienten Traktionsbatterien zurück."),
            ("Demontage von Akkupacks", "Wir öffnen Batteriesysteme sicher, prüfen die Module und führen sie der Verwertung zu."),
        ],
        needs=[
            ("Entsorgungsweg für Ausschusszellen", "In unserer Zellfertigung fallen fehlerhafte Zellen an, die wir fachgerecht loswerden müssen."),
            ("Wiederverwertung ausgedienter Fahrzeugakkus", "Unser Autohaus nimmt Antriebsbatterien von E-Autos zurück und sucht einen Verwerter."),
            ("Kreislauf für Lithium und Kobalt", "Wir möchten Sekundärrohstoffe aus alten Energiespeichern in unsere Kathodenproduktion zurückführen."),
        ],
    ),
    concept(
        "ba_secondlife", ["Batterien"], [KMU], [KMU, ZIVIL],
        offers=[
            ("Stationäre Speicher aus gebrauchten E-Auto-Batterien", "Wir bauen aus Fahrzeugmodulen Gewerbespeicher mit 100 kWh bis 2 MWh und geben Garantie."),
            ("Zweitnutzung von Traktionsbatterien", "Ausgemusterte Akkus mit 80 Prozent Restkapazität werden bei uns zu Pufferspeichern für Solarstrom."),
            ("Second-Life-Batteriespeicher", "Unsere Container-Speicher senken Lastspitzen und nutzen Module, die im Auto nicht mehr genügen."),
        ],
        needs=[
            ("Solarstrom für den Abend aufheben", "Unsere Halle hat eine große PV-Anlage; tagsüber erzeugen wir zu viel, abends zu wenig."),
            ("Günstiger Stromspeicher für das Vereinsheim", "Die Bürgerenergiegenossenschaft sucht einen bezahlbaren, nachhaltigen Akku für ihre Dachanlage."),
            ("Leistungsspitzen abfedern", "Teure Spitzen beim Anfahren unserer Öfen wollen wir mit einem Speicher glätten."),
        ],
    ),
    concept(
        "ba_zellpruefung", ["Batterien"], [WISS, KMU], [KMU, GROSS, WISS],
        offers=[
            ("Prüflabor für Batteriezellen", "Wir führen Zyklen-, Sicherheits- und Alterungstests an Zellen und Modulen nach UN 38.3 und IEC durch."),
            ("Sicherheitstests für Akkus", "Nagel-, Überlade- und Crashversuche in unseren Bunkerkammern zeigen, wie sicher Ihre Speicher sind."),
            ("Lebensdaueranalysen von Energiespeichern", "Mit 400 Testkanälen ermitteln wir Kapazitätsverlust und Innenwiderstand über Tausende Ladezyklen."),
        ],
        needs=[
            ("Zertifizierung unseres Akkupacks", "Vor dem Versand braucht unser neuer Pedelec-Akku die Transportprüfung nach UN 38.3."),
            ("Wie lange hält unsere Zelle?", "Wir entwickeln eine Natrium-Ionen-Zelle und benötigen unabhängige Daten zur Haltbarkeit."),
            ("Testkapazitäten für Batteriemodule", "Unsere eigenen Prüfstände sind ausgelastet; wir suchen einen externen Partner für Missbrauchsversuche."),
        ],
    ),
    concept(
        "ba_elektrodenmaterial", ["Batterien"], [WISS, GROSS, KMU], [KMU, GROSS, WISS],
        offers=[
            ("Anodenmaterial aus heimischen Rohstoffen", "Wir stellen synthetischen Graphit für Batterieanoden her und bemustern Zellhersteller."),
            ("Kathodenpulver in Kleinmengen", "Unsere Versuchsanlage produziert Aktivmaterialien nach Kundenspezifikation im Kilogrammmaßstab."),
            ("Entwicklung von Elektrodenmaterialien", "Unsere Forschungsgruppe optimiert Beschichtungen und Partikelgrößen für Anoden und Kathoden."),
        ],
        needs=[
            ("Muster von Aktivmaterial", "Für die Entwicklung unserer Zellchemie brauchen wir Proben von Graphit und NMC aus europäischer Herstellung."),
            ("Europäische Quelle für Batterierohstoffe", "Wir wollen unabhängiger von Importen werden und suchen Lieferanten für Elektrodenpulver."),
            ("Partner für bessere Elektroden", "Die Energiedichte unserer Zellen soll steigen; wir suchen Know-how in der Materialentwicklung."),
        ],
    ),
    concept(
        "ba_ladeinfrastruktur", ["Batterien", "Mobilität"], [KMU, GROSS], [VERW, KMU, GROSS],
        offers=[
            ("Ladeinfrastruktur für Firmenflotten", "Wir planen und installieren Wallboxen und Schnelllader auf Betriebshöfen inklusive Lastmanagement."),
            ("Schnellladepunkte für E-Lkw", "Unsere Megawatt-Ladesäulen versorgen elektrische Sattelzüge in der Fahrerpause."),
            ("Ladesäulen als Komplettpaket", "Von der Netzanfrage bis zur Abrechnung betreiben wir Ladestationen für Gewerbe und Kommunen."),
        ],
        needs=[
            ("Strom tanken für den kommunalen Fuhrpark", "Die Stadt stellt 40 Dienstwagen auf Elektroantrieb um und braucht Stellplätze mit Anschluss."),
            ("Elektrische Lieferwagen laden – aber wie?", "Unsere 25 E-Transporter sollen nachts auf dem Hof aufgeladen werden, ohne dass der Netzanschluss überlastet."),
            ("Lademöglichkeiten für Elektro-Lastwagen", "Wir flotten batterieelektrische Lkw ein und suchen leistungsstarke Stationen an unserem Depot."),
        ],
    ),
    # ------------------------------------------------------------------ Bioökonomie
    concept(
        "bio_agrarreste", ["Bioökonomie"], [KMU, ZIVIL], [GROSS, KMU, WISS],
        offers=[
            ("Stroh und Ernterückstände abzugeben", "Unser Agrarbetrieb bei {ort} hat jährlich 3.000 Tonnen Weizenstroh, das wir an Verwerter verkaufen."),
            ("Landwirtschaftliche Nebenprodukte als Rohstoff", "Die Erzeugergemeinschaft liefert Rapsstroh, Spelzen und Rübenschnitzel in großen Mengen."),
            ("Biomasse aus der Region", "Wir bündeln Reststoffe vieler Höfe und sorgen für Lagerung und Transport."),
        ],
        needs=[
            ("Lignocellulose für unsere Bioraffinerie", "Die Pilotanlage im Chemiepark braucht faserreiche Pflanzenreste wie Getreidestroh als Einsatzstoff."),
            ("Nachwachsende Rohstoffe gesucht", "Für die Herstellung von Dämmplatten benötigen wir Halme und Fasern aus dem Ackerbau."),
            ("Zuverlässige Versorgung mit Agrarresten", "Wir fermentieren pflanzliche Abfälle und suchen Lieferverträge mit Landwirten."),
        ],
    ),
    concept(
        "bio_kunststoffe", ["Bioökonomie"], [WISS, KMU], [KMU, GROSS],
        offers=[
            ("Biobasierte Kunststoffe entwickeln", "Wir entwickeln Polymere aus Zucker und Pflanzenöl und testen sie in Ihrer Anwendung."),
            ("Compoundierung von Biopolymeren", "Unser Technikum mischt und granuliert PLA und PHA mit Naturfasern im Tonnenmaßstab."),
            ("Materialien aus nachwachsenden Quellen", "Wir ersetzen erdölbasierte Werkstoffe in Verpackungen durch pflanzliche Alternativen."),
        ],
        needs=[
            ("Verpackung ohne Erdöl", "Unsere Lebensmittelschalen sollen künftig kompostierbar sein; wer kennt geeignete Stoffe?"),
            ("Pflanzenbasiertes Material für Spritzguss", "Wir möchten für unsere Spielwaren auf einen Kunststoff aus Biomasse umstellen."),
            ("Nachhaltige Alternative zu Polystyrol", "Ein Kunde verlangt fossilfreie Formteile; uns fehlt die Werkstoffkompetenz."),
        ],
    ),
    concept(
        "bio_holzbau", ["Bioökonomie"], [KMU], [VERW, ZIVIL, KMU, GROSS],
        offers=[
            ("Holzbau für Gewerbe und Schulen", "Unsere Zimmerei errichtet mehrgeschossige Gebäude in Holzmodulbauweise in kurzer Bauzeit."),
            ("Brettsperrholz aus regionalem Wald", "Wir fertigen Wand- und Deckenelemente aus heimischer Kiefer."),
            ("Modulare Gebäude aus Holz", "Vorgefertigte Raumzellen aus unserem Werk werden in wenigen Tagen zu Kitas und Büros montiert."),
        ],
        needs=[
            ("Neue Kita in nachhaltiger Bauweise", "Die Gemeinde will ihren Kindergarten klimafreundlich mit nachwachsenden Baustoffen errichten."),
            ("Schnell bauen mit Naturmaterial", "Wir brauchen 40 Wohnungen für Beschäftigte, gern aus Holzelementen, und möchten auf Beton weitgehend verzichten."),
            ("Anbau an unser Vereinsheim", "Der Sportverein plant eine Erweiterung aus Holz und sucht eine ausführende Firma."),
        ],
    ),
    concept(
        "bio_proteine", ["Bioökonomie"], [KMU, WISS], [KMU, GROSS],
        offers=[
            ("Proteine aus Pilzmyzel", "Wir züchten Myzel auf Reststoffen aus der Lebensmittelindustrie und liefern daraus Fleischersatz."),
            ("Insektenmehl für Futtermittel", "Unsere Larvenzucht verwertet Nebenprodukte und erzeugt Eiweiß für Aquakultur und Heimtierfutter."),
            ("Fermentation alternativer Eiweiße", "Im Bioreaktor stellen wir Proteine mithilfe von Mikroorganismen her."),
        ],
        needs=[
            ("Eiweißquelle für Tiernahrung", "Unser Futtermittelwerk sucht nachhaltige Alternativen zu Soja und Fischmehl."),
            ("Pflanzliche oder mikrobielle Proteinquellen", "Für eine vegane Produktlinie brauchen wir einen Lieferanten von Fleischalternativen."),
            ("Verwertung unserer Treber", "In der Brauerei fallen Treber und Hefe an; wir suchen jemanden, der daraus Lebens- oder Futtermittel macht."),
        ],
    ),
    concept(
        "bio_rekultivierung", ["Bioökonomie"], [WISS, KMU], [GROSS, VERW, POLITIK, ZIVIL],
        offers=[
            ("Rekultivierung von Bergbaufolgeflächen", "Wir entwickeln Bodenverbesserung und Bepflanzungskonzepte für Kippenböden."),
            ("Energiepflanzen auf Kippenstandorten", "Unsere Versuchsfelder zeigen, welche Kulturen auf nährstoffarmen Flächen nach dem Tagebau wachsen."),
            ("Bodenaufbau für renaturierte Tagebaue", "Mit Kompost und Pflanzenkohle machen wir Rohböden wieder fruchtbar."),
        ],
        needs=[
            ("Sinnvolle Nutzung unserer Kippenflächen", "Nach dem Ende der Förderung müssen 500 Hektar wieder nutzbar gemacht werden."),
            ("Was wächst auf dem ehemaligen Abbaugebiet?", "Die Gemeinde möchte auf ausgekohlten Flächen Landwirtschaft oder Wald ermöglichen."),
            ("Fruchtbarer Boden nach dem Bergbau", "Wir suchen Verfahren, mit denen sich sandige Abraumflächen begrünen lassen."),
        ],
    ),
    # ------------------------------------------------------------------ Tourismus
    concept(
        "to_wassersport", ["Tourismus"], [KMU, VERW, ZIVIL], [VERW, KMU],
        offers=[
            ("Wassersport am Tagebausee", "Wir vermieten Boote, Paddelbretter und Hausboote an der neuen Seenkette bei {ort}."),
            ("Touren auf den Bergbaufolgeseen", "Unsere Fahrgastschiffe und Kanutouren zeigen Besuchern die gefluteten Gruben."),
            ("Freizeitangebote an der Seenlandschaft", "Wir betreiben Strand, Segelschule und Tauchbasis am ehemaligen Tagebau."),
        ],
        needs=[
            ("Attraktionen für unseren neuen See", "Die Flutung ist abgeschlossen; jetzt suchen wir Betreiber für Aktivitäten auf dem Wasser."),
            ("Betreiber für die Uferzone", "Für den Badestrand und einen Bootsverleih am Restloch fehlt der Kommune ein Partner."),
            ("Gäste aufs Wasser bringen", "Unser Hotel am Ufer möchte Ausflüge mit Kajak oder Schiff für seine Gäste anbieten."),
        ],
    ),
    concept(
        "to_industriekultur", ["Tourismus"], [ZIVIL, KMU, VERW], [VERW, POLITIK, KMU, ZIVIL],
        offers=[
            ("Führungen durch Industriedenkmale", "Ehemalige Kumpel zeigen Besuchergruppen das stillgelegte Kraftwerk und die Brikettfabrik."),
            ("Industriekultur erlebbar machen", "Wir entwickeln Erlebnisrouten, Ausstellungen und Events in alten Werkhallen."),
            ("Besucherprogramme zur Bergbaugeschichte", "Unser Verein erzählt mit Zeitzeugen und Originalmaschinen vom Leben im Revier."),
        ],
        needs=[
            ("Programm für Reisegruppen", "Unser Busreiseveranstalter sucht spannende Ausflugsziele zur Geschichte der Kohle."),
            ("Nachnutzung der alten Förderbrücke", "Die Stadt will das Technikdenkmal für Gäste öffnen und braucht erfahrene Partner für die Betreuung."),
            ("Erlebnisangebote zur regionalen Identität", "Für die Kulturhauptstadt-Bewerbung wollen wir Orte des Braunkohleabbaus inszenieren."),
        ],
    ),
    concept(
        "to_radrouten", ["Tourismus", "Mobilität"], [VERW, KMU], [VERW, KAMMER],
        offers=[
            ("Radrouten planen und ausschildern", "Wir konzipieren touristische Radwege und kümmern uns um Beschilderung, Karten und App."),
            ("Konzepte für den Fahrradtourismus", "Unser Büro entwickelt Themenrouten mit Rastplätzen, Servicestationen und Vermarktung."),
            ("Wegweisung und Routenmarketing für Radler", "Von der Trassenprüfung bis zur Aufnahme in Tourenportale betreuen wir Ihr Radnetz."),
        ],
        needs=[
            ("Mehr Radurlauber in die Region", "Der Tourismusverband will das Revier als Ziel für Pedaltouren bekannt machen und braucht ein durchgehendes Wegenetz."),
            ("Anschluss an das Fernradwegenetz", "Unser Dorf liegt zwischen zwei Seen und braucht eine gut markierte Verbindung für Radfahrende."),
            ("Beschilderte Fahrradstrecke rund um den See", "Die Gemeinde wünscht sich einen Rundkurs mit Hinweistafeln und digitaler Karte."),
        ],
    ),
    concept(
        "to_tagungsort", ["Tourismus", "Veranstaltungen"], [KMU], [KMU, GROSS, VERW, KAMMER, WISS],
        offers=[
            ("Tagungshotel mit 120 Betten", "Unser Haus am See bietet Seminarräume, Verpflegung und Rahmenprogramm für Firmengruppen."),
            ("Veranstaltungsort in historischer Halle", "Wir vermieten eine umgebaute Kraftwerkshalle für Konferenzen bis 800 Personen."),
            ("Übernachtung und Räume für Klausuren", "Die Pension mit Seminarscheune eignet sich für Workshops kleiner Teams."),
        ],
        needs=[
            ("Location für unsere Fachkonferenz", "Wir planen ein zweitägiges Treffen mit 300 Gästen und suchen Saal und Zimmer in der Region."),
            ("Wo können wir unsere Mitarbeiterklausur abhalten?", "Für 25 Führungskräfte brauchen wir ruhige Tagungsräume mit Unterbringung."),
            ("Veranstaltungsstätte für den Innovationstag", "Die Kammer sucht einen besonderen Ort mit Platz für Ausstellung und Vorträge."),
        ],
    ),
    concept(
        "to_vermarktung", ["Tourismus"], [KMU, VERW], [KMU, ZIVIL, VERW],
        offers=[
            ("Gemeinsame Vermarktung von Gastgebern", "Wir bündeln Angebote kleiner Betriebe in einer Buchungsplattform und bewerben sie überregional."),
            ("Tourismusmarketing für das Revier", "Unsere Agentur erstellt Kampagnen, Reiseführer und Social-Media-Auftritte für Urlaubsregionen."),
            ("Digitale Buchbarkeit für Ferienwohnungen", "Wir bringen Zimmer und Erlebnisse auf Portale und übernehmen die Kanalpflege."),
        ],
        needs=[
            ("Mehr Übernachtungsgäste", "Unsere Ferienwohnungen stehen außerhalb der Sommerferien oft leer."),
            ("Sichtbarkeit für unser Ausflugsziel", "Das kleine Museum ist kaum bekannt; wir brauchen Werbung über die Landkreisgrenze hinaus."),
            ("Online reserviert werden", "Gäste fragen nach Sofortbuchung, wir vergeben Zimmer noch per Telefon."),
        ],
    ),
    # ------------------------------------------------------------------ Logistik
    concept(
        "lo_schiene", ["Logistik"], [GROSS, KMU], [KMU, GROSS],
        offers=[
            ("Güterverkehr auf der Schiene", "Wir fahren Ganzzüge und Einzelwagen von {ort} zu den Seehäfen und übernehmen die letzte Meile."),
            ("Gleisanschluss und Rangierdienst", "Unser Eisenbahnverkehrsunternehmen bedient Werksgleise und stellt Wagen zu."),
            ("Kombinierter Verkehr mit Containerterminal", "Im Terminal wechseln Container zwischen Lkw und Bahn; wir organisieren die Umschläge."),
        ],
        needs=[
            ("Transporte von der Straße auf die Bahn verlagern", "Wir verschicken wöchentlich 40 Lkw-Ladungen Baustoffe und wollen CO2 sparen."),
            ("Bahnanbindung für unser Werk", "Unser altes Anschlussgleis ist reaktiviert; wir suchen jemanden, der die Waggons fährt."),
            ("Mit dem Güterzug zum Hafen", "Unsere Exportcontainer sollen per Eisenbahn nach Hamburg statt per Lastwagen."),
        ],
    ),
    concept(
        "lo_kontraktlogistik", ["Logistik"], [KMU, GROSS], [KMU, GROSS],
        offers=[
            ("Lagerfläche und Kommissionierung", "In unserem Logistikzentrum bei {ort} lagern wir Paletten, kommissionieren und versenden im Auftrag."),
            ("Kontraktlogistik für Industrie", "Wir übernehmen Wareneingang, Lagerhaltung und Just-in-time-Belieferung Ihrer Linien."),
            ("Freie Hallenkapazität", "15.000 Stellplätze für Paletten, temperaturgeführt und mit Gefahrstofflager."),
        ],
        needs=[
            ("Platz für Ware gesucht", "Unsere Produktion wächst schneller als unser Lager; wir brauchen kurzfristig Auslagerungsfläche."),
            ("Dienstleister für Versand und Bevorratung", "Wir wollen Lagerung und Distribution unserer Ersatzteile an einen Partner abgeben."),
            ("Zwischenlager für Rohmaterial", "Für saisonale Spitzen suchen wir eine Halle mit Personal zum Ein- und Auslagern."),
        ],
    ),
    concept(
        "lo_lastenrad", ["Logistik", "Mobilität"], [KMU, ZIVIL], [VERW, KMU, KAMMER],
        offers=[
            ("Zustellung per Lastenrad", "Wir liefern Pakete und Waren in der Innenstadt emissionsfrei mit Cargobikes aus."),
            ("Mikrodepot für die letzte Meile", "Von unserem Umschlagpunkt am Stadtrand verteilen elektrische Kleinfahrzeuge Sendungen ins Zentrum."),
            ("Emissionsfreie Innenstadtlogistik", "Unser Kurierdienst bündelt Lieferungen mehrerer Händler und stellt sie leise und abgasfrei zu."),
        ],
        needs=[
            ("Weniger Lieferverkehr in der Altstadt", "Die Stadt {ort} will die engen Gassen vom Paketverkehr entlasten."),
            ("Klimafreundliche Belieferung unserer Kunden", "Unser Fachgeschäft möchte Bestellungen am selben Tag ohne Transporter zustellen."),
            ("Gemeinsamer Lieferservice für die Fußgängerzone", "Die Händlergemeinschaft sucht einen Dienst, der Einkäufe der Kundschaft nach Hause bringt."),
        ],
    ),
    concept(
        "lo_tourenplanung", ["Logistik", "Digitalisierung"], [KMU, WISS], [KMU],
        offers=[
            ("Tourenplanung mit Optimierung", "Unsere Software berechnet Routen für Fuhrparks und spart bis zu 15 Prozent Kilometer."),
            ("Transportmanagementsystem für Speditionen", "Wir digitalisieren Auftragsannahme, Disposition und Sendungsverfolgung."),
            ("Algorithmen für Fahrzeugeinsatzplanung", "Unser Forschungsteam entwickelt Verfahren, die Touren und Fahrerschichten gemeinsam planen."),
        ],
        needs=[
            ("Disposition noch mit Excel", "Unsere Spedition teilt die Touren von 60 Lkw per Hand ein; das kostet Zeit und Diesel."),
            ("Effizientere Fahrten für den Pflegedienst", "Die ambulante Pflege fährt täglich 400 Hausbesuche; wir suchen eine bessere Einteilung der Routen."),
            ("Leerfahrten reduzieren", "Wir möchten Rückladungen und Reihenfolge der Stopps automatisch ermitteln lassen."),
        ],
    ),
    concept(
        "lo_gefahrgut", ["Logistik"], [KMU], [KMU, GROSS, WISS],
        offers=[
            ("Gefahrguttransporte nach ADR", "Wir befördern Gase, Säuren und Lithiumbatterien mit geschulten Fahrern und Spezialfahrzeugen."),
            ("Beförderung gefährlicher Stoffe", "Unsere Flotte von Tank- und Kofferfahrzeugen ist für alle ADR-Klassen zugelassen."),
            ("Gefahrgutbeauftragte und Transporte", "Wir stellen den Gefahrgutbeauftragten und führen die Fahrten gleich mit durch."),
        ],
        needs=[
            ("Versand von Chemikalien", "Unser Labor muss regelmäßig brennbare Lösemittel an Kunden schicken und kennt die Vorschriften für gefährliche Güter nicht."),
            ("Spedition für kritische Ladung", "Wir brauchen einen Partner, der defekte Akkus und Druckgasflaschen vorschriftsgemäß abholt."),
            ("Wer fährt unsere ätzenden Reinigungsmittel aus?", "Für den Transport von Konzentraten fehlt uns ein zugelassener Frachtführer."),
        ],
    ),
]

# Closing sentences added to some offers and needs; they add realistic noise shared by many profiles.
OFFER_CLOSINGS = [
    "Gern auch als gemeinsames Förderprojekt.",
    "Ein erstes Gespräch ist kostenlos.",
    "Wir arbeiten seit über zehn Jahren in der Region.",
    "Referenzen nennen wir auf Anfrage.",
    "Kurzfristige Termine sind möglich.",
    "Sprechen Sie uns auf der nächsten Veranstaltung an.",
]
NEED_CLOSINGS = [
    "Ein Start in diesem Jahr wäre ideal.",
    "Ein Budget ist vorhanden.",
    "Wir freuen uns über Hinweise und Kontakte.",
    "Gern auch mit mehreren Partnern zusammen.",
    "Bitte sprechen Sie uns über die Gesprächsbörse an.",
    "Regionale Anbieter bevorzugt.",
]

TOWNS = {
    "mitteldeutsch": ["Leuna", "Zeitz", "Merseburg", "Bitterfeld-Wolfen", "Hohenmölsen", "Borna", "Weißenfels", "Halle (Saale)", "Altenburg", "Profen"],
    "lausitz": ["Cottbus", "Hoyerswerda", "Weißwasser", "Spremberg", "Senftenberg", "Görlitz", "Boxberg", "Lauchhammer", "Guben", "Welzow"],
    "rheinisch": ["Grevenbroich", "Bergheim", "Jülich", "Düren", "Eschweiler", "Erkelenz", "Bedburg", "Kerpen", "Frechen", "Elsdorf"],
}

# Parts of invented organisation names, per kind.
SURNAMES = ["Albrecht", "Behrendt", "Claußen", "Demmler", "Ehrlich", "Fiedler", "Gottschalk", "Hanisch", "Illgen", "Jentsch",
            "Kaminski", "Lehmann", "Mättig", "Nowack", "Oertel", "Pietsch", "Queck", "Rößler", "Schubert", "Thiele",
            "Uhlig", "Vogt", "Wenzel", "Zschoche", "Bräuer", "Kretschmar", "Lindner", "Mühlberg", "Nestler", "Seidel"]
STARTUP_WORDS = ["Aventro", "Kolibri Werk", "Lumiq", "Neuland Labs", "Taktwerk", "Brückenschlag", "Feldwerk", "Quantra",
                 "Zweiglein", "Ostwind Studio", "Hafenlicht", "Kieselstein", "Tandemo", "Weitblick Werkstatt", "Nordkante"]
INSTITUTES = ["Institut für Angewandte Forschung", "Technische Hochschule, Transferstelle", "Forschungszentrum Strukturwandel",
              "Hochschule für Technik und Wirtschaft", "Universität, Transfer- und Gründerservice", "Leibniz-Nachwuchsgruppe Revier",
              "Kompetenzzentrum Mittelstand und Forschung", "Fachhochschule, Zentrum für Wissenstransfer"]

# Phrasings that only suit some kinds (a "Gemeinde" does not run a "Zimmerei"): (concept, side, index) -> kinds.
# The generator picks a phrasing that suits the profile's kind when there is one.
PHRASING_KINDS = {
    ("w_abwaerme", "needs", 0): [VERW, ZIVIL], ("w_abwaerme", "needs", 1): [KMU], ("w_abwaerme", "needs", 2): [VERW],
    ("w_grosswaermepumpe", "needs", 0): [VERW, GROSS], ("w_grosswaermepumpe", "needs", 1): [KMU, GROSS],
    ("w_sanierung", "needs", 0): [ZIVIL, KMU], ("w_sanierung", "needs", 1): [VERW], ("w_sanierung", "needs", 2): [KMU],
    ("w_geothermie", "needs", 1): [VERW], ("w_geothermie", "needs", 2): [VERW],
    ("w_waermeplanung", "offers", 1): [KMU],
    ("w_geothermie", "offers", 1): [WISS], ("w_geothermie", "offers", 2): [KMU],
    ("ccs_monitoring", "needs", 1): [VERW, POLITIK, ZIVIL], ("ccs_monitoring", "needs", 0): [GROSS, KMU],
    ("ccs_monitoring", "needs", 2): [GROSS, KMU],
    ("ccs_abscheidung", "needs", 1): [GROSS, KMU],
    ("ccs_transport", "offers", 1): [GROSS],
    ("ccu_synthese", "offers", 2): [KMU],
    ("h2_tankstelle", "needs", 0): [VERW, GROSS], ("h2_tankstelle", "needs", 1): [KMU, GROSS], ("h2_tankstelle", "needs", 2): [VERW],
    ("fk_studierende", "needs", 2): [KMU],
    ("fk_azubi", "needs", 1): [KMU], ("fk_azubi", "offers", 1): [KAMMER],
    ("fk_umschulung", "offers", 0): [KAMMER, ZIVIL],
    ("fk_zuwanderung", "offers", 1): [VERW, KAMMER, ZIVIL], ("fk_zuwanderung", "offers", 2): [KMU, KAMMER],
    ("fk_arbeitgebermarke", "offers", 0): [VERW, ZIVIL], ("fk_arbeitgebermarke", "offers", 1): [KMU],
    ("fo_beratung", "needs", 0): [KMU], ("fo_beratung", "needs", 1): [KMU], ("fo_beratung", "offers", 1): [VERW],
    ("fo_investor", "offers", 0): [GROSS, VERW], ("fo_investor", "offers", 2): [KMU],
    ("fo_industrieflaechen", "offers", 1): [VERW], ("fo_industrieflaechen", "offers", 2): [VERW],
    ("kr_baustoffe", "needs", 0): [VERW], ("kr_baustoffe", "needs", 1): [VERW], ("kr_baustoffe", "needs", 2): [KMU, GROSS],
    ("kr_refurbishing", "needs", 1): [VERW], ("kr_refurbishing", "needs", 0): [GROSS, KMU, WISS], ("kr_refurbishing", "needs", 2): [GROSS, KMU, WISS],
    ("kr_refurbishing", "offers", 0): [ZIVIL], ("kr_refurbishing", "offers", 1): [ZIVIL], ("kr_refurbishing", "offers", 2): [KMU],
    ("dg_itsicherheit", "needs", 0): [KMU, KAMMER], ("dg_itsicherheit", "needs", 1): [VERW], ("dg_itsicherheit", "needs", 2): [KMU],
    ("dg_onlinehandel", "offers", 1): [KMU],
    ("ba_secondlife", "needs", 0): [KMU], ("ba_secondlife", "needs", 1): [ZIVIL], ("ba_secondlife", "needs", 2): [KMU],
    ("ba_ladeinfrastruktur", "needs", 0): [VERW], ("ba_ladeinfrastruktur", "needs", 1): [KMU],
    ("ba_ladeinfrastruktur", "needs", 2): [KMU, GROSS],
    ("ba_elektrodenmaterial", "offers", 2): [WISS],
    ("bio_holzbau", "needs", 0): [VERW], ("bio_holzbau", "needs", 1): [KMU, GROSS], ("bio_holzbau", "needs", 2): [ZIVIL],
    ("bio_rekultivierung", "needs", 0): [GROSS], ("bio_rekultivierung", "needs", 1): [VERW, POLITIK],
    ("bio_agrarreste", "offers", 0): [KMU], ("bio_proteine", "needs", 2): [KMU, GROSS],
    ("to_wassersport", "needs", 0): [VERW], ("to_wassersport", "needs", 1): [VERW], ("to_wassersport", "needs", 2): [KMU],
    ("to_industriekultur", "needs", 0): [KMU], ("to_industriekultur", "needs", 1): [VERW, POLITIK],
    ("to_industriekultur", "offers", 2): [ZIVIL],
    ("to_radrouten", "offers", 1): [KMU], ("to_radrouten", "needs", 1): [VERW], ("to_radrouten", "needs", 2): [VERW],
    ("to_tagungsort", "needs", 1): [KMU, GROSS], ("to_tagungsort", "needs", 2): [KAMMER],
    ("to_vermarktung", "needs", 0): [KMU], ("to_vermarktung", "needs", 1): [ZIVIL, VERW], ("to_vermarktung", "needs", 2): [KMU],
    ("to_vermarktung", "offers", 1): [KMU],
    ("lo_lastenrad", "needs", 0): [VERW], ("lo_lastenrad", "needs", 1): [KMU], ("lo_lastenrad", "needs", 2): [KAMMER, ZIVIL, KMU],
    ("lo_tourenplanung", "offers", 2): [WISS], ("lo_tourenplanung", "offers", 0): [KMU], ("lo_tourenplanung", "offers", 1): [KMU],
    ("op_fasersensorik", "needs", 1): [GROSS], ("op_fasersensorik", "needs", 2): [GROSS],
    ("op_optikfertigung", "needs", 1): [KMU],
}

# A fourth offer and need phrasing per concept (written after the first three, in the same way), so
# that fewer profiles share a sentence: concept -> (offer, need).
FOURTH = {
    "h2_pruefstand": (("Labor für Elektrolyseur-Qualifizierung", "Wir fahren Lastwechsel- und Dauerläufe an Elektrolyseurstapeln und bescheinigen Leistung und Lebensdauer unabhängig."),
                      ("Unabhängige Leistungsmessung unserer H2-Erzeugungseinheit", "Investoren verlangen geprüfte Angaben, wie lange unsere Elektrolyse-Stacks halten; wer misst das neutral?")),
    "h2_lieferung": (("Wasserstoff-Kontingente ab 2027 frei", "Aus unserem 50-MW-Elektrolyseur bei {ort} sind noch Mengen für Industriekunden verfügbar, Belieferung per Röhrentrailer."),
                     ("Grünes Gas für die Keramikbrennöfen", "Unsere Ziegelei möchte die Brennöfen mit Wasserstoff statt Erdgas befeuern und sucht einen verlässlichen Versorger.")),
    "h2_tankstelle": (("Wasserstoff-Betankung für Flotten", "An unserem Autohof stehen Zapfsäulen für H2-Pkw, Busse und Lkw rund um die Uhr bereit."),
                      ("H2-Tankstelle für den Regionalbus", "Ab dem nächsten Fahrplanwechsel fahren bei uns zwölf Brennstoffzellenbusse; uns fehlt noch die Versorgung mit Treibstoff.")),
    "h2_speicher": (("Röhrenspeicher-Parks für Wasserstoff", "Wir errichten oberirdische Gasspeicher aus Stahlröhren, die Tagesschwankungen der Erzeugung ausgleichen."),
                    ("Speicherlösung für saisonale H2-Überschüsse", "Zwischen Erzeugung im Frühjahr und Bedarf im Winter liegen Monate; wir brauchen Volumen zum Einlagern.")),
    "h2_genehmigung": (("Fachplanung Anlagensicherheit für H2", "Wir erarbeiten Gefährdungsbeurteilungen, Zonenpläne und Antragsunterlagen für Elektrolyse- und Tankanlagen."),
                       ("Sachverstand für die Zulassung unserer Wasserstofftankstelle", "Das Landesamt fordert Nachweise zum Brand- und Explosionsschutz, die wir allein nicht liefern können.")),
    "w_waermeplanung": (("Digitaler Wärmeatlas für Kommunen", "Unser Institut erstellt gebäudescharfe Karten des Heizbedarfs und rechnet Szenarien für Netze und Wärmepumpen durch."),
                        ("Fahrplan für die klimaneutrale Beheizung der Stadt", "Der Gemeinderat hat beschlossen, eine Strategie für Fernwärme und dezentrale Heizungen erarbeiten zu lassen.")),
    "w_abwaerme": (("Abwärme aus unserer Elektrolyse", "Unser Wasserstoffwerk erzeugt rund um die Uhr Niedertemperaturwärme, die wir an Nachbarn oder ein Netz abgeben."),
                   ("Günstige Heizwärme für unser Quartier", "Die Wohnungsgenossenschaft sucht einen Betrieb in der Nachbarschaft, dessen überschüssige Energie unsere Häuser heizen kann.")),
    "w_grosswaermepumpe": (("Wärmepumpen-Großanlagen schlüsselfertig", "Wir bauen Anlagen, die Wärme aus Kläranlagen, Seen oder Grubenwasser auf Fernwärmetemperatur bringen."),
                           ("Erneuerbare Einspeisung ins Fernwärmenetz", "Wir suchen eine Technik, die Umgebungswärme aus dem Abwasser auf 90 Grad anhebt.")),
    "w_sanierung": (("Komplettsanierung von Wohnanlagen", "Unser Generalunternehmer saniert bewohnte Mehrfamilienhäuser energetisch, inklusive Dach, Fassade und Heizungstausch."),
                    ("Energetische Ertüchtigung unserer Mietshäuser", "Die Heizkosten unserer Mieter steigen; wir suchen Handwerker, die unsere Blöcke dämmen und modernisieren.")),
    "w_geothermie": (("Machbarkeitsstudien für Erdwärme", "Wir werten geologische Daten aus und berechnen, ob sich Sonden, Brunnen oder Tiefbohrungen an Ihrem Ort lohnen."),
                     ("Wärme aus der Erde für unsere Schule", "Der Schulträger will die Ölheizung ersetzen und fragt sich, ob Bohrungen auf dem Gelände möglich sind.")),
    "ccs_abscheidung": (("Abscheideanlagen für Industrieabgase", "Wir liefern modulare Anlagen, die Kohlendioxid aus Ofen- und Kesselabgasen auswaschen und verdichten."),
                        ("CO2 aus dem Kalkofen herausholen", "Unsere Emissionen stammen zu zwei Dritteln aus dem Rohstoff selbst; wir brauchen eine Anlage zum Abtrennen.")),
    "ccs_transport": (("Kohlendioxid-Sammelleitung", "Unsere geplante Trasse verbindet Zement-, Kalk- und Chemiestandorte mit dem Exporthafen."),
                      ("Logistikpartner für verflüssigtes CO₂", "Ab 2029 müssen wir täglich mehrere Tankwagen abgeschiedenes Gas zu einem Speicher an der Küste bringen.")),
    "ccu_synthese": (("Synthesegas und E-Fuels aus Abgas-CO₂", "Unser Technikum wandelt Kohlendioxid mit grünem Wasserstoff in Kerosin- und Dieselersatz um."),
                     ("Abnehmer für unser abgetrenntes Kohlendioxid", "Wir suchen einen Partner, der unser CO₂ chemisch weiterverarbeitet, statt es zu entsorgen.")),
    "ccs_monitoring": (("Geophysikalische Speicherüberwachung", "Wir wiederholen 3D-Seismik und messen Druck und Gaszusammensetzung, um die Ausbreitung des eingepressten CO₂ zu verfolgen."),
                       ("Langzeitbeobachtung einer Lagerstätte", "Der Betreiber muss der Behörde dauerhaft zeigen, dass im Untergrund nichts entweicht.")),
    "ccs_bilanz": (("Lebenszyklusanalyse und Carbon Footprint", "Wir bilanzieren Emissionen von der Rohstoffgewinnung bis zur Entsorgung und bereiten Umweltproduktdeklarationen vor."),
                   ("Klimabilanz für unsere CO₂-Nutzung", "Für Kunden und Förderer müssen wir belegen, dass unser Verfahren unterm Strich Treibhausgase spart.")),
    "op_laserbearbeitung": (("Laserschweißen und Lasermarkieren im Auftrag", "Wir fügen und beschriften Kleinteile aus Edelstahl, Titan und Kunststoff berührungslos und wiederholgenau."),
                            ("Feinste Schweißnähte an Implantaten", "Unsere Titanteile brauchen hermetisch dichte, winzige Nähte; herkömmliches Schweißen schafft das nicht.")),
    "op_inspektion": (("Bildverarbeitung für die Endkontrolle", "Unsere Kameras und Algorithmen sortieren fehlerhafte Teile automatisch aus, bevor sie das Werk verlassen."),
                      ("Qualitätsprüfung ohne menschliches Auge", "Die Prüferinnen an unserer Linie sind überlastet; wir wollen Fehler an Bauteilen maschinell entdecken.")),
    "op_fasersensorik": (("Glasfaser-Messsysteme für Leitungen und Bauwerke", "Unsere Technik liest Temperatur, Dehnung und Vibration entlang einer Faser aus und meldet Schäden ortsgenau."),
                         ("Frühwarnsystem für Setzungen am Deich", "Der Zweckverband will Bewegungen eines Dammes entlang mehrerer Kilometer lückenlos erfassen.")),
    "op_optikfertigung": (("Optikmanufaktur für Sonderanfertigungen", "Wir fertigen Linsen und Spiegel nach Zeichnung, auch Einzelstücke, inklusive Vergütung."),
                          ("Hersteller für Sonderoptik gesucht", "Für unser Spektrometer brauchen wir beschichtete Spiegel und Prismen, die es nicht im Katalog gibt.")),
    "op_anwendungslabor": (("Photonik-Transferzentrum für KMU", "Unsere Wissenschaftler testen mit Ihnen kostenlos, ob Laser- oder Spektralverfahren Ihre Prüfaufgabe lösen."),
                           ("Schnelltest unserer Rohstoffe per Spektroskopie?", "Wir vermuten, dass sich die Qualität unserer Holzspäne optisch bestimmen lässt, haben aber weder Gerät noch Erfahrung.")),
    "fk_umschulung": (("Zertifizierte Umschulungen für Industrieberufe", "Unsere Kurse führen Beschäftigte aus auslaufenden Branchen in 18 Monaten zum Abschluss vor der Kammer."),
                      ("Qualifizierung für ehemalige Kraftwerker", "Unsere neuen Mitarbeiter aus der Braunkohle kennen Großanlagen, aber nicht unsere Fertigung; wir suchen Schulungen.")),
    "fk_azubi": (("Ausbildungsbotschafter und Praktikumsbörse", "Junge Auszubildende berichten in Klassen von ihrem Beruf; wir vermitteln anschließend Schnupperpraktika."),
                 ("Lehrlinge für die Elektrowerkstatt", "Wir bilden seit 30 Jahren aus, bekommen aber kaum noch Bewerbungen von Schulabgängern.")),
    "fk_zuwanderung": (("Anerkennungsberatung für ausländische Abschlüsse", "Wir prüfen Zeugnisse, beraten zu Anpassungsqualifizierungen und begleiten Fachkräfte durch das Verfahren."),
                       ("Internationale Forschende an Bord holen", "Für unser Labor möchten wir Wissenschaftlerinnen aus Asien einstellen; Aufenthaltstitel und Behördengänge überfordern uns.")),
    "fk_arbeitgebermarke": (("Karrierevideos und Employer Branding", "Wir produzieren Filme und Kampagnen, die zeigen, warum es sich lohnt, in Ihrem Betrieb zu arbeiten."),
                            ("Junge Leute auf uns aufmerksam machen", "Bewerbungen bleiben aus, weil uns niemand kennt; wir brauchen Hilfe bei Image und Ansprache.")),
    "fk_studierende": (("Kooperationen mit Lehrstühlen", "Unsere Professorinnen und Professoren vermitteln Studierende für Praxisprojekte und Abschlussarbeiten in Betrieben."),
                       ("Masterarbeit zu unserer Logistik", "Wir hätten ein spannendes Thema für eine Abschlussarbeit und suchen eine Hochschule, die es betreut.")),
    "fo_beratung": (("Fördercheck für Ihr Vorhaben", "Unsere Beraterinnen gleichen Ihr Projekt mit Bundes-, Landes- und EU-Programmen ab und nennen passende Zuschüsse."),
                    ("Zuschuss für die neue Produktionslinie?", "Wir investieren zwei Millionen Euro in Maschinen und wüssten gern, ob der Staat etwas dazugibt.")),
    "fo_antrag": (("Begleitung von EU-Anträgen", "Wir übernehmen Recherche, Partnersuche und das Schreiben von Anträgen für Horizon Europe und Interreg."),
                  ("Hilfe beim Formulieren eines Verbundantrags", "Wir haben eine gute Projektidee, aber keine Routine mit Ausschreibungen und Budgettabellen.")),
    "fo_investor": (("Beteiligungsfonds für den Strukturwandel", "Unser Fonds stellt Gründern in den Braunkohleregionen Eigenkapital und Netzwerk zur Verfügung."),
                    ("Kapitalgeber für unser Wachstum", "Unser junges Technologieunternehmen braucht 1,5 Millionen Euro, um die Serienfertigung aufzubauen.")),
    "fo_gruenderraeume": (("Makerspace mit Laborzeilen", "Gründungsteams mieten bei uns monatsweise Labor- und Werkstattplätze samt Geräten."),
                          ("Labor auf Zeit für unser Start-up", "Bis zur ersten Finanzierung brauchen wir einen günstigen Laborplatz mit Grundausstattung.")),
    "fo_industrieflaechen": (("Gewerbegebiet mit Netzanschluss", "Unsere Flächen am ehemaligen Tagebaurand sind erschlossen, bebauungsplanreif und haben Starkstromanschluss."),
                             ("Ansiedlungsfläche für 20 Hektar", "Wir wollen ein Werk bauen und suchen einen Standort mit schneller Baugenehmigung und Gleisanbindung.")),
    "kr_sortierung": (("Nahinfrarot-Sortiertechnik für Mischkunststoffe", "Unsere Sortierlinie erkennt Polymerarten automatisch und trennt sie sauber auf."),
                      ("Trennung unserer gemischten Kunststoffreste", "Im Werk fallen PE-, PP- und PET-Reste zusammen an; wir brauchen jemanden, der sie auseinanderhält.")),
    "kr_rezyklat": (("Rezyklat-Compounds nach Kundenrezeptur", "Wir mischen Recyclingmaterial mit Additiven so, dass es Ihre technischen Anforderungen erfüllt."),
                    ("Kreislaufmaterial für unsere Kunststoffteile", "Unser Großkunde fordert einen nachweisbaren Anteil an wiederverwerteten Polymeren.")),
    "kr_baustoffe": (("Aufbereitete Gesteinskörnungen aus Bauschutt", "Unser Brechwerk liefert zertifizierte Recyclingkörnungen für Beton, Tragschichten und Verfüllung."),
                     ("Sekundärbaustoffe für den Straßenbau", "Der Landkreis will beim Ausbau von Kreisstraßen mehr Recyclingmaterial einsetzen.")),
    "kr_refurbishing": (("Wiederaufbereitung von Firmen-IT", "Wir übernehmen Ihre Altgeräte, löschen sie nach BSI-Standard und verkaufen sie generalüberholt weiter."),
                        ("Datensichere Verwertung unserer Altrechner", "Alle drei Jahre tauschen wir 200 Laptops aus und wollen sie nicht einfach verschrotten.")),
    "kr_gips": (("Gipsrecycling für die Baustoffindustrie", "Wir nehmen Gipsplattenabfälle an und liefern gereinigtes Recyclingmaterial an Plattenwerke."),
                ("Neue Rohstoffquelle für unsere Gipsplatten", "Wenn die Kraftwerke abschalten, fehlt uns Calciumsulfat; wir suchen Mengen aus dem Recycling.")),
    "dg_itsicherheit": (("Managed Security für kleine Unternehmen", "Wir überwachen Ihre Systeme rund um die Uhr und reagieren sofort auf Angriffsversuche."),
                        ("Absicherung unserer Produktionsnetze", "Unsere Maschinen hängen inzwischen am Internet; wir fürchten, dass Angreifer die Fertigung lahmlegen.")),
    "dg_ki_produktion": (("KI-Anwendungen für den Mittelstand", "Unser Transferlabor entwickelt mit Ihnen Prognosemodelle aus Ihren Maschinen- und Qualitätsdaten."),
                         ("Fehlerursachen in der Fertigung finden", "Unsere Daten aus Sensoren und Prüfständen liegen ungenutzt herum; wir wollen daraus lernen, warum Teile ausfallen.")),
    "dg_verwaltung": (("Fachverfahren und Portale für Gemeinden", "Wir bringen Ihre Verwaltungsleistungen online und binden sie an das Landesportal an."),
                      ("Digitale Anträge für unsere Bürgerinnen und Bürger", "Das Rathaus soll Gewerbe-, Hunde- und Parkausweisanträge über das Internet annehmen.")),
    "dg_campusnetz": (("Industrielles Funknetz für Freigelände", "Wir versorgen Tagebaue, Häfen und Werksgelände mit eigenem LTE/5G für Maschinen und Sensorik."),
                      ("Mobilfunkabdeckung für unsere Fahrzeuge im Werk", "Autonome Stapler und Messsonden brauchen auf unserem Gelände überall stabile Verbindung.")),
    "dg_onlinehandel": (("Shopsysteme und Marktplatzanbindung", "Wir richten Ihren Onlineshop ein und verbinden ihn mit großen Marktplätzen und Ihrem Kassensystem."),
                        ("Ein Webshop für unsere Bäckerei", "Kunden wollen Torten online vorbestellen; wir haben keine Ahnung, wie das geht.")),
    "ba_recycling": (("Rücknahme und Verwertung von Altakkus", "Wir holen ausgediente Lithiumbatterien ab, entladen sie sicher und gewinnen die Metalle zurück."),
                     ("Wohin mit defekten Batteriemodulen?", "In unserer Montage fallen beschädigte Akkumodule an, die wir sicher und nachweislich verwerten lassen müssen.")),
    "ba_secondlife": (("Gewerbespeicher aus Fahrzeugakkus", "Wir geben gebrauchten Autobatterien ein zweites Leben als Stromspeicher für Betriebe und Vereine."),
                      ("Eigenen Solarstrom nachts nutzen", "Auf dem Dach produzieren wir mehr Strom, als wir tagsüber brauchen; ein bezahlbarer Speicher fehlt.")),
    "ba_zellpruefung": (("Akkreditiertes Batterieprüfzentrum", "Wir prüfen Zellen, Module und Packs nach allen gängigen Normen, von der Transportzulassung bis zum Brandversuch."),
                        ("Externe Alterungstests für unsere Zellen", "Unsere Prüfplätze reichen nicht; wir suchen ein Labor, das Tausende Ladezyklen für uns fährt.")),
    "ba_elektrodenmaterial": (("Graphit und Silizium für Anoden", "Wir liefern Aktivmaterial für Lithium-Ionen-Zellen aus europäischer Produktion, auch in Mustermengen."),
                              ("Lieferant für Kathodenmaterial gesucht", "Unsere Zellfertigung braucht ab 2026 verlässlich Aktivmaterial mit kurzen Transportwegen.")),
    "ba_ladeinfrastruktur": (("Planung von Ladeparks", "Wir legen Netzanschluss, Trafo und Ladepunkte für Depots von Bussen, Transportern und Lkw aus."),
                             ("Ladestationen für unsere E-Busse", "Der Verkehrsbetrieb bekommt 30 Elektrobusse und braucht auf dem Betriebshof ausreichend Ladeleistung.")),
    "bio_agrarreste": (("Reststoffe aus der Landwirtschaft", "Wir vermarkten Stroh, Maisspindeln und Schalen aus unseren Betrieben an die Industrie."),
                       ("Biogene Einsatzstoffe für die Chemie", "Wir wollen fossile Rohstoffe durch Pflanzenreste ersetzen und suchen Bauern als Lieferanten.")),
    "bio_kunststoffe": (("Kunststoffe aus Pflanzen", "Unser Start-up stellt Granulate aus Stärke und Holzfasern her, die sich auf normalen Spritzgussmaschinen verarbeiten lassen."),
                        ("Kompostierbare Werkstoffe für Einwegartikel", "Wir produzieren Besteck und Becher und müssen von erdölbasiertem Plastik wegkommen.")),
    "bio_holzbau": (("Holzrahmenbau für öffentliche Gebäude", "Wir planen und bauen Schulen, Turnhallen und Verwaltungsgebäude aus heimischem Holz."),
                    ("Nachhaltiger Neubau für unser Bürgerhaus", "Die Gemeinde will ein Bürgerhaus errichten, das möglichst viel CO₂ speichert statt ausstößt.")),
    "bio_proteine": (("Alternative Proteine im Auftrag", "Wir fermentieren Eiweiß aus Nebenströmen der Lebensmittelindustrie und liefern es an Hersteller."),
                     ("Regionaler Rohstoff für Veggie-Burger", "Unsere vegetarischen Produkte brauchen eine nachhaltige Eiweißquelle aus der Nähe.")),
    "bio_rekultivierung": (("Begrünung von Abraumhalden", "Wir säen und pflanzen standortgerecht auf Halden und Kippen und sichern so Böden gegen Erosion."),
                           ("Neues Leben für die Bergbaufolgelandschaft", "Die Sanierungsgesellschaft sucht Partner, die ausgekohlte Flächen wieder land- oder forstwirtschaftlich nutzbar machen.")),
    "to_wassersport": (("Bootsverleih und Wassersportschule", "Wir bieten Segel- und Kanukurse sowie Tretbootverleih an den neuen Seen im Revier."),
                       ("Freizeitbetrieb am Restsee gesucht", "Die Gemeinde will den gefluteten Tagebau für Badegäste und Wassersportler öffnen.")),
    "to_industriekultur": (("Erlebnisführungen im Tagebaumuseum", "Wir zeigen Gruppen Bagger, Förderbrücken und Geschichten aus hundert Jahren Kohle."),
                           ("Ausflugsziel für Betriebsausflüge", "Unser Unternehmen sucht für 80 Beschäftigte ein Programm, das die Bergbautradition der Region erlebbar macht.")),
    "to_radrouten": (("Radnetzplanung für Landkreise", "Wir erfassen Wege, planen Lückenschlüsse und beantragen Fördermittel für touristische Radverbindungen."),
                     ("Radweg um den neuen See", "Der Landkreis will einen Rundweg für Radtouristen anlegen und braucht Planung und Ausschilderung.")),
    "to_tagungsort": (("Seminarhotel im Grünen", "Wir beherbergen Tagungsgruppen bis 80 Personen mit Technik, Vollpension und Abendprogramm."),
                      ("Räume für einen zweitägigen Workshop", "Wir suchen einen Ort mit Übernachtung für 40 Teilnehmende aus Forschung und Industrie.")),
    "to_vermarktung": (("Reiseportal für das Revier", "Unser Portal macht Unterkünfte, Führungen und Touren online buchbar und bewirbt sie bundesweit."),
                       ("Gäste auch außerhalb der Saison", "Unser Campingplatz am See ist im Herbst leer; wir brauchen bessere Werbung und Onlinebuchung.")),
    "lo_schiene": (("Bahnlogistik für Massengüter", "Wir transportieren Baustoffe, Holz und Chemikalien in Ganzzügen und kümmern uns um die Waggons."),
                   ("Umstieg vom Lkw auf den Zug", "Unsere Kunden wollen klimafreundlichere Transporte; wir suchen einen Partner für regelmäßige Verkehre per Schiene.")),
    "lo_kontraktlogistik": (("Logistikdienstleister mit Lagerhallen", "Wir lagern, verpacken und verschicken Waren für Hersteller und Händler, auch mit Retourenbearbeitung."),
                            ("Outsourcing unseres Versands", "Der Onlinehandel wächst; wir möchten Lager und Paketversand an einen Dienstleister geben.")),
    "lo_lastenrad": (("Citylogistik mit Elektro-Kleinfahrzeugen", "Wir stellen Sendungen in der Innenstadt mit Lastenrädern und E-Transportern ohne Abgase zu."),
                     ("Paketzustellung ohne Lieferwagen im Zentrum", "Unsere Innenstadt soll verkehrsberuhigt werden; wir suchen ein Konzept für die Warenanlieferung.")),
    "lo_tourenplanung": (("Routenoptimierung als Cloud-Dienst", "Unsere Software plant Touren mit Zeitfenstern, Ladungen und Fahrerpausen in Sekunden."),
                         ("Bessere Planung unserer Auslieferfahrten", "Unsere Fahrer fahren kreuz und quer; wir wollen die Reihenfolge der Kunden automatisch optimieren.")),
    "lo_gefahrgut": (("Spedition für Gefahrgut und Gase", "Wir fahren Gasflaschen, Säuren und brennbare Flüssigkeiten mit zugelassenen Fahrzeugen aus."),
                     ("Transportpartner für Lithiumbatterien", "Wir müssen regelmäßig Akkus verschicken und brauchen jemanden, der die Regeln für gefährliche Ladung kennt.")),
}

PHRASING_KINDS.update({
    ("h2_lieferung", "needs", 3): [KMU], ("h2_tankstelle", "needs", 3): [VERW, GROSS],
    ("w_waermeplanung", "offers", 3): [WISS], ("w_abwaerme", "offers", 3): [GROSS, KMU],
    ("w_abwaerme", "needs", 3): [ZIVIL, VERW], ("w_grosswaermepumpe", "needs", 3): [VERW, GROSS],
    ("w_geothermie", "needs", 3): [VERW], ("ccs_abscheidung", "needs", 3): [GROSS, KMU],
    ("ccs_transport", "offers", 3): [GROSS], ("ccs_monitoring", "needs", 3): [GROSS, KMU],
    ("op_laserbearbeitung", "needs", 3): [KMU, GROSS], ("op_fasersensorik", "needs", 3): [VERW],
    ("fk_azubi", "needs", 3): [KMU], ("fk_zuwanderung", "needs", 3): [WISS], ("fk_arbeitgebermarke", "offers", 3): [KMU],
    ("fk_studierende", "needs", 3): [KMU, GROSS], ("fo_beratung", "needs", 3): [KMU],
    ("fo_investor", "offers", 3): [GROSS, VERW], ("fo_industrieflaechen", "offers", 3): [VERW],
    ("kr_baustoffe", "needs", 3): [VERW], ("kr_refurbishing", "offers", 3): [KMU],
    ("kr_refurbishing", "needs", 3): [GROSS, KMU, WISS], ("dg_itsicherheit", "needs", 3): [KMU],
    ("ba_secondlife", "needs", 3): [KMU, ZIVIL], ("ba_ladeinfrastruktur", "needs", 3): [VERW, GROSS],
    ("bio_agrarreste", "offers", 3): [KMU, ZIVIL], ("bio_kunststoffe", "offers", 3): [KMU],
    ("bio_holzbau", "needs", 3): [VERW], ("bio_rekultivierung", "needs", 3): [GROSS],
    ("to_wassersport", "needs", 3): [VERW], ("to_industriekultur", "needs", 3): [KMU],
    ("to_radrouten", "needs", 3): [VERW], ("to_tagungsort", "needs", 3): [KMU, GROSS, WISS],
    ("to_vermarktung", "needs", 3): [KMU], ("lo_lastenrad", "needs", 3): [VERW], ("lo_tourenplanung", "offers", 3): [KMU],
})

for _concept in CONCEPTS:
    _offer, _need = FOURTH[_concept["key"]]
    _concept["offers"].append(tuple(_offer))
    _concept["needs"].append(tuple(_need))
assert len(FOURTH) == len(CONCEPTS)
