"""The vocabulary inputs: plain-language words the matcher can read, each in one entry, and search
terms that occur in the catalog."""

from __future__ import annotations

import json

import pytest
from catalog_build.vocabulary import check_expansion_words
from ruamel.yaml import YAML


def _expansions(repo_root):
    return YAML(typ="safe").load((repo_root / "catalog" / "vocabulary" / "expansions.yaml").read_text("utf-8"))["expansions"]


def test_committed_expansions_pass_the_word_checks(repo_root):
    check_expansion_words(_expansions(repo_root))


def test_word_checks_accept_acronyms_in_capitals():
    check_expansion_words([{"words": ["ICE", "ICE raid", "la migra"], "terms": ["migrants"], "themes": []}])


@pytest.mark.parametrize(("words", "problem"), [
    ([["tear-gassed"]], "never matches"),
    ([["Ice agents"]], "never matches"),
    ([["landlord ", "rent"]], "never matches"),
    ([["evicted"], ["rent", "evicted"]], "entries 1 and 2"),
])
def test_word_checks_reject(words, problem):
    with pytest.raises(ValueError, match=problem):
        check_expansion_words([{"words": w, "terms": ["housing"], "themes": []} for w in words])


def test_expansion_terms_occur_in_the_catalog(repo_root):
    """A term no entry contains adds nothing to a search; it is a typo or a word of another text."""
    texts = []
    for path in (repo_root / "catalog" / "documents").glob("*.json"):
        for rec in json.loads(path.read_text(encoding="utf-8"))["recommendations"]:
            texts.append(f"{rec.get('heading') or ''} {rec['text']}")
    corpus = " ".join(texts).casefold().replace(",", "")
    missing = sorted({t for e in _expansions(repo_root) for t in e["terms"] if t.casefold().replace(",", "") not in corpus})
    assert missing == []
