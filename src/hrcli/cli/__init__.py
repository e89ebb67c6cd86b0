"""The hrcli command line: thin Typer commands over the core modules."""

from __future__ import annotations

from typing import Annotated

import typer

from hrcli import __version__
from hrcli.cli import catalog

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
