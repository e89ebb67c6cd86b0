"""The vocabulary inputs: plain-language words the matcher can read, each in one entry, and search
terms that occur in the catalog."""

from __future__ import annotations

import json
import re

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
    ([["evicted"], ["rent", "evicted"]], r"entry 2 \(rent\): 'evicted' reads the same as 'evicted' in entry 1"),
    ([["bias"], ["bia"]], "'bia' reads the same as 'bias' in entry 1"),  # plurals are folded
    ([["evictions"], ["eviction"]], "reads the same as 'evictions'"),
    ([[911]], "each a list of text"),
])
def test_word_checks_reject(words, problem):
    with pytest.raises(ValueError, match=problem):
        check_expansion_words([{"words": w, "terms": ["housing"], "themes": []} for w in words])


def test_the_build_reports_a_vocabulary_defect_in_one_line(sources_dir, repo_root, tmp_path, capsys):
    import shutil

    import build_catalog

    catalog = tmp_path / "catalog"
    shutil.copytree(repo_root / "catalog", catalog)
    expansions = catalog / "vocabulary" / "expansions.yaml"
    expansions.write_text(expansions.read_text(encoding="utf-8").replace("[evict,", "[Evict,", 1), encoding="utf-8")
    assert build_catalog.main(["--sources", str(sources_dir), "--out", str(catalog), "--check"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "'Evict' never matches a statement" in error


def test_expansion_terms_occur_in_the_catalog(repo_root):
    """A term no entry contains adds nothing to a search; it is a typo or a word of another text."""
    texts = []
    for path in (repo_root / "catalog" / "documents").glob("*.json"):
        for rec in json.loads(path.read_text(encoding="utf-8"))["recommendations"]:
            texts.append(f"{rec.get('heading') or ''} {rec['text']}")
    def words(text: str) -> str:
        return " " + " ".join(re.findall(r"[\w'-]+", text.casefold())) + " "

    corpus = words(" ".join(texts))
    missing = sorted({term for e in _expansions(repo_root) for term in e["terms"] if words(term) not in corpus})
    assert missing == []
