"""The little hrcli asks git: where a work tree is, and which private files it would commit."""

from __future__ import annotations

import subprocess
from pathlib import Path


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None  # no git installed, or it hung: the git rules are skipped


def work_tree(path: Path) -> Path | None:
    """The top of the git work tree holding ``path`` (a file or folder, existing or not), or None."""
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    result = _git(folder, "rev-parse", "--show-toplevel")
    if result is None or result.returncode != 0:
        return None
    return Path(result.stdout.decode("utf-8", "replace").strip()).resolve()


# Paths that must never be committed: the store, key files, and anything named *.private.*.
PRIVATE_PATHSPECS = ("private", ":(glob)**/*.key", ":(glob)**/*.private.*")


def private_files_in_git(project: Path) -> list[tuple[str, bool]] | None:
    """(path relative to the project, tracked) of private files that git tracks or would add.

    ``tracked`` False means untracked and not ignored: `git add .` would commit it. None when the
    project is not in a git work tree (or git is missing).
    """
    result = _git(project, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "-t", "--", *PRIVATE_PATHSPECS)
    if result is None or result.returncode != 0:
        return None
    found: dict[str, bool] = {}
    for item in result.stdout.decode("utf-8", "replace").split("\0"):
        if len(item) < 3:
            continue
        tag, path = item[0], item[2:]
        found[path] = found.get(path, False) or tag != "?"
    return sorted(found.items())
