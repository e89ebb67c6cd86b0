"""The private store: identifying data about narrators, encrypted at rest, beside the project.

Layout (inside the project, ignored by git: ``private/.gitignore`` holds ``*`` and `hrcli init`'s
.gitignore lists ``/private/``)::

    private/identities.age        one age-encrypted JSON document:
                                  {"format": 1, "records": {"T-0007": {"name": ..., "contact": ...,
                                   "address": ..., "notes": ..., "files": ["interview.m4a"]}}}
    private/files/T-0007/NAME.age each original file (audio, scanned consent form), encrypted alone

Why one document for the records: they are small, so one decryption answers every question, and a
write replaces one file atomically. Original files are large and read rarely, so each is its own
age file. Testimony files keep the pseudonym and ``narrator.private: true``; the store is keyed by
the testimony id.

Nothing is ever overwritten unless the new content was encrypted and decrypted back to the same
bytes, and the file on disk is still the one that was read (no lost update).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from pydantic import Field, ValidationError

from hrcli.exceptions import NotFoundError, UserError
from hrcli.fsutil import replace_file, write_new
from hrcli.models.base import HrcliModel
from hrcli.private.keys import AGE_MAGIC, Key

STORE_FOLDER = "private"
IDENTITIES = "identities.age"
FILES_FOLDER = "files"
FORMAT = 1
GITIGNORE = "# hrcli's private store: identifying data, encrypted. Never commit it.\n*\n"
README = "README.txt"
README_TEXT = """\
This folder is hrcli's private store: identifying data about the people who testify (names,
contacts, addresses, notes, original recordings), encrypted with age. It never goes into git.
Read and change it with `hrcli private show / edit / export`; the key comes from the environment
(HRCLI_PRIVATE_KEY or HRCLI_PRIVATE_PASSPHRASE) and never sits in the project.
"""


class PrivateRecord(HrcliModel):
    """The identifying data of one testimony's narrator."""

    FIELDS: ClassVar[tuple[str, ...]] = ("name", "contact", "address", "notes")

    name: str | None = Field(default=None, description="Real name.")
    contact: str | None = Field(default=None, description="Phone or e-mail.")
    address: str | None = Field(default=None, description="Exact address.")
    notes: str | None = Field(default=None, description="Free-text private notes.")
    files: list[str] = Field(default_factory=list, description="Original files, in private/files/ID/.")

    def is_empty(self) -> bool:
        return not any(getattr(self, f) for f in self.FIELDS) and not self.files

    def merged(self, other: PrivateRecord) -> PrivateRecord:
        """This record with the other's filled-in fields added (the other's win)."""
        data = self.model_dump()
        for name in self.FIELDS:
            if getattr(other, name):
                data[name] = getattr(other, name)
        data["files"] = list(dict.fromkeys([*self.files, *other.files]))
        return PrivateRecord.model_validate(data)

    def secrets(self) -> list[tuple[str, str]]:
        """(kind, value) of the values that must never appear in an output."""
        return [(name, value) for name in ("name", "contact", "address") if (value := getattr(self, name))]


@dataclass
class Identities:
    """The decrypted records, and a fingerprint of the file they were read from."""

    records: dict[str, PrivateRecord] = field(default_factory=dict)
    read_digest: str | None = None  # sha256 of the encrypted file as read; None if there was none


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write ``path`` owner-only (0600), atomically; with ``exclusive``, never over an existing file."""
    (write_new if exclusive else replace_file)(path, data, private=True)


def sealed(key: Key, plain: bytes, what: str) -> bytes:
    """Encrypted bytes, checked to decrypt back to ``plain`` before anything is written."""
    blob = key.encrypt(plain)
    if key.decrypt(blob, what) != plain:  # pragma: no cover - would be a bug in age
        raise UserError(f"encrypting {what} did not round-trip; nothing was written")
    return blob


SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class PrivateStore:
    """The private store of one project."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.folder = project / STORE_FOLDER
        self.path = self.folder / IDENTITIES

    @property
    def relative(self) -> str:
        return f"{STORE_FOLDER}/{IDENTITIES}"

    def exists(self) -> bool:
        return self.path.is_file()

    def prepare(self) -> None:
        """Create private/ with its .gitignore (everything ignored) and a README."""
        self.folder.mkdir(exist_ok=True)
        for name, text in ((".gitignore", GITIGNORE), (README, README_TEXT)):
            target = self.folder / name
            if not target.exists():
                target.write_text(text, encoding="utf-8")

    # --- records ---------------------------------------------------------------------------

    def load(self, key: Key) -> Identities:
        """The decrypted records (none if the store does not exist yet)."""
        if not self.exists():
            return Identities()
        data = self.path.read_bytes()
        plain = key.decrypt(data, self.relative)
        try:
            document = json.loads(plain.decode("utf-8"))
            records = {str(k): PrivateRecord.model_validate(v) for k, v in document["records"].items()}
        except (ValueError, KeyError, TypeError, AttributeError, ValidationError):
            raise UserError(f"{self.relative} decrypts, but does not hold hrcli records",
                            hint="it may come from another tool or a newer hrcli; nothing was changed") from None
        return Identities(records, _digest(data))

    def save(self, identities: Identities, key: Key) -> None:
        """Encrypt and write the records, atomically; refuses if the file changed since it was read."""
        current = self.path.read_bytes() if self.exists() else None
        if (_digest(current) if current is not None else None) != identities.read_digest:
            raise UserError(f"{self.relative} changed since hrcli read it (another hrcli running?)",
                            hint="nothing was written; run the command again")
        document = {
            "format": FORMAT,
            "records": {tid: record.model_dump(exclude_none=True, exclude_defaults=True)
                        for tid, record in sorted(identities.records.items()) if not record.is_empty()},
        }
        plain = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        blob = sealed(key, plain, self.relative)
        self.prepare()
        atomic_write(self.path, blob)
        identities.read_digest = _digest(blob)

    def record(self, key: Key, testimony_id: str) -> PrivateRecord:
        records = self.load(key).records
        if testimony_id not in records:
            raise NotFoundError(f"no private record for {testimony_id}",
                                hint="`hrcli private export` lists every record" if records else "the private store is empty")
        return records[testimony_id]

    # --- original files --------------------------------------------------------------------

    def file_path(self, testimony_id: str, name: str) -> Path:
        return self.folder / FILES_FOLDER / testimony_id / f"{name}.age"

    def add_file(self, key: Key, testimony_id: str, source: Path) -> str:
        """Encrypt a file into the store; returns its stored name (unique within the testimony)."""
        try:
            plain = source.read_bytes()
        except OSError as error:
            raise UserError(f"{source}: cannot read the file: {error.strerror}") from None
        base = SAFE_NAME.sub("-", source.name).strip("-.") or "file"
        name, counter = base, 1
        while self.file_path(testimony_id, name).exists():
            counter += 1
            stem, dot, suffix = base.rpartition(".")
            name = f"{stem}-{counter}.{suffix}" if dot and stem else f"{base}-{counter}"
        target = self.file_path(testimony_id, name)
        blob = sealed(key, plain, f"{source.name}")
        self.prepare()
        atomic_write(target, blob, exclusive=True)
        return name

    def read_file(self, key: Key, testimony_id: str, name: str) -> bytes:
        path = self.file_path(testimony_id, name)
        if not path.is_file():
            raise NotFoundError(f"no stored file {name!r} for {testimony_id}")
        return key.decrypt(path.read_bytes(), path.relative_to(self.project).as_posix())

    def encrypted_files(self) -> list[Path]:
        """Every age file of the store: the records first, then the original files."""
        found = [self.path] if self.exists() else []
        folder = self.folder / FILES_FOLDER
        if folder.is_dir():
            found += sorted(p for p in folder.rglob("*.age") if p.is_file())
        return found


def is_age_file(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(len(AGE_MAGIC)) == AGE_MAGIC
    except OSError:
        return False


def records_as_rows(records: dict[str, PrivateRecord]) -> list[dict[str, Any]]:
    """One flat row per testimony, for CSV and JSON exports."""
    return [
        {"id": tid, **{name: getattr(record, name) or "" for name in PrivateRecord.FIELDS}, "files": ";".join(record.files)}
        for tid, record in sorted(records.items())
    ]
