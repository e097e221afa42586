"""The partner suggestions (revier/network/matching) and `manage.py network_suggest`.

The examples are made up here; the labelled quality set lives elsewhere and is only measured on."""

import importlib.util
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from revier.core.choices import Sector
from revier.events.models import Region as EventRegion
from revier.network.models import Region as ProfileRegion
from revier.network.matching import (
    KINDS,
    REGIONS,
    Item,
    Profile,
    ProfileError,
    SuggestionIndex,
    Weights,
    profiles_from_json,
    suggest,
    suggestions_to_json,
)
from revier.network.matching.profiles import LOCAL_REGIONS
from revier.network.matching.text import FUGEN, Analyzer

ROOT = Path(__file__).resolve().parents[2]


def load_generator():
    spec = importlib.util.spec_from_file_location("network_suggest_scale", ROOT / "bench" / "network_suggest_scale.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def profile(pid, kind="kmu", region=None, topics=(), offers=(), needs=(), name=""):
    return Profile(
        id=pid,
        kind=kind,
        region=region,
        topics=tuple(topics),
        offers=tuple(Item(*o) if isinstance(o, tuple) else Item(o) for o in offers),
        needs=tuple(Item(*n) if isinstance(n, tuple) else Item(n) for n in needs),
        name=name,
    )


# A small made-up network around the Revier's topics.
ZEITZ = profile(
    "zeitz",
    kind="kmu",
    region="mitteldeutsch",
    topics=["Wasserstoff"],
    name="Behälterbau Zeitz",
    offers=[("Behälter und Rohrleitungen aus Edelstahl", "Wir fertigen Druckbehälter und Rohrleitungen für Chemieanlagen.")],
    needs=[("Partner für die Elektrolyse im Chemiepark", "Wir wollen Wasserstoffelektrolyse in unsere Anlagen einbinden und brauchen Messungen an Elektrolyseuren.")],
)
INSTITUTE = profile(
    "institut",
    kind="wissenschaft",
    region="mitteldeutsch",
    topics=["Wasserstoff", "Werkstoffe"],
    name="Institut für Werkstoffprüfung",
    offers=[("Prüfung von Elektrolyse-Komponenten", "Wir messen Membranen und Elektroden für die Elektrolyse von Wasserstoff im Labor.")],
    needs=[("Hersteller für Druckbehälter", "Für eine Pilotanlage brauchen wir eine Firma, die Druckbehälter und Rohrleitungen aus Edelstahl fertigt.")],
)
FUEL = profile(
    "tankstelle",
    kind="kmu",
    region="lausitz",
    topics=["Wasserstoff", "Mobilität"],
    name="H2 Tankstellen Lausitz",
    offers=[("Tankstellen für Lastwagen", "Wir betreiben Tankstellen für Brennstoffzellen-Lastwagen.")],
    needs=[("Kunden mit Lastwagenflotten", "Speditionen, die ihre Flotte umstellen möchten.")],
)
TOWN = profile(
    "stadt",
    kind="verwaltung",
    region="lausitz",
    topics=["Wärmewende"],
    name="Stadt Spremberg",
    offers=[("Gewerbeflächen im Industriepark", "Erschlossene Flächen an der Bahn.")],
    needs=[("Kommunale Wärmeplanung", "Beratung zu Wärmenetzen und Wärmepumpen im Quartier.")],
)
ADVISER = profile(
    "beratung",
    kind="kmu",
    region="lausitz",
    topics=["Wärmewende"],
    name="Energieberatung Cottbus",
    offers=[("Wärmeplanung für Kommunen", "Wir erstellen Wärmepläne für Städte und planen Wärmenetze.")],
    needs=[("Fachkräfte für Heizungsbau", "Monteure für Wärmepumpen gesucht.")],
)
NETWORK = [ZEITZ, INSTITUTE, FUEL, TOWN, ADVISER]


def ids(ranked):
    return [s.id for s in ranked]


# ---------------------------------------------------------------------------------------------
# Kinds, regions, weights


def test_kinds_and_regions_are_the_registrations():
    assert set(KINDS) == set(Sector.values)
    assert set(REGIONS) == set(EventRegion.values)
    assert set(LOCAL_REGIONS) == set(ProfileRegion.values)


def test_weights_cover_every_pair_of_kinds_and_round_trip():
    weights = Weights()
    fit = weights.kind_fit()
    assert all((a, b) in fit and fit[(a, b)] == fit[(b, a)] for a in KINDS for b in KINDS)
    assert Weights.from_json(json.loads(json.dumps(weights.to_json()))) == weights
    assert Weights.from_json({"topics": 0.5, "unknown": 1}).topics == 0.5


@pytest.mark.parametrize(
    "values, message",
    [
        ({"text": -1}, "muss eine Zahl ≥ 0 sein"),
        ({"text": 0, "topics": 0}, "dürfen nicht beide 0 sein"),
        ({"kind": 0.7, "region": 0.5}, "höchstens 1"),
        ({"ngrams": 1.5}, "zwischen 0 und 1"),
        ({"concepts": 1.0}, "kleiner als 1"),
        ({"kinds": [["kmu", "kmu", 0.5]]}, "fehlt"),
        ({"kinds": [["kmu", "startup", 0.5]]}, "keine zwei bekannten Arten"),
    ],
)
def test_weights_refuse_bad_values_in_german(values, message):
    with pytest.raises(ProfileError, match=message):
        Weights.from_json(values)


# ---------------------------------------------------------------------------------------------
# Text: compound words


def test_compound_split_against_the_corpus_vocabulary():
    analyzer = Analyzer(
        [
            "Wasserstoff aus Elektrolyse. Wasserstoff für die Chemie. Wasserstoff im Netz.",
            "Wasserstoffelektrolyse im Chemiepark",
            "Beratung für Unternehmen; Unternehmensberatung",
            "Energie aus der Sonne: Sonnenenergie",
            "Förderung durch den Bund: Bundesförderung",
            "Verwaltung und Wasser",
        ]
    )
    assert analyzer.split("Wasserstoffelektrolyse") == ("wasserstoff", "elektrolyse")
    assert analyzer.split("Unternehmensberatung") == ("unternehmens", "beratung")  # Fugen-s kept with its word
    assert analyzer.split("Sonnenenergie") == ("sonnen", "energie")
    assert analyzer.split("Bundesförderung") == ("bundes", "förderung")
    # a frequent word of its own stays whole, however it could be cut ("Wasser" + "stoff")
    assert analyzer.split("Wasserstoff") == ()
    # no part that is not a word of the corpus or lexicon, no stop word as a part ("unter")
    assert analyzer.split("Verwaltung") == ()
    assert analyzer.split("Unternehmen") == ()
    # the terms keep the whole word beside its parts; a hyphenated compound also joined
    terms = [stem for stem, _surface, _whole in analyzer.words("Wasserstoffelektrolyse und Elektrolyse-Komponenten")]
    assert terms == [
        "wasserstoffelektrolys", "wasserstoff", "elektrolys",
        "elektrolysekomponent", "elektrolys", "komponent",
    ]


VOCABULARY = "Wasser Stoff Wärme Pumpe Netz Speicher Anlage Energie Forschung Beratung Sonne Leitung Bau Gas Markt".split()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=2, max_size=3), st.lists(st.sampled_from(FUGEN), min_size=2, max_size=2))
def test_compound_split_gives_the_word_back(words_, fugen):
    """Whatever the splitter cuts, the parts and linking elements spell the word again, and every
    part is a known word."""
    word = words_[0].lower()
    for fuge, next_word in zip(fugen, words_[1:]):
        word += fuge + next_word.lower()
    analyzer = Analyzer([" ".join(VOCABULARY)])
    parts = analyzer.split(word)
    assert parts == () or len(parts) >= 2
    rest = word
    for part in parts:
        assert analyzer.count(part) > 0
        fuge = next((f for f in FUGEN if rest.startswith(f + part)), None) if rest != word else ""
        assert fuge is not None and rest.startswith(fuge + part), (word, parts)
        rest = rest[len(fuge) + len(part) :]
    assert parts == () or rest == ""


def test_derivation_joins_noun_and_verb():
    analyzer = Analyzer(["Prüfung", "prüfen"])
    assert analyzer.root("prüfung") == analyzer.stem("prüfen") == "pruf"
    assert analyzer.root("digitalisierung") == analyzer.root("digitalisieren") == analyzer.stem("digital")
    assert analyzer.root("kooperation") == analyzer.root("kooperieren")
    assert analyzer.root("planung") == analyzer.stem("planen")
    assert analyzer.root("region") is None and analyzer.root("wasser") is None
    seeker = profile("a", needs=[("Digitalisierung der Antragsverfahren", "")])
    provider = profile("b", kind="wissenschaft", offers=[("Wir digitalisieren Anträge", "")])
    (found,) = suggest([seeker, provider])["a"]
    assert found.id == "b"


def test_general_lexicon_splits_compounds_whose_parts_the_corpus_lacks():
    """The parts of "Ziegeleibrache" occur nowhere in the corpus: the general German lexicon
    (simplemma's German lemmas) knows them, so the compound meets its parts in other words."""
    analyzer = Analyzer(["Ziegeleibrache"])
    assert analyzer.split("Ziegeleibrache") == ("ziegelei", "brache")
    # a compound the lexicon lists as a word of its own is split only when its parts are more
    # frequent in the corpus than it
    assert Analyzer(["Kellerfenster"]).split("Kellerfenster") == ()
    assert Analyzer(["Keller, Fenster, Keller, Fenster, Kellerfenster"]).split("Kellerfenster") == ("keller", "fenster")
    seeker = profile("a", needs=[("Nachnutzung einer Ziegeleibrache", "")])
    provider = profile("b", kind="wissenschaft", offers=[("Wir entwickeln Brachen alter Ziegeleien", "")])
    (found,) = suggest([seeker, provider])["a"]
    assert found.id == "b"
    assert any(reason.startswith("Gemeinsame Begriffe: ") and "Ziegelei" in reason and "Brache" in reason for reason in found.reasons)


def test_compound_meets_its_parts_in_other_words():
    seeker = profile("a", needs=[("Wasserstoffelektrolyse", "")])
    parts = profile("b", kind="wissenschaft", offers=[("Elektrolyse von Wasserstoff", "")])
    unrelated = profile("c", offers=[("Wasser für Brauereien", "")], needs=[("Kunden", "")])
    ranked = suggest([seeker, parts, unrelated])["a"]
    assert ids(ranked) == ["b"]
    assert "Sie suchen: „Wasserstoffelektrolyse“ – b bietet: „Elektrolyse von Wasserstoff“" in ranked[0].reasons
    assert "Gemeinsame Begriffe: Elektrolyse, Wasserstoff" in ranked[0].reasons or "Gemeinsame Begriffe: Wasserstoff, Elektrolyse" in ranked[0].reasons


# ---------------------------------------------------------------------------------------------
# Scores and reasons


def test_suggestions_explain_themselves_in_checkable_german():
    ranked = suggest(NETWORK)["zeitz"]
    assert ranked[0].id == "institut"
    reasons = ranked[0].reasons
    assert reasons[0] == (
        "Sie suchen: „Partner für die Elektrolyse im Chemiepark“ – Institut für Werkstoffprüfung bietet: "
        "„Prüfung von Elektrolyse-Komponenten“"
    )
    assert reasons[1] == (
        "Institut für Werkstoffprüfung sucht: „Hersteller für Druckbehälter“ – Sie bieten: „Behälter und Rohrleitungen aus Edelstahl“"
    )
    assert reasons[2].startswith("Gemeinsame Begriffe: ") and "Druckbehälter" in reasons[2]
    # the thesaurus (concepts.py) puts "Hersteller" and "fertigen" into one group
    assert reasons[3] == "Verwandte Begriffe: Hersteller ≈ fertigen"
    assert reasons[4:] == ("Gemeinsame Themen: Wasserstoff", "KMU ↔ Forschung", "Beide im Mitteldeutschen Revier")
    town = suggest(NETWORK)["stadt"]
    assert town[0].id == "beratung"
    assert "Beide im Lausitzer Revier" in town[0].reasons


def test_two_sided_fit_ranks_above_one_sided_and_one_sided_still_ranks():
    me = profile("me", offers=[("Wartung von Windkraftanlagen", "")], needs=[("Software für Betriebsdaten", "")])
    both = profile("both", offers=[("Software für Betriebsdaten von Anlagen", "")], needs=[("Wartung von Windkraftanlagen", "")])
    one = profile("one", offers=[("Software für Betriebsdaten von Anlagen", "")], needs=[("Kantine für Mitarbeiter", "")])
    ranked = suggest([me, both, one])["me"]
    assert ids(ranked) == ["both", "one"]
    assert ranked[0].score > ranked[1].score > 0
    # what "one" sees of "me" is the same score: suggestions are reciprocal
    assert [s.score for s in suggest([me, both, one])["one"] if s.id == "me"] == [ranked[1].score]


def test_a_competitor_seeking_the_same_is_no_partner():
    me = profile("me", topics=["Wärmewende"], needs=[("Monteure für Wärmepumpen", "Wir brauchen Fachleute, die Wärmepumpen einbauen.")])
    rival = profile("rival", topics=["Wärmewende"], needs=[("Monteure für Wärmepumpen", "Auch wir brauchen Fachleute, die Wärmepumpen einbauen.")])
    school = profile(
        "schule", kind="wissenschaft", topics=["Fachkräfte"],
        offers=[("Umschulung zum Monteur", "Wir bilden Monteure für den Einbau von Wärmepumpen aus.")],
    )
    ranked = suggest([me, rival, school])["me"]
    assert ids(ranked) == ["schule", "rival"]  # the rival only through the shared topic
    assert ranked[1].reasons[0] == "Gemeinsame Themen: Wärmewende"


def test_empty_and_lonely_inputs():
    assert suggest([]) == {}
    assert suggest([ZEITZ]) == {"zeitz": ()}
    quiet = profile("leer", topics=["Wasserstoff"])  # no offers, no needs: still found through its topic
    assert ids(suggest([ZEITZ, quiet])["leer"]) == ["zeitz"]


def test_topics_kind_and_region_weigh_but_do_not_make_a_suggestion():
    a = profile("a", kind="kmu", region="rheinisch", offers=[("Drohnen", "")], needs=[("Kameras", "")])
    b = profile("b", kind="wissenschaft", region="rheinisch", offers=[("Bäckerei", "")], needs=[("Mehl", "")])
    assert suggest([a, b]) == {"a": (), "b": ()}
    # a shared topic alone is something to talk about, and is named
    a2 = profile("a", kind="kmu", region="rheinisch", topics=["Digitalisierung"], offers=[("Drohnen", "")])
    b2 = profile("b", kind="wissenschaft", region="rheinisch", topics=["digitalisierung", "Bildung"], offers=[("Bäckerei", "")])
    ranked = suggest([a2, b2])["a"]
    assert ids(ranked) == ["b"]
    assert ranked[0].reasons == ("Gemeinsame Themen: Digitalisierung", "KMU ↔ Forschung", "Beide im Rheinischen Revier")
    # the same pair in different regions scores lower, a poorer kind fit lower still
    apart = suggest([a2, profile("b", kind="wissenschaft", region="lausitz", topics=["Digitalisierung", "Bildung"])])["a"]
    politics = suggest([a2, profile("b", kind="politik", region="lausitz", topics=["Digitalisierung", "Bildung"])])["a"]
    assert ranked[0].score > apart[0].score > politics[0].score > 0


def test_scores_lie_between_0_and_1_and_a_perfect_pair_scores_1():
    text = ("Prüfung von Elektrolyseuren", "Messung von Membranen")
    a = profile("a", kind="kmu", region="lausitz", topics=["Wasserstoff"], offers=[text], needs=[text])
    b = profile("b", kind="wissenschaft", region="lausitz", topics=["Wasserstoff"], offers=[text], needs=[text])
    (only,) = suggest([a, b])["a"]
    assert only.score == pytest.approx(1.0)


def test_weights_can_be_tuned():
    region_only = Weights(kind=0, region=1)
    ranked = suggest(NETWORK, weights=region_only)["zeitz"]
    assert all(s.id in {"institut"} for s in ranked if s.score > 0.0)


words = st.sampled_from(
    "Wasserstoff Elektrolyse Wärmepumpe Wärmenetz Fachkräfte Ausbildung Photonik Laser Förderung "
    "Beratung Recycling Batterie Speicher Logistik Software Drohne Sensor Messung Prüfung".split()
)
texts = st.lists(words, min_size=1, max_size=5).map(" ".join)
items = st.lists(texts, min_size=0, max_size=3)
profile_sets = st.lists(
    st.tuples(st.sampled_from(KINDS), st.sampled_from(REGIONS + (None,)), st.lists(st.sampled_from(["Wasserstoff", "Wärme", "Bildung"]), max_size=2), items, items),
    min_size=1,
    max_size=14,
).map(
    lambda rows: [
        profile(f"p{i}", kind=k, region=r, topics=t, offers=[(x, "") for x in o], needs=[(x, "") for x in n])
        for i, (k, r, t, o, n) in enumerate(rows)
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile_sets, st.integers(min_value=1, max_value=4))
def test_lists_are_ordered_symmetric_and_bounded(profiles, top):
    result = suggest(profiles, top=top)
    assert set(result) == {p.id for p in profiles}
    score = {}
    for pid, ranked in result.items():
        assert len(ranked) <= top
        assert pid not in ids(ranked) and len(set(ids(ranked))) == len(ranked)
        keys = [(-s.score, s.id) for s in ranked]
        assert keys == sorted(keys)
        for s in ranked:
            assert 0 < s.score <= 1 + 1e-12
            assert s.reasons
            score[(pid, s.id)] = s.score
    for (a, b), value in score.items():
        if (b, a) in score:
            assert score[(b, a)] == value


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile_sets, st.randoms(use_true_random=False))
def test_suggestions_do_not_depend_on_the_order_of_the_input(profiles, rng):
    shuffled = profiles[:]
    rng.shuffle(shuffled)
    assert suggest(profiles, top=3) == suggest(shuffled, top=3)


def test_suggestions_are_deterministic():
    data = load_generator().generate(profiles=60, seed=3)
    first = suggestions_to_json(suggest(profiles_from_json(data)))
    again = suggestions_to_json(suggest(profiles_from_json(json.loads(json.dumps(data)))))
    assert first == again
    assert sum(len(v) for v in first["suggestions"].values()) > 0


# ---------------------------------------------------------------------------------------------
# Updates


def shown(index):
    return {pid: [(s.id, s.score, s.reasons) for s in ranked] for pid, ranked in index.all_suggestions().items()}


def check_update(index, change):
    before = shown(index)
    update = change()
    after = shown(index)
    changed = {pid for pid in set(before) | set(after) if before.get(pid) != after.get(pid)}
    assert changed - {update.profile} <= update.affected
    assert update.profile not in update.affected
    if update.profile in after:
        assert [(s.id, s.score, s.reasons) for s in update.suggestions] == after[update.profile]
    index.recompute()
    assert shown(index) == after, "an update must give what computing every list anew gives"
    return update


def test_update_keeps_every_list_as_a_full_computation_would():
    data = load_generator().generate(profiles=80, seed=5)
    profiles = list(profiles_from_json(data))
    index = SuggestionIndex(profiles, top=2)  # short lists: cut-off lists are refilled
    rng = random.Random(7)
    fresh = load_generator().generate(profiles=30, seed=9)["profiles"]
    for step, raw in enumerate(fresh):
        roll = rng.random()
        if roll < 0.6:
            raw["id"] = rng.choice(profiles).id  # a changed profile
        elif roll < 0.8:
            raw["id"] = f"neu{step}"  # a new one
        else:
            gone = rng.choice(index.ids())
            check_update(index, lambda: index.remove(gone))
            continue
        changed = profiles_from_json({"profiles": [raw]})[0]
        check_update(index, lambda: index.update(changed))


def test_update_tells_which_lists_changed():
    index = SuggestionIndex(NETWORK)
    assert "institut" in ids(index.suggestions_for("zeitz"))
    # the institute stops needing containers and offering electrolysis tests
    changed = profile("institut", kind="wissenschaft", region="mitteldeutsch", offers=[("Mikroskopie", "")], needs=[("Proben", "")])
    update = check_update(index, lambda: index.update(changed))
    assert "zeitz" in update.affected
    assert "institut" not in ids(index.suggestions_for("zeitz"))
    listing = {pid for pid, ranked in index.all_suggestions().items() if "stadt" in ids(ranked)}
    assert "beratung" in listing
    removed = check_update(index, lambda: index.remove("stadt"))
    assert removed.affected == listing and removed.suggestions == ()
    assert "stadt" not in index.ids()


# ---------------------------------------------------------------------------------------------
# The exchange format and the command


def exchange(*profiles_):
    return {
        "profiles": [
            {
                "id": p.id,
                "kind": p.kind,
                "region": p.region,
                "topics": list(p.topics),
                "offers": [{"title": i.title, "text": i.text} for i in p.offers],
                "needs": [{"title": i.title, "text": i.text} for i in p.needs],
                "name": p.name,
            }
            for p in profiles_
        ]
    }


def test_exchange_format_reads_back_and_ignores_extra_keys():
    data = exchange(*NETWORK)
    data["event"] = "W3+ Fair"
    data["profiles"][0]["email"] = "x@example.org"
    data["profiles"][0]["offers"][0]["topics"] = ["Wasserstoff"]
    assert profiles_from_json(data) == tuple(NETWORK)
    assert profiles_from_json({"profiles": [{"id": 7, "kind": "kmu"}]})[0].id == "7"


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "kein Objekt"),
        ({}, "fehlt oder ist keine Liste"),
        ({"profiles": [{"kind": "kmu"}]}, "hat keine Kennung"),
        ({"profiles": [{"id": "a", "kind": "kmu"}, {"id": "a", "kind": "kmu"}]}, "Profil a kommt zweimal vor"),
        ({"profiles": [{"id": "a", "kind": "startup"}]}, "unbekannte Art 'startup'"),
        ({"profiles": [{"id": "a", "kind": "kmu", "region": "bayern"}]}, "unbekannte Region 'bayern'"),
        ({"profiles": [{"id": "a", "kind": "kmu", "topics": "Wasserstoff"}]}, "keine Liste von Texten"),
        ({"profiles": [{"id": "a", "kind": "kmu", "offers": [{"title": " ", "text": ""}]}]}, "weder einen Titel noch einen Text"),
        ({"profiles": [{"id": "a", "kind": "kmu", "needs": [{"title": "x" * 301}]}]}, "länger als 300 Zeichen"),
        ({"profiles": [{"id": "a", "kind": "kmu", "needs": {"title": "x"}}]}, "keine Liste"),
    ],
)
def test_bad_profiles_are_refused_in_german(data, message):
    with pytest.raises(ProfileError, match=message):
        profiles_from_json(data)


def test_network_suggest_command_writes_the_exchange_format(tmp_path):
    source, target = tmp_path / "profiles.json", tmp_path / "suggestions.json"
    data = exchange(*NETWORK)
    data["profiles"][0]["extra"] = {"ignored": True}
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    call_command("network_suggest", str(source), "--out", str(target), "--top", "2", verbosity=0)
    out = json.loads(target.read_text(encoding="utf-8"))
    assert list(out) == ["suggestions"]
    assert set(out["suggestions"]) == {p.id for p in NETWORK}
    first = out["suggestions"]["zeitz"][0]
    assert set(first) == {"id", "score", "reasons"} and first["id"] == "institut"
    assert isinstance(first["score"], float) and 0 < first["score"] <= 1 and round(first["score"], 3) == first["score"]
    assert all(len(ranked) <= 2 for ranked in out["suggestions"].values())
    assert list(tmp_path.iterdir()) == sorted([source, target]) or set(tmp_path.iterdir()) == {source, target}


def test_network_suggest_command_takes_weights(tmp_path):
    source, target, weights = tmp_path / "profiles.json", tmp_path / "suggestions.json", tmp_path / "weights.json"
    source.write_text(json.dumps(exchange(*NETWORK)), encoding="utf-8")
    weights.write_text(json.dumps({"region": 0.0, "kind": 0.0}), encoding="utf-8")
    call_command("network_suggest", str(source), "--out", str(target), "--weights", str(weights), verbosity=0)
    assert json.loads(target.read_text(encoding="utf-8"))["suggestions"]["zeitz"][0]["id"] == "institut"
    weights.write_text(json.dumps({"text": "viel"}), encoding="utf-8")
    with pytest.raises(CommandError, match="muss eine Zahl ≥ 0 sein"):
        call_command("network_suggest", str(source), "--out", str(target), "--weights", str(weights), verbosity=0)


@pytest.mark.parametrize(
    "content, args, message",
    [
        ('{"profiles": [}', [], "kein gültiges JSON"),
        (json.dumps({"profiles": [{"id": "a", "kind": "firma"}]}), [], "unbekannte Art"),
        (json.dumps({"profiles": []}), ["--top", "0"], "mindestens 1"),
    ],
)
def test_network_suggest_command_refuses_bad_input_and_writes_nothing(tmp_path, content, args, message):
    source, target = tmp_path / "profiles.json", tmp_path / "suggestions.json"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("network_suggest", str(source), "--out", str(target), *args)
    assert list(tmp_path.iterdir()) == [source]


def test_network_suggest_command_exits_non_zero_with_a_german_message(tmp_path):
    source, target = tmp_path / "profiles.json", tmp_path / "suggestions.json"
    source.write_text(json.dumps({"profiles": [{"id": "a", "kind": "kmu", "region": "bayern"}]}), encoding="utf-8")
    env = {**os.environ, "DEBUG": "true", "SECRET_KEY": "x", "SITE_URL": "http://127.0.0.1:8000"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "network_suggest", str(source), "--out", str(target)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )
    assert result.returncode == 1
    assert "unbekannte Region 'bayern'" in result.stderr
    assert not target.exists()


def test_bench_generator_gives_valid_profiles():
    data = load_generator().generate(profiles=50, seed=2)
    profiles = profiles_from_json(data)
    assert len(profiles) == 50 and all(p.offers and p.needs for p in profiles)
