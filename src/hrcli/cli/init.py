"""`hrcli init`: create a report project."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from hrcli.cli.errors import handle_errors
from hrcli.cli.prompts import Asker
from hrcli.models.enums import SubmissionType, TargetMechanism


@handle_errors
def init(
    directory: Annotated[Path, typer.Argument(help="Folder for the new project (created if missing).", file_okay=False)],
    city: Annotated[str | None, typer.Option(help="City or county the report covers.")] = None,
    state: Annotated[str | None, typer.Option(help="US state, e.g. OH.")] = None,
    title: Annotated[str | None, typer.Option(help="Report title.")] = None,
    organization: Annotated[str | None, typer.Option("--organization", "--org", help="Submitting organization.")] = None,
    contact_email: Annotated[str | None, typer.Option("--email", help="The coalition's public contact e-mail.")] = None,
    mechanism: Annotated[TargetMechanism | None, typer.Option(help="Target mechanism.")] = None,
    cycle: Annotated[int | None, typer.Option(min=1, help="UPR cycle.")] = None,
    submission: Annotated[SubmissionType | None, typer.Option(help="individual or joint submission.")] = None,
    period_start: Annotated[dt.datetime | None, typer.Option("--from", formats=["%Y-%m-%d"], help="First day covered.")] = None,
    period_end: Annotated[dt.datetime | None, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day covered.")] = None,
    language: Annotated[str | None, typer.Option(help="Report language code.")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt; use flags and defaults.")] = False,
) -> None:
    """Create a report project: hrcli.yaml, folders, .gitignore, pre-commit and CI set-up."""
    from hrcli.scaffold import ProjectAnswers, create_project

    ask = Asker(no_input)
    answers = ProjectAnswers(
        city=ask.text("City", city, flag="--city") or "",
        state=ask.text("State", state, flag="--state") or "",
    )
    answers.title = ask.text("Report title", title, answers.report_title, flag="--title")
    answers.organization = ask.text("Submitting organization", organization, answers.organization, flag="--organization") or answers.organization
    answers.contact_email = ask.text("Public contact e-mail", contact_email, flag="--email", required=False)
    answers.mechanism = ask.choice("Target mechanism", mechanism, list(TargetMechanism), TargetMechanism.UPR, flag="--mechanism")
    answers.cycle = cycle if cycle is not None else (4 if answers.mechanism is TargetMechanism.UPR else None)
    answers.submission = ask.choice("Submission", submission, list(SubmissionType), SubmissionType.INDIVIDUAL, flag="--submission")
    if period_start:
        answers.period_start = period_start.date()
    if period_end:
        answers.period_end = period_end.date()
    answers.language = language or answers.language
    written = create_project(directory, answers)
    for path in written:
        typer.echo(path)
    typer.echo(f"Created the project in {directory}. Next: cd {directory} && hrcli collect new", err=True)
