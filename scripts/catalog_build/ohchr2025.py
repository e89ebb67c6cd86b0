"""Build the catalog document ``ohchr-2025``: OHCHR's compilation for the 4th-cycle UPR of the USA.

Source: ``A_HRC_WG.6_50_USA_2.txt``, a text extraction of the PDF of A/HRC/WG.6/50/USA/2
(28 August 2025; see the sources' PROVENANCE.md). The compilation summarises, in its own words,
what treaty bodies and special procedures said to the United States; it is catalogued paragraph by
paragraph (kind "paragraph"), and its notes become structured references.

How the text is read, and why:

* **Page furniture.** Running header, job-number footer and page numbers stand on lines of their
  own, often in mid-paragraph. They are dropped by the ``source_cleanup`` errata of
  ``catalog/errata/ohchr-2025.yaml`` (so each removal is visible and reasoned); blank lines, which
  only surround that furniture, are skipped. Furniture left in a text fails the build.
* **Paragraphs and headings.** The body runs from the first Roman-numbered heading to the line
  "Notes". A line "N. ..." starts a paragraph only if N is the next paragraph number; otherwise it
  is a numbered sub-heading, whose number must then be the next one under its lettered or Roman
  heading (this cross-check is what tells "12. Development, the environment, ..." from paragraph
  12). Roman ("IV.") and letter ("B.") headings must come in sequence too. Any other line continues
  the open paragraph, or, right after a heading, is an unnumbered heading ("Institutional
  infrastructure and policy measures"). Lines are joined with a space: the extraction has no
  hyphenated line ends in the body. ``heading`` is the innermost heading as printed, without its
  numbering ("Children", not "2. Children" or "B. Rights of specific persons or groups — 2.
  Children"); paragraph 52 sits directly under "B." and gets "Rights of specific persons or groups".
* **Note calls.** The note numbers are printed stuck to the text after a full stop ("Covenant.3",
  "2024.7") or after one space ("Principles). 11 The"). Notes run 1..111 through the document, so
  the builder looks for exactly the next expected number, only right after a full stop and only
  before the end of the paragraph or a capitalised word. That keeps real numbers ("HR40",
  "since 1967", "Human Rights 75", "Law No. 109 of 2022") in the text; anything left over that still
  looks like a note call is an error.
* **Notes.** The notes are printed as running text ("1 A/HRC/46/15, ... 2 CERD/C/USA/CO/10-12,
  ..."); note k starts where the number k stands alone before a capital letter, searched for in
  order 1..111. Each note is cut into citations at its anchors: a UN document symbol, "Ibid.", a
  URL, or an OHCHR annual report title; an anchor may be followed by a locator ", para(s). ..." or
  ", p. ...". Everything between citations must be connective ("See also", "; and see", "OHCHR,"),
  so no part of a note is silently dropped. "Ibid." takes the document of the last citation of the
  previous note (in this document that note always has a single citation).
* **References.** One per citation: ``symbol`` is the document symbol; for a note citing a web page
  it is the URL, and for the OHCHR annual reports the report's title, as printed (these are kept so
  that every note shows up in a reference). ``paragraphs`` splits lists ("paras. 5 and 8" ->
  ["5", "8"], "para. 72 (iiii), (llll)" -> ["72 (iiii)", "72 (llll)"]) and keeps ranges as printed
  ("9-12", "15 (b)-(d)"); page numbers are not paragraphs and stay only in ``text``. ``text`` is
  the citation as printed without its signal ("See also") or final full stop. ``catalog_ids`` are
  given only for documents in the bundled catalog and only for a paragraph or a single
  sub-paragraph.
* **URLs** in the notes are broken by the extraction, either across lines or by a space inside a
  line ("P1310 0_COUNTRY_ID"). A URL is taken to run until a token ending in "." or ";" (every URL
  in the notes ends a citation); each fragment joined on must follow a "-" or contain a character
  that does not occur in prose (``/%&=_:``), else the build fails. Hyphens the extraction dropped
  inside URLs ("recommit-humanrights-home") cannot be restored from the source and stay as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from catalog_build.errata import DocumentErrata

KEY = "ohchr-2025"
SOURCE_FILE = "A_HRC_WG.6_50_USA_2.txt"
SYMBOL = "A/HRC/WG.6/50/USA/2"
PARAGRAPH_COUNT = 71
NOTE_COUNT = 111

# Documents cited by the compilation that the bundled catalog holds -> key of their catalog file.
CATALOG_KEYS = {
    "A/HRC/46/15": "upr-2020",
    "A/HRC/16/11": "upr-2010",
    "CCPR/C/USA/CO/4": "ccpr-2014",
}

ROMAN_NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

ROMAN_HEADING = re.compile(r"(?P<num>[IVX]+)\. (?P<title>\S.*)")
LETTER_HEADING = re.compile(r"(?P<num>[A-Z])\. (?P<title>\S.*)")
NUMBERED_LINE = re.compile(r"(?P<num>\d+)\. (?P<rest>\S.*)")

# The UN job number printed in the page footers ("GE.25-13106").
JOB_NUMBER = re.compile(r"\bGE\.\d{2}-\d{5}\b")

# What may remain of a paragraph once its note calls are gone and still look like one: a sign that a
# call was missed or is out of order.
LEFTOVER_NOTE_CALL = re.compile(r"\.\s?\d+(?= [A-Z]|\Z)")

# Citation anchors inside a note. Symbols are those of UN bodies (A/..., CCPR/..., CERD/...);
# the lookahead keeps a trailing "," or "." out of the symbol ("A/HRC/46/2.").
ANCHOR = re.compile(
    r"(?<!\S)(?:"
    r"(?P<url>(?:https?://|tbinternet\.)\S+)"
    r"|(?P<ibid>Ibid\.)"
    r"|(?P<symbol>(?:A|CAT|CCPR|CEDAW|CERD|CESCR|CRC|CRPD|E)/[A-Za-z0-9][A-Za-z0-9./-]*[A-Za-z0-9])"
    r"(?=[\s,;.]|\Z)"
    r"|(?P<report>United Nations Human Rights Report \d{4})"
    r")"
)
# One item of a paragraph list: "35", "9-12", "15 (b)", "15 (b)-(d)", or "(e)" continuing the
# number before it.
_ITEM = r"(?:\d+(?:\.\d+)*(?:-\d+)?(?: \([a-z]+\)(?:-\([a-z]+\))?)?|\([a-z]+\)(?:-\([a-z]+\))?)"
LOCATOR = re.compile(rf", (?P<kind>paras?\.|p\.) (?P<items>{_ITEM}(?:(?:,? and |, ){_ITEM})*)")
ITEM_SEPARATOR = re.compile(r",? and |, ")
# Words allowed between citations: signals and connectives, and the publisher before its report.
CONNECTIVE = re.compile(r"[\s.,;]*(?:(?:See|see|also|and|OHCHR)[\s.,;]*)*")
URL_ONLY_CHARACTERS = re.compile(r"[/%&=_:]")


@dataclass
class Paragraph:
    """A numbered paragraph of the body, as read from the cleaned lines."""

    number: int
    heading: str
    lines: list[str] = field(default_factory=list)
    text: str = ""
    notes: list[int] = field(default_factory=list)


REPORT_TITLE = re.compile(r"United Nations Human Rights Report \d{4}")


@dataclass
class Citation:
    """One citation inside a note."""

    symbol: str
    paragraphs: list[str]
    text: str


def build(sources: Path, errata: DocumentErrata) -> dict[str, Any]:
    """Return the ``ohchr-2025`` document (before entry fixes) as a dict for the catalog model."""
    raw_lines = (sources / SOURCE_FILE).read_text(encoding="utf-8").splitlines()
    title, issued = _read_masthead(raw_lines)

    lines = errata.clean_lines(SOURCE_FILE, raw_lines)
    body, note_lines = _split_body_and_notes(lines)
    paragraphs = _parse_body(body)
    _check_no_page_furniture(paragraphs)
    _take_note_calls(paragraphs)
    notes = _split_notes(" ".join(line.strip() for line in note_lines if line.strip()))
    citations, urls_rejoined = _parse_all_notes(notes)

    recommendations = [
        {
            "id": f"{KEY}:{para.number}",
            "paragraph": str(para.number),
            "kind": "paragraph",
            "heading": para.heading,
            "text": para.text,
            "themes": [],
            "references": [
                _reference(citation, note) for note in para.notes for citation in citations[note]
            ],
            "source_file": SOURCE_FILE,
        }
        for para in paragraphs
    ]

    document_errata = [
        {
            "id": f"{KEY}-note-calls",
            "reason": (
                f"The note-call numbers 1-{NOTE_COUNT} printed after the text ('Covenant.3', "
                "'Principles). 11 The') are removed from the paragraph texts; the citations of "
                "each note are kept as the paragraph's references, with the note number."
            ),
        }
    ]
    if urls_rejoined:
        document_errata.append(
            {
                "id": f"{KEY}-note-urls",
                "reason": (
                    f"{urls_rejoined} URLs in the notes, broken by the PDF text extraction across "
                    "lines or by a space inside a line ('P1310 0_COUNTRY_ID'), are rejoined in the "
                    "references. Hyphens the extraction dropped inside URLs "
                    "('recommit-humanrights-home') are not in the source and are left as printed."
                ),
            }
        )

    return {
        "key": KEY,
        "symbol": SYMBOL,
        "title": title,
        "mechanism": "upr",
        "body": "Office of the United Nations High Commissioner for Human Rights",
        "document_type": "compilation",
        "cycle": 4,
        "session": "UPR WG 50",
        "date": issued,
        "coverage": (
            f"All {PARAGRAPH_COUNT} numbered paragraphs, with the citations of all {NOTE_COUNT} "
            "notes as references; the compilation summarises and paraphrases the treaty bodies "
            "and special procedures rather than quoting them, so its texts are OHCHR's wording, "
            "not theirs."
        ),
        "sources": [
            {
                "file": SOURCE_FILE,
                "description": (
                    "Text extraction of the official PDF of A/HRC/WG.6/50/USA/2 (28 August 2025), "
                    "from RolandCCPR/un-hr-recommendations-tracker, evidence/compilation_USA_2.txt "
                    "(commit 68a6f8caac2044b3557d0e0cf3017435370c32a2); whole document, "
                    f"paragraphs 1-{PARAGRAPH_COUNT} and notes 1-{NOTE_COUNT}."
                ),
            }
        ],
        "errata": document_errata,
        "recommendations": recommendations,
    }


def _read_masthead(raw_lines: list[str]) -> tuple[str, str]:
    """Check that the file is the expected document; return its printed title and ISO date.

    Read from the raw lines, because the cleanup drops the symbol line of the masthead.
    """
    start = next(i for i, line in enumerate(raw_lines) if ROMAN_HEADING.fullmatch(line.strip()))
    masthead = [line.strip() for line in raw_lines[:start]]
    if SYMBOL not in masthead:
        raise ValueError(f"{SOURCE_FILE}: masthead does not carry the symbol {SYMBOL}")
    if not any("Fiftieth session" in line for line in masthead):
        raise ValueError(f"{SOURCE_FILE}: masthead does not name the Working Group's 50th session")
    titles = [line for line in masthead if line.startswith("Compilation of information")]
    distr = re.compile(r"Distr\.: \w+ (\d{1,2}) (\w+) (\d{4})")
    dates = [match for line in masthead if (match := distr.fullmatch(line))]
    if len(titles) != 1 or len(dates) != 1:
        raise ValueError(f"{SOURCE_FILE}: cannot find one title and one date in the masthead")
    day, month, year = dates[0].groups()
    return titles[0], date(int(year), MONTHS.index(month) + 1, int(day)).isoformat()


def _split_body_and_notes(lines: list[str]) -> tuple[list[str], list[str]]:
    stripped = [line.strip() for line in lines]
    start = next(i for i, line in enumerate(stripped) if ROMAN_HEADING.fullmatch(line))
    notes_at = stripped.index("Notes")
    return stripped[start:notes_at], stripped[notes_at + 1 :]


def _parse_body(body: list[str]) -> list[Paragraph]:
    """Cut the body into numbered paragraphs, each with the innermost heading it sits under."""
    paragraphs: list[Paragraph] = []
    # Open headings, outermost first: (level, title). Levels: 1 Roman, 2 letter, 3 numbered; an
    # unnumbered heading sits one level below the heading it follows.
    headings: list[tuple[int, str]] = []
    next_roman = next_letter = next_sub = 0  # indexes of the next expected heading numbers
    last_was_heading = False

    def open_heading(level: int, title: str) -> None:
        nonlocal last_was_heading
        while headings and headings[-1][0] >= level:
            headings.pop()
        headings.append((level, title))
        last_was_heading = True

    for line in body:
        if not line:
            continue
        numbered = NUMBERED_LINE.fullmatch(line)
        roman = ROMAN_HEADING.fullmatch(line)
        letter = LETTER_HEADING.fullmatch(line)
        if numbered and int(numbered["num"]) == len(paragraphs) + 1:
            if not headings:
                raise ValueError(f"paragraph {numbered['num']} comes before any heading")
            paragraphs.append(Paragraph(int(numbered["num"]), headings[-1][1], [numbered["rest"]]))
            last_was_heading = False
        elif roman and roman["num"] == ROMAN_NUMERALS[next_roman]:
            open_heading(1, roman["title"])
            next_roman, next_letter, next_sub = next_roman + 1, 0, 0
        elif letter and letter["num"] == chr(ord("A") + next_letter):
            open_heading(2, letter["title"])
            next_letter, next_sub = next_letter + 1, 0
        elif numbered:
            if int(numbered["num"]) != next_sub + 1:
                raise ValueError(
                    f"numbered line {line[:40]!r} is neither paragraph {len(paragraphs) + 1} "
                    f"nor sub-heading {next_sub + 1}"
                )
            open_heading(3, numbered["rest"])
            next_sub += 1
        elif last_was_heading:
            open_heading(headings[-1][0] + 1, line)
        elif paragraphs:
            paragraphs[-1].lines.append(line)
        else:
            raise ValueError(f"line outside any paragraph: {line[:60]!r}")

    numbers = [p.number for p in paragraphs]
    if numbers != list(range(1, PARAGRAPH_COUNT + 1)):
        raise ValueError(f"expected paragraphs 1-{PARAGRAPH_COUNT}, found {len(numbers)}")
    for para in paragraphs:
        if any(line.endswith("-") for line in para.lines[:-1]):
            # Joining with a space would then be wrong; it would take a decision between a
            # hyphenated word and a hyphen added at the line break.
            raise ValueError(f"paragraph {para.number}: a line ends with a hyphen")
        para.text = " ".join(para.lines)
    return paragraphs


def _check_no_page_furniture(paragraphs: list[Paragraph]) -> None:
    """Fail if a running header or job-number footer got into a paragraph (a missing cleanup)."""
    for para in paragraphs:
        if SYMBOL in para.text or JOB_NUMBER.search(para.text):
            raise ValueError(f"paragraph {para.number}: page header or footer left in the text")


def _take_note_calls(paragraphs: list[Paragraph]) -> None:
    """Move the note calls out of the paragraph texts, in the order 1..NOTE_COUNT."""
    expected = 1
    for para in paragraphs:
        text, position = para.text, 0
        while expected <= NOTE_COUNT:
            call = re.compile(rf"\.( ?{expected})(?= [A-Z]|\Z)").search(text, position)
            if call is None:
                break
            # Keep the full stop; drop the number and the space before it, if any.
            text = text[: call.start(1)] + text[call.end(1) :]
            position = call.start(1)
            para.notes.append(expected)
            expected += 1
        if leftover := LEFTOVER_NOTE_CALL.search(text):
            raise ValueError(f"paragraph {para.number}: unexpected note call {leftover.group()!r}")
        para.text = text
    if expected != NOTE_COUNT + 1:
        raise ValueError(f"note call {expected} not found in the body")


def _split_notes(notes_text: str) -> dict[int, str]:
    """Cut the running text of the notes into notes 1..NOTE_COUNT."""
    starts: list[tuple[int, int]] = []  # (start of the number, start of the note's text)
    position = 0
    for number in range(1, NOTE_COUNT + 2):
        found = re.compile(rf"(?<!\S){number} (?=[A-Z])").search(notes_text, position)
        if found is None:
            if number <= NOTE_COUNT:
                raise ValueError(f"note {number} not found in the notes")
            break
        if number > NOTE_COUNT:
            raise ValueError(f"the notes go beyond {NOTE_COUNT}")
        starts.append((found.start(), found.end()))
        position = found.end()
    if notes_text[: starts[0][0]].strip():
        raise ValueError("text before note 1")
    ends = [start for start, _ in starts[1:]] + [len(notes_text)]
    return {
        number: notes_text[text_start:end].strip()
        for number, ((_, text_start), end) in enumerate(zip(starts, ends, strict=True), start=1)
    }


def _parse_all_notes(notes: dict[int, str]) -> tuple[dict[int, list[Citation]], int]:
    """Parse every note; return its citations and how many URLs had to be rejoined."""
    citations: dict[int, list[Citation]] = {}
    previous: list[Citation] = []
    urls_rejoined = 0
    for number, text in notes.items():
        parsed, rejoined = _parse_note(number, text, previous)
        citations[number] = previous = parsed
        urls_rejoined += rejoined
    return citations, urls_rejoined


def _parse_note(number: int, note: str, previous: list[Citation]) -> tuple[list[Citation], int]:
    citations: list[Citation] = []
    gaps: list[str] = []
    position = rejoined = 0
    while anchor := ANCHOR.search(note, position):
        gaps.append(note[position : anchor.start()])
        end = anchor.end()
        if anchor["url"]:
            url, end, pieces = _rejoin_url(note, anchor["url"], end)
            rejoined += int(pieces > 1)
            citations.append(Citation(url, [], url))
            position = end
            continue
        locator = LOCATOR.match(note, end)
        if locator:
            end = locator.end()
        if anchor["ibid"]:
            if not previous:
                raise ValueError(f"note {number}: 'Ibid.' without a preceding citation")
            symbol = previous[-1].symbol
        else:
            symbol = anchor["symbol"] or anchor["report"]
            if symbol == SYMBOL:
                # The document never cites itself: this is its running header, not cleaned up.
                raise ValueError(f"note {number}: page header {SYMBOL} in the notes")
        # Pages ("p. 490") are not paragraphs.
        is_paragraphs = locator is not None and locator["kind"] != "p."
        paragraphs = _paragraph_items(locator["items"]) if is_paragraphs else []
        citations.append(Citation(symbol, paragraphs, note[anchor.start() : end]))
        position = end
    gaps.append(note[position:])
    for gap in gaps:
        if not CONNECTIVE.fullmatch(gap):
            raise ValueError(f"note {number}: unparsed text {gap!r}")
    if not citations:
        raise ValueError(f"note {number}: no citation in {note!r}")
    return citations, rejoined


def _rejoin_url(note: str, url: str, end: int) -> tuple[str, int, int]:
    """Extend a URL over the fragments the extraction split off; return it, its end, its pieces."""
    pieces = 1
    while not url.endswith((".", ";")):
        fragment = re.compile(r" (\S+)").match(note, end)
        if fragment is None:
            break
        if not (url.endswith("-") or URL_ONLY_CHARACTERS.search(fragment[1])):
            raise ValueError(f"URL {url!r} is followed by {fragment[1]!r}: joined or not?")
        url += fragment[1]
        end = fragment.end()
        pieces += 1
    if url.endswith((".", ";")):
        # The final full stop or semicolon ends the citation, not the URL.
        url, end = url[:-1], end - 1
    return url, end, pieces


def _paragraph_items(items: str) -> list[str]:
    """Split a printed list of paragraphs: '32 and 33 (a) and (e)' -> ['32', '33 (a)', '33 (e)']."""
    result: list[str] = []
    number = ""
    for item in ITEM_SEPARATOR.split(items):
        if item.startswith("("):
            if not number:
                raise ValueError(f"sub-paragraph without a paragraph in {items!r}")
            result.append(f"{number} {item}")
        else:
            number = item.split(" ")[0]
            result.append(item)
    return result


def _reference(citation: Citation, note: int) -> dict[str, Any]:
    # A citation's anchor is a document symbol, a web address or a report title: each has its field.
    if citation.symbol.startswith(("http", "tbinternet.")):
        target = "url"
    elif REPORT_TITLE.fullmatch(citation.symbol):
        target = "title"
    else:
        target = "symbol"
    return {
        target: citation.symbol,
        "paragraphs": citation.paragraphs,
        "text": citation.text,
        "note": str(note),
        "catalog_ids": _catalog_ids(citation),
    }


def _catalog_ids(citation: Citation) -> list[str]:
    """Ids of bundled entries: a whole paragraph ('26.125') or a single sub-paragraph ('22 (e)').

    Ranges ('9-12', '15 (b)-(d)') are not expanded: which entries exist in between is the other
    document's business, and a guess would give dangling ids.
    """
    key = CATALOG_KEYS.get(citation.symbol)
    if key is None:
        return []
    ids = []
    for item in citation.paragraphs:
        if match := re.fullmatch(r"(\d+(?:\.\d+)*)(?: \(([a-z]+)\))?", item):
            paragraph, sub = match.groups()
            ids.append(f"{key}:{paragraph}({sub})" if sub else f"{key}:{paragraph}")
    return ids
