"""Escaped untrusted text comes out literally: in pandoc's AST, HTML, DOCX and the PDF's text.

Each check is on what a reader sees, not on the escaped Markdown: pandoc's AST must hold only
Str/Space for the text (no emphasis, link, raw HTML, math, citation, note...), the HTML must show
the payload as text with no tag of its own, the DOCX paragraph must hold the payload in plain runs,
and the text extracted from the PDF typst made must be the payload, character for character.
"""

from __future__ import annotations

import re
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrcli.render.convert import convert
from hrcli.render.escape import escape_block, escape_inline
from tests.render.conftest import docx_paragraphs, pandoc_ast, plain_inlines
from tests.render.pdftext import pdf_body_text

PAYLOADS = [
    "*x*",
    "**bold** __strong__ _em_",
    "[link](http://x)",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "`code`",
    "```{=html}\n<b>raw</b>\n```",
    "`<b>x</b>`{=html}",
    "$x^2$",
    "$$E = mc^2$$",
    "\\textbf{x}",
    "\\(x\\) \\[y\\]",
    "#set text(red)",
    '#import "x.typ"',
    "#{1 + 1} #let x = 1",
    "@T-0001",
    "[@cite]",
    "^[note]",
    "[^1] and [^1]: definition",
    "{{ 7*7 }}",
    "{% if %}",
    "{# comment #}",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "# Heading",
    "= Typst heading",
    "1. item",
    "1) item",
    "#. item",
    "(@) example",
    "i. roman",
    "- item",
    "+ item",
    "/ Term: description",
    "> quote",
    "&amp;",
    "&copy; &#169; &#x41;",
    "---",
    "***",
    "...",
    "--",
    '"quotes"',
    "'single' it's",
    "~~strike~~",
    "H~2~O",
    "2^10^",
    "~nbsp~",
    "<label> <http://example.com>",
    "http://example.com/path",
    "a // not a comment /* nor this */",
    "-1 degrees, -?soft, a-b, 10-12",
    "a...b .. ....",
    "back\\slash \\ and \\\\ trailing\\",
    "\\u{1F600}",
    "<!-- comment -->",
    "::: warning\ntext\n:::",
    "[span]{.smallcaps} {#id .class}",
    "![image](x.png)",
    "Term\n: definition",
    "Heading\n=======",
    "    indented code",
    "% title block",
    ":smile: :+1:",
    "%PDF-1.7 % comment",
    "élan — “curly” ‘quotes’ «guillemets» 😀 ﬁ",
    "العربية עברית 日本語",
    "tabs\tand\u00a0no-break\u2028separators",
]


# Scripts whose PDF text cannot be compared character by character: right-to-left text is drawn
# (and so extracted) in visual order, and CJK shows as U+FFFD if the machine has no CJK font.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff]")


def _same_in_pdf(shown: str, payload: str) -> bool:
    """Whether the PDF shows ``payload``; whitespace is ignored (Typst breaks lines after hyphens
    and slashes without a space), RTL and CJK text is compared as a multiset of characters."""
    shown, payload = re.sub(r"\s", "", shown), re.sub(r"\s", "", payload)
    if not (_RTL.search(payload) or _CJK.search(payload)):
        return shown == payload
    return sorted(shown) in (sorted(payload), sorted(_CJK.sub("\ufffd", payload)))


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _document(paragraphs: list[str]) -> str:
    """Escaped paragraphs, each after a marker paragraph that finds it again in the output."""
    return (
        "\n\n".join(f"Zq{index}qZ\n\n{paragraph}" for index, paragraph in enumerate(paragraphs))
        + "\n"
    )


def _between_markers(text: str, count: int) -> list[str]:
    """The text after each marker (up to the next one), from any output's text."""
    pieces = re.split(r"Zq(\d+)qZ", text)
    found = {int(pieces[i]): pieces[i + 1] for i in range(1, len(pieces) - 1, 2)}
    assert sorted(found) == list(range(count)), (
        "a marker went missing: the document structure broke"
    )
    return [found[index] for index in range(count)]


class _HTMLParagraphs(HTMLParser):
    """Paragraph texts in <body>, with the tags found inside each one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_body = False
        self.paragraphs: list[tuple[str, list[str]]] = []
        self.other_tags: list[str] = []
        self._text: list[str] | None = None
        self._tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_body = True
        elif self.in_body and tag == "p" and self._text is None:
            self._text, self._tags = [], []
        elif self._text is not None:
            self._tags.append(tag)
        elif self.in_body:
            self.other_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._text is not None:
            self.paragraphs.append(("".join(self._text), self._tags))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


# --- the escaped Markdown itself ---------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escape_inline_is_one_line_without_edges(payload: str) -> None:
    escaped = escape_inline(payload)
    assert "\n" not in escaped
    assert escaped == escaped.strip()
    # Every ASCII punctuation character is preceded by a backslash that is not itself escaped.
    unescaped = re.sub(r"\\[!-/:-@\[-`{-~]", "", escaped)
    assert not set(unescaped) & set(string.punctuation), unescaped


def test_escape_block_keeps_paragraphs_and_nothing_else() -> None:
    text = "First *one*\nstill first.\n \t\n\n\n# Second\r\n\r\n> third\u2029fourth"
    assert (
        escape_block(text) == "First \\*one\\* still first\\.\n\n\\# Second\n\n\\> third\n\nfourth"
    )
    assert escape_block("  \n\n ") == ""
    assert escape_inline("") == ""


def test_escape_block_can_keep_line_breaks() -> None:
    escaped = escape_block("12 Main St.\nRiverton\n\nSecond", keep_line_breaks=True)
    assert escaped == "12 Main St\\.\\\nRiverton\n\nSecond"
    blocks = pandoc_ast(escaped)
    assert [plain_inlines(block["c"]) for block in blocks] == ["12 Main St.\nRiverton", "Second"]


def test_characters_xml_cannot_hold_are_dropped() -> None:
    assert escape_inline("a\x00b\x1b[31mc\x7f\ufffed\ud800e") == "ab\\[31mcde"


# --- pandoc's reader: no element but Str and Space ----------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_pandoc_reads_escape_inline_as_plain_text(payload: str) -> None:
    blocks = pandoc_ast(escape_inline(payload))
    assert [block["t"] for block in blocks] == ["Para"]
    assert plain_inlines(blocks[0]["c"]) == _collapse(payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_pandoc_reads_escape_block_as_plain_paragraphs(payload: str) -> None:
    text = f"{payload}\n\n{payload}"
    blocks = pandoc_ast(escape_block(text))
    assert [block["t"] for block in blocks] == ["Para", "Para"]
    assert [plain_inlines(block["c"]) for block in blocks] == [_collapse(payload)] * 2


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_text_keeps_its_meaning_inside_markup(payload: str) -> None:
    """Emphasis, a footnote, a link text, a heading, a table cell, a list item, a block quote."""
    inline = escape_inline(payload)
    quoted = "\n".join(
        f"> {line}" if line else ">"
        for line in escape_block(f"{payload}\n\n{payload}").splitlines()
    )
    markdown = (
        f"*{inline}*\n\n"
        f"Said^[{inline}]\n\n"
        f"[{inline}](https://example.org)\n\n"
        f"# {inline}\n\n"
        f"| head |\n|---|\n| {inline} |\n\n"
        f"- {inline}\n\n"
        f"{quoted}\n"
    )
    emph, note, link, header, table, bullets, quote = pandoc_ast(markdown)
    expected = _collapse(payload)
    assert emph["t"] == "Para" and emph["c"][0]["t"] == "Emph" and len(emph["c"]) == 1
    assert plain_inlines(emph["c"][0]["c"]) == expected
    assert note["c"][1]["t"] == "Note" and len(note["c"]) == 2
    assert plain_inlines(note["c"][1]["c"][0]["c"]) == expected
    assert link["c"][0]["t"] == "Link" and link["c"][0]["c"][2][0] == "https://example.org"
    assert plain_inlines(link["c"][0]["c"][1]) == expected
    assert header["t"] == "Header" and plain_inlines(header["c"][2]) == expected
    assert table["t"] == "Table"
    body_rows = table["c"][4][0][3]
    assert len(body_rows) == 1 and len(body_rows[0][1]) == 1
    assert plain_inlines(body_rows[0][1][0][4][0]["c"]) == expected
    assert bullets["t"] == "BulletList" and len(bullets["c"]) == 1
    assert plain_inlines(bullets["c"][0][0]["c"]) == expected
    assert quote["t"] == "BlockQuote" and [block["t"] for block in quote["c"]] == ["Para", "Para"]
    assert [plain_inlines(block["c"]) for block in quote["c"]] == [expected, expected]


# --- every output format -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The payloads, escaped, converted once to each format (escape_inline then escape_block)."""
    folder = tmp_path_factory.mktemp("escape")
    paragraphs = [escape_inline(payload) for payload in PAYLOADS] + [
        escape_block(payload) for payload in PAYLOADS
    ]
    markdown = _document(paragraphs)
    return {
        to: convert(
            markdown, to, folder / f"payloads.{to}", resource_path=[folder], source_date_epoch=0
        )
        for to in ("html", "docx", "pdf")
    }


def _expected() -> list[str]:
    return [_collapse(payload) for payload in PAYLOADS] * 2


def test_html_shows_payloads_as_text_without_tags(outputs: dict[str, Path]) -> None:
    parser = _HTMLParagraphs()
    parser.feed(outputs["html"].read_text(encoding="utf-8"))
    assert parser.other_tags == [], "the payloads made HTML elements outside paragraphs"
    texts = [text for text, _ in parser.paragraphs]
    payloads = texts[1::2]
    assert texts[0::2] == [f"Zq{index}qZ" for index in range(len(payloads))]
    assert [_collapse(text) for text in payloads] == _expected()
    assert all(tags == [] for _, tags in parser.paragraphs), "a payload made an HTML tag"
    # And nothing was HTML-escaped twice or not at all: the raw source has exactly one escape.
    source = outputs["html"].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source and "<script>alert" not in source
    assert "&amp;amp;" in source


def test_docx_paragraphs_hold_payloads_in_plain_runs(outputs: dict[str, Path]) -> None:
    paragraphs = docx_paragraphs(outputs["docx"])
    texts = [text for text, _ in paragraphs]
    payloads = texts[1::2]
    assert texts[0::2] == [f"Zq{index}qZ" for index in range(len(payloads))]
    assert [_collapse(text) for text in payloads] == _expected()
    # rFonts: pandoc hints the East Asian font for CJK runs; any other run property (bold,
    # italics, strike, superscript) or element (hyperlink, field, drawing) would be a meaning.
    allowed = {"p", "pPr", "pStyle", "r", "rPr", "rFonts", "t", "br"}
    for text, tags in paragraphs:
        assert tags <= allowed, f"{text!r} made {tags - allowed}"


def test_pdf_text_is_the_payloads(outputs: dict[str, Path]) -> None:
    """The PDF shows exactly the payload's characters: no ellipsis for "...", no minus for "-1",
    no curly quote for '"', no Typst or LaTeX evaluated (pdftext reads the PDF typst wrote)."""
    shown = _between_markers(pdf_body_text(outputs["pdf"].read_bytes()), len(PAYLOADS) * 2)
    expected = _expected()
    for index, (text, payload) in enumerate(zip(shown, expected, strict=True)):
        assert _same_in_pdf(text, payload), (index, text, payload)
        # Exactly, spaces included, for payloads that fit on one line.
        if len(payload) < 60 and not (_RTL.search(payload) or _CJK.search(payload)):
            assert _collapse(text) == payload, index


# --- random text -----------------------------------------------------------------------------------

# Punctuation-heavy text: every ASCII symbol, whitespace of all kinds, digits, letters, and a few
# characters with meaning elsewhere (smart quotes, no-break space, line separator).
_ALPHABET = string.punctuation + string.digits + "ab xy\n\n\t\u00a0\u2028“”’…–—é日"
_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=40), min_size=1, max_size=15))
def test_random_text_reads_back_literally(payloads: list[str]) -> None:
    expected = [_collapse(payload) for payload in payloads if payload.split()]
    blocks = pandoc_ast(
        _document([escape_inline(payload) for payload in payloads if payload.split()])
    )
    assert [plain_inlines(block["c"]) if block["t"] == "Para" else None for block in blocks] == [
        text for index, payload in enumerate(expected) for text in (f"Zq{index}qZ", payload)
    ]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.text(alphabet=_ALPHABET.replace("日", ""), min_size=1, max_size=30),
        min_size=1,
        max_size=25,
    )
)
def test_random_text_survives_typst(tmp_path: Path, payloads: list[str]) -> None:
    """Typst is where pandoc's escaping was found wanting; random punctuation must survive it."""
    payloads = [payload for payload in payloads if payload.split()]
    if not payloads:
        return
    output = convert(
        _document([escape_inline(payload) for payload in payloads]),
        "pdf",
        tmp_path / "random.pdf",
        resource_path=[tmp_path],
        source_date_epoch=0,
    )
    shown = _between_markers(pdf_body_text(output.read_bytes()), len(payloads))
    for text, payload in zip(shown, payloads, strict=True):
        assert _same_in_pdf(text, payload), (text, payload)
