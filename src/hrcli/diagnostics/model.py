"""The Diagnostic type: plain data, sorted and rendered by pure formatters."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a path relative to the project, and 1-based line and column if known."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a project."""

    code: str  # "HR201"
    name: str  # "unknown-recommendation"
    severity: Severity
    message: str  # one sentence, no location inside; never an identifying value
    location: Location
    pointer: str | None = None  # data path: "consent.scope", "row 14, column 'themes'"
    hint: str | None = None  # how to fix it

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.line or 0, self.location.column or 0, self.code)


@dataclass
class Report:
    """The outcome of a check: diagnostics, sorted, and how many files were looked at."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0

    def __post_init__(self) -> None:
        self.diagnostics.sort(key=Diagnostic.sort_key)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def exit_code(self, *, strict: bool = False) -> int:
        """0 clean; 1 if errors (or warnings, with strict)."""
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return 1 if any(d.severity in failing for d in self.diagnostics) else 0
