"""Import an OHCHR Universal Human Rights Index (UHRI) export into a project's catalog folder.

UHRI (uhri.ohchr.org) exports a search result as an Excel workbook ("Export to Excel": one sheet
``UHRISearchResult`` with 16 columns) or as JSON. Both are read here into the catalog format of
:mod:`hrcli.catalog.model`, one file per document symbol. The layouts are described in the catalog
sources' ``metadata/UHRI_export_format.md``; the quirks handled below come from real exports:

* OHCHR's own header spellings ("Reccomending Body", "UPR Reccomending States"); the correct
  spelling "Recommending" is accepted too, and headers match case-, space- and
  punctuation-insensitively, so the JSON export's ``UprRecommendingCountry`` style also maps.
* Cells with ``"- "`` prefixes, list cells with one ``"- item"`` per line, sometimes ``"-  item"``
  (two spaces) or trailing spaces; a footnote asterisk after a State name (``State of Palestine*``).
* Dates as Excel serial numbers (also as strings, in JSON converted from the workbook), or ISO.
* A declared table range (and possibly a sheet dimension) that does not match the data: the sheet's
  rows are read as they are, never the table ``ref``.

Decisions (documented for users in ``summary_lines`` and the written file's ``coverage``):

* **Keys.** The default key is a slug of the symbol (``A/HRC/46/15`` -> ``a-hrc-46-15``): unique per
  symbol, independent of dates and countries, and predictable. A derived key already used by a
  bundled document or by another file in the project's catalog is never reused (``load_catalog``
  refuses duplicates, and silently shadowing a bundled document would be worse): the importer
  switches to ``uhri-<slug>`` (then ``uhri-<slug>-2`` ...) and says so. An explicit ``--key`` that is
  taken is an error instead, since the user chose it.
* **Paragraph numbers** come only from the leading number of ``Text`` (``26.1 ...``, ``4.The ...``,
  ``15 (b) ...``). A record without one is **skipped** with a reason: a made-up sequential number
  would give a citable id that points at the wrong paragraph of the real document.
* **Cut-off records** (a JSON record lacking fields that the other records have, like row 26.7 of the
  A/HRC/46/15 sample) are imported with what they have, and the missing fields are reported.
  Malformed, a UserError naming the record: no ``Text`` or ``Document Symbol``, a position or SDG
  that is not recognised (and, for the whole file: not JSON, no list of records, no xlsx headers).
* **Duplicates**: a second record with the same paragraph (and sub-paragraph) in the same document
  is skipped with a reason naming the first.
* **UPR attributions**: the last parenthesised group of a UPR text is the "(State);" attribution and
  is removed (the States go to ``recommending_states``, from the States column when it has them).
  Groups before it are removed only if they name States of that column, so "... (the Paris
  Principles) (Philippines);" keeps its own parenthesis. Treaty-body texts are kept whole.
* **Values**: list items are kept as printed after trimming the dash and spaces (themes outside the
  vocabulary are `hrcli check`'s business); a State's footnote asterisk is dropped; SDG goals and
  targets become goal numbers, sorted; ``position_source`` is "UHRI export".
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hrcli.catalog.model import (
    KEY_PATTERN,
    Document,
    DocumentType,
    EntryKind,
    Mechanism,
    Position,
    make_id,
)
from hrcli.exceptions import UserError
from hrcli.fsutil import replace_file, write_new

__all__ = [
    "ExportRecord",
    "ImportReport",
    "ImportedDocument",
    "SkippedRecord",
    "build_documents",
    "derive_key",
    "dumps_document",
    "import_export",
    "read_export",
    "slugify_symbol",
]

SHEET_NAME = "UHRISearchResult"
POSITION_SOURCE = "UHRI export"

# Canonical field -> header names as OHCHR spells them (xlsx first, then the full JSON export's).
# The first name is the one used in messages. Matching ignores case, spaces and punctuation.
FIELD_HEADERS: dict[str, tuple[str, ...]] = {
    "text": ("Text",),
    "symbol": ("Document Symbol", "Symbol"),
    "countries": ("Countries Concerned", "Countries"),
    "body": ("Reccomending Body", "Recommending Body", "Body"),
    "themes": ("Themes",),
    "affected_persons": ("Affected Persons",),
    "sdgs": ("Sdgs",),
    "date": ("Document Publication Date", "PublicationDate"),
    "states": (
        "UPR Reccomending States",
        "UPR Recommending States",
        "UprRecommendingCountry",
        "UprRecommendingCountries",
    ),
    "position": ("UPR Position", "UprPositions"),
    "type": ("Type", "AnnotationType"),
    "annotation_id": ("OHCHR Annotation Id", "AnnotationId"),
    "session": ("UPR Session", "UprSession"),
    "cycle": ("UPR Cycle", "UprCycle"),
    "regions": ("Regions Concerned", "Regions"),
    "recommending_regions": ("Recommending Regions", "UprRecommendingRegions"),
    "uhri_date": ("Date of publication on UHRI", "PublicationDateOnUhri"),
    "document_id": ("Document Id",),
}
REQUIRED_FIELDS = ("text", "symbol")


def _header_key(name: str) -> str:
    """'UPR Reccomending States', 'upr reccomending  states ', 'UprRecommendingStates' all alike."""
    return re.sub(r"[^0-9a-z]", "", name.casefold())


_HEADER_TO_FIELD: dict[str, str] = {
    _header_key(name): canonical for canonical, names in FIELD_HEADERS.items() for name in names
}
# Plural/singular variants seen between the xlsx and JSON exports ("UprPositions", "UprPosition").
_HEADER_TO_FIELD.setdefault("uprposition", "position")


def _label(canonical: str) -> str:
    return FIELD_HEADERS[canonical][0]


# --- reading the export -----------------------------------------------------------------------


@dataclass(frozen=True)
class ExportRecord:
    """One row (xlsx) or object (JSON) of an export, with its fields under canonical names."""

    number: int  # 1-based position among the export's records (data rows for xlsx)
    where: str  # "record 7" or "record 7 (row 8)", for messages
    fields: dict[str, Any]  # canonical field -> raw value; None or absent when empty
    missing: tuple[str, ...] = ()  # headers other records have and this one lacks (cut off)

    def get(self, canonical: str) -> Any:
        """The raw value of a field, or None."""
        return self.fields.get(canonical)


def read_export(path: Path) -> list[ExportRecord]:
    """Read a UHRI export (.xlsx or .json) into records; UserError if it is not one."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix == ".json":
        return _read_json(path)
    raise UserError(
        f"{path}: not a UHRI export (expected a .xlsx or .json file)",
        hint="export the search result from uhri.ohchr.org with 'Export to Excel' or as JSON",
    )


def _decode(raw: bytes) -> str:
    # Windows PowerShell writes JSON as UTF-16 with a byte-order mark, and others add a UTF-8 BOM.
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    return raw.decode("utf-8-sig")


def _read_json(path: Path) -> list[ExportRecord]:
    from hrcli.loaders.text import read_user_text

    text = read_user_text(path, _decode)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError(
            f"{path}:{error.lineno}:{error.colno}: not JSON: {error.msg}",
            hint="pass the file UHRI exported, unchanged",
        ) from None
    items = _json_record_list(path, data)
    rows: list[tuple[dict[str, Any], dict[str, str]]] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise UserError(f"{path}: record {number}: not an object but {type(item).__name__}")
        fields: dict[str, Any] = {}
        headers: dict[str, str] = {}  # canonical field -> the name this record uses for it
        for name, value in item.items():
            canonical = _HEADER_TO_FIELD.get(_header_key(str(name)))
            if canonical is None:
                continue  # a field this importer has no use for (regions, document id ...)
            headers.setdefault(canonical, str(name))
            if fields.get(canonical) in (None, "", []):
                fields[canonical] = value
        rows.append((fields, headers))
    return _with_cut_off_marks(rows)


def _json_record_list(path: Path, data: Any) -> list[Any]:
    """The list of records: the top level, or the one list of objects inside a top-level object."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        # PowerShell's ConvertTo-Json turns a one-element array into a bare object.
        if any(_HEADER_TO_FIELD.get(_header_key(str(k))) == "text" for k in data):
            return [data]
        lists = [
            key for key, value in data.items()
            if isinstance(value, list) and all(isinstance(item, dict) for item in value)
        ]
        if len(lists) == 1:
            return data[lists[0]]  # e.g. {"value": [...], "Count": 347} from PowerShell
        if not lists:
            raise UserError(
                f"{path}: not a UHRI export: a JSON object without a list of records",
                hint="the file should hold a list of records with 'Text' and 'Document Symbol'",
            )
        raise UserError(
            f"{path}: not a UHRI export: several lists of records ({', '.join(map(repr, lists))})",
            hint="keep only the list of UHRI records in the file",
        )
    raise UserError(
        f"{path}: not a UHRI export: the JSON holds a {type(data).__name__}, not a list of records",
        hint="the file should hold a list of records with 'Text' and 'Document Symbol'",
    )


def _with_cut_off_marks(rows: list[tuple[dict[str, Any], dict[str, str]]]) -> list[ExportRecord]:
    """Records, each noting the fields other records of the export have and it lacks.

    Why: an export printed or copied only in part (the A/HRC/46/15 sample's 26.7 stops after
    'UPR Position') is still usable, but the user should know which entries are thin.
    """
    seen: dict[str, str] = {}
    for _, headers in rows:
        for canonical, name in headers.items():
            seen.setdefault(canonical, name)
    return [
        ExportRecord(
            number,
            f"record {number}",
            fields,
            tuple(name for canonical, name in seen.items() if canonical not in headers),
        )
        for number, (fields, headers) in enumerate(rows, start=1)
    ]


def _read_xlsx(path: Path) -> list[ExportRecord]:
    from hrcli.loaders.csv import open_workbook

    workbook = open_workbook(path)
    try:
        sheet = next(
            (ws for ws in workbook.worksheets if ws.title.casefold() == SHEET_NAME.casefold()),
            workbook.worksheets[0],
        )
        # The declared dimension, like the table's ref, may be wrong: read the rows that are there.
        # (In read-only mode openpyxl stops at, or pads up to, the declared last row.)
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
        epoch = getattr(workbook, "epoch", None)
        return _xlsx_records(path, sheet.title, sheet.iter_rows(values_only=True), epoch)
    finally:
        workbook.close()


def _xlsx_records(
    path: Path, sheet_name: str, rows: Iterable[Sequence[Any]], epoch: dt.datetime | None
) -> list[ExportRecord]:
    rows = iter(rows)
    header_row, columns = 0, {}
    # UHRI puts the headers in row 1; a few rows of slack for a title added by hand.
    for header_row, row in enumerate(rows, start=1):
        columns = {}
        for index, value in enumerate(row):
            canonical = _HEADER_TO_FIELD.get(_header_key(str(value))) if value is not None else None
            if canonical is not None and canonical not in columns:
                columns[canonical] = index
        if all(name in columns for name in REQUIRED_FIELDS) or header_row >= 10:
            break
    absent = [_label(name) for name in REQUIRED_FIELDS if name not in columns]
    if absent:
        raise UserError(
            f"{path}: sheet {sheet_name!r} has no UHRI header row "
            f"(no {' or '.join(map(repr, absent))} column)",
            hint="pass the workbook from UHRI's 'Export to Excel' (sheet UHRISearchResult, "
            "columns Text, Countries Concerned, Reccomending Body, Document Symbol, ...)",
        )
    # Old Mac workbooks count days from 1904: shift their serials to the 1900 system.
    offset = 1462 if epoch is not None and epoch.year == 1904 else 0
    records: list[ExportRecord] = []
    for row_number, row in enumerate(rows, start=header_row + 1):
        if all(value is None or (isinstance(value, str) and not value.strip()) for value in row):
            continue  # blank rows below the data (Excel tables often reserve them)
        fields = {name: (row[index] if index < len(row) else None) for name, index in columns.items()}
        if offset:
            for name in ("date", "uhri_date"):
                if isinstance(fields.get(name), (int, float)):
                    fields[name] += offset
        number = row_number - header_row
        records.append(ExportRecord(number, f"record {number} (row {row_number})", fields))
    return records


# --- cell values -------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    """Collapse runs of white space (line breaks, no-break spaces) into one space and trim."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


def _clean_text(text: str) -> str:
    """A paragraph's text: spaces cleaned line by line, line breaks (sub-paragraphs) kept."""
    return "\n".join(line for line in map(_clean, text.splitlines()) if line)


def _cell_items(value: Any) -> list[str]:
    """The items of a list cell: '- a\\n-  b ' -> ['a', 'b']; a JSON list is taken item by item."""
    if value is None:
        return []
    raw: list[str] = []
    if isinstance(value, list):
        for item in value:
            if item is not None:
                raw.extend(str(item).splitlines() or [""])
    else:
        raw = str(value).splitlines()
    items: list[str] = []
    for line in raw:
        item = _clean(line)
        if item.startswith("-"):
            item = item[1:].strip()  # the "- " prefix, also "-  " with two spaces
        if item and item not in items:
            items.append(item)
    return items


def _cell_value(value: Any) -> str | None:
    """A single-value cell without its '- ' prefix (the first item if there are several)."""
    items = _cell_items(value)
    return items[0] if items else None


def _state_name(name: str) -> str:
    # UHRI keeps the footnote asterisk of the printed report ("State of Palestine*"); it is not
    # part of the name, and the bundled catalog (and the report's own attributions) have none.
    return name.rstrip("*").strip()


def _excel_serial_date(serial: float) -> dt.date:
    """Excel's 1900 date system, with its fictitious 29 February 1900 (serial 60)."""
    days = int(serial)  # the fraction is the time of day
    if days < 1 or days == 60:  # 60 is 29 February 1900, a day that never was
        raise ValueError(f"{serial} is not an Excel date")
    if days < 60:
        return dt.date(1899, 12, 31) + dt.timedelta(days=days)
    return dt.date(1899, 12, 30) + dt.timedelta(days=days)


def _parse_date(value: Any) -> str | None:
    """ISO date from an Excel serial (number or string), a datetime, or an ISO string."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _excel_serial_date(value).isoformat()
    text = _cell_value(value) or ""
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _excel_serial_date(float(text)).isoformat()
    match = re.match(r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$", text)
    if match:
        return dt.date.fromisoformat(match[1]).isoformat()
    raise ValueError(text)


# "16 - PEACE, JUSTICE ...", "16.3 - Promote ...", "16.a - ...", also "SDG 16".
_SDG = re.compile(
    r"^(?:SDG\s*)?(?P<goal>\d{1,2})(?:\.[0-9a-z]{1,2})?(?:\s*[-–:]\s*|\s*$)", re.IGNORECASE
)


def _parse_sdgs(value: Any, where: str) -> list[int]:
    """Goal numbers from goals ('16 - PEACE, ...') or targets ('16.3 - Promote ...'), sorted."""
    goals: set[int] = set()
    for item in _cell_items(value):
        match = _SDG.match(item)
        goal = int(match["goal"]) if match else 0
        if not 1 <= goal <= 17:
            raise UserError(
                f"{where}: unrecognised SDG {item!r}",
                hint="SDGs look like '16 - PEACE, JUSTICE ...' (goals) or '16.3 - ...' (targets)",
            )
        goals.add(goal)
    return sorted(goals)  # UHRI's order is arbitrary (26.5: 11, 16, 5, 13); compare as sets


_POSITIONS = {
    "supported": Position.SUPPORTED,
    "noted": Position.NOTED,
    "supported/noted": Position.SUPPORTED_IN_PART,
    "supportedinpart": Position.SUPPORTED_IN_PART,
    "partiallysupported": Position.SUPPORTED_IN_PART,
}


def _parse_position(value: Any, where: str) -> Position | None:
    found: set[Position] = set()
    for item in _cell_items(value):
        key = re.sub(r"\s*/\s*", "/", item.casefold())
        position = _POSITIONS.get(key) or _POSITIONS.get(re.sub(r"[^a-z]", "", key))
        if position is None:
            raise UserError(
                f"{where}: unrecognised UPR Position {item!r}",
                hint="UHRI positions are '- Supported', '- Noted' or '- Supported/Noted'",
            )
        found.add(position)
    if not found:
        return None
    if len(found) == 1:
        return found.pop()
    return Position.SUPPORTED_IN_PART  # e.g. ["Supported", "Noted"] in a JSON list


# Body as UHRI prints it (casefolded) -> mechanism. Full names and the short forms UHRI uses.
_BODIES: dict[str, Mechanism] = {
    "upr": Mechanism.UPR,
    "universal periodic review": Mechanism.UPR,
    "ccpr": Mechanism.CCPR,
    "human rights committee": Mechanism.CCPR,
    "cerd": Mechanism.CERD,
    "committee on the elimination of racial discrimination": Mechanism.CERD,
    "cat": Mechanism.CAT,
    "committee against torture": Mechanism.CAT,
    "cescr": Mechanism.CESCR,
    "committee on economic, social and cultural rights": Mechanism.CESCR,
    "cedaw": Mechanism.CEDAW,
    "committee on the elimination of discrimination against women": Mechanism.CEDAW,
    "crc": Mechanism.CRC,
    "committee on the rights of the child": Mechanism.CRC,
    "crpd": Mechanism.CRPD,
    "committee on the rights of persons with disabilities": Mechanism.CRPD,
    "special procedures": Mechanism.SPECIAL_PROCEDURES,
}
_SPECIAL_PROCEDURE_PREFIXES = ("special rapporteur", "independent expert", "working group on")

_BODY_NAMES: dict[Mechanism, str] = {
    Mechanism.UPR: "Human Rights Council, Working Group on the Universal Periodic Review",
    Mechanism.CCPR: "Human Rights Committee",
    Mechanism.CERD: "Committee on the Elimination of Racial Discrimination",
    Mechanism.CAT: "Committee against Torture",
    Mechanism.CESCR: "Committee on Economic, Social and Cultural Rights",
    Mechanism.CEDAW: "Committee on the Elimination of Discrimination against Women",
    Mechanism.CRC: "Committee on the Rights of the Child",
    Mechanism.CRPD: "Committee on the Rights of Persons with Disabilities",
}
_TREATY_BODIES = frozenset(_BODY_NAMES) - {Mechanism.UPR}


def _mechanism(body: str | None) -> Mechanism:
    if not body:
        return Mechanism.OTHER
    name = _clean(body).casefold()
    if name in _BODIES:
        return _BODIES[name]
    if "universal periodic review" in name:
        return Mechanism.UPR
    if name.startswith(_SPECIAL_PROCEDURE_PREFIXES):
        return Mechanism.SPECIAL_PROCEDURES
    return Mechanism.OTHER


def _first_int(value: str | None) -> int | None:
    match = re.search(r"\d+", value or "")
    return int(match[0]) if match else None


def _upr_cycle(session: int) -> int:
    """UPR cycle of a Working Group session: 1-12 cycle 1, then 14 a cycle (13-26, 27-40, 41-54)."""
    return 1 if session <= 12 else 2 + (session - 13) // 14


# --- text: paragraph number and attribution ----------------------------------------------------

# "26.1 Consider", "4.The Committee" (the JSON export's CRC sample has no space), "15 (b) Ensure",
# "15. (b) Ensure". The number must be followed by a space, "(" or a letter, so "26.1st" or "1990s"
# are not taken for paragraph numbers.
_LEADING = re.compile(
    r"^(?P<para>\d+(?:\.\d+)*)\.?(?=[\s(]|[^\W\d_]|$)\s*(?:\((?P<sub>[a-z]{1,3})\)\.?\s*)?"
)


def _split_leading_number(text: str) -> tuple[str, str | None, str] | None:
    """(paragraph, sub-paragraph, rest) from a text that starts with its number, else None."""
    match = _LEADING.match(text)
    if not match:
        return None
    return match["para"], match["sub"], text[match.end():].strip()


def _trailing_groups(text: str) -> list[tuple[int, str]]:
    """Parenthesised groups at the very end of a text, last first, as (start index, inner text).

    Balanced, so "(Venezuela (Bolivarian Republic of));" is one group.
    """
    groups: list[tuple[int, str]] = []
    end = len(text.rstrip().rstrip(";.").rstrip())
    while end > 0 and text[end - 1] == ")":
        depth, index = 0, end - 1
        while index >= 0:
            if text[index] == ")":
                depth += 1
            elif text[index] == "(":
                depth -= 1
                if depth == 0:
                    break
            index -= 1
        if index < 0:
            break  # unbalanced: leave the text alone
        groups.append((index, text[index + 1:end - 1]))
        end = len(text[:index].rstrip())
    return groups


def _normal_name(name: str) -> str:
    return _clean(_state_name(name)).casefold()


def _strip_attribution(text: str, states: list[str]) -> tuple[str, list[str]]:
    """UPR text without its trailing '(State);' attribution, and the States it names.

    The last group before the final ';' or '.' is always the attribution in a UPR report. Groups
    before it are attributions too only if they name States of the record's 'UPR Reccomending
    States', so a text ending "... (the Paris Principles) (Philippines);" keeps its own parenthesis.
    """
    groups = _trailing_groups(text)
    if not groups:
        return text.rstrip().rstrip(";").rstrip(), []
    known = {_normal_name(state) for state in states}
    cut, named = groups[0][0], _group_states(groups[0][1])
    for start, inner in groups[1:]:
        names = _group_states(inner)
        if not known or not all(_normal_name(n) in known for n in names):
            break
        cut, named = start, names + named
    stripped = text[:cut].rstrip().rstrip(";,").rstrip()
    return stripped, named


def _group_states(inner: str) -> list[str]:
    return [_state_name(_clean(part)) for part in inner.split(";") if _clean(part)]


# --- building documents ------------------------------------------------------------------------


@dataclass(frozen=True)
class SkippedRecord:
    """A record that was not imported, and why."""

    where: str
    reason: str


@dataclass
class ImportedDocument:
    """One document built from the export, and where it goes."""

    document: Document
    path: Path
    key_note: str | None = None  # why the key is not the derived one
    notes: list[str] = field(default_factory=list)  # incomplete records, shared symbols
    existed: bool = False  # the file was there before (replaced with --force)

    def position_counts(self) -> Counter[str]:
        """Entries by position value, 'unknown' for entries without one."""
        return Counter(
            rec.position.value if rec.position else "unknown" for rec in self.document.recommendations
        )


@dataclass
class ImportReport:
    """What an import did (or, with dry_run, would do)."""

    source: Path
    documents: list[ImportedDocument]
    skipped: list[SkippedRecord]
    dry_run: bool = False
    written: list[Path] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        """Per document: key, symbol, file, entries and positions; then notes and skipped records."""
        lines: list[str] = []
        for item in self.documents:
            doc = item.document
            counts = item.position_counts()
            positions = ", ".join(f"{counts.get(p.value, 0)} {p.value}" for p in Position)
            if counts.get("unknown"):
                positions += f", {counts['unknown']} without position"
            verb = ("would replace" if item.existed else "would write") if self.dry_run else (
                "replaced" if item.existed else "wrote")
            lines.append(
                f"{verb} {doc.key} ({doc.symbol}) in {item.path}: "
                f"{len(doc.recommendations)} entries ({positions})"
            )
            if item.key_note:
                lines.append(f"  key: {item.key_note}")
            lines.extend(f"  note: {note}" for note in item.notes)
        for skipped in self.skipped:
            lines.append(f"skipped {skipped.where}: {skipped.reason}")
        if self.dry_run:
            lines.append("dry run: nothing was written")
        return lines


@dataclass
class _Entry:
    record: ExportRecord
    data: dict[str, Any]


@dataclass
class _Group:
    symbol: str
    records: list[ExportRecord] = field(default_factory=list)


def slugify_symbol(symbol: str) -> str:
    """A key from a document symbol: 'A/HRC/46/15' -> 'a-hrc-46-15', 'CRC/C/PER/CO/6-7' -> 'crc-c-per-co-6-7'.

    Why the symbol and not 'upr-<year>' like the bundled keys: symbols are unique, while a year
    (or mechanism and year) is shared by every country reviewed that year.
    """
    ascii_only = unicodedata.normalize("NFKD", symbol).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9.]+", "-", ascii_only.casefold()).strip("-.")
    slug = re.sub(r"-?\.-?", ".", slug)  # "Add. 1" -> "add.1"
    return slug or "uhri-document"


def derive_key(symbol: str, taken: dict[str, str]) -> tuple[str, str | None]:
    """The key for a symbol, avoiding keys in ``taken`` (key -> who uses it); and why, if changed."""
    base = slugify_symbol(symbol)
    if base not in taken:
        return base, None
    candidate = base if base.startswith("uhri-") else f"uhri-{base}"
    number = 1
    while candidate in taken:
        number += 1
        candidate = f"uhri-{base.removeprefix('uhri-')}-{number}"
    return candidate, f"{base!r} is already used by {taken[base]}; using {candidate!r}"


def build_documents(
    records: Sequence[ExportRecord],
    *,
    source_file: str,
    catalog_folder: Path,
    key: str | None = None,
    taken: dict[str, str] | None = None,
    symbols: dict[str, str] | None = None,
) -> tuple[list[ImportedDocument], list[SkippedRecord]]:
    """Group records by symbol and build validated documents.

    ``taken`` maps keys already in use (bundled documents, other project files) to a description of
    their user; ``symbols`` maps casefolded symbols of existing documents to their keys (for notes).
    """
    taken = dict(taken or {})
    symbols = symbols or {}
    if not records:
        raise UserError(f"{source_file}: the export holds no records")
    groups: dict[str, _Group] = {}
    for record in records:
        text, symbol = record.get("text"), _cell_value(record.get("symbol"))
        for canonical, present in (("text", text is not None and _clean(str(text))), ("symbol", symbol)):
            if not present:
                raise UserError(
                    f"{source_file}: {record.where}: missing {_label(canonical)!r}",
                    hint="every UHRI record has a Text and a Document Symbol; pass the export unchanged",
                )
        assert symbol is not None  # checked just above
        groups.setdefault(symbol.casefold(), _Group(symbol)).records.append(record)
    if key is not None:
        if len(groups) != 1:
            listed = ", ".join(g.symbol for g in groups.values())
            raise UserError(
                f"--key works only for an export of one document; this one has {len(groups)} ({listed})",
                hint="leave out --key: each document gets a key derived from its symbol",
            )
        if not re.match(KEY_PATTERN, key):
            raise UserError(
                f"invalid key {key!r}", hint="use lower-case letters, digits, '.' and '-', e.g. a-hrc-46-15"
            )
        if key in taken:
            # The user chose this key: changing it behind their back would be worse than stopping.
            raise UserError(f"key {key!r} is already used by {taken[key]}", hint="choose another --key")
    documents: list[ImportedDocument] = []
    skipped: list[SkippedRecord] = []
    for group in groups.values():
        doc_key, key_note = (key, None) if key else derive_key(group.symbol, taken)
        taken[doc_key] = f"{group.symbol} in this export"
        document, notes, group_skipped = _build_document(group, doc_key, source_file)
        skipped.extend(group_skipped)
        if document is None:
            continue
        shared = symbols.get(group.symbol.casefold())
        if shared is not None:
            # The catalog resolves a symbol to the document that had it first (bundled ones
            # first), so "A/HRC/46/15 26.1" keeps meaning the bundled entry.
            notes.append(
                f"{group.symbol} is also the symbol of catalog document {shared}, which references "
                f"by symbol go to; cite the imported entries by key ({doc_key}:<paragraph>)"
            )
        path = catalog_folder / f"{doc_key}.json"
        documents.append(ImportedDocument(document, path, key_note, notes))
    return documents, skipped


def _build_document(
    group: _Group, key: str, source_file: str
) -> tuple[Document | None, list[str], list[SkippedRecord]]:
    entries: dict[tuple[str, str | None], _Entry] = {}
    skipped: list[SkippedRecord] = []
    notes: list[str] = []
    incomplete: list[str] = []

    def first_value(canonical: str) -> Any:
        # Document-level facts (body, date, session) from the first record that has them: a
        # cut-off record may lack them, and records of one symbol agree on them in real exports.
        return next((r.get(canonical) for r in group.records if _cell_items(r.get(canonical))), None)

    mechanism = _mechanism(_cell_value(first_value("body")))
    for record in group.records:
        entry = _entry(record, key, mechanism, source_file)
        if isinstance(entry, SkippedRecord):
            skipped.append(entry)
            continue
        label = (entry["paragraph"], entry.get("subparagraph"))
        if label in entries:
            earlier = entries[label].record
            kept = entries[label].data
            same = (entry["annotation_id"] and entry["annotation_id"] == kept["annotation_id"]) or (
                entry["text"] == kept["text"])
            what = "a duplicate of" if same else "the same paragraph as"
            reason = f"{entry['id']} is {what} {earlier.where}; kept the first"
            skipped.append(SkippedRecord(record.where, reason))
            continue
        entries[label] = _Entry(record, entry)
        if record.missing:
            incomplete.append(f"{record.where} ({entry['id']}) lacks {', '.join(record.missing)}")
    if not entries:
        return None, notes, skipped
    for line in incomplete:
        notes.append(f"{line}: the export was cut off there; imported with the fields it has")

    raw_date = first_value("date")
    try:
        date = _parse_date(raw_date)
    except ValueError:
        raise UserError(
            f"{source_file}: {group.symbol}: unrecognised Document Publication Date {str(raw_date)!r}",
            hint="UHRI writes it as an Excel date (a serial number like 44180) or ISO (2020-12-15)",
        ) from None
    if date is None:
        raise UserError(
            f"{source_file}: {group.symbol}: no record has a Document Publication Date",
            hint="the catalog needs the document's date; export the records with that column",
        )
    session_text = _cell_value(first_value("session"))
    session_number = _first_int(session_text)
    cycle = _first_int(_cell_value(first_value("cycle")))
    session: str | None = session_text
    if mechanism is Mechanism.UPR and session_number is not None:
        session = f"UPR WG {session_number}"  # as the bundled documents write it
        cycle = cycle or _upr_cycle(session_number)
    elif mechanism is not Mechanism.UPR:
        cycle = None
    country = _cell_value(first_value("countries"))
    body_printed = _cell_value(first_value("body"))
    if mechanism is Mechanism.UPR:
        document_type = DocumentType.WORKING_GROUP_REPORT
    elif mechanism in _TREATY_BODIES or "/CO/" in group.symbol.upper():
        document_type = DocumentType.CONCLUDING_OBSERVATIONS
    else:
        document_type = DocumentType.OTHER
    if mechanism is Mechanism.UPR and country and re.fullmatch(r"A/HRC/\d+/\d+", group.symbol):
        # Every UPR Working Group report carries this title; the export has no title column.
        title = f"Report of the Working Group on the Universal Periodic Review: {country}"
    else:
        title = f"UHRI export: {group.symbol}"
    # Paragraph order, numerically (26.9 before 26.10), whatever order the export is sorted in.
    ordered = sorted(
        entries.values(),
        key=lambda e: (_paragraph_sort_key(e.data["paragraph"]), e.data["subparagraph"] or ""),
    )
    labels = [e.data["id"].split(":", 1)[1] for e in ordered]
    coverage = (
        f"Imported from the UHRI export {source_file}: {len(ordered)} of {len(group.records)} records "
        f"({labels[0]}-{labels[-1]})"
        + (f"; {len(skipped)} skipped" if skipped else "")
        + ("; texts lack the trailing '(State);' of the printed report (see recommending_states)"
           if mechanism is Mechanism.UPR else "")
        + (f"; {len(incomplete)} cut-off record(s) imported with the fields they have"
           if incomplete else "")
        + "."
    )
    data: dict[str, Any] = {
        "key": key,
        "symbol": group.symbol,
        "title": title,
        "mechanism": mechanism.value,
        "body": _BODY_NAMES.get(mechanism, body_printed or "unknown"),
        "document_type": document_type.value,
        "cycle": cycle,
        "session": session,
        "date": date,
        "coverage": coverage,
        "sources": [
            {"file": source_file, "description": "OHCHR Universal Human Rights Index (UHRI) export"}
        ],
        "recommendations": [e.data for e in ordered],
    }
    if country:
        data["country"] = country
    else:
        notes.append("the export names no country concerned; the catalog's default country is used")
    try:
        document = Document.model_validate(data)
    except ValidationError as error:
        first_error = error.errors()[0]
        loc = first_error["loc"]
        where = group.symbol
        if len(loc) >= 2 and loc[0] == "recommendations" and isinstance(loc[1], int):
            where = ordered[loc[1]].record.where
            loc = loc[2:]
        raise UserError(
            f"{source_file}: {where}: {'.'.join(map(str, loc)) or 'document'}: {first_error['msg']}",
            hint="the export does not fit the catalog format; report this with the record",
        ) from None
    return document, notes, skipped


def _paragraph_sort_key(paragraph: str) -> tuple[int, ...]:
    return tuple(int(part) for part in paragraph.split("."))


def _entry(
    record: ExportRecord, key: str, mechanism: Mechanism, source_file: str
) -> dict[str, Any] | SkippedRecord:
    """One catalog entry (as data for the model) from a record, or why it is skipped."""
    text = _clean_text(str(record.get("text")))
    split = _split_leading_number(text)
    if split is None:
        flat = _clean(text)
        preview = flat if len(flat) <= 60 else flat[:57] + "..."
        return SkippedRecord(
            record.where,
            f"no paragraph number at the start of Text ({preview!r}); an invented number would cite "
            "the wrong paragraph",
        )
    paragraph, subparagraph, rest = split
    states = [_state_name(s) for s in _cell_items(record.get("states"))]
    if mechanism is Mechanism.UPR:
        rest, named = _strip_attribution(rest, states)
        states = states or named  # the column is authoritative; the text's attribution if it is empty
    if not rest:
        reason = f"Text has no wording besides the paragraph number {paragraph!r}"
        return SkippedRecord(record.where, reason)
    record_type = _cell_value(record.get("type"))
    # UHRI types: "Recommendations", "Concerns/Observations", ...; none (cut off): a recommendation.
    is_other = record_type is not None and "recommendation" not in record_type.casefold()
    kind = EntryKind.PARAGRAPH if is_other else EntryKind.RECOMMENDATION
    where = f"{source_file}: {record.where}"
    position = _parse_position(record.get("position"), where)
    return {
        "id": make_id(key, paragraph, subparagraph),
        "paragraph": paragraph,
        "subparagraph": subparagraph,
        "kind": kind.value,
        "text": rest,
        "recommending_states": states,
        "position": position.value if position else None,
        "position_source": POSITION_SOURCE if position else None,
        "themes": _cell_items(record.get("themes")),
        "sdgs": _parse_sdgs(record.get("sdgs"), where),
        "affected_persons": _cell_items(record.get("affected_persons")),
        "annotation_id": _cell_value(record.get("annotation_id")),
        "source_file": source_file,
    }


# --- writing -----------------------------------------------------------------------------------


def dumps_document(document: Document) -> str:
    """The file content for a document: deterministic JSON, like the bundled catalog's.

    ``format_version`` and ``country`` are written even at their defaults: a user's file should say
    which format it is in and whose recommendations it holds.
    """
    data = document.model_dump(mode="json", exclude_defaults=True)
    ordered = {"format_version": document.format_version, **data}
    ordered.setdefault("country", document.country)
    # Keep the model's field order (country after date), whatever exclude_defaults left out.
    fields = list(Document.model_fields)
    ordered = {name: ordered[name] for name in fields if name in ordered}
    return json.dumps(ordered, ensure_ascii=False, indent=1) + "\n"


@dataclass(frozen=True)
class _KnownDocument:
    key: str
    symbol: str | None
    owner: str  # "a bundled catalog document" or the file's path
    path: Path | None  # the project file, None for bundled documents


def _known_documents(catalog_folder: Path) -> list[_KnownDocument]:
    """The bundled documents, then the key and symbol of each file in the project's catalog folder.

    The project's files are read leniently: an invalid file is `hrcli check`'s business, and it
    should not stop the import of something else.
    """
    from hrcli.catalog.store import PROJECT_CATALOG_SUFFIXES, load_catalog

    known = [
        _KnownDocument(doc.key, doc.symbol, "a bundled catalog document", None)
        for doc in load_catalog(None).documents  # no project folder: the bundled documents only
    ]
    if catalog_folder.is_dir():
        for path in sorted(catalog_folder.iterdir()):
            if path.suffix.lower() not in PROJECT_CATALOG_SUFFIXES or not path.is_file():
                continue
            data = _lenient_load(path)
            if isinstance(data, dict) and isinstance(data.get("key"), str):
                symbol = data.get("symbol")
                known.append(_KnownDocument(data["key"], symbol if isinstance(symbol, str) else None, str(path), path))
    return known


def _lenient_load(path: Path) -> Any:
    try:
        if path.suffix.lower() == ".json":
            return json.loads(path.read_bytes())
        from hrcli.loaders.yaml import load_yaml_file

        return load_yaml_file(path)
    except Exception:  # noqa: BLE001 - see _keys_in_use: unreadable files are not ours to judge
        return None


def import_export(
    file: Path,
    catalog_folder: Path,
    *,
    key: str | None = None,
    dry_run: bool = False,
    force: bool = False,
) -> ImportReport:
    """Import a UHRI export into ``catalog_folder``: one ``<key>.json`` file per document symbol.

    Never overwrites a file unless ``force``; with ``dry_run`` writes nothing. All files are checked
    before any is written, so a refused import leaves the folder as it was.
    """
    records = read_export(file)
    taken: dict[str, str] = {}
    symbols: dict[str, str] = {}
    for known in _known_documents(catalog_folder):
        if known.path is not None and known.path.name == f"{known.key}.json":
            # A file this import may replace (an earlier import) does not block its own key:
            # re-running with --force must give the same key and file, not a "uhri-" one.
            continue
        taken.setdefault(known.key, known.owner)
        if known.symbol:
            where = "bundled" if known.path is None else known.path.name
            symbols.setdefault(known.symbol.casefold(), f"{known.key} ({where})")
    documents, skipped = build_documents(
        records, source_file=file.name, catalog_folder=catalog_folder, key=key, taken=taken, symbols=symbols
    )
    if not documents:
        reasons = "; ".join(f"{s.where}: {s.reason}" for s in skipped[:3])
        raise UserError(f"{file}: no record could be imported ({reasons})")
    existing = [item.path for item in documents if item.path.exists()]
    for item in documents:
        item.existed = item.path.exists()
    if existing and not force:
        raise UserError(
            f"{existing[0]} already exists" + (f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""),
            hint="pass --force to replace it with this import",
        )
    report = ImportReport(file, documents, skipped, dry_run=dry_run)
    if dry_run:
        return report
    for item in documents:
        content = dumps_document(item.document)
        if item.existed:
            replace_file(item.path, content)
        else:
            write_new(item.path, content)
        report.written.append(item.path)
    return report
