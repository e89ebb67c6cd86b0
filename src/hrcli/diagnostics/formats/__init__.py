"""Output formats for `hrcli check`: pure functions from a Report to the text for stdout.

Each format lives in its own module with a ``render(report, context) -> str``. They print
nothing, exit nothing and import no CLI code: the CLI picks one from ``FORMATTERS`` by the
``--output-format`` value and writes the string where it belongs.
"""

from __future__ import annotations

from hrcli.diagnostics.formats import github, json, sarif, text
from hrcli.diagnostics.formats.base import Formatter, RenderContext

FORMATTERS: dict[str, Formatter] = {
    "text": text.render,
    "json": json.render,
    "github": github.render,
    "sarif": sarif.render,
}
"""Format name (the ``--output-format`` choice) to its formatter."""

__all__ = ["FORMATTERS", "Formatter", "RenderContext"]
