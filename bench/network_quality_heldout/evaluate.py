"""Measure partner suggestions on the held-out labelled set (bench/network_quality_heldout).

    .venv/bin/python bench/network_quality_heldout/evaluate.py [--top 10] [--suggestions FILE] [--no-command] [--json OUT]

Runs ``manage.py network_suggest PROFILES --out … --top 10`` on this set's profiles (only the
documented exchange keys: id, kind, region, topics, offers, needs) and a plain TF-IDF baseline, and
prints for both directions of every planted pair recall@5 and MRR (over the top 10) of the planted
partner, raw and filtered (the other profiles that genuinely fit, by the labels, removed from the
list before the partner's rank is taken), the share of A→B directions in which a look-alike is
ranked above B, and the time taken.

The measuring arithmetic is imported from the first set's script (bench/network_quality/evaluate.py:
rank, recall@k, MRR, the look-alike share, the command runner and its own TF-IDF); this set's labels
use the same keys. The TF-IDF baseline uses scikit-learn when it is installed, else that script's
implementation (lower-cased word tokens, smoothed IDF, cosine, no stemming or stop words).
"""

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def _load_first_set_helpers():
    spec = importlib.util.spec_from_file_location("network_quality_evaluate", REPO / "bench" / "network_quality" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


base = _load_first_set_helpers()


def sklearn_tfidf_suggestions(profiles, top=10):
    """Plain TF-IDF with scikit-learn (same tokens as the fallback); None when it is not installed."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError:
        return None
    ids = [p["id"] for p in profiles]
    matrix = TfidfVectorizer(lowercase=True, token_pattern=r"(?u)\w+").fit_transform([base.profile_text(p) for p in profiles])
    similarity = (matrix @ matrix.T).toarray()
    result = {}
    for i, pid in enumerate(ids):
        scored = sorted((-similarity[i, j], ids[j]) for j in range(len(ids)) if j != i)
        result[pid] = [other for _, other in scored[:top]]
    return result


def by_group(suggestions, labels, k=5):
    """recall@k (raw and filtered) per concept group of the planted need, both directions together."""
    sys.path.insert(0, str(HERE))
    import library

    group_of = {c.key: c.group for c in library.CONCEPTS}
    rows = {}
    for detail in labels["pair_details"]:
        rows.setdefault(group_of[detail["concept"]], []).append((detail["a"], detail["b"]))
    result = {}
    for group, pairs in sorted(rows.items()):
        raw = [base.rank_of(suggestions.get(w, []), p) for w, p in base.directions(pairs)]
        filt = [base.rank_of(suggestions.get(w, []), p, ignore=set(labels["fits"].get(w, ()))) for w, p in base.directions(pairs)]
        result[group] = (len(raw), base.recall_at(raw, k), base.recall_at(filt, k))
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set-dir", type=Path, default=HERE)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--suggestions", type=Path, help="evaluate this suggestions file instead of running the command")
    parser.add_argument("--no-command", action="store_true", help="only the baselines and the labels' ceiling")
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)

    profiles, labels = base.load_set(args.set_dir)
    links = [link["jaccard"] for link in labels["links"]]
    fits = [len(v) for v in labels["fits"].values()]
    print(f"held-out set: {len(profiles)} profiles, {len(labels['pairs'])} planted pairs ({2 * len(labels['pairs'])} directions), "
          f"{len(labels['distractors'])} look-alikes, seed {labels['seed']}, top {args.top}")
    print(f"token Jaccard of planted need/offer links: mean {sum(links) / len(links):.3f}, max {max(links):.3f}; "
          f"genuinely fitting profiles per profile: mean {sum(fits) / len(fits):.1f}\n")

    rows, details, exit_code, command_suggestions = [], [], 0, None
    if args.suggestions:
        command_suggestions = base.parse_suggestions(json.loads(args.suggestions.read_text(encoding="utf-8")))
        rows.append((f"file {args.suggestions.name}", base.measure(command_suggestions, labels), None))
    elif not args.no_command:
        try:
            command_suggestions, seconds = base.run_command(profiles, top=args.top)
            rows.append(("network_suggest", base.measure(command_suggestions, labels), seconds))
        except base.CommandMissing:
            print("The command `manage.py network_suggest` does not exist: only the baselines are measured.\n")
            exit_code = 2
    if command_suggestions is not None:
        details.append((rows[-1][0], base.breakdown(command_suggestions, labels)))

    started = time.perf_counter()
    plain = sklearn_tfidf_suggestions(profiles, top=args.top)
    name = "TF-IDF plain (sklearn)"
    if plain is None:
        plain, name = base.tfidf_suggestions(profiles, top=args.top), "TF-IDF plain (own)"
    rows.append((name, base.measure(plain, labels), time.perf_counter() - started))
    details.append((name, base.breakdown(plain, labels)))
    started = time.perf_counter()
    crossed = base.tfidf_crossed_suggestions(profiles, top=args.top)
    rows.append(("TF-IDF needs<->offers", base.measure(crossed, labels), time.perf_counter() - started))
    ceiling = base.label_suggestions(labels, top=args.top)
    rows.append(("labels (ceiling)", base.measure(ceiling, labels), None))

    print(base.table(rows))
    for label, figures in details:
        print(f"\n{label}: " + "; ".join(f"{key} {value:.3f}" for key, value in figures.items()))
    for label, suggestions in ((rows[0][0], command_suggestions), (name, plain)):
        if suggestions is None:
            continue
        print(f"\n{label}, recall@5 raw / filtered by group of the planted need:")
        for group, (n, raw, filt) in by_group(suggestions, labels).items():
            print(f"  {group:<14} {n:>3} dirs  {raw:.3f} / {filt:.3f}")
    if args.json:
        args.json.write_text(json.dumps({label: m for label, m, _ in rows}, indent=1) + "\n", encoding="utf-8")
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
