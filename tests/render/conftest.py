"""Helpers shared by the render tests: pandoc's AST of a Markdown text, and DOCX paragraphs."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from hrcli.render.convert import INPUT_FORMAT, _pandoc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def pandoc_ast(markdown: str) -> list[dict[str, Any]]:
    """The blocks pandoc's reader makes of ``markdown`` (the same input format as convert)."""
    completed = subprocess.run(
        [_pandoc(), f"--from={INPUT_FORMAT}", "--to=json"],
        input=markdown.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    blocks: list[dict[str, Any]] = json.loads(completed.stdout)["blocks"]
    return blocks


def plain_inlines(inlines: list[dict[str, Any]]) -> str | None:
    """The text of inlines made only of Str and Space (and LineBreak as "\\n"), else None.

    Why None: any other element (Emph, Link, RawInline, Cite, Math, Note, Quoted, Span...) means
    the reader gave the text a meaning; the tests require that it gave it none.
    """
    parts = []
    for inline in inlines:
        if inline["t"] == "Str":
            parts.append(inline["c"])
        elif inline["t"] in ("Space", "SoftBreak"):
            parts.append(" ")
        elif inline["t"] == "LineBreak":
            parts.append("\n")
        else:
            return None
    return "".join(parts)


def docx_paragraphs(path: Path) -> list[tuple[str, set[str]]]:
    """Each paragraph of a DOCX body: its text, and the tags found inside it (to spot links,
    fields, bold or superscript runs that the text did not ask for)."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("word/document.xml"))
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        text = "".join(node.text or "" for node in paragraph.iter(f"{W}t"))
        tags = {node.tag.removeprefix(W) for node in paragraph.iter()}
        paragraphs.append((text, tags))
    return paragraphs
