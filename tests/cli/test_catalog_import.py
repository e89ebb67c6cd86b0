"""`hrcli catalog import` through the command line: a UHRI export into a fresh project's catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import run_cli

SAMPLE = "A_HRC_46_15_uhri_export_sample.json"
KEY = "a-hrc-46-15"


@pytest.fixture
def sample(sources_dir: Path) -> Path:
    return sources_dir / SAMPLE


@pytest.fixture
def fresh_project(tmp_path: Path) -> Path:
    root = tmp_path / "DIR"
    result = run_cli("init", root, "--city", "X", "--state", "Y", "--no-input")
    assert result.exit_code == 0, result.output
    return root.resolve()


def catalog_files(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "catalog").iterdir()) if p.name != ".gitkeep"}


def test_import_writes_once_refuses_to_overwrite_and_force_rewrites_identically(sample: Path, fresh_project: Path):
    target = fresh_project / "catalog" / f"{KEY}.json"
    first = run_cli("catalog", "import", sample, "--project", fresh_project)
    assert first.exit_code == 0, first.output
    assert first.stdout == f"{target}\n"  # the written files on stdout, the summary on stderr
    assert f"wrote {KEY} (A/HRC/46/15) in {target}: 7 entries (7 supported, 0 noted, 0 supported-in-part)" in first.stderr
    assert "record 7 (a-hrc-46-15:26.7) lacks" in first.stderr
    written = catalog_files(fresh_project)
    assert list(written) == [f"{KEY}.json"]
    stat = target.stat()

    again = run_cli("catalog", "import", sample, "--project", fresh_project)
    assert again.exit_code == 2
    assert f"error: {target} already exists" in again.stderr
    assert "--force" in again.stderr
    assert catalog_files(fresh_project) == written
    assert target.stat().st_mtime_ns == stat.st_mtime_ns

    forced = run_cli("catalog", "import", sample, "--project", fresh_project, "--force")
    assert forced.exit_code == 0, forced.output
    assert f"replaced {KEY} (A/HRC/46/15)" in forced.stderr
    assert catalog_files(fresh_project) == written


def test_dry_run_writes_nothing(sample: Path, fresh_project: Path):
    result = run_cli("catalog", "import", sample, "--project", fresh_project, "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"would write {KEY} (A/HRC/46/15)" in result.stderr
    assert "dry run: nothing was written" in result.stderr
    assert catalog_files(fresh_project) == {}


def test_imported_document_is_listed_searched_shown_and_checked(sample: Path, fresh_project: Path):
    assert run_cli("catalog", "import", sample, "--project", fresh_project).exit_code == 0
    target = fresh_project / "catalog" / f"{KEY}.json"

    listed = run_cli("catalog", "list", "--project", fresh_project, "--format", "json")
    assert listed.exit_code == 0, listed.output
    documents = {doc["key"]: doc for doc in json.loads(listed.stdout)}
    assert documents[KEY]["origin"] == str(target)
    assert documents[KEY]["symbol"] == "A/HRC/46/15"
    assert documents[KEY]["count"] == 7
    assert documents[KEY]["positions"]["supported"] == 7
    assert documents["upr-2020"]["origin"] == "bundled"  # not shadowed by the import

    found = run_cli("catalog", "search", "ratify", "--project", fresh_project, "--document", KEY, "--format", "json")
    assert found.exit_code == 0, found.output
    hits = json.loads(found.stdout)
    assert hits and {hit["document"] for hit in hits} == {KEY}
    assert f"{KEY}:26.1" in {hit["id"] for hit in hits}

    shown = run_cli("catalog", "show", f"{KEY}:26.1", "--project", fresh_project)
    assert shown.exit_code == 0, shown.output
    assert "Consider ratifying all remaining human rights conventions" in shown.stdout
    assert "Somalia" in shown.stdout

    checked = run_cli("check", "--project", fresh_project)
    assert checked.exit_code == 0, checked.output
    assert "error" not in checked.stdout.replace("0 errors", "")
    assert f"{KEY}.json" not in checked.stdout  # nothing to say about the imported file


def test_key_option_and_its_errors(sample: Path, fresh_project: Path):
    result = run_cli("catalog", "import", sample, "--project", fresh_project, "--key", "us-upr-3")
    assert result.exit_code == 0, result.output
    assert list(catalog_files(fresh_project)) == ["us-upr-3.json"]
    taken = run_cli("catalog", "import", sample, "--project", fresh_project, "--key", "upr-2020")
    assert taken.exit_code == 2
    assert "key 'upr-2020' is already used by a bundled catalog document" in taken.stderr


def test_malformed_export_exits_2_with_the_record(tmp_path: Path, fresh_project: Path):
    export = tmp_path / "broken.json"
    export.write_text(json.dumps([{"Text": "26.1 x (Somalia);", "Document Symbol": "A/HRC/46/15"}, {"Document Symbol": "A/HRC/46/15"}]))
    result = run_cli("catalog", "import", export, "--project", fresh_project)
    assert result.exit_code == 2
    assert "record 2: missing 'Text'" in result.stderr
    assert catalog_files(fresh_project) == {}


def test_symbol_references_still_reach_the_bundled_document(sample: Path, fresh_project: Path):
    """The sample's symbol is the bundled upr-2020's: symbol-form references must stay with it."""
    assert run_cli("catalog", "import", sample, "--project", fresh_project).exit_code == 0
    shown = run_cli("catalog", "show", "A/HRC/46/15 26.125", "--project", fresh_project, "--format", "json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["id"] == "upr-2020:26.125"
    shown = run_cli("catalog", "show", "A/HRC/46/15 26.1", "--project", fresh_project, "--format", "json")
    assert json.loads(shown.stdout)["id"] == "upr-2020:26.1"
