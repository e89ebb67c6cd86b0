#!/usr/bin/env python3
"""How good `hrcli suggest` is, against plain BM25 over the recommendation texts.

    python benchmarks/suggest_quality.py [--details SET ...]

Runs both rankings on the labelled residents' statements of tests/suggest/*_set*.yaml and prints
precision@5 (share of the top 5 whose themes match the labels) and hit@5 (at least one in the top 5
does), side by side. Goals: precision@5 >= 0.8 and hit@5 >= 0.95. Which sets were read while the
vocabulary was built ("development") and which was sealed until measured once: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ruamel.yaml import YAML

from hrcli.catalog import load_catalog
from hrcli.suggest import Suggester, evaluate, relevant

SETS = Path(__file__).resolve().parents[1] / "tests" / "suggest"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", nargs="+", metavar="SET", default=[],
                        help="show each statement's top 5 for these sets (never the sealed one by accident)")
    parser.add_argument("--hrcli", help=argparse.SUPPRESS)  # accepted for `scripts/dev.py bench`
    args = parser.parse_args()
    catalog = load_catalog()
    suggester = Suggester(catalog)
    rankings = {
        "BM25 over texts (baseline)": lambda text: suggester.baseline(text, 5),
        "hrcli suggest": lambda text: [s.recommendation for s in suggester.rank(text, limit=5)],
    }
    print(f"catalog of {len(catalog.entries)} entries")
    print(f"{'set':<22} {'ranking':<28} {'precision@5':>11} {'hit@5':>7}")
    paths = sorted(SETS.glob("*_set*.yaml"), key=lambda p: (len(p.stem), p.stem))  # holdout_set_2 before _10
    sets = {path.stem: YAML(typ="safe").load(path.read_text(encoding="utf-8"))["cases"] for path in paths}
    unknown = sorted(set(args.details) - set(sets))
    if unknown:
        parser.error(f"no evaluation set {', '.join(unknown)}; the sets are {', '.join(sets)}")
    for set_name, cases in sets.items():
        for name, rank in rankings.items():
            scores = evaluate(catalog, cases, rank)
            label = f"{set_name} ({len(cases)})"
            print(f"{label:<22} {name:<28} {scores['precision@5']:>11.3f} {scores['hit@5']:>7.3f}")
    resolve = catalog.vocabulary.themes.resolve
    for set_name, cases in sets.items():
        if set_name in args.details:
            print(f"\n{set_name}")
            for case in cases:
                labels = {resolve(t) for t in case["themes"]}
                top = rankings["hrcli suggest"](case["text"])
                marks = "".join("+" if relevant(catalog, rec, labels) else "." for rec in top)
                print(f"{marks:<5} {case['text'][:70]}  {[r.id for r in top]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
