"""Write the labelled set of partner suggestions (issue 10, "Measured quality").

    .venv/bin/python bench/network_quality/make_set.py [--seed 20261126] [--pairs 110] [--out-dir DIR]

Writes ``profiles.json`` (the exchange format of ``manage.py network_suggest``, plus a ``name`` per
profile) and ``labels.json`` (planted pairs, distractors, which concept every offer and need
stands for, and every other profile that fits). Deterministic: the same seed writes the same bytes.
How the set is made: README.md beside this file.
"""

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import phrases  # noqa: E402

DEFAULT_SEED = 20261126
DEFAULT_PAIRS = 110
REGIONS = ["mitteldeutsch", "lausitz", "rheinisch"]
RECIPROCAL_SHARE = 0.85  # pairs where B's need fits A's offer too
EXTRA_ITEM_SHARE = 0.4  # chance of one more, unrelated offer or need on a pair's profile
CLOSING_SHARE = 0.35  # chance that an offer or need gets a stock closing sentence

CONCEPTS = {c["key"]: c for c in phrases.CONCEPTS}


def _topic(key):
    return CONCEPTS[key]["topics"][0]


def _adjacent(key, exclude):
    """Other concepts of the same main topic: they share words with ``key`` but are something else."""
    return [k for k, c in CONCEPTS.items() if k != key and c["topics"][0] == _topic(key) and k not in exclude]


class _Builder:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.profiles = []  # internal: {"kind", "region", "offers": [(key, i)], "needs": [(key, i)], "role"}
        self.names = set()

    # -- profiles -------------------------------------------------------------------------------
    def profile(self, *, kind, region, offers, needs, role):
        p = {"kind": kind, "region": region, "offers": list(offers), "needs": list(needs), "role": role}
        self.profiles.append(p)
        return p

    def phrasing(self, key, side, kind, avoid=()):
        """A phrasing of the concept's offer or need that suits the kind (any, if none does)."""
        choices = [i for i in range(len(CONCEPTS[key][side])) if i not in avoid]
        suited = [i for i in choices if kind in phrases.PHRASING_KINDS.get((key, side, i), [kind])]
        return self.rng.choice(suited or choices)

    def extra_concept(self, kind, side, exclude):
        """An unrelated concept this kind could plausibly offer (side='offer') or need (side='need')."""
        kinds_field = "offer_kinds" if side == "offer" else "need_kinds"
        pool = [k for k, c in CONCEPTS.items() if kind in c[kinds_field] and k not in exclude]
        return self.rng.choice(pool) if pool else None

    # -- pairs ----------------------------------------------------------------------------------
    def pairs(self, n):
        rng = self.rng
        order = []
        planted = []
        while len(planted) < n:
            if not order:
                order = list(CONCEPTS)
                rng.shuffle(order)
            c = order.pop()
            cc = CONCEPTS[c]
            a_kind = rng.choice(cc["need_kinds"])
            d = None
            b_kind = None
            if rng.random() < RECIPROCAL_SHARE:
                candidates = [
                    k for k, dc in CONCEPTS.items()
                    if k != c and a_kind in dc["offer_kinds"] and set(cc["offer_kinds"]) & set(dc["need_kinds"])
                ]
                if candidates:
                    d = rng.choice(candidates)
                    b_kinds = sorted(set(cc["offer_kinds"]) & set(CONCEPTS[d]["need_kinds"]))
                    b_kind = rng.choice([k for k in b_kinds if k != a_kind] or b_kinds)
            if b_kind is None:
                b_kind = rng.choice([k for k in cc["offer_kinds"] if k != a_kind] or cc["offer_kinds"])
            a_region = rng.choice(REGIONS)
            b_region = a_region if rng.random() < 0.5 else rng.choice([r for r in REGIONS if r != a_region])

            a_need_i = self.phrasing(c, "needs", a_kind)
            a_offers, b_needs = [], []
            if d:
                a_offers.append((d, self.phrasing(d, "offers", a_kind)))
                b_needs.append((d, self.phrasing(d, "needs", b_kind)))
            else:
                # One-sided pair: both still have something else to offer and to need.
                a_offers.extend(self._extra(a_kind, "offer", {c}))
                b_needs.extend(self._extra(b_kind, "need", {c}))
            a = self.profile(kind=a_kind, region=a_region, offers=a_offers, needs=[(c, a_need_i)], role="a")
            b = self.profile(kind=b_kind, region=b_region, offers=[(c, self.phrasing(c, "offers", b_kind))], needs=b_needs, role="b")
            for p in (a, b):
                if rng.random() < EXTRA_ITEM_SHARE:
                    side = rng.choice(["offer", "need"])
                    used = {k for k, _ in p["offers"] + p["needs"]} | {c} | ({d} if d else set())
                    (p["offers"] if side == "offer" else p["needs"]).extend(self._extra(p["kind"], side, used))
            planted.append({"a": a, "b": b, "need": c, "reciprocal": d, "a_need_phrasing": a_need_i})
        return planted

    def _extra(self, kind, side, exclude):
        """``[(concept, phrasing)]`` of one unrelated offer or need, or ``[]`` if the kind has none."""
        key = self.extra_concept(kind, side, exclude)
        return [(key, self.phrasing(key, "offers" if side == "offer" else "needs", kind))] if key else []

    # -- distractors ----------------------------------------------------------------------------
    def distractor(self, pair, kind_of_distractor):
        """A look-alike of the pair's A (or of its B) that fits A in neither direction."""
        rng = self.rng
        a, b = pair["a"], pair["b"]
        a_needs = {k for k, _ in a["needs"]}
        a_offers = {k for k, _ in a["offers"]}
        forbidden = a_needs | a_offers  # offering what A needs or needing what A offers would fit A
        c = pair["need"]
        if kind_of_distractor == "sucht_dasselbe":
            # Looks like A: seeks the same thing in other words, offers something next to what A offers.
            needs = [(c, self.phrasing(c, "needs", a["kind"], avoid={pair["a_need_phrasing"]}))]
            offers = []
            for key, _ in a["offers"]:
                near = _adjacent(key, forbidden) or [k for k in CONCEPTS if k not in forbidden]
                e = rng.choice(near)
                offers.append((e, self.phrasing(e, "offers", a["kind"])))
            p = self.profile(kind=a["kind"], region=a["region"], offers=offers, needs=needs, role="distractor")
        else:
            # Looks like B from A's side: offers something next to what A seeks, in A's region.
            offers = []
            near = _adjacent(c, forbidden) or [k for k in CONCEPTS if k not in forbidden]
            e = rng.choice(near)
            offers.append((e, self.phrasing(e, "offers", b["kind"])))
            needs = []
            for key, _ in b["needs"]:
                near = _adjacent(key, forbidden | {key}) or [k for k in CONCEPTS if k not in forbidden]
                f = rng.choice(near)
                needs.append((f, self.phrasing(f, "needs", b["kind"])))
            p = self.profile(kind=b["kind"], region=a["region"], offers=offers, needs=needs, role="distractor")
        return p

    # -- rendering ------------------------------------------------------------------------------
    def name(self, kind, region):
        rng = self.rng
        town = rng.choice(phrases.TOWNS[region])
        for attempt in range(50):
            if kind == "kmu":
                if rng.random() < 0.3:
                    name = f"{rng.choice(phrases.STARTUP_WORDS)} GmbH"
                elif rng.random() < 0.5:
                    name = f"{rng.choice(phrases.SURNAMES)} GmbH"
                else:
                    name = f"{rng.choice(phrases.SURNAMES)} & {rng.choice(phrases.SURNAMES)} GmbH & Co. KG"
            elif kind == "gross":
                name = rng.choice([
                    f"{rng.choice(phrases.SURNAMES)} Gruppe AG, Werk {town}",
                    f"{rng.choice(phrases.SURNAMES)}-Werke {town} AG",
                    f"Revier-Industrie {rng.choice(phrases.SURNAMES)} SE",
                ])
            elif kind == "wissenschaft":
                name = f"{rng.choice(phrases.INSTITUTES)} {town}"
            elif kind == "verwaltung":
                name = rng.choice([
                    f"Stadt {town}, Wirtschaftsförderung", f"Gemeinde {town}", f"Zweckverband Industriepark {town}",
                    f"Landkreis-Wirtschaftsförderung {town}", f"Stadtwerke {town}",
                ])
            elif kind == "kammer":
                name = rng.choice([
                    f"Handwerkskammer, Geschäftsstelle {town}", f"Bildungswerk der Wirtschaft {town}",
                    f"Unternehmerverband {town}", f"Branchennetzwerk Revier {town}",
                ])
            elif kind == "politik":
                name = rng.choice([f"Wahlkreisbüro {rng.choice(phrases.SURNAMES)} (MdL)", f"Kreistagsfraktion {town}"])
            else:
                name = rng.choice([
                    f"Bürgerenergiegenossenschaft {town} eG", f"Förderverein Industriekultur {town} e. V.",
                    f"Sozialwerk {town} gGmbH", f"Heimatverein {town} e. V.", f"Seenverein {town} e. V.",
                ])
            if attempt > 10:
                name = f"{name} ({rng.choice(phrases.TOWNS[region])})"
            if name not in self.names:
                self.names.add(name)
                return name
        raise RuntimeError("no unique name")

    def render_item(self, key, i, side, region):
        title, text = CONCEPTS[key][side][i]
        town = self.rng.choice(phrases.TOWNS[region])
        title, text = title.replace("{ort}", town), text.replace("{ort}", town)
        if self.rng.random() < CLOSING_SHARE:
            closings = phrases.OFFER_CLOSINGS if side == "offers" else phrases.NEED_CLOSINGS
            text = f"{text} {self.rng.choice(closings)}"
        return {"title": title, "text": text}


def build(seed=DEFAULT_SEED, n_pairs=DEFAULT_PAIRS):
    """Return ``(profiles_doc, labels_doc)`` for the seed; pure and deterministic."""
    bld = _Builder(seed)
    planted = bld.pairs(n_pairs)
    distractor_of = []
    for index, pair in enumerate(planted):
        kind = "sucht_dasselbe" if index % 2 == 0 else "bietet_benachbartes"
        distractor_of.append((bld.distractor(pair, kind), kind, pair))

    order = list(bld.profiles)
    bld.rng.shuffle(order)
    ids = {id(p): f"p{n:03d}" for n, p in enumerate(order, start=1)}

    profiles, concepts = [], {}
    for p in order:
        pid = ids[id(p)]
        topics = []
        for key, _ in p["needs"] + p["offers"]:
            for t in CONCEPTS[key]["topics"]:
                if t not in topics:
                    topics.append(t)
        profiles.append({
            "id": pid,
            "name": bld.name(p["kind"], p["region"]),
            "kind": p["kind"],
            "region": p["region"],
            "topics": topics,
            "offers": [bld.render_item(k, i, "offers", p["region"]) for k, i in p["offers"]],
            "needs": [bld.render_item(k, i, "needs", p["region"]) for k, i in p["needs"]],
        })
        concepts[pid] = {"offers": [k for k, _ in p["offers"]], "needs": [k for k, _ in p["needs"]]}

    fits = {}
    for x in profiles:
        cx = concepts[x["id"]]
        fits[x["id"]] = [
            y["id"] for y in profiles
            if y["id"] != x["id"] and (
                set(cx["needs"]) & set(concepts[y["id"]]["offers"]) or set(cx["offers"]) & set(concepts[y["id"]]["needs"])
            )
        ]

    labels = {
        "seed": seed,
        "generator": "bench/network_quality/make_set.py",
        "pairs": [[ids[id(pr["a"])], ids[id(pr["b"])]] for pr in planted],
        "pair_details": [
            {"a": ids[id(pr["a"])], "b": ids[id(pr["b"])], "a_needs_b_offers": pr["need"], "b_needs_a_offers": pr["reciprocal"]}
            for pr in planted
        ],
        "distractors": {
            ids[id(p)]: {"type": kind, "pair": [ids[id(pr["a"])], ids[id(pr["b"])]],
                         "looks_like": ids[id(pr["a"] if kind == "sucht_dasselbe" else pr["b"])]}
            for p, kind, pr in distractor_of
        },
        "concepts": concepts,
        "fits": fits,
    }
    profiles_doc = {"profiles": profiles}
    _check(profiles_doc, labels)
    return profiles_doc, labels


def _check(profiles_doc, labels):
    """The guarantees the set is built for; a seed that breaks one is refused, not written."""
    fits = labels["fits"]
    for a, b in labels["pairs"]:
        assert b in fits[a] and a in fits[b], (a, b)
    for did, info in labels["distractors"].items():
        a = info["pair"][0]
        assert did not in fits[a], f"distractor {did} fits {a}"


def dump(doc):
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--pairs", type=int, default=DEFAULT_PAIRS)
    parser.add_argument("--out-dir", type=Path, default=HERE)
    args = parser.parse_args(argv)
    profiles_doc, labels = build(args.seed, args.pairs)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "profiles.json").write_text(dump(profiles_doc), encoding="utf-8")
    (args.out_dir / "labels.json").write_text(dump(labels), encoding="utf-8")
    print(
        f"{len(profiles_doc['profiles'])} profiles, {len(labels['pairs'])} planted pairs, "
        f"{len(labels['distractors'])} distractors -> {args.out_dir}"
    )


if __name__ == "__main__":
    main()
