"""The report model: what templates see, after consent has decided what may appear.

Consent is applied here, once, before any template runs: internal-only and withdrawn testimony
is left out (it counts only in aggregate numbers), a UN target keeps only testimony whose narrator
agreed to share it with the UN, and a narrator is shown by pseudonym unless the consent is
publish-named (the name comes from the testimony file or, given by the caller, from the private
store). No contact ever enters the model. Templates therefore cannot leak what they
never receive.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from hrcli.catalog.citation import POSITION_LABELS, reference
from hrcli.catalog.model import Recommendation
from hrcli.catalog.store import Catalog
from hrcli.checks.load import LoadedProject, TestimonyEntry
from hrcli.checks.rules import UN_TARGETS
from hrcli.models.enums import ConsentScope, Kind, TargetMechanism
from hrcli.models.project import ProjectConfig
from hrcli.models.testimony import Testimony

MECHANISM_LABELS = {
    "upr": "Universal Periodic Review",
    "ccpr": "Human Rights Committee",
    "cerd": "Committee on the Elimination of Racial Discrimination",
    "cat": "Committee against Torture",
    "local": "local officials",
}


@dataclass
class QuoteView:
    text: str
    language: str | None
    translation: str | None


@dataclass
class RecommendationView:
    """A catalog entry as a report cites it."""

    id: str
    reference: str  # "A/HRC/46/15, para. 26.125"
    text: str
    states: str  # "Algeria; Brazil" or ""
    position: str  # "supported", "noted", "supported in part" or ""
    position_source: str
    document: str  # document title
    symbol: str
    mechanism: str
    heading: str
    themes: list[str]
    cited_by: list[str] = field(default_factory=list)  # testimony ids

    @property
    def citation(self) -> str:
        parts = [self.reference]
        if self.states:
            parts.append(f"recommended by {self.states}")
        if self.position:
            parts.append(f"United States position: {self.position}")
        return "; ".join(parts)


@dataclass
class TestimonyView:
    id: str
    title: str
    kind: str
    when: str  # "June 2022", "2021 to 2023"
    area: str
    narrator: str  # pseudonym, or the name if publish-named
    named: bool
    groups: list[str]
    summary: str
    quotes: list[QuoteView]
    themes: list[str]
    recommendations: list[RecommendationView]
    agencies: list[str]
    method: str
    collected: str  # ISO date


@dataclass
class Finding:
    """One theme of the report: problems, progress, and the UN's recommendations on it."""

    theme: str
    problems: list[TestimonyView]
    progress: list[TestimonyView]
    recommendations: list[RecommendationView]
    agencies: list[str]

    @property
    def count(self) -> int:
        return len(self.problems) + len(self.progress)


@dataclass
class Counts:
    total: int  # every testimony in the project
    used: int  # those this report may use
    withheld: int  # internal-only or withdrawn, or without UN consent for a UN target
    by_kind: dict[str, int]
    by_method: dict[str, int]
    by_scope: dict[str, int]  # effective scopes, over all testimony
    withdrawn: int


STATUS_LABELS = {
    "not-implemented": "not implemented",
    "partially-implemented": "partially implemented",
    "implemented": "implemented",
    "regressed": "regressed",
    "unknown": "unknown",
}


@dataclass
class AssessmentView:
    """A local assessment of one or more recommendations, as reports show it."""

    recommendations: list[RecommendationView]
    status: str  # not-implemented, ...
    status_label: str  # "not implemented"
    level: str
    agencies: list[str]
    summary: str
    assessed: str
    testimony: list[str]  # evidence the report may show (consent applied)
    data: list[str]  # "Eviction filings in Riverton Municipal Court: 1,240 (...) (source, date)"
    history: list[str]  # "2022-11-01: not implemented"


@dataclass
class ReportModel:
    config: ProjectConfig
    template: str
    target_label: str
    un_target: bool
    testimonies: list[TestimonyView]
    findings: list[Finding]
    recommendations: list[RecommendationView]  # every cited entry, by id
    counts: Counts
    sections: list[Section] = field(default_factory=list)
    charts: dict[str, str] = field(default_factory=dict)  # name -> image path relative to the output
    period_label: str = ""
    assessments: list[AssessmentView] = field(default_factory=list)
    scorecard: dict[str, int] = field(default_factory=dict)  # status label -> count

    @property
    def organizations(self) -> list[str]:
        return [org.name for org in self.config.organizations]


@dataclass
class Section:
    path: str
    title: str
    markdown: str  # trusted Markdown written by the compilers, citations resolved
    paragraphs: list[str] = field(default_factory=list)  # blocks, for numbered templates


def allowed(testimony: Testimony, un_target: bool) -> bool:
    """Whether this report may show a testimony at all."""
    consent = testimony.consent
    return consent.allows_un if un_target else consent.publishable


def _when(t: Testimony) -> str:
    if t.date:
        return t.date.strftime("%B %Y")
    if t.period:
        end = t.period.end.strftime("%B %Y") if t.period.end else "ongoing"
        return f"{t.period.start.strftime('%B %Y')} to {end}"
    return ""


def recommendation_view(catalog: Catalog, rec: Recommendation) -> RecommendationView:
    doc = catalog.document_of(rec)
    return RecommendationView(
        id=rec.id,
        reference=reference(doc, rec),
        text=rec.text,
        states="; ".join(rec.recommending_states),
        position=POSITION_LABELS[rec.position] if rec.position else "",
        position_source=rec.position_source or "",
        document=doc.title,
        symbol=doc.symbol,
        mechanism=doc.mechanism.value,
        heading=rec.heading or "",
        themes=list(rec.themes),
    )


def testimony_view(t: Testimony, catalog: Catalog, recs: dict[str, RecommendationView],
                   private_names: dict[str, str] | None = None) -> TestimonyView:
    """``private_names``: names of publish-named narrators that live in the private store, by testimony id."""
    name = t.narrator.name or (private_names or {}).get(t.id)
    named = t.consent.effective_scope is ConsentScope.PUBLISH_NAMED and bool(name)
    resolve = catalog.vocabulary.themes.resolve
    linked = []
    for reference_id in t.recommendations:
        rec = catalog.get(reference_id)
        if rec is None:
            continue
        view = recs.setdefault(rec.id, recommendation_view(catalog, rec))
        if t.id not in view.cited_by:
            view.cited_by.append(t.id)
        linked.append(view)
    return TestimonyView(
        id=t.id,
        title=t.title,
        kind=t.kind.value,
        when=_when(t),
        area=t.location.area or "",
        narrator=name if named and name else (t.narrator.pseudonym or "Anonymous resident"),
        named=named,
        groups=[catalog.vocabulary.groups.resolve(g) or g for g in t.narrator.groups],
        summary=t.summary,
        quotes=[QuoteView(q.text, q.language, q.translation) for q in t.quotes],
        themes=list(dict.fromkeys(resolve(theme) or theme for theme in t.themes)),
        recommendations=linked,
        agencies=list(t.agencies),
        method=t.collected.method.value,
        collected=t.collected.on.isoformat(),
    )


def build_model(project: LoadedProject, catalog: Catalog, template: str, private_names: dict[str, str] | None = None) -> ReportModel:
    config = project.config
    assert config is not None, "compile runs only on projects that check without errors"
    un_target = config.target.mechanism in UN_TARGETS
    entries: list[TestimonyEntry] = sorted(project.testimonies, key=lambda e: e.testimony.id)
    recs: dict[str, RecommendationView] = {}
    views = [testimony_view(e.testimony, catalog, recs, private_names) for e in entries if allowed(e.testimony, un_target)]
    by_theme: dict[str, list[TestimonyView]] = defaultdict(list)
    for view in views:
        for theme in view.themes or ["Other concerns"]:
            by_theme[theme].append(view)
    findings = []
    for theme, members in sorted(by_theme.items(), key=lambda item: (-len(item[1]), item[0])):
        theme_recs = {r.id: r for v in members for r in v.recommendations}
        findings.append(Finding(
            theme=theme,
            problems=[v for v in members if v.kind == Kind.PROBLEM.value],
            progress=[v for v in members if v.kind == Kind.PROGRESS.value],
            recommendations=[theme_recs[k] for k in sorted(theme_recs, key=_id_order)],
            agencies=sorted({a for v in members for a in v.agencies}),
        ))
    everyone = [e.testimony for e in entries]
    counts = Counts(
        total=len(everyone),
        used=len(views),
        withheld=len(everyone) - len(views),
        by_kind=dict(Counter(v.kind for v in views)),
        by_method=dict(Counter(v.method for v in views).most_common()),
        by_scope=dict(Counter(t.consent.effective_scope.value for t in everyone)),
        withdrawn=sum(1 for t in everyone if t.consent.withdrawn is not None),
    )
    assessments = assessment_views(project, catalog, recs, {v.id for v in views})
    return ReportModel(
        assessments=assessments,
        scorecard=dict(Counter(a.status_label for a in assessments).most_common()),
        config=config,
        template=template,
        target_label=MECHANISM_LABELS[config.target.mechanism.value],
        un_target=un_target,
        testimonies=views,
        findings=findings,
        recommendations=[recs[k] for k in sorted(recs, key=_id_order)],
        counts=counts,
        period_label=f"{_month(config.period.start)} to {_month(config.period.end)}",
    )


def assessment_views(project: LoadedProject, catalog: Catalog, recs: dict[str, RecommendationView],
                     shown: set[str]) -> list[AssessmentView]:
    """Assessments with their recommendations, in catalog order; evidence limited to shown testimony."""
    views = []
    for entry in project.assessments:
        a = entry.assessment
        linked = []
        for reference_id in a.recommendations:
            rec = catalog.get(reference_id)
            if rec is not None:
                linked.append(recs.setdefault(rec.id, recommendation_view(catalog, rec)))
        views.append(AssessmentView(
            recommendations=linked,
            status=a.status.value,
            status_label=STATUS_LABELS[a.status.value],
            level=a.level.value,
            agencies=list(a.agencies),
            summary=a.summary,
            assessed=a.assessed.isoformat(),
            testimony=[tid for tid in a.evidence.testimony if tid in shown],
            data=[f"{d.description}: {d.value} ({d.source}, {d.date.isoformat()})" for d in a.evidence.data],
            history=[f"{h.date.isoformat()}: {STATUS_LABELS[h.status.value]}" for h in a.history],
        ))
    return sorted(views, key=lambda v: _id_order(v.recommendations[0].id) if v.recommendations else ("", (), ""))


def _month(day: dt.date) -> str:
    return day.strftime("%B %Y")


def _id_order(rec_id: str) -> tuple[str, tuple[int, ...], str]:
    """Document, then paragraph numerically (26.9 before 26.10), then sub-paragraph."""
    key, _, rest = rec_id.partition(":")
    number, _, sub = rest.partition("(")
    return key, tuple(int(part) for part in number.split(".") if part.isdigit()), sub
