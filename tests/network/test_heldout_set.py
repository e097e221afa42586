"""The held-out labelled set for partner suggestions (bench/network_quality_heldout): its integrity.

These tests check the set's files, counts and labels only; they run no suggestion algorithm (the
figures come from bench/network_quality_heldout/evaluate.py).
"""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from revier.core.choices import Sector
from revier.network.models import Region

ROOT = Path(__file__).resolve().parents[2]
SET_DIR = ROOT / "bench" / "network_quality_heldout"
MEAN_JACCARD = 0.10  # mean token Jaccard between a planted need and the offer that fits it
MAX_JACCARD = 0.30


def _load(name):
    sys.path.insert(0, str(SET_DIR))
    spec = importlib.util.spec_from_file_location(f"network_quality_heldout_{name}", SET_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


library = _load("library")
make_set = _load("make_set")


@pytest.fixture(scope="module")
def heldout():
    doc = json.loads((SET_DIR / "profiles.json").read_text(encoding="utf-8"))
    labels = json.loads((SET_DIR / "labels.json").read_text(encoding="utf-8"))
    return {p["id"]: p for p in doc["profiles"]}, labels


def _topic_names():
    names = set()
    for line in (ROOT / "revier" / "demo" / "topics.yaml").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            names.add(line.split(":", 1)[1].strip())
    return names


def test_heldout_files_are_what_the_generator_writes():
    doc, labels = make_set.generate()
    assert (SET_DIR / "profiles.json").read_text(encoding="utf-8") == make_set.dumps(doc)
    assert (SET_DIR / "labels.json").read_text(encoding="utf-8") == make_set.dumps(labels)


def test_heldout_library_has_enough_concepts_and_phrasings():
    assert len(library.CONCEPTS) >= 50
    assert len({c.key for c in library.CONCEPTS}) == len(library.CONCEPTS)
    for concept in library.CONCEPTS:
        assert len(concept.offers) >= 3 and len(concept.needs) >= 3, concept.key
        for side in ("offers", "needs"):
            kinds = make_set.kinds_for(concept, side)
            assert kinds and set(kinds) <= set(Sector.values), (concept.key, side)
        assert concept.topic is None or concept.topic in _topic_names(), concept.key


def test_heldout_library_topics_are_the_portals_topic_names():
    assert set(library.TOPIC_NAMES) <= _topic_names()
    assert set(library.REGIONS) == set(Region.values)


def test_heldout_counts(heldout):
    profiles, labels = heldout
    assert len(profiles) >= 300
    assert len(labels["pairs"]) >= 100
    reciprocal = sum(d["b_needs_a_offers"] for d in labels["pair_details"])
    assert reciprocal > len(labels["pairs"]) / 2
    assert len(labels["distractors"]) >= len(labels["pairs"])
    assert {d["type"] for d in labels["distractors"].values()} == {"sucht_dasselbe", "bietet_benachbartes"}


def test_heldout_profiles_have_the_exchange_format(heldout):
    profiles, _ = heldout
    topics = _topic_names()
    for pid, p in profiles.items():
        assert p["id"] == pid
        assert p["kind"] in Sector.values and p["region"] in Region.values
        assert set(p["topics"]) <= topics
        assert p["offers"] or p["needs"]
        for item in p["offers"] + p["needs"]:
            assert item["title"] and item["text"] and "{" not in item["title"] + item["text"]
            assert len(item["title"]) <= 300 and len(item["text"]) <= 5000


def test_heldout_labels_are_consistent(heldout):
    profiles, labels = heldout
    assert set(labels["concepts"]) == set(profiles) == set(labels["fits"]) == set(labels["item_concepts"])
    for pid, sides in labels["item_concepts"].items():
        for side in ("offers", "needs"):
            assert len(sides[side]) == len(profiles[pid][side])
            assert sorted({k for k in sides[side] if k}) == labels["concepts"][pid][side]
    for pid, others in labels["fits"].items():
        for other in others:
            assert pid in labels["fits"][other]  # fitting is symmetric
            mine, theirs = labels["concepts"][pid], labels["concepts"][other]
            assert set(mine["needs"]) & set(theirs["offers"]) or set(mine["offers"]) & set(theirs["needs"])


def test_heldout_pairs_fit_and_lookalikes_do_not(heldout):
    profiles, labels = heldout
    details = {(d["a"], d["b"]): d for d in labels["pair_details"]}
    same_kind = 0
    for a, b in labels["pairs"]:
        detail = details[(a, b)]
        assert detail["concept"] in labels["concepts"][a]["needs"]
        assert detail["concept"] in labels["concepts"][b]["offers"]
        assert b in labels["fits"][a]
    for did, info in labels["distractors"].items():
        a, b = info["pair"]
        assert a not in labels["fits"][did]
        assert did not in (a, b) and did not in labels["background"]
        if info["type"] == "sucht_dasselbe":
            assert info["concept"] in labels["concepts"][did]["needs"]
            same_kind += profiles[did]["kind"] == profiles[a]["kind"]
        assert profiles[did]["region"] == profiles[a]["region"]
    # The look-alike of A has A's kind unless A's kind has only one phrasing of the need.
    assert same_kind >= 0.75 * len(labels["pairs"])


def test_heldout_need_and_offer_share_few_words(heldout):
    profiles, labels = heldout
    values = []
    for link in labels["links"]:
        (need_pid, ni), (offer_pid, oi) = link["need"], link["offer"]
        need, offer = profiles[need_pid]["needs"][ni], profiles[offer_pid]["offers"][oi]
        value = make_set.jaccard(make_set.item_text(need), make_set.item_text(offer))
        assert value == pytest.approx(link["jaccard"], abs=1e-4)
        assert value <= MAX_JACCARD, link
        values.append(value)
    assert sum(values) / len(values) < MEAN_JACCARD
    library_values = make_set.library_jaccard()
    assert sum(library_values) / len(library_values) < MEAN_JACCARD
