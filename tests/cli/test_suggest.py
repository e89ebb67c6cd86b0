"""`hrcli suggest` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import run_cli




def test_free_text_json(example):
    result = run_cli("suggest", "my son was stopped and searched on his way to school", "-p", example, "--format", "json", "-n", "4")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == 4
    for key in ("id", "score", "text", "themes", "reasons", "citation"):
        assert key in items[0]
    assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)


def test_testimony_id_excludes_what_it_already_links(example):
    result = run_cli("suggest", "T-0003", "-p", example, "--format", "json", "-n", "10")
    assert result.exit_code == 0, result.output
    linked = {line.strip()[2:] for line in (example / "testimony" / "T-0003.yaml").read_text().split("recommendations:")[1].splitlines()
              if line.strip().startswith("- ")}
    assert linked and not linked & {i["id"] for i in json.loads(result.stdout)}


def test_write_adds_ids_and_keeps_comments(example):
    path = example / "testimony" / "T-0003.yaml"
    before = path.read_text()
    result = run_cli("suggest", str(path), "--write", "--yes", "-n", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    added = [i["id"] for i in json.loads(result.stdout)]
    after = path.read_text()
    for line in before.splitlines():
        if line.startswith("#"):
            assert line in after  # every comment survives
    for rec_id in added:
        assert f"  - {rec_id}\n" in after
    assert after.startswith(before.split("recommendations:")[0])  # everything before the list is untouched
    assert run_cli("check", "--project", example).exit_code == 0


def test_write_without_terminal_needs_yes(example):
    path = example / "testimony" / "T-0003.yaml"
    before = path.read_text()
    result = run_cli("suggest", str(path), "--write", "-n", "2")
    assert result.exit_code == 2 and "add --yes" in result.stderr
    assert path.read_text() == before


def test_all_lists_unlinked_testimony(example):
    from ruamel.yaml import YAML

    path = example / "testimony" / "T-0003.yaml"
    yaml = YAML(typ="rt")
    data = yaml.load(path.read_text())
    del data["recommendations"]
    with path.open("w") as stream:
        yaml.dump(data, stream)
    result = run_cli("suggest", "--all", "-p", example, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["testimony"] for r in rows] == ["T-0003"] and rows[0]["suggestions"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["T-9999"], 1, "error: no testimony 'T-9999'"),
    (["   "], 2, "error: nothing to suggest for"),
    (["some text", "--write", "--yes"], 2, "error: --write needs a testimony"),
    (["nosuch.yaml"], 2, "error: no file nosuch.yaml"),
    (["testimony/T-0001.yml"], 2, "error: no file testimony/T-0001.yml"),
    ([str(Path(__file__).parent)], 2, f"error: {Path(__file__).parent} is a folder"),
])
def test_bad_targets_are_one_line_errors(example, args, code, message):
    result = run_cli("suggest", *args, "-p", example)
    assert result.exit_code == code
    assert result.stderr.startswith(message)


def test_a_csv_file_is_refused_with_what_to_pass(example, tmp_path):
    rows = tmp_path / "bulk.csv"
    rows.write_text("id,date\nT-0100,2024-05-01\n")
    result = run_cli("suggest", str(rows), "-p", example)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {rows} is a CSV file") and "hint: pass the id of one of its rows" in result.stderr


def test_a_file_path_with_a_space_inside_is_read_as_the_file(example, tmp_path):
    import shutil

    folder = tmp_path / "My Documents"
    folder.mkdir()
    shutil.copy(f"{example}/testimony/T-0003.yaml", folder / "T-0003.yaml")
    by_path = run_cli("suggest", str(folder / "T-0003.yaml"), "-p", example, "--format", "json")
    by_id = run_cli("suggest", "T-0003", "-p", example, "--format", "json")
    assert by_path.exit_code == 0, by_path.output
    assert json.loads(by_path.stdout) == json.loads(by_id.stdout) != []
    assert run_cli("suggest", "my notes are in report.yaml", "-p", example).exit_code == 0


def test_a_file_path_given_with_spaces_around_is_still_read(example):
    by_path = run_cli("suggest", f"  {example}/testimony/T-0003.yaml ", "-p", example, "--format", "json")
    by_id = run_cli("suggest", "T-0003", "-p", example, "--format", "json")
    assert by_path.exit_code == 0, by_path.output
    assert json.loads(by_path.stdout) == json.loads(by_id.stdout) != []
