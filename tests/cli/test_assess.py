"""`hrcli assess new` and `hrcli assess status` through the CLI."""

from __future__ import annotations

import json

import pytest
from ruamel.yaml import YAML

from hrcli.models.assessment import Assessment
from tests.cli.conftest import run_cli




def test_new_writes_a_valid_assessment_that_checks_clean(project):
    result = run_cli("assess", "new", "A/HRC/46/15 26.125", "--project", project, "--status", "not-implemented",
                     "--agency", "Riverton City Council", "--summary", "No action plan on racial discrimination.",
                     "--assessed", "2025-09-01", "--no-input")
    assert result.exit_code == 0, result.output
    path = project / "assessments" / "upr-2020-26.125.yaml"
    assert result.stdout.strip() == str(path)
    assessment = Assessment.model_validate(YAML(typ="safe").load(path.read_text()))
    assert (assessment.recommendations, assessment.status.value) == (["upr-2020:26.125"], "not-implemented")
    check = run_cli("check", "--project", project, "--format", "json")
    assert not [d for d in json.loads(check.stdout)["diagnostics"] if d["location"]["path"].startswith("assessments/")]
    again = run_cli("assess", "new", "upr-2020:26.125", "--project", project, "--summary", "x", "--no-input")
    assert again.exit_code == 2 and "already exists" in again.stderr  # never overwritten


@pytest.mark.parametrize(("args", "code", "message"), [
    (["upr-2020:26.9999", "--summary", "x"], 1, "error: no catalog entry 'upr-2020:26.9999'"),
    (["upr-2020:26.125", "--summary", "x", "--status", "done"], 2, "error: unknown status 'done'"),
    (["upr-2020:26.125", "--summary", "x", "--testimony", "T-0404"], 2, "error: no testimony 'T-0404' in this project"),
])
def test_new_rejects_bad_input(project, args, code, message):
    result = run_cli("assess", "new", *args, "--project", project, "--no-input")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (code, message)
    assert not list((project / "assessments").glob("*.yaml"))


def test_status_json_counts_the_example(example):
    result = run_cli("assess", "status", "--project", example, "--format", "json", "--since", "2024-12-31")
    assert result.exit_code == 0, result.output
    card = json.loads(result.stdout)
    files = list((example / "assessments").glob("*.yaml"))
    assert card["total"] == len(files) >= 15
    statuses = [YAML(typ="safe").load(p.read_text())["status"] for p in files]
    assert card["by_status"] == {s: statuses.count(s) for s in card["by_status"]} and sum(card["by_status"].values()) == len(files)
    assert {"upr", "ccpr"} <= set(card["by_mechanism"])
    changed = {tuple(c["recommendations"]): (c["before"], c["after"]) for c in card["changes"]}
    assert changed[("ccpr-2014:19(a)",)] == ("not-implemented", "regressed")
    assert ("upr-2020:26.113", "ccpr-2014:7(c)") not in changed  # not implemented before and after


def test_status_table_and_empty_project(example, project):
    table = run_cli("assess", "status", "--project", example)
    assert table.exit_code == 0 and "Scorecard: 16 assessments" in table.stdout and "By agency" in table.stdout
    empty = run_cli("assess", "status", "--project", project)
    assert empty.exit_code == 0 and "No assessments yet" in empty.stdout


def test_example_has_assessments_with_history(example):
    files = list((example / "assessments").glob("*.yaml"))
    recommendations = set()
    for path in files:
        assessment = Assessment.model_validate(YAML(typ="safe").load(path.read_text()))
        recommendations.update(assessment.recommendations)
        assert assessment.history
    assert len(recommendations) >= 15
