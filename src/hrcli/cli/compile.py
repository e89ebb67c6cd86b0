"""`hrcli compile`: the report in Markdown, HTML, DOCX and PDF."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from hrcli.cli.errors import ExitCode, handle_errors, one_project, stderr_console
from hrcli.exceptions import UserError

FORMATS = ("md", "html", "docx", "pdf")


@handle_errors
def compile_(
    project: Annotated[Path | None, typer.Argument(help="The project (default: the one around the current folder).", file_okay=False)] = None,
    project_option: Annotated[Path | None, typer.Option("--project", "-p", help="The project, as an option (same as PROJECT).", file_okay=False)] = None,
    template: Annotated[
        list[str] | None,
        typer.Option("--template", "-t", help="city-report, upr-submission, treaty-shadow, brief, or a project template; repeatable (default: hrcli.yaml outputs.templates)."),
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="Comma-separated formats: md,html,docx,pdf (default: hrcli.yaml outputs.formats).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Output folder (default: PROJECT/output).", file_okay=False)] = None,
    allow_over_limit: Annotated[bool, typer.Option("--allow-over-limit", help="Build a UPR submission even if it is over the word limit.")] = False,
) -> None:
    """Compile the report: check, render the templates, convert with pandoc (and Typst for PDF).

    Refuses to build while `hrcli check` finds errors. Prints the written files on stdout.
    The same inputs give byte-identical Markdown and HTML; set SOURCE_DATE_EPOCH for fixed
    dates in DOCX and PDF.
    """
    from hrcli.project import require_project
    from hrcli.report.build import CheckFailed, Options, compile_project

    root = require_project(one_project(project, project_option))
    formats = [f.strip().lower() for f in to.split(",") if f.strip()] if to else None
    for fmt in formats or []:
        if fmt not in FORMATS:
            raise UserError(f"unknown format {fmt!r}", hint=f"use one or more of {','.join(FORMATS)}")
    config_templates, config_formats = _configured(root)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.isdigit():
        raise UserError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds")
    out = (output or root / "output").resolve()
    for folder in ("sections", "testimony", "catalog", "assessments", "private", "templates"):
        if out == (root / folder).resolve() or out.is_relative_to((root / folder).resolve()):
            raise UserError(f"the output folder {out} is inside the project's {folder}/",
                            hint="compile would read or overwrite its own inputs; use -o output (the default) or a folder elsewhere")
    options = Options(
        templates=list(dict.fromkeys(template or config_templates)),
        formats=list(dict.fromkeys(formats or config_formats)),
        output=out,
        allow_over_limit=allow_over_limit,
        source_date_epoch=int(epoch) if epoch else None,
    )
    from rich.text import Text

    console = stderr_console()
    show = console.is_terminal

    def progress(message: str) -> None:
        if show:
            console.print(Text(f"{message}…", style="dim"))

    try:
        result = compile_project(root, options, progress)
    except CheckFailed as failed:
        from hrcli import __version__
        from hrcli.diagnostics.formats import FORMATTERS, RenderContext

        sys.stderr.write(FORMATTERS["text"](failed.report, RenderContext(tool_version=__version__)))
        console.print(f"error: not compiling: `hrcli check` finds {len(failed.report.diagnostics)} errors", markup=False)
        raise typer.Exit(ExitCode.FINDINGS) from None
    for path in result.written:
        typer.echo(path)
    for name, (words, limit) in result.word_counts.items():
        console.print(f"{name}: {words:,} words" + (f" (limit {limit:,})" if limit else ""), markup=False)


def _configured(root: Path) -> tuple[list[str], list[str]]:
    from hrcli.loaders import fastyaml

    try:
        data = fastyaml.load((root / "hrcli.yaml").read_text(encoding="utf-8")) or {}
        outputs = data.get("outputs") or {}
        return list(outputs.get("templates") or ["city-report"]), list(outputs.get("formats") or list(FORMATS))
    except Exception:  # noqa: BLE001 - a broken config is reported by the check compile runs first
        return ["city-report"], list(FORMATS)
