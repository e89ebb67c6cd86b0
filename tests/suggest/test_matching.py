"""How `suggest` weighs the themes a statement points to (reading it: tests/catalog/test_reading.py)."""

from __future__ import annotations

import pytest

from hrcli.catalog import load_catalog
from hrcli.catalog.wording import cue_reader
from hrcli.suggest import Suggester


@pytest.fixture(scope="module")
def suggester():
    return Suggester(load_catalog())


def test_more_words_more_weight(suggester):
    once = suggester.query_themes("the landlord came by")["Right to adequate housing"]
    twice = suggester.query_themes("the landlord came by with an eviction notice")["Right to adequate housing"]
    assert 0 < once < twice < 1


def test_wording_model_adds_themes_the_vocabulary_misses_and_says_which_words():
    from hrcli.catalog.wording import WordingModel

    housing = "Right to adequate housing"
    # A made-up word no vocabulary knows: only the wording model can tie it to housing.
    training = [(f"the zorblat came by again {n}", [housing]) for n in range(3)]
    training += [(f"the clinic closed early {n}", ["Right to health"]) for n in range(3)]
    catalog = load_catalog()
    without = Suggester(catalog, wording=None).rank("zorblat today", limit=5)
    with_model = Suggester(catalog, wording=WordingModel.train(training)).rank("zorblat today", limit=5)
    assert not any(housing in s.matched_themes for s in without)
    assert all(housing in s.matched_themes for s in with_model)
    assert with_model[0].reasons[-1] == f"worded like statements filed under {housing}: 'zorblat'"


def _trained(statements: list[tuple[str, str]]):
    from hrcli.catalog.wording import WordingModel

    return WordingModel.train([(f"{text} {n}", [theme]) for text, theme in statements for n in range(3)])


def test_the_model_guesses_only_themes_some_entry_is_filed_under():
    water = "Safe drinking water & sanitation"
    catalog = load_catalog()
    assert not any(catalog.vocabulary.themes.resolve(t) == water for s in catalog for t in s.themes)  # none on water
    model = _trained([("zorblat in the tap", water), ("zorblat at the sink", water),
                      ("zorblat in the rent", "Right to adequate housing"), ("the clinic closed early", "Right to health"),
                      ("the clinic is full", "Right to health")])
    text = "the rent, the tap, the sink, the zorblat"
    assert [g.theme for g in model.guess(text)] == [water, "Right to adequate housing"]
    assert [g.theme for g in Suggester(catalog, wording=model).guesses(text)] == ["Right to adequate housing"]


def test_a_confident_guess_weighs_more_than_a_weak_one(suggester):
    from hrcli.catalog.wording import Guess
    from hrcli.suggest import CONFIDENT_GUESS

    housing = "Right to adequate housing"
    weak = suggester._weigh({}, [Guess(housing, CONFIDENT_GUESS / 2, ())], ())[housing]
    confident = suggester._weigh({}, [Guess(housing, CONFIDENT_GUESS, ())], ())[housing]
    assert 0 < weak < confident < 1


def test_a_phrase_counts_as_far_as_it_proved_right_in_training():
    from hrcli.catalog.wording import WordingModel
    from hrcli.suggest import EVIDENCE_DOUBT

    catalog = load_catalog()
    education, housing = "Right to education", "Right to adequate housing"
    # "school" said in ten statements about what police did there, "evicted" in ten about housing.
    training = [(f"the officer at school grabbed my son {n}", ["Human rights violations by state agents"]) for n in range(10)]
    training += [(f"we got evicted last week {n}", [housing]) for n in range(10)]
    model = WordingModel.train(training, cues_of=cue_reader(catalog.vocabulary))
    suggester = Suggester(catalog, wording=model)
    usual = 1 - EVIDENCE_DOUBT
    assert suggester.cue_worth("school", education) < usual / 4
    assert suggester.cue_worth("evicted", housing) > 0.8
    assert suggester.cue_worth("a phrase never said", housing) == usual
    assert suggester.query_themes("school")[education] < suggester.query_themes("evicted")[housing]


def test_a_theme_nearly_as_strong_as_the_strongest_gets_the_last_place():
    from hrcli.suggest import RESERVED_SLOT_MARGIN

    housing, health, work = "Right to adequate housing", "Right to health", "Labour rights and right to work"
    scored = [(0.9 - i / 100, f"h{i}", (housing,)) for i in range(6)] + [(0.5, "w0", (work,)), (0.4, "m0", (health,))]
    reserve = Suggester._with_reserved_slot
    close = {housing: 0.8, health: 0.8 - RESERVED_SLOT_MARGIN, work: 0.5}
    assert [rec for _, rec, _ in reserve(scored, 5, close)] == ["h0", "h1", "h2", "h3", "m0"]
    far = {housing: 0.8, health: 0.6, work: 0.5}
    assert [rec for _, rec, _ in reserve(scored, 5, far)] == ["h0", "h1", "h2", "h3", "h4"]
    shown = [(0.9, "m1", (health,)), *scored]  # already among the top five: nothing to reserve
    assert [rec for _, rec, _ in reserve(shown, 5, close)] == ["m1", "h0", "h1", "h2", "h3"]
    assert [rec for _, rec, _ in reserve(scored, 1, close)] == ["h0"]  # one place is the strongest theme's


def test_police_at_school_is_policing_first(suggester):
    # What an officer does to a child at school is about the police; a suspension is about school.
    assert "Human rights violations by state agents" in suggester.evidence("the school resource officer grabbed him")
    assert "Human rights violations by state agents" not in suggester.evidence("she was suspended from school")
