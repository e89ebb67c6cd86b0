"""Timing a command as a fresh process, shared by the benchmark scripts (not a benchmark itself)."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def timed(command: list[str], cwd: Path | None = None, ok_codes: tuple[int, ...] = (0,)) -> float:
    """Seconds the command takes; stops the benchmark if it fails (an exit code not in ok_codes)."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in ok_codes:
        raise SystemExit(f"{command[0]} failed ({result.returncode}): {result.stderr[-500:]}")
    return elapsed
