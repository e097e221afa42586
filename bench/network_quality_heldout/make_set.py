"""Generate the held-out labelled set for partner suggestions from the phrase library.

    .venv/bin/python bench/network_quality_heldout/make_set.py [--seed 4711] [--pairs 108] [--background 44] [--out-dir DIR]

Writes ``profiles.json`` (the exchange format of ``manage.py network_suggest``, plus ``name``) and
``labels.json`` (planted pairs, look-alike distractors, the concept behind every entry, every profile
that fits another, the token Jaccard of every planted need/offer link). The same seed writes the same
bytes. See README.md for how the set is built.
"""

import argparse
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import library  # noqa: E402

SEED = 4711
PAIRS = 108
BACKGROUND = 44
RECIPROCAL_SHARE = 0.8
CLOSING_SHARE = 0.3
GENERIC_NOISE_SHARE = 0.35
TOPIC_KEEP_SHARE = 0.7
EXTRA_TOPIC_SHARE = 0.1
TOKEN = re.compile(r"\w+")
SIDES = ("offers", "needs")


def tokens(text):
    return set(TOKEN.findall(text.lower()))


def jaccard(a, b):
    ta, tb = tokens(a), tokens(b)
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def item_text(item):
    return f"{item['title']} {item['text']}"


def phrasing_kinds(phrasing, concept, side):
    if len(phrasing) > 2:
        return set(phrasing[2].split())
    return set(concept.offer_kinds if side == "offers" else concept.need_kinds)


def allowed(concept, side, kind):
    """Indices of the concept's phrasings on ``side`` that an organisation of ``kind`` would write."""
    kinds = concept.offer_kinds if side == "offers" else concept.need_kinds
    if kind not in kinds:
        return []
    phrasings = concept.offers if side == "offers" else concept.needs
    return [i for i, p in enumerate(phrasings) if kind in phrasing_kinds(p, concept, side)]


def kinds_for(concept, side):
    return [k for k in library.KINDS if allowed(concept, side, k)]


def library_jaccard():
    """Token Jaccard of every need phrasing against every offer phrasing of the same concept."""
    values = []
    for c in library.CONCEPTS:
        for n in c.needs:
            for o in c.offers:
                values.append(jaccard(f"{n[0]} {n[1]}", f"{o[0]} {o[1]}"))
    return values


class Builder:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.profiles = []
        self.by_key = {c.key: c for c in library.CONCEPTS}
        self.by_group = {}
        for c in library.CONCEPTS:
            self.by_group.setdefault(c.group, []).append(c)

    # -- profiles and entries ------------------------------------------------------------------------
    def new_profile(self, kind, region, role):
        town = self.rng.choice(library.TOWNS[region])
        pattern = self.rng.choice(library.NAME_PATTERNS[kind])
        name = pattern.format(sur=self.rng.choice(library.SURNAMES), word=self.rng.choice(library.NAME_WORDS), ort=town)
        profile = {"kind": kind, "region": region, "name": name, "role": role, "offers": [], "needs": []}
        self.profiles.append(profile)
        return profile

    def render(self, phrasing, region):
        town = self.rng.choice(library.TOWNS[region])
        title, text = phrasing[0].replace("{ort}", town), phrasing[1].replace("{ort}", town)
        if self.rng.random() < CLOSING_SHARE:
            text = f"{text} {self.rng.choice(library.CLOSINGS)}"
        return {"title": title, "text": text}

    def add(self, profile, side, concept, index=None):
        """Add a phrasing of ``concept`` on ``side``; returns the phrasing index used."""
        choices = allowed(concept, side, profile["kind"])
        assert choices, (concept.key, side, profile["kind"])
        if index is None:
            index = self.rng.choice(choices)
        phrasings = concept.offers if side == "offers" else concept.needs
        profile[side].append((concept.key, index, self.render(phrasings[index], profile["region"])))
        return index

    def add_generic(self, profile, side):
        pool = library.GENERIC_OFFERS if side == "offers" else library.GENERIC_NEEDS
        used = {e[2]["title"] for e in profile[side]}
        phrasing = self.rng.choice([p for p in pool if p[0] not in used])
        profile[side].append((None, None, self.render(phrasing, profile["region"])))

    @staticmethod
    def keys(profile, side):
        return {e[0] for e in profile[side] if e[0]}

    def add_noise(self, profile, avoid_groups, count):
        """``count`` unrelated entries: concepts of other groups (or vague generic entries)."""
        for _ in range(count):
            side = self.rng.choice(SIDES)
            if self.rng.random() < GENERIC_NOISE_SHARE:
                self.add_generic(profile, side)
                continue
            mine = self.keys(profile, "offers") | self.keys(profile, "needs")
            pool = [c for c in library.CONCEPTS
                    if c.group not in avoid_groups and c.key not in mine and allowed(c, side, profile["kind"])]
            if not pool:
                self.add_generic(profile, side)
                continue
            concept = self.rng.choice(pool)
            self.add(profile, side, concept)
            avoid_groups = avoid_groups | {concept.group}

    def fits(self, p, q):
        return bool(self.keys(p, "needs") & self.keys(q, "offers")) or bool(self.keys(p, "offers") & self.keys(q, "needs"))

    # -- the planted pair and its look-alikes --------------------------------------------------------
    def pair(self, c):
        rng = self.rng
        a_kind = rng.choice(kinds_for(c, "needs"))
        b_kinds = kinds_for(c, "offers")
        b_kind = rng.choice([k for k in b_kinds if k != a_kind] or b_kinds)
        a_region = rng.choice(library.REGIONS)
        b_region = a_region if rng.random() < 0.5 else rng.choice([r for r in library.REGIONS if r != a_region])
        a = self.new_profile(a_kind, a_region, "pair_a")
        b = self.new_profile(b_kind, b_region, "pair_b")
        a_need_index = self.add(a, "needs", c)
        self.add(b, "offers", c)
        d = None
        if rng.random() < RECIPROCAL_SHARE:
            pool = [x for x in library.CONCEPTS
                    if x.group != c.group and allowed(x, "offers", a_kind) and allowed(x, "needs", b_kind)]
            if pool:
                d = rng.choice(pool)
                self.add(a, "offers", d)
                self.add(b, "needs", d)
        if d is None:
            # One-sided: A offers and B needs something unrelated (a kind that offers no concept, such
            # as politics, gets a vague generic offer).
            e_pool = [x for x in library.CONCEPTS if x.group != c.group and allowed(x, "offers", a_kind)]
            e = rng.choice(e_pool) if e_pool else None
            if e:
                self.add(a, "offers", e)
            else:
                self.add_generic(a, "offers")
            f_pool = [x for x in library.CONCEPTS
                      if x.group not in (c.group, e.group if e else None) and allowed(x, "needs", b_kind)]
            f = rng.choice(f_pool) if f_pool else None
            if f:
                self.add(b, "needs", f)
            else:
                self.add_generic(b, "needs")
            a_offer, b_need = e or c, f or c
        else:
            a_offer = b_need = d
        used_groups = {c.group, a_offer.group, b_need.group}
        self.add_noise(a, used_groups, rng.randint(1, 3))
        self.add_noise(b, used_groups, rng.randint(1, 3))
        distractors = [self.seeks_the_same(c, a, a_need_index, a_offer), self.offers_adjacent(c, a, b, b_need)]
        return a, b, c, d, distractors

    def _adjacent(self, concept, side, kind):
        """The other concepts of ``concept``'s group that ``kind`` can have on ``side``."""
        return [x for x in self.by_group[concept.group] if x.key != concept.key and allowed(x, side, kind)]

    def seeks_the_same(self, c, a, a_need_index, a_offer):
        """Looks like A: seeks the same concept in other words, offers something next to A's offer."""
        kinds = [a["kind"]] + [k for k in kinds_for(c, "needs") if k != a["kind"]]
        for kind in kinds:
            other = [i for i in allowed(c, "needs", kind) if i != a_need_index]
            if not other:
                continue
            # Where this kind offers nothing in either group, the look-alike's offer is a vague one.
            offers = self._adjacent(a_offer, "offers", kind) or self._adjacent(c, "offers", kind)
            for _ in range(20):
                dist = self.new_profile(kind, a["region"], "sucht_dasselbe")
                self.add(dist, "needs", c, self.rng.choice(other))
                if offers:
                    self.add(dist, "offers", self.rng.choice(offers))
                else:
                    self.add_generic(dist, "offers")
                self.add_noise(dist, {c.group, a_offer.group}, self.rng.randint(0, 1))
                if not self.fits(dist, a):
                    return dist
                self.profiles.remove(dist)
        raise RuntimeError(f"no look-alike seeking {c.key}")

    def offers_adjacent(self, c, a, b, b_need):
        """Looks like B from A's side: offers a concept next to c, needs one next to B's need."""
        kinds = [b["kind"]] + [k for k in library.KINDS if k != b["kind"]]
        for kind in kinds:
            offers = self._adjacent(c, "offers", kind)
            if not offers:
                continue
            needs = self._adjacent(b_need, "needs", kind)
            for _ in range(20):
                dist = self.new_profile(kind, a["region"], "bietet_benachbartes")
                self.add(dist, "offers", self.rng.choice(offers))
                if needs:
                    self.add(dist, "needs", self.rng.choice(needs))
                else:
                    self.add_generic(dist, "needs")
                self.add_noise(dist, {c.group, b_need.group}, self.rng.randint(0, 1))
                if not self.fits(dist, a):
                    return dist
                self.profiles.remove(dist)
        raise RuntimeError(f"no look-alike offering next to {c.key}")

    def background(self):
        rng = self.rng
        kind = rng.choice(library.KINDS)
        profile = self.new_profile(kind, rng.choice(library.REGIONS), "background")
        for side in SIDES:
            for _ in range(rng.randint(1, 2)):
                mine = self.keys(profile, "offers") | self.keys(profile, "needs")
                pool = [c for c in library.CONCEPTS if c.key not in mine and allowed(c, side, kind)]
                if pool and rng.random() > GENERIC_NOISE_SHARE:
                    self.add(profile, side, rng.choice(pool))
                else:
                    self.add_generic(profile, side)
        return profile

    def topics(self, profile):
        found = []
        for side in SIDES:
            for key, _, _ in profile[side]:
                topic = key and self.by_key[key].topic
                if topic and topic not in found:
                    found.append(topic)
        kept = [t for t in found if self.rng.random() < TOPIC_KEEP_SHARE]
        if self.rng.random() < EXTRA_TOPIC_SHARE:
            extra = self.rng.choice(library.TOPIC_NAMES)
            if extra not in kept:
                kept.append(extra)
        return sorted(kept, key=library.TOPIC_NAMES.index)


def generate(seed=SEED, pairs=PAIRS, background=BACKGROUND):
    """The set as ``(profiles_doc, labels)``; raises if a planted pair does not fit or a look-alike fits A."""
    builder = Builder(seed)
    rng = builder.rng
    order = []
    while len(order) < pairs:
        block = list(library.CONCEPTS)
        rng.shuffle(block)
        order.extend(block)
    planted = [builder.pair(c) for c in order[:pairs]]
    for _ in range(background):
        builder.background()

    profiles = builder.profiles
    rng.shuffle(profiles)
    for n, p in enumerate(profiles, start=1):
        p["id"] = f"h{n:03d}"
    for p in profiles:
        p["topics"] = builder.topics(p)

    doc = {"profiles": [
        {"id": p["id"], "name": p["name"], "kind": p["kind"], "region": p["region"], "topics": p["topics"],
         "offers": [e[2] for e in p["offers"]], "needs": [e[2] for e in p["needs"]]}
        for p in profiles
    ]}

    concepts = {p["id"]: {side: sorted(builder.keys(p, side)) for side in SIDES} for p in profiles}
    item_concepts = {p["id"]: {side: [e[0] for e in p[side]] for side in SIDES} for p in profiles}
    offered_by, needed_by = {}, {}
    for pid, sides in concepts.items():
        for key in sides["offers"]:
            offered_by.setdefault(key, set()).add(pid)
        for key in sides["needs"]:
            needed_by.setdefault(key, set()).add(pid)
    fits = {}
    for pid, sides in concepts.items():
        others = set()
        for key in sides["needs"]:
            others |= offered_by.get(key, set())
        for key in sides["offers"]:
            others |= needed_by.get(key, set())
        others.discard(pid)
        fits[pid] = sorted(others)

    pair_list, details, distractors, links = [], [], {}, []

    def link(need_profile, offer_profile, key):
        ni = next(i for i, e in enumerate(need_profile["needs"]) if e[0] == key)
        oi = next(i for i, e in enumerate(offer_profile["offers"]) if e[0] == key)
        value = jaccard(item_text(need_profile["needs"][ni][2]), item_text(offer_profile["offers"][oi][2]))
        links.append({"concept": key, "need": [need_profile["id"], ni], "offer": [offer_profile["id"], oi],
                      "jaccard": round(value, 4)})

    for a, b, c, d, dists in planted:
        if b["id"] not in fits[a["id"]]:
            raise RuntimeError(f"planted pair {a['id']}–{b['id']} does not fit")
        pair_list.append([a["id"], b["id"]])
        b_needs_a_offers = bool(builder.keys(b, "needs") & builder.keys(a, "offers"))
        details.append({"a": a["id"], "b": b["id"], "concept": c.key, "reciprocal_concept": d.key if d else None,
                        "b_needs_a_offers": b_needs_a_offers})
        link(a, b, c.key)
        if d:
            link(b, a, d.key)
        for dist in dists:
            if a["id"] in fits[dist["id"]]:
                raise RuntimeError(f"look-alike {dist['id']} fits {a['id']}")
            distractors[dist["id"]] = {"type": dist["role"], "pair": [a["id"], b["id"]],
                                       "looks_like": a["id"] if dist["role"] == "sucht_dasselbe" else b["id"],
                                       "concept": c.key}
    labels = {
        "seed": seed,
        "pairs": pair_list,
        "pair_details": details,
        "distractors": distractors,
        "background": [p["id"] for p in profiles if p["role"] == "background"],
        "concepts": concepts,
        "item_concepts": item_concepts,
        "fits": fits,
        "links": links,
    }
    return doc, labels


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def summary(doc, labels):
    values = [l["jaccard"] for l in labels["links"]]
    lib = library_jaccard()
    fits = [len(v) for v in labels["fits"].values()]
    return (
        f"{len(doc['profiles'])} profiles, {len(labels['pairs'])} planted pairs "
        f"({sum(d['b_needs_a_offers'] for d in labels['pair_details'])} reciprocal), "
        f"{len(labels['distractors'])} look-alikes, {len(labels['background'])} background; "
        f"{len(library.CONCEPTS)} concepts\n"
        f"token Jaccard need/offer, planted links: mean {sum(values) / len(values):.3f}, max {max(values):.3f} "
        f"({len(values)} links); library, all need×offer phrasings of a concept: mean {sum(lib) / len(lib):.3f}, "
        f"max {max(lib):.3f}\n"
        f"fitting profiles per profile: mean {sum(fits) / len(fits):.1f}, max {max(fits)}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--pairs", type=int, default=PAIRS)
    parser.add_argument("--background", type=int, default=BACKGROUND)
    parser.add_argument("--out-dir", type=Path, default=HERE)
    args = parser.parse_args(argv)
    doc, labels = generate(args.seed, args.pairs, args.background)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "profiles.json").write_text(dumps(doc), encoding="utf-8")
    (args.out_dir / "labels.json").write_text(dumps(labels), encoding="utf-8")
    print(summary(doc, labels))


if __name__ == "__main__":
    main()
