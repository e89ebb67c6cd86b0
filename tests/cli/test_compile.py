"""`hrcli compile` through the CLI: every template of the example in every format, read back."""

from __future__ import annotations

import re
import shutil
import zipfile
from html import unescape
from pathlib import Path

import pypdf
import pytest

from hrcli.report.environment import BUNDLED
from tests.cli.conftest import run_cli


@pytest.fixture(scope="module")
def compiled(repo_root, tmp_path_factory) -> tuple[Path, Path]:
    project = tmp_path_factory.mktemp("compile") / "riverton"
    shutil.copytree(repo_root / "examples" / "riverton", project, ignore=shutil.ignore_patterns(".hrcli-cache", "output"))
    out = project / "output"
    args = ["compile", project, "--to", "md,html,docx,pdf", "-o", out]
    for template in BUNDLED:
        args += ["--template", template]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    listed = [Path(line) for line in result.stdout.splitlines()]
    assert sorted(listed) == sorted(out / f"{t}.{f}" for t in BUNDLED for f in ("md", "html", "docx", "pdf"))
    assert "upr-submission:" in result.stderr and "words (limit 5,630)" in result.stderr
    return project, out


def text_of(path: Path) -> str:
    """The visible text of an output, whatever its format, with whitespace collapsed."""
    if path.suffix == ".pdf":
        text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    elif path.suffix == ".docx":
        with zipfile.ZipFile(path) as docx:
            xml = docx.read("word/document.xml").decode("utf-8")
            footnotes = docx.read("word/footnotes.xml").decode("utf-8") if "word/footnotes.xml" in docx.namelist() else ""
        text = unescape(" ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml + footnotes)))
    elif path.suffix == ".html":
        body = path.read_text(encoding="utf-8")
        text = unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", body, flags=re.S)))
    else:
        text = path.read_text(encoding="utf-8").replace("\\", "")
    return " ".join(text.split())


EXPECTED = {
    "city-report": ["Summary", "How testimony was collected and how consent was handled", "Locked out by the landlord",
                    "A/HRC/46/15, para. 26.286", "Annex: UN recommendations cited", "fictional example",
                    "Scorecard: how the UN's recommendations are implemented in Riverton", "Local implementation",
                    "7 not implemented; 6 partially implemented; 2 regressed; 1 implemented"],
    "upr-submission": ["Joint submission by:", "Mill District Tenants' Union", "Implementation of earlier recommendations",
                       "Recommendations to the United States", "Key words:", "Scorecard", "is regressed"],
    "treaty-shadow": ["Alternative report to the Human Rights Committee", "Article 7", "CCPR/C/USA/CO/4, para.",
                      "Annex: local implementation of recommendations"],
    "brief": ["What residents told us", "Three recommendations to act on now", "coalition@example.org",
              "Of 16 UN recommendations assessed in Riverton"],
}


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
@pytest.mark.parametrize("template", BUNDLED)
def test_every_template_in_every_format_has_its_content(compiled, template, fmt):
    _, out = compiled
    text = text_of(out / f"{template}.{fmt}").replace("’", "'")
    for phrase in EXPECTED[template]:
        assert phrase in text, phrase


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_charts_are_images_in_every_format(compiled, fmt):
    """Three charts: testimony by theme, cited recommendations, local implementation."""
    _, out = compiled
    path = out / f"city-report.{fmt}"
    if fmt == "html":
        assert path.read_text(encoding="utf-8").count('src="data:image/png;base64,') == 3  # self-contained
    elif fmt == "docx":
        with zipfile.ZipFile(path) as docx:
            assert len([n for n in docx.namelist() if n.startswith("word/media/")]) == 3
    else:
        images = set()
        for page in pypdf.PdfReader(path).pages:
            objects = (page.get("/Resources") or {}).get("/XObject") or {}
            images.update(ref.idnum for ref in objects.values() if ref.get_object().get("/Subtype") == "/Image")
        assert len(images) >= 3


def test_withheld_and_identifying_data_are_in_no_output(compiled):
    from hrcli.checks.load import load_project

    project, out = compiled
    everything = {p.name: text_of(p) for p in out.iterdir() if p.is_file()}
    for entry in load_project(project).testimonies:
        t = entry.testimony
        secrets = [t.narrator.contact] if t.narrator.contact else []
        if t.narrator.name and t.consent.effective_scope.value != "publish-named":
            secrets.append(t.narrator.name)
        if not (t.consent.publishable and t.consent.un_submission):
            secrets.append(" ".join(t.summary.split())[:50])
        for name, text in everything.items():
            for secret in secrets:
                assert secret not in text, (name, t.id)


def test_compile_refuses_a_project_with_errors(compiled, tmp_path):
    project, _ = compiled
    broken = tmp_path / "broken"
    shutil.copytree(project, broken, ignore=shutil.ignore_patterns("output", ".hrcli-cache"))
    (broken / "sections" / "05-bad.md").write_text("A withdrawn testimony [@T-0014].\n", encoding="utf-8")
    result = run_cli("compile", broken, "--to", "md")
    assert result.exit_code == 1
    assert "sections/05-bad.md:1:24: HR301" in result.stderr and "not compiling" in result.stderr
    assert not (broken / "output").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--template", "nonesuch"], "error: no template 'nonesuch'"),
    (["--to", "md,odt"], "error: unknown format 'odt'"),
])
def test_bad_options_are_one_line_errors(compiled, args, message):
    project, _ = compiled
    result = run_cli("compile", project, "-o", project / "other-output", *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == message


def test_project_as_an_option(compiled, tmp_path):
    project, _ = compiled
    result = run_cli("compile", "--project", project, "-o", tmp_path / "out", "--template", "brief", "--to", "md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "brief.md").is_file()
    same = run_cli("compile", project, "--project", project, "-o", tmp_path / "same", "--template", "brief", "--to", "md")
    assert same.exit_code == 0, same.output
    result = run_cli("compile", project, "--project", tmp_path, "--to", "md")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"error: two projects given: {project} and --project {tmp_path}"


def test_project_templates_override_bundled_ones(compiled, tmp_path):
    project, _ = compiled
    copy = tmp_path / "custom"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("output", ".hrcli-cache"))
    (copy / "templates").mkdir()
    (copy / "templates" / "brief.md.j2").write_text("# Our brief for {{ config.jurisdiction.city }}\n\n{{ counts.used }} testimonies.\n")
    result = run_cli("compile", copy, "--template", "brief", "--to", "md")
    assert result.exit_code == 0, result.output
    assert (copy / "output" / "brief.md").read_text() == "# Our brief for Riverton\n\n26 testimonies.\n"


def test_a_fresh_project_without_testimony_compiles_with_every_template(project):
    args = ["compile", project, "--to", "md"]
    for template in BUNDLED:
        args += ["--template", template]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output
    for template in BUNDLED:
        assert (project / "output" / f"{template}.md").read_text().startswith("# ")
