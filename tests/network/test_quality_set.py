"""The labelled set for measuring partner suggestions (bench/network_quality) and its metrics.

These tests check the set's invariants and the evaluation's arithmetic only; they do not measure
any suggestion algorithm (the figures are in docs/network.md).
"""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from revier.core.choices import Sector
from revier.network.models import Region

BENCH = Path(__file__).resolve().parents[2] / "bench" / "network_quality"
REGIONS = set(Region.values)
MAX_SHARED_TOKENS = 0.3  # Jaccard of word tokens between a need and the offer planted to fit it


def _load(name):
    spec = importlib.util.spec_from_file_location(f"network_quality_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


make_set = _load("make_set")
evaluate = _load("evaluate")


@pytest.fixture(scope="module")
def quality_set():
    profiles, labels = evaluate.load_set(BENCH)
    return {p["id"]: p for p in profiles}, labels


def _item(profiles, labels, pid, side, concept):
    """The offer or need of a profile that stands for the concept."""
    return profiles[pid][side][labels["concepts"][pid][side].index(concept)]


def _tokens(item):
    return set(evaluate.tokenize(f"{item['title']} {item['text']}"))


def test_quality_set_files_are_what_the_generator_writes():
    profiles_doc, labels = make_set.build(make_set.DEFAULT_SEED, make_set.DEFAULT_PAIRS)
    assert (BENCH / "profiles.json").read_text(encoding="utf-8") == make_set.dump(profiles_doc)
    assert (BENCH / "labels.json").read_text(encoding="utf-8") == make_set.dump(labels)


def test_quality_set_generator_is_deterministic_per_seed():
    assert make_set.build(7, 20) == make_set.build(7, 20)
    assert make_set.build(7, 20) != make_set.build(8, 20)


def test_quality_set_profiles_have_the_exchange_format(quality_set):
    profiles, _ = quality_set
    raw = json.loads((BENCH / "profiles.json").read_text(encoding="utf-8"))["profiles"]
    assert len(raw) >= 300
    assert len({p["id"] for p in raw}) == len(raw)
    assert len({p["name"] for p in raw}) == len(raw)
    kinds = set(Sector.values)
    for p in raw:
        assert set(evaluate.EXCHANGE_KEYS) <= set(p)
        assert isinstance(p["id"], str) and p["id"]
        assert p["kind"] in kinds
        assert p["region"] in REGIONS
        assert p["topics"] and all(isinstance(t, str) and t for t in p["topics"])
        assert p["needs"] or p["offers"]
        for item in p["offers"] + p["needs"]:
            assert set(item) == {"title", "text"}
            assert item["title"].strip() and item["text"].strip()
            assert "{" not in item["title"] + item["text"]
    assert set(evaluate.exchange_doc(raw)["profiles"][0]) == set(evaluate.EXCHANGE_KEYS)


def test_quality_set_has_enough_planted_pairs(quality_set):
    profiles, labels = quality_set
    pairs = [tuple(pair) for pair in labels["pairs"]]
    assert len(pairs) >= 100
    assert len(set(pairs)) == len(pairs)
    for a, b in pairs:
        assert a != b and a in profiles and b in profiles
        assert b in labels["fits"][a] and a in labels["fits"][b]
    reciprocal = [d for d in labels["pair_details"] if d["b_needs_a_offers"]]
    assert len(reciprocal) >= len(pairs) // 2


def test_quality_set_pairs_are_phrased_differently(quality_set):
    profiles, labels = quality_set
    for detail in labels["pair_details"]:
        a, b = detail["a"], detail["b"]
        sides = [(a, b, detail["a_needs_b_offers"])]
        if detail["b_needs_a_offers"]:
            sides.append((b, a, detail["b_needs_a_offers"]))
        for seeker, offerer, concept in sides:
            need = _item(profiles, labels, seeker, "needs", concept)
            offer = _item(profiles, labels, offerer, "offers", concept)
            assert need["title"] != offer["title"] and need["text"] != offer["text"]
            shared = _tokens(need) & _tokens(offer)
            assert len(shared) / len(_tokens(need) | _tokens(offer)) < MAX_SHARED_TOKENS, (seeker, offerer, shared)


def test_quality_set_distractors_look_alike_but_do_not_fit(quality_set):
    profiles, labels = quality_set
    assert len(labels["distractors"]) >= 100
    types = {info["type"] for info in labels["distractors"].values()}
    assert types == {"sucht_dasselbe", "bietet_benachbartes"}
    pairs = {tuple(pair) for pair in labels["pairs"]}
    for did, info in labels["distractors"].items():
        a, b = info["pair"]
        assert (a, b) in pairs
        assert did not in labels["fits"][a]
        assert set(profiles[did]["topics"]) & set(profiles[a]["topics"])
        if info["type"] == "sucht_dasselbe":
            # It seeks what A seeks, in other words.
            concept = next(d["a_needs_b_offers"] for d in labels["pair_details"] if (d["a"], d["b"]) == (a, b))
            assert concept in labels["concepts"][did]["needs"]
            assert _item(profiles, labels, did, "needs", concept)["text"] != _item(profiles, labels, a, "needs", concept)["text"]


def test_rank_recall_and_mrr_on_a_handmade_case():
    ranked = ["x", "y", "b", "z"]
    assert evaluate.rank_of(ranked, "b") == 3
    assert evaluate.rank_of(ranked, "b", ignore={"y", "b"}) == 2
    assert evaluate.rank_of(ranked, "q") is None
    ranks = [1, 3, None, 6]
    assert evaluate.recall_at(ranks, 5) == pytest.approx(0.5)
    assert evaluate.mrr(ranks) == pytest.approx((1 + 1 / 3 + 0 + 1 / 6) / 4)
    assert list(evaluate.directions([["a", "b"]])) == [("a", "b"), ("b", "a")]


def test_measure_on_a_handmade_case():
    labels = {
        "pairs": [["a", "b"], ["c", "d"]],
        "fits": {"a": ["b", "f"], "b": ["a"], "c": ["d"], "d": ["c"]},
        "distractors": {"x": {"type": "sucht_dasselbe", "pair": ["a", "b"], "looks_like": "a"}},
    }
    suggestions = {"a": ["x", "f", "b"], "b": ["a"], "c": ["e", "e2", "e3", "e4", "e5", "d"], "d": []}
    m = evaluate.measure(suggestions, labels)
    # ranks: a->b 3, b->a 1, c->d 6, d->c absent; filtered: a->b 2 (f also fits a), others the same
    assert m["directions"] == 4
    assert m["recall@5"] == pytest.approx(0.5)
    assert m["mrr"] == pytest.approx((1 / 3 + 1 + 1 / 6) / 4)
    assert m["mrr_filtered"] == pytest.approx((1 / 2 + 1 + 1 / 6) / 4)
    assert m["lookalike_ahead"] == pytest.approx(1.0)


def test_tfidf_baseline_ranks_similar_text_first():
    def profile(pid, text):
        return {"id": pid, "kind": "kmu", "region": "lausitz", "topics": [], "offers": [{"title": "", "text": text}], "needs": []}

    profiles = [
        profile("a", "Elektrolyse von Wasserstoff im Chemiepark"),
        profile("b", "Elektrolyse von Wasserstoff"),
        profile("c", "Radwege am See"),
        profile("d", "Wasserstoffelektrolyse"),  # no compound splitting: shares no token with a
    ]
    suggestions = evaluate.tfidf_suggestions(profiles, top=3)
    assert suggestions["a"][0] == "b"
    assert set(suggestions["a"]) == {"b", "c", "d"}
    crossed = evaluate.tfidf_crossed_suggestions(
        [
            {"id": "s", "offers": [], "needs": [{"title": "Prüfstand gesucht", "text": "für Elektrolyse"}]},
            {"id": "o", "offers": [{"title": "Prüfstand", "text": "Elektrolyse"}], "needs": []},
            {"id": "t", "offers": [], "needs": [{"title": "Prüfstand gesucht", "text": "für Elektrolyse"}]},
        ],
        top=2,
    )
    assert crossed["s"][0] == "o"  # the one who offers it, not the one who seeks the same


def test_evaluate_reads_a_suggestions_file(tmp_path, capsys):
    profiles = [
        {"id": i, "name": i, "kind": "kmu", "region": "lausitz", "topics": ["Wasserstoff"],
         "offers": [{"title": f"Angebot {i}", "text": "Text"}], "needs": [{"title": f"Bedarf {i}", "text": "Text"}]}
        for i in ("p1", "p2", "p3")
    ]
    labels = {
        "pairs": [["p1", "p2"]],
        "fits": {"p1": ["p2"], "p2": ["p1"], "p3": []},
        "distractors": {"p3": {"type": "sucht_dasselbe", "pair": ["p1", "p2"], "looks_like": "p1"}},
        "concepts": {"p1": {"offers": ["y"], "needs": ["x"]}, "p2": {"offers": ["x"], "needs": ["y"]},
                     "p3": {"offers": ["z"], "needs": ["x"]}},
    }
    (tmp_path / "profiles.json").write_text(json.dumps({"profiles": profiles}), encoding="utf-8")
    (tmp_path / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    fake = tmp_path / "fake.json"
    fake.write_text(json.dumps({"suggestions": {
        "p1": [{"id": "p3", "score": 0.9, "reasons": []}, {"id": "p2", "score": 0.5, "reasons": []}],
        "p2": [{"id": "p1", "score": 0.8, "reasons": []}],
    }}), encoding="utf-8")
    out = tmp_path / "figures.json"
    assert evaluate.main(["--set-dir", str(tmp_path), "--suggestions", str(fake), "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))["file fake.json"]
    assert figures["recall@5"] == 1.0
    assert figures["mrr"] == pytest.approx((1 / 2 + 1) / 2)
    assert figures["lookalike_ahead"] == 1.0
    assert "TF-IDF baseline (plain)" in capsys.readouterr().out
