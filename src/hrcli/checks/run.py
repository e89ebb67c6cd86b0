"""`hrcli check`: validate a report project and return a Report of Diagnostics (never prints)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from hrcli.catalog.store import Catalog, load_catalog
from hrcli.checks.load import LoadedProject, load_project
from hrcli.checks.rules import run_rules
from hrcli.diagnostics.model import Diagnostic, Report, Severity
from hrcli.exceptions import UserError
from hrcli.project import project_catalog_dir

OFF = "off"


@dataclass
class Checked:
    """A project as `check` saw it: what compile builds on, and every diagnostic."""

    project: LoadedProject
    catalog: Catalog
    diagnostics: list[Diagnostic]


def check_project(root: Path, catalog: Catalog | None = None) -> Checked:
    """Load the project and its catalog and apply every rule, with the project's severities."""
    project = load_project(root)
    catalog_problems: list[Diagnostic] = []
    if catalog is None:
        catalog, catalog_problems = load_project_catalog(root)
    found = project.diagnostics + catalog_problems + run_rules(project, catalog)
    return Checked(project, catalog, apply_severities(found, project.config.rules if project.config else {}))


def run_check(root: Path, only: list[str] | None = None, catalog: Catalog | None = None) -> Report:
    """Check the project at ``root``; with ``only`` (relative paths), report only on those files."""
    checked = check_project(root, catalog)
    project, found = checked.project, checked.diagnostics
    if only is not None:
        found = [d for d in found if any(d.location.path == p or d.location.path.startswith(p.rstrip("/") + "/") for p in only)]
    return Report(found, files_checked=len(project.files))


def load_project_catalog(root: Path) -> tuple[Catalog, list[Diagnostic]]:
    """The catalog with the project's valid files, and a diagnostic (HR009) for each invalid one."""
    from hrcli.catalog.store import CatalogFileProblem
    from hrcli.checks.load import diagnostic, relative
    from hrcli.diagnostics.model import Location

    problems: list[CatalogFileProblem] = []
    catalog = load_catalog(project_catalog_dir(root), problems)
    found = [
        diagnostic("HR009", problem.message, Location(relative(root, problem.path), problem.line, problem.column),
                   hint="see `hrcli schema catalog` for the format; the file is left out of the catalog until fixed")
        for problem in problems
    ]
    return catalog, found


def apply_severities(found: list[Diagnostic], overrides: dict[str, str]) -> list[Diagnostic]:
    """Per-rule severities from hrcli.yaml (`rules: {HR208: warning, HR303: off}`)."""
    from hrcli.diagnostics.rules import find_rule

    table: dict[str, str] = {}
    for key, level in overrides.items():
        rule = find_rule(key)
        if rule is None:
            raise UserError(f"hrcli.yaml: rules: unknown rule {key!r}", hint="see `hrcli rules`")
        if level not in {*(s.value for s in Severity), OFF}:
            raise UserError(f"hrcli.yaml: rules: {key}: {level!r} is not a severity", hint="use error, warning, info or off")
        table[rule.code] = level
    result = []
    for item in found:
        level = table.get(item.code)
        if level == OFF:
            continue
        result.append(dataclasses.replace(item, severity=Severity(level)) if level else item)
    return result
