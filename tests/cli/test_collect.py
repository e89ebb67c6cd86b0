"""`hrcli collect new` and `hrcli collect import`, through the CLI."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from hrcli.models import testimony as testimony_model
from tests.cli.conftest import run_cli

NEW_FLAGS = [
    "--title", "Locked out by the landlord",
    "--kind", "problem",
    "--date", "2024-02-03",
    "--collected-on", "2024-03-01",
    "--method", "listening-session",
    "--area", "Eastgate",
    "--pseudonym", "Resident A",
    "--consent", "publish-anonymous",
    "--un",
    "--theme", "housing",
    "--theme", "Right to housing",
    "--recommendation", "A/HRC/46/15 26.286",
    "--summary", "The landlord changed the locks while the family was at work.",
    "--quote", "We slept in the car for a week.",
    "--no-input",
]


def load(path: Path) -> testimony_model.Testimony:
    return testimony_model.Testimony.model_validate(YAML(typ="safe").load(path.read_text(encoding="utf-8")))


def files_in(project: Path) -> list[Path]:
    return sorted((project / "testimony").glob("*.yaml"))


def test_collect_new_unattended_writes_a_valid_commented_file(project):
    result = run_cli("collect", "new", project, *NEW_FLAGS)
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path == project / "testimony" / "T-0001.yaml"
    testimony = load(path)
    assert testimony.themes == ["Right to adequate housing"]  # aliases resolved, duplicates merged
    assert testimony.recommendations == ["upr-2020:26.286"]  # symbol form normalised
    assert testimony.consent.un_submission is True
    text = path.read_text()
    assert "# scope: internal | publish-anonymous | publish-named" in text
    assert text.startswith("# yaml-language-server: $schema=")


def test_collect_new_takes_the_project_as_an_option_too(project, tmp_path):
    result = run_cli("collect", "new", "--project", project, *NEW_FLAGS)
    assert result.exit_code == 0, result.output
    assert Path(result.stdout.strip()) == project / "testimony" / "T-0001.yaml"
    other = tmp_path / "other"
    other.mkdir()
    result = run_cli("collect", "new", project, "-p", other, *NEW_FLAGS)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"error: two projects given: {project} and --project {other}"
    assert files_in(project) == [project / "testimony" / "T-0001.yaml"]


def test_collect_new_gives_fresh_ids_and_never_overwrites(project):
    run_cli("collect", "new", project, *NEW_FLAGS)
    (project / "testimony" / "T-0007.yaml").write_text("id: T-0007\n")  # hand-made, even if invalid
    result = run_cli("collect", "new", project, *NEW_FLAGS)
    assert result.exit_code == 0
    assert Path(result.stdout.strip()).name == "T-0008.yaml"
    assert (project / "testimony" / "T-0007.yaml").read_text() == "id: T-0007\n"


def test_collect_new_rejects_unknown_theme_and_recommendation(project):
    bad_theme = [f if f != "housing" else "housng" for f in NEW_FLAGS]
    result = run_cli("collect", "new", project, *bad_theme)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (2, "error: unknown theme 'housng'")
    assert "did you mean 'Right to adequate housing'" in result.stderr
    bad_rec = [f if f != "A/HRC/46/15 26.286" else "upr-2020:26.999" for f in NEW_FLAGS]
    result = run_cli("collect", "new", project, *bad_rec)
    assert result.exit_code == 2 and "no catalog entry 'upr-2020:26.999'" in result.stderr
    assert files_in(project) == []


def test_collect_new_prompts_on_a_terminal(project, monkeypatch):
    from typer.testing import CliRunner

    from hrcli.cli import app

    monkeypatch.setattr("hrcli.cli.prompts.stdin_is_terminal", lambda: True)
    answers = "\n".join([
        "No heat all winter",  # title
        "problem",  # kind
        "2024-01-10",  # date
        "Ward 4 tenants union",  # collected by
        "interview",  # method
        "Ward 4",  # area
        "Mr. K.",  # pseudonym
        "",  # name
        "",  # contact
        "Persons living in poverty",  # groups
        "publish-anonymous",  # scope
        "y",  # UN
        "verbal",  # consent method
        "housng, housing",  # themes: first answer has a typo, asked again
        "housing",
        "upr-2020:26.287",  # recommendations
        "Riverton Housing Authority",  # agencies
        "The radiators stayed cold from December to March.",  # summary
        "",  # quote
    ]) + "\n"
    result = CliRunner().invoke(app, ["collect", "new", str(project)], input=answers, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    testimony = load(project / "testimony" / "T-0001.yaml")
    assert testimony.title == "No heat all winter"
    assert testimony.narrator.groups == ["Persons living in poverty"]
    assert testimony.themes == ["Right to adequate housing"]
    assert testimony.agencies == ["Riverton Housing Authority"]


# --- import -------------------------------------------------------------------------------

HEADER = "title,kind,date,collected.on,collected.method,location.area,narrator.pseudonym,consent.scope,consent.un_submission,themes,recommendations,summary"
ROWS = [
    "Café closed to wheelchair users,problem,2024-05-01,2024-05-10,survey,Mill District,Ms. R.,publish-anonymous,yes,Right to health,,No ramp at the entrance.",
    "Right to counsel pilot,progress,2024-06-01,2024-06-15,interview,Eastgate,Mr. T.,publish-anonymous,no,housing,upr-2020:26.286,Tenants now get a lawyer in court.",
]


def write_csv(path: Path, rows: list[str], encoding: str = "utf-8", delimiter: str = ",", bom: bool = False) -> Path:
    lines = [HEADER, *rows]
    if delimiter != ",":
        lines = [line.replace(",", delimiter) for line in lines]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def fixed_rows() -> list[str]:
    return list(ROWS)


def test_import_utf8_with_bom(project, tmp_path):
    export = write_csv(tmp_path / "bom.csv", fixed_rows(), bom=True)
    result = run_cli("collect", "import", export, "--project", project)
    assert result.exit_code == 0, result.output
    files = files_in(project)
    assert len(files) == 2
    first = load(files[0])
    assert first.title == "Café closed to wheelchair users"  # the BOM is not part of the first header
    assert first.themes == ["Right to health"]


def test_import_windows_1252_with_semicolons(project, tmp_path):
    export = write_csv(tmp_path / "excel.csv", ROWS, encoding="cp1252", delimiter=";")
    result = run_cli("collect", "import", export, "--project", project)
    assert result.exit_code == 0, result.output
    titles = sorted(load(p).title for p in files_in(project))
    assert "Café closed to wheelchair users" in titles


def test_reimport_adds_nothing(project, tmp_path):
    export = write_csv(tmp_path / "x.csv", fixed_rows())
    assert run_cli("collect", "import", export, "--project", project).exit_code == 0
    before = {p: p.read_text() for p in files_in(project)}
    result = run_cli("collect", "import", export, "--project", project)
    assert result.exit_code == 0
    assert {p: p.read_text() for p in files_in(project)} == before
    assert "2" in result.stderr.split("skipped")[-1]


def test_bad_row_is_reported_with_its_line_and_not_written(project, tmp_path):
    bad = fixed_rows()[1].replace(",progress,", ",maybe,")
    multi_line = fixed_rows()[0].replace("No ramp at the entrance.", '"No ramp.\nNo sign either."')
    export = write_csv(tmp_path / "bad.csv", [multi_line, bad])
    result = run_cli("collect", "import", export, "--project", project)
    assert result.exit_code == 1
    # The first record spans lines 2-3 of the file, so the bad one starts on line 4.
    assert f"{export}:4: row rejected: column kind:" in result.stderr
    assert [load(p).title for p in files_in(project)] == ["Café closed to wheelchair users"]


def test_dry_run_writes_nothing(project, tmp_path):
    export = write_csv(tmp_path / "x.csv", fixed_rows())
    result = run_cli("collect", "import", export, "--project", project, "--dry-run")
    assert result.exit_code == 0
    assert files_in(project) == []
    assert "dry run" in result.stderr


def test_mapping_file_maps_free_text_columns(project, tmp_path):
    export = tmp_path / "google.csv"
    export.write_text(
        "Timestamp,What happened?,Short title,Neighborhood,May we publish?,Topic\n"
        "2024-07-01 10:00,They shut off our water in July.,Water shutoff,Eastgate,Yes without my name,water\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "columns:\n"
        "  What happened?: summary\n"
        "  Short title: title\n"
        "  Neighborhood: location.area\n"
        "  May we publish?: consent.scope\n"
        "  Topic: themes\n"
        "values:\n"
        "  consent.scope: {Yes without my name: publish-anonymous, 'No': internal}\n"
        "defaults:\n"
        "  kind: problem\n"
        "  collected.method: survey\n"
        "  collected.on: '2024-07-02'\n"
        "ignore: [Timestamp]\n",
        encoding="utf-8",
    )
    result = run_cli("collect", "import", export, "--project", project, "--mapping", mapping)
    assert result.exit_code == 0, result.output
    testimony = load(files_in(project)[0])
    assert (testimony.consent.scope.value, testimony.themes) == ("publish-anonymous", ["Safe drinking water & sanitation"])


def test_mapping_to_an_unknown_field_is_a_located_error(project, tmp_path):
    export = write_csv(tmp_path / "x.csv", fixed_rows())
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  title: title\n  summary: sumary\n", encoding="utf-8")
    result = run_cli("collect", "import", export, "--project", project, "--mapping", mapping)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {mapping}:3:12: column 'summary' maps to unknown field 'sumary'")


def test_unreadable_inputs_are_one_line_errors(project, tmp_path):
    missing = run_cli("collect", "import", tmp_path / "nope.csv", "--project", project)
    assert missing.exit_code == 2 and missing.stderr.startswith("error:")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run_cli("collect", "import", empty, "--project", project)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (2, f"error: {empty}: the file is empty")
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    result = run_cli("collect", "import", junk, "--project", project)
    assert result.exit_code == 2 and "not a readable Excel workbook" in result.stderr
    assert "Traceback" not in result.output


def test_collect_new_takes_period_quote_language_evidence_and_withdrawal(project):
    (project / "evidence" / "notice.pdf").write_bytes(b"%PDF-1.4 fictional")
    flags = [f for f in NEW_FLAGS if f not in {"--date", "2024-02-03"}]
    result = run_cli("collect", "new", project, *flags, "--from", "2023-12-01", "--to", "2024-01-15",
                     "--quote-language", "es", "--translation", "We slept in the car.", "--evidence", "evidence/notice.pdf",
                     "--evidence", "https://example.org/report", "--withdrawn", "2024-06-01")
    assert result.exit_code == 0, result.output
    testimony = load(Path(result.stdout.strip()))
    assert (str(testimony.period.start), str(testimony.period.end)) == ("2023-12-01", "2024-01-15")
    assert (testimony.quotes[0].language, testimony.quotes[0].translation) == ("es", "We slept in the car.")
    assert [e.path or e.url for e in testimony.evidence] == ["evidence/notice.pdf", "https://example.org/report"]
    assert testimony.consent.effective_scope.value == "internal"
    both = run_cli("collect", "new", project, *NEW_FLAGS, "--from", "2023-12-01")
    assert both.exit_code == 2 and "either --date or --from" in both.stderr
