"""`hrcli init`."""

from __future__ import annotations

from ruamel.yaml import YAML

from hrcli.models.project import ProjectConfig
from tests.cli.conftest import run_cli


def test_init_writes_a_valid_project(tmp_path):
    root = tmp_path / "p"
    result = run_cli("init", root, "--city", "Riverton", "--state", "OH", "--org", "Coalition: \"Rights\" #1",
                     "--mechanism", "ccpr", "--submission", "joint", "--from", "2022-01-01", "--to", "2025-12-31", "--no-input")
    assert result.exit_code == 0, result.output
    config = ProjectConfig.model_validate(YAML(typ="safe").load((root / "hrcli.yaml").read_text()))
    assert (config.jurisdiction.city, config.jurisdiction.state) == ("Riverton", "OH")
    assert config.organizations[0].name == 'Coalition: "Rights" #1'  # quoted safely
    assert (config.target.mechanism.value, config.target.submission.value) == ("ccpr", "joint")
    assert str(config.period.start) == "2022-01-01"
    for relative in ("testimony", "sections", "catalog", "evidence", ".gitignore", ".pre-commit-config.yaml",
                     ".github/workflows/hrcli.yml", "README.md", "schema/testimony.schema.json"):
        assert (root / relative).exists(), relative
    assert "/private/" in (root / ".gitignore").read_text()
    assert "hrcli check" in (root / ".github/workflows/hrcli.yml").read_text()
    assert sorted(result.stdout.splitlines()) == sorted(str(p) for p in root.rglob("*") if p.is_file())


def test_init_never_touches_an_existing_project(project):
    before = (project / "hrcli.yaml").read_text()
    result = run_cli("init", project, "--city", "Other", "--state", "CA", "--no-input")
    assert result.exit_code == 2
    assert "already an hrcli project" in result.stderr
    assert (project / "hrcli.yaml").read_text() == before


def test_init_refuses_to_overwrite_any_file(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("ours\n")
    result = run_cli("init", root, "--city", "Riverton", "--state", "OH", "--no-input")
    assert result.exit_code == 2
    assert "README.md" in result.stderr
    assert (root / "README.md").read_text() == "ours\n"
    assert not (root / "hrcli.yaml").exists()  # nothing written at all


def test_init_without_required_flags_and_no_terminal_is_a_usage_error(tmp_path):
    result = run_cli("init", tmp_path / "p", "--no-input")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --city is required")


def test_init_prompts_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr("hrcli.cli.prompts.stdin_is_terminal", lambda: True)
    from typer.testing import CliRunner

    from hrcli.cli import app

    answers = "Riverton\nOH\n\nRiverton Coalition\ncoalition@example.org\nupr\njoint\n"
    result = CliRunner().invoke(app, ["init", str(tmp_path / "p")], input=answers, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    config = YAML(typ="safe").load((tmp_path / "p" / "hrcli.yaml").read_text())
    assert config["organizations"][0]["name"] == "Riverton Coalition"
    assert config["contact"]["email"] == "coalition@example.org"
    assert config["target"]["submission"] == "joint"
