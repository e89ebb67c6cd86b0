"""The human format: one block per diagnostic, greppable first line.

Layout::

    testimony/T-0007.yaml:3:1: HR101 [error] Unknown key 'sumary'. (unknown-field)
      at: sumary
      hint: Did you mean 'summary'?

The first line is ``path[:line[:column]]: CODE [severity] message (rule-name)``, the shape
compilers and linters use, so editors and ``grep`` can jump to it. Only diagnostic heads start in
column 0: the pointer and the hint are indented by two spaces, continuation lines of a multi-line
message, pointer or hint by four.
There is no summary line; the CLI prints the summary on stderr.
"""

from __future__ import annotations

import re

from hrcli.diagnostics.formats.base import RenderContext, ordered
from hrcli.diagnostics.model import Diagnostic, Report, Severity

# SGR codes. A tiny helper instead of rich: the formatters stay pure string functions and the CLI
# does not pay rich's import time on every `hrcli check`.
_RESET = "\x1b[0m"
_BOLD = "1"
_DIM = "2"
_SEVERITY_STYLE = {
    Severity.ERROR: "1;31",  # bold red
    Severity.WARNING: "33",  # yellow
    Severity.INFO: "36",  # cyan
}

# Control characters other than newline and tab. Messages can quote values from user files; a raw
# ESC or CR there could recolour or overwrite the terminal, and would break the promise that
# color=False output holds no escape codes. They are shown as visible \xNN escapes instead.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

_INDENT = "  "


def _style(text: str, sgr: str, *, color: bool) -> str:
    """Wrap ``text`` in an ANSI style when colour is on; return it unchanged otherwise."""
    return f"\x1b[{sgr}m{text}{_RESET}" if color else text


def _clean(text: str) -> str:
    """Make control characters visible, so user data cannot drive the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _continue(text: str, indent: str) -> str:
    """Indent every line after the first, so a multi-line value stays inside its block."""
    return text.replace("\n", "\n" + indent)


def render_diagnostic(diagnostic: Diagnostic, *, color: bool = False) -> str:
    """One diagnostic as its block of lines, each ending in a newline.

    Args:
        diagnostic: The diagnostic to show.
        color: Whether to use ANSI colours.

    Returns:
        The head line, then ``  at: ...`` and ``  hint: ...`` lines when those are set.
    """
    d = diagnostic
    where = _style(_clean(str(d.location)), _BOLD, color=color)
    code = _style(d.code, _BOLD, color=color)
    severity = _style(f"[{d.severity.value}]", _SEVERITY_STYLE[d.severity], color=color)
    name = _style(f"({d.name})", _DIM, color=color)
    message = _continue(_clean(d.message), _INDENT * 2)
    lines = [f"{where}: {code} {severity} {message} {name}"]
    # Pointer before hint: first where the problem is inside the file, then how to fix it.
    if d.pointer:
        label = _style("at:", _DIM, color=color)
        lines.append(f"{_INDENT}{label} {_continue(_clean(d.pointer), _INDENT * 2)}")
    if d.hint:
        label = _style("hint:", _DIM, color=color)
        lines.append(f"{_INDENT}{label} {_continue(_clean(d.hint), _INDENT * 2)}")
    return "".join(line + "\n" for line in lines)


def render(report: Report, context: RenderContext) -> str:
    """Render a report in the text format.

    Args:
        report: The check's outcome.
        context: ``color`` switches ANSI colours on; ``tool_version`` is not used.

    Returns:
        The blocks of all diagnostics in report order; an empty string for a clean report.
    """
    return "".join(render_diagnostic(d, color=context.color) for d in ordered(report))
