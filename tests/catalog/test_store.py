"""Catalog loading and id lookup."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrcli.catalog import load_catalog
from hrcli.exceptions import NotFoundError, UserError


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize(
    "reference",
    [
        "upr-2020:26.125",
        "UPR-2020:26.125",
        " upr-2020:26.125 ",
        "A/HRC/46/15 26.125",
        "a/hrc/46/15 26.125",
        "A/HRC/46/15, para. 26.125",
        "A/HRC/46/15 para 26.125",
    ],
)
def test_lookup_accepts_id_and_symbol_forms(catalog, reference):
    assert catalog.lookup(reference).id == "upr-2020:26.125"


def test_lookup_of_sub_paragraph_in_symbol_form(catalog):
    for reference in ["ccpr-2014:22(e)", "CCPR/C/USA/CO/4 para. 22 (e)", "CCPR/C/USA/CO/4, para. 22(e)"]:
        assert catalog.lookup(reference).id == "ccpr-2014:22(e)"


def test_unknown_id_suggests_close_ids(catalog):
    with pytest.raises(NotFoundError) as raised:
        catalog.lookup("upr-2020:26.1255")
    assert "upr-2020:26.125" in raised.value.hint


def test_unknown_document_gives_format_hint(catalog):
    with pytest.raises(NotFoundError) as raised:
        catalog.lookup("nothing at all")
    assert "upr-2020:26.125" in raised.value.hint


def test_every_theme_and_group_resolves_in_the_vocabulary(catalog):
    themes, groups = catalog.vocabulary.themes, catalog.vocabulary.groups
    assert [t for rec in catalog for t in rec.themes if themes.resolve(t) is None] == []
    assert [g for rec in catalog for g in rec.affected_persons if groups.resolve(g) is None] == []


def test_theme_aliases_join_labels_across_cycles(catalog):
    themes = catalog.vocabulary.themes
    # UPR Info's label (upr-2010) and the UHRI label (upr-2020) name the same theme.
    assert themes.resolve("Right to housing") == themes.resolve("Right to adequate housing")
    assert themes.resolve("HOUSING") == "Right to adequate housing"
    assert "Right to adequate housing" in themes.suggest("Right to adequate housin")


LOCAL_DOCUMENT = """\
key: local-ordinance
symbol: Ord. 2021-14
title: Tenant protection ordinance (fictional, for tests)
mechanism: local
body: City council
document_type: local
date: "2021-06-01"
recommendations:
  - id: local-ordinance:3
    paragraph: "3"
    text: The city shall fund legal counsel for tenants facing eviction.
    themes: [housing]
    source_file: ordinance.pdf
"""


def test_project_documents_join_the_bundled_ones(tmp_path: Path):
    (tmp_path / "ordinance.yaml").write_text(LOCAL_DOCUMENT, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert catalog.lookup("Ord. 2021-14 para. 3").id == "local-ordinance:3"
    assert catalog.origins["local-ordinance"].endswith("ordinance.yaml")
    assert catalog.get("upr-2020:26.1") is not None


def test_invalid_project_document_reports_file_line_and_column(tmp_path: Path):
    bad = LOCAL_DOCUMENT.replace("mechanism: local", "mechanism: municipal")
    (tmp_path / "ordinance.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(UserError) as raised:
        load_catalog(tmp_path)
    assert f"{tmp_path / 'ordinance.yaml'}:4:12: invalid catalog file: mechanism" in raised.value.message


def test_project_document_cannot_reuse_a_bundled_key(tmp_path: Path):
    clash = LOCAL_DOCUMENT.replace("local-ordinance", "upr-2020")
    (tmp_path / "clash.yaml").write_text(clash, encoding="utf-8")
    with pytest.raises(UserError, match="already used by bundled"):
        load_catalog(tmp_path)


def test_malformed_yaml_reports_position(tmp_path: Path):
    (tmp_path / "broken.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"broken.yaml:2:1: YAML syntax error"):
        load_catalog(tmp_path)
