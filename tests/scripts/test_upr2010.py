"""Tests of the upr-2010 builder (A/HRC/16/11 and UPR Info's database rows) against its sources.

Expectations are read from the source files themselves (the raw report text, the UPR Info CSV and
UPR Info's issue list), not copied from the builder's output; a few spot checks name what the
report prints.
"""

from __future__ import annotations

import copy
import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from catalog_build import upr2010
from catalog_build.errata import DocumentErrata

from hrcli.catalog.model import Document

REPORT = "A_HRC_16_11.txt"
UPRINFO = "A_HRC_16_11_uprinfo_database.csv"
ISSUES = "metadata/UPRInfo_Database_Issues_explanation.txt"
COUNT = 228
FOOTNOTE_START = "The original recommendation as read during the interactive dialogue:"

Entries = dict[str, dict[str, Any]]  # paragraph -> entry
Segments = dict[str, list[str]]  # paragraph -> raw source lines
Rows = list[dict[str, str]]  # the UPR Info CSV


def final_document(sources: Path, errata_dir: Path) -> tuple[dict[str, Any], DocumentErrata]:
    """Build as scripts/build_catalog.py does: build, apply fixes, check errata, validate."""
    errata = DocumentErrata.load(errata_dir, "upr-2010")
    doc = upr2010.build(sources, errata)
    errata.apply_fixes(doc["recommendations"])
    doc["errata"] = errata.document_errata()
    errata.assert_all_used()
    Document.model_validate(doc)
    return doc, errata


def tokens(text: str) -> list[str]:
    """Lower-case words, letters apart from digits: a glued footnote mark "Cuba2" is two tokens."""
    return re.findall(r"[^\W\d_]+|\d+", text.casefold())


@pytest.fixture(scope="module")
def errata_dir(repo_root: Path) -> Path:
    return repo_root / "catalog" / "errata"


@pytest.fixture(scope="module")
def doc(sources_dir: Path, errata_dir: Path) -> dict[str, Any]:
    return final_document(sources_dir, errata_dir)[0]


@pytest.fixture(scope="module")
def entries(doc: dict[str, Any]) -> Entries:
    return {r["paragraph"]: r for r in doc["recommendations"]}


@pytest.fixture(scope="module")
def raw_lines(sources_dir: Path) -> list[str]:
    return (sources_dir / REPORT).read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def raw_segments(raw_lines: list[str]) -> Segments:
    """The raw lines of each recommendation: from its "92.N." line to the next one, or to "93."."""
    starts = [
        (m.group(1), i)
        for i, line in enumerate(raw_lines)
        if (m := re.match(r"^(92\.\d+)\.", line.strip()))
    ]
    end = next(i for i, line in enumerate(raw_lines) if line.strip() == "93.")
    bounds = [i for _, i in starts[1:]] + [end]
    return {para: raw_lines[i:j] for (para, i), j in zip(starts, bounds, strict=True)}


@pytest.fixture(scope="module")
def rows(sources_dir: Path) -> Rows:
    with (sources_dir / UPRINFO).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def report(sources_dir: Path, errata_dir: Path) -> upr2010.MatchReport:
    return upr2010.match_report(sources_dir, DocumentErrata.load(errata_dir, "upr-2010"))


# --- the document -------------------------------------------------------------------------------


def test_document_metadata(doc: dict[str, Any], raw_lines: list[str]) -> None:
    head = [line.strip() for line in raw_lines[:25]]
    assert doc["key"] == "upr-2010" and head[0] == doc["symbol"] == "A/HRC/16/11"
    assert doc["mechanism"] == "upr" and doc["document_type"] == "working-group-report"
    assert doc["cycle"] == 1
    # Masthead: "Distr.: General" / "4 January 2011"; title over two lines, "*" marks its footnote.
    assert head[head.index("Distr.: General") + 1] == "4 January 2011"
    assert doc["date"] == "2011-01-04"
    title_at = head.index("Report of the Working Group on the Universal")
    assert head[title_at + 1 : title_at + 3] == ["Periodic Review*", "United States of America"]
    assert doc["title"].startswith("Report of the Working Group on the Universal Periodic Review")
    assert doc["title"].endswith("United States of America")
    # The footnote names the Working Group document A/HRC/WG.6/9/L.9: the 9th session.
    assert any("A/HRC/WG.6/9/L.9" in line for line in head) and doc["session"] == "UPR WG 9"
    assert [s["file"] for s in doc["sources"]] == [REPORT, UPRINFO]
    assert "A/HRC/16/11/Add.1" in doc["coverage"] and "UPR Info" in doc["coverage"]


def test_all_recommendations_contiguous(doc: dict[str, Any], raw_segments: Segments) -> None:
    paragraphs = [r["paragraph"] for r in doc["recommendations"]]
    assert paragraphs == list(raw_segments) == [f"92.{n}" for n in range(1, COUNT + 1)]
    assert all(r["id"] == f"upr-2010:{r['paragraph']}" for r in doc["recommendations"])
    assert all(r["source_file"] == REPORT for r in doc["recommendations"])


def test_every_erratum_applies(sources_dir: Path, errata_dir: Path) -> None:
    _, errata = final_document(sources_dir, errata_dir)
    errata.assert_all_used()  # also done in final_document; explicit here as the test's purpose
    assert errata.cleanups and errata.fixes


# --- texts --------------------------------------------------------------------------------------


def test_text_words_in_source_order(entries: Entries, raw_segments: Segments) -> None:
    for para, entry in entries.items():
        source = iter(tokens(" ".join(raw_segments[para])))
        missing = [w for w in tokens(entry["text"]) if w not in source]  # ordered subsequence
        assert not missing, f"{para}: {missing[:5]} not in order in the source"
        assert not entry["text"].startswith(f"{para}.")


def _expected_tokens(segment: list[str], errata: DocumentErrata) -> Counter[str]:
    """The words of a raw segment minus page furniture, footnote texts and footnote marks."""
    lines = errata.clean_lines(REPORT, segment)
    kept, in_footnote = [], False
    for line in lines:
        line = line.strip()
        in_footnote = in_footnote or line.startswith(FOOTNOTE_START)
        if not in_footnote:
            kept.append(line)
        elif line.endswith("”"):
            in_footnote = False
    text = re.sub(r"(?<=[A-Za-z])\d+\b", "", " ".join(kept))  # superscript marks: "Cuba2"
    return Counter(tokens(re.sub(r"^92\.\d+\.", "", text.strip())))


def test_no_words_lost_or_added(
    entries: Entries, raw_segments: Segments, errata_dir: Path
) -> None:
    """Text plus the States of the final attribution hold exactly the words of the source."""
    errata = DocumentErrata.load(errata_dir, "upr-2010")  # for its source_cleanup patterns
    for para, entry in entries.items():
        groups = re.findall(r"\(([^()]*)\)", entry["text"])
        in_text = {s.strip() for group in groups for s in group.split(",")}
        final_states = [s for s in entry["recommending_states"] if s not in in_text]
        got = Counter(tokens(entry["text"])) + Counter(tokens(" ".join(final_states)))
        assert got == _expected_tokens(raw_segments[para], errata), para


def test_no_page_or_footnote_debris(entries: Entries, raw_segments: Segments) -> None:
    for para, entry in entries.items():
        text = entry["text"]
        for debris in ("A/HRC/16/11", "GE.11", FOOTNOTE_START, "\f", "  "):
            assert debris not in text, f"{para}: {debris!r}"
        assert not re.search(r"[A-Za-z]\d", text), f"{para}: footnote mark glued to a word"
        assert text == text.strip() and not text.endswith(")"), para
        # Lines of the raw segment that are bare numbers (page numbers, footnote numbers) must not
        # have been joined to the words before them.
        segment = [line.strip() for line in raw_segments[para]]
        for i, line in enumerate(segment):
            if re.fullmatch(r"\d{1,2}", line):
                before = next((s for s in reversed(segment[:i]) if s and not s.isdigit()), "")
                if before:
                    assert f"{before.split()[-1]} {line}" not in text, f"{para}: page number {line}"


def test_footnotes(entries: Entries, raw_segments: Segments) -> None:
    # Footnote 3 (the oral wording of 92.171) is printed inside 92.180; footnote 2 inside 92.79.
    assert any(FOOTNOTE_START in line for line in raw_segments["92.180"])
    assert any(FOOTNOTE_START in line for line in raw_segments["92.79"])
    assert "Posada" not in entries["92.180"]["text"] and "blockade" not in entries["92.79"]["text"]
    assert "Luis Posada Carriles" in entries["92.171"]["text"]
    assert entries["92.171"]["text"].endswith("living in impunity in the United States")
    assert entries["92.75"]["text"].startswith("End the blockade against Cuba (Cuba);")
    ids = {p: [e["id"] for e in entries[p].get("errata", [])] for p in ("92.79", "92.180")}
    assert ids == {"92.79": ["upr-2010-92.79-footnote-2"], "92.180": ["upr-2010-92.180-footnote-3"]}


def test_final_attribution_removed(entries: Entries) -> None:
    for para, entry in entries.items():
        last = entry["recommending_states"][-1]
        assert f"({last})" not in entry["text"] and f"{last})" not in entry["text"], para
    # Punctuation printed before the parenthesis is kept as printed.
    assert entries["92.52"]["text"].endswith("Palestinian people.")
    assert entries["92.134"]["text"].endswith("mentally-ill persons and minors;")
    assert entries["92.2"]["text"].endswith("against Enforced Disappearance")


def test_last_recommendation_ends_before_para_93(entries: Entries) -> None:
    text = entries["92.228"]["text"]
    assert text.endswith("in situations of armed conflict")
    assert "response of the United States" not in text and "Annex" not in text


def test_recommending_states(entries: Entries) -> None:
    assert entries["92.1"]["recommending_states"] == ["Bolivarian Republic of Venezuela"]
    assert entries["92.72"]["recommending_states"] == [
        "Egypt", "Germany", "Ghana", "Sudan", "Bolivarian Republic of Venezuela",
    ]  # fmt: skip
    assert entries["92.93"]["recommending_states"] == ["Cyprus", "Denmark", "Republic of Korea"]
    assert entries["92.93"]["text"] == (
        "Consider extending a standing invitation to special procedures"
    )
    assert entries["92.12"]["recommending_states"] == [
        "Democratic People’s Republic of Korea", "Ghana", "Australia",
    ]  # fmt: skip
    assert entries["92.180"]["recommending_states"] == [
        "Switzerland", "Belgium", "Austria", "Slovakia",
    ]  # fmt: skip
    assert len(entries["92.120"]["recommending_states"]) == 7


def test_broken_line_of_92_183(entries: Entries, raw_segments: Segments) -> None:
    # The extraction printed the State after the first word; UPR Info has the words in order too.
    assert [line for line in raw_segments["92.183"] if line.strip()][:2] == [
        "92.183. Investigate",
        "(Switzerland);",
    ]
    assert entries["92.183"]["text"] == (
        "Investigate carefully each case of immigrants’ incarceration"
    )
    assert entries["92.183"]["recommending_states"] == ["Switzerland"]


def test_every_state_is_a_uprinfo_state(entries: Entries, rows: Rows) -> None:
    named = {upr2010.uprinfo_name(s) for e in entries.values() for s in e["recommending_states"]}
    assert named == {row["From"] for row in rows}


# --- UPR Info matching --------------------------------------------------------------------------


def test_every_row_matched_once(report: upr2010.MatchReport, rows: Rows) -> None:
    assert report.unmatched_rows == [] and report.unmatched_paragraphs == {}
    lines = [row.line for matched in report.rows_by_paragraph.values() for row in matched]
    assert sorted(lines) == list(range(2, len(rows) + 2))  # CSV lines 2.. (line 1 is the header)


def test_matched_rows_are_the_paragraphs_states(
    report: upr2010.MatchReport, entries: Entries
) -> None:
    for number, matched in report.rows_by_paragraph.items():
        states = {upr2010.uprinfo_name(s) for s in entries[f"92.{number}"]["recommending_states"]}
        assert {row.state for row in matched} == states, number


def test_row_count_is_states_plus_splits(entries: Entries, rows: Rows) -> None:
    """One row per recommending State, plus one per recommendation UPR Info split in two."""
    mentions = sum(len(e["recommending_states"]) for e in entries.values())
    in_part = sum(e["position"] == "supported-in-part" for e in entries.values())
    assert mentions + in_part == len(rows) == 280


def test_positions_per_state_agree_with_rows(entries: Entries, rows: Rows) -> None:
    """Independently of the matching: each State's Accepted/Noted rows can carry its positions."""
    responses = {
        state: Counter(r["Response"] for r in rows if r["From"] == state)
        for state in {r["From"] for r in rows}
    }
    for state, count in responses.items():
        named = [
            e for e in entries.values()
            if state in {upr2010.uprinfo_name(s) for s in e["recommending_states"]}
        ]
        positions = Counter(e["position"] for e in named)
        splits = count["Accepted"] + count["Noted"] - len(named)  # rows beyond one per entry
        assert 0 <= splits <= positions["supported-in-part"], state
        assert count["Accepted"] >= positions["supported"], state
        assert count["Noted"] >= positions["noted"], state
        if len(named) == 1 and splits == 0:  # a single row: the position is forced
            only = next(iter(count))
            assert named[0]["position"] == {"Accepted": "supported", "Noted": "noted"}[only], state


def test_positions_follow_responses(
    report: upr2010.MatchReport, entries: Entries, rows: Rows
) -> None:
    counts = Counter(e["position"] for e in entries.values())
    assert sum(counts.values()) == COUNT and None not in counts
    for number, matched in report.rows_by_paragraph.items():
        entry, responses = entries[f"92.{number}"], {row.response for row in matched}
        expected = {
            frozenset({"Accepted"}): "supported",
            frozenset({"Noted"}): "noted",
            frozenset({"Accepted", "Noted"}): "supported-in-part",
        }[frozenset(responses)]
        assert entry["position"] == expected, number
        assert entry["position_source"].startswith("UPR Info database")
    # Row totals agree with the CSV's own Response column.
    matched_responses = Counter(r.response for m in report.rows_by_paragraph.values() for r in m)
    assert matched_responses == Counter(row["Response"] for row in rows)


def test_92_1_supported_in_part(entries: Entries, rows: Rows) -> None:
    venezuela = [
        r for r in rows
        if r["From"] == "Venezuela" and "Inter-American Human Rights System" in r["Text"]
    ]
    assert sorted(r["Response"] for r in venezuela) == ["Accepted", "Noted"]
    full = next(r for r in venezuela if r["Text"].startswith("Ratify without reservations"))
    assert full["Response"] == "Noted"
    entry = entries["92.1"]
    assert entry["position"] == "supported-in-part"
    assert entry["themes"] == full["Issue"].split(",")
    assert entry["action_category"] == int(full["Action"])


def test_action_categories_and_themes(
    report: upr2010.MatchReport, entries: Entries, rows: Rows
) -> None:
    labels = {label for row in rows for label in row["Issue"].split(",")}
    for number, matched in report.rows_by_paragraph.items():
        entry = entries[f"92.{number}"]
        assert entry["action_category"] in {row.action for row in matched}, number
        assert set(entry["themes"]) == {i for row in matched for i in row.issues}, number
        assert len(entry["themes"]) == len(set(entry["themes"])) and set(entry["themes"]) <= labels


def test_issue_labels_are_uprinfo_labels(sources_dir: Path, rows: Rows) -> None:
    """Splitting the Issue cell on "," gives UPR Info's own labels: none has a comma inside."""
    issue_list = (sources_dir / ISSUES).read_text(encoding="utf-8")
    listed = set(re.findall(r"^\s*\d{1,2}\s{2,}(\S.*?)\s*$", issue_list, re.M))
    labels = {label for row in rows for label in row["Issue"].split(",")}
    assert len(labels) == 44 and all(label == label.strip() for label in labels)
    # Two labels of the 2010 export are older forms of listed ones.
    renamed = {
        "Detention": "Detention conditions",
        "Technical assistance and cooperation": "Technical assistance",
    }
    assert {renamed.get(label, label) for label in labels} <= listed


def _row(rows: Rows, state: str, start: str) -> dict[str, str]:
    return next(r for r in rows if r["From"] == state and r["Text"].startswith(start))


def test_split_rows_action_category(entries: Entries, rows: Rows) -> None:
    """Rows disagree: the whole wording (92.156: Egypt's row) or else the first action decides."""
    egypt = _row(rows, "Egypt", "Expedite efforts")
    assert entries["92.156"]["action_category"] == int(egypt["Action"])
    ratify = _row(rows, "Egypt", "Ratify the Convention on the Protection")
    assert entries["92.29"]["action_category"] == int(ratify["Action"])


# --- units without the sources ------------------------------------------------------------------


def test_wordings_of_a_run_of_attributions() -> None:
    parts = upr2010.wordings("Consider it", ("Cyprus", "Denmark", "Republic of Korea"))
    assert parts == [upr2010.Part("Consider it", ("Cyprus", "Denmark", "Republic of Korea"))]
    parts = upr2010.wordings("Do A (X, Y); Do B (Z); Do C", ("X", "Y", "Z", "W"))
    assert [(p.text, p.states) for p in parts] == [
        ("Do A", ("X", "Y")),
        ("Do B", ("Z",)),
        ("Do C", ("W",)),
    ]


def test_words_fold_accents_and_punctuation() -> None:
    got = upr2010.words("vis-à-vis Sucuzhañay’s 9/12")
    assert got == ["vis", "a", "vis", "sucuzhanay", "s", "9", "12"]


def test_match_rows_leaves_ambiguous_rows_unmatched() -> None:
    recs = [
        upr2010.Candidate(1, "Ratify the Convention on the Rights of the Child", ("Ghana",)),
        upr2010.Candidate(2, "Ratify the Convention on the Rights of the Child", ("Ghana",)),
    ]
    text = "Ratify the Convention on the Rights of the Child"
    row = upr2010.UprInfoRow(2, text, "Ghana", "Accepted", 5, ())
    report = upr2010.match_rows(recs, [row])
    assert [r for r, _ in report.unmatched_rows] == [row]
    assert set(report.unmatched_paragraphs) == {1, 2}


def test_build_does_not_mark_fixes_used(sources_dir: Path, errata_dir: Path) -> None:
    """build() previews the fixes for matching; applying them is still the driver's job."""
    errata = DocumentErrata.load(errata_dir, "upr-2010")
    doc = upr2010.build(sources_dir, errata)
    assert not {f["id"] for f in errata.fixes} & errata.used
    before = copy.deepcopy(doc["recommendations"])
    errata.apply_fixes(doc["recommendations"])
    assert before != doc["recommendations"]
