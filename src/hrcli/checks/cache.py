"""Re-running `check` on an unchanged project: the last report, keyed by a hash of the contents.

Why: pre-commit and editors run `check` again and again on projects that did not change. The key
covers every input of a check: the content of each project file (hashed; a file whose size and
modification time are unchanged keeps its recorded hash, as git's index does), the list of
evidence files, today's date (date rules depend on it) and the hrcli installation itself. This
module imports nothing heavy, so a cache hit never builds hrcli's models or loads the catalog.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from hrcli import __version__
from hrcli.diagnostics.model import Diagnostic, Location, Report, Severity
from hrcli.project import CONFIG_NAME, CSV_SUFFIX, SECTIONS_FOLDER, TESTIMONY_FOLDER, YAML_SUFFIXES, walk_files

CACHE_FOLDER = ".hrcli-cache"
CACHE_FILE = "check-v1.json"
FORMAT = 1


def _installation_fingerprint() -> str:
    """Changes whenever hrcli's code or bundled data change (also in a development checkout)."""
    from hrcli.resources import data_root

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(__version__.encode())
    for folder in (package, data_root() / "catalog"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".py", ".json", ".yaml"}:
                stat = path.stat()
                digest.update(f"{path.name}:{stat.st_mtime_ns}:{stat.st_size};".encode())
    return digest.hexdigest()


class CheckCache:
    """The cache file of one project."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.path = root / CACHE_FOLDER / CACHE_FILE
        self._stored: dict[str, Any] = self._read()
        self._hashes: dict[str, list[Any]] = {}

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and data.get("format") == FORMAT else {}

    def _file_hash(self, relative: str, absolute: str, stat: os.stat_result) -> str:
        known = self._stored.get("files", {}).get(relative)
        if known and known[0] == stat.st_mtime_ns and known[1] == stat.st_size:
            self._hashes[relative] = known
            return str(known[2])
        with open(absolute, "rb") as stream:
            content = hashlib.sha256(stream.read()).hexdigest()
        self._hashes[relative] = [stat.st_mtime_ns, stat.st_size, content]
        return content

    def digest(self, only: list[str] | None) -> str:
        """The key of a check of this project as it is now."""
        digest = hashlib.sha256()
        digest.update(f"{_installation_fingerprint()}|{dt.date.today().isoformat()}|{only}".encode())
        prefix = len(str(self.root)) + 1
        inputs: list[tuple[str, str, os.stat_result]] = []
        config = self.root / CONFIG_NAME
        if config.is_file():
            inputs.append((CONFIG_NAME, str(config), config.stat()))
        for folder, suffixes in (
            (TESTIMONY_FOLDER, (*YAML_SUFFIXES, CSV_SUFFIX)), (SECTIONS_FOLDER, (".md",)), (self._catalog_folder(), (*YAML_SUFFIXES, ".json")),
            ("assessments", YAML_SUFFIXES),
        ):
            for entry in walk_files(self.root / folder, suffixes):
                inputs.append((entry.path[prefix:].replace(os.sep, "/"), entry.path, entry.stat()))
        for relative, absolute, stat in inputs:
            digest.update(f"{relative}={self._file_hash(relative, absolute, stat)};".encode())
        for entry in walk_files(self.root / "evidence"):
            digest.update(f"E:{entry.path[prefix:]};".encode())
        # The private-data rules look at private/ (HR601), git's index (HR602) and, with a key, the
        # store's values (HR302): their state is part of the key too. Hidden files count here.
        private = self.root / "private"
        if private.is_dir():
            for path in sorted(private.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    digest.update(f"P:{path.relative_to(self.root).as_posix()}:{stat.st_mtime_ns}:{stat.st_size};".encode())
        for index in (self.root / ".git" / "index", *(parent / ".git" / "index" for parent in self.root.parents)):
            if index.is_file():
                stat = index.stat()
                digest.update(f"G:{stat.st_mtime_ns}:{stat.st_size};".encode())
                break
        # What git ignores decides HR602: every ignore file from the project up to the work tree.
        for folder in (self.root, *self.root.parents):
            for name in (".gitignore", ".git/info/exclude"):
                candidate = folder / name
                if candidate.is_file():
                    digest.update(f"I:{candidate}:{self._file_hash(str(candidate), str(candidate), candidate.stat())};".encode())
            if (folder / ".git").exists():
                break
        # Whether a key is set changes what HR302 can see; the key itself never enters the cache.
        keys = ("HRCLI_PRIVATE_KEY", "HRCLI_PRIVATE_KEY_FILE", "HRCLI_PRIVATE_PASSPHRASE")
        digest.update(f"K:{[k in os.environ for k in keys]}".encode())
        return digest.hexdigest()

    def _catalog_folder(self) -> str:
        from hrcli.project import project_catalog_dir

        try:
            folder = project_catalog_dir(self.root)
        except Exception:  # noqa: BLE001 - a bad setting is reported by the check itself
            return "catalog"
        return folder.relative_to(self.root).as_posix() if folder is not None else "catalog"

    def load(self, key: str) -> Report | None:
        if self._stored.get("key") != key:
            return None
        try:
            diagnostics = [
                Diagnostic(d["code"], d["name"], Severity(d["severity"]), d["message"], Location(**d["location"]),
                           d.get("pointer"), d.get("hint"))
                for d in self._stored["diagnostics"]
            ]
            return Report(diagnostics, files_checked=int(self._stored["files_checked"]))
        except (KeyError, TypeError, ValueError):
            return None

    def save(self, key: str, report: Report) -> None:
        data = {
            "format": FORMAT,
            "key": key,
            "files": self._hashes,
            "files_checked": report.files_checked,
            "diagnostics": [asdict(d) for d in report.diagnostics],
        }
        try:
            self.path.parent.mkdir(exist_ok=True)
            ignore = self.path.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# hrcli's cache: safe to delete, never to commit\n*\n", encoding="utf-8")
            from hrcli.fsutil import replace_file

            replace_file(self.path, json.dumps(data))
        except OSError:
            pass  # a read-only project is checked all the same, only not cached
