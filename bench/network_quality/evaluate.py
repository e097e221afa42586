"""Measure partner suggestions on the labelled set (issue 10, "Measured quality").

    .venv/bin/python bench/network_quality/evaluate.py [--top 10] [--suggestions FILE] [--no-command] [--json OUT]

Runs ``manage.py network_suggest profiles.json --out … --top 10`` on the set (or reads a suggestions
file given with ``--suggestions``), and a plain TF-IDF baseline implemented here, and prints for every
planted pair, in both directions, recall@5 and MRR of the planted partner.

- raw: the rank of the planted partner in the suggestion list (missing from the list: not found,
  reciprocal rank 0; with ``--top 10`` the MRR is an MRR@10).
- filtered: the same rank after removing the other profiles that also fit (by the labels: one
  offers what the other needs, either way); they are right answers too, so they should not count
  against the planted partner.
- look-alike ahead: share of A→B directions in which the pair's look-alike distractor is ranked above
  B (or is listed while B is not).
- labels (ceiling): ranks by the number of fitting concepts from the labels (both directions); ties
  by id. It shows how far the raw figures can go on this set.

The input given to the command holds exactly the documented keys (id, kind, region, topics, offers,
needs); names stay out.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
EXCHANGE_KEYS = ("id", "kind", "region", "topics", "offers", "needs")
TOKEN = re.compile(r"\w+")


class CommandMissing(Exception):
    pass


def load_set(set_dir=HERE):
    set_dir = Path(set_dir)
    profiles = json.loads((set_dir / "profiles.json").read_text(encoding="utf-8"))["profiles"]
    labels = json.loads((set_dir / "labels.json").read_text(encoding="utf-8"))
    return profiles, labels


def exchange_doc(profiles):
    """The profiles in the documented exchange format only."""
    return {"profiles": [{k: p[k] for k in EXCHANGE_KEYS} for p in profiles]}


# -- the plain baseline ------------------------------------------------------------------------------
def tokenize(text):
    """Lower-cased word tokens; no stemming, no stop words, no compound splitting."""
    return TOKEN.findall(text.lower())


def profile_text(profile):
    items = list(profile.get("offers", [])) + list(profile.get("needs", []))
    return " ".join(f"{item.get('title', '')} {item.get('text', '')}" for item in items)


def tfidf_suggestions(profiles, top=10):
    """Plain TF-IDF over each profile's whole text (offers and needs, titles and texts), cosine
    similarity, no topics, kinds or regions: ``{id: [id, …]}`` best first, ties by id."""
    docs = {p["id"]: Counter(tokenize(profile_text(p))) for p in profiles}
    n = len(docs)
    df = Counter()
    for counts in docs.values():
        df.update(counts.keys())
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
    vectors = {}
    for pid, counts in docs.items():
        vec = {t: c * idf[t] for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[pid] = {t: v / norm for t, v in vec.items()}
    result = {}
    for pid, vec in vectors.items():
        scores = []
        for other, ovec in vectors.items():
            if other == pid:
                continue
            small, large = (vec, ovec) if len(vec) <= len(ovec) else (ovec, vec)
            score = sum(v * large.get(t, 0.0) for t, v in small.items())
            scores.append((-score, other))
        scores.sort()
        result[pid] = [other for _, other in scores[:top]]
    return result


def tfidf_crossed_suggestions(profiles, top=10):
    """TF-IDF as above, but reciprocal: my needs' text against their offers' text plus my offers'
    text against their needs' text (still no stemming, topics, kinds or regions)."""
    def side_text(p, side):
        return " ".join(f"{i.get('title', '')} {i.get('text', '')}" for i in p.get(side, []))

    counts = {(p["id"], side): Counter(tokenize(side_text(p, side))) for p in profiles for side in ("offers", "needs")}
    n = len(counts)
    df = Counter()
    for c in counts.values():
        df.update(c.keys())
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}
    vectors = {}
    for key, c in counts.items():
        vec = {t: v * idf[t] for t, v in c.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[key] = {t: v / norm for t, v in vec.items()}

    def cos(x, y):
        small, large = (x, y) if len(x) <= len(y) else (y, x)
        return sum(v * large.get(t, 0.0) for t, v in small.items())

    result = {}
    for p in profiles:
        pid = p["id"]
        scores = []
        for q in profiles:
            if q["id"] == pid:
                continue
            score = cos(vectors[(pid, "needs")], vectors[(q["id"], "offers")]) + cos(vectors[(pid, "offers")], vectors[(q["id"], "needs")])
            scores.append((-score, q["id"]))
        scores.sort()
        result[pid] = [other for _, other in scores[:top]]
    return result


def label_suggestions(labels, top=10):
    """Ranking by the labels (the ceiling): number of fitting concepts both ways, ties by id."""
    concepts = labels["concepts"]
    result = {}
    for pid, mine in concepts.items():
        scored = []
        for other, theirs in concepts.items():
            if other == pid:
                continue
            score = len(set(mine["needs"]) & set(theirs["offers"])) + len(set(mine["offers"]) & set(theirs["needs"]))
            if score:
                scored.append((-score, other))
        scored.sort()
        result[pid] = [other for _, other in scored[:top]]
    return result


# -- the command -------------------------------------------------------------------------------------
def run_command(profiles, top=10, python=sys.executable, timeout=900):
    """Run ``manage.py network_suggest`` on the profiles; ``({id: [id, …]}, seconds)``.

    Raises CommandMissing when the command does not exist, RuntimeError when it fails."""
    env = dict(os.environ, DEBUG="true", SECRET_KEY="x", SITE_URL="x")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "profiles.json"
        out = Path(tmp) / "suggestions.json"
        source.write_text(json.dumps(exchange_doc(profiles), ensure_ascii=False), encoding="utf-8")
        cmd = [python, str(REPO / "manage.py"), "network_suggest", str(source), "--out", str(out), "--top", str(top)]
        started = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
        seconds = time.perf_counter() - started
        if proc.returncode != 0:
            if "Unknown command" in proc.stderr:
                raise CommandMissing(proc.stderr.strip())
            raise RuntimeError(f"network_suggest failed (exit {proc.returncode}):\n{proc.stderr.strip()}")
        return parse_suggestions(json.loads(out.read_text(encoding="utf-8"))), seconds


def parse_suggestions(doc):
    """``{"suggestions": {"p1": [{"id": "p7", …}, …]}}`` -> ``{"p1": ["p7", …]}`` in the given order."""
    return {pid: [entry["id"] for entry in entries] for pid, entries in doc["suggestions"].items()}


# -- metrics -----------------------------------------------------------------------------------------
def rank_of(ranked, partner, ignore=()):
    """1-based rank of ``partner`` in ``ranked`` after dropping the ids in ``ignore``; None if absent."""
    position = 0
    for other in ranked:
        if other in ignore and other != partner:
            continue
        position += 1
        if other == partner:
            return position
    return None


def directions(pairs):
    """Both directions of every planted pair: (who gets the suggestions, the planted partner)."""
    for a, b in pairs:
        yield a, b
        yield b, a


def recall_at(ranks, k=5):
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks) if ranks else 0.0


def mrr(ranks):
    return sum(1.0 / r for r in ranks if r is not None) / len(ranks) if ranks else 0.0


def lookalike_ahead(suggestions, labels):
    """Share of A→B directions in which a look-alike distractor of the pair is listed above B."""
    by_pair = {}
    for did, info in labels["distractors"].items():
        by_pair.setdefault(tuple(info["pair"]), []).append(did)
    hits = total = 0
    for a, b in labels["pairs"]:
        looks = by_pair.get((a, b), [])
        if not looks:
            continue
        total += 1
        ranked = suggestions.get(a, [])
        b_rank = ranked.index(b) if b in ranked else len(ranked)
        if any(d in ranked[:b_rank] for d in looks):
            hits += 1
    return hits / total if total else 0.0


def measure(suggestions, labels, k=5):
    """The figures of one method: raw and filtered recall@k and MRR, look-alike share."""
    raw, filtered = [], []
    for who, partner in directions(labels["pairs"]):
        ranked = suggestions.get(who, [])
        raw.append(rank_of(ranked, partner))
        filtered.append(rank_of(ranked, partner, ignore=set(labels["fits"].get(who, ()))))
    return {
        "directions": len(raw),
        f"recall@{k}": recall_at(raw, k),
        "mrr": mrr(raw),
        f"recall@{k}_filtered": recall_at(filtered, k),
        "mrr_filtered": mrr(filtered),
        "lookalike_ahead": lookalike_ahead(suggestions, labels),
    }


def breakdown(suggestions, labels, k=5):
    """recall@k of reciprocal and one-sided pairs, and look-alike ahead per kind of distractor."""
    details = labels.get("pair_details", [])
    reciprocal = [[d["a"], d["b"]] for d in details if d["b_needs_a_offers"]]
    one_sided = [[d["a"], d["b"]] for d in details if not d["b_needs_a_offers"]]

    def recall(pairs):
        return recall_at([rank_of(suggestions.get(w, []), p) for w, p in directions(pairs)], k)

    result = {f"recall@{k} reciprocal ({len(reciprocal)} pairs)": recall(reciprocal),
              f"recall@{k} one-sided ({len(one_sided)} pairs)": recall(one_sided)}
    for kind in sorted({info["type"] for info in labels["distractors"].values()}):
        sub = dict(labels, distractors={d: i for d, i in labels["distractors"].items() if i["type"] == kind})
        sub["pairs"] = [info["pair"] for info in sub["distractors"].values()]
        result[f"look-alike ahead, {kind}"] = lookalike_ahead(suggestions, sub)
    return result


def table(rows, k=5):
    head = f"{'method':<26} {'dirs':>5} {'recall@' + str(k):>9} {'MRR':>6} {'recall@' + str(k) + ' filt.':>15} {'MRR filt.':>10} {'look-alike ahead':>17} {'seconds':>8}"
    lines = [head, "-" * len(head)]
    for name, m, seconds in rows:
        lines.append(
            f"{name:<26} {m['directions']:>5} {m[f'recall@{k}']:>9.3f} {m['mrr']:>6.3f} "
            f"{m[f'recall@{k}_filtered']:>15.3f} {m['mrr_filtered']:>10.3f} {m['lookalike_ahead']:>17.3f} "
            f"{'' if seconds is None else f'{seconds:.1f}':>8}"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set-dir", type=Path, default=HERE)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--suggestions", type=Path, help="evaluate this suggestions file instead of running the command")
    parser.add_argument("--no-command", action="store_true", help="only the baseline and the labels' ceiling")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)

    profiles, labels = load_set(args.set_dir)
    print(f"set: {len(profiles)} profiles, {len(labels['pairs'])} planted pairs ({2 * len(labels['pairs'])} directions), "
          f"{len(labels['distractors'])} look-alike distractors, top {args.top}")
    rows = []
    exit_code = 0
    details = []
    if args.suggestions:
        doc = json.loads(args.suggestions.read_text(encoding="utf-8"))
        rows.append((f"file {args.suggestions.name}", measure(parse_suggestions(doc), labels), None))
        details.append((rows[-1][0], breakdown(parse_suggestions(doc), labels)))
    elif not args.no_command:
        try:
            suggestions, seconds = run_command(profiles, top=args.top)
            rows.append(("network_suggest", measure(suggestions, labels), seconds))
            details.append(("network_suggest", breakdown(suggestions, labels)))
        except CommandMissing:
            print("\nThe command `manage.py network_suggest` does not exist (yet): only the baseline is measured.\n")
            exit_code = 2
    started = time.perf_counter()
    baseline = tfidf_suggestions(profiles, top=args.top)
    rows.append(("TF-IDF baseline (plain)", measure(baseline, labels), time.perf_counter() - started))
    started = time.perf_counter()
    crossed = tfidf_crossed_suggestions(profiles, top=args.top)
    rows.append(("TF-IDF needs<->offers", measure(crossed, labels), time.perf_counter() - started))
    ceiling = label_suggestions(labels, top=args.top)
    rows.append(("labels (ceiling)", measure(ceiling, labels), None))
    details.append(("labels (ceiling)", breakdown(ceiling, labels)))
    details.append(("TF-IDF baseline (plain)", breakdown(baseline, labels)))
    print(table(rows))
    for name, figures in details:
        print(f"\n{name}: " + "; ".join(f"{key} {value:.3f}" for key, value in figures.items()))
    if args.json:
        args.json.write_text(json.dumps({name: m for name, m, _ in rows}, indent=1) + "\n", encoding="utf-8")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
