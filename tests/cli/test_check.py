"""`hrcli check` through the CLI: the example passes, planted problems fail where they are planted,
every output format matches its reviewed golden file, and the exit codes follow the contract."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hrcli import __version__
from tests.cli.conftest import run_cli
from tests.private.keys import no_key, use_new_key

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("HRCLI_UPDATE_GOLDEN") == "1"  # rewrite the golden files, then review the diff




@pytest.fixture(autouse=True)
def _no_private_key(monkeypatch) -> None:
    """Whatever key the developer's shell holds, checks here run without one unless a test sets it."""
    no_key(monkeypatch)


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture
def planted(example, monkeypatch) -> Path:
    """The example with four problems planted: a bad id, a withdrawn citation, a leaked name, a typo key.

    The leaked name is T-0014's, which lives in the private store. The example ships none, so the
    fixture makes one as the coalition would have it, with a throwaway key in the environment.
    """
    from hrcli.private import PrivateRecord, PrivateStore, key_from_env

    use_new_key(monkeypatch)
    store = PrivateStore(example)
    identities = store.load(key_from_env())
    identities.records["T-0014"] = PrivateRecord(name="Lorraine Beckwith-Odum", contact="555-0147")
    store.save(identities, key_from_env())
    t3 = example / "testimony" / "T-0003.yaml"
    text = t3.read_text(encoding="utf-8")
    first_id = text.split("recommendations:\n", 1)[1].splitlines()[0].split("- ", 1)[1]
    t3.write_text(text.replace(f"- {first_id}\n", "- upr-2020:26.9999\n", 1), encoding="utf-8")
    housing = example / "sections" / "03-housing.md"
    housing.write_text(
        housing.read_text(encoding="utf-8")
        + "\nA mother spoke about her son's death in the county jail [@T-0014].\n"
        + "Her name is Lorraine Beckwith-Odum.\n",
        encoding="utf-8",
    )
    (example / "testimony" / "T-0099.yaml").write_text(
        "id: T-0099\ntitle: Bus stop ramp\nkind: progress\ncollected: {on: 2024-05-01, method: survey}\n"
        "consent: {scope: internal}\nrecommendations: [upr-2020:26.287]\nsumary: The ramp was fixed.\n",
        encoding="utf-8",
    )
    return example


def test_example_passes(example):
    result = run_cli("check", "--project", example)
    assert result.exit_code == 0, result.stdout
    assert "error" not in result.stdout.split("[")[-1]
    assert "files checked" in result.stderr


def test_planted_problems_are_found_where_they_were_planted(planted):
    result = run_cli("check", "--project", planted, "--format", "json", "--no-cache")
    assert result.exit_code == 1
    found = {(d["code"], d["location"]["path"], d["location"]["line"]) for d in json.loads(result.stdout)["diagnostics"]
             if d["severity"] == "error"}
    housing = planted / "sections" / "03-housing.md"
    assert found == {
        ("HR202", "testimony/T-0003.yaml", line_of(planted / "testimony" / "T-0003.yaml", "upr-2020:26.9999")),
        ("HR301", "sections/03-housing.md", line_of(housing, "[@T-0014]")),
        ("HR302", "sections/03-housing.md", line_of(housing, "Her name is")),
        ("HR101", "testimony/T-0099.yaml", 7),
        ("HR102", "testimony/T-0099.yaml", 1),
    }
    # The leaked value is never printed, only where it is and whose it is.
    assert "Beckwith" not in result.stdout and "555-0147" not in result.stdout


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_output_formats_match_golden_files(planted, output_format):
    result = run_cli("check", "--project", planted, "--format", output_format, "--no-cache")
    assert result.exit_code == 1
    output = result.stdout.replace(__version__, "[VERSION]")
    suffix = "json" if output_format in {"json", "sarif"} else "txt"
    golden = GOLDEN / f"check_planted__{output_format}.{suffix}"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")
    assert "\x1b[" not in output  # no colour when not on a terminal


def test_json_output_equals_the_core_report(planted):
    from hrcli.checks.run import run_check
    from hrcli.diagnostics.formats import RenderContext
    from hrcli.diagnostics.formats.json import to_json_obj

    result = run_cli("check", "--project", planted, "--format", "json", "--no-cache")
    assert json.loads(result.stdout) == to_json_obj(run_check(planted), RenderContext(tool_version=__version__))


def test_strict_makes_warnings_fail(example):
    assert run_cli("check", "--project", example).exit_code == 0  # the example has warnings only
    assert run_cli("check", "--project", example, "--strict").exit_code == 1


def test_paths_restrict_the_report_and_output_file(planted, tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("check", planted / "testimony" / "T-0099.yaml", "--format", "json", "--output-file", out)
    assert result.exit_code == 1 and result.stdout == ""
    paths = {d["location"]["path"] for d in json.loads(out.read_text())["diagnostics"]}
    assert paths == {"testimony/T-0099.yaml"}


def test_second_run_uses_the_cache_and_notices_changes(example):
    first = run_cli("check", "--project", example)
    assert (example / ".hrcli-cache" / "check-v1.json").is_file()
    assert (example / ".hrcli-cache" / ".gitignore").read_text().strip().endswith("*")
    again = run_cli("check", "--project", example)
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
    (example / "sections" / "05-new.md").write_text("See [@T-4040].\n")
    changed = run_cli("check", "--project", example)
    assert changed.exit_code == 1 and "HR205" in changed.stdout


def test_severities_can_be_set_per_rule(example):
    config = example / "hrcli.yaml"
    config.write_text(config.read_text().replace("rules: {}", "rules: {HR303: off, review-period: error}"))
    result = run_cli("check", "--project", example, "--format", "json")
    codes = {(d["code"], d["severity"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert ("HR405", "error") in codes and not any(code == "HR303" for code, _ in codes)
    assert result.exit_code == 1


def test_unknown_rule_in_config_is_a_usage_error(example):
    config = example / "hrcli.yaml"
    config.write_text(config.read_text().replace("rules: {}", "rules: {HR999: off}"))
    result = run_cli("check", "--project", example)
    assert result.exit_code == 2 and "unknown rule 'HR999'" in result.stderr


def test_outside_a_project_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("check")
    assert result.exit_code == 2 and result.stderr.startswith("error: not inside an hrcli project")


def test_rules_and_explain():
    listing = run_cli("rules", "--format", "json")
    codes = [rule["code"] for rule in json.loads(listing.stdout)]
    assert "HR301" in codes and codes == sorted(codes)
    explained = run_cli("explain", "citation-without-consent")
    assert explained.exit_code == 0 and explained.stdout.startswith("HR301 citation-without-consent")
    unknown = run_cli("explain", "HR30")
    assert unknown.exit_code == 1 and "did you mean" in unknown.stderr
