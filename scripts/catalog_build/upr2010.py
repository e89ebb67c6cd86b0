"""upr-2010: the 228 recommendations of A/HRC/16/11 (UPR 1st cycle, review of 5 November 2010).

Sources (see the sources' PROVENANCE.md):

* ``A_HRC_16_11.txt``: ``pdftotext`` output of the official PDF of the Working Group report. The
  text and the recommending States of every recommendation come from here, and only from here; so
  do the title, the date and the Working Group session (from the masthead and its footnote).
* ``A_HRC_16_11_uprinfo_database.csv``: UPR Info's database rows for the review (session 9). They
  give the position (Accepted / Noted), the action category and the issue labels. The US responses
  (A/HRC/16/11/Add.1) were not available, so UPR Info's classification stands in for them.

Parsing the report
------------------
* Only paragraph 92 is parsed: the lines after its own line ``92.`` up to the line ``93.``. Page
  headers, page numbers and bare footnote numbers are dropped from those lines by the
  ``source_cleanup`` errata (``catalog/errata/upr-2010.yaml``) before parsing, never by this module;
  the footnote texts and footnote markers left inside recommendations are removed by that file's
  ``fixes``, which the driver applies after :func:`build` returns.
* A recommendation starts at a line beginning ``92.N.`` and runs to the next such line. Its lines
  are stripped and joined with single spaces; runs of spaces inside a line are collapsed too. Words
  that were hyphenated across lines come already joined by ``pdftotext`` ("resocialisation", but
  also "followup" in 92.89 and "lawincluding" in 92.217); they are kept as found.
* The recommending States are printed in parentheses followed by ";": ``text (State, State);``.
  Several paragraphs gather the wordings of different States: ``text (A); text (B); text (C);``
  (e.g. 92.120; 92.180 merges four recommendations). A parenthesis followed by ";" is read as such
  an attribution; the other parentheses ("(on freedom of association)", "(1977)", "(ECHR)") are
  never followed by ";" in the report. ``recommending_states`` lists every State named in the
  attributions, in printed order, with the names as printed ("Bolivarian Republic of Venezuela").
* ``text`` is the printed text without the ``92.N.`` number and without the final attribution run:
  the last parenthesis, or the run "(Cyprus); (Denmark); (Republic of Korea)" of 92.93, together
  with the ";" that ends the list item. Attributions inside the text are kept, because they say
  which State proposed which wording. Punctuation printed before the final parenthesis is kept as
  printed (92.52 and 92.102 end with ".", 92.134 with ";"); all other texts end with a word (92.66
  with the closing quotation mark of "‘enhanced interrogation techniques’").
* 92.183 is evidently a justified line that ``pdftotext`` took apart: the extracted text reads
  "Investigate (Switzerland); carefully each case of immigrants' incarceration". Its attribution is
  not at the end, so it is left in the text here and the errata file restores the word order.

Matching UPR Info rows
----------------------
UPR Info rows have no paragraph numbers. There is one row per recommending State; the text is
normalised (parentheses as " - ... - ", ";" as "," and so on); and where the US accepted a
recommendation in part, the State has an "Accepted" and a "Noted" row, each with part of the
wording, at times reworded ("Accept the individual procedures of ICCPR, CERD and CAT" for 92.45).
Rows are matched against the texts as the catalog prints them, i.e. with the errata fixes applied
to a copy (footnote text must not count as wording), and a row is only compared with the paragraphs
that name its State:

* Texts are compared as lists of words: accents folded, lower case, runs of letters or digits.
* Containment: the share of the row's words found in the paragraph's text. A shortened or split
  row is contained in its paragraph even where it is not a prefix of it.
* Similarity: the ``difflib`` ratio between the row and its State's own wording (the part of the
  text attributed to that State; in 92.93, the wording before the run of attributions).
* A row is matched when its best paragraph contains at least :data:`MIN_CONTAINMENT` of its words
  and either leads the runner-up by :data:`MIN_MARGIN` in containment or is also more similar.
  Anything else is reported by :func:`match_report` and left unmatched rather than guessed.
  Afterwards every State of a paragraph must have one row, or one Accepted and one Noted row (a
  split); otherwise the paragraph is reported and gets no position.

Derived fields
--------------
* ``position``: all matched rows Accepted -> "supported"; all Noted -> "noted"; both ->
  "supported-in-part" (UPR Info splits a recommendation accepted in part into an accepted and a
  noted part; see ``metadata/UPRInfo_Database_Methodology_Responses.txt``).
* ``action_category``: UPR Info's Action when all matched rows agree. Otherwise the Action of the
  rows that reproduce their State's whole wording (not the shortened "Accepted" row of 92.1, say),
  if those agree (92.156). Otherwise -- no row is whole (92.29, 92.118, 92.173) or whole rows of
  different States disagree (92.73, 92.120, 92.122, 92.127) -- the Action of the (whole, if any)
  row carrying the paragraph's first action, after UPR Info's rule that "emphasis is generally
  placed on the first action" (``metadata/UPRInfo_Database_Action_Category.txt``).
* ``themes``: UPR Info's Issue labels of the matched rows, in CSV row order, deduplicated. The Issue
  cell joins labels with "," (no space). None of the 44 labels in the file contains a comma: they
  are the labels of UPR Info's issue list (``metadata/UPRInfo_Database_Issues_explanation.txt``),
  where "Detention" and "Technical assistance and cooperation" are listed as "Detention conditions"
  and "Technical assistance".
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalog_build.errata import DocumentErrata

KEY = "upr-2010"
SYMBOL = "A/HRC/16/11"
REPORT = "A_HRC_16_11.txt"
UPRINFO = "A_HRC_16_11_uprinfo_database.csv"
PARAGRAPH = "92"
EXPECTED_COUNT = 228

# The report's State names that UPR Info shortens; all other names are the same in both sources.
UPRINFO_STATE_NAMES = {
    "Bolivarian Republic of Venezuela": "Venezuela",
    "Democratic People’s Republic of Korea": "DPR Korea",
    "Islamic Republic of Iran": "Iran",
    "Libyan Arab Jamahiriya": "Libya",
    "Plurinational State of Bolivia": "Bolivia",
    "Republic of Moldova": "Moldova",
    "Trinidad and Tobago": "Trinidad & Tobago",
}

ACCEPTED, NOTED = "Accepted", "Noted"
POSITION_SOURCES = {
    "supported": "UPR Info database (Accepted)",
    "noted": "UPR Info database (Noted)",
    "supported-in-part": "UPR Info database (Accepted in part, Noted in part)",
}

# Matching thresholds (see the module docstring). The lowest containment of a match in this file
# is 2/3 (92.45, a reworded "Noted" part); the other paragraphs of its State stay at 1/3 or below.
MIN_CONTAINMENT = 0.6
MIN_MARGIN = 0.2
# A row reproduces its State's whole wording if it lacks at most this many of the wording's words:
# one, for a word pdftotext joined across a line break ("followup" where UPR Info has "follow up").
MAX_MISSING_WORDS = 1

START = re.compile(rf"^{PARAGRAPH}\.(\d+)\.\s*(.*)$")
# An attribution: a parenthesis followed by the ";" that ends a list item or a State's wording.
ATTRIBUTION = re.compile(r"\(([^()]*)\)\s*;")
# The run of attributions that ends a recommendation: "(Egypt);", "(Cyprus); (Denmark); (...);".
FINAL_ATTRIBUTIONS = re.compile(r"(?:\s*\([^()]*\)\s*;)+\s*$")
# The masthead: the title (with its footnote mark "*") and the footnote naming the WG document.
TITLE = re.compile(
    r"^(Report of the Working Group on the Universal\s+Periodic Review)\*\n(.+)$", re.M
)
DATE = re.compile(r"^Distr\.: General\n(\d{1,2}) ([A-Z][a-z]+) (\d{4})$", re.M)
SESSION = re.compile(r"^\* Previously issued as document A/HRC/WG\.6/(\d+)/L\.\d+\.", re.M)
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


@dataclass(frozen=True)
class Part:
    """A wording within a paragraph and the State(s) it is attributed to."""

    text: str
    states: tuple[str, ...]


@dataclass(frozen=True)
class ParsedRecommendation:
    number: int
    text: str  # as printed, without the number and the final attribution; errata not yet applied
    states: tuple[str, ...]

    @property
    def paragraph(self) -> str:
        return f"{PARAGRAPH}.{self.number}"

    @property
    def entry_id(self) -> str:
        return f"{KEY}:{self.paragraph}"


@dataclass(frozen=True)
class Candidate:
    """A paragraph as the matching sees it: its text (errata applied) and its States."""

    number: int
    text: str
    states: tuple[str, ...]

    @property
    def paragraph(self) -> str:
        return f"{PARAGRAPH}.{self.number}"

    def wording_of(self, uprinfo_state: str) -> str:
        """The wording attributed to a State (UPR Info name)."""
        for part in wordings(self.text, self.states):
            if uprinfo_state in {uprinfo_name(s) for s in part.states}:
                return part.text
        raise KeyError(f"{self.paragraph}: {uprinfo_state}")


@dataclass(frozen=True)
class UprInfoRow:
    line: int  # line number in the CSV file (the header is line 1)
    text: str
    state: str
    response: str
    action: int
    issues: tuple[str, ...]


@dataclass
class MatchReport:
    """UPR Info rows matched to paragraphs, and everything that could not be matched."""

    rows_by_paragraph: dict[int, list[UprInfoRow]] = field(default_factory=dict)
    unmatched_rows: list[tuple[UprInfoRow, str]] = field(default_factory=list)
    # paragraphs that get no position, with the reason
    unmatched_paragraphs: dict[int, str] = field(default_factory=dict)


def uprinfo_name(state: str) -> str:
    return UPRINFO_STATE_NAMES.get(state, state)


def words(text: str) -> list[str]:
    """Lower-case runs of letters or digits, accents folded (UPR Info's CSV is ASCII)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", folded)


# --- the report ---------------------------------------------------------------------------------


def report_lines(sources: Path) -> list[str]:
    return (sources / REPORT).read_text(encoding="utf-8").split("\n")


def section_bounds(lines: list[str]) -> tuple[int, int]:
    """Indices of the line "92." and of the line "93." that close the recommendations."""
    stripped = [line.strip() for line in lines]
    start = stripped.index(f"{PARAGRAPH}.")
    return start, stripped.index(f"{int(PARAGRAPH) + 1}.", start)


def recommendation_lines(sources: Path, errata: DocumentErrata) -> list[str]:
    """The cleaned lines of the recommendations, from the line of 92.1 to the line before "93."."""
    lines = report_lines(sources)
    start, end = section_bounds(lines)
    section = errata.clean_lines(REPORT, lines[start + 1 : end])
    # The chapeau of para 92 ("In the course of the discussion, ...") precedes 92.1.
    first = next(i for i, line in enumerate(section) if START.match(line.strip()))
    return section[first:]


def parse_report(sources: Path, errata: DocumentErrata) -> list[ParsedRecommendation]:
    chunks: list[tuple[int, list[str]]] = []
    for line in recommendation_lines(sources, errata):
        line = " ".join(line.split())
        match = START.match(line)
        if match:
            chunks.append((int(match.group(1)), [match.group(2)]))
        elif line:
            chunks[-1][1].append(line)
    numbers = [number for number, _ in chunks]
    if numbers != list(range(1, EXPECTED_COUNT + 1)):
        raise ValueError(f"{REPORT}: expected 92.1-92.{EXPECTED_COUNT} in order, got {numbers}")
    parsed = []
    for number, pieces in chunks:
        raw = " ".join(p for p in pieces if p)
        states = tuple(
            s.strip() for match in ATTRIBUTION.finditer(raw) for s in match.group(1).split(",")
        )
        if not states:
            raise ValueError(f"92.{number}: no recommending State in {raw!r}")
        if len(set(states)) != len(states):
            raise ValueError(f"92.{number}: a State is named twice: {states}")
        final = FINAL_ATTRIBUTIONS.search(raw)
        # Without a final attribution (92.183) the text is kept whole, for the errata to repair.
        text = raw[: final.start()].rstrip() if final else raw
        parsed.append(ParsedRecommendation(number, text, states))
    return parsed


def wordings(text: str, states: tuple[str, ...]) -> list[Part]:
    """Split a text (final attribution removed) into its States' wordings, in printed order."""
    parts: list[Part] = []
    position = 0
    for match in ATTRIBUTION.finditer(text):
        inner = tuple(s.strip() for s in match.group(1).split(","))
        parts.append(Part(text[position : match.start()].strip(), inner))
        position = match.end()
    rest = text[position:].strip()
    named = {s for part in parts for s in part.states}
    final_states = tuple(s for s in states if s not in named)
    if final_states:
        parts.append(Part(rest, final_states))
    elif parts and rest:
        # Words printed after the only attribution (92.183 before its fix) belong to its wording.
        last = parts.pop()
        parts.append(Part(f"{last.text} {rest}", last.states))
    # A bare attribution "(Denmark);" after "(Cyprus);" shares the wording before it (92.93).
    filled: list[Part] = []
    for part in parts:
        filled.append(Part(filled[-1].text, part.states) if not part.text and filled else part)
    return filled


def masthead(sources: Path) -> dict[str, str]:
    """Title, date and Working Group session, as printed on page 1."""
    # pdftotext ends every page with a form feed.
    first_page = (sources / REPORT).read_text(encoding="utf-8").split("\f")[0]
    page_one = [line.strip() for line in first_page.split("\n")]
    text = "\n".join(page_one)
    title, date, session = TITLE.search(text), DATE.search(text), SESSION.search(text)
    if not (title and date and session and page_one[0] == SYMBOL):
        raise ValueError(f"{REPORT}: masthead (symbol, date, title, footnote *) not as expected")
    day, month, year = date.groups()
    return {
        # The country is the title's second line; the catalog joins the two lines with ": ".
        "title": f"{' '.join(title.group(1).split())}: {title.group(2)}",
        "date": f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}",
        "session": f"UPR WG {session.group(1)}",
    }


# --- UPR Info -----------------------------------------------------------------------------------


def read_uprinfo(sources: Path) -> list[UprInfoRow]:
    rows = []
    with (sources / UPRINFO).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            if row["Response"] not in (ACCEPTED, NOTED):
                raise ValueError(f"{UPRINFO} line {reader.line_num}: response {row['Response']!r}")
            rows.append(
                UprInfoRow(
                    line=reader.line_num,
                    text=row["Text"].strip(),
                    state=row["From"].strip(),
                    response=row["Response"],
                    action=int(row["Action"]),
                    issues=tuple(i.strip() for i in row["Issue"].split(",") if i.strip()),
                )
            )
    return rows


def containment(part_words: list[str], whole_words: set[str]) -> float:
    return sum(w in whole_words for w in part_words) / len(part_words) if part_words else 0.0


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def match_rows(candidates: list[Candidate], rows: list[UprInfoRow]) -> MatchReport:
    report = MatchReport()
    by_state: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        for state in candidate.states:
            by_state[uprinfo_name(state)].append(candidate)
    text_words = {c.number: set(words(c.text)) for c in candidates}
    matched: dict[int, list[UprInfoRow]] = defaultdict(list)

    for row in rows:
        row_words = words(row.text)
        scored = sorted(
            (
                (
                    containment(row_words, text_words[c.number]),
                    similarity(row.text, c.wording_of(row.state)),
                    c,
                )
                for c in by_state.get(row.state, [])
            ),
            key=lambda s: (s[0], s[1]),
            reverse=True,
        )
        if not scored:
            report.unmatched_rows.append((row, f"no paragraph names {row.state!r}"))
            continue
        best, runner_up = scored[0], (scored[1] if len(scored) > 1 else None)
        if best[0] < MIN_CONTAINMENT:
            reason = f"best paragraph {best[2].paragraph} holds only {best[0]:.0%} of its words"
            report.unmatched_rows.append((row, reason))
            continue
        # Two measures must agree: a clear lead in words contained, or a lead in both measures.
        if runner_up and best[0] - runner_up[0] < MIN_MARGIN and best[1] <= runner_up[1]:
            reason = f"ambiguous between {best[2].paragraph} and {runner_up[2].paragraph}"
            report.unmatched_rows.append((row, reason))
            continue
        matched[best[2].number].append(row)

    for candidate in candidates:
        rec_rows = matched.get(candidate.number, [])
        report.rows_by_paragraph[candidate.number] = rec_rows
        problem = _pairing_problem(candidate, rec_rows)
        if problem:
            report.unmatched_paragraphs[candidate.number] = problem
    return report


def _pairing_problem(candidate: Candidate, rec_rows: list[UprInfoRow]) -> str | None:
    """Every State of a paragraph needs one row, or an Accepted and a Noted row (a split)."""
    if not rec_rows:
        return "no UPR Info row matched"
    problems = []
    for state in candidate.states:
        responses = sorted(r.response for r in rec_rows if r.state == uprinfo_name(state))
        if responses not in ([ACCEPTED], [NOTED], [ACCEPTED, NOTED]):
            problems.append(f"{state}: rows {responses or 'missing'}")
    return "; ".join(problems) or None


def candidates(recs: list[ParsedRecommendation], errata: DocumentErrata) -> list[Candidate]:
    """The paragraphs with the errata fixes applied to a copy of their text and States.

    A fresh DocumentErrata over the same entries is used, so this preview does not count as applying
    them: the driver still applies the fixes to the real entries after build().
    """
    preview = [
        {"id": rec.entry_id, "text": rec.text, "recommending_states": list(rec.states)}
        for rec in recs
    ]
    DocumentErrata(errata.key, errata.cleanups, errata.fixes).apply_fixes(preview)
    return [
        Candidate(rec.number, entry["text"], tuple(entry["recommending_states"]))
        for rec, entry in zip(recs, preview, strict=True)
    ]


def match_report(sources: Path, errata: DocumentErrata) -> MatchReport:
    """Match the UPR Info rows to paragraphs; the report lists whatever could not be matched."""
    return match_rows(candidates(parse_report(sources, errata), errata), read_uprinfo(sources))


# --- derived fields -----------------------------------------------------------------------------


def position_of(rows: list[UprInfoRow]) -> str:
    responses = {r.response for r in rows}
    if responses == {ACCEPTED}:
        return "supported"
    if responses == {NOTED}:
        return "noted"
    return "supported-in-part"


def is_whole(candidate: Candidate, row: UprInfoRow) -> bool:
    """Whether the row reproduces its State's whole wording (not a shortened or split part)."""
    row_words = set(words(row.text))
    missing = {w for w in words(candidate.wording_of(row.state)) if w not in row_words}
    return len(missing) <= MAX_MISSING_WORDS


def action_category(candidate: Candidate, rows: list[UprInfoRow]) -> int:
    actions = {r.action for r in rows}
    if len(actions) == 1:
        return actions.pop()
    whole = [r for r in rows if is_whole(candidate, r)]
    if whole and len({r.action for r in whole}) == 1:
        return whole[0].action
    # UPR Info: "emphasis is generally placed on the first action" -- the row whose opening words
    # come first in the printed text.
    return min(whole or rows, key=lambda r: _opening_position(candidate, r)).action


def _opening_position(candidate: Candidate, row: UprInfoRow) -> int:
    """Where the row's first two words occur in the paragraph's text (its length if nowhere)."""
    text, opening = words(candidate.text), words(row.text)[:2]
    for i in range(len(text) - len(opening) + 1):
        if text[i : i + len(opening)] == opening:
            return i
    return len(text)


def themes_of(rows: list[UprInfoRow]) -> list[str]:
    themes: list[str] = []
    for row in sorted(rows, key=lambda r: r.line):
        themes.extend(i for i in row.issues if i not in themes)
    return themes


# --- the document -------------------------------------------------------------------------------


def build(sources: Path, errata: DocumentErrata) -> dict[str, Any]:
    recs = parse_report(sources, errata)
    previews = candidates(recs, errata)
    rows = read_uprinfo(sources)
    report = match_rows(previews, rows)
    recommendations = []
    for rec, candidate in zip(recs, previews, strict=True):
        entry: dict[str, Any] = {
            "id": rec.entry_id,
            "paragraph": rec.paragraph,
            "text": rec.text,
            "recommending_states": list(rec.states),
            "source_file": REPORT,
        }
        rec_rows = report.rows_by_paragraph[rec.number]
        if rec.number not in report.unmatched_paragraphs:
            position = position_of(rec_rows)
            entry["position"] = position
            entry["position_source"] = POSITION_SOURCES[position]
            entry["action_category"] = action_category(candidate, rec_rows)
        if rec_rows:
            # Issue labels describe the wording, not the response: kept even without a position.
            entry["themes"] = themes_of(rec_rows)
        recommendations.append(entry)

    return {
        "key": KEY,
        "symbol": SYMBOL,
        **masthead(sources),
        "mechanism": "upr",
        "body": "Human Rights Council, Working Group on the Universal Periodic Review",
        "document_type": "working-group-report",
        "cycle": 1,
        "coverage": coverage(report, len(rows)),
        "sources": [
            {
                "file": REPORT,
                "description": (
                    "A/HRC/16/11, Report of the Working Group on the Universal Periodic Review, "
                    "United States of America (4 January 2011), text extracted with pdftotext from "
                    "the official PDF (GE.11-10069): recommendation texts and recommending States."
                ),
            },
            {
                "file": UPRINFO,
                "description": (
                    "UPR Info database rows for the United States, UPR Working Group session 9, "
                    "one per recommending State (split in two where accepted in part): positions "
                    "(Accepted/Noted), action categories and issue labels (themes)."
                ),
            },
        ],
        "recommendations": recommendations,
    }


def coverage(report: MatchReport, row_count: int) -> str:
    used = sum(len(r) for r in report.rows_by_paragraph.values())
    text = (
        f"All {EXPECTED_COUNT} recommendations of paragraph 92 (92.1-92.{EXPECTED_COUNT}), with "
        "their text and recommending States as printed in the report. The US responses "
        "(A/HRC/16/11/Add.1) were not available: positions, action categories and themes come from "
        "UPR Info's database, matched to the paragraphs by wording and recommending State "
        f"({used} of {row_count} rows matched); a recommendation UPR Info splits into an accepted "
        "and a noted part is 'supported-in-part'. Not included: the report's footnotes 2 and 3 "
        "(the wordings of 92.75 and 92.171 as read out in the dialogue)."
    )
    if report.unmatched_paragraphs:
        listed = ", ".join(f"92.{n}" for n in sorted(report.unmatched_paragraphs))
        text += f" No position could be matched with confidence for {listed}."
    if report.unmatched_rows:
        listed = ", ".join(str(row.line) for row, _ in report.unmatched_rows)
        text += f" UPR Info rows left unmatched (CSV lines): {listed}."
    return text
