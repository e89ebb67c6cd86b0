"""Helpers for CLI tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrcli.cli import app


def run_cli(*args: str | Path):
    """Invoke hrcli as a user would; exceptions propagate so a traceback fails the test loudly."""
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh project made by `hrcli init`."""
    root = tmp_path / "proj"
    result = run_cli("init", root, "--city", "Riverton", "--state", "OH", "--no-input")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def example(repo_root, tmp_path) -> Path:
    """A scratch copy of the bundled example project."""
    target = tmp_path / "riverton"
    shutil.copytree(repo_root / "examples" / "riverton", target, ignore=shutil.ignore_patterns(".hrcli-cache", "output"))
    return target
