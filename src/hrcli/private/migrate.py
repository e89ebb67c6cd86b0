"""`hrcli private migrate`: identifying fields out of testimony files, into the private store.

For projects made before the private store existed. YAML files keep their comments and layout:
the lines of ``narrator.name`` and ``narrator.contact`` are cut out of the original text (their
places located by ruamel's round-trip parser) and ``private: true`` takes the first one's place;
the result is parsed again and must equal the old data minus those fields. Files where that cannot
be done line by line (a flow-style ``narrator: {...}``) are rewritten by ruamel's round-trip dump,
which also keeps comments. CSV files have their cells emptied, and ``narrator.private`` set to yes
where the file has that column; names of publish-named rows move (with ``move_public_names``) only
into a file with that column, since nothing else in a row would tell compile to look them up.

Order, so that nothing is ever lost: the store is written (and checked) first, the testimony
files after; a file whose store record already holds a different value is left alone.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from hrcli.exceptions import UserError
from hrcli.fsutil import replace_file
from hrcli.private.fields import IDENTIFYING
from hrcli.private.keys import Key
from hrcli.private.store import PrivateRecord, PrivateStore
from hrcli.project import CSV_SUFFIX, testimony_files


@dataclass
class Planned:
    """One file's change: its new content and what moves into the store."""

    path: Path
    relative: str
    content: str | bytes
    records: dict[str, PrivateRecord]  # testimony id -> values moving out
    method: str  # "lines", "rewrite" or "csv"

    @property
    def moved(self) -> list[tuple[str, list[str]]]:
        """(testimony id, field names) without the values, for reports."""
        return [(tid, [f for f in PrivateRecord.FIELDS if getattr(r, f)]) for tid, r in self.records.items()]


@dataclass
class MigrateReport:
    changed: list[Planned] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    dry_run: bool = False


def _fields_to_move(data: Any, move_public_names: bool) -> list[str]:
    narrator = data.get("narrator") if isinstance(data, dict) else None
    if not isinstance(narrator, dict):
        return []
    consent = data.get("consent") if isinstance(data.get("consent"), dict) else {}
    named = str(consent.get("scope")) == "publish-named" and not consent.get("withdrawn")
    return [f for f in IDENTIFYING
            if narrator.get(f) not in (None, "") and not (f == "name" and named and not move_public_names)]


def _safe(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


def _expected(text: str, fields: list[str]) -> Any:
    data = _safe(text)
    for name in fields:
        data["narrator"].pop(name, None)
    data["narrator"]["private"] = True
    return data


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _cut_lines(text: str, narrator: CommentedMap, fields: list[str]) -> str | None:
    """The text without the fields' lines, ``private: true`` in the first one's place; None if not line-shaped."""
    if narrator.fa.flow_style() or ("private" in narrator and narrator["private"] is not True):
        return None
    lines = text.splitlines(keepends=True)
    ranges = []
    for name in fields:
        line, column = narrator.lc.key(name)
        if lines[line][:column].strip():
            return None
        end = line + 1
        while end < len(lines):
            if lines[end].strip():
                if _indent(lines[end]) > column:
                    end += 1
                    continue
                break
            following = end
            while following < len(lines) and not lines[following].strip():
                following += 1
            if following < len(lines) and _indent(lines[following]) > column:
                end = following
                continue
            break
        ranges.append((line, end, column))
    ranges.sort()
    newline = "\r\n" if lines[ranges[0][0]].endswith("\r\n") else "\n"
    out: list[str] = []
    cursor = 0
    for index, (start, end, column) in enumerate(ranges):
        out += lines[cursor:start]
        if index == 0 and "private" not in narrator:
            out.append(" " * column + "private: true" + newline)
        cursor = end
    out += lines[cursor:]
    return "".join(out)


def _rewrite(text: str, fields: list[str]) -> str:
    """The ruamel round-trip way: load, delete the keys, dump (comments survive)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    narrator = data["narrator"]
    position = list(narrator).index(fields[0])
    for name in fields:
        del narrator[name]
    if "private" in narrator:
        narrator["private"] = True
    else:
        narrator.insert(position, "private", True)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def plan_yaml(path: Path, relative: str, *, move_public_names: bool) -> Planned | str | None:
    """The change to one YAML testimony file, a reason to skip it, or None (nothing to move)."""
    try:
        text = path.read_text(encoding="utf-8")
        data = YAML(typ="rt").load(text)
    except Exception:  # noqa: BLE001 - broken files are `check`'s business
        return "cannot be read as YAML (see `hrcli check`)"
    fields = _fields_to_move(data, move_public_names)
    if not fields:
        return None
    testimony_id = data.get("id")
    if not isinstance(testimony_id, str) or not testimony_id:
        return "has no id, so its identity cannot be keyed in the store"
    values = {name: str(data["narrator"][name]) for name in fields}
    expected = _expected(text, fields)
    for method, make in (("lines", lambda: _cut_lines(text, data["narrator"], fields)), ("rewrite", lambda: _rewrite(text, fields))):
        try:
            new = make()
        except Exception:  # noqa: BLE001 - try the next way
            continue
        if new is not None and _safe(new) == expected:
            return Planned(path, relative, new, {testimony_id: PrivateRecord.model_validate(values)}, method)
    return "could not be changed safely; move the fields by hand"


def plan_csv(path: Path, relative: str, *, move_public_names: bool = False) -> Planned | str | None:
    """Empty the identifying cells of a CSV testimony file, and mark the rows private where the file
    has a ``narrator.private`` column (see the module's doc for names of publish-named rows)."""
    from hrcli.loaders.csv import decode, sniff_delimiter

    data = path.read_bytes()
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        return "is not readable CSV (see `hrcli check`)"
    if not rows:
        return None
    headers = [h.strip() for h in rows[0]]
    columns = {name: headers.index(f"narrator.{name}") for name in IDENTIFYING if f"narrator.{name}" in headers}
    if not columns:
        return None
    if "id" not in headers or any(len(r) != len(headers) for r in rows[1:] if any(c.strip() for c in r)):
        return "has rows without an id or with the wrong number of cells; fix them first (`hrcli check`)"
    marker = headers.index("narrator.private") if "narrator.private" in headers else None
    scope = headers.index("consent.scope") if "consent.scope" in headers else None
    withdrawn = headers.index("consent.withdrawn") if "consent.withdrawn" in headers else None
    records: dict[str, PrivateRecord] = {}
    for row in rows[1:]:
        if not any(c.strip() for c in row):
            continue
        named = scope is not None and row[scope].strip() == "publish-named" and not (withdrawn is not None and row[withdrawn].strip())
        values = {}
        for name, index in columns.items():
            if row[index].strip() and not (name == "name" and named and not (move_public_names and marker is not None)):
                values[name] = row[index].strip()
                row[index] = ""
        if values and marker is not None:
            row[marker] = "yes"
        if values:
            tid = row[headers.index("id")].strip()
            if not tid:
                return "has rows without an id; give every row an id first"
            records[tid] = PrivateRecord.model_validate(values)
    if not records:
        return None
    out = io.StringIO()
    terminator = "\r\n" if "\r\n" in text else "\n"
    csv.writer(out, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    bom = "\ufeff" if encoding == "utf-8-sig" else ""
    return Planned(path, relative, bom + out.getvalue(), records, "csv")


def migrate_project(root: Path, key: Key | None, *, move_public_names: bool = False, dry_run: bool = False) -> MigrateReport:
    """Move identifying fields of every testimony file into the store (see the module's doc)."""
    report = MigrateReport(dry_run=dry_run)
    for path in testimony_files(root):
        relative = path.relative_to(root).as_posix()
        if path.suffix.lower() == CSV_SUFFIX:
            planned = plan_csv(path, relative, move_public_names=move_public_names)
        else:
            planned = plan_yaml(path, relative, move_public_names=move_public_names)
        if isinstance(planned, str):
            report.skipped.append((relative, planned))
        elif planned is not None:
            report.changed.append(planned)
    if not report.changed or dry_run:
        return report
    if key is None:
        from hrcli.private.keys import require_key

        key = require_key(root, "moving identifying data into the private store")
    store = PrivateStore(root)
    identities = store.load(key)
    ready = []
    for planned in report.changed:
        conflict = False
        for tid, record in planned.records.items():
            old = identities.records.get(tid)
            if old and any(getattr(old, f) and getattr(record, f) and getattr(old, f) != getattr(record, f) for f in PrivateRecord.FIELDS):
                conflict = True
        if conflict:
            report.skipped.append((planned.relative, "the private store already holds different values for this testimony; "
                                   "reconcile them with `hrcli private edit` and run migrate again"))
            continue
        for tid, record in planned.records.items():
            identities.records[tid] = identities.records.get(tid, PrivateRecord()).merged(record)
        ready.append(planned)
    report.changed = ready
    if not ready:
        return report
    store.save(identities, key)  # the store holds the values before any file gives them up
    for planned in ready:
        try:
            replace_file(planned.path, planned.content)
        except OSError as error:
            raise UserError(f"{planned.relative}: cannot write: {error.strerror}",
                            hint="its values are already in the private store; run migrate again") from None
    return report
