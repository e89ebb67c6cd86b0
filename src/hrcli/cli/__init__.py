"""The hrcli command line: thin Typer commands over the core modules."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from hrcli import __version__
from hrcli.cli import assess, catalog, collect
from hrcli.cli.check import check, explain, rules
from hrcli.cli.compile import compile_
from hrcli.cli.init import init
from hrcli.cli.suggest import suggest
from hrcli.cli import private as private_cli

app = typer.Typer(
    name="hrcli",
    help=(
        "From local human-rights testimony to reports linked to UN recommendations.\n\n"
        "Exit codes: 0 ok, 1 problems found (or not found), 2 usage or environment error."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(catalog.app, name="catalog")
app.command("init")(init)
app.add_typer(collect.app, name="collect")
app.add_typer(private_cli.app, name="private")
app.command("check")(check)
app.command("rules")(rules)
app.command("explain")(explain)
app.command("compile")(compile_)
app.command("suggest")(suggest)
app.add_typer(assess.app, name="assess")


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"hrcli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """From local human-rights testimony to reports linked to UN recommendations."""


def main() -> None:
    """Console-script entry point."""
    app()


class SchemaName(StrEnum):
    TESTIMONY = "testimony"
    PROJECT = "project"
    CATALOG = "catalog"
    ASSESSMENT = "assessment"


@app.command("schema")
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which format.")] = SchemaName.TESTIMONY,
) -> None:
    """Print the JSON Schema of a format (testimony file, hrcli.yaml, catalog file, or assessment file)."""
    from hrcli.schema import schema_text

    typer.echo(schema_text(name.value), nl=False)
