"""The wording model: which themes a statement reads like, learnt from labelled statements."""

from __future__ import annotations

import math

import pytest

from hrcli.catalog.wording import PRIOR_STATEMENTS, WordingModel, bundled_wording_model, features_as_written, statement_features

HOUSING = "Right to adequate housing"
HEALTH = "Right to health"
POLICE = "Human rights violations by state agents"

TRAINING = [
    ("the landlord raised the rent again", [HOUSING]),
    ("landlord never fixed the heat, rent is due anyway", [HOUSING]),
    ("we got an eviction notice after the rent went up", [HOUSING]),
    ("the clinic turned my mom away, no insurance", [HEALTH]),
    ("waited nine hours at the clinic for my son's asthma", [HEALTH]),
    ("no insurance so I skip my insulin", [HEALTH]),
    ("cops stopped my son on his way to school", [POLICE]),
    ("the cops searched our car for nothing", [POLICE]),
    ("cops stopped us again near the clinic", [POLICE, HEALTH]),
]


def model() -> WordingModel:
    return WordingModel.train(TRAINING)


def test_features_are_folded_words_and_pairs_without_stop_words():
    assert statement_features("The landlord's heaters? No heat in the apartments!") == {
        "landlord", "heater", "no", "heat", "apartment",
        "landlord heater", "heater no", "no heat", "heat apartment",
    }


def test_features_keep_the_words_the_statement_says_them_in():
    assert features_as_written("They took my Kids, the kids' bikes too") == {
        "took": "took", "kid": "Kids", "bike": "bikes", "too": "too",
        "took kid": "took my Kids", "kid kid": "Kids the kids", "kid bike": "kids bikes", "bike too": "bikes too",
    }


def test_telling_words_are_shown_as_said_without_repeating_a_word():
    family = "Children: family environment & alternative care"
    # "took" and "kids" alone come with other themes too; together they speak for one.
    trained = WordingModel.train([
        *TRAINING,
        *[(f"the county took my kids {n}", [family]) for n in range(3)],
        ("my kids love the park", [HEALTH]), ("they took our car", [POLICE]), ("kids at school", [HEALTH]),
    ])
    guess = trained.guess("The county TOOK my kids")[0]
    assert guess.theme == family and "TOOK my kids" in guess.words
    said = [word for phrase in guess.words for word in phrase.split(" ")]
    assert len(said) == len(set(said)), guess.words


def test_guesses_the_theme_whose_statements_use_the_words():
    guesses = model().guess("my rent doubled and the landlord wont answer")
    assert [g.theme for g in guesses][:1] == [HOUSING]
    assert set(guesses[0].words) == {"rent", "landlord"}


def test_words_seen_with_several_themes_count_for_the_one_they_come_with_most():
    guesses = model().guess("the cops came to the clinic")
    assert guesses[0].theme == POLICE and HEALTH in [g.theme for g in guesses]


def test_no_guess_from_words_never_seen_or_seen_once():
    assert model().guess("the weather is lovely today") == []
    assert model().guess("asthma") == []  # in one training statement only: left out


def test_only_themes_scoring_above_zero_and_at_most_the_limit():
    guesses = model().guess("landlord rent eviction notice heat", limit=3)
    assert [g.theme for g in guesses] == [HOUSING]
    assert len(model().guess("cops at the clinic, no insurance, landlord", limit=1)) == 1


def test_guesses_only_among_the_themes_asked_for():
    text = "cops stopped us at the clinic"
    assert [g.theme for g in model().guess(text)][0] == POLICE
    assert [g.theme for g in model().guess(text, among={HEALTH, HOUSING})] == [HEALTH]


def _cues_of(text: str):
    """A stand-in vocabulary: "landlord" points to housing, "clinic" to health and housing."""
    cues = {"landlord": {HOUSING}, "clinic": {HEALTH, HOUSING}}
    return [(word, cues[word]) for word in text.replace(",", "").split() if word in cues]


def test_counts_how_often_each_phrase_pointed_to_a_theme_the_statement_was_filed_under():
    trained = WordingModel.train(TRAINING, cues_of=_cues_of)
    assert trained.cues["landlord"] == (2, {HOUSING: 2})
    assert trained.cues["clinic"] == (3, {HEALTH: 3})  # never a housing statement
    assert "cops" not in trained.cues and WordingModel.train(TRAINING).cues == {}


def test_json_round_trip_keeps_the_phrase_counts():
    trained = WordingModel.train(TRAINING, cues_of=_cues_of)
    again = WordingModel.from_json(trained.to_json())
    assert dict(again.cues) == dict(trained.cues)


def test_a_model_file_without_phrase_counts_leaves_every_phrase_its_usual_worth():
    from hrcli.catalog import load_catalog
    from hrcli.suggest import EVIDENCE_DOUBT, Suggester

    stored = WordingModel.train(TRAINING, cues_of=_cues_of).to_json()
    del stored["cues"]
    suggester = Suggester(load_catalog(), wording=WordingModel.from_json(stored))
    assert suggester.cue_worth("landlord", HOUSING) == 1 - EVIDENCE_DOUBT


def test_json_round_trip_keeps_the_guesses():
    trained = model()
    again = WordingModel.from_json(trained.to_json())
    assert again.guess("cops searched my car") == trained.guess("cops searched my car") != []


def test_the_bundled_model_knows_every_label_as_a_catalog_theme():
    from hrcli.catalog import load_catalog

    bundled = bundled_wording_model()
    assert bundled is not None and bundled.statements >= 500
    resolve = load_catalog().vocabulary.themes.resolve
    assert [t for t in bundled.themes if resolve(t) != t] == []


def test_scores_are_the_prior_plus_each_features_weight():
    trained = model()
    text = "cops stopped me near the clinic, no insurance"
    known = [f for f in statement_features(text) if f in trained.features]
    for guess in trained.guess(text, limit=5):
        filed = trained.themes[guess.theme]
        prior = math.log((filed + PRIOR_STATEMENTS) / (trained.statements - filed + PRIOR_STATEMENTS))
        assert guess.score == pytest.approx(prior + sum(trained._weight(f, guess.theme) for f in known))


def test_a_theme_of_one_statement_is_not_guessed_from_words_it_never_used():
    # Many statements, each word in few of them: as in a real training set, where plain additive
    # smoothing made a rare theme the first guess for any text.
    many = [(f"word{n} word{n + 1}", [HEALTH]) for n in range(300)]
    many += [("cops stopped my son", [POLICE]), ("cops stopped us", [POLICE])]
    rare = WordingModel.train([*many, ("the library changed its hours", ["Cultural rights"])])
    assert [g.theme for g in rare.guess("cops stopped them", limit=5)] == [POLICE]
