"""The pre-commit hooks this repository offers, run from their own definition on good and bad projects."""

from __future__ import annotations

import datetime as dt
import re
import shlex

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from hrcli.cli import app
from tests.checks import base_project
from tests.checks.test_rule_cases import write_project


@pytest.fixture(scope="module")
def hooks(repo_root):
    return YAML(typ="safe").load((repo_root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def run_hook(hook, cwd, monkeypatch):
    command = shlex.split(hook["entry"]) + hook.get("args", [])
    assert command[0] == "hrcli"
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(app, command[1:], catch_exceptions=False)


def test_hook_definition(hooks):
    (hook,) = hooks
    assert hook["id"] == "hrcli-check" and hook["language"] == "python"
    assert hook["pass_filenames"] is False  # cross-file references need the whole project
    pattern = re.compile(hook["files"])
    for staged in ("hrcli.yaml", "testimony/T-0001.yaml", "sections/01-intro.md", "report/testimony/bulk.csv"):
        assert pattern.search(staged), staged
    assert not pattern.search("src/app.py")


def test_hook_passes_a_good_project(hooks, tmp_path, monkeypatch):
    monkeypatch.setattr("hrcli.checks.rules.today", lambda: dt.date.fromisoformat(base_project.TODAY))
    write_project(tmp_path, {})
    result = run_hook(hooks[0], tmp_path, monkeypatch)
    assert result.exit_code == 0, result.output


def test_hook_blocks_a_bad_project(hooks, tmp_path, monkeypatch):
    monkeypatch.setattr("hrcli.checks.rules.today", lambda: dt.date.fromisoformat(base_project.TODAY))
    write_project(tmp_path, {"sections/02-more.md": "See [@T-0404].\n"})
    result = run_hook(hooks[0], tmp_path, monkeypatch)
    assert result.exit_code == 1
    assert "sections/02-more.md:1:6: HR205" in result.stdout


def test_project_pre_commit_config_written_by_init_runs_check(tmp_path):
    from tests.cli.conftest import run_cli

    run_cli("init", tmp_path / "p", "--city", "Riverton", "--state", "OH", "--no-input")
    config = YAML(typ="safe").load((tmp_path / "p" / ".pre-commit-config.yaml").read_text())
    hook, private = config["repos"][0]["hooks"]
    assert hook["entry"] == "hrcli check" and hook["pass_filenames"] is False
    assert re.compile(hook["files"]).search("testimony/T-0001.yaml")
    # A private file staged by mistake is checked without the cache (whose key does not cover git's index).
    assert private["entry"] == "hrcli check --no-cache" and private["pass_filenames"] is False
    assert all(re.compile(private["files"]).search(p) for p in ("private/identities.age", "coalition.key", "names.private.csv"))
    assert not re.compile(private["files"]).search("testimony/T-0001.yaml")
