#!/usr/bin/env python3
"""Set up a virtual environment and run the demo or the tests (what `make demo` / `make test` do).

    python3 scripts/dev.py test [PYTEST ARGS...]
    python3 scripts/dev.py demo
    python3 scripts/dev.py bench

Needs only Python 3.11+ and pip. The package is installed from the checkout as a wheel would be
(not editable), so the tests exercise exactly what ships, catalog and templates included.
Set HRCLI_VENV to use another environment folder (default: .venv).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def environment() -> Path:
    folder = Path(os.environ.get("HRCLI_VENV", REPO / ".venv"))
    python = folder / ("Scripts" if os.name == "nt" else "bin") / "python"
    if not python.exists():
        print(f"creating virtual environment in {folder}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(folder)
    return python


def run(*command: str | Path) -> None:
    result = subprocess.run([str(part) for part in command], cwd=REPO)
    if result.returncode:
        sys.exit(result.returncode)


def install(python: Path, extras: str = "") -> None:
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        f"{REPO}{extras}")


def demo(python: Path) -> None:
    install(python)
    hrcli = python.parent / "hrcli"
    example = REPO / "examples" / "riverton"
    steps = [
        ["check", "--project", example],
        ["compile", example, "--to", "md,html,docx,pdf",
         "--template", "city-report", "--template", "upr-submission", "--template", "treaty-shadow", "--template", "brief"],
        ["catalog", "search", "tenants being evicted", "--limit", "3"],
    ]
    for step in steps:
        print(f"\n$ hrcli {' '.join(str(part) for part in step)}", flush=True)
        run(hrcli, *step)
    print(f"\nThe reports are in {example / 'output'}", flush=True)


def test(python: Path, pytest_args: list[str]) -> None:
    # pip rebuilds and reinstalls a local folder every time, so changed package data is picked up.
    install(python, "[test]")
    run(python, "-m", "pytest", *pytest_args)


BENCHMARKS = ("catalog_search.py", "check_speed.py", "compile_speed.py", "suggest_quality.py", "suggest_speed.py")


def bench(python: Path) -> None:
    install(python, "[bench]")
    for name in BENCHMARKS:
        script = REPO / "benchmarks" / name
        print(f"\n$ python {script.relative_to(REPO)}", flush=True)
        run(python, script, "--hrcli", python.parent / "hrcli")


def main() -> None:
    commands = {"demo": demo, "bench": bench}
    if len(sys.argv) < 2 or sys.argv[1] not in {*commands, "test"}:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    python = environment()
    if sys.argv[1] == "test":
        test(python, sys.argv[2:])
    else:
        commands[sys.argv[1]](python)


if __name__ == "__main__":
    main()
