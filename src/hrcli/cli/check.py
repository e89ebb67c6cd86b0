"""`hrcli check`, `hrcli rules` and `hrcli explain`."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hrcli.cli.errors import ExitCode, handle_errors, stderr_console
from hrcli.exceptions import UserError


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


@handle_errors
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders to report on (default: the whole project around the current folder)."),
    ] = None,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", envvar="HRCLI_OUTPUT_FORMAT", help="Output format.")
    ] = CheckFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    output_file: Annotated[Path | None, typer.Option("--output-file", "-o", help="Write results here instead of stdout.", dir_okay=False)] = None,
    project: Annotated[Path | None, typer.Option("--project", "-p", help="The project (default: found from PATHS or the current folder).", file_okay=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Check everything again, ignoring .hrcli-cache/.")] = False,
) -> None:
    """Check a report project: syntax, schema, references, consent, submission rules, dates.

    Exit codes: 0 clean, 1 problems found (warnings too with --strict), 2 usage or environment error.
    Results go to stdout (or --output-file); the summary goes to stderr.
    """
    from hrcli import __version__
    from hrcli.checks.cache import CheckCache
    from hrcli.diagnostics.formats import FORMATTERS, RenderContext
    from hrcli.diagnostics.model import Severity
    from hrcli.fsutil import replace_file
    from hrcli.project import find_project, resolve_project

    targets = [p.resolve() for p in paths or []]
    start = targets[0] if targets else None
    root = resolve_project(project) if project else find_project(start if start is None or start.is_dir() else start.parent)
    if root is None:
        raise UserError("not inside an hrcli project", hint="run in a project folder, pass --project DIR, or create one with `hrcli init`")
    for target in targets:
        if not target.exists():
            raise UserError(f"{target}: no such file or folder")
        if not target.is_relative_to(root):
            raise UserError(f"{target} is not inside the project {root}")
    only = [t.relative_to(root).as_posix() for t in targets] if targets and root not in targets else None
    cache = CheckCache(root)
    key = cache.digest(only)
    report = None if no_cache else cache.load(key)
    if report is None:
        from hrcli.checks.run import run_check

        report = run_check(root, only)
        cache.save(key, report)  # a --no-cache run refreshes the cache too
    color = output_format is CheckFormat.TEXT and output_file is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    rendered = FORMATTERS[output_format.value](report, RenderContext(tool_version=__version__, color=color))
    if output_file is not None:
        replace_file(output_file, rendered)
    elif rendered:
        typer.echo(rendered, nl=not rendered.endswith("\n"))
    errors, warnings, infos = (report.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    summary = (
        f"{report.files_checked} files checked: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}, {_plural(infos, 'note')}"
        if report.diagnostics else f"{report.files_checked} files checked: no problems"
    )
    stderr_console().print(summary, markup=False)
    raise typer.Exit(report.exit_code(strict=strict))


def rules(
    output_format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """List the rules `hrcli check` applies."""
    import json

    from hrcli.diagnostics.rules import RULES

    if output_format == "json":
        typer.echo(json.dumps([
            {"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary} for r in RULES.values()
        ], indent=2))
        return
    if output_format != "table":
        stderr_console().print("error: --format must be table or json", markup=False)
        raise typer.Exit(ExitCode.ERROR)
    from rich.console import Console
    from rich.table import Table

    table = Table(title="hrcli check rules", title_justify="left")
    for column in ("code", "name", "severity", "what it finds"):
        table.add_column(column, no_wrap=column != "what it finds")
    for rule in RULES.values():
        table.add_row(rule.code, rule.name, rule.severity.value, rule.summary)
    Console(highlight=False, width=None if sys.stdout.isatty() else 120).print(table)


@handle_errors
def explain(code: Annotated[str, typer.Argument(help="A rule code (HR202) or name (unknown-recommendation).")]) -> None:
    """Explain one rule: what it finds, why it matters, how to fix it."""
    import difflib

    from hrcli.diagnostics.rules import RULES, find_rule
    from hrcli.exceptions import NotFoundError

    rule = find_rule(code)
    if rule is None:
        close = difflib.get_close_matches(code.upper(), list(RULES), n=3)
        raise NotFoundError(f"no rule {code!r}", hint=f"did you mean {', '.join(close)}?" if close else "see `hrcli rules`")
    typer.echo(f"{rule.code} {rule.name} (default: {rule.severity.value})\n\n{rule.summary}\n\n{rule.explanation}")
    if rule.code.startswith("HR4"):
        from hrcli.checks.rulepacks import rule_pack

        typer.echo("\nRule packs (the figures this rule uses, with their sources):")
        for target in ("upr", "ccpr", "cerd", "cat"):
            pack = rule_pack(target)
            limits = ", ".join(f"{k} {v:,} words" for k, v in pack.word_limits.items()) or "no word limit found"
            typer.echo(f"- {pack.name}: {limits}. Source: {pack.source} As of {pack.as_of}, confidence {pack.confidence}.")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
