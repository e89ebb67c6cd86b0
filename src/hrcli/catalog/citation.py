"""How entries are cited in outputs: by symbol and paragraph, with States and position."""

from __future__ import annotations

from hrcli.catalog.model import Document, Position, Recommendation

POSITION_LABELS = {
    Position.SUPPORTED: "supported",
    Position.NOTED: "noted",
    Position.SUPPORTED_IN_PART: "supported in part",
}


def reference(doc: Document, rec: Recommendation) -> str:
    """Symbol and paragraph: 'A/HRC/46/15, para. 26.125', 'CCPR/C/USA/CO/4, para. 22 (e)'."""
    return f"{doc.symbol}, para. {rec.label}"


def citation(doc: Document, rec: Recommendation) -> str:
    """The full citation line: reference, recommending State(s), position and its source."""
    parts = [reference(doc, rec)]
    if rec.recommending_states:
        parts.append("recommended by " + ", ".join(rec.recommending_states))
    if rec.position is not None:
        position = f"position: {POSITION_LABELS[rec.position]}"
        if rec.position_source:
            position += f" ({rec.position_source})"
        parts.append(position)
    elif doc.document_type.value == "working-group-report":
        parts.append("position: unknown")
    return " · ".join(parts)
