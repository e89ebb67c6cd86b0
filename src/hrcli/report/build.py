"""Compiling a project: check it, build the report model, render templates, convert, write files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrcli.catalog.store import Catalog
from hrcli.checks.rulepacks import rule_pack
from hrcli.checks.rules import word_count
from hrcli.checks.run import check_project
from hrcli.diagnostics.model import Report, Severity
from hrcli.exceptions import UserError
from hrcli.fsutil import replace_file
from hrcli.loaders import fastyaml
from hrcli.report.environment import environment, render, require_template
from hrcli.report.model import ReportModel, build_model
from hrcli.report.sections import load_sections
from hrcli.resources import catalog_dir, templates_dir

FORMATS = ("md", "html", "docx", "pdf")
BIBLIOGRAPHY_NAMES = ("references.json", "references.bib", "bibliography.json", "bibliography.bib")
TREATY_BODIES = {
    "ccpr": "Human Rights Committee",
    "cerd": "Committee on the Elimination of Racial Discrimination",
    "cat": "Committee against Torture",
}


class CheckFailed(Exception):
    """The project has errors; compile refuses to build. Carries the check report."""

    def __init__(self, report: Report) -> None:
        super().__init__("the project has errors")
        self.report = report


@dataclass
class Options:
    templates: list[str]
    formats: list[str]
    output: Path
    allow_over_limit: bool = False
    source_date_epoch: int | None = None


@dataclass
class Result:
    written: list[Path] = field(default_factory=list)
    word_counts: dict[str, tuple[int, int | None]] = field(default_factory=dict)  # template -> (words, limit)


def compile_project(root: Path, options: Options, progress: Callable[[str], None] = lambda _: None) -> Result:
    progress("checking the project")
    checked = check_project(root)
    project, catalog, found = checked.project, checked.catalog, checked.diagnostics
    # --allow-over-limit covers the sections' own word count too (check's HR401).
    errors = [d for d in found if d.severity is Severity.ERROR and not (options.allow_over_limit and d.code == "HR401")]
    if errors or project.config is None:
        raise CheckFailed(Report(errors or found, files_checked=len(project.files)))
    records = _private_records(root, project)
    private_names = {e.testimony.id: records[e.testimony.id].name for e in project.testimonies
                     if e.testimony.narrator.private and e.testimony.id in records and records[e.testimony.id].name}
    result = Result()
    env = environment(root / "templates")
    for template in options.templates:  # every name is checked before anything is written
        require_template(env, template)
    options.output.mkdir(parents=True, exist_ok=True)
    bibliography = next((root / "sections" / n for n in BIBLIOGRAPHY_NAMES if (root / "sections" / n).is_file()), None)
    reference_doc = next((p for p in (root / "templates" / "reference.docx", templates_dir() / "reference.docx") if p.is_file()), None)
    for template in options.templates:
        progress(f"rendering {template}")
        model = build_model(project, catalog, template, private_names)
        model.sections = load_sections(project.sections, model, catalog, compact=template in WORD_LIMITED)
        model.charts = _charts(model, options.output, template)
        markdown = render(env, template, **_context(model, catalog))
        _refuse_leaks(markdown, project, template, records)
        if template == "upr-submission":
            pack = rule_pack("upr")
            limit = pack.word_limits.get(model.config.target.submission.value)
            words = word_count(markdown)
            result.word_counts[template] = (words, limit)
            if limit is not None and words > limit and not options.allow_over_limit:
                raise UserError(
                    f"{template}: {words:,} words, over the {limit:,}-word limit of {_article(model.config.target.submission.value)} "
                    f"UPR submission ({pack.citation})",
                    hint="shorten the sections or the findings, or build anyway with --allow-over-limit",
                )
        for fmt in options.formats:
            progress(f"writing {template}.{fmt}")
            target = options.output / f"{template}.{fmt}"
            if fmt == "md":
                replace_file(target, markdown)
            else:
                from hrcli.render.convert import convert

                convert(markdown, fmt, target, resource_path=[options.output, root],
                        reference_doc=reference_doc if fmt == "docx" else None, bibliography=bibliography,
                        source_date_epoch=options.source_date_epoch,
                        metadata={"pagetitle": model.config.title, "lang": model.config.language})
            result.written.append(target)
    return result


def _article(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _context(model: ReportModel, catalog: Catalog) -> dict[str, Any]:
    context: dict[str, Any] = {
        name: getattr(model, name)
        for name in ("config", "template", "target_label", "un_target", "testimonies", "findings",
                     "recommendations", "counts", "sections", "charts", "period_label", "organizations",
                     "assessments", "scorecard")
    }
    context["keywords"] = [f.theme for f in model.findings[:6]]
    context["issues"] = _issues(model)
    context["pressing"] = sorted(model.recommendations, key=lambda r: (-len(r.cited_by), r.id))[:3]
    mechanism = model.config.target.mechanism.value
    treaty = _treaty_articles().get(mechanism if mechanism in TREATY_BODIES else "ccpr", {})
    context["treaty"] = {"body": TREATY_BODIES.get(mechanism, "Human Rights Committee"), "name": treaty.get("treaty", "")}
    context["articles"] = _articles(model, catalog, treaty, mechanism if mechanism in TREATY_BODIES else "ccpr")
    return context


WORD_LIMITED = {"upr-submission"}
COMPILATION_SYMBOLS = ("A/HRC/WG.6/",)
ISSUES_MAX = 7
TESTIMONY_PER_ISSUE = 2


def _issues(model: ReportModel) -> list[dict[str, Any]]:
    """The findings a word-limited submission covers: those with UN recommendations, most testimony
    first, each testimony shown under one issue only and at most two per issue."""
    shown: set[str] = set()
    issues = []
    for finding in model.findings:
        if not finding.recommendations or len(issues) == ISSUES_MAX:
            continue
        ids = {r.id for r in finding.recommendations}
        assessment = next((a for a in model.assessments if ids & {r.id for r in a.recommendations}), None)
        # An issue with an assessment already states its evidence: one testimony illustrates it.
        per_issue = 1 if assessment else TESTIMONY_PER_ISSUE
        fresh = [t for t in finding.problems + finding.progress if t.id not in shown][:per_issue]
        shown.update(t.id for t in fresh)
        # Recommendations proper first (they are what the State answered), compilation paragraphs after.
        ordered = sorted(finding.recommendations, key=lambda r: r.reference.startswith(COMPILATION_SYMBOLS))
        issues.append({"theme": finding.theme, "recommendations": ordered, "problems": finding.problems, "assessment": assessment,
                       "progress": finding.progress, "agencies": finding.agencies, "shown": fresh})
    return issues


def _treaty_articles() -> dict[str, Any]:
    path = catalog_dir() / "vocabulary" / "treaty-articles.yaml"
    return fastyaml.load(path.read_text(encoding="utf-8")) or {}


def _articles(model: ReportModel, catalog: Catalog, treaty: dict[str, Any], mechanism: str) -> list[dict[str, Any]]:
    resolve = catalog.vocabulary.themes.resolve
    placed: set[str] = set()
    articles = []
    for article in treaty.get("articles", []):
        themes = {resolve(t) or t for t in article["themes"]}
        members = [t for t in model.testimonies if themes & set(t.themes)]
        if not members:
            continue
        placed.update(t.id for t in members)
        recs = {r.id: r for t in members for r in t.recommendations}
        articles.append({
            "article": article["article"],
            "subject": article["subject"],
            "testimonies": members,
            "observations": [r for r in recs.values() if r.mechanism == mechanism],
            "other_recommendations": [r for r in recs.values() if r.mechanism != mechanism],
        })
    rest = [t for t in model.testimonies if t.id not in placed]
    if rest:
        recs = {r.id: r for t in rest for r in t.recommendations}
        articles.append({"article": "", "subject": "Other concerns", "testimonies": rest,
                         "observations": [r for r in recs.values() if r.mechanism == mechanism],
                         "other_recommendations": [r for r in recs.values() if r.mechanism != mechanism]})
    return articles


def _charts(model: ReportModel, output: Path, template: str) -> dict[str, str]:
    from hrcli.render.charts import bar_chart

    folder = output / "charts"
    folder.mkdir(exist_ok=True)
    # Every chart name is present (empty when there is nothing to draw), so templates can test it.
    charts: dict[str, str] = dict.fromkeys(("testimony_by_theme", "recommendations_by_mechanism", "assessments_by_status"), "")
    if model.findings:
        path = folder / f"{template}-testimony-by-theme.png"
        bar_chart(
            "Testimony by theme and kind",
            [(f.theme, f.count) for f in model.findings[:12]],
            path,
            stacked={"problem": [len(f.problems) for f in model.findings[:12]],
                     "progress": [len(f.progress) for f in model.findings[:12]]},
        )
        charts["testimony_by_theme"] = f"charts/{path.name}"
    if model.assessments:
        path = folder / f"{template}-assessments-by-status.png"
        bar_chart("Local implementation of UN recommendations", list(model.scorecard.items()), path)
        charts["assessments_by_status"] = f"charts/{path.name}"
    if model.recommendations:
        from collections import Counter

        counts = Counter(f"{r.mechanism.upper()}, {r.position or 'no position'}" for r in model.recommendations)
        path = folder / f"{template}-recommendations-by-mechanism.png"
        bar_chart("Cited recommendations by mechanism and US position", sorted(counts.items()), path)
        charts["recommendations_by_mechanism"] = f"charts/{path.name}"
    return charts


def _private_records(root: Path, project: Any) -> dict[str, Any]:
    """The private store's records: read only when a shown publish-named narrator's name is there
    (then the key is required), or when a key is configured anyway (for the leak guard)."""
    from hrcli.private.lookup import records_for_report
    from hrcli.report.model import UN_TARGETS, allowed

    un_target = project.config.target.mechanism in UN_TARGETS
    return records_for_report(root, [e.testimony for e in project.testimonies], lambda t: allowed(t, un_target)) or {}


def _refuse_leaks(markdown: str, project: Any, template: str, records: dict[str, Any] | None = None) -> None:
    """The last lock: no narrator's contact or address, and no name of a narrator who is not
    publish-named, whether it is in a testimony file or (when the store was read) in the private store.

    It matches words the way `check` (HR302) does, so the two never disagree about what a name is.
    """
    from hrcli.checks.rules import add_phrase, find_phrases
    from hrcli.models.enums import ConsentScope

    phrases: dict[tuple[str, ...], list[str]] = {}
    by_id = {entry.testimony.id: entry.testimony for entry in project.testimonies}
    for t in by_id.values():
        if t.narrator.contact:
            add_phrase(phrases, t.narrator.contact, t.id, short_ok=True)
        if t.narrator.name and t.consent.effective_scope is not ConsentScope.PUBLISH_NAMED:
            add_phrase(phrases, t.narrator.name, t.id)
    for testimony_id, record in (records or {}).items():
        t = by_id.get(testimony_id)
        named = t is not None and t.consent.effective_scope is ConsentScope.PUBLISH_NAMED
        for kind, value in record.secrets():
            if not (kind == "name" and named):
                add_phrase(phrases, value, testimony_id, short_ok=kind != "name")
    if not phrases:
        return
    text = markdown.replace("\\", "")
    for _, owners in find_phrases(text, phrases, {len(p) for p in phrases}):
        raise UserError(
            f"{template}: refusing to write: identifying data of the narrator of {owners[0]} would appear in the output",
            hint="run `hrcli check` and remove it from the sections or testimony where it appears",
        )


__all__ = ["CheckFailed", "Options", "Result", "compile_project", "word_count"]
