"""upr-2010: the 228 recommendations of A/HRC/16/11 (UPR 1st cycle, review of 5 November 2010).

Sources (see the sources' PROVENANCE.md):

* ``A_HRC_16_11.txt``: ``pdftotext`` output of the official PDF of the Working Group report. The text
  of every recommendation comes from here, and only from here.
* ``A_HRC_16_11_uprinfo_database.csv``: UPR Info's database rows for the review (session 9). They give
  the position (Accepted / Noted), the action category and the issue labels. The US responses
  themselves (A/HRC/16/11/Add.1) were not available, so UPR Info's classification stands in for them.

Parsing the report
------------------
* Only paragraph 92 is parsed: from its own line ``92.`` to the line ``93.``. Page headers, page
  numbers and bare footnote numbers are dropped from those lines by the ``source_cleanup`` errata
  (``catalog/errata/upr-2010.yaml``) before parsing, never by this module; footnote texts and
  footnote markers left inside a recommendation are removed by that file's ``fixes``, which the
  driver applies after :func:`build` returns.
* A recommendation starts at a line beginning ``92.N.``; it runs to the next such line. Its lines
  are stripped and joined with single spaces (runs of spaces inside a line are collapsed too, since
  ``pdftotext`` pads justified lines). Words hyphenated across lines were already joined by
  ``pdftotext`` ("resocialisation", but also "illtreatment", "lawincluding"); they are kept as found.
* The recommending States are printed in parentheses followed by ";": ``text (State, State);``.
  Several recommendations gather wordings of different States: ``text (A); text (B); text (C);``
  (e.g. 92.120, and 92.180, which merges four recommendations). A parenthesis followed by ";" is
  read as such an attribution; other parentheses ("(on freedom of association)", "(1977)",
  "(ECHR)") are never followed by ";" in the report. ``recommending_states`` lists every State named
  in the attributions, in printed order, with the names as printed ("Bolivarian Republic of
  Venezuela").
* ``text`` is the printed text without the ``92.N.`` number and without the final attribution run,
  i.e. the last parenthesis or the run of parentheses of 92.93, "(Cyprus); (Denmark); (Republic of
  Korea)", together with the ";" that ends the list item. Attributions inside the text are kept:
  they say which State proposed which wording. Punctuation the report prints before the final
  parenthesis is kept as printed (92.52 and 92.102 end with ".", 92.134 with ";"); all others end
  without final punctuation.
* 92.183 is a justified line that ``pdftotext`` took apart: the report's text reads "Investigate
  (Switzerland); carefully each case of immigrants' incarceration". Its attribution is not at the
  end, so it is left in the text here and the errata file restores the word order.

Matching UPR Info rows
----------------------
UPR Info rows have no paragraph numbers, one row per recommending State, normalised text
(parentheses as " - ... - ", ";" as "," and so on) and, where the US accepted a recommendation in
part, one "Accepted" row and one "Noted" row for the same State, each with part of the wording
(sometimes reworded: "Accept the individual procedures of ICCPR, CERD and CAT" for 92.45). So a
row is matched to a paragraph only among the paragraphs its State is named in, and by words:

* Texts are compared as word lists: accents folded, lower-cased, letters and digits only.
* Containment: the share of the row's words that occur in the paragraph's text. A shortened or
  split row is contained in its paragraph even when it is not a prefix of it.
* Similarity: ``difflib`` ratio between the row and the wording of its own State (the part of the
  text attributed to that State; for "(Cyprus); (Denmark); (Republic of Korea)" the wording before
  the run; for 92.183 the displaced words count as the last State's wording).
* A row is matched when one paragraph is best on both measures, its containment is at least
  :data:`MIN_CONTAINMENT`, and the runner-up is at least :data:`MIN_MARGIN` lower in containment or
  is also worse in similarity. Anything else is reported by :func:`match_report` and left unmatched
  rather than guessed. After matching, every (paragraph, State) pair must have one row, or one
  Accepted and one Noted row (a split); other combinations are reported too and the paragraph gets
  no position.

Derived fields
--------------
* ``position``: all matched rows Accepted -> "supported"; all Noted -> "noted"; both ->
  "supported-in-part" (UPR Info splits recommendations the US accepted in part).
* ``action_category``: UPR Info's Action when all matched rows agree. Otherwise the Action of the
  rows that reproduce their State's whole wording (the shortened "Accepted" row of 92.1 does not),
  if those agree. Otherwise -- no row is whole (92.29, 92.118, 92.173), or whole rows of different
  States disagree -- the Action of the row carrying the recommendation's first action, following
  UPR Info's own rule that "emphasis is generally placed on the first action".
* ``themes``: UPR Info's Issue labels of the matched rows, in CSV row order, deduplicated. The Issue
  cell joins labels with "," (no space); none of the 44 labels in the file contains a comma (they
  are UPR Info's issue list of ``metadata/UPRInfo_Database_Issues_explanation.txt``, where
  "Detention" and "Technical assistance and cooperation" appear as "Detention conditions" and
  "Technical assistance").
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
REPORT = "A_HRC_16_11.txt"
UPRINFO = "A_HRC_16_11_uprinfo_database.csv"
PARAGRAPH = "92"
EXPECTED_COUNT = 228

# The report's State names that UPR Info writes in a short form; all other names are the same in both.
UPRINFO_STATE_NAMES = {
    "Bolivarian Republic of Venezuela": "Venezuela",
    "Democratic People’s Republic of Korea": "DPR Korea",
    "Islamic Republic of Iran": "Iran",
    "Libyan Arab Jamahiriya": "Libya",
    "Plurinational State of Bolivia": "Bolivia",
    "Republic of Moldova": "Moldova",
    "Trinidad and Tobago": "Trinidad & Tobago",
}

UPRINFO_RESPONSES = {"Accepted", "Noted"}
POSITION_SOURCES = {
    "supported": "UPR Info database (Accepted)",
    "noted": "UPR Info database (Noted)",
    "supported-in-part": "UPR Info database (Accepted in part, Noted in part)",
}

# Matching thresholds (see the module docstring). The lowest containment of a correct match in this
# file is 2/3 (92.45, a reworded "Noted" part); unrelated rows of the same State stay below 0.5.
MIN_CONTAINMENT = 0.6
MIN_MARGIN = 0.2
# A row "reproduces its State's whole wording" when it holds this share of that wording's words;
# below 1.0 to allow for UPR Info's edits ("9/12" -> "9-12", dropped articles).
WHOLE_WORDING = 0.97

START = re.compile(rf"^{PARAGRAPH}\.(\d+)\.\s*(.*)$")
# An attribution: a parenthesis followed by the ";" that ends a list item or a State's wording.
ATTRIBUTION = re.compile(r"\(([^()]*)\)\s*;")
# The final run of attributions at the end of a recommendation, e.g. "(Cyprus); (Denmark);".
FINAL_ATTRIBUTIONS = re.compile(r"(?:\s*\([^()]*\)\s*;)+\s*$")


@dataclass(frozen=True)
class Part:
    """A wording within a recommendation and the State(s) it is attributed to."""

    text: str
    states: tuple[str, ...]


@dataclass
class ParsedRecommendation:
    number: int
    raw: str  # the joined lines after "92.N.", attributions included
    text: str
    states: list[str]
    parts: list[Part]

    @property
    def paragraph(self) -> str:
        return f"{PARAGRAPH}.{self.number}"

    def wording_of(self, uprinfo_state: str) -> str:
        """The wording attributed to a State (UPR Info name), for the similarity measure."""
        for part in self.parts:
            if uprinfo_state in (uprinfo_name(s) for s in part.states):
                return part.text
        raise KeyError(uprinfo_state)


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
    """The result of matching UPR Info rows to paragraphs, with everything that did not fit."""

    rows_by_paragraph: dict[int, list[UprInfoRow]] = field(default_factory=dict)
    unmatched_rows: list[tuple[UprInfoRow, str]] = field(default_factory=list)
    # paragraphs left without a position, with the reason
    unmatched_paragraphs: dict[int, str] = field(default_factory=dict)


def uprinfo_name(state: str) -> str:
    return UPRINFO_STATE_NAMES.get(state, state)


def words(text: str) -> list[str]:
    """Lower-case words of letters and digits, accents folded (UPR Info's CSV is ASCII)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", folded)


# --- the report ---------------------------------------------------------------------------------


def recommendation_lines(sources: Path, errata: DocumentErrata) -> list[str]:
    """The cleaned lines of paragraph 92, from the line after "92." to the line before "93."."""
    lines = (sources / REPORT).read_text(encoding="utf-8").split("\n")
    stripped = [line.strip() for line in lines]
    start = stripped.index(f"{PARAGRAPH}.")
    end = stripped.index(f"{int(PARAGRAPH) + 1}.", start)
    section = errata.clean_lines(REPORT, lines[start + 1 : end])
    # The chapeau of para 92 ("In the course of the discussion, ...") precedes the first item.
    first = next(i for i, line in enumerate(section) if START.match(line.strip()))
    return section[first:]


def split_parts(raw: str) -> list[Part]:
    """The wordings of a recommendation and their attributions, in printed order."""
    parts: list[Part] = []
    position = 0
    for match in ATTRIBUTION.finditer(raw):
        states = tuple(s.strip() for s in match.group(1).split(","))
        parts.append(Part(raw[position : match.start()].strip(), states))
        position = match.end()
    rest = raw[position:].strip()
    if not parts:
        raise ValueError(f"no recommending State in {raw!r}")
    if rest:
        # Words printed after the last attribution (92.183's broken line) belong to the last wording.
        last = parts.pop()
        parts.append(Part(f"{last.text} {rest}".strip(), last.states))
    # A bare attribution "(Denmark);" after "(Cyprus);" shares the wording before it (92.93).
    filled: list[Part] = []
    for part in parts:
        if not part.text and filled:
            part = Part(filled[-1].text, part.states)
        filled.append(part)
    return filled


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
        raise ValueError(f"{REPORT}: expected recommendations 92.1-92.{EXPECTED_COUNT}, got {numbers}")
    parsed = []
    for number, pieces in chunks:
        raw = " ".join(p for p in pieces if p)
        parts = split_parts(raw)
        states = [s for part in parts for s in part.states]
        if len(set(states)) != len(states):
            raise ValueError(f"92.{number}: a State is named twice: {states}")
        final = FINAL_ATTRIBUTIONS.search(raw)
        # Without a final attribution (92.183) the text is kept whole for the errata to repair.
        text = raw[: final.start()].rstrip() if final else raw
        parsed.append(ParsedRecommendation(number, raw, text, states, parts))
    return parsed


# --- UPR Info -----------------------------------------------------------------------------------


def read_uprinfo(sources: Path) -> list[UprInfoRow]:
    rows = []
    with (sources / UPRINFO).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            if row["Response"] not in UPRINFO_RESPONSES:
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


def containment(row_words: list[str], text_words: set[str]) -> float:
    return sum(w in text_words for w in row_words) / len(row_words) if row_words else 0.0


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def match_rows(recs: list[ParsedRecommendation], rows: list[UprInfoRow]) -> MatchReport:
    report = MatchReport()
    by_state: dict[str, list[ParsedRecommendation]] = defaultdict(list)
    for rec in recs:
        for state in rec.states:
            by_state[uprinfo_name(state)].append(rec)
    rec_words = {rec.number: set(words(rec.raw)) for rec in recs}
    matched: dict[int, list[UprInfoRow]] = defaultdict(list)

    for row in rows:
        row_words = words(row.text)
        scored = sorted(
            (
                (containment(row_words, rec_words[rec.number]), similarity(row.text, rec.wording_of(row.state)), rec)
                for rec in by_state.get(row.state, [])
            ),
            key=lambda s: (s[0], s[1]),
            reverse=True,
        )
        if not scored:
            report.unmatched_rows.append((row, f"no paragraph names the State {row.state!r}"))
            continue
        best = scored[0]
        runner_up = scored[1] if len(scored) > 1 else None
        if best[0] < MIN_CONTAINMENT:
            report.unmatched_rows.append((row, f"best paragraph {best[2].paragraph} holds {best[0]:.0%} of its words"))
            continue
        # Two independent measures must agree: a clear lead in words contained, or a lead in both.
        if runner_up and best[0] - runner_up[0] < MIN_MARGIN and best[1] <= runner_up[1]:
            report.unmatched_rows.append(
                (row, f"ambiguous between {best[2].paragraph} and {runner_up[2].paragraph}")
            )
            continue
        matched[best[2].number].append(row)

    for rec in recs:
        rec_rows = matched.get(rec.number, [])
        problem = _pair_problem(rec, rec_rows)
        if problem:
            report.unmatched_paragraphs[rec.number] = problem
        report.rows_by_paragraph[rec.number] = rec_rows
    return report


def _pair_problem(rec: ParsedRecommendation, rec_rows: list[UprInfoRow]) -> str | None:
    """Every State of a paragraph needs one row, or an Accepted and a Noted row (a split)."""
    if not rec_rows:
        return "no UPR Info row matched"
    problems = []
    for state in rec.states:
        responses = sorted(r.response for r in rec_rows if r.state == uprinfo_name(state))
        if responses not in (["Accepted"], ["Noted"], ["Accepted", "Noted"]):
            problems.append(f"{state}: rows {responses or 'missing'}")
    return "; ".join(problems) or None


def match_report(sources: Path, errata: DocumentErrata) -> MatchReport:
    """Match the UPR Info rows to paragraphs; the report lists what could not be matched."""
    return match_rows(parse_report(sources, errata), read_uprinfo(sources))


# --- derived fields -----------------------------------------------------------------------------


def position_of(rows: list[UprInfoRow]) -> str:
    responses = {r.response for r in rows}
    if responses == {"Accepted"}:
        return "supported"
    if responses == {"Noted"}:
        return "noted"
    return "supported-in-part"


def action_category(rec: ParsedRecommendation, rows: list[UprInfoRow]) -> int:
    actions = {r.action for r in rows}
    if len(actions) == 1:
        return actions.pop()
    whole = [
        r
        for r in rows
        if containment(words(rec.wording_of(r.state)), set(words(r.text))) >= WHOLE_WORDING
    ]
    if whole and len({r.action for r in whole}) == 1:
        return whole[0].action
    # UPR Info: "emphasis is generally placed on the first action" -- the row whose opening words
    # come first in the printed text.
    candidates = whole or rows
    return min(candidates, key=lambda r: _first_position(rec, r)).action


def _first_position(rec: ParsedRecommendation, row: UprInfoRow) -> int:
    """Where the row's first two words occur in the recommendation (a large number if nowhere)."""
    text, opening = words(rec.raw), words(row.text)[:2]
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
    rows = read_uprinfo(sources)
    report = match_rows(recs, rows)
    recommendations = []
    for rec in recs:
        entry: dict[str, Any] = {
            "id": f"{KEY}:{rec.paragraph}",
            "paragraph": rec.paragraph,
            "text": rec.text,
            "recommending_states": rec.states,
            "source_file": REPORT,
        }
        rec_rows = report.rows_by_paragraph[rec.number]
        if rec.number not in report.unmatched_paragraphs:
            position = position_of(rec_rows)
            entry["position"] = position
            entry["position_source"] = POSITION_SOURCES[position]
            entry["action_category"] = action_category(rec, rec_rows)
        if rec_rows:
            # Issue labels describe the wording, not the response: kept even if the position is not.
            entry["themes"] = themes_of(rec_rows)
        recommendations.append(entry)

    return {
        "key": KEY,
        "symbol": "A/HRC/16/11",
        "title": "Report of the Working Group on the Universal Periodic Review: United States of America",
        "mechanism": "upr",
        "body": "Human Rights Council, Working Group on the Universal Periodic Review",
        "document_type": "working-group-report",
        "cycle": 1,
        "session": "UPR WG 9",
        "date": "2011-01-04",
        "coverage": coverage(report, len(rows)),
        "sources": [
            {
                "file": REPORT,
                "description": (
                    "A/HRC/16/11, Report of the Working Group on the Universal Periodic Review, "
                    "United States of America (4 January 2011): text extracted with pdftotext from "
                    "the official PDF (GE.11-10069). Source of all recommendation texts and States."
                ),
            },
            {
                "file": UPRINFO,
                "description": (
                    "UPR Info database rows for the United States, UPR Working Group session 9: "
                    "response (Accepted/Noted), action category and issue labels of each "
                    "recommendation, one row per recommending State. Source of positions, action "
                    "categories and themes."
                ),
            },
        ],
        "recommendations": recommendations,
    }


def coverage(report: MatchReport, row_count: int) -> str:
    used = sum(len(r) for r in report.rows_by_paragraph.values())
    text = (
        f"All {EXPECTED_COUNT} recommendations of paragraph 92 (92.1-92.{EXPECTED_COUNT}), text as "
        "printed in the report. The US responses (A/HRC/16/11/Add.1) were not available: positions, "
        "action categories and themes come from UPR Info's database, whose rows were matched to the "
        f"paragraphs by wording and recommending State ({used} of {row_count} rows matched). "
        "UPR Info counts a recommendation accepted in part as split into an accepted and a noted "
        "part; such recommendations are 'supported-in-part'."
    )
    if report.unmatched_paragraphs:
        listed = ", ".join(f"92.{n}" for n in sorted(report.unmatched_paragraphs))
        text += f" No position could be matched with confidence for {listed}."
    if report.unmatched_rows:
        listed = ", ".join(str(row.line) for row, _ in report.unmatched_rows)
        text += f" UPR Info rows left unmatched (CSV lines): {listed}."
    return text
