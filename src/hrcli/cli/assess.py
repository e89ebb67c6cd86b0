"""`hrcli assess`: record how UN recommendations are implemented locally, and the scorecard."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from hrcli.project import require_project
from hrcli.cli.errors import handle_errors
from hrcli.cli.prompts import Asker
from hrcli.exceptions import UserError
from hrcli.models.enums import Level, Status

app = typer.Typer(help="Assess the local implementation of UN recommendations; the scorecard.", no_args_is_help=True)

STATUSES = [s.value for s in Status]
LEVELS = [level.value for level in Level]


@app.command("new")
@handle_errors
def new(
    recommendation: Annotated[list[str], typer.Argument(help="Catalog id(s) assessed together, e.g. upr-2020:26.286.")],
    project: Annotated[Path | None, typer.Option("--project", "-p", help="The project.", file_okay=False)] = None,
    status: Annotated[str | None, typer.Option(help=" | ".join(STATUSES))] = None,
    level: Annotated[str | None, typer.Option(help=" | ".join(LEVELS))] = None,
    agency: Annotated[list[str] | None, typer.Option(help="Local body responsible; repeatable.")] = None,
    testimony: Annotated[list[str] | None, typer.Option(help="Testimony id used as evidence; repeatable.")] = None,
    summary: Annotated[str | None, typer.Option(help="The assessment, in a few sentences.")] = None,
    assessed: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Date (default: today).")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt; use flags and defaults.")] = False,
) -> None:
    """Write a new assessment file (asks for the fields on a terminal)."""
    from pydantic import ValidationError

    from hrcli.assess import write_assessment
    from hrcli.catalog import load_catalog
    from hrcli.collect import resolve_recommendations
    from hrcli.models.assessment import Assessment
    from hrcli.project import project_catalog_dir
    from hrcli.testimony_io import read_ids

    root = require_project(project)
    catalog = load_catalog(project_catalog_dir(root))
    ids = resolve_recommendations(catalog, recommendation)
    known = {i for i, _ in read_ids(root)}
    ask = Asker(no_input)

    def check_testimony(tid: str) -> str:
        if tid not in known:
            raise UserError(f"no testimony {tid!r} in this project")
        return tid

    data = {
        "recommendations": ids,
        "status": ask.choice("Local status", status, STATUSES, "unknown", flag="--status"),
        "level": ask.choice("Level", level, LEVELS, "city", flag="--level"),
        "agencies": ask.many("Agencies responsible", agency),
        "summary": ask.text("Summary", summary, flag="--summary"),
        "assessed": assessed.date() if assessed else dt.date.today(),
        "evidence": {"testimony": ask.many("Testimony used as evidence", testimony, check=check_testimony, hint="ids, comma-separated")},
    }
    if data["status"] not in STATUSES:
        raise UserError(f"unknown status {data['status']!r}", hint=f"use one of {', '.join(STATUSES)}")
    if data["level"] not in LEVELS:
        raise UserError(f"unknown level {data['level']!r}", hint=f"use one of {', '.join(LEVELS)}")
    try:
        assessment = Assessment.model_validate(data)
    except ValidationError as error:
        item = error.errors()[0]
        raise UserError(f"{'.'.join(map(str, item['loc']))}: {item['msg']}") from None
    typer.echo(write_assessment(root, assessment))


@app.command("status")
@handle_errors
def status_(
    project: Annotated[Path | None, typer.Option("--project", "-p", help="The project.", file_okay=False)] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    since: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Also list what changed since this date.")] = None,
) -> None:
    """The scorecard: assessments by status, theme, mechanism and agency."""
    from hrcli.assess import scorecard
    from hrcli.catalog import load_catalog
    from hrcli.checks.assessments import load_assessments
    from hrcli.checks.locate import Locator
    from hrcli.project import project_catalog_dir

    if output_format not in {"table", "json"}:
        raise UserError(f"unknown format {output_format!r}", hint="use table or json")
    root = require_project(project)
    problems: list = []
    entries, files = load_assessments(root, problems, Locator(root))
    if problems:
        raise UserError(f"{len(problems)} assessment files have problems", hint="run `hrcli check` and fix them first")
    card = scorecard(entries, load_catalog(project_catalog_dir(root)), since.date() if since else None)
    if output_format == "json":
        typer.echo(json.dumps(card.to_json(), ensure_ascii=False, indent=2))
        return
    _print_tables(card, since)


def _print_tables(card, since) -> None:  # noqa: ANN001
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
    if not card.total:
        console.print("No assessments yet: `hrcli assess new ID` writes one.", markup=False)
        return
    columns = [s for s in STATUSES if any(s in row for row in [card.by_status])]
    summary = Table(title=f"Scorecard: {card.total} assessments", title_justify="left")
    for status in columns:
        summary.add_column(status, justify="right")
    summary.add_row(*(str(card.by_status.get(s, 0)) for s in columns))
    console.print(summary)
    for title, counts in (("By theme", card.by_theme), ("By mechanism", card.by_mechanism), ("By agency", card.by_agency)):
        table = Table(title=title, title_justify="left")
        table.add_column("")
        for status in columns:
            table.add_column(status, justify="right")
        for key, row in counts.items():
            table.add_row(Text(key), *(str(row.get(s, 0)) for s in columns))
        console.print(table)
    if since is not None:
        table = Table(title=f"Changed since {since.date().isoformat()}", title_justify="left")
        for column in ("recommendations", "before", "now", "assessed"):
            table.add_column(column)
        for change in card.changes:
            table.add_row(Text(", ".join(change.recommendations)), change.before, change.after, change.date)
        console.print(table if card.changes else f"Nothing changed since {since.date().isoformat()}.")
