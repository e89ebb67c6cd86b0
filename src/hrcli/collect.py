"""Collecting testimony: new files, and imports from form and spreadsheet exports.

Nothing here prints or exits; the CLI shows the returned reports.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hrcli.catalog.store import Catalog
from hrcli.catalog.vocabulary import LabelTable
from hrcli.exceptions import UserError
from hrcli.fsutil import write_new
from hrcli.loaders.csv import Record, Table
from hrcli.models.flat import COLUMNS, column_for, row_to_data
from hrcli.models.testimony import Testimony, next_testimony_id
from hrcli.private.fields import PRIVATE_COLUMNS, split_identifying
from hrcli.private.keys import Key
from hrcli.private.store import PrivateRecord
from hrcli.testimony_io import TESTIMONY_FOLDER, read_testimony_fields, testimony_yaml

# KoboToolbox / ODK metadata columns: never testimony content.
KOBO_METADATA = {
    "start", "end", "today", "deviceid", "username", "_id", "_uuid", "_submission_time",
    "_validation_status", "_status", "_submitted_by", "__version__", "_index", "_notes", "_tags",
    "_parent_index", "_parent_table_name", "_version_", "meta/instanceid", "meta/instancename",
    "meta/rootuuid", "meta/deprecatedid", "formhub/uuid", "_attachments", "_geolocation",
    # ODK Central
    "submissiondate", "key", "meta-instanceid", "submitterid", "submittername", "attachmentspresent",
    "attachmentsexpected", "status", "reviewstate", "deviceid", "edits", "formversion",
}
KOBO_KEY_COLUMNS = ("_uuid", "meta/instanceID", "meta/instanceid", "KEY", "meta-instanceID", "_id")
# Choice names in forms cannot hold spaces or "-"; these fields take them back.
ENUM_COLUMNS = ("kind", "collected.method", "consent.scope", "consent.method")


def slug(label: str) -> str:
    """A form-safe choice name for a vocabulary label: 'Right to adequate housing' -> 'right_to_adequate_housing'."""
    return re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_")


def resolve_labels(table: LabelTable, names: Iterable[str], what: str) -> list[str]:
    """Canonical labels for names, aliases or form choice names; UserError with suggestions."""
    by_slug = {slug(label): label for label in table.labels}
    resolved = []
    for name in names:
        label = table.resolve(name) or by_slug.get(slug(name))
        if label is None:
            close = table.suggest(name)
            listing = "`hrcli catalog themes`" if what == "theme" else "`hrcli catalog groups`"
            hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else f"see the {what}s in {listing}"
            raise UserError(f"unknown {what} {name!r}", hint=hint)
        if label not in resolved:
            resolved.append(label)
    return resolved


def resolve_recommendations(catalog: Catalog, references: Iterable[str]) -> list[str]:
    ids = []
    for reference in references:
        rec = catalog.lookup(reference)
        if rec.id not in ids:
            ids.append(rec.id)
    return ids


def write_testimony(project: Path, testimony: Testimony) -> Path:
    """Write a new testimony file named after its id; never overwrites."""
    path = project / TESTIMONY_FOLDER / f"{testimony.id}.yaml"
    write_new(path, testimony_yaml(testimony))
    return path


def identity_needs_key(key: Key | None, project: Path) -> Key:
    """The key for storing identifying data of new testimony; refuses (writing nothing) without one."""
    if key is not None:
        return key
    from hrcli.private.keys import ENV_KEY, ENV_PASSPHRASE, KEY_HINT

    raise UserError(
        "refusing to save: identifying data (name, contact, address, notes or files) goes to the encrypted "
        f"private store, and no key is set ({ENV_KEY} or {ENV_PASSPHRASE}); nothing was written",
        hint=KEY_HINT + "; or leave the identifying data out",
    )


def store_identities(project: Path, key: Key, records: dict[str, PrivateRecord], files: dict[str, list[Path]] | None = None) -> None:
    """Add new testimonies' records (and original files) to the private store, before their files exist."""
    from hrcli.private.store import PrivateStore

    store = PrivateStore(project)
    identities = store.load(key)
    for testimony_id, record in records.items():
        stored = [store.add_file(key, testimony_id, source) for source in (files or {}).get(testimony_id, [])]
        if stored:
            record = record.merged(PrivateRecord(files=stored))
        old = identities.records.get(testimony_id)
        identities.records[testimony_id] = old.merged(record) if old else record
    store.save(identities, key)


def save_new_testimony(project: Path, testimony: Testimony, record: PrivateRecord | None, key: Key | None,
                       files: list[Path] | None = None) -> Path:
    """Write a new testimony; its identifying data goes to the private store first (so a failure loses nothing)."""
    if record is not None or files:
        key = identity_needs_key(key, project)
        store_identities(project, key, {testimony.id: record or PrivateRecord()}, {testimony.id: list(files or [])})
    return write_testimony(project, testimony)


# ---------------------------------------------------------------------------------------------
# Imports


@dataclass
class Mapping:
    """How an export's columns become testimony columns."""

    columns: dict[str, str] = field(default_factory=dict)  # export header -> testimony column
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> {export value: value}
    defaults: dict[str, str] = field(default_factory=dict)  # column -> value when empty
    key: str | None = None  # export header with a stable row key
    ignore: set[str] = field(default_factory=set)
    source: str = "csv"
    separator: str = "/"  # between group and question in form exports

    @classmethod
    def load(cls, path: Path) -> Mapping:
        from hrcli.loaders.yaml import load_yaml_file, locate_error

        data = load_yaml_file(path)
        if not isinstance(data, dict):
            raise UserError(f"{path}: a mapping file is a YAML mapping with 'columns:'")
        allowed = {"columns", "values", "defaults", "key", "ignore", "source"}
        for name in data:
            if name not in allowed:
                line, column = locate_error(data, [name]) or (1, 1)
                raise UserError(f"{path}:{line}:{column}: unknown key {name!r}", hint=f"use {', '.join(sorted(allowed))}")
        mapping = cls(
            columns={str(k): str(v) for k, v in (data.get("columns") or {}).items()},
            values={str(k): {str(a): str(b) for a, b in v.items()} for k, v in (data.get("values") or {}).items()},
            defaults={str(k): str(v) for k, v in (data.get("defaults") or {}).items()},
            key=data.get("key"),
            ignore={str(i) for i in data.get("ignore") or []},
            source=str(data.get("source") or "csv"),
        )
        for header, target in mapping.columns.items():
            if target not in COLUMNS and target not in PRIVATE_COLUMNS:
                line, column = locate_error(data, ["columns", header]) or (1, 1)
                raise UserError(
                    f"{path}:{line}:{column}: column {header!r} maps to unknown field {target!r}",
                    hint=f"testimony columns are: {', '.join(COLUMNS)}",
                )
        for target in [*mapping.values, *mapping.defaults]:
            if target not in COLUMNS and target not in PRIVATE_COLUMNS:
                raise UserError(f"{path}: unknown field {target!r}", hint=f"testimony columns are: {', '.join(COLUMNS)}")
        return mapping


def kobo_mapping(headers: list[str], group_separator: str = "/") -> Mapping:
    """The mapping for exports of hrcli's own form (`hrcli collect form`) from KoboToolbox or ODK.

    Grouped questions export as ``group/question``; hrcli's form names its groups and questions
    after the testimony fields, so ``consent/scope`` is ``consent.scope``. Exports with longer
    group prefixes are matched on their last parts.
    """
    mapping = Mapping(source="kobo", separator=group_separator)
    for header in headers:
        if header.lower() in KOBO_METADATA:
            continue
        parts = header.split(group_separator)
        for size in range(min(len(parts), 2), 0, -1):
            candidate = ".".join(parts[-size:])
            if candidate in COLUMNS or candidate in PRIVATE_COLUMNS or (size == 1 and parts[-1] in COLUMNS):
                mapping.columns[header] = candidate
                break
    mapping.key = next((h for h in KOBO_KEY_COLUMNS if h in headers), None)
    return mapping


def identity_mapping(headers: list[str]) -> Mapping:
    return Mapping(columns={h: h for h in headers if h in COLUMNS})


@dataclass
class RowProblem:
    line: int
    column: str
    message: str


@dataclass
class ImportReport:
    created: list[tuple[int, str, Path]] = field(default_factory=list)  # (line, id, file)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, why)
    rejected: list[RowProblem] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)  # export columns not imported
    private: list[str] = field(default_factory=list)  # testimony ids whose identifying data went to the private store

    @property
    def rejected_lines(self) -> list[int]:
        return sorted({p.line for p in self.rejected})


def _select_multiple(values: dict[str, str], headers: list[str], mapping: Mapping) -> dict[str, str]:
    """Fill a select-multiple column from its ``q/choice`` 0/1 columns when the ``q`` column is absent."""
    out: dict[str, str] = {}
    for header in headers:
        parent, _, choice = header.rpartition(mapping.separator)
        if not parent or parent in mapping.columns or header in mapping.columns:
            continue
        target = kobo_mapping([parent], mapping.separator).columns.get(parent)
        if target and values.get(header, "").strip() in {"1", "1.0", "True", "true"}:
            out.setdefault(target, "")
            out[target] = (out[target] + " " + choice).strip()
    return out


def _row_values(record: Record, table: Table, mapping: Mapping) -> dict[str, str]:
    values: dict[str, str] = {}
    for header, target in mapping.columns.items():
        cell = record.values.get(header, "")
        if cell.strip():
            values[target] = cell
    if mapping.source == "kobo":
        for target, cell in _select_multiple(record.values, table.headers, mapping).items():
            values.setdefault(target, cell)
        # Kobo separates select-multiple choices with spaces.
        for target in ("themes", "narrator.groups"):
            if target in values and ";" not in values[target]:
                values[target] = ";".join(values[target].split())
        for target in ENUM_COLUMNS:
            if target in values:
                values[target] = values[target].replace("_", "-")
        submitted = record.values.get("_submission_time") or record.values.get("SubmissionDate")
        if "collected.on" not in values and submitted:
            values["collected.on"] = submitted[:10]
    for target, table_values in mapping.values.items():
        if target in values and values[target] in table_values:
            values[target] = table_values[values[target]]
    for target, default in mapping.defaults.items():
        values.setdefault(target, default)
    return values


def row_key(record: Record, mapping: Mapping) -> str:
    """The stable key of a row: the export's own (Kobo's uuid), else a hash of its cells."""
    if mapping.key and record.values.get(mapping.key, "").strip():
        return record.values[mapping.key].strip()
    content = "\x1f".join(f"{k}={v.strip()}" for k, v in sorted(record.values.items()))
    return "sha256:" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:32]


def existing_ids_and_origin_keys(project: Path) -> tuple[set[str], set[str]]:
    """The ids the project's testimony takes, and the origin keys of testimony imported before,
    read in one pass over the files."""
    ids: set[str] = set()
    keys: set[str] = set()
    for _, fields in read_testimony_fields(project):
        if isinstance(fields.get("id"), str) and fields["id"]:
            ids.add(fields["id"])
        origin = fields.get("origin")
        key = origin.get("key") if isinstance(origin, dict) else fields.get("origin.key")  # YAML file, CSV row
        if key:
            keys.add(str(key))
    return ids, keys


def import_table(
    project: Path, table: Table, mapping: Mapping, catalog: Catalog, *, dry_run: bool = False,
    key: Key | None = None, keep_public_names: bool = False,
) -> ImportReport:
    """Create one testimony file per new valid row. Rows already imported are skipped.

    Identifying fields (narrator name and contact, private.* columns) go to the private store, never
    into the files; if any row has them and no key is given, nothing at all is written. With
    ``keep_public_names``, publish-named narrators' names stay in their files.
    """
    report = ImportReport()
    report.unmapped = [
        h for h in table.headers
        if h and h not in mapping.columns and h not in mapping.ignore and h.lower() not in KOBO_METADATA
        and h != mapping.key and not (mapping.source == "kobo" and h.rpartition(mapping.separator)[0])
    ]
    taken, seen_keys = existing_ids_and_origin_keys(project)
    ready: list[tuple[int, Testimony]] = []
    identities: dict[str, PrivateRecord] = {}
    for record in table.records:
        row = row_key(record, mapping)
        if row in seen_keys:
            report.skipped.append((record.line, "already imported"))
            continue
        values = _row_values(record, table, mapping)
        problems, testimony, identity = _validate_row(values, record.line, taken, row, mapping, catalog, keep_public_names)
        if problems:
            report.rejected.extend(problems)
            continue
        assert testimony is not None
        seen_keys.add(row)
        taken.add(testimony.id)
        ready.append((record.line, testimony))
        if identity is not None:
            identities[testimony.id] = identity
    report.private = sorted(identities)
    if identities and not dry_run:
        store_identities(project, identity_needs_key(key, project), identities)
    for line, testimony in ready:
        path = project / TESTIMONY_FOLDER / f"{testimony.id}.yaml"
        if not dry_run:
            path = write_testimony(project, testimony)
        report.created.append((line, testimony.id, path))
    return report


def _validate_row(
    values: dict[str, str], line: int, taken: set[str], key: str, mapping: Mapping, catalog: Catalog,
    keep_public_names: bool = False,
) -> tuple[list[RowProblem], Testimony | None, PrivateRecord | None]:
    extra = {column: values.pop(column) for column in PRIVATE_COLUMNS if column in values}
    data: dict[str, Any] = row_to_data(values)
    identity = split_identifying(data, keep_public_name=keep_public_names, extra=extra)
    problems: list[RowProblem] = []
    if data.get("id") in taken:
        problems.append(RowProblem(line, "id", f"id {data['id']!r} is already used in this project"))
    data.setdefault("id", next_testimony_id(taken))
    data["origin"] = {"source": mapping.source, "key": key}
    vocabulary = catalog.vocabulary
    for column, getter, setter in (
        ("themes", lambda d: d.get("themes"), lambda d, v: d.__setitem__("themes", v)),
        ("narrator.groups", lambda d: d.get("narrator", {}).get("groups"), lambda d, v: d["narrator"].__setitem__("groups", v)),
    ):
        names = getter(data)
        if names:
            table = vocabulary.themes if column == "themes" else vocabulary.groups
            try:
                setter(data, resolve_labels(table, names, "theme" if column == "themes" else "group"))
            except UserError as error:
                problems.append(RowProblem(line, column, error.message + (f"; {error.hint}" if error.hint else "")))
    if data.get("recommendations"):
        try:
            data["recommendations"] = resolve_recommendations(catalog, data["recommendations"])
        except Exception as error:  # noqa: BLE001 - NotFoundError carries the hint
            hint = getattr(error, "hint", None)
            problems.append(RowProblem(line, "recommendations", f"{error}" + (f"; {hint}" if hint else "")))
    try:
        testimony = Testimony.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            message = item["msg"].removeprefix("Value error, ")
            problems.append(RowProblem(line, column_for(item["loc"]), message))
        return problems, None, None
    return problems, (None if problems else testimony), identity
