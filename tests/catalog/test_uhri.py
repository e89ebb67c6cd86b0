"""Importing OHCHR Universal Human Rights Index exports (hrcli.catalog.uhri).

The real sample (rows 26.1-26.7 of the A/HRC/46/15 export) must give the same entries as the
bundled upr-2020 document, and a workbook built here in UHRISearchResult's exact layout must give
the same entries as the JSON. Malformed exports are UserErrors that name the record.
"""

from __future__ import annotations

import copy
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.worksheet.table import Table

from hrcli.catalog import load_catalog
from hrcli.catalog.model import Document, Recommendation
from hrcli.catalog.uhri import (
    ImportReport,
    dumps_document,
    import_export,
    read_export,
    slugify_symbol,
)
from hrcli.exceptions import UserError

SAMPLE = "A_HRC_46_15_uhri_export_sample.json"

# The 16 columns of UHRI's "Export to Excel", in order, spelled as OHCHR spells them.
HEADERS = [
    "Text",
    "Countries Concerned",
    "Reccomending Body",
    "Document Symbol",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "Document Publication Date",
    "UPR Reccomending States",
    "UPR Position",
    "Type",
    "OHCHR Annotation Id",
    "UPR Session",
    "Regions Concerned",
    "Recommending Regions",
    "Date of publication on UHRI",
]
DATE_COLUMNS = {"Document Publication Date", "Date of publication on UHRI"}

# A complete record in the xlsx layout (as the sample's rows are), for synthetic exports.
UPR_RECORD: dict[str, Any] = {
    "Text": "26.1 Consider ratifying all remaining human rights conventions (Somalia);",
    "Countries Concerned": "- United States of America",
    "Reccomending Body": "- UPR",
    "Document Symbol": "A/HRC/46/15",
    "Themes": "- Ratification of & accession to international instruments\n-  Scope of international obligations",
    "Affected Persons": None,
    "Sdgs": "- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS",
    "Document Publication Date": "44180",
    "UPR Reccomending States": "- Somalia",
    "UPR Position": "- Supported",
    "Type": "- Recommendations",
    "OHCHR Annotation Id": "4c46ccbd-bfb2-4eca-876d-c12d86050b2c",
    "UPR Session": "- 36th Session",
    "Regions Concerned": "- Western Europe & Others",
    "Recommending Regions": "- Africa",
    "Date of publication on UHRI": "44287.3908564005",
}


def record(**changes: Any) -> dict[str, Any]:
    """UPR_RECORD with some fields changed (keyword names use _ for spaces); None removes a key."""
    data = copy.deepcopy(UPR_RECORD)
    for name, value in changes.items():
        header = next(h for h in HEADERS if h.replace(" ", "_").lower() == name.lower())
        if value is None:
            data.pop(header, None)
        else:
            data[header] = value
    return data


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def write_uhri_xlsx(path: Path, records: list[dict[str, Any]], *, sheets_before: int = 0) -> Path:
    """A workbook laid out as UHRI's "Export to Excel": sheet UHRISearchResult, 16 columns,
    OHCHR's header spellings, "- " list cells separated by "\\n", Excel serial dates as numbers,
    and a table Table1 whose declared ref (A1:P3471) is far larger than the data."""
    workbook = Workbook()
    first = workbook.active
    for number in range(sheets_before):  # to check the sheet is found by name, not position
        workbook.create_sheet(f"Notes{number}", 0)
    sheet = first
    sheet.title = "UHRISearchResult"
    sheet.append(HEADERS)
    for rec in records:
        row = []
        for header in HEADERS:
            value = rec.get(header)
            if header in DATE_COLUMNS and isinstance(value, str):
                number = float(value)
                value = int(number) if number.is_integer() else number
            row.append(value)
        sheet.append(row)
    table = Table(displayName="Table1", ref="A1:P3471")
    sheet.add_table(table)
    workbook.save(path)
    return path


def normalise(text: str) -> str:
    """Whitespace collapsed and the thematic list's spaced apostrophes ("Court ’ s") closed up."""
    text = re.sub(r"\s*’\s*", "’", text.replace("\u00a0", " "))
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def sample(sources_dir: Path) -> Path:
    return sources_dir / SAMPLE


@pytest.fixture
def bundled_upr_2020() -> Document:
    return load_catalog().document("upr-2020")


def only_document(report: ImportReport) -> Document:
    assert len(report.documents) == 1, report.summary_lines()
    return report.documents[0].document


def by_paragraph(doc: Document) -> dict[str, Recommendation]:
    return {rec.label: rec for rec in doc.recommendations}


# --- the real sample ---------------------------------------------------------------------------


def test_sample_agrees_with_the_bundled_upr_2020(sample: Path, tmp_path: Path, bundled_upr_2020: Document):
    report = import_export(sample, tmp_path / "catalog")
    doc = only_document(report)
    assert (doc.key, doc.symbol, doc.mechanism.value, doc.document_type.value) == (
        "a-hrc-46-15", "A/HRC/46/15", "upr", "working-group-report")
    assert (doc.date, doc.cycle, doc.session, doc.country) == (
        bundled_upr_2020.date, bundled_upr_2020.cycle, bundled_upr_2020.session, bundled_upr_2020.country)
    assert doc.title == bundled_upr_2020.title
    imported, bundled = by_paragraph(doc), by_paragraph(bundled_upr_2020)
    assert list(imported) == [f"26.{n}" for n in range(1, 8)]
    for paragraph in (f"26.{n}" for n in range(1, 7)):
        ours, theirs = imported[paragraph], bundled[paragraph]
        assert ours.id == f"a-hrc-46-15:{paragraph}"
        assert normalise(ours.text) == normalise(theirs.text), paragraph
        assert ours.position == theirs.position, paragraph
        # The bundled themes come from OHCHR's thematic list, ours from UHRI: same sets here.
        assert set(ours.themes) == set(theirs.themes), paragraph
        assert set(ours.sdgs) == set(theirs.sdgs), paragraph
        assert ours.annotation_id == theirs.annotation_id is not None, paragraph
        assert ours.recommending_states == theirs.recommending_states, paragraph
        assert ours.position_source == "UHRI export"
        assert ours.source_file == SAMPLE
    # 26.5: UHRI lists the goals 11, 16, 5, 13; the entry holds them sorted.
    assert imported["26.5"].sdgs == [5, 11, 13, 16]
    # 26.6: UHRI's footnote asterisk ("State of Palestine*") is not part of the name.
    assert imported["26.6"].recommending_states == ["State of Palestine"]


def test_the_cut_off_record_is_imported_with_what_it_has(sample: Path, tmp_path: Path, bundled_upr_2020: Document):
    report = import_export(sample, tmp_path / "catalog")
    entry = by_paragraph(only_document(report))["26.7"]
    theirs = by_paragraph(bundled_upr_2020)["26.7"]
    assert normalise(entry.text) == normalise(theirs.text)
    assert (entry.position, entry.recommending_states, entry.sdgs) == (theirs.position, ["Azerbaijan"], [16])
    assert entry.annotation_id is None  # cut off in the export: not filled in from anywhere
    assert entry.damaged is None  # the text is whole; only metadata is missing
    notes = "\n".join(report.summary_lines())
    assert "record 7 (a-hrc-46-15:26.7) lacks Type, OHCHR Annotation Id" in notes
    assert "skipped" not in notes


def test_summary_names_key_symbol_file_counts_and_the_shared_symbol(sample: Path, tmp_path: Path):
    report = import_export(sample, tmp_path / "catalog")
    path = tmp_path / "catalog" / "a-hrc-46-15.json"
    assert report.written == [path]
    first = report.summary_lines()[0]
    assert first == f"wrote a-hrc-46-15 (A/HRC/46/15) in {path}: 7 entries (7 supported, 0 noted, 0 supported-in-part)"
    assert any("also the symbol of catalog document upr-2020 (bundled)" in line for line in report.summary_lines())


def test_written_file_is_valid_deterministic_and_loads_beside_the_bundled_catalog(sample: Path, tmp_path: Path):
    folder = tmp_path / "catalog"
    report = import_export(sample, folder)
    content = report.written[0].read_bytes()
    data = json.loads(content)
    assert list(data)[:2] == ["format_version", "key"]
    assert content == dumps_document(Document.model_validate(data)).encode("utf-8")
    catalog = load_catalog(folder)
    assert catalog.origins["a-hrc-46-15"] == str(report.written[0])
    assert catalog.origins["upr-2020"] == "bundled"
    assert catalog.get("a-hrc-46-15:26.1") is not None


def test_existing_file_is_never_overwritten_without_force(sample: Path, tmp_path: Path):
    folder = tmp_path / "catalog"
    path = import_export(sample, folder).written[0]
    before = path.read_bytes()
    with pytest.raises(UserError) as caught:
        import_export(sample, folder)
    assert str(path) in caught.value.message
    assert "--force" in (caught.value.hint or "")
    assert path.read_bytes() == before
    again = import_export(sample, folder, force=True)
    assert again.written == [path]  # same key and file: the earlier import does not block its key
    assert path.read_bytes() == before
    assert again.summary_lines()[0].startswith("replaced a-hrc-46-15 ")
    assert sorted(p.name for p in folder.iterdir()) == ["a-hrc-46-15.json"]  # no temporary files left


def test_dry_run_writes_nothing(sample: Path, tmp_path: Path):
    folder = tmp_path / "catalog"
    report = import_export(sample, folder, dry_run=True)
    assert report.written == []
    assert not folder.exists()
    assert report.summary_lines()[0].startswith("would write a-hrc-46-15 (A/HRC/46/15)")
    assert report.summary_lines()[-1] == "dry run: nothing was written"


def test_key_option(sample: Path, tmp_path: Path):
    report = import_export(sample, tmp_path / "catalog", key="us-upr-3")
    doc = only_document(report)
    assert doc.key == "us-upr-3" and doc.recommendations[0].id == "us-upr-3:26.1"
    assert report.written == [tmp_path / "catalog" / "us-upr-3.json"]
    with pytest.raises(UserError, match="already used by a bundled catalog document"):
        import_export(sample, tmp_path / "other", key="upr-2020")
    with pytest.raises(UserError, match="invalid key"):
        import_export(sample, tmp_path / "other", key="Not A Key")


# --- the xlsx layout ---------------------------------------------------------------------------


def comparable(doc: Document) -> dict[str, Any]:
    data = doc.model_dump(mode="json", exclude={"sources", "coverage"})
    for rec in data["recommendations"]:
        rec.pop("source_file")
    return data


def test_xlsx_in_the_uhri_layout_gives_the_same_entries_as_the_json(sample: Path, tmp_path: Path):
    rows = json.loads(sample.read_text(encoding="utf-8"))
    workbook = write_uhri_xlsx(tmp_path / "US UPR recommendations cycle 3 only.xlsx", rows, sheets_before=1)
    from_xlsx = only_document(import_export(workbook, tmp_path / "x"))
    from_json = only_document(import_export(sample, tmp_path / "j"))
    assert comparable(from_xlsx) == comparable(from_json)
    assert {rec.source_file for rec in from_xlsx.recommendations} == {workbook.name}


def test_xlsx_rows_are_read_whatever_the_declared_ranges_say(tmp_path: Path):
    """The table ref (A1:P3471) is too large; a sheet dimension can be too small: neither counts."""
    path = write_uhri_xlsx(tmp_path / "export.xlsx", [
        record(text=f"26.{n} Ratify the treaties (Somalia);", ohchr_annotation_id=f"id-{n}") for n in range(1, 6)
    ])
    shrunk = tmp_path / "shrunk.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(shrunk, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                content, count = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:P3"', content)
                assert count == 1
            target.writestr(item, content)
    for workbook in (path, shrunk):
        records = read_export(workbook)
        assert [r.number for r in records] == [1, 2, 3, 4, 5]
        assert records[0].where == "record 1 (row 2)"


def test_xlsx_headers_match_case_and_space_insensitively_and_the_correct_spelling(tmp_path: Path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"  # not UHRISearchResult: the first sheet is used
    headers = ["  text", "DOCUMENT SYMBOL", "Recommending Body", "upr recommending states ", "UPR Position",
               "Document Publication Date"]
    sheet.append(headers)
    sheet.append(["26.2 Continue (Ghana);", "A/HRC/46/15", "- UPR", "- Ghana", "- Noted", 44180])
    workbook.save(tmp_path / "renamed.xlsx")
    doc = only_document(import_export(tmp_path / "renamed.xlsx", tmp_path / "catalog"))
    entry = doc.recommendations[0]
    assert (entry.text, entry.recommending_states, entry.position.value) == ("Continue", ["Ghana"], "noted")
    assert (doc.mechanism.value, doc.date) == ("upr", "2020-12-15")


# --- cell conventions and numbering --------------------------------------------------------------


def import_records(tmp_path: Path, records: list[dict[str, Any]], name: str = "export.json", **options: Any):
    return import_export(write_json(tmp_path / name, records), tmp_path / "catalog", **options)


def test_list_cells_trim_dashes_double_spaces_trailing_spaces_and_asterisks(tmp_path: Path):
    doc = only_document(import_records(tmp_path, [record(
        themes="- Right to health \n-  Right to food\n- Right to health",
        affected_persons="- Persons with disabilities\r\n-  Children ",
        upr_reccomending_states="- State of Palestine*\n-  Costa Rica ",
        text="26.85 Extend a standing invitation to the special procedures (State of Palestine) (Costa Rica);",
    )]))
    entry = doc.recommendations[0]
    assert entry.themes == ["Right to health", "Right to food"]  # as printed, in order, once each
    assert entry.affected_persons == ["Persons with disabilities", "Children"]
    assert entry.recommending_states == ["State of Palestine", "Costa Rica"]
    assert entry.text == "Extend a standing invitation to the special procedures"


def test_attribution_keeps_parentheses_of_the_text_itself(tmp_path: Path):
    doc = only_document(import_records(tmp_path, [
        record(text="26.91 Establish an institution in accordance with the Paris Principles (the Paris Principles) "
                    "(Philippines);", upr_reccomending_states="- Philippines"),
        record(text="26.161 Put an end to unilateral coercive measures (Venezuela (Bolivarian Republic of)) "
                    "(Nicaragua).", upr_reccomending_states="- Venezuela (Bolivarian Republic of)\n- Nicaragua"),
        record(text="26.20 Ratify the Convention on the Rights of the Child (Afghanistan; Sudan);",
               upr_reccomending_states=None),
    ]))
    entries = by_paragraph(doc)
    assert entries["26.91"].text.endswith("Paris Principles (the Paris Principles)")
    assert entries["26.91"].recommending_states == ["Philippines"]
    assert entries["26.161"].text == "Put an end to unilateral coercive measures"
    assert entries["26.161"].recommending_states == ["Venezuela (Bolivarian Republic of)", "Nicaragua"]
    # Without the States column, the States come from the text's attribution.
    assert entries["26.20"].recommending_states == ["Afghanistan", "Sudan"]


@pytest.mark.parametrize(
    ("cell", "position"),
    [("- Supported", "supported"), ("- Noted", "noted"), ("- Supported/Noted", "supported-in-part"),
     ("-  supported / noted ", "supported-in-part"), (["Supported", "Noted"], "supported-in-part")],
)
def test_positions(tmp_path: Path, cell: Any, position: str):
    entry = only_document(import_records(tmp_path, [record(upr_position=cell)])).recommendations[0]
    assert entry.position is not None and entry.position.value == position
    assert entry.position_source == "UHRI export"


def test_no_position_is_no_position(tmp_path: Path):
    report = import_records(tmp_path, [record(upr_position=None)])
    entry = only_document(report).recommendations[0]
    assert (entry.position, entry.position_source) == (None, None)
    assert "1 without position" in report.summary_lines()[0]


@pytest.mark.parametrize(
    ("cell", "date"),
    [("44180", "2020-12-15"), (44180, "2020-12-15"), ("44180.75", "2020-12-15"), (1, "1900-01-01"),
     (59, "1900-02-28"), (61, "1900-03-01"), ("2025-02-12T00:00:00", "2025-02-12"), ("- 2020-12-15", "2020-12-15")],
)
def test_publication_dates(tmp_path: Path, cell: Any, date: str):
    assert only_document(import_records(tmp_path, [record(document_publication_date=cell)])).date == date


def test_sdg_goals_and_targets(tmp_path: Path):
    entry = only_document(import_records(tmp_path, [record(
        sdgs="- 16.3 - Promote the rule of law\n- 16.a - Strengthen institutions\n-  5 - GENDER EQUALITY")]
    )).recommendations[0]
    assert entry.sdgs == [5, 16]


def test_paragraph_numbers_and_sub_paragraphs(tmp_path: Path):
    doc = only_document(import_records(tmp_path, [
        record(text="26.10 Tenth (Somalia);"),
        record(text="26.9. Ninth (Somalia);"),
        record(text="26.100 Hundredth (Somalia);"),
    ]))
    assert [rec.paragraph for rec in doc.recommendations] == ["26.9", "26.10", "26.100"]  # numeric order
    assert by_paragraph(doc)["26.9"].text == "Ninth"


def test_records_without_a_paragraph_number_are_skipped_with_the_reason(tmp_path: Path):
    report = import_records(tmp_path, [
        record(text="26.1 Numbered (Somalia);"),
        record(text="Consider ratifying (Ghana);"),
    ])
    assert [rec.paragraph for rec in only_document(report).recommendations] == ["26.1"]
    assert report.skipped[0].where == "record 2"
    assert "no paragraph number at the start of Text" in report.skipped[0].reason
    assert report.summary_lines()[-1].startswith("skipped record 2: no paragraph number")


def test_duplicate_paragraphs_are_skipped_naming_the_first(tmp_path: Path):
    report = import_records(tmp_path, [record(), record(), record(text="26.1 Something else (Ghana);", ohchr_annotation_id="other-id")])
    assert len(only_document(report).recommendations) == 1
    reasons = [(s.where, s.reason) for s in report.skipped]
    assert reasons == [
        ("record 2", "a-hrc-46-15:26.1 is a duplicate of record 1; kept the first"),
        ("record 3", "a-hrc-46-15:26.1 is the same paragraph as record 1; kept the first"),
    ]


def test_treaty_body_record_in_the_full_json_export_layout(tmp_path: Path):
    """The field names of UHRI's export-full-en.json (a CRC concluding observation)."""
    full = {
        "AffectedPersons": ["Disappeared persons", "Children"],
        "AnnotationId": "0c7e6bb5-0000-4000-8000-000000000001",
        "AnnotationType": "- Concerns/Observations",
        "Body": "- CRC",
        "Countries": ["Peru"],
        "DocumentId": "0c7e6bb5-0000-4000-8000-000000000002",
        "PublicationDate": "2025-02-12T00:00:00",
        "PublicationDateOnUhri": "2025-03-01T10:00:00.123",
        "Regions": ["Latin America and the Caribbean"],
        "Sdgs": ["16.2 - Protect children from abuse, exploitation, trafficking and violence"],
        "Symbol": "CRC/C/PER/CO/6-7",
        "Text": "4.The Committee reminds the State party of the indivisibility of all rights.",
        "Themes": ["Rights of the Child"],
        "UprCycle": None,
        "UprPositions": [],
        "UprRecommendingCountry": [],
        "UprRecommendingRegions": [],
        "UprSession": [],
    }
    second = dict(full, Text="15 (b) Ensure that all children are registered at birth;", AnnotationType="- Recommendations")
    report = import_export(write_json(tmp_path / "export-full-en.json", {"value": [full, second], "Count": 2}),
                           tmp_path / "catalog")
    doc = only_document(report)
    assert (doc.key, doc.mechanism.value, doc.document_type.value) == ("crc-c-per-co-6-7", "crc", "concluding-observations")
    assert (doc.body, doc.date, doc.country, doc.cycle, doc.session) == (
        "Committee on the Rights of the Child", "2025-02-12", "Peru", None, None)
    assert doc.title == "UHRI export: CRC/C/PER/CO/6-7"
    first, sub = doc.recommendations
    assert (first.id, first.kind.value, first.position, first.sdgs) == ("crc-c-per-co-6-7:4", "paragraph", None, [16])
    # Treaty-body texts carry no "(State);" attribution: the text is kept whole.
    assert first.text == "The Committee reminds the State party of the indivisibility of all rights."
    assert first.affected_persons == ["Disappeared persons", "Children"]
    assert (sub.id, sub.paragraph, sub.subparagraph, sub.kind.value) == ("crc-c-per-co-6-7:15(b)", "15", "b", "recommendation")


def test_treaty_body_text_keeps_its_line_breaks(tmp_path: Path):
    rec = record(reccomending_body="- Human Rights Committee", document_symbol="CCPR/C/USA/CO/4",
                 text="22. The State party should:\r\n(a)  Ensure  that\u00a0all ...;\n\n(b) Review ...",
                 upr_position=None, upr_session=None, upr_reccomending_states=None)
    entry = only_document(import_records(tmp_path, [rec])).recommendations[0]
    assert (entry.id, entry.text) == ("ccpr-c-usa-co-4:22", "The State party should:\n(a) Ensure that all ...;\n(b) Review ...")


def test_a_text_that_is_only_a_number_is_skipped(tmp_path: Path):
    report = import_records(tmp_path, [record(), record(text="26.2 (Ghana);", ohchr_annotation_id="x")])
    assert [(s.where, s.reason) for s in report.skipped] == [
        ("record 2", "Text has no wording besides the paragraph number '26.2'")]


def test_xlsx_date_cells_formatted_as_dates(tmp_path: Path):
    import datetime as dt

    path = write_uhri_xlsx(tmp_path / "dated.xlsx", [record(document_publication_date=dt.datetime(2020, 12, 15))])
    assert only_document(import_export(path, tmp_path / "catalog")).date == "2020-12-15"


@pytest.mark.parametrize(
    ("body", "mechanism"),
    [("- Human Rights Committee", "ccpr"), ("- CERD", "cerd"), ("- Committee against Torture", "cat"),
     ("- Special Rapporteur on the right to food", "special-procedures"), ("- CMW", "other")],
)
def test_bodies_map_to_mechanisms(tmp_path: Path, body: str, mechanism: str):
    rec = record(reccomending_body=body, document_symbol="CCPR/C/USA/CO/4", text="22 (e) Ensure ...",
                 upr_position=None, upr_session=None, upr_reccomending_states=None)
    doc = only_document(import_records(tmp_path, [rec]))
    assert doc.mechanism.value == mechanism
    assert doc.recommendations[0].text == "Ensure ..."  # no attribution to strip outside the UPR


def test_single_record_object_and_utf16_powershell_output(tmp_path: Path):
    path = tmp_path / "one.json"
    path.write_bytes(b"\xff\xfe" + json.dumps(record()).encode("utf-16-le"))
    assert len(only_document(import_export(path, tmp_path / "catalog")).recommendations) == 1


# --- keys ----------------------------------------------------------------------------------------


def test_slugs():
    assert slugify_symbol("A/HRC/46/15") == "a-hrc-46-15"
    assert slugify_symbol("A/HRC/46/15/Add. 1") == "a-hrc-46-15-add.1"
    assert slugify_symbol("CERD/C/USA/CO/10-12") == "cerd-c-usa-co-10-12"


def test_a_derived_key_never_shadows_a_bundled_document(tmp_path: Path):
    report = import_records(tmp_path, [record(document_symbol="UPR 2020")])  # slug: upr-2020
    item = report.documents[0]
    assert item.document.key == "uhri-upr-2020"
    assert item.path.name == "uhri-upr-2020.json"
    assert "key: 'upr-2020' is already used by a bundled catalog document; using 'uhri-upr-2020'" in "\n".join(
        report.summary_lines())
    assert load_catalog(tmp_path / "catalog").origins["upr-2020"] == "bundled"


def test_a_derived_key_avoids_other_project_files_and_is_stable(tmp_path: Path):
    folder = tmp_path / "catalog"
    folder.mkdir()
    theirs = json.loads(dumps_document(Document.model_validate({
        "key": "a-hrc-46-15", "symbol": "LOCAL/1", "title": "Mine", "mechanism": "local", "body": "City",
        "document_type": "local", "date": "2024", "recommendations": [],
    })))
    write_json(folder / "mine.json", theirs)
    report = import_records(tmp_path, [record()])
    assert report.documents[0].document.key == "uhri-a-hrc-46-15"
    again = import_records(tmp_path, [record()], force=True)
    assert again.documents[0].document.key == "uhri-a-hrc-46-15"
    assert len(load_catalog(folder).documents) == len(load_catalog().documents) + 2


def test_key_with_several_symbols_is_an_error(tmp_path: Path):
    with pytest.raises(UserError, match=r"--key works only for an export of one document; this one has 2"):
        import_records(tmp_path, [record(), record(document_symbol="A/HRC/30/12")], key="mine")


def test_several_symbols_give_several_files(tmp_path: Path):
    report = import_records(tmp_path, [record(), record(document_symbol="A/HRC/30/12", document_publication_date="42300")])
    assert [p.name for p in report.written] == ["a-hrc-46-15.json", "a-hrc-30-12.json"]
    assert [item.document.date for item in report.documents] == ["2020-12-15", "2015-10-23"]


def test_an_existing_file_stops_the_whole_import_before_anything_is_written(tmp_path: Path):
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "a-hrc-30-12.json").write_text("{}", encoding="utf-8")
    with pytest.raises(UserError, match="a-hrc-30-12.json already exists"):
        import_records(tmp_path, [record(), record(document_symbol="A/HRC/30/12")])
    assert sorted(p.name for p in folder.iterdir()) == ["a-hrc-30-12.json"]


# --- malformed exports ---------------------------------------------------------------------------


def error_of(tmp_path: Path, content: str | bytes, name: str = "export.json") -> UserError:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    with pytest.raises(UserError) as caught:
        import_export(path, tmp_path / "catalog")
    assert not (tmp_path / "catalog").exists()
    return caught.value


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"Text": "26.1 x"', "not JSON"),
        ('"just a string"', "not a list of records"),
        ('{"Count": 2}', "without a list of records"),
        ("[]", "holds no records"),
        ("[1]", "record 1: not an object"),
    ],
)
def test_malformed_json(tmp_path: Path, content: str, message: str):
    assert message in error_of(tmp_path, content).message


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": None}, "record 2: missing 'Text'"),
        ({"text": "   "}, "record 2: missing 'Text'"),
        ({"document_symbol": None}, "record 2: missing 'Document Symbol'"),
        ({"upr_position": "- Accepted"}, "record 2: unrecognised UPR Position 'Accepted'"),
        ({"sdgs": "- PEACE"}, "record 2: unrecognised SDG 'PEACE'"),
        ({"sdgs": "- 18 - NO SUCH GOAL"}, "record 2: unrecognised SDG"),
    ],
)
def test_malformed_records_name_the_record(tmp_path: Path, changes: dict[str, Any], message: str):
    content = json.dumps([record(), record(**{"text": "26.2 Second (Ghana);", **changes})])
    assert message in error_of(tmp_path, content).message


def test_a_document_without_a_date_is_an_error(tmp_path: Path):
    content = json.dumps([record(document_publication_date=None)])
    assert "A/HRC/46/15: no record has a Document Publication Date" in error_of(tmp_path, content).message
    content = json.dumps([record(document_publication_date="15 December")])
    assert "unrecognised Document Publication Date '15 December'" in error_of(tmp_path, content).message


def test_malformed_xlsx(tmp_path: Path):
    workbook = Workbook()
    workbook.active.append(["Recommendation", "Symbol?"])
    workbook.active.append(["26.1 x", "A/HRC/46/15"])
    workbook.save(tmp_path / "wrong.xlsx")
    with pytest.raises(UserError, match=r"has no UHRI header row \(no 'Text' or 'Document Symbol' column\)"):
        import_export(tmp_path / "wrong.xlsx", tmp_path / "catalog")
    path = write_uhri_xlsx(tmp_path / "gap.xlsx", [record(), record(text=None)])
    with pytest.raises(UserError, match=r"record 2 \(row 3\): missing 'Text'"):
        import_export(path, tmp_path / "catalog")
    assert "not a readable Excel workbook" in error_of(tmp_path, b"not a zip", "broken.xlsx").message


def test_unsupported_file_type(tmp_path: Path):
    assert "expected a .xlsx or .json file" in error_of(tmp_path, "Text,Symbol\n", "export.csv").message


def test_all_records_skipped_is_an_error(tmp_path: Path):
    content = json.dumps([record(text="No number here (Somalia);")])
    assert "no record could be imported (record 1: no paragraph number" in error_of(tmp_path, content).message
