"""convert(): every format from one small report, self-contained, reproducible, atomic."""

from __future__ import annotations

import base64
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from hrcli.exceptions import UserError
from hrcli.render.charts import bar_chart
from hrcli.render.convert import FORMATS, convert, pandoc_version, typst_version
from hrcli.render.escape import escape_block, escape_inline
from tests.render.conftest import docx_paragraphs
from tests.render.pdftext import pdf_body_text

EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z

REPORT = """\
---
title: Riverton water report
---

# Findings

Residents described {hostile}.[^1]

[^1]: Testimony T-0001, collected in March.

| Theme | Testimonies |
|-------|------------:|
| Water | 12 |
| Housing | 7 |

![Testimonies by theme](chart.png)

{quote}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the chart the report refers to, by a relative path."""
    folder = tmp_path / "project"
    bar_chart("Testimonies by theme", [("Water", 12), ("Housing", 7)], folder / "chart.png")
    return folder


def _report() -> str:
    hostile = escape_inline("shut-offs -3 days... <b>twice</b> & $5 *fees*")
    quote = "\n".join(
        f"> {line}" if line else ">"
        for line in escape_block("We had no water.\n\nNone.").splitlines()
    )
    return REPORT.format(hostile=hostile, quote=quote)


def _build(project: Path, out: Path, to: str, **options: Any) -> Path:
    return convert(_report(), to, out / f"report.{to}", resource_path=[project], **options)


def test_md_is_written_as_is(project: Path, tmp_path: Path) -> None:
    output = _build(project, tmp_path / "out", "md")
    assert output.read_text(encoding="utf-8") == _report()


def test_html_is_self_contained(project: Path, tmp_path: Path) -> None:
    html = _build(project, tmp_path / "out", "html").read_text(encoding="utf-8")
    assert '<h1 id="findings">Findings</h1>' in html
    assert "shut-offs -3 days... &lt;b&gt;twice&lt;/b&gt; &amp; $5 *fees*" in html
    assert "Testimony T-0001, collected in March." in html  # the footnote
    assert "<td>Housing</td>" in html
    # The chart is inlined as a data: URI holding exactly the PNG's bytes.
    uri = re.search(r'<img[^>]*src="data:image/png;base64,([^"]+)"', html)
    assert uri and base64.b64decode(uri.group(1)) == (project / "chart.png").read_bytes()
    # No reference to anything outside the file: every src/href is data: or a #fragment.
    for target in re.findall(r'(?:src|href)="([^"]*)"', html):
        assert target.startswith(("data:", "#")), target
    assert "<link" not in html and "@import" not in html


def test_docx_holds_text_and_image(project: Path, tmp_path: Path) -> None:
    output = _build(project, tmp_path / "out", "docx")
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
        media = [name for name in names if name.startswith("word/media/")]
        assert len(media) == 1 and archive.read(media[0]) == (project / "chart.png").read_bytes()
        assert (
            "Testimony T-0001, collected in March." in archive.read("word/footnotes.xml").decode()
        )
    texts = [text for text, _ in docx_paragraphs(output)]
    assert "Findings" in texts and "Water" in texts and "We had no water." in texts
    assert "Residents described shut-offs -3 days... <b>twice</b> & $5 *fees*." in texts


def test_pdf_holds_text_and_image(project: Path, tmp_path: Path) -> None:
    pdf = _build(project, tmp_path / "out", "pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert re.search(rb"/Subtype\s*/Image", pdf), "the chart is not in the PDF"
    text = " ".join(pdf_body_text(pdf).split())
    for expected in (
        "Riverton water report",
        "Findings",
        "Residents described shut-offs -3 days... <b>twice</b> & $5 *fees*.",
        "Testimony T-0001, collected in March.",
        "Housing 7",
        "We had no water.",
    ):
        assert expected in text, expected
    # The scratch folder typst worked in is gone; only the PDF is left.
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["report.pdf"]


def test_pdf_look(project: Path, tmp_path: Path) -> None:
    """Letter pages, numbered, in Libertinus Serif (embedded in typst, so the same everywhere)."""
    pdf = _build(project, tmp_path / "out", "pdf").read_bytes()
    assert re.search(rb"/MediaBox\s*\[0 0 612 792\]", pdf)
    assert b"LibertinusSerif" in pdf


@pytest.mark.parametrize("to", ["md", "html"])
def test_md_and_html_are_byte_identical_on_rerun(project: Path, tmp_path: Path, to: str) -> None:
    first = _build(project, tmp_path / "one", to).read_bytes()
    second = _build(project, tmp_path / "two", to).read_bytes()
    assert first == second


@pytest.mark.parametrize("to", ["docx", "pdf"])
def test_docx_and_pdf_are_byte_identical_with_source_date_epoch(
    project: Path, tmp_path: Path, to: str
) -> None:
    first = _build(project, tmp_path / "one", to, source_date_epoch=EPOCH).read_bytes()
    second = _build(project, tmp_path / "two", to, source_date_epoch=EPOCH).read_bytes()
    assert first == second


def test_source_date_epoch_is_the_stamped_date(project: Path, tmp_path: Path) -> None:
    docx = _build(project, tmp_path / "out", "docx", source_date_epoch=EPOCH)
    with zipfile.ZipFile(docx) as archive:
        assert "2023-11-14T22:13:20Z" in archive.read("docProps/core.xml").decode()
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    pdf = _build(project, tmp_path / "out", "pdf", source_date_epoch=EPOCH).read_bytes()
    assert b"/CreationDate(D:20231114221320" in pdf


def test_source_date_epoch_from_the_environment(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    first = _build(project, tmp_path / "one", "pdf").read_bytes()
    assert b"/CreationDate(D:20231114221320" in first
    assert first == _build(project, tmp_path / "two", "pdf").read_bytes()


def test_images_are_found_through_the_resource_path_not_the_working_folder(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    for to in ("html", "docx", "pdf"):
        _build(project, tmp_path / "out", to)


def test_reference_doc_styles_the_docx(project: Path, tmp_path: Path) -> None:
    from hrcli.resources import templates_dir

    reference = templates_dir() / "reference.docx"
    output = _build(project, tmp_path / "out", "docx", reference_doc=reference)
    with zipfile.ZipFile(output) as built:
        # The bundled reference: Letter pages, 1-inch margins, a page number in the footer.
        section = re.findall(
            r"<w:sectPr>.*?</w:sectPr>", built.read("word/document.xml").decode(), re.DOTALL
        )[-1]
        assert re.search(r'<w:pgSz w:h="15840" w:w="12240" />', section)
        assert 'w:left="1440"' in section and "<w:footerReference" in section
        assert " PAGE " in built.read("word/footer1.xml").decode()
        assert b"/word/footer1.xml" in built.read("[Content_Types].xml")
        assert b'w:styleId="Footer"' in built.read("word/styles.xml")


def test_citeproc_resolves_citations(tmp_path: Path) -> None:
    bibliography = tmp_path / "refs.json"
    bibliography.write_text(
        json.dumps(
            [
                {
                    "id": "ccpr2014",
                    "type": "report",
                    "title": "Concluding observations on the United States",
                    "author": [{"literal": "Human Rights Committee"}],
                    "issued": {"date-parts": [[2014]]},
                }
            ]
        ),
        encoding="utf-8",
    )
    markdown = "As the Committee said [@ccpr2014], water is a right.\n"
    for to in ("html", "pdf"):
        output = convert(
            markdown,
            to,
            tmp_path / f"cited.{to}",
            resource_path=[tmp_path],
            bibliography=bibliography,
        )
        text = (
            output.read_text(encoding="utf-8")
            if to == "html"
            else pdf_body_text(output.read_bytes())
        )
        assert "(Human Rights Committee 2014)" in text
        assert "Concluding Observations on the United States" in " ".join(text.split())  # the list


# --- failures: a UserError, and no file left behind ------------------------------------------------


def _assert_nothing_left(folder: Path, keep: frozenset[str] = frozenset()) -> None:
    assert {path.name for path in folder.iterdir()} == keep


@pytest.mark.parametrize("to", ["html", "docx", "pdf"])
def test_pandoc_failure_is_a_user_error_and_leaves_no_file(
    project: Path, tmp_path: Path, to: str
) -> None:
    out = tmp_path / "out"
    with pytest.raises(UserError) as caught:
        _build(project, out, to, extra_args=["--no-such-option"])
    assert caught.value.message.startswith(f"pandoc could not convert to {to}: ")
    assert "\n" not in caught.value.message and "no-such-option" in caught.value.message
    assert caught.value.hint
    _assert_nothing_left(out)


def test_missing_reference_doc(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(UserError, match="reference document .* not found") as caught:
        _build(project, out, "docx", reference_doc=tmp_path / "nope.docx")
    assert caught.value.hint
    assert not out.exists() or not any(out.iterdir())


def test_broken_reference_doc(project: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_text("not a zip", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(UserError, match=r"reference document .* is not a \.docx file"):
        _build(project, out, "docx", reference_doc=broken)
    assert not out.exists()


def test_failure_keeps_the_previous_output(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.docx").write_bytes(b"previous build")
    with pytest.raises(UserError):
        _build(project, out, "docx", extra_args=["--no-such-option"])
    assert (out / "report.docx").read_bytes() == b"previous build"
    _assert_nothing_left(out, frozenset({"report.docx"}))


@pytest.mark.parametrize("to", ["html", "docx", "pdf"])
def test_missing_image_is_a_user_error(tmp_path: Path, to: str) -> None:
    out = tmp_path / "out"
    with pytest.raises(UserError, match="image missing.png not found"):
        convert("![Chart](missing.png)\n", to, out / f"r.{to}", resource_path=[tmp_path])
    _assert_nothing_left(out)


def test_typst_failure_is_a_user_error_and_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(UserError) as caught:
        convert(
            "```{=typst}\n#let broken = (\n```\n", "pdf", out / "r.pdf", resource_path=[tmp_path]
        )
    assert caught.value.message.startswith("typst could not make the PDF: ")
    assert "\n" not in caught.value.message and caught.value.hint
    _assert_nothing_left(out)


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="unknown output format 'odt'") as caught:
        convert("x", "odt", tmp_path / "r.odt", resource_path=[])
    assert caught.value.hint and all(name in caught.value.hint for name in FORMATS)


def test_missing_bibliography(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="bibliography .* not found"):
        convert(
            "x", "html", tmp_path / "r.html", resource_path=[], bibliography=tmp_path / "refs.bib"
        )


def test_unwritable_output_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    for to in FORMATS:
        with pytest.raises(UserError, match="could not write") as caught:
            convert("x", to, blocker / f"r.{to}", resource_path=[])
        assert caught.value.hint


def test_versions() -> None:
    assert re.fullmatch(r"\d+(\.\d+)+", pandoc_version())
    assert re.fullmatch(r"\d+\.\d+\.\d+ \(typst-py \d+(\.\d+)+\)", typst_version())
