"""Regressions found in review: filters, messages that could carry contact data, markup, brackets."""

from __future__ import annotations

import json

from tests.cli.conftest import run_cli


def test_check_of_a_subfolder_reports_its_problems(project):
    sub = project / "testimony" / "sub"
    sub.mkdir()
    (sub / "T-0009.yaml").write_text("id: T-0009\ntitle: x\n", encoding="utf-8")
    result = run_cli("check", sub, "--format", "json")
    assert result.exit_code == 1
    paths = {d["location"]["path"] for d in json.loads(result.stdout)["diagnostics"]}
    assert paths == {"testimony/sub/T-0009.yaml"}


def test_a_phone_number_in_a_wrong_field_is_never_printed(project):
    (project / "testimony" / "bulk.csv").write_text(
        "id,title,kind,collected.on,collected.method,consent.scope,consent.obtained,summary\n"
        "T-0100,Rent doubled,problem,2024-05-01,survey,internal,614-555-0177,The rent doubled.\n",
        encoding="utf-8",
    )
    for output_format in ("text", "json", "github", "sarif"):
        result = run_cli("check", "--project", project, "--format", output_format, "--no-cache")
        assert result.exit_code == 1
        assert "HR104" in result.stdout
        assert "555-0177" not in result.stdout + result.stderr


def test_rich_markup_in_user_text_is_text(project):
    result = run_cli("catalog", "search", "[/x] housing", "--project", project, "-n", "1")
    assert result.exit_code == 0 and "[/x] housing" in result.stdout


def test_brackets_that_cite_nothing_stay_in_the_report(project):
    (project / "sections" / "02-notes.md").write_text(
        "Residents met at the library [meeting @ 6pm] and spoke.\n", encoding="utf-8")
    (project / "testimony" / "T-0001.yaml").write_text(
        "id: T-0001\ntitle: Rent doubled\nkind: problem\ncollected: {on: 2024-05-01, method: survey}\n"
        "consent: {scope: publish-anonymous, un_submission: true}\nrecommendations: [upr-2020:26.286]\n"
        "summary: The rent doubled.\n", encoding="utf-8")
    result = run_cli("compile", project, "--template", "city-report", "--to", "md")
    assert result.exit_code == 0, result.output
    assert "[meeting @ 6pm]" in (project / "output" / "city-report.md").read_text().replace("\\", "")


def test_a_phone_number_inside_brackets_in_a_section_is_found(project):
    (project / "sections" / "02-notes.md").write_text("Call the tenant [cell @ home: 614-555-0199].\n", encoding="utf-8")
    result = run_cli("check", "--project", project, "--format", "json", "--no-cache")
    codes = {d["code"] for d in json.loads(result.stdout)["diagnostics"]}
    assert "HR603" in codes and "555-0199" not in result.stdout
