"""`hrcli collect form`, and the round trip: form, KoboToolbox export, `import --preset kobo`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from ruamel.yaml import YAML

# Imported as a module: a bare `Testimony` name would look like a test class to pytest.
from hrcli.models import testimony as testimony_model
from tests.cli.conftest import run_cli
from tests.private.keys import no_key, use_new_key

# Kobo's own columns, in the places a KoboToolbox CSV export puts them.
LEADING_METADATA = ["start", "end"]
TRAILING_METADATA = [
    "meta/instanceID", "_id", "_uuid", "_submission_time", "_validation_status", "_notes",
    "_status", "_submitted_by", "__version__", "_tags", "_index",
]

ANSWERS = [
    {
        "consent/scope": "publish_named",
        "consent/un_submission": "yes",
        "consent/obtained": "2024-03-01",
        "consent/method": "written",
        "collected/on": "2024-03-01",
        "collected/by": "Eastgate listening session",
        "collected/method": "listening_session",
        "narrator/pseudonym": "Resident A",
        "narrator/name": "Maria Lopez",
        "narrator/contact": "555-0100",
        "narrator/groups": "persons_living_in_poverty women_girls",
        "location/area": "Eastgate",
        "title": "Locked out by the landlord",
        "kind": "problem",
        "date": "2024-02-03",
        "summary": "The landlord changed the locks while the family was at work.",
        "quote/text": "Dormimos en el carro una semana.",
        "quote/language": "es",
        "quote/translation": "We slept in the car for a week.",
        "themes": "right_to_adequate_housing human_rights_poverty",
        "recommendations": "upr-2020:26.286; upr-2020:26.125",
        "agencies": "City Housing Department; County Court",
    },
    {
        # Internal only: un_submission and name were not asked, so their cells are empty.
        "consent/scope": "internal",
        "consent/obtained": "2024-03-05",
        "consent/method": "verbal",
        "collected/on": "2024-03-05",
        "collected/method": "interview",
        "title": "New clinic hours help shift workers",
        "kind": "progress",
        "summary": "The county clinic now opens until 9 pm.",
        "themes": "right_to_health",
    },
]
METADATA = [
    {
        "start": "2024-03-01T18:02:11.000-05:00", "end": "2024-03-01T18:40:52.000-05:00",
        "meta/instanceID": "uuid:0b1f5d4e-7a61-4c3e-9d2a-1f0e6c5b4a31", "_id": "101",
        "_uuid": "0b1f5d4e-7a61-4c3e-9d2a-1f0e6c5b4a31", "_submission_time": "2024-03-02T09:15:00",
        "_validation_status": "", "_notes": "", "_status": "submitted_via_web",
        "_submitted_by": "", "__version__": "vJm7qk3tS5c8wZ2", "_tags": "", "_index": "1",
    },
    {
        "start": "2024-03-05T10:00:00.000-05:00", "end": "2024-03-05T10:20:00.000-05:00",
        "meta/instanceID": "uuid:7c2e9a10-3b4d-4f5e-8a6b-9c0d1e2f3a4b", "_id": "102",
        "_uuid": "7c2e9a10-3b4d-4f5e-8a6b-9c0d1e2f3a4b", "_submission_time": "2024-03-06T08:00:00",
        "_validation_status": "", "_notes": "", "_status": "submitted_via_web",
        "_submitted_by": "organizer1", "__version__": "vJm7qk3tS5c8wZ2", "_tags": "", "_index": "2",
    },
]
SELECT_MULTIPLE = {"themes": "themes", "narrator/groups": "groups"}  # header -> choice list


@pytest.fixture(autouse=True)
def tracebacks_for_bugs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exit 2 is also the code for refusals: make an internal error raise instead of exiting 2."""
    monkeypatch.setenv("HRCLI_TRACEBACK", "1")


def load(path: Path) -> testimony_model.Testimony:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return testimony_model.Testimony.model_validate(data)


def files_in(project: Path) -> list[Path]:
    return sorted((project / "testimony").glob("*.yaml"))


def sheet(path: Path, name: str) -> list[dict[str, str]]:
    rows = list(load_workbook(path)[name].iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [{h: ("" if v is None else str(v)) for h, v in zip(header, row)} for row in rows[1:]]


def form_headers(form: Path) -> list[str]:
    """The export headers of the form's questions, read from its survey sheet."""
    groups: list[str] = []
    headers = []
    for row in sheet(form, "survey"):
        if row["type"] == "begin_group":
            groups.append(row["name"])
        elif row["type"] == "end_group":
            groups.pop()
        elif row["type"] != "note":  # notes hold no data: Kobo leaves them out of exports
            headers.append("/".join([*groups, row["name"]]))
    return headers


def kobo_export(form: Path, variant: str) -> tuple[list[str], list[dict[str, str]]]:
    """Headers and rows shaped like a KoboToolbox export of the form.

    Select-multiple questions export as one space-separated column ("single"), one 0/1 column per
    choice ("separate"), or both (Kobo's default).
    """
    choices: dict[str, list[str]] = {}
    for row in sheet(form, "choices"):
        choices.setdefault(row["list_name"], []).append(row["name"])
    questions = form_headers(form)
    assert set(ANSWERS[0]) <= set(questions), "the answers use a question the form does not have"
    headers = list(LEADING_METADATA)
    for question in questions:
        if question not in SELECT_MULTIPLE or variant in ("single", "both"):
            headers.append(question)
        if question in SELECT_MULTIPLE and variant in ("separate", "both"):
            headers += [f"{question}/{name}" for name in choices[SELECT_MULTIPLE[question]]]
    headers += TRAILING_METADATA
    rows = []
    for answers, metadata in zip(ANSWERS, METADATA, strict=True):
        row = {**metadata, **answers}
        for question in SELECT_MULTIPLE:
            chosen = answers.get(question, "").split()
            for name in choices[SELECT_MULTIPLE[question]]:
                # Kobo leaves the 0/1 columns empty when the question was not answered.
                row[f"{question}/{name}"] = ("1" if name in chosen else "0") if chosen else ""
        rows.append({h: row.get(h, "") for h in headers})
    return headers, rows


def write_csv(path: Path, headers: list[str], rows: list[dict[str, str]]) -> None:
    # KoboToolbox writes ";"-separated CSV with every cell quoted.
    out = io.StringIO()
    writer = csv.DictWriter(
        out, headers, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def write_xlsx(path: Path, headers: list[str], rows: list[dict[str, str]]) -> None:
    workbook = Workbook()
    sheet_ = workbook.active
    assert sheet_ is not None
    sheet_.append(headers)
    for row in rows:
        sheet_.append([row[h] or None for h in headers])
    workbook.save(path)


@pytest.fixture
def form(project: Path) -> Path:
    path = project / "form.xlsx"
    result = run_cli("collect", "form", "-p", project, "-o", path)
    assert result.exit_code == 0, result.output
    return path


def test_form_is_written_once_and_never_overwritten(project: Path) -> None:
    path = project / "form.xlsx"
    result = run_cli("collect", "form", "-p", project, "-o", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(path)
    settings = sheet(path, "settings")[0]
    assert settings["form_title"] == "Human rights in Riverton, OH: testimony"
    assert settings["form_id"] == "hrcli_testimony"
    before = (path.read_bytes(), path.stat().st_mtime_ns)

    again = run_cli("collect", "form", "-p", project, "-o", path)
    assert again.exit_code == 2
    assert again.stderr.startswith(f"error: {path} already exists")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in project.glob(".form.xlsx.*")) == []  # no temporary file left


@pytest.mark.parametrize("name", ["form.xls", "form.csv", "form"])
def test_form_must_be_xlsx(project: Path, name: str) -> None:
    result = run_cli("collect", "form", "-p", project, "-o", project / name)
    assert result.exit_code == 2
    assert "must be an .xlsx file" in result.stderr
    assert not (project / name).exists()


def test_form_outside_a_project_has_a_generic_title(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("collect", "form", "-o", "form.xlsx")
    assert result.exit_code == 0, result.output
    assert sheet(tmp_path / "form.xlsx", "settings")[0]["form_title"] == "Human rights testimony"


@pytest.mark.parametrize(
    ("variant", "suffix"),
    [("single", ".csv"), ("separate", ".csv"), ("both", ".csv"), ("both", ".xlsx")],
)
def test_kobo_export_of_the_form_imports_without_a_mapping(
    project: Path, form: Path, variant: str, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hrcli.private import PrivateStore, key_from_env

    use_new_key(monkeypatch)  # the export holds a name and a phone number: they go to the private store
    headers, rows = kobo_export(form, variant)
    export = project.parent / f"export{suffix}"
    (write_csv if suffix == ".csv" else write_xlsx)(export, headers, rows)

    result = run_cli("collect", "import", export, "-p", project, "--preset", "kobo")
    assert result.exit_code == 0, result.output
    assert "row rejected" not in result.stderr
    assert "columns not imported" not in result.stderr  # every question maps to a field
    created = files_in(project)
    assert [p.name for p in created] == ["T-0001.yaml", "T-0002.yaml"]

    named, internal = (load(p) for p in created)
    assert named.consent.scope.value == "publish-named"
    assert named.consent.un_submission is True
    assert named.consent.method is not None and named.consent.method.value == "written"
    assert str(named.consent.obtained) == "2024-03-01"
    assert named.collected.method.value == "listening-session"
    assert str(named.collected.on) == "2024-03-01"
    assert named.collected.by == "Eastgate listening session"
    assert named.kind.value == "problem" and str(named.date) == "2024-02-03"
    assert named.title == "Locked out by the landlord"
    assert named.location.area == "Eastgate"
    narrator = named.narrator
    assert narrator.pseudonym == "Resident A"
    # Identifying data went to the encrypted store; the file keeps the pseudonym and a reference.
    assert (narrator.name, narrator.contact, narrator.private) == (None, None, True)
    record = PrivateStore(project).load(key_from_env()).records["T-0001"]
    assert (record.name, record.contact) == ("Maria Lopez", "555-0100")
    assert not any(b"Maria Lopez" in p.read_bytes() or b"555-0100" in p.read_bytes() for p in project.rglob("*") if p.is_file())
    # One 0/1 column per choice keeps no answer order: compare sorted.
    assert sorted(named.narrator.groups) == ["Persons living in poverty", "Women & girls"]
    assert sorted(named.themes) == ["Human rights & poverty", "Right to adequate housing"]
    assert named.recommendations == ["upr-2020:26.286", "upr-2020:26.125"]
    assert named.agencies == ["City Housing Department", "County Court"]
    assert [(q.text, q.language, q.translation) for q in named.quotes] == [
        ("Dormimos en el carro una semana.", "es", "We slept in the car for a week."),
    ]
    assert named.origin is not None
    assert named.origin.source == "kobo"
    assert named.origin.key == "0b1f5d4e-7a61-4c3e-9d2a-1f0e6c5b4a31"  # Kobo's _uuid

    assert internal.consent.scope.value == "internal"
    assert internal.consent.un_submission is False  # not asked when internal
    assert internal.kind.value == "progress" and internal.date is None
    assert internal.collected.method.value == "interview"
    assert internal.themes == ["Right to health"]
    assert internal.narrator.name is None and internal.narrator.groups == []
    assert internal.narrator.private is False
    assert internal.quotes == []

    contents = [p.read_bytes() for p in created]
    again = run_cli("collect", "import", export, "-p", project, "--preset", "kobo")
    assert again.exit_code == 0, again.output
    assert again.stdout == ""  # no file created
    assert files_in(project) == created
    assert [p.read_bytes() for p in created] == contents


def test_kobo_import_with_identities_and_no_key_refuses_and_writes_nothing(
    project: Path, form: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_key(monkeypatch)
    headers, rows = kobo_export(form, "single")
    export = project.parent / "export.csv"
    write_csv(export, headers, rows)
    result = run_cli("collect", "import", export, "-p", project, "--preset", "kobo")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: refusing to save: identifying data")
    assert "nothing was written" in result.stderr and "hrcli private keygen" in result.stderr
    assert "Maria" not in result.output and "555-0100" not in result.output
    assert files_in(project) == [] and not (project / "private" / "identities.age").exists()
    dry = run_cli("collect", "import", export, "-p", project, "--preset", "kobo", "--dry-run")
    assert dry.exit_code == 0 and "would go to the encrypted private store" in dry.stderr
