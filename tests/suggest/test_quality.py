"""Suggestion quality on labelled residents' statements, against plain BM25 (see benchmarks/suggest_quality.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from catalog_build.wording import evaluation_sets, read_statements
from hrcli.catalog import load_catalog
from hrcli.catalog.wording import bundled_wording_model
from hrcli.suggest import Suggester, best_possible, evaluate, evaluate_held_out, model_without, relevant_entries

HERE = Path(__file__).parent
TRAINING = HERE.parents[1] / "catalog" / "vocabulary" / "statements.yaml"
# Sets read while the ranking was built, which the wording model also learns from, and the sealed
# set, measured once after the last change (tests/suggest/sets.yaml, benchmarks/README.md).
SETS = evaluation_sets(HERE)
DEVELOPMENT_SETS = [path.stem for path in SETS.development]
SEALED_SET = SETS.sealed.stem


@pytest.fixture(scope="module")
def suggester():
    return Suggester(load_catalog())


def cases(name: str) -> list[dict]:
    return YAML(typ="safe").load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))["cases"]


def training(catalog) -> list[tuple[str, list[str]]]:
    return [(s.text, s.themes) for s in read_statements(TRAINING, catalog.vocabulary.themes.resolve)]


@pytest.fixture(scope="module")
def held_out(suggester):
    """Each development set scored with a wording model learnt from everything but that set; only
    its statements the catalog has an entry for count (the others no ranking can match: see
    test_best_possible_counts_what_the_catalog_can_match and benchmarks/README.md)."""
    catalog = suggester.catalog
    development = {name: cases(name) for name in DEVELOPMENT_SETS}
    answerable = lambda case: relevant_entries(catalog, case) > 0  # noqa: E731
    sizes = {name: sum(map(answerable, statements)) for name, statements in development.items()}
    return sizes, evaluate_held_out(catalog, training(catalog), development, scored=answerable)


@pytest.mark.parametrize("name", [*DEVELOPMENT_SETS, SEALED_SET])
def test_labels_are_catalog_themes(suggester, name):
    resolve = suggester.catalog.vocabulary.themes.resolve
    assert [t for case in cases(name) for t in case["themes"] if resolve(t) is None] == []


def test_the_shipped_model_learnt_from_the_development_sets_and_not_the_sealed_one(suggester):
    catalog = suggester.catalog
    learnt = model_without(catalog, training(catalog), {name: cases(name) for name in DEVELOPMENT_SETS}, None)
    assert bundled_wording_model().to_json() == learnt.to_json()


def ours(suggester, statements):
    return evaluate(suggester.catalog, statements, suggester.recommendations)


def test_development_sets_meet_the_goal(held_out):
    sizes, scores = held_out
    pooled = {metric: sum(scores[name][metric] * n for name, n in sizes.items() if n) / sum(sizes.values())
              for metric in ("precision@5", "hit@5")}
    assert pooled["precision@5"] >= 0.8 and pooled["hit@5"] >= 0.95, pooled


@pytest.mark.parametrize("name", DEVELOPMENT_SETS)
def test_no_development_set_falls_far_behind(held_out, name):
    # Pooled figures could hide a regression on one set; each stays above a floor.
    scores = held_out[1][name]
    assert scores["precision@5"] >= 0.75 and scores["hit@5"] >= 0.9, scores


def test_sealed_set_beats_the_baseline_by_far(suggester):
    sealed = cases(SEALED_SET)
    scores = ours(suggester, sealed)
    baseline = evaluate(suggester.catalog, sealed, lambda t: suggester.baseline(t, 5))
    # A regression guard a little under the figures measured once (0.795 / 0.900), not a goal.
    assert scores["precision@5"] >= 0.76 and scores["hit@5"] >= 0.86, scores
    assert scores["precision@5"] >= 4 * baseline["precision@5"], (scores, baseline)


def test_best_possible_counts_what_the_catalog_can_match(suggester):
    catalog = suggester.catalog
    resolve = catalog.vocabulary.themes.resolve
    water, violence = "Safe drinking water & sanitation", "Domestic violence"
    filed = {label: sum(1 for rec in catalog if label in {resolve(t) for t in rec.themes}) for label in (water, violence)}
    assert filed == {water: 0, violence: 1}  # the premise, in the bundled catalog
    case = lambda *themes: {"text": "x", "themes": list(themes)}  # noqa: E731
    assert best_possible(catalog, [case(water)]) == {"precision@5": 0.0, "hit@5": 0.0}
    assert best_possible(catalog, [case(violence)]) == {"precision@5": 0.2, "hit@5": 1.0}
    assert best_possible(catalog, [case(water, "Right to adequate housing"), case(water)]) == {"precision@5": 0.5, "hit@5": 0.5}


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
