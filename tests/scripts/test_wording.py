"""Building the wording model from the training statements: labels checked, each with its line."""

from __future__ import annotations

import pytest
from catalog_build.wording import build_wording_model

from hrcli.catalog.wording import WordingModel

THEMES = {"right to adequate housing": "Right to adequate housing", "housing": "Right to adequate housing",
          "right to health": "Right to health"}


def _build(tmp_path, body: str):
    path = tmp_path / "statements.yaml"
    path.write_text("# fictional\ncases:\n" + body, encoding="utf-8")
    return build_wording_model(path, THEMES)


def test_aliases_are_stored_as_their_theme(tmp_path):
    model = _build(tmp_path, '  - text: "the landlord again"\n    themes: [housing]\n'
                             '  - text: "the landlord and the clinic"\n    themes: [Right to health]\n')
    assert model["themes"] == {"Right to adequate housing": 1, "Right to health": 1}
    assert WordingModel.from_json(model).features["landlord"] == (2, {"Right to adequate housing": 1, "Right to health": 1})


@pytest.mark.parametrize(("body", "message"), [
    ('  - text: "a"\n    themes: [housing]\n  - text: "b"\n    themes: [Housing rights]\n',
     r"statements.yaml:5: \['Housing rights'\] are not themes"),
    ('  - text: "no heat"\n    themes: [housing]\n  - text: "No  heat"\n    themes: [housing]\n',
     "statements.yaml:5: the same statement as line 3"),
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
        build_wording_model(tmp_path / "statements.yaml", THEMES)


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
