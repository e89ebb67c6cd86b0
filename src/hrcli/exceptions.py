"""Exceptions that abort a command. Problems found in user data are Diagnostics, not exceptions."""

from __future__ import annotations


class HrcliError(Exception):
    """Base class for errors that stop a command."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UserError(HrcliError):
    """Bad input, a missing file or an environment problem: exit code 2."""


class NotFoundError(HrcliError):
    """Something the user asked for does not exist (an unknown id): exit code 1."""
