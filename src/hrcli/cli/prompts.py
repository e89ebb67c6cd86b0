"""Asking on a terminal, or not at all: every prompt has a flag, and --no-input never waits."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

import typer

from hrcli.exceptions import UserError

T = TypeVar("T")


def stdin_is_terminal() -> bool:
    """Whether a person can answer prompts (a function, so tests can stand in for a terminal)."""
    return sys.stdin.isatty()


class Asker:
    """Fills in missing values: by prompting on a terminal, else from defaults, else an error."""

    def __init__(self, no_input: bool) -> None:
        self.interactive = not no_input and stdin_is_terminal()

    def text(self, label: str, value: str | None, default: str | None = None, *, flag: str, required: bool = True) -> str | None:
        if value is not None:
            return value
        if self.interactive:
            answer = typer.prompt(label, default=default if default is not None else ("" if not required else None), show_default=default is not None)
            return answer.strip() or None
        if default is not None or not required:
            return default
        raise UserError(f"{flag} is required when hrcli cannot ask (no terminal or --no-input)")

    def choice(self, label: str, value: T | None, choices: Sequence[T], default: T, *, flag: str) -> T:
        if value is not None:
            return value
        if not self.interactive:
            return default
        names = [str(getattr(c, "value", c)) for c in choices]
        answer = typer.prompt(f"{label} ({' / '.join(names)})", default=str(getattr(default, "value", default)))
        while answer not in names:
            typer.echo(f"choose one of: {', '.join(names)}", err=True)
            answer = typer.prompt(label, default=str(getattr(default, "value", default)))
        return choices[names.index(answer)]

    def many(self, label: str, values: list[str] | None, *, check: Callable[[str], str] | None = None, hint: str = "") -> list[str]:
        """A list: from flags, or a comma-separated answer checked item by item."""
        if values:
            return list(dict.fromkeys(check(v) if check else v for v in values))
        if not self.interactive:
            return []
        while True:
            answer = typer.prompt(f"{label}{' (' + hint + ')' if hint else ''}", default="", show_default=False)
            items = [item.strip() for item in answer.split(",") if item.strip()]
            try:
                return list(dict.fromkeys(check(item) if check else item for item in items))
            except UserError as error:
                typer.echo(f"{error.message}" + (f" ({error.hint})" if error.hint else ""), err=True)

    def confirm(self, label: str, value: bool | None, default: bool) -> bool:
        if value is not None:
            return value
        if not self.interactive:
            return default
        return typer.confirm(label, default=default)
