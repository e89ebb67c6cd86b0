"""Reading a project's files into models, turning every problem into a located Diagnostic.

Files are parsed with libyaml (fast); only files with problems are parsed again with ruamel to
locate them (see checks/locate.py). Nothing here raises for bad user data.
"""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from hrcli.checks.locate import Locator
from hrcli.diagnostics.model import Diagnostic, Location
from hrcli.diagnostics.rules import RULES
from hrcli.loaders import fastyaml
from hrcli.loaders.csv import read_csv_records
from hrcli.models.flat import COLUMNS, column_for, row_to_data
from hrcli.models.project import ProjectConfig
from hrcli.models.testimony import Testimony
from hrcli.project import CONFIG_NAME, CSV_SUFFIX, section_files, testimony_files

DATE_ERRORS = {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"}


def shown(value: object) -> str:
    """A user's value for a message, quoted, unless it could be identifying data.

    Why: a misplaced CSV cell can put a phone number where a date or an id was expected, and
    messages end up in CI logs. Such values are described, never printed.
    """
    from hrcli.private.patterns import email_addresses, phone_numbers, street_addresses

    text = str(value)
    for finder, kind in ((phone_numbers, "a phone number"), (lambda t: email_addresses(t, set()), "an e-mail address"),
                         (street_addresses, "a street address")):
        if next(iter(finder(text)), None) is not None:
            return f"a value that looks like {kind} (not shown)"
    return repr(text) if len(text) <= 80 else repr(text[:77] + "...")


def diagnostic(code: str, message: str, location: Location, *, pointer: str | None = None, hint: str | None = None) -> Diagnostic:
    rule = RULES[code]
    return Diagnostic(code, rule.name, rule.severity, message, location, pointer, hint)


@dataclass
class TestimonyEntry:
    """A valid testimony and where it came from."""

    testimony: Testimony
    path: str  # relative to the project, POSIX
    row_line: int | None = None  # CSV: the line its row starts on

    __test__ = False  # not a pytest test class, despite the name


@dataclass
class LoadedProject:
    root: Path
    config: ProjectConfig | None
    testimonies: list[TestimonyEntry]
    sections: list[tuple[str, str]]  # (relative path, text)
    diagnostics: list[Diagnostic]
    locator: Locator
    files: list[str] = field(default_factory=list)
    assessments: list[Any] = field(default_factory=list)  # hrcli.assess.AssessmentEntry

    def position(self, entry: TestimonyEntry, loc: tuple[int | str, ...], *, key: bool = False) -> Location:
        """Where a field of a testimony is: exact for YAML, the row for CSV."""
        if entry.row_line is not None:
            return Location(entry.path, entry.row_line)
        line, column = self.locator.position(entry.path, loc, key=key)
        return Location(entry.path, line, column)


def relative(root: Path, path: Path) -> str:
    """The path relative to the project, POSIX style (paths come from walking the project)."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(root: Path, path: Path, out: list[Diagnostic]) -> str | None:
    """The file's text, or None with a diagnostic (unreadable, not UTF-8, empty)."""
    rel = relative(root, path)
    try:
        data = path.read_bytes()
    except OSError as error:
        out.append(diagnostic("HR004", f"cannot read the file: {error.strerror}", Location(rel)))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        out.append(diagnostic("HR004", f"not UTF-8 text (byte 0x{data[error.start]:02x})", Location(rel, line, column),
                              hint="save the file as UTF-8"))
        return None
    if not text.strip():
        out.append(diagnostic("HR005", "the file is empty", Location(rel, 1, 1), hint="fill it in or delete it"))
        return None
    return text


def parse_yaml(rel: str, text: str, out: list[Diagnostic]) -> Any:
    """The YAML data, or None with a diagnostic at the parser's position."""
    try:
        return fastyaml.load(text)
    except fastyaml.DuplicateKeyError as error:
        mark = error.problem_mark
        out.append(diagnostic("HR002", f"duplicate key {error.key!r}", Location(rel, mark.line + 1, mark.column + 1),
                              hint="keep one of them: YAML would silently drop the first"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        lines = text.splitlines()
        if line and line <= len(lines) and "\t" in lines[line - 1][: (column or 1)]:
            out.append(diagnostic("HR003", "a tab is used for indentation", Location(rel, line, lines[line - 1].index("\t") + 1),
                                  hint="indent with spaces"))
        else:
            problem = error.problem or error.context or "invalid YAML"
            out.append(diagnostic("HR001", f"YAML syntax error: {problem}", Location(rel, line, column),
                                  hint="check quotes, colons and indentation around this point"))
    except yaml.YAMLError as error:
        out.append(diagnostic("HR001", f"YAML syntax error: {error}", Location(rel)))
    except RecursionError:
        out.append(diagnostic("HR001", "YAML nesting is too deep", Location(rel)))
    return None


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The nested model class a location's parent points into (for 'did you mean' on unknown keys)."""
    current: Any = model
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or step not in current.model_fields:
            return None
        annotation = current.model_fields[step].annotation
        current = next(
            (a for a in _flatten(annotation) if isinstance(a, type) and issubclass(a, BaseModel)), None
        )
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _flatten(annotation: Any) -> list[Any]:
    args = typing.get_args(annotation)
    if not args:
        return [annotation]
    return [leaf for arg in args for leaf in _flatten(arg)]


def validation_diagnostics(
    error: ValidationError,
    model: type[BaseModel],
    where: typing.Callable[[tuple[int | str, ...], bool], Location],
    pointer_of: typing.Callable[[tuple[int | str, ...]], str],
) -> list[Diagnostic]:
    """One Diagnostic per Pydantic error, located at the key or value it concerns."""
    found = []
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        kind = item["type"]
        message = item["msg"].removeprefix("Value error, ")
        if kind == "extra_forbidden":
            name = str(loc[-1])
            parent = _model_at(model, loc)
            close = difflib.get_close_matches(name, list(parent.model_fields), n=1) if parent else []
            found.append(diagnostic("HR101", f"unknown field {name!r}", where(loc, True), pointer=pointer_of(loc),
                                    hint=f"did you mean {close[0]!r}?" if close else "remove it, or see `hrcli schema`"))
        elif kind == "missing":
            found.append(diagnostic("HR102", f"missing field {str(loc[-1])!r}", where(loc[:-1], False), pointer=pointer_of(loc),
                                    hint=f"add `{loc[-1]}:`"))
        elif kind in DATE_ERRORS:
            found.append(diagnostic("HR104", "not a date", where(loc, False), pointer=pointer_of(loc),
                                    hint="write dates as YYYY-MM-DD"))
        else:
            hint = None
            expected = (item.get("ctx") or {}).get("expected")
            if expected:
                hint = f"use one of {expected}"
            found.append(diagnostic("HR103", message, where(loc, False), pointer=pointer_of(loc), hint=hint))
    return found


def _dotted(loc: tuple[int | str, ...]) -> str:
    text = ""
    for step in loc:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def load_config(root: Path, out: list[Diagnostic], locator: Locator) -> ProjectConfig | None:
    text = read_text(root, root / CONFIG_NAME, out)
    if text is None:
        return None
    data = parse_yaml(CONFIG_NAME, text, out)
    if data is None:
        return None
    if not isinstance(data, dict):
        out.append(diagnostic("HR008", "hrcli.yaml must be a mapping of settings", Location(CONFIG_NAME, 1, 1)))
        return None
    try:
        return ProjectConfig.model_validate(data)
    except ValidationError as error:
        out.extend(validation_diagnostics(
            error, ProjectConfig,
            lambda loc, key: Location(CONFIG_NAME, *locator.position(CONFIG_NAME, loc, key=key)),
            _dotted,
        ))
        return None


def load_yaml_testimony(root: Path, path: Path, out: list[Diagnostic], locator: Locator) -> TestimonyEntry | None:
    rel = relative(root, path)
    text = read_text(root, path, out)
    if text is None:
        return None
    data = parse_yaml(rel, text, out)
    if data is None:
        return None
    if not isinstance(data, dict):
        out.append(diagnostic("HR008", "a testimony file must be a mapping of fields", Location(rel, 1, 1),
                              hint="start from `hrcli collect new`"))
        return None
    try:
        return TestimonyEntry(Testimony.model_validate(data), rel)
    except ValidationError as error:
        out.extend(validation_diagnostics(
            error, Testimony, lambda loc, key: Location(rel, *locator.position(rel, loc, key=key)), _dotted
        ))
        return None


def load_csv_testimonies(root: Path, path: Path, out: list[Diagnostic]) -> list[TestimonyEntry]:
    rel = relative(root, path)
    from hrcli.exceptions import UserError

    try:
        table = read_csv_records(path)
    except UserError as error:
        out.append(diagnostic("HR005" if "empty" in error.message else "HR006", error.message.split(": ", 1)[-1], Location(rel, 1, 1)))
        return []
    if table.encoding == "cp1252":
        out.append(diagnostic("HR004", "not UTF-8 text (read as Windows-1252)", Location(rel, 1, 1),
                              hint="save as 'CSV UTF-8', or import it with `hrcli collect import`"))
    for index, header in enumerate(table.headers, start=1):
        if header and header not in COLUMNS:
            close = difflib.get_close_matches(header, COLUMNS, n=1)
            out.append(diagnostic("HR007", f"unknown column {header!r}", Location(rel, 1), pointer=f"column {index}",
                                  hint=f"did you mean {close[0]!r}?" if close else "see `hrcli schema testimony`"))
    for line, count in table.ragged:
        out.append(diagnostic("HR006", f"the row has {count} cells, the header {len(table.headers)}", Location(rel, line),
                              hint="quote cells that contain the delimiter"))
    entries = []
    for record in table.records:
        values = {k: v for k, v in record.values.items() if k in COLUMNS}
        try:
            entries.append(TestimonyEntry(Testimony.model_validate(row_to_data(values)), rel, record.line))
        except ValidationError as error:
            out.extend(validation_diagnostics(
                error, Testimony, lambda loc, key, line=record.line: Location(rel, line),
                lambda loc, line=record.line: f"row at line {line}, column {column_for(loc)!r}",
            ))
    return entries


def load_project(root: Path) -> LoadedProject:
    """Everything `check` needs, with the diagnostics of loading."""
    out: list[Diagnostic] = []
    locator = Locator(root)
    config = load_config(root, out, locator)
    testimonies: list[TestimonyEntry] = []
    files = [CONFIG_NAME]
    for path in testimony_files(root):
        files.append(relative(root, path))
        if path.suffix.lower() == CSV_SUFFIX:
            testimonies.extend(load_csv_testimonies(root, path, out))
        else:
            entry = load_yaml_testimony(root, path, out, locator)
            if entry is not None:
                testimonies.append(entry)
    sections = []
    for path in section_files(root):
        rel = relative(root, path)
        files.append(rel)
        text = read_text(root, path, out) if path.stat().st_size else ""
        if text is not None:
            sections.append((rel, text))
    from hrcli.checks.assessments import load_assessments

    assessments, assessment_paths = load_assessments(root, out, locator)
    files += assessment_paths
    return LoadedProject(root, config, testimonies, sections, out, locator, files, assessments)


def today() -> dt.date:
    """Today's date (a function, so tests can fix it)."""
    return dt.date.today()
