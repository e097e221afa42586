"""Scale of the partner suggestions (revier/network/matching, docs/network.md): made-up profiles,
the full computation and updates of single profiles, timed.

    .venv/bin/python bench/network_suggest_scale.py --profiles 5000 [--items 4] [--seed 1] [--updates 20]
    .venv/bin/python bench/network_suggest_scale.py --profiles 300 --write var/profiles.json   # a file for the command

The profiles are random-ish, not realistic: each offer or need is a sentence made from a template,
two to four domain nouns (some joined into compounds, some hyphenated), an adjective or two and
a verb, drawn with a skew so that some words are common and most are rare, as in real text. This
measures time and memory, not quality (quality is measured on a labelled set of its own)."""

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

NOUNS = """
Wasserstoff Elektrolyse Speicher Wärme Strom Netz Anlage Pumpe Batterie Photovoltaik Windkraft Biogas
Erdgas Kohle Tagebau Rekultivierung Chemie Kunststoff Recycling Kreislauf Rohstoff Abwasser Wasser
Boden Fläche Gewerbe Industrie Handwerk Logistik Schiene Hafen Fahrzeug Bus Mobilität Laser Optik
Photonik Sensor Messung Prüfung Analyse Labor Daten Software Plattform Simulation Planung Beratung
Förderung Finanzierung Projekt Studie Forschung Entwicklung Innovation Transfer Ausbildung
Weiterbildung Fachkraft Nachwuchs Praktikum Genehmigung Verwaltung Strategie Konzept Netzwerk
Kooperation Verbund Cluster Gebäude Quartier Sanierung Dämmung Heizung Kühlung Lüftung Dach Fassade
Holz Beton Stahl Glas Faser Membran Katalysator Reaktor Tank Leitung Kabel Elektronik Halbleiter
Steuerung Regelung Automatisierung Roboter Drohne Tourismus Kultur Gesundheit Pflege Versorgung
Sicherheit Qualität Effizienz Standort Ansiedlung Struktur Zukunft Markt Kunde Lieferant Produkt
Produktion Fertigung Montage Maschine Werkstoff Material Verfahren Prozess Modell Wende Klima Energie
""".split()
ADJECTIVES = """
grün regional kommunal digital industriell nachhaltig innovativ klein mittelständisch neu erneuerbar
thermisch elektrisch chemisch optisch mobil dezentral öffentlich privat gemeinsam praktisch
""".split()
VERBS = "entwickeln planen prüfen bauen liefern finanzieren erforschen betreiben vermitteln beraten testen fördern".split()
TOPICS = """
Wasserstoff Wärmewende CCS/CCU Optik/Photonik Fachkräfte Förderung Mobilität Kreislaufwirtschaft
Digitalisierung Bergbaufolgelandschaft Tourismus Gesundheit Bauen Landwirtschaft Chemie Logistik
Energiespeicher Batterien Kultur Bildung Verwaltung Ansiedlung Innovation Netze
""".split()
KINDS = ["kmu", "kmu", "kmu", "gross", "wissenschaft", "wissenschaft", "politik", "verwaltung", "kammer", "zivil", "sonstiges"]
REGIONS = ["mitteldeutsch", "lausitz", "rheinisch", "ueberregional", None]
OFFER_TEMPLATES = [
    "Wir {verb} {adj} {a} für {b} und {c}.",
    "Unser Team kann {a} im Bereich {b} {verb}; Erfahrung mit {c} ist vorhanden.",
    "Angebot: {a} und {b} für Unternehmen, die {c} {verb} wollen.",
]
NEED_TEMPLATES = [
    "Wir suchen Partner, die {a} für {b} {verb} können.",
    "Gesucht wird Unterstützung bei {a} und {b}, gern mit Bezug zu {c}.",
    "Für unser Projekt zu {a} suchen wir jemanden, der {b} {verb} kann.",
]


def _skewed(rng: random.Random, words: list[str]) -> str:
    # Zipf-like: low indexes far more often
    return words[min(len(words) - 1, int(rng.paretovariate(1.1)) - 1)] if rng.random() < 0.5 else rng.choice(words)


def _noun(rng: random.Random, nouns: list[str]) -> str:
    first = _skewed(rng, nouns)
    roll = rng.random()
    if roll < 0.25:
        second = _skewed(rng, nouns)
        return first + second.lower()  # a compound
    if roll < 0.32:
        return first + "-" + _skewed(rng, nouns)
    return first


def _item(rng: random.Random, nouns: list[str], templates: list[str]) -> dict:
    a, b, c = (_noun(rng, nouns) for _ in range(3))
    title = f"{rng.choice(ADJECTIVES).capitalize()} {a}" if rng.random() < 0.5 else f"{a} und {b}"
    text = rng.choice(templates).format(a=a, b=b, c=c, verb=rng.choice(VERBS), adj=rng.choice(ADJECTIVES) + "e")
    return {"title": title, "text": text}


def generate(*, profiles: int, items: int = 4, seed: int = 1) -> dict:
    """`profiles` made-up profiles with about `items` offers and needs each (at least one of each)."""
    rng = random.Random(seed)
    nouns = NOUNS[:]
    rng.shuffle(nouns)
    result = []
    for number in range(1, profiles + 1):
        total = max(2, items + rng.choice((-1, 0, 0, 1)))
        n_offers = rng.randint(1, total - 1)
        result.append(
            {
                "id": f"p{number}",
                "name": f"Beispiel {number}",
                "kind": rng.choice(KINDS),
                "region": rng.choice(REGIONS),
                "topics": sorted(set(rng.sample(TOPICS, rng.randint(1, 4)))),
                "offers": [_item(rng, nouns, OFFER_TEMPLATES) for _ in range(n_offers)],
                "needs": [_item(rng, nouns, NEED_TEMPLATES) for _ in range(total - n_offers)],
            }
        )
    return {"profiles": result}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profiles", type=int, default=5000)
    parser.add_argument("--items", type=int, default=4, help="offers and needs per profile, about (default 4)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--updates", type=int, default=20, help="single-profile updates to time (default 20)")
    parser.add_argument("--write", help="only write the generated profile file here")
    args = parser.parse_args()

    data = generate(profiles=args.profiles, items=args.items, seed=args.seed)
    if args.write:
        Path(args.write).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "revier.settings")
    for key, value in (("DEBUG", "true"), ("SECRET_KEY", "bench"), ("SITE_URL", "http://127.0.0.1:8000")):
        os.environ.setdefault(key, value)
    import django

    django.setup()
    from revier.network.matching import SuggestionIndex, profiles_from_json

    profiles = profiles_from_json(data)
    n_items = sum(len(p.offers) + len(p.needs) for p in profiles)
    # wall-clock and CPU time: on a shared machine the CPU time says what an idle one would take
    began, began_cpu = time.perf_counter(), time.process_time()
    index = SuggestionIndex(profiles)
    built, built_cpu = time.perf_counter(), time.process_time()
    suggestions = index.all_suggestions()
    done, done_cpu = time.perf_counter(), time.process_time()
    shown = sum(len(s) for s in suggestions.values())
    print(f"{len(profiles)} profiles, {n_items} offers and needs")
    print(
        f"full computation: {done - began:.1f} s (lists {built - began:.1f} s, reasons {done - built:.1f} s), "
        f"CPU {done_cpu - began_cpu:.1f} s (lists {built_cpu - began_cpu:.1f} s, reasons {done_cpu - built_cpu:.1f} s); "
        f"{shown} suggestions"
    )

    rng = random.Random(args.seed + 1)
    changed = generate(profiles=args.updates, items=args.items, seed=args.seed + 1000)["profiles"]
    times, cpu, affected = [], [], []
    for raw in changed:
        raw["id"] = rng.choice(profiles).id
        profile = profiles_from_json({"profiles": [raw]})[0]
        start, start_cpu = time.perf_counter(), time.process_time()
        update = index.update(profile)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        affected.append(len(update.affected))
    if times:
        print(
            f"update of one profile: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
            f"(CPU median {statistics.median(cpu) * 1000:.0f} ms, max {max(cpu) * 1000:.0f} ms; {len(times)} updates; "
            f"other lists changed: median {statistics.median(affected):.0f}, max {max(affected)})"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB; load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
