"""The testimony format as flat columns, for CSV files and spreadsheet or form imports.

Nested fields become dotted columns (``consent.scope``); lists are cells with items separated by
";" (or line breaks); one quote per row (``quote.text``, ...); booleans accept yes/no, true/false,
1/0.
"""

from __future__ import annotations

import re
from typing import Any

LIST_COLUMNS = ("narrator.groups", "themes", "recommendations", "agencies", "evidence")
BOOLEAN_COLUMNS = ("consent.un_submission", "narrator.private")
COLUMNS = (
    "id",
    "title",
    "kind",
    "date",
    "period.start",
    "period.end",
    "collected.on",
    "collected.by",
    "collected.method",
    "location.area",
    "narrator.pseudonym",
    "narrator.name",
    "narrator.contact",
    "narrator.private",
    "narrator.groups",
    "consent.scope",
    "consent.un_submission",
    "consent.obtained",
    "consent.method",
    "consent.withdrawn",
    "themes",
    "recommendations",
    "agencies",
    "summary",
    "quote.text",
    "quote.language",
    "quote.translation",
    "evidence",
    "origin.source",
    "origin.key",
)
TRUE_WORDS = {"yes", "y", "true", "1", "si", "sí", "oui"}
FALSE_WORDS = {"no", "n", "false", "0", "non"}
_LIST_SPLIT = re.compile(r"\s*[;\n]\s*")


def split_list(cell: str) -> list[str]:
    return [item for item in _LIST_SPLIT.split(cell.strip()) if item]


def parse_bool(cell: str) -> bool | str:
    word = cell.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return cell  # left for validation to reject, with the column named


def row_to_data(values: dict[str, str]) -> dict[str, Any]:
    """Nested testimony data from flat columns; empty cells are left out."""
    data: dict[str, Any] = {}
    for column, raw in values.items():
        cell = raw.strip() if isinstance(raw, str) else raw
        if cell in ("", None):
            continue
        value: Any = cell
        if column in LIST_COLUMNS:
            value = split_list(cell)
            if column == "evidence":
                value = [{"url": v} if re.match(r"^https?://", v) else {"path": v} for v in value]
        elif column in BOOLEAN_COLUMNS:
            value = parse_bool(cell)
        if column.startswith("quote."):
            quotes = data.setdefault("quotes", [{}])
            quotes[0][column.split(".", 1)[1]] = value
            continue
        target = data
        *parents, leaf = column.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = value
    return data


def column_for(loc: tuple[int | str, ...]) -> str:
    """The flat column that a validation error location points at."""
    parts = [str(p) for p in loc if not isinstance(p, int)]
    if parts and parts[0] == "quotes":
        parts[0] = "quote"
    for size in range(len(parts), 0, -1):
        candidate = ".".join(parts[:size])
        if candidate in COLUMNS:
            return candidate
    return ".".join(parts) or "(row)"
