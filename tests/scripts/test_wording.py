"""Building the wording model from the training statements: labels checked, each with its line."""

from __future__ import annotations

import pytest
from catalog_build.wording import build_wording_model, evaluation_sets

from hrcli.catalog.wording import WordingModel

THEMES = {"right to adequate housing": "Right to adequate housing", "housing": "Right to adequate housing",
          "right to health": "Right to health"}


def _write(tmp_path, body: str):
    path = tmp_path / "statements.yaml"
    path.write_text("# fictional\ncases:\n" + body, encoding="utf-8")
    return path


def _build(tmp_path, body: str):
    return build_wording_model([_write(tmp_path, body)], THEMES)


def test_aliases_are_stored_as_their_theme(tmp_path):
    model = _build(tmp_path, '  - text: "the landlord again"\n    themes: [housing]\n'
                             '  - text: "the landlord and the clinic"\n    themes: [Right to health]\n')
    assert model["themes"] == {"Right to adequate housing": 1, "Right to health": 1}
    assert WordingModel.from_json(model).features["landlord"] == (2, {"Right to adequate housing": 1, "Right to health": 1})


@pytest.mark.parametrize(("body", "message"), [
    ('  - text: "a"\n    themes: [housing]\n  - text: "b"\n    themes: [Housing rights]\n',
     r"statements.yaml:5: \['Housing rights'\] are not themes"),
    ('  - text: "no heat"\n    themes: [housing]\n  - text: "No  heat"\n    themes: [housing]\n',
     "statements.yaml:5: the same statement as statements.yaml:3"),
    ('  - text: ""\n    themes: [housing]\n', "statements.yaml:3: each case needs a non-empty `text`"),
    ('  - text: "no heat"\n    themes: housing\n', "statements.yaml:3: `themes` must be a list"),
    ("  []\n", "needs a list `cases`"),
    ('  - text: "no heat\n    themes: [housing]\n', r"statements.yaml:\d+:\d+: not valid YAML"),
    ('  - text: "a"\n    themes: [housing]\n  - just a sentence\n', "statements.yaml:5: each case needs"),
])
def test_defects_fail_the_build_with_their_line(tmp_path, body, message):
    with pytest.raises(ValueError, match=message):
        _build(tmp_path, body)


def test_a_missing_statements_file_fails_the_build(tmp_path):
    with pytest.raises(ValueError, match="statements.yaml is missing"):
        build_wording_model([tmp_path / "statements.yaml"], THEMES)


def test_a_statement_repeated_in_another_file_fails_the_build(tmp_path):
    (tmp_path / "set_1.yaml").write_text('cases:\n  - text: "no heat"\n    themes: [housing]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="set_1.yaml:2: the same statement as statements.yaml:5"):
        build_wording_model([_write(tmp_path, '  - text: "mold"\n    themes: [housing]\n  - text: "No heat"\n'
                                              '    themes: [housing]\n'), tmp_path / "set_1.yaml"], THEMES)


def _sets(tmp_path, manifest: str, files=("set_1", "set_2", "set_3")):
    for name in files:
        (tmp_path / f"{name}.yaml").write_text('cases:\n  - text: "no heat"\n    themes: [housing]\n', encoding="utf-8")
    (tmp_path / "sets.yaml").write_text(manifest, encoding="utf-8")
    return evaluation_sets(tmp_path)


def test_the_manifest_names_development_sets_and_the_sealed_one(tmp_path):
    sets = _sets(tmp_path, "development: [set_1, set_2]\nsealed: set_3\n")
    assert [p.name for p in sets.development] == ["set_1.yaml", "set_2.yaml"] and sets.sealed.name == "set_3.yaml"


@pytest.mark.parametrize(("manifest", "message"), [
    ("development: [set_1, set_3]\nsealed: set_3\n", "set_3 is both sealed and development"),
    ("development: [set_1, set_9]\nsealed: set_3\n", "no file for set_9"),
    ("development: set_1\nsealed: set_3\n", "needs `development`, a list of set names"),
    ("development: [set_1]\n", "and `sealed`, one set name"),
    ("development: [./set_3]\nsealed: set_3\n", "./set_3: name each set by its file name without .yaml"),
])
def test_a_bad_manifest_fails_in_one_line(tmp_path, manifest, message):
    with pytest.raises(ValueError, match=message) as raised:
        _sets(tmp_path, manifest)
    assert "\n" not in str(raised.value)


def test_a_statement_of_the_sealed_set_is_never_learnt(tmp_path):
    (tmp_path / "sealed.yaml").write_text('cases:\n  - text: "No heat since March"\n    themes: [housing]\n', encoding="utf-8")
    learnt = _write(tmp_path, '  - text: "mold"\n    themes: [housing]\n  - text: "no heat since  march"\n'
                              '    themes: [housing]\n')
    with pytest.raises(ValueError, match="statements.yaml:5: the same statement as sealed.yaml:2, of the sealed set"):
        build_wording_model([learnt], THEMES, never_learnt=[tmp_path / "sealed.yaml"])
    (tmp_path / "sealed.yaml").write_text('cases:\n  - text: "something else"\n    themes: [housing]\n', encoding="utf-8")
    assert build_wording_model([learnt], THEMES, never_learnt=[tmp_path / "sealed.yaml"])["statements"] == 2


def test_a_missing_manifest_fails(tmp_path):
    with pytest.raises(ValueError, match="sets.yaml is missing"):
        evaluation_sets(tmp_path)


def test_the_build_reports_a_broken_statements_file_in_one_line(sources_dir, repo_root, tmp_path, capsys):
    import shutil

    import build_catalog

    catalog = tmp_path / "catalog"
    shutil.copytree(repo_root / "catalog", catalog)
    statements = catalog / "vocabulary" / "statements.yaml"
    statements.write_text(statements.read_text(encoding="utf-8").replace('  - text: "', '  - text: "\t', 1) + '  - text: "x\n',
                          encoding="utf-8")
    assert build_catalog.main(["--sources", str(sources_dir), "--out", str(catalog), "--check"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("error: statements.yaml:") and "not valid YAML" in error
