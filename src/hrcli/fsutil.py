"""Writing files without ever losing a user's data: atomic, and never over an existing file unless asked.

Every file hrcli writes goes through here: to a temporary file beside the target (``os.replace``
is atomic only within one file system), flushed to disk, then moved into place, so a reader sees
the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from hrcli.exceptions import UserError


@cache
def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_output(path: Path, *, exclusive: bool = False, private: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; it becomes ``path`` only if the block succeeds.

    ``exclusive``: fail if ``path`` exists (``os.link`` refuses to replace a file, so one created
    meanwhile is not overwritten either). ``private``: owner-only permissions (identifying data);
    otherwise the usual permissions of the user's umask.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if exclusive and path.exists():
        raise UserError(f"{path} already exists; hrcli never overwrites a file")
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o600 if private else 0o666 & ~_umask())
        if not exclusive:
            os.replace(temporary, path)
            return
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise UserError(f"{path} already exists; hrcli never overwrites a file") from None
        except OSError:  # file systems without hard links
            if path.exists():
                raise UserError(f"{path} already exists; hrcli never overwrites a file") from None
            os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _write(target: Path, content: str | bytes, *, exclusive: bool, private: bool) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_output(target, exclusive=exclusive, private=private) as temporary:
        with temporary.open("wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())


def write_new(path: Path, content: str | bytes, *, private: bool = False) -> None:
    """Create ``path`` with ``content`` atomically; fail if it already exists."""
    _write(path, content, exclusive=True, private=private)


def replace_file(path: Path, content: str | bytes, *, private: bool = False) -> None:
    """Replace ``path`` atomically (for files the user asked hrcli to change, and outputs)."""
    _write(path, content, exclusive=False, private=private)
