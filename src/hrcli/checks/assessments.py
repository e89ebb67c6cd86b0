"""Checking assessment files: schema, references, history order, and consent of cited testimony."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from hrcli.assess import AssessmentEntry, assessment_files
from hrcli.checks.load import LoadedProject, _dotted, diagnostic, parse_yaml, read_text, relative, shown, validation_diagnostics
from hrcli.checks.locate import Locator
from hrcli.diagnostics.model import Diagnostic, Location
from hrcli.models.assessment import Assessment


def load_assessments(root: Path, out: list[Diagnostic], locator: Locator) -> tuple[list[AssessmentEntry], list[str]]:
    """Valid assessments, and the relative paths of every assessment file."""
    entries, files = [], []
    for path in assessment_files(root):
        rel = relative(root, path)
        files.append(rel)
        text = read_text(root, path, out)
        data = parse_yaml(rel, text, out) if text is not None else None
        if text is None or data is None:
            continue
        if not isinstance(data, dict):
            out.append(diagnostic("HR008", "an assessment file must be a mapping of fields", Location(rel, 1, 1)))
            continue
        try:
            entries.append(AssessmentEntry(Assessment.model_validate(data), rel))
        except ValidationError as error:
            out.extend(validation_diagnostics(
                error, Assessment, lambda loc, key, rel=rel: Location(rel, *locator.position(rel, loc, key=key)), _dotted
            ))
    return entries, files


def assessment_rules(project: LoadedProject, entries: list[AssessmentEntry], catalog, un_target: bool) -> Iterable[Diagnostic]:  # noqa: ANN001
    """References, history order, duplicates and the consent of testimony used as evidence."""
    at = project.locator.position
    by_id = {e.testimony.id: e.testimony for e in project.testimonies}
    assessed: dict[str, str] = {}
    for entry in entries:
        a, rel = entry.assessment, entry.path
        for index, reference in enumerate(a.recommendations):
            rec = catalog.get(reference)
            where = Location(rel, *at(rel, ("recommendations", index)))
            if rec is None:
                close = catalog.suggest_ids(reference)
                yield diagnostic("HR202", f"unknown recommendation {shown(reference)}", where, pointer=f"recommendations[{index}]",
                                 hint=f"did you mean {', '.join(close)}?" if close else "find ids with `hrcli catalog search`")
                continue
            if rec.id in assessed:
                yield diagnostic("HR704", f"{rec.id} is also assessed in {assessed[rec.id]}", where, pointer=f"recommendations[{index}]",
                                 hint="keep one assessment per recommendation; record earlier ones under history")
            else:
                assessed[rec.id] = rel
        for index, tid in enumerate(a.evidence.testimony):
            where = Location(rel, *at(rel, ("evidence", "testimony", index)))
            testimony = by_id.get(tid)
            if testimony is None:
                yield diagnostic("HR701", f"testimony {shown(tid)} does not exist", where, pointer=f"evidence.testimony[{index}]",
                                 hint="check the id against the files in testimony/")
            elif not (testimony.consent.allows_un if un_target else testimony.consent.publishable):
                why = "withdrawn" if testimony.consent.withdrawn else ("internal only" if not testimony.consent.publishable else "not for the UN")
                yield diagnostic("HR703", f"testimony {tid} is used as evidence but its consent is {why}", where,
                                 pointer=f"evidence.testimony[{index}]", hint="remove it from the evidence: reports show assessments' evidence")
        dates = [h.date for h in a.history]
        for index in range(1, len(dates)):
            if dates[index] < dates[index - 1]:
                yield diagnostic("HR702", "history is out of order", Location(rel, *at(rel, ("history", index, "date"))),
                                 pointer=f"history[{index}].date", hint="list earlier assessments oldest first")
                break
        if dates and dates[-1] > a.assessed:
            yield diagnostic("HR702", "a history entry is later than the current assessment",
                             Location(rel, *at(rel, ("assessed",))), pointer="assessed",
                             hint="the current assessment is the newest; move it to history or update `assessed`")
