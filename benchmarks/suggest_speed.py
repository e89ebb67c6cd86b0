#!/usr/bin/env python3
"""How fast `hrcli suggest` is: one statement (start-up included) and `--all` on 1,000 testimonies.

    python benchmarks/suggest_speed.py [--runs 7] [--hrcli PATH]

Fresh processes, alternating with `hrcli --version` (the start-up floor) in the same run.
`--all` runs on a generated project where half of the 1,000 testimonies have no link.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import timed

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--hrcli", default=shutil.which("hrcli") or "hrcli")
    args = parser.parse_args()
    hrcli = os.path.abspath(shutil.which(args.hrcli) or args.hrcli)
    workdir = Path(tempfile.mkdtemp(prefix="hrcli-suggest-bench-"))
    project = workdir / "project"
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(project), "--count", "1000", "--unlinked", "0.5"], check=True)
    commands = {
        "hrcli --version": [hrcli, "--version"],
        "hrcli suggest TEXT": [hrcli, "suggest", "my son was stopped and searched on his way to school", "--format", "json"],
        "hrcli suggest --all (1k)": [hrcli, "suggest", "--all", "--project", str(project), "--format", "json"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(timed(command))
    floor = statistics.median(times["hrcli --version"])
    for name, values in times.items():
        value = statistics.median(values)
        print(f"{name:<26} median {value:6.2f}s  ({value / floor:5.2f}x --version)")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
