"""The SARIF 2.1.0 format, for GitHub code scanning and other static-analysis viewers.

One run. ``tool.driver.rules`` lists every rule in the registry (not only those that fired), in
registry order, so viewers can show the documentation of any code and ``ruleIndex`` is stable
from one check to the next. Each result carries its own ``level``, as a diagnostic's severity may
differ from its rule's default.

Paths are relative to the project, given as URI references against the base id ``%SRCROOT%``
(the name GitHub and the SARIF SDK use). ``originalUriBaseIds`` declares that base without a
``uri``: a pure formatter does not know where the project lies on disk, and an absolute path would
make the output differ between machines. SARIF allows this ("the absolute URI is unknown"); the
consumer, e.g. GitHub's upload action, resolves it against the checkout.

The output holds no timestamps or other run-specific data, so the same report always gives the
same bytes.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from hrcli.diagnostics.formats.base import TOOL_NAME, RenderContext, full_message, ordered
from hrcli.diagnostics.model import Diagnostic, Report, Severity
from hrcli.diagnostics.rules import RULES, Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"

LEVELS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    # SARIF's levels are none/note/warning/error; "note" is its informational one.
    Severity.INFO: "note",
}

# Characters a path keeps unescaped: RFC 3986 unreserved (quote adds letters, digits and "_.-~"),
# "/" as the separator, and the sub-delims plus "@", which are legal in a path segment. ":" is
# escaped on purpose: in the first segment of a relative reference ("a:b.yaml") it would read as
# a URI scheme.
_PATH_SAFE = "/!$&'()*+,;=@"


def path_to_uri(path: str) -> str:
    """A project-relative path as a relative URI reference (percent-encoded UTF-8).

    SARIF's ``artifactLocation.uri`` must be a valid URI reference, and a space or non-ASCII
    letter is not; viewers decode the escapes back to the file name.
    """
    return quote(path, safe=_PATH_SAFE)


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A registry rule as a SARIF ``reportingDescriptor``."""
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _result(diagnostic: Diagnostic, rule_index: dict[str, int]) -> dict[str, Any]:
    """One diagnostic as a SARIF ``result``."""
    d = diagnostic
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": path_to_uri(d.location.path), "uriBaseId": SRCROOT},
    }
    # A region needs a start line (startColumn alone is not a text region); without a line the
    # result points at the whole file.
    if d.location.line is not None:
        region: dict[str, int] = {"startLine": d.location.line}
        if d.location.column is not None:
            region["startColumn"] = d.location.column
        physical["region"] = region
    result: dict[str, Any] = {"ruleId": d.code}
    # A code missing from the registry (a bug elsewhere) still yields a valid result, just
    # without the index into driver.rules.
    if d.code in rule_index:
        result["ruleIndex"] = rule_index[d.code]
    result["level"] = LEVELS[d.severity]
    result["message"] = {"text": full_message(d)}
    result["locations"] = [{"physicalLocation": physical}]
    return result


def to_sarif(report: Report, context: RenderContext) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log object.

    Args:
        report: The check's outcome.
        context: ``tool_version`` goes into ``tool.driver.version``.

    Returns:
        A JSON-ready dict; ``render`` is this, serialised.
    """
    rules = list(RULES.values())
    rule_index = {rule.code: i for i, rule in enumerate(rules)}
    run: dict[str, Any] = {
        # informationUri is optional and left out until hrcli has a real home page to point to.
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": context.tool_version,
                "rules": [rule_descriptor(rule) for rule in rules],
            }
        },
        "originalUriBaseIds": {
            SRCROOT: {
                "description": {"text": "The root folder of the hrcli project that was checked."}
            },
        },
        # Columns count Unicode code points (Python string offsets), not SARIF's UTF-16 default.
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, rule_index) for d in ordered(report)],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(report: Report, context: RenderContext) -> str:
    """Render a report as a SARIF 2.1.0 document, ending in a newline.

    Args:
        report: The check's outcome.
        context: ``tool_version`` goes into ``tool.driver.version``; ``color`` is ignored.

    Returns:
        Indented JSON text.
    """
    return json.dumps(to_sarif(report, context), indent=2, ensure_ascii=False) + "\n"
