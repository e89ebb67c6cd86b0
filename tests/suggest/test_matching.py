"""How `suggest` reads a statement: folded plurals, acronyms, the longest phrase, evidence per word."""

from __future__ import annotations

import pytest

from hrcli.catalog import load_catalog
from hrcli.suggest import Suggester, plain_words


@pytest.fixture(scope="module")
def suggester():
    return Suggester(load_catalog())


def test_plain_words_fold_plurals_and_quotes():
    assert plain_words("The cops' complaints, 'thugs' and bus stops; this class") == [
        "the", "cop", "complaint", "thug", "and", "bus", "stop", "this", "class"]
    assert plain_words("ICE came") == ["ice", "came"]
    assert plain_words("ICE came", keep_acronyms=True) == ["ICE", "came"]


def test_an_acronym_matches_only_in_capitals(suggester):
    assert "Migrants" in suggester.query_themes("ICE was waiting outside the courthouse")
    assert "Migrants" not in suggester.query_themes("There was ice on the courthouse steps")


def test_the_longest_phrase_speaks(suggester):
    # "school" alone points to education; on the way to school, it is the child that matters.
    assert "Right to education" in suggester.query_themes("the school has no books")
    on_the_way = suggester.query_themes("the cops stopped my son on his way to school")
    assert "Right to education" not in on_the_way
    assert "Children: definition; general principles; protection" in on_the_way


def test_more_words_more_weight(suggester):
    once = suggester.query_themes("the landlord came by")["Right to adequate housing"]
    twice = suggester.query_themes("the landlord came by with an eviction notice")["Right to adequate housing"]
    assert 0 < once < twice < 1
