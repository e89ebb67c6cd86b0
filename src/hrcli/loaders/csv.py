"""CSV and XLSX tables as exported by KoboToolbox, ODK, Google Forms and spreadsheets.

Encodings: UTF-8 (with or without BOM), then Windows-1252, which Excel on Windows writes and which
decodes any byte. Delimiter: sniffed among comma, semicolon and tab. Each record keeps the
physical line it starts on, so messages point at the right line even when quoted cells span lines.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from hrcli.exceptions import UserError

DELIMITERS = ",;\t"


@dataclass
class Record:
    """One data row: its 1-based line (CSV) or row number (XLSX) and its cells by header."""

    line: int
    values: dict[str, str]


@dataclass
class Table:
    path: Path
    headers: list[str]
    records: list[Record] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","
    # Rows whose cell count differs from the header: (line, cell count).
    ragged: list[tuple[int, int]] = field(default_factory=list)


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name of a CSV file's bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = text.split("\n", 1)[0]
        return max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","


def read_csv_records(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror}") from None
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = [h.strip() for h in next(reader)]
    except StopIteration:
        raise UserError(f"{path}: the file is empty", hint="the first line must name the columns") from None
    except csv.Error as error:
        raise UserError(f"{path}:1: not a readable CSV file: {error}") from None
    table = Table(path, headers, encoding=encoding, delimiter=delimiter)
    start = reader.line_num + 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                if len(row) != len(headers):
                    table.ragged.append((start, len(row)))
                values = {h: (row[i] if i < len(row) else "") for i, h in enumerate(headers) if h}
                table.records.append(Record(start, values))
            start = reader.line_num + 1
    except csv.Error as error:
        raise UserError(f"{path}:{start}: not a readable CSV file: {error}") from None
    return table


def open_workbook(path: Path):  # noqa: ANN201 - an openpyxl Workbook
    """A workbook opened read-only for its values; UserError for anything openpyxl cannot read."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise UserError("reading .xlsx files needs openpyxl", hint="pip install openpyxl") from None
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types for bad files
        raise UserError(f"{path}: not a readable Excel workbook ({type(error).__name__})") from None


def read_xlsx_records(path: Path) -> Table:
    """The first sheet of a workbook (KoboToolbox puts the main table first)."""
    workbook = open_workbook(path)
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        headers = [str(h).strip() if h is not None else "" for h in next(rows)]
    except StopIteration:
        raise UserError(f"{path}: the first sheet is empty") from None
    table = Table(path, headers, encoding="xlsx", delimiter="")
    for number, row in enumerate(rows, start=2):
        cells = ["" if v is None else _cell_text(v) for v in row]
        if any(c.strip() for c in cells):
            table.records.append(Record(number, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers) if h}))
    workbook.close()
    return table


def _cell_text(value: object) -> str:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_table(path: Path) -> Table:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx_records(path)
    return read_csv_records(path)
