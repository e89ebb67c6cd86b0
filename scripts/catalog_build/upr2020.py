"""upr-2020: the 347 recommendations of A/HRC/46/15 (UPR 3rd cycle, review of 9 November 2020).

Sources (see the sources' PROVENANCE.md):

* ``A_HRC_46_15.csv``: all 347 recommendations with paragraph, recommending States, position and the
  primary theme, from OHCHR's thematic list of recommendations. Texts lack the trailing
  "(State);" and have collapsed whitespace; both are kept as found.
* ``A_HRC_46_15_thematic_list_partial.csv``: for 122 of them, all UHRI themes, SDGs, affected
  persons and the source of the position. Lists in it are joined with "; ", which also occurs inside
  one theme label; the errata file rejoins it.
* ``A_HRC_46_15_uhri_export_sample.json``: OHCHR annotation ids (UHRI record ids) of 26.1-26.6.

Parser artefacts of the sources (26.34, 26.91, 26.161, 26.347, the truncated theme label) are
corrected only in ``catalog/errata/upr-2020.yaml``.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from catalog_build.errata import DocumentErrata

MAIN = "A_HRC_46_15.csv"
THEMATIC = "A_HRC_46_15_thematic_list_partial.csv"
UHRI_SAMPLE = "A_HRC_46_15_uhri_export_sample.json"

POSITIONS = {"supported": "supported", "noted": "noted", "supported_noted": "supported-in-part"}
THEMATIC_POSITIONS = {"Supported": "supported", "Noted": "noted", "Supported/Noted": "supported-in-part"}
SDG = re.compile(r"^(\d{1,2}) - ")


def split_list(cell: str) -> list[str]:
    """Split a "; "-joined cell; empty cells give an empty list."""
    return [item.strip() for item in cell.split("; ") if item.strip()]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def annotation_ids(path: Path) -> dict[str, str]:
    """Paragraph -> OHCHR annotation id, for the rows of the UHRI sample that carry one."""
    ids = {}
    for row in json.loads(path.read_text(encoding="utf-8")):
        paragraph = row["Text"].split(" ", 1)[0]
        if row.get("OHCHR Annotation Id"):
            ids[paragraph] = row["OHCHR Annotation Id"]
    return ids


def build(sources: Path, errata: DocumentErrata) -> dict[str, Any]:
    thematic = {row["paragraph"]: row for row in read_csv(sources / THEMATIC)}
    uhri_ids = annotation_ids(sources / UHRI_SAMPLE)
    recommendations = []
    for row in read_csv(sources / MAIN):
        paragraph = row["paragraph"]
        extra = thematic.get(paragraph)
        position = POSITIONS[row["position"]]
        rec: dict[str, Any] = {
            "id": f"upr-2020:{paragraph}",
            "paragraph": paragraph,
            "text": row["text"],
            "recommending_states": split_list(row["recommending_states"]),
            "position": position,
            "position_source": "A/HRC/46/15/Add.1, as given in OHCHR's thematic list",
            "themes": [row["primary_theme"]],
            "source_file": MAIN,
        }
        if extra is not None:
            if THEMATIC_POSITIONS[extra["position"]] != position:
                raise ValueError(f"{paragraph}: the two sources disagree on the position")
            rec["position_source"] = extra["source_of_position"]
            themes = split_list(extra["all_themes"])
            rec["themes"] = [row["primary_theme"]] + [t for t in themes if t != row["primary_theme"]]
            rec["sdgs"] = [int(SDG.match(s).group(1)) for s in split_list(extra["sdgs"])]  # type: ignore[union-attr]
            rec["affected_persons"] = split_list(extra["affected_persons"])
        if paragraph in uhri_ids:
            rec["annotation_id"] = uhri_ids[paragraph]
        recommendations.append(rec)

    return {
        "key": "upr-2020",
        "symbol": "A/HRC/46/15",
        "title": "Report of the Working Group on the Universal Periodic Review: United States of America",
        "mechanism": "upr",
        "body": "Human Rights Council, Working Group on the Universal Periodic Review",
        "document_type": "working-group-report",
        "cycle": 3,
        "session": "UPR WG 36",
        "date": "2020-12-15",
        "coverage": (
            "All 347 recommendations (26.1-26.347) with recommending States, position (A/HRC/46/15/Add.1) "
            "and primary theme, from OHCHR's thematic list; full themes, SDGs and affected persons for "
            f"{len(thematic)} of them only; texts lack the trailing '(State);' of the printed report."
        ),
        "sources": [
            {"file": MAIN, "description": "All recommendations from OHCHR's UPR36 thematic list"},
            {"file": THEMATIC, "description": "Themes, SDGs and affected persons for part of them"},
            {"file": UHRI_SAMPLE, "description": "UHRI export rows 26.1-26.7 (annotation ids)"},
        ],
        "recommendations": recommendations,
    }
