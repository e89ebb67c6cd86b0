#!/usr/bin/env python3
"""How good `hrcli suggest` is, against plain BM25 over the recommendation texts.

    python benchmarks/suggest_quality.py [--details SET ...] [--sealed]

Runs both rankings on the labelled residents' statements of tests/suggest/ and prints precision@5
(share of the top 5 whose themes match the labels) and hit@5 (at least one in the top 5 does), side
by side, and what a perfect ranking could score with this catalog (a statement about themes no
entry is filed under cannot be matched). Goals: precision@5 >= 0.8 and hit@5 >= 0.95.

tests/suggest/sets.yaml says which sets are development data and which one is sealed. The shipped
wording model learnt from the development sets, so each is scored with a model learnt without it.
The sealed set is scored only with --sealed, with the shipped model: once, after the last change
(benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from catalog_build.wording import evaluation_sets, read_statements  # noqa: E402

from hrcli.catalog import load_catalog  # noqa: E402
from hrcli.suggest import Suggester, best_possible, evaluate, model_without, relevant  # noqa: E402

SETS = REPO / "tests" / "suggest"
TRAINING = REPO / "catalog" / "vocabulary" / "statements.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", nargs="+", metavar="SET", default=[],
                        help="show each statement's top 5 for these development sets")
    parser.add_argument("--sealed", action="store_true", help="also score the sealed set (once, after the last change)")
    parser.add_argument("--hrcli", help=argparse.SUPPRESS)  # accepted for `scripts/dev.py bench`
    args = parser.parse_args()
    catalog = load_catalog()
    resolve = catalog.vocabulary.themes.resolve
    try:  # the sets' own checks, as the catalog build makes them: a broken set is one line, not a traceback
        manifest = evaluation_sets(SETS)
        training = [(s.text, s.themes) for s in read_statements(TRAINING, resolve)]
        labelled = {path.stem: read_statements(path, resolve) for path in [*manifest.development, manifest.sealed]}
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    load = lambda path: [{"text": s.text, "themes": s.themes} for s in labelled[path.stem]]  # noqa: E731
    development = {path.stem: load(path) for path in manifest.development}
    unknown = sorted(set(args.details) - set(development))
    if unknown:
        parser.error(f"no development set {', '.join(unknown)}; they are {', '.join(development)}")
    shipped = Suggester(catalog)
    held_out = Suggester(catalog, wording=None)
    print(f"catalog of {len(catalog.entries)} entries; wording model of {len(training)} training statements"
          " and the development sets")
    print(f"{'set':<28} {'ranking':<34} {'precision@5':>11} {'hit@5':>7}")

    def report(set_name: str, cases: list[dict], suggester: Suggester, how: str) -> None:
        label = f"{set_name} ({len(cases)})"
        for name, rank in (("BM25 over texts (baseline)", lambda text: shipped.baseline(text, 5)),
                           (f"hrcli suggest, {how}", suggester.recommendations)):
            scores = evaluate(catalog, cases, rank)
            print(f"{label:<28} {name:<34} {scores['precision@5']:>11.3f} {scores['hit@5']:>7.3f}")
        ceiling = best_possible(catalog, cases)
        print(f"{label:<28} {'best possible with this catalog':<34} {ceiling['precision@5']:>11.3f} {ceiling['hit@5']:>7.3f}")

    details = []
    for set_name, cases in development.items():
        held_out.wording = model_without(catalog, training, development, set_name)
        report(set_name, cases, held_out, "set left out")
        if set_name in args.details:
            details.append(f"\n{set_name} (model learnt without it)")
            for case in cases:
                top = held_out.recommendations(case["text"])
                marks = "".join("+" if relevant(catalog, rec, {resolve(t) for t in case["themes"]}) else "." for rec in top)
                details.append(f"{marks:<5} {case['text'][:70]}  {[r.id for r in top]}")
    if args.sealed:
        report(manifest.sealed.stem + " sealed", load(manifest.sealed), shipped, "shipped model")
    print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
