#!/usr/bin/env python3
"""How fast `hrcli check` is on large projects, against two baselines in the same run.

    python benchmarks/check_speed.py [--sizes 1000 10000] [--runs 3] [--hrcli PATH] [--workdir DIR]

For each size, a synthetic project is generated (benchmarks/generate.py) and these are timed as
fresh processes, alternating, median of --runs:

* floor: a Python process that reads every testimony file with PyYAML's libyaml loader
  (yaml.CSafeLoader), the fastest way to read YAML from Python;
* peer: check-jsonschema validating every testimony file against hrcli's JSON Schema
  (schema/testimony.schema.json), the tool a user would reach for (skipped if not installed);
* hrcli check --no-cache: a cold check, all rules, exact positions on every diagnostic;
* hrcli check: an unchanged re-run, answered from the content-hash cache.

Ratios are against the floor. Goals: cold check within 2x the floor; re-run under 0.5 s.
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
FLOOR = (
    "import pathlib, sys, yaml\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(p.read_text(encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hrcli", default=shutil.which("hrcli") or "hrcli")
    parser.add_argument("--workdir", type=Path, default=None, help="keep generated projects here")
    args = parser.parse_args()
    args.hrcli = os.path.abspath(shutil.which(args.hrcli) or args.hrcli)  # commands run in other folders
    python = sys.executable
    peer = shutil.which("check-jsonschema", path=str(Path(python).parent)) or shutil.which("check-jsonschema")
    schema = HERE.parent / "schema" / "testimony.schema.json"
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="hrcli-bench-"))
    rows = []
    for size in args.sizes:
        project = workdir / f"project-{size}"
        if not (project / "hrcli.yaml").exists():
            subprocess.run([python, str(HERE / "generate.py"), str(project), "--count", str(size)], check=True)
        files = sorted(str(p) for p in (project / "testimony").glob("*.yaml"))
        commands = {
            "floor (CSafeLoader)": [python, "-c", FLOOR, str(project / "testimony")],
            "hrcli check --no-cache": [args.hrcli, "check", "--no-cache"],
            "hrcli check (unchanged)": [args.hrcli, "check"],
        }
        if peer:
            commands["check-jsonschema"] = [peer, "--schemafile", str(schema), *files]
        timed([args.hrcli, "check"], project, (0, 1))  # fill the cache and the file system cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command, project, (0, 1)))
        medians = {name: statistics.median(values) for name, values in times.items()}
        floor = medians["floor (CSafeLoader)"]
        for name, value in medians.items():
            rows.append((size, name, value, value / floor))
    print(f"{'files':>6}  {'command':<26} {'median':>9}  {'vs floor':>8}")
    for size, name, value, ratio in rows:
        print(f"{size:>6}  {name:<26} {value:>8.2f}s  {ratio:>7.2f}x")
    if not peer:
        print("(check-jsonschema not installed: pip install check-jsonschema to include the peer)")
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
