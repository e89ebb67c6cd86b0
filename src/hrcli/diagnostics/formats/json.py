"""The JSON format: hrcli's versioned, machine-readable contract for `hrcli check`.

This shape is public. Fields may be added; none is ever renamed, removed or given another
meaning without raising ``version``. It is the same at every verbosity.

Shape (``version`` 1)::

    {
      "version": 1,                      # of this shape, not of hrcli
      "tool": {"name": "hrcli", "version": "0.1.0"},
      "summary": {
        "files": 4,                      # files looked at (Report.files_checked)
        "errors": 1,                     # diagnostics per severity
        "warnings": 2,
        "infos": 0
      },
      "diagnostics": [                   # sorted by path, line, column, code
        {
          "code": "HR202",               # stable rule code, see `hrcli rules`
          "name": "unknown-recommendation",  # the rule's kebab-case name
          "severity": "error",           # "error" | "warning" | "info"
          "message": "...",              # may contain newlines
          "hint": "..." | null,          # how to fix it
          "pointer": "..." | null,       # data path inside the file, e.g. "consent.scope"
          "location": {
            "path": "testimony/T-0007.yaml",  # relative to the project, "/"-separated
            "line": 14 | null,           # 1-based
            "column": 5 | null           # 1-based, in Unicode code points
          }
        }
      ]
    }

Every key above is always present; an unknown value is ``null``, never a missing key, so readers
need no existence checks. A per-rule documentation ``url`` may be added to each diagnostic once
hrcli has a documentation site. Output is ``json.dumps(indent=2, ensure_ascii=False)`` plus a
final newline: non-ASCII text stays readable, and the file is still valid UTF-8 JSON.
"""

from __future__ import annotations

import json
from typing import Any

from hrcli.diagnostics.formats.base import TOOL_NAME, RenderContext, ordered
from hrcli.diagnostics.model import Diagnostic, Report, Severity

SCHEMA_VERSION = 1
"""The ``version`` field: raised only when the shape changes in a way old readers would misread."""


def diagnostic_to_json_obj(diagnostic: Diagnostic) -> dict[str, Any]:
    """One diagnostic as a JSON-ready dict, keys in contract order.

    Args:
        diagnostic: The diagnostic to convert.

    Returns:
        A dict of plain str, int and None values.
    """
    d = diagnostic
    return {
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "message": d.message,
        "hint": d.hint,
        "pointer": d.pointer,
        "location": {
            "path": d.location.path,
            "line": d.location.line,
            "column": d.location.column,
        },
    }


def to_json_obj(report: Report, context: RenderContext) -> dict[str, Any]:
    """The whole report as the versioned JSON object described in this module's docstring.

    Args:
        report: The check's outcome.
        context: ``tool_version`` goes into ``tool.version``.

    Returns:
        A JSON-ready dict; ``render`` is this, serialised.
    """
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": context.tool_version},
        "summary": {
            "files": report.files_checked,
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
        },
        "diagnostics": [diagnostic_to_json_obj(d) for d in ordered(report)],
    }


def render(report: Report, context: RenderContext) -> str:
    """Render a report as the versioned JSON document, ending in a newline.

    Args:
        report: The check's outcome.
        context: ``tool_version`` goes into ``tool.version``; ``color`` is ignored.

    Returns:
        Indented JSON text; a clean report still yields the full object with an empty list.
    """
    return json.dumps(to_json_obj(report, context), indent=2, ensure_ascii=False) + "\n"
