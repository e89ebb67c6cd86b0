"""How hrcli reads a resident's text: words folded, acronyms kept apart, the longest phrase first."""

from __future__ import annotations

import pytest

from hrcli.catalog import load_catalog
from hrcli.catalog.reading import plain_words, words_as_written
from hrcli.catalog.search import parse_query


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def themes_said(catalog, text: str) -> set[str]:
    return {theme for cue in catalog.vocabulary.reader.cues(text) for theme in cue.themes}


def test_plain_words_fold_plurals_possessives_and_quotes():
    assert plain_words("The cops' complaints, 'thugs', my landlord's families; this class, two classes") == [
        "the", "cop", "complaint", "thug", "my", "landlord", "family", "this", "class", "two", "class"]


def test_acronyms_are_kept_only_when_asked_and_not_in_a_shouted_sentence():
    assert plain_words("ICE came") == ["ice", "came"]
    assert plain_words("ICE came", keep_acronyms=True) == ["ICE", "came"]
    assert plain_words("THERE WAS ICE ON THE STEPS", keep_acronyms=True)[2] == "ice"


def test_an_acronym_matches_only_in_capitals(catalog):
    assert "Migrants" in themes_said(catalog, "ICE was waiting outside the courthouse")
    assert "Migrants" not in themes_said(catalog, "There was ice on the courthouse steps")
    assert "Migrants" not in themes_said(catalog, "THERE WAS ICE ON THE COURTHOUSE STEPS")


def test_the_longest_phrase_speaks(catalog):
    # "school" alone points to education; on the way to school, it is the child that matters.
    assert "Right to education" in themes_said(catalog, "the school has no books")
    on_the_way = themes_said(catalog, "the cops stopped my son on his way to school")
    assert "Right to education" not in on_the_way
    assert "Children: definition; general principles; protection" in on_the_way


def test_everyday_theme_names_are_not_read_as_themes(catalog):
    assert "Other" not in themes_said(catalog, "three other guys")
    assert "Administration of justice & fair trial" not in themes_said(catalog, "we want justice")
    assert "Right to adequate housing" in themes_said(catalog, "housing is the problem")


def test_search_reads_a_query_as_suggest_reads_a_statement(catalog):
    assert "migrants" in parse_query("ICE was waiting", catalog).expanded
    assert "migrants" not in parse_query("ice on the steps", catalog).expanded
    # A phrase with stop words in it adds its terms too.
    assert parse_query("they kicked us out", catalog).expanded


def test_phrases_are_reported_as_the_text_has_them(catalog):
    said = catalog.vocabulary.reader.said("Our LANDLORD's notice: the cops, then ICE agents")
    assert [words for words, _ in said] == ["LANDLORD's", "cops", "ICE agents"]
    assert [cue.phrase for _, cue in said] == ["landlord", "cop", "ice agent"]


def test_words_as_written_pair_each_plain_word_with_the_text_s_own():
    assert words_as_written("The landlord’s 'Families' ICE") == [
        ("the", "The"), ("landlord", "landlord's"), ("family", "Families"), ("ice", "ICE"),
    ]
