"""Narrative sections: citations become footnotes, and paragraphs can be numbered.

Sections are written by the report's compilers and trusted as Markdown; what a citation brings in
(a testimony's words, a recommendation's text) is not, and is escaped.
"""

from __future__ import annotations

import re
from pathlib import Path

from hrcli.catalog.store import Catalog
from hrcli.checks.rules import CITATION_BLOCK, CITATION_KEY, CODE, TESTIMONY_KEY
from hrcli.render.escape import escape_inline
from hrcli.report.model import RecommendationView, ReportModel, Section, TestimonyView, recommendation_view

HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)


def testimony_note(view: TestimonyView) -> str:
    parts = [f"Testimony {view.id}", f"“{view.title}”", view.narrator]
    if view.area:
        parts.append(view.area)
    if view.when:
        parts.append(view.when)
    return escape_inline(", ".join(parts) + f"; collected {view.collected} ({view.method}).")


def recommendation_note(view: RecommendationView, *, compact: bool = False) -> str:
    """The footnote for a cited recommendation: its citation and, unless compact, its text."""
    if compact:
        return escape_inline(view.citation + ".")
    text = f"{view.citation}: “{view.text}”"
    return escape_inline(text if text.endswith((".", ";")) else text + ".")


def resolve_citations(markdown: str, model: ReportModel, catalog: Catalog, *, compact: bool = False) -> str:
    """Replace [@T-0007] and [@upr-2020:26.125] with footnotes; leave other keys to citeproc.

    A testimony the report may not show (consent) is never quoted: its citation becomes a note
    that a testimony was withheld. `check` refuses such citations; this is the second lock.
    """
    shown = {view.id: view for view in model.testimonies}
    recs = {view.id: view for view in model.recommendations}
    code_spans = [(m.start(), m.end()) for m in CODE.finditer(markdown)]

    def in_code(offset: int) -> bool:
        return any(start <= offset < end for start, end in code_spans)

    def replace(block: re.Match[str]) -> str:
        if in_code(block.start()):
            return block.group(0)
        keys = [k.group(1).rstrip(".,;") for k in CITATION_KEY.finditer(block.group(0))]
        if not keys:  # brackets with an "@" that cites nothing ("[meeting @ 6pm]") are just text
            return block.group(0)
        notes: list[str] = []
        others: list[str] = []
        for key in keys:
            if TESTIMONY_KEY.match(key):
                view = shown.get(key)
                notes.append(testimony_note(view) if view else escape_inline("A testimony withheld under its consent terms."))
                continue
            rec = catalog.get(key)
            if rec is None:
                others.append(key)
                continue
            view = recs.get(rec.id) or recs.setdefault(rec.id, recommendation_view(catalog, rec))
            if view not in model.recommendations:
                model.recommendations.append(view)
            notes.append(recommendation_note(view, compact=compact))
        text = "".join(f"^[{note}]" for note in notes)
        if others:  # bibliography keys: give them back to pandoc's citeproc
            text += "[" + "; ".join(f"@{key}" for key in others) + "]"
        return text

    return CITATION_BLOCK.sub(replace, markdown)


def load_sections(files: list[tuple[str, str]], model: ReportModel, catalog: Catalog, *, compact: bool = False) -> list[Section]:
    """The sections with citations resolved; compact notes cite without quoting (word-limited documents)."""
    sections = []
    for path, text in files:
        resolved = resolve_citations(text, model, catalog, compact=compact)
        heading = HEADING.search(resolved)
        title = heading.group(1) if heading else Path(path).stem.split("-", 1)[-1].replace("-", " ").capitalize()
        sections.append(Section(path=path, title=title, markdown=resolved.strip() + "\n", paragraphs=blocks(resolved)))
    return sections


def blocks(markdown: str) -> list[str]:
    """Markdown split into blocks at blank lines (fenced code kept whole)."""
    found: list[str] = []
    current: list[str] = []
    fenced = False
    for line in markdown.splitlines():
        if line.strip().startswith(("```", "~~~")):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                found.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        found.append("\n".join(current))
    return found
