r"""The GitHub Actions format: workflow commands that become annotations on a pull request.

One command per diagnostic, each file's commands inside a collapsible log group::

    ::group::testimony/T-0007.yaml
    ::error file=testimony/T-0007.yaml,line=3,col=1,title=hrcli HR101 (unknown-field)::Unknown key.
    ::endgroup::

Severities map to the commands ``error``, ``warning`` and ``notice`` (for info). The pointer and
hint follow the message on lines of their own, since an annotation has one text field.

Escaping follows actions/toolkit ``packages/core/src/command.ts`` exactly, because the runner
decodes with the inverse of those functions: message data (and group titles) escape ``%``,
``\r`` and ``\n``; property values also escape ``:`` and ``,``, which would otherwise end the
property list or the value.
"""

from __future__ import annotations

from itertools import groupby

from hrcli.diagnostics.formats.base import TOOL_NAME, RenderContext, full_message, ordered
from hrcli.diagnostics.model import Diagnostic, Report, Severity

_COMMAND = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    # GitHub has no "info" command; "notice" is its informational annotation.
    Severity.INFO: "notice",
}


def escape_data(text: str) -> str:
    """Escape a command's message part, as command.ts ``escapeData`` does.

    ``%`` goes first, so the ``%`` of the escapes added after it is not escaped again.
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command's property value, as command.ts ``escapeProperty`` does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_diagnostic(diagnostic: Diagnostic) -> str:
    """One diagnostic as one workflow command line, without the newline.

    ``line`` and ``col`` are left out when unknown, which makes a file-level annotation; ``col``
    is also left out when ``line`` is, since a column alone points nowhere.

    Args:
        diagnostic: The diagnostic to show.

    Returns:
        ``::<command> file=...,line=...,col=...,title=...::<message>``.
    """
    d = diagnostic
    properties: list[tuple[str, str]] = [("file", d.location.path)]
    if d.location.line is not None:
        properties.append(("line", str(d.location.line)))
        if d.location.column is not None:
            properties.append(("col", str(d.location.column)))
    properties.append(("title", f"{TOOL_NAME} {d.code} ({d.name})"))
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{_COMMAND[d.severity]} {props}::{escape_data(full_message(d))}"


def render(report: Report, context: RenderContext) -> str:
    """Render a report as GitHub Actions workflow commands.

    Args:
        report: The check's outcome.
        context: Not used; present for the common formatter signature.

    Returns:
        For each file in report order, ``::group::path``, its commands, ``::endgroup::``; every
        line ends in a newline. An empty string for a clean report.
    """
    lines: list[str] = []
    # ordered() sorts by path first, so each file's diagnostics are consecutive.
    for path, diagnostics in groupby(ordered(report), key=lambda d: d.location.path):
        lines.append(f"::group::{escape_data(path)}")
        lines.extend(render_diagnostic(d) for d in diagnostics)
        lines.append("::endgroup::")
    return "".join(line + "\n" for line in lines)
