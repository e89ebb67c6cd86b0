"""Writing files without ever losing a user's data: atomic, and never over an existing file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hrcli.exceptions import UserError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temporary_beside(path: Path, content: bytes) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    # mkstemp creates 0600 files; the user's files get the usual permissions of their umask.
    os.chmod(name, 0o666 & ~_umask())
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_new(path: Path, content: str | bytes) -> None:
    """Create ``path`` with ``content`` atomically; fail if it already exists.

    Why a hard link: ``os.link`` refuses to replace an existing file, so a file created meanwhile by
    someone else is never overwritten, and readers never see a half-written file.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_beside(path, data)
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise UserError(f"{path} already exists; hrcli never overwrites a file") from None
    except OSError:  # file systems without hard links
        if path.exists():
            raise UserError(f"{path} already exists; hrcli never overwrites a file") from None
        os.replace(temporary, path)
        return
    finally:
        temporary.unlink(missing_ok=True)


def replace_file(path: Path, content: str | bytes) -> None:
    """Replace ``path`` atomically (for files the user asked hrcli to change)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(_temporary_beside(path, data), path)
