"""Loading the catalog (bundled documents and a project's own) and looking entries up by id."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from hrcli.catalog.model import Document, Recommendation
from hrcli.catalog.vocabulary import Vocabulary
from hrcli.exceptions import NotFoundError, UserError
from hrcli.resources import catalog_dir

# "upr-2020:26.125", "ccpr-2014:22(e)", "A/HRC/46/15 26.125", "CCPR/C/USA/CO/4, para. 22 (e)"
_REFERENCE = re.compile(
    r"^(?P<document>.+?)\s*(?::|,|\s)\s*(?:paras?\.?\s*)?"
    r"(?P<paragraph>\d+(?:\.\d+)*)\s*(?:\(\s*(?P<sub>[a-z]{1,3})\s*\))?\.?$",
    re.IGNORECASE,
)

PROJECT_CATALOG_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class Catalog:
    """All documents known to a command: the bundled ones, then a project's own."""

    documents: list[Document]
    vocabulary: Vocabulary
    origins: dict[str, str] = field(default_factory=dict)  # key -> "bundled" or a file path

    @cached_property
    def entries(self) -> dict[str, Recommendation]:
        return {rec.id: rec for doc in self.documents for rec in doc.recommendations}

    @cached_property
    def _document_of(self) -> dict[str, Document]:
        return {rec.id: doc for doc in self.documents for rec in doc.recommendations}

    @cached_property
    def _document_names(self) -> dict[str, str]:
        """Key and symbol, case-folded, to the document key."""
        names: dict[str, str] = {}
        for doc in self.documents:
            names[doc.key.casefold()] = doc.key
        for doc in self.documents:
            # Bundled documents come first: a project file with the same symbol (an import of a
            # document hrcli bundles) must not take symbol-form references away from it.
            names.setdefault(doc.symbol.casefold(), doc.key)
        return names

    def __iter__(self) -> Iterator[Recommendation]:
        return iter(self.entries.values())

    def document(self, key: str) -> Document:
        """The document with this key or symbol."""
        found = self._document_names.get(key.strip().casefold())
        if found is None:
            known = ", ".join(doc.key for doc in self.documents)
            raise NotFoundError(f"unknown catalog document {key!r}", hint=f"known documents: {known}")
        return next(doc for doc in self.documents if doc.key == found)

    def document_of(self, rec: Recommendation) -> Document:
        return self._document_of[rec.id]

    def normalise_id(self, reference: str) -> str | None:
        """The canonical id for an id or a symbol-and-paragraph reference, if it parses."""
        match = _REFERENCE.match(reference.strip())
        if not match:
            return None
        key = self._document_names.get(match["document"].strip().rstrip(",").casefold())
        if key is None:
            return None
        sub = match["sub"].lower() if match["sub"] else None
        return f"{key}:{match['paragraph']}({sub})" if sub else f"{key}:{match['paragraph']}"

    def get(self, reference: str) -> Recommendation | None:
        """The entry for an id or reference, or None."""
        canonical = self.normalise_id(reference)
        return self.entries.get(canonical) if canonical else None

    def lookup(self, reference: str) -> Recommendation:
        """The entry for an id or reference; NotFoundError with suggestions if there is none."""
        rec = self.get(reference)
        if rec is not None:
            return rec
        suggestions = self.suggest_ids(reference)
        hint = f"did you mean {', '.join(suggestions)}?" if suggestions else (
            "ids look like upr-2020:26.125 or 'A/HRC/46/15 26.125'; see `hrcli catalog list`"
        )
        raise NotFoundError(f"no catalog entry {reference!r}", hint=hint)

    def suggest_ids(self, reference: str, limit: int = 3) -> list[str]:
        """Ids close to an unknown reference."""
        canonical = self.normalise_id(reference) or reference.strip().lower().replace(" ", "")
        return difflib.get_close_matches(canonical, list(self.entries), n=limit, cutoff=0.75)


def _read_bundled() -> tuple[list[Document], Vocabulary]:
    root = catalog_dir()
    documents = [
        Document.model_validate_json(path.read_bytes())
        for path in sorted((root / "documents").glob("*.json"))
    ]
    vocabulary = Vocabulary.from_json(json.loads((root / "vocabulary.json").read_bytes()))
    return documents, vocabulary


@dataclass(frozen=True)
class CatalogFileProblem:
    """A project catalog file that could not be used: where, and what is wrong."""

    path: Path
    line: int | None
    column: int | None
    message: str


def load_catalog(project_catalog: Path | None = None, problems: list[CatalogFileProblem] | None = None) -> Catalog:
    """Load the bundled catalog and, if given, a project's catalog folder.

    An invalid project file raises UserError, unless ``problems`` is given: then the file is left
    out and described there (`check` reports it with the rest of the project).
    """
    documents, vocabulary = _read_bundled()
    origins = {doc.key: "bundled" for doc in documents}
    if project_catalog is not None and project_catalog.is_dir():
        for path in _project_files(project_catalog):
            try:
                doc = load_project_document(path)
                if doc.key in origins:
                    raise UserError(
                        f"{path}: catalog document key {doc.key!r} is already used by {origins[doc.key]}",
                        hint="give the document another key",
                    )
            except UserError as error:
                if problems is None:
                    raise
                problems.append(_problem(path, error.message))
                continue
            origins[doc.key] = str(path)
            documents.append(doc)
    return Catalog(documents, vocabulary, origins)


def _problem(path: Path, message: str) -> CatalogFileProblem:
    match = re.match(rf"^{re.escape(str(path))}(?::(\d+))?(?::(\d+))?: (.*)$", message, re.S)
    if not match:
        return CatalogFileProblem(path, None, None, message)
    line, column, text = match.groups()
    return CatalogFileProblem(path, int(line) if line else None, int(column) if column else None, text)


def _project_files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.iterdir()) if p.suffix.lower() in PROJECT_CATALOG_SUFFIXES and p.is_file()]


def load_project_documents(folder: Path) -> Iterable[tuple[Path, Document]]:
    """Validate each catalog file of a project; the first invalid one stops with its location."""
    for path in _project_files(folder):
        yield path, load_project_document(path)


def load_project_document(path: Path) -> Document:
    """One project catalog file, validated; UserError with file:line:column if it is not valid."""
    from hrcli.loaders.yaml import load_yaml_file, locate_error

    data = load_yaml_file(path)  # JSON is YAML too; positions come along either way
    try:
        return Document.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = locate_error(data, first["loc"])
        location = f"{path}:{where[0]}:{where[1]}" if where else str(path)
        field_path = ".".join(str(part) for part in first["loc"]) or "(document)"
        raise UserError(
            f"{location}: invalid catalog file: {field_path}: {first['msg']}"
            + (f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""),
            hint="see `hrcli schema catalog` for the format",
        ) from None
