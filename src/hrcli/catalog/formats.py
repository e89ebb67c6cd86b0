"""Pure formatters for `hrcli catalog`: data in, JSON-ready objects or rich renderables out.

The JSON shapes are part of hrcli's interface (documented in the README's catalog section); add fields, never
rename or remove them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from hrcli.catalog.citation import citation, reference
from hrcli.catalog.model import Document, Position, Recommendation
from hrcli.catalog.search import HIGHLIGHT_END, HIGHLIGHT_START, Hit
from hrcli.catalog.store import Catalog

POSITION_KEYS = [p.value for p in Position] + ["unknown"]


def position_counts(doc: Document) -> dict[str, int]:
    counts = Counter(rec.position.value if rec.position else "unknown" for rec in doc.recommendations)
    return {key: counts.get(key, 0) for key in POSITION_KEYS}


def document_json(doc: Document, origin: str) -> dict[str, Any]:
    return {
        "key": doc.key,
        "symbol": doc.symbol,
        "title": doc.title,
        "mechanism": doc.mechanism.value,
        "body": doc.body,
        "document_type": doc.document_type.value,
        "cycle": doc.cycle,
        "date": doc.date,
        "count": len(doc.recommendations),
        "positions": position_counts(doc),
        "coverage": doc.coverage,
        "origin": origin,
    }


def recommendation_json(catalog: Catalog, rec: Recommendation) -> dict[str, Any]:
    doc = catalog.document_of(rec)
    return {
        "id": rec.id,
        "document": doc.key,
        "symbol": doc.symbol,
        "paragraph": rec.paragraph,
        "subparagraph": rec.subparagraph,
        "reference": reference(doc, rec),
        "citation": citation(doc, rec),
        "kind": rec.kind.value,
        "heading": rec.heading,
        "text": rec.text,
        "concern": rec.concern,
        "recommending_states": rec.recommending_states,
        "position": rec.position.value if rec.position else None,
        "position_source": rec.position_source,
        "themes": rec.themes,
        "sdgs": rec.sdgs,
        "affected_persons": rec.affected_persons,
        "follow_up": rec.follow_up,
        "references": [r.model_dump(mode="json") for r in rec.references],
        "action_category": rec.action_category,
        "annotation_id": rec.annotation_id,
        "damaged": rec.damaged,
        "errata": [e.model_dump(mode="json") for e in rec.errata],
        "source_file": rec.source_file,
    }


def hit_json(catalog: Catalog, hit: Hit) -> dict[str, Any]:
    data = recommendation_json(catalog, hit.recommendation)
    data["score"] = hit.score
    data["matched_terms"] = list(hit.matched_terms)
    # Matches wrapped in ** so the snippet reads as Markdown emphasis.
    data["highlighted"] = hit.highlighted.replace(HIGHLIGHT_START, "**").replace(HIGHLIGHT_END, "**")
    return data


def documents_table(catalog: Catalog) -> Table:
    table = Table(title="Catalog documents", title_justify="left", expand=False)
    for name in ("key", "symbol", "date", "mechanism", "entries", "supported", "noted", "in part", "unknown"):
        numeric = name in {"entries", "supported", "noted", "in part", "unknown"}
        table.add_column(name, justify="right" if numeric else "left", no_wrap=not numeric)
    for doc in catalog.documents:
        counts = position_counts(doc)
        table.add_row(
            Text(doc.key),
            Text(doc.symbol),  # project documents are user data: never rich markup
            doc.date,
            doc.mechanism.value,
            str(len(doc.recommendations)),
            str(counts["supported"]),
            str(counts["noted"]),
            str(counts["supported-in-part"]),
            str(counts["unknown"]),
        )
    return table


def highlighted_text(marked: str, style: str = "bold yellow") -> Text:
    """Turn the search index's match markers into styled text (never parsed as markup)."""
    text = Text()
    for index, part in enumerate(marked.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START)):
        text.append(part, style=style if index % 2 else None)
    return text


def excerpt(marked: str, width: int = 220) -> str:
    """A window of the text around its first match, keeping the markers."""
    first = marked.find(HIGHLIGHT_START)
    if len(marked) <= width or first < 0:
        return marked if len(marked) <= width else marked[:width].rsplit(" ", 1)[0] + " …"
    start = max(0, first - width // 3)
    start = marked.find(" ", start) + 1 if start else 0
    window = marked[start : start + width].rsplit(" ", 1)[0]
    window = window if window.count(HIGHLIGHT_START) <= window.count(HIGHLIGHT_END) else window + HIGHLIGHT_END
    return ("… " if start else "") + window + (" …" if start + width < len(marked) else "")


def hits_table(catalog: Catalog, hits: list[Hit], query: str) -> Table:
    table = Table(title=Text(f"Search: {query}"), title_justify="left", show_lines=True)
    table.add_column("id", no_wrap=True)
    table.add_column("position", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("excerpt")
    for hit in hits:
        rec = hit.recommendation
        table.add_row(
            Text(rec.id),
            rec.position.value if rec.position else "",
            f"{hit.score:.2f}",
            highlighted_text(excerpt(hit.highlighted)),
        )
    return table


def recommendation_view(catalog: Catalog, rec: Recommendation) -> RenderableType:
    doc = catalog.document_of(rec)
    lines: list[RenderableType] = [
        Text(rec.id, style="bold"),
        Text(citation(doc, rec)),
        Text(""),
    ]
    if rec.heading:
        lines.append(Text(rec.heading, style="italic"))
    lines.append(Text(rec.text))
    lines.append(Text(""))
    details = [
        ("Document", f"{doc.title} ({doc.symbol}, {doc.date})"),
        ("Kind", rec.kind.value + (", follow-up paragraph" if rec.follow_up else "")),
        ("Themes", "; ".join(rec.themes)),
        ("SDGs", ", ".join(f"{goal} {catalog.vocabulary.sdgs.get(goal, '')}".strip() for goal in rec.sdgs)),
        ("Affected persons", "; ".join(rec.affected_persons)),
        ("References", "; ".join(r.text for r in rec.references)),
        ("Action category", str(rec.action_category) if rec.action_category else ""),
        ("UHRI annotation", rec.annotation_id or ""),
        ("Damaged", rec.damaged or ""),
        ("Source", rec.source_file),
    ]
    for label, value in details:
        if value:
            line = Text(f"{label}: ", style="bold")
            line.append(value)
            lines.append(line)
    for erratum in rec.errata:
        line = Text("Erratum: ", style="bold")
        line.append(f"{erratum.id}: {erratum.reason}")
        lines.append(line)
    return Group(*lines)


