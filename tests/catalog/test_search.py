"""Full-text search over the catalog."""

from __future__ import annotations

import pytest

from hrcli.catalog import load_catalog
from hrcli.catalog.search import HIGHLIGHT_START, Filters, SearchIndex, parse_query
from hrcli.exceptions import UserError


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def index(catalog):
    return SearchIndex(catalog)


def _housing(catalog, rec) -> bool:
    """Filed under the housing theme, or about housing or homelessness in its own words."""
    resolve = catalog.vocabulary.themes.resolve
    words = f"{rec.text} {rec.heading or ''}".lower()
    return "Right to adequate housing" in {resolve(t) for t in rec.themes} or "hous" in words or "homeless" in words


def test_tenants_being_evicted_ranks_housing_first(catalog, index):
    hits = index.search("tenants being evicted", limit=5)
    assert hits, "no results"
    assert all(_housing(catalog, hit.recommendation) for hit in hits)


def test_stemming_finds_other_word_forms(index):
    # "ratified" is not in the catalog texts as such, but "ratify" / "ratifying" are.
    texts = [hit.recommendation.text.lower() for hit in index.search("ratified", limit=5)]
    assert texts and all("ratif" in text for text in texts)


def test_phrase_matches_words_in_order(index):
    hits = index.search('"death penalty"', limit=50)
    assert hits
    for hit in hits:
        rec = hit.recommendation
        assert "death penalty" in " ".join([rec.text, rec.heading or "", *rec.themes]).lower()
    # Words apart do not match the phrase.
    assert not index.search('"penalty death"', limit=5)


def test_matches_are_highlighted(index):
    hit = index.search("Guantanamo", limit=1)[0]  # a word no plain-language expansion adds to
    assert f"{HIGHLIGHT_START}Guantanamo" in hit.highlighted
    assert hit.matched_terms == ("guantanamo",)


def test_filters_restrict_results(catalog, index):
    housing = catalog.vocabulary.themes.resolve("housing")
    hits = index.search("discrimination", Filters(positions=frozenset({"noted"}), documents=frozenset({"upr-2020"})), 20)
    assert hits and all(h.recommendation.position.value == "noted" for h in hits)
    assert all(h.recommendation.id.startswith("upr-2020:") for h in hits)
    themed = index.search("discrimination", Filters(themes=frozenset({housing})), 20)
    assert themed and all(_housing(catalog, h.recommendation) for h in themed)


@pytest.mark.parametrize("query", ['NEAR(a b)', "racial*", "text:police", 'AND OR NOT', '"unbalanced'])
def test_search_syntax_typed_by_users_is_text(index, query):
    index.search(query)  # must not raise an FTS5 syntax error


def test_query_without_words_is_a_user_error(catalog):
    with pytest.raises(UserError):
        parse_query('  "" ... ', catalog)


def test_plain_language_expansion_adds_un_terms(catalog):
    parsed = parse_query("the landlord locked us out", catalog)
    assert "landlord" in parsed.terms and "the" not in parsed.terms
    assert "housing" in parsed.expanded
