"""Assessments: loading them, writing new ones, and the scorecard (`hrcli assess status`)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from hrcli.catalog.store import Catalog
from hrcli.fsutil import write_new
from hrcli.models.assessment import Assessment, Status

ASSESSMENTS_FOLDER = "assessments"
STATUS_ORDER = [s.value for s in Status]
MODELINE = "# yaml-language-server: $schema=../schema/assessment.schema.json"


@dataclass
class AssessmentEntry:
    assessment: Assessment
    path: str  # relative to the project


def assessment_files(project: Path) -> list[Path]:
    folder = project / ASSESSMENTS_FOLDER
    return sorted(p for p in folder.glob("*.y*ml") if p.is_file()) if folder.is_dir() else []


def file_name_for(recommendation_id: str) -> str:
    """A file name from a catalog id: upr-2020:26.125 -> upr-2020-26.125.yaml."""
    return re.sub(r"[^A-Za-z0-9.-]+", "-", recommendation_id).strip("-") + ".yaml"


def assessment_yaml(assessment: Assessment) -> str:
    from hrcli.testimony_io import yaml_ready

    data = assessment.model_dump(mode="python", exclude_none=True)
    data["evidence"] = {k: v for k, v in data["evidence"].items() if v}
    if not data["evidence"]:
        data.pop("evidence")
    data = yaml_ready(data)
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return MODELINE + "\n# status: not-implemented | partially-implemented | implemented | regressed | unknown\n" + stream.getvalue()


def write_assessment(project: Path, assessment: Assessment) -> Path:
    path = project / ASSESSMENTS_FOLDER / file_name_for(assessment.recommendations[0])
    write_new(path, assessment_yaml(assessment))
    return path


@dataclass
class Change:
    recommendations: list[str]
    before: str
    after: str
    date: str
    path: str


@dataclass
class Scorecard:
    total: int
    by_status: dict[str, int]
    by_theme: dict[str, dict[str, int]]
    by_mechanism: dict[str, dict[str, int]]
    by_agency: dict[str, dict[str, int]]
    changes: list[Change] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "total": self.total,
            "by_status": self.by_status,
            "by_theme": self.by_theme,
            "by_mechanism": self.by_mechanism,
            "by_agency": self.by_agency,
            "changes": [c.__dict__ for c in self.changes],
            "assessments": self.rows,
        }


def _count(rows: list[tuple[str, str]]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter[str]] = {}
    for key, status in rows:
        table.setdefault(key, Counter())[status] += 1
    return {key: {s: counts[s] for s in STATUS_ORDER if counts[s]} for key, counts in sorted(table.items())}


def scorecard(entries: list[AssessmentEntry], catalog: Catalog, since: dt.date | None = None) -> Scorecard:
    """Counts by status, theme, mechanism and agency; and what changed since a date."""
    resolve = catalog.vocabulary.themes.resolve
    themes, mechanisms, agencies, rows = [], [], [], []
    changes = []
    for entry in entries:
        a = entry.assessment
        status = a.status.value
        recs = [r for r in (catalog.get(i) for i in a.recommendations) if r is not None]
        for theme in sorted({resolve(t) or t for rec in recs for t in rec.themes}):
            themes.append((theme, status))
        for mechanism in sorted({catalog.document_of(rec).mechanism.value for rec in recs}):
            mechanisms.append((mechanism, status))
        for agency in a.agencies or ["(none named)"]:
            agencies.append((agency, status))
        rows.append({
            "recommendations": a.recommendations, "status": status, "level": a.level.value,
            "assessed": a.assessed.isoformat(), "agencies": a.agencies, "path": entry.path,
            "positions": [rec.position.value if rec.position else None for rec in recs],
            "evidence": {"testimony": a.evidence.testimony, "documents": len(a.evidence.documents), "data": len(a.evidence.data)},
        })
        if since is not None:
            earlier = [h for h in a.history if h.date <= since]
            before = earlier[-1].status.value if earlier else None
            if a.assessed > since and before != status:
                changes.append(Change(a.recommendations, before or "not assessed", status, a.assessed.isoformat(), entry.path))
    by_status = Counter(e.assessment.status.value for e in entries)
    return Scorecard(
        total=len(entries),
        by_status={s: by_status[s] for s in STATUS_ORDER if by_status[s]},
        by_theme=_count(themes),
        by_mechanism=_count(mechanisms),
        by_agency=_count(agencies),
        changes=changes,
        rows=rows,
    )
