"""Exit codes, turning aborting exceptions into one-line messages instead of tracebacks, and the
usage checks several commands share."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import typer
from hrcli.exceptions import HrcliError, NotFoundError, UserError

if TYPE_CHECKING:
    from rich.console import Console

P = ParamSpec("P")
R = TypeVar("R")


class ExitCode(IntEnum):
    """hrcli's exit codes: 0 ok, 1 problems found, 2 usage or environment error."""

    OK = 0
    FINDINGS = 1
    ERROR = 2


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def report_error(error: HrcliError) -> None:
    console = stderr_console()
    console.print(f"error: {error.message}", markup=False)
    if error.hint:
        console.print(f"hint: {error.hint}", markup=False)


def handle_errors(function: Callable[P, R]) -> Callable[P, R]:
    """Run a command; expected errors become a message on stderr and an exit code."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except NotFoundError as error:
            report_error(error)
            raise typer.Exit(ExitCode.FINDINGS) from None
        except HrcliError as error:
            report_error(error)
            raise typer.Exit(ExitCode.ERROR) from None
        except BrokenPipeError:  # `hrcli ... | head`: the reader left; nothing more to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            raise typer.Exit(ExitCode.OK) from None
        except KeyboardInterrupt:
            stderr_console().print("interrupted", markup=False)
            raise typer.Exit(130) from None
        except Exception as error:  # a bug: say so briefly, keep the traceback behind a switch
            if os.environ.get("HRCLI_TRACEBACK"):
                raise
            stderr_console().print(
                f"internal error: {type(error).__name__}: {error}\n"
                "hint: this is a bug in hrcli; run again with HRCLI_TRACEBACK=1 and report it",
                markup=False,
            )
            raise typer.Exit(ExitCode.ERROR) from None

    return wrapper


@contextlib.contextmanager
def option_lookup() -> Iterator[None]:
    """An unknown value given to an option is a usage error (exit 2), not a "not found" (exit 1).

    Exit 1 is for the thing a command was asked about (`catalog show ID`); a bad --document or
    --recommendation value is a mistake in how the command was called.
    """
    try:
        yield
    except NotFoundError as error:
        raise UserError(error.message, hint=error.hint) from None


def one_project(argument: Path | None, option: Path | None) -> Path | None:
    """The project of a command that takes it as an argument (`hrcli compile DIR`) and, like every
    other command, as --project: either will do, two different ones is a usage error."""
    if argument is not None and option is not None and argument.resolve() != option.resolve():
        raise UserError(f"two projects given: {argument} and --project {option}", hint="give one of them")
    return option if option is not None else argument
