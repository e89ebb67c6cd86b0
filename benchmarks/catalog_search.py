#!/usr/bin/env python3
"""How long `hrcli catalog search` takes, start-up included, against `hrcli --version`.

    python benchmarks/catalog_search.py [--runs N] [--hrcli PATH]

Both commands run as fresh processes, alternating, in the same run of this script, so the ratio
holds on any machine: `--version` is the floor (Python and hrcli's CLI start-up), the search adds
loading the catalog, indexing it and ranking. Prints medians, the ratio and the absolute extra.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys

from timing import timed

QUERIES = ["tenants being evicted", '"death penalty"', "police racial profiling"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--hrcli", default=shutil.which("hrcli") or "hrcli")
    args = parser.parse_args()
    args.hrcli = os.path.abspath(shutil.which(args.hrcli) or args.hrcli)  # commands run in other folders
    baseline_command = [args.hrcli, "--version"]
    search_commands = [[args.hrcli, "catalog", "search", q, "--format", "json"] for q in QUERIES]
    timed(baseline_command)  # warm the file cache once
    baseline, search = [], []
    for run in range(args.runs):
        baseline.append(timed(baseline_command))
        search.append(timed(search_commands[run % len(search_commands)]))
    base, found = statistics.median(baseline), statistics.median(search)
    print(f"hrcli --version          median {base * 1000:7.1f} ms  ({args.runs} runs)")
    print(f"hrcli catalog search     median {found * 1000:7.1f} ms  ({args.runs} runs)")
    print(f"ratio search / version   {found / base:7.2f}x  (+{(found - base) * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
