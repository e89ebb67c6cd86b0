"""ccpr-2014: the Human Rights Committee's concluding observations on the US (CCPR/C/USA/CO/4).

Source: ``CCPR_C_USA_CO_4.txt``, a text extraction of the official PDF (see the sources'
PROVENANCE.md). The Committee's follow-up file ``CCPR_C_USA_CO_4_followup_paragraphs.json`` is not
used here: it re-words the paragraphs, so it only serves the tests as an independent cross-check.

What becomes an entry:

* one entry per paragraph 4-26: the concerns and recommendations under their subject headings
  (4-25) and the request to disseminate the text (26). Paragraphs 1-3 (introduction, positive
  aspects) recommend nothing; 27-28 are the follow-up and reporting procedure. Paragraph 27 is
  parsed for the list of follow-up paragraphs, so ``follow_up`` comes from the document itself;
* one entry per lettered sub-paragraph "(a)", "(b)"... of those paragraphs.

How the text is parsed:

* Page debris (running header, page numbers, the page-1 footnote and job number) is dropped line by
  line by the ``source_cleanup`` errata; blank lines carry no meaning and are skipped.
* The extraction puts each printed paragraph on one line, but a page break splits a paragraph into
  two lines. An unlabelled line therefore continues the previous one (joined with a space) when the
  previous one does not end a sentence or clause (".", ";" or ":"); otherwise it starts a new
  block. This tells the page-break fragments (e.g. in para 4 (d), 9, 16, 19 (b), 22) from the
  closing sentence that follows a list (para 8: "The Committee also encourages ..."). The stray
  line of the scrambled para 22 (e) follows "(e) abuse." and so stands as a closing block of
  para 22 (not in 22 (d) or 22 (e)); the errata put it back in place.
* A sub-paragraph is a line that *starts* with "(a) ", "(b) "...: that is how the source lays out
  its lists. Labels inside running text (para 22 (b): "(i) are publicly accessible; (ii) ...") are
  not list items and stay in the text. Letters must run from (a) without a gap.
* A subject heading is the line just before "N. " that does not end a sentence or clause; para 26
  follows para 25's recommendation directly and has none.
* ``text`` of a paragraph entry is the whole paragraph without its number, its blocks (concern,
  recommendation, each sub-paragraph with its label, closing sentence) separated by newlines;
  ``concern`` is the blocks before the recommendation begins ("The State party should",
  "The State Party should", or para 15's "The Committee recommends that the State party").
  A sub-paragraph entry's text is its block without the label.

Words that lost a hyphen in the extraction ("illtreatment", "selfdefence", "nonrefoulement") are
kept as in the source. Defects that need a correction (the page number left inside para 4 (d), the
scrambled para 22 (e)) are corrected only in ``catalog/errata/ccpr-2014.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalog_build.errata import DocumentErrata

KEY = "ccpr-2014"
SOURCE = "CCPR_C_USA_CO_4.txt"
SYMBOL = "CCPR/C/USA/CO/4"
BODY = "Human Rights Committee"
FIRST_PARAGRAPH = 4
LAST_PARAGRAPH = 26
FOLLOW_UP_PARAGRAPH = 27

PARAGRAPH_START = re.compile(r"^(?P<number>\d+)\. (?P<text>.*)$")
SUBPARAGRAPH_START = re.compile(r"^\((?P<letter>[a-z])\) (?P<text>.*)$")
# "A. Introduction", "C. Principal matters of concern and recommendations": section titles.
SECTION_HEADING = re.compile(r"^[A-Z]\. ")
RECOMMENDATION_START = re.compile(
    r"^(?:The State [Pp]arty should|The Committee recommends that the State party)\b"
)
# A line ending otherwise was cut by a page break (or is a heading).
BLOCK_END = (".", ";", ":")
FOLLOW_UP_LIST = re.compile(r"recommendations made in paragraphs (?P<list>[\d, and]+?) above")

TITLE = re.compile(r"^(?P<title>Concluding observations on .+?)\*?$")  # "*" marks the footnote
DATE = re.compile(r"^Distr\.: General (?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+) (?P<year>\d{4})$")
SESSION = re.compile(r"^\* Adopted by the Committee at its (?P<session>\d+)(?:st|nd|rd|th) session")
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


@dataclass
class Block:
    """A printed paragraph of the source: a sub-paragraph (with its letter) or running text."""

    letter: str | None
    text: str

    def printed(self) -> str:
        return f"({self.letter}) {self.text}" if self.letter else self.text


@dataclass
class Paragraph:
    """A numbered paragraph: its subject heading, if any, and its blocks in source order."""

    number: int
    heading: str | None
    blocks: list[Block]


def _first_match(pattern: re.Pattern[str], lines: list[str], what: str) -> re.Match[str]:
    for line in lines:
        match = pattern.match(line.strip())
        if match:
            return match
    raise ValueError(f"{SOURCE}: {what} not found")


def _metadata(raw_lines: list[str]) -> dict[str, str]:
    """Title, date and session as printed in the masthead and the page-1 footnote."""
    stripped = {line.strip() for line in raw_lines}
    if SYMBOL not in stripped or BODY not in stripped:
        raise ValueError(f"{SOURCE}: the masthead does not name {SYMBOL} and the {BODY}")
    date = _first_match(DATE, raw_lines, "date line 'Distr.: General ...'")
    month = MONTHS.index(date["month"]) + 1
    return {
        "title": _first_match(TITLE, raw_lines, "title")["title"],
        "date": f"{date['year']}-{month:02d}-{int(date['day']):02d}",
        "session": _first_match(SESSION, raw_lines, "footnote naming the session")["session"],
    }


def _is_heading(line: str) -> bool:
    return not (
        line.endswith(BLOCK_END)
        or PARAGRAPH_START.match(line)
        or SUBPARAGRAPH_START.match(line)
        or SECTION_HEADING.match(line)
    )


def _blocks(number: int, lines: list[str]) -> list[Block]:
    """Split a paragraph's lines (the first one starting "N. ") into blocks."""
    first = PARAGRAPH_START.match(lines[0])
    assert first is not None and int(first["number"]) == number
    blocks = [Block(None, first["text"])]
    for line in lines[1:]:
        label = SUBPARAGRAPH_START.match(line)
        if label:
            blocks.append(Block(label["letter"], label["text"]))
        elif not blocks[-1].text.endswith(BLOCK_END):
            # The line was cut by a page break: it goes on with the same sentence.
            blocks[-1].text = f"{blocks[-1].text} {line}"
        else:
            blocks.append(Block(None, line))
    letters = [b.letter for b in blocks if b.letter]
    expected = [chr(ord("a") + i) for i in range(len(letters))]
    if letters != expected:
        raise ValueError(f"{SOURCE}: para {number}: sub-paragraphs {letters}, expected {expected}")
    return blocks


def parse_paragraphs(lines: list[str]) -> dict[int, Paragraph]:
    """All numbered paragraphs of the cleaned source, with their headings and blocks."""
    starts: list[int] = []
    for index, line in enumerate(lines):
        match = PARAGRAPH_START.match(line)
        # Paragraphs are numbered 1, 2, 3...: a line starting with another number is not one.
        if match and int(match["number"]) == len(starts) + 1:
            starts.append(index)
    headings = {
        start: start - 1 for start in starts if start > 0 and _is_heading(lines[start - 1])
    }
    paragraphs: dict[int, Paragraph] = {}
    for number, start in enumerate(starts, start=1):
        if number < len(starts):
            # The next paragraph's heading is not part of this one.
            end = headings.get(starts[number], starts[number])
        else:
            end = len(lines)
        body = lines[start:end]
        while SECTION_HEADING.match(body[-1]):  # "C. Principal matters ...": a section title
            body.pop()
        heading = lines[headings[start]] if start in headings else None
        paragraphs[number] = Paragraph(number, heading, _blocks(number, body))
    return paragraphs


def follow_up_paragraphs(paragraph: Paragraph) -> list[int]:
    """The paragraphs that para 27 selects for follow-up ("paragraphs 5, 10, 21 and 22 above")."""
    text = " ".join(block.printed() for block in paragraph.blocks)
    match = FOLLOW_UP_LIST.search(text)
    if match is None:
        raise ValueError(f"{SOURCE}: para {paragraph.number} names no follow-up paragraphs")
    return [int(number) for number in re.findall(r"\d+", match["list"])]


def _entries(paragraph: Paragraph, follow_up: bool) -> list[dict[str, Any]]:
    """The paragraph entry followed by one entry per sub-paragraph."""
    number = str(paragraph.number)
    blocks = paragraph.blocks
    starts = [i for i, block in enumerate(blocks) if RECOMMENDATION_START.match(block.text)]
    if not starts:
        raise ValueError(f"{SOURCE}: para {number}: no 'The State party should ...' found")
    concern = "\n".join(block.text for block in blocks[: starts[0]])
    common: dict[str, Any] = {"kind": "recommendation"}
    if paragraph.heading:
        common["heading"] = paragraph.heading
    entry: dict[str, Any] = {
        "id": f"{KEY}:{number}",
        "paragraph": number,
        **common,
        "text": "\n".join(block.printed() for block in blocks),
    }
    if concern:  # para 26 is a recommendation from its first word
        entry["concern"] = concern
    entries = [entry]
    for block in blocks:
        if block.letter:
            entries.append(
                {
                    "id": f"{KEY}:{number}({block.letter})",
                    "paragraph": number,
                    "subparagraph": block.letter,
                    **common,
                    "text": block.text,
                }
            )
    for item in entries:
        item["follow_up"] = follow_up
        item["source_file"] = SOURCE
    return entries


def build(sources: Path, errata: DocumentErrata) -> dict[str, Any]:
    raw_lines = (sources / SOURCE).read_text(encoding="utf-8").splitlines()
    lines = [line.strip() for line in errata.clean_lines(SOURCE, raw_lines) if line.strip()]
    paragraphs = parse_paragraphs(lines)
    missing = set(range(1, FOLLOW_UP_PARAGRAPH + 1)) - set(paragraphs)
    if missing:
        raise ValueError(f"{SOURCE}: paragraphs {sorted(missing)} not found")
    follow_up = set(follow_up_paragraphs(paragraphs[FOLLOW_UP_PARAGRAPH]))

    recommendations: list[dict[str, Any]] = []
    for number in range(FIRST_PARAGRAPH, LAST_PARAGRAPH + 1):
        recommendations.extend(_entries(paragraphs[number], number in follow_up))

    return {
        "key": KEY,
        "symbol": SYMBOL,
        **_metadata(raw_lines),
        "mechanism": "ccpr",
        "body": BODY,
        "document_type": "concluding-observations",
        "coverage": (
            f"Paragraphs {FIRST_PARAGRAPH}-{LAST_PARAGRAPH} (each concern and recommendation "
            "under its subject heading, and the request to disseminate the text), each also split "
            "into its lettered sub-paragraphs, with the follow-up selection of para 27; the "
            "introduction, positive aspects and reporting paragraphs (1-3, 27-28) are not entries, "
            "and words that lost their hyphen in the PDF text extraction ('illtreatment', "
            "'selfdefence', 'nonrefoulement') are kept as found."
        ),
        "sources": [
            {
                "file": SOURCE,
                "description": (
                    "Text extraction of the official PDF of CCPR/C/USA/CO/4 (job number "
                    "GE.14-42673), from RolandCCPR/un-hr-recommendations-tracker"
                ),
            }
        ],
        "recommendations": recommendations,
    }
