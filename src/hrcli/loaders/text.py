"""Reading a user's file as text, with a one-line error for anything unreadable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hrcli.exceptions import UserError


def read_user_text(path: Path, decode: Callable[[bytes], str] = lambda raw: raw.decode("utf-8")) -> str:
    """The file's text; UserError naming the file for a missing, unreadable or non-UTF-8 file."""
    try:
        return decode(path.read_bytes())
    except UnicodeDecodeError as error:
        raise UserError(f"{path}: not UTF-8 text (byte {error.start})", hint="save the file as UTF-8") from None
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror}") from None
