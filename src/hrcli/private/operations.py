"""What the `hrcli private` commands do, as functions that return data (the CLI prints it)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

from hrcli.exceptions import NotFoundError, UserError
from hrcli.fsutil import replace_file
from hrcli.private.git import work_tree
from hrcli.private.keys import Key
from hrcli.private.store import PrivateRecord, PrivateStore, atomic_write, records_as_rows, sealed
from hrcli.project import CSV_SUFFIX

EXPORT_FORMATS = ("csv", "json")
EDITABLE = (*PrivateRecord.FIELDS,)


def init_store(root: Path, key: Key) -> bool:
    """Create an empty store encrypted with ``key``; False if one exists (then the key must open it)."""
    store = PrivateStore(root)
    identities = store.load(key)  # an existing store must open with this key
    if store.exists():
        return False
    store.save(identities, key)
    return True


# --- editing ---------------------------------------------------------------------------------


def parse_assignments(items: list[str]) -> dict[str, str]:
    """``field=value`` flags as a mapping; unknown fields are a UserError."""
    values = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or name not in EDITABLE:
            raise UserError(f"--set {name or item!r}: expected FIELD=VALUE with FIELD one of {', '.join(EDITABLE)}")
        values[name] = value
    return values


def record_text(testimony_id: str, record: PrivateRecord) -> str:
    """The record as YAML for an editor, with a header saying what it is."""
    # JSON strings are YAML strings: every value is quoted, whatever characters it holds.
    lines = "".join(f"{name}: {json.dumps(getattr(record, name), ensure_ascii=False) if getattr(record, name) else 'null'}\n"
                    for name in EDITABLE)
    files = "".join(f"#   {name}\n" for name in record.files) or "#   (none)\n"
    return (f"# Private record of {testimony_id}: identifying data, kept encrypted in private/.\n"
            "# Change the values and save; write null to remove one.\n"
            f"# Original files (add with --add-file):\n{files}" + lines)


def parse_record_text(text: str, files: list[str]) -> PrivateRecord:
    try:
        data = YAML(typ="safe", pure=True).load(text) or {}
    except Exception as error:  # noqa: BLE001 - ruamel raises several types
        raise UserError(f"the edited record is not valid YAML: {type(error).__name__}", hint="nothing was changed") from None
    if not isinstance(data, dict) or set(data) - set(EDITABLE):
        raise UserError(f"the edited record may only hold {', '.join(EDITABLE)}", hint="nothing was changed")
    from pydantic import ValidationError

    try:
        return PrivateRecord.model_validate({**{k: (None if v in ("", None) else v) for k, v in data.items()}, "files": files})
    except ValidationError as error:
        raise UserError(f"the edited record is not valid: {error.errors()[0]['msg']}", hint="nothing was changed") from None


def testimony_file(root: Path, testimony_id: str) -> Path | None:
    from hrcli.testimony_io import read_ids

    return next((path for tid, path in read_ids(root) if tid == testimony_id), None)


@dataclass
class EditResult:
    record: PrivateRecord
    marked: Path | None = None  # testimony file that now says narrator.private: true
    note: str | None = None


def update_record(root: Path, key: Key, testimony_id: str, *, values: dict[str, str] | None = None,
                  unset: list[str] | None = None, add_files: list[Path] | None = None,
                  replace: PrivateRecord | None = None) -> EditResult:
    """Change one record (creating it), then mark its testimony file as having private data."""
    path = testimony_file(root, testimony_id)
    if path is None:
        raise NotFoundError(f"no testimony {testimony_id} in this project", hint="check the id; records are keyed by testimony id")
    for name in unset or []:
        if name not in EDITABLE:
            raise UserError(f"--unset {name!r}: expected one of {', '.join(EDITABLE)}")
    store = PrivateStore(root)
    identities = store.load(key)
    record = identities.records.get(testimony_id, PrivateRecord())
    data = replace.model_dump() if replace is not None else record.model_dump()
    data["files"] = list(record.files)
    for name, value in (values or {}).items():
        data[name] = value.strip() or None
    for name in unset or []:
        data[name] = None
    for source in add_files or []:
        data["files"].append(store.add_file(key, testimony_id, source))
    updated = PrivateRecord.model_validate(data)
    identities.records[testimony_id] = updated
    store.save(identities, key)
    result = EditResult(updated)
    if not updated.is_empty():
        if path.suffix.lower() == CSV_SUFFIX:
            result.note = (f"{path.name} is a CSV file: set narrator.private to yes in {testimony_id}'s row "
                           "(add the column if it has none) so that compile looks the name up")
        elif mark_private(path):
            result.marked = path
    return result


def mark_private(path: Path) -> bool:
    """Add ``narrator.private: true`` to a YAML testimony file, keeping its layout; False if already there."""
    text = path.read_text(encoding="utf-8")
    rt = YAML(typ="rt").load(text)
    narrator = rt.get("narrator")
    if isinstance(narrator, dict) and narrator.get("private") is True:
        return False
    expected = YAML(typ="safe", pure=True).load(text)
    expected.setdefault("narrator", {})
    if expected["narrator"] is None:
        expected["narrator"] = {}
    expected["narrator"]["private"] = True
    candidates = []
    if isinstance(narrator, dict) and len(narrator) and not narrator.fa.flow_style() and "private" not in narrator:
        first = next(iter(narrator))
        line, column = narrator.lc.key(first)
        lines = text.splitlines(keepends=True)
        newline = "\r\n" if lines[line].endswith("\r\n") else "\n"
        if not lines[line][:column].strip():
            candidates.append("".join([*lines[:line], " " * column + "private: true" + newline, *lines[line:]]))
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    if not isinstance(narrator, dict):
        keys = list(rt)
        where = keys.index("consent") if "consent" in keys else len(keys)
        rt.insert(where, "narrator", {"private": True})
    else:
        narrator["private"] = True
    stream = io.StringIO()
    yaml.dump(rt, stream)
    candidates.append(stream.getvalue())
    for candidate in candidates:
        if YAML(typ="safe", pure=True).load(candidate) == expected:
            replace_file(path, candidate)
            return True
    raise UserError(f"{path}: could not add narrator.private: true safely", hint="add it by hand under narrator:")


# --- export ----------------------------------------------------------------------------------


def refuse_inside(root: Path, output: Path, force: bool) -> None:
    """Decrypted data never lands in the project or a git work tree, unless the user insists."""
    if force:
        return
    target = output.expanduser().resolve()
    tree = work_tree(target)
    if tree is not None:
        raise UserError(f"{output} is inside the git work tree {tree}: decrypted identities could be committed",
                        hint="write it outside any repository (e.g. in your home folder), or pass --force")
    if target.is_relative_to(root.resolve()):
        raise UserError(f"{output} is inside the project: decrypted identities would sit beside the report",
                        hint="write it outside the project, or pass --force")


def export_records(root: Path, key: Key, output: Path, fmt: str | None = None, *, force: bool = False) -> int:
    """Write every record, decrypted, to ``output`` (CSV or JSON); returns how many. Never overwrites."""
    fmt = (fmt or output.suffix.lstrip(".")).lower()
    if fmt not in EXPORT_FORMATS:
        raise UserError(f"{output}: cannot tell the format", hint="name a .csv or .json file, or pass --format csv|json")
    refuse_inside(root, output, force)
    records = PrivateStore(root).load(key).records
    rows = records_as_rows(records)
    if fmt == "json":
        listed = [{"id": tid, **record.model_dump()} for tid, record in sorted(records.items())]
        content = json.dumps(listed, ensure_ascii=False, indent=2) + "\n"
    else:
        stream = io.StringIO()
        writer = csv.DictWriter(stream, ["id", *PrivateRecord.FIELDS, "files"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        content = stream.getvalue()
    atomic_write(output, content.encode("utf-8"), exclusive=True)  # 0600: only this user reads it
    return len(rows)


# --- key rotation ----------------------------------------------------------------------------


@dataclass
class RotateResult:
    files: list[Path] = field(default_factory=list)
    backup: Path | None = None  # kept only with keep_backup


def rotate_key(root: Path, old: Key, new: Key, *, keep_backup: bool = False) -> RotateResult:
    """Re-encrypt every file of the store with ``new``.

    Everything is decrypted with the old key and encrypted with the new one (and checked) in memory
    before anything on disk changes. Then the old files are copied to a backup folder inside
    private/, replaced one by one atomically, and checked again; on any failure the backup is put
    back. The backup is removed at the end unless ``keep_backup``.
    """
    store = PrivateStore(root)
    paths = store.encrypted_files()
    if not paths:
        raise UserError("there is no private store to re-encrypt", hint="`hrcli private init` creates one")
    relative = {p: p.relative_to(root).as_posix() for p in paths}
    plain = {p: old.decrypt(p.read_bytes(), relative[p]) for p in paths}
    blobs = {p: sealed(new, plain[p], relative[p]) for p in paths}
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = store.folder / f"backup-{stamp}"
    for path in paths:
        target = backup / path.relative_to(store.folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    done: list[Path] = []
    try:
        for path in paths:
            atomic_write(path, blobs[path])
            done.append(path)
        for path in paths:
            if new.decrypt(path.read_bytes(), relative[path]) != plain[path]:
                raise UserError(f"{relative[path]} did not read back after re-encryption")
    except BaseException:
        for path in done:
            os.replace(backup / path.relative_to(store.folder), path)
        raise
    result = RotateResult(paths)
    if keep_backup:
        result.backup = backup
    else:
        shutil.rmtree(backup)
    return result
