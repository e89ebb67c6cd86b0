#!/usr/bin/env python3
"""How much of `hrcli compile` is hrcli's own work, against pandoc and Typst on the same Markdown.

    python benchmarks/compile_speed.py [--count 1000] [--runs 3] [--hrcli PATH] [--workdir DIR]

Generates a project of --count testimonies (benchmarks/generate.py), then, median of --runs:

* total: `hrcli compile --template city-report --to md,html,docx,pdf`, a fresh process;
* tools: the same final Markdown converted by pandoc alone (HTML self-contained, DOCX, and Typst
  source) plus `typst.compile` of that Typst source: what any tool built on pandoc and Typst
  would spend;
* hrcli's share = (total - tools) / total: loading, checking, the report model, templates,
  charts, and process start-up. Goal: under 25%.
* the PDF step of hrcli (its convert to PDF) against pandoc's Typst writer + typst.compile run
  directly (pandoc's own `--pdf-engine=typst` path needs a typst executable, which the `typst`
  Python package does not provide; this is that path without the executable).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypandoc
import typst

HERE = Path(__file__).resolve().parent
FROM = "markdown-raw_html-raw_tex-latex_macros-pandoc_title_block"


def seconds(action) -> float:  # noqa: ANN001
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--hrcli", default=shutil.which("hrcli") or "hrcli")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    args.hrcli = os.path.abspath(shutil.which(args.hrcli) or args.hrcli)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="hrcli-compile-bench-"))
    project = workdir / f"project-{args.count}"
    if not (project / "hrcli.yaml").exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(project), "--count", str(args.count)], check=True)
    out = project / "output"
    pandoc = pypandoc.get_pandoc_path()
    compile_command = [args.hrcli, "compile", str(project), "-t", "city-report", "--to", "md,html,docx,pdf", "-o", str(out)]
    scratch = workdir / "tools"
    scratch.mkdir(exist_ok=True)
    common = [f"--from={FROM}", f"--resource-path={out}", "--wrap=none"]

    def tools_html() -> None:
        subprocess.run([pandoc, *common, "--standalone", "--embed-resources", "--metadata=pagetitle:x",
                        str(out / "city-report.md"), "-o", str(scratch / "x.html")], check=True)

    def tools_docx() -> None:
        subprocess.run([pandoc, *common, str(out / "city-report.md"), "-o", str(scratch / "x.docx")], check=True)

    def tools_pdf() -> None:
        typ = scratch / "x.typ"
        subprocess.run([pandoc, *common, "--standalone", "-t", "typst", str(out / "city-report.md"), "-o", str(typ)], check=True)
        for chart in (out / "charts").iterdir():
            shutil.copy(chart, scratch / chart.name)
        source = typ.read_text(encoding="utf-8").replace('"charts/', '"')
        typ.write_text(source, encoding="utf-8")
        typst.compile(str(typ), output=str(scratch / "x.pdf"))

    def hrcli_pdf() -> None:
        from hrcli.render.convert import convert

        convert((out / "city-report.md").read_text(encoding="utf-8"), "pdf", scratch / "h.pdf", resource_path=[out])

    subprocess.run(compile_command, check=True, stdout=subprocess.DEVNULL)  # warm up, and make the Markdown
    totals, tools, hrcli_pdfs, tool_pdfs = [], [], [], []
    for _ in range(args.runs):
        totals.append(seconds(lambda: subprocess.run(compile_command, check=True, stdout=subprocess.DEVNULL)))
        pdf = seconds(tools_pdf)
        tools.append(seconds(tools_html) + seconds(tools_docx) + pdf)
        tool_pdfs.append(pdf)
        hrcli_pdfs.append(seconds(hrcli_pdf))
    total, tool, h_pdf, t_pdf = (statistics.median(v) for v in (totals, tools, hrcli_pdfs, tool_pdfs))
    words = len((out / "city-report.md").read_text(encoding="utf-8").split())
    print(f"project: {args.count} testimonies; city-report Markdown: {words:,} words")
    print(f"hrcli compile, 4 formats (total)      {total:7.2f}s")
    print(f"pandoc + typst on the same Markdown    {tool:7.2f}s")
    print(f"hrcli's own share                      {(total - tool) / total:7.1%}  ({total - tool:.2f}s)")
    print(f"PDF step: hrcli convert                {h_pdf:7.2f}s")
    print(f"PDF step: pandoc -t typst + typst      {t_pdf:7.2f}s  (ratio {h_pdf / t_pdf:.2f}x)")
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
