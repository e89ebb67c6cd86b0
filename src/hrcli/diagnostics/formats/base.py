"""What every formatter shares: the render context, the formatter signature and small helpers.

This module sits apart from the package ``__init__`` so that the formatter modules can import it
while ``__init__`` imports them to build the registry, without a circular import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hrcli.diagnostics.model import Diagnostic, Report


@dataclass(frozen=True, slots=True)
class RenderContext:
    """What a formatter needs to know besides the report.

    Attributes:
        tool_version: hrcli's version, written into the machine-readable formats.
        color: Whether the text format may use ANSI colours. The CLI decides this (``NO_COLOR``,
            whether stdout is a terminal); the other formats ignore it.
    """

    tool_version: str
    color: bool = False


Formatter = Callable[[Report, RenderContext], str]
"""A pure function from a report to the whole payload for stdout (or ``--output-file``)."""

TOOL_NAME = "hrcli"


def ordered(report: Report) -> list[Diagnostic]:
    """The report's diagnostics in the order the Report sorts them.

    Report sorts once, in ``__post_init__``; a caller that appends afterwards would otherwise
    change the output order. Sorting again is stable and cheap, and keeps every format in step.
    """
    return sorted(report.diagnostics, key=Diagnostic.sort_key)


def full_message(diagnostic: Diagnostic) -> str:
    """The message with the pointer and the hint on lines of their own.

    For formats whose viewers show one free-text field per result (GitHub annotations, SARIF
    ``message.text``): without the pointer a result with no line number could not be found, and
    without the hint the reader would not know how to fix it.
    """
    lines = [diagnostic.message]
    if diagnostic.pointer:
        lines.append(f"at: {diagnostic.pointer}")
    if diagnostic.hint:
        lines.append(f"hint: {diagnostic.hint}")
    return "\n".join(lines)
