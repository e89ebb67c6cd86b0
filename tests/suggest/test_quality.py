"""Suggestion quality on labelled residents' statements, against plain BM25 (see benchmarks/suggest_quality.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from hrcli.catalog import load_catalog
from hrcli.suggest import Suggester, evaluate

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def suggester():
    return Suggester(load_catalog())


def cases(name: str) -> list[dict]:
    return YAML(typ="safe").load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))["cases"]


# Sets read while the vocabulary and the ranking were built (see benchmarks/README.md), and the
# sealed set, measured once after the last change.
DEVELOPMENT_SETS = [
    "eval_set", "holdout_set", "holdout_set_2", "holdout_set_3", "holdout_set_4", "holdout_set_5", "holdout_set_6",
    "holdout_set_7", "holdout_set_8", "holdout_set_9",
]
SEALED_SET = "holdout_set_10"


@pytest.mark.parametrize("name", [*DEVELOPMENT_SETS, SEALED_SET])
def test_labels_are_catalog_themes(suggester, name):
    resolve = suggester.catalog.vocabulary.themes.resolve
    assert [t for case in cases(name) for t in case["themes"] if resolve(t) is None] == []


def ours(suggester, statements):
    return evaluate(suggester.catalog, statements, lambda t: [s.recommendation for s in suggester.rank(t, limit=5)])


def test_development_sets_meet_the_goal(suggester):
    scores = ours(suggester, [case for name in DEVELOPMENT_SETS for case in cases(name)])
    assert scores["precision@5"] >= 0.8 and scores["hit@5"] >= 0.95, scores


@pytest.mark.parametrize("name", DEVELOPMENT_SETS)
def test_no_development_set_falls_far_behind(suggester, name):
    # Pooled figures could hide a regression on one set; each stays above a floor.
    scores = ours(suggester, cases(name))
    assert scores["precision@5"] >= 0.75 and scores["hit@5"] >= 0.9, scores


def test_sealed_set_beats_the_baseline_by_far(suggester):
    sealed = cases(SEALED_SET)
    scores = ours(suggester, sealed)
    baseline = evaluate(suggester.catalog, sealed, lambda t: suggester.baseline(t, 5))
    # A regression guard a little under the figures measured once (0.78 / 0.90), not a goal.
    assert scores["precision@5"] >= 0.74 and scores["hit@5"] >= 0.86, scores
    assert scores["precision@5"] >= 2.5 * baseline["precision@5"], (scores, baseline)


def test_plain_language_reaches_un_wording(suggester):
    top = suggester.rank("the landlord locked us out", limit=3)
    assert all("Right to adequate housing" in s.matched_themes for s in top)
    assert all("(the text says 'landlord', 'locked us out')" in s.reasons[-1] for s in top)


def test_declared_themes_and_exclusions(suggester):
    top = suggester.rank("it happened in March", themes=["Death penalty"], limit=5, exclude=["upr-2020:26.186"])
    assert len(top) == 5 and all("Death penalty" in s.matched_themes for s in top[:3])
    assert "upr-2020:26.186" not in [s.recommendation.id for s in top]


def test_document_filter(suggester):
    top = suggester.rank("police use of force", documents={"ccpr-2014"}, limit=5)
    assert top and {s.recommendation.id.split(":")[0] for s in top} == {"ccpr-2014"}
