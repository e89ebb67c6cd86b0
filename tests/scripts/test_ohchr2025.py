"""Tests of the ohchr-2025 builder (A/HRC/WG.6/50/USA/2), checked against the raw source text.

Expected values come from reading the source file, and each test first checks that the raw text
really says what the test relies on, so a test cannot drift away from the source.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from catalog_build.errata import DocumentErrata
from catalog_build.ohchr2025 import SOURCE_FILE, Citation, _catalog_ids, build

from hrcli.catalog.model import Document

NOTE_COUNT = 111
PARAGRAPH_COUNT = 71
PAGE_DEBRIS = ("GE.25-13106", "A/HRC/WG.6/50/USA/2")


@pytest.fixture(scope="module")
def raw(sources_dir: Path) -> str:
    return (sources_dir / SOURCE_FILE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(sources_dir: Path, repo_root: Path) -> dict[str, Any]:
    """build() output as returned, before the errata fixes."""
    return build(sources_dir, DocumentErrata.load(repo_root / "catalog" / "errata", "ohchr-2025"))


@pytest.fixture(scope="module")
def final(sources_dir: Path, repo_root: Path) -> Document:
    """The document as the catalog driver makes it: fixes applied, errata all used, validated."""
    errata = DocumentErrata.load(repo_root / "catalog" / "errata", "ohchr-2025")
    doc = build(sources_dir, errata)
    errata.apply_fixes(doc["recommendations"])
    doc["errata"] = doc.get("errata", []) + errata.document_errata()
    errata.assert_all_used()
    return Document.model_validate(doc)


@pytest.fixture(scope="module")
def by_paragraph(final: Document) -> dict[int, Any]:
    return {int(rec.paragraph): rec for rec in final.recommendations}


def _raw_paragraph_spans(raw: str) -> dict[int, str]:
    """Raw text of each paragraph, page debris included: from "\\nN. " to the next paragraph."""
    starts = []
    position = 0
    for number in range(1, PARAGRAPH_COUNT + 1):
        # The first "N. " line after paragraph N-1 is paragraph N; numbered sub-headings come later.
        position = raw.index(f"\n{number}. ", position) + 1
        starts.append(position)
    ends = starts[1:] + [raw.index("\nNotes\n")]
    return {n: raw[start:end] for n, (start, end) in enumerate(zip(starts, ends), start=1)}


def test_metadata(final: Document, raw: str) -> None:
    assert "A/HRC/WG.6/50/USA/2\nDistr.: General 28 August 2025\n" in raw
    assert f"\n{final.title}\n" in raw
    assert final.key == "ohchr-2025"
    assert final.symbol == "A/HRC/WG.6/50/USA/2"
    assert final.date == "2025-08-28"
    assert (final.mechanism, final.document_type, final.cycle) == ("upr", "compilation", 4)
    assert final.sources[0].file == SOURCE_FILE
    assert "ohchr-2025-note-calls" in {erratum.id for erratum in final.errata}


def test_paragraphs_1_to_71_contiguous(final: Document, raw: str) -> None:
    assert re.search(r"\n71\. The Independent Expert on albinism", raw)
    assert [rec.paragraph for rec in final.recommendations] == [
        str(n) for n in range(1, PARAGRAPH_COUNT + 1)
    ]
    for rec in final.recommendations:
        assert rec.id == f"ohchr-2025:{rec.paragraph}"
        assert rec.kind == "paragraph"
        assert rec.source_file == SOURCE_FILE
        assert rec.themes == []


def test_paragraph_words_appear_in_order_in_source(built: dict[str, Any], raw: str) -> None:
    # One cursor through the whole file: the paragraphs are also in document order.
    cursor = 0
    for rec in built["recommendations"]:
        for word in rec["text"].split():
            found = raw.find(word, cursor)
            assert found >= 0, f"paragraph {rec['paragraph']}: {word!r} not found in order"
            cursor = found + len(word)


def test_paragraphs_start_as_printed(built: dict[str, Any], raw: str) -> None:
    for rec in built["recommendations"]:
        opening = " ".join(rec["text"].split()[:6])
        assert f"\n{rec['paragraph']}. {opening}" in raw


def test_no_page_debris(final: Document, raw: str) -> None:
    raw_lines = raw.splitlines()
    assert "GE.25-13106" in raw_lines and "13" in raw_lines  # the debris the test looks for exists
    for rec in final.recommendations:
        for debris in PAGE_DEBRIS:
            assert debris not in rec.text, f"paragraph {rec.paragraph}: {debris}"
        # A page number joined into the text would be a bare number whose left neighbour is not
        # beside it on any printed line.
        words = rec.text.split()
        for previous, word in zip(words, words[1:]):
            if re.fullmatch(r"\d+[,.;]?", word):
                pair = f"{previous} {word}"
                assert any(pair in line for line in raw_lines), f"{rec.paragraph}: {pair!r}"


def test_paragraph_joined_across_a_page_break(by_paragraph: dict[int, Any], raw: str) -> None:
    # Paragraph 13 runs over pages 2-3: "to pass bill" / 2 / GE.25-13106 / header / "HR40 on the".
    assert "to pass bill\n\n2\n\nGE.25-13106\n\nA/HRC/WG.6/50/USA/2\n\nHR40 on the" in raw
    assert "to pass bill HR40 on the Commission" in by_paragraph[13].text
    assert "from key\nGE.25-13106 (E) 270825 270825\n\nA/HRC/WG.6/50/USA/2\ninternational" in raw
    assert "withdrawal from key international agreements" in by_paragraph[5].text


def _notes_of(rec: Any) -> list[int]:
    notes: list[int] = []
    for ref in rec.references:
        if not notes or notes[-1] != int(ref.note):
            notes.append(int(ref.note))
    return notes


def test_every_note_attached_once_in_order(final: Document, raw: str) -> None:
    # The source has notes 1..111 and no note 112.
    notes_text = raw[raw.index("\nNotes\n") :]
    assert re.search(r"(?<!\S)111 A/HRC/58/57/Add\.1, paras\. 56 \(d\) and 59 \(g\)\.", notes_text)
    assert not re.search(r"(?<!\S)112 ", notes_text)
    flat = [note for rec in final.recommendations for note in _notes_of(rec)]
    assert flat == list(range(1, NOTE_COUNT + 1))


def test_notes_attached_where_raw_text_calls_them(final: Document, raw: str) -> None:
    spans = _raw_paragraph_spans(raw)
    for rec in final.recommendations:
        for note in _notes_of(rec):
            call = re.search(rf"\.\s?{note}(?!\d)", spans[int(rec.paragraph)])
            assert call, (rec.paragraph, note)


def test_note_calls_removed(by_paragraph: dict[int, Any], raw: str) -> None:
    assert "the previous review.1 It is a compilation" in raw
    assert "Political Rights.3\n" in raw
    assert "(the Paris Principles). 11 The Special Rapporteur" in raw
    assert "in 2021, 2022, 2023 and 2024.7\n" in raw
    assert "the previous review. It is a compilation" in by_paragraph[1].text
    assert by_paragraph[3].text.endswith("Civil and Political Rights.")
    assert "(the Paris Principles). The Special Rapporteur" in by_paragraph[9].text
    assert by_paragraph[7].text.endswith("in 2021, 2022, 2023 and 2024.")
    for rec in by_paragraph.values():
        assert not re.search(r"\.\s?\d+(?= [A-Z]|$)", rec.text), rec.paragraph


@pytest.mark.parametrize(
    ("paragraph", "snippet"),
    [
        (13, "HR40 on the Commission to Study"),
        (6, "the Human Rights 75 initiative"),
        (7, "in 2021, 2022, 2023 and 2024"),
        (8, "occupied since 1967, as a direct attack"),
        (36, "Voting Rights Act of 1965"),
        (37, "Executive Order 12333 and section 702"),
        (37, "the Privacy Act (1974)"),
        (59, "Civil Rights Act of 1964"),
        (70, "more than 200,000 stateless individuals"),
        (71, "Law No. 109 of 2022"),
    ],
)
def test_numbers_in_the_text_are_kept(
    by_paragraph: dict[int, Any], raw: str, paragraph: int, snippet: str
) -> None:
    assert snippet in _raw_paragraph_spans(raw)[paragraph]
    assert snippet in by_paragraph[paragraph].text


def test_headings_change_exactly_where_the_source_prints_one(final: Document, raw: str) -> None:
    spans = _raw_paragraph_spans(raw)
    assert final.recommendations[0].heading == "Background"
    for number in range(2, PARAGRAPH_COUNT + 1):
        # The last printed line of the previous span: a heading, unless it still belongs to the
        # paragraph (which always ends with a note call).
        lines = [
            line
            for line in spans[number - 1].splitlines()
            if line and line not in PAGE_DEBRIS and not re.fullmatch(r"\d+", line)
        ]
        last = lines[-1]
        ends_paragraph = re.search(r"\.\s?\d+$", last) is not None
        heading = final.recommendations[number - 1].heading
        previous_heading = final.recommendations[number - 2].heading
        if ends_paragraph:
            assert heading == previous_heading, number
        else:
            assert heading != previous_heading, number
            assert re.sub(r"^(?:[IVX]+|[A-Z]|\d+)\. ", "", last) == heading, number


@pytest.mark.parametrize(
    ("paragraph", "heading", "printed"),
    [
        (9, "Institutional infrastructure and policy measures", "Institutional infrastructure and"),
        (12, "Equality and non-discrimination", "\n1. Equality and non-discrimination\n12. "),
        (52, "Rights of specific persons or groups", "persons or groups\n52. Several"),
        (54, "Children", "\n2. Children\n54. "),
        (71, "Specific regions or territories", "\nC. Specific regions or territories\n71. "),
    ],
)
def test_heading_spot_checks(
    by_paragraph: dict[int, Any], raw: str, paragraph: int, heading: str, printed: str
) -> None:
    assert printed in raw
    assert by_paragraph[paragraph].heading == heading


def _refs(rec: Any, note: int) -> list[Any]:
    return [ref for ref in rec.references if ref.note == str(note)]


@pytest.mark.parametrize(
    ("paragraph", "note", "printed", "expected"),
    [
        (19, 29, "29 CCPR/C/USA/CO/5, para. 35. See also A/HRC/56/68/Add.1, para. 72 (zz).",
         [("CCPR/C/USA/CO/5", ["35"]), ("A/HRC/56/68/Add.1", ["72 (zz)"])]),
        (14, 19, "19 CCPR/C/USA/CO/5, para. 11; and CERD/C/USA/CO/10-12, para. 15 (b)-(d).",
         [("CCPR/C/USA/CO/5", ["11"]), ("CERD/C/USA/CO/10-12", ["15 (b)-(d)"])]),
        (12, 15, "See also CERD/C/USA/CO/10-12, paras. 18 and 19.",
         [(None, []), ("CERD/C/USA/CO/10-12", ["18", "19"])]),
        (16, 23, "23 A/HRC/56/68/Add.1, para. 72 (iiii), (llll) and (oooo).",
         [("A/HRC/56/68/Add.1", ["72 (iiii)", "72 (llll)", "72 (oooo)"])]),
        (37, 60, "60 A/HRC/46/37/Add.4, paras. 9-12.", [("A/HRC/46/37/Add.4", ["9-12"])]),
        (56, 90, "90 Ibid., paras. 32-34, 38-41, 47-51, 58 (a) and 60 (a) and (b).",
         [("A/HRC/58/57/Add.1", ["32-34", "38-41", "47-51", "58 (a)", "60 (a)", "60 (b)"])]),
        (1, 1, "1 A/HRC/46/15, A/HRC/46/15/Add.1 and A/HRC/46/2.",
         [("A/HRC/46/15", []), ("A/HRC/46/15/Add.1", []), ("A/HRC/46/2", [])]),
    ],
)  # fmt: skip
def test_reference_spot_checks(
    by_paragraph: dict[int, Any],
    raw: str,
    paragraph: int,
    note: int,
    printed: str,
    expected: list[tuple[str | None, list[str]]],
) -> None:
    assert printed in raw
    refs = _refs(by_paragraph[paragraph], note)
    assert len(refs) == len(expected)
    for ref, (symbol, paragraphs) in zip(refs, expected):
        if symbol is None:  # a URL citation, checked elsewhere
            assert ref.symbol is None and ref.url.startswith("https://")
            continue
        assert (ref.symbol, ref.paragraphs) == (symbol, paragraphs)
        assert ref.text in printed


def test_ibid_takes_the_previous_notes_document(by_paragraph: dict[int, Any], raw: str) -> None:
    assert "34 CCPR/C/USA/CO/5, para. 43. 35 Ibid., paras. 32 and 33 (a) and (e)." in raw
    (ref,) = _refs(by_paragraph[22], 35)
    assert ref.symbol == "CCPR/C/USA/CO/5"
    assert ref.text == "Ibid., paras. 32 and 33 (a) and (e)"
    assert ref.paragraphs == ["32", "33 (a)", "33 (e)"]
    # "Ibid." after a URL note refers to that web page.
    assert "guantanamo-detention-facility.pdf. 42 Ibid. 43 Ibid." in raw
    (url,) = _refs(by_paragraph[26], 41)
    assert [ref.url for ref in _refs(by_paragraph[27], 42)] == [url.url]


def test_urls_broken_by_the_extraction_are_rejoined(by_paragraph: dict[int, Any], raw: str) -> None:
    # Broken across a line of the file ...
    assert "supreme-court-\ndecision-strike-down-roe-v-wade-urge." in raw
    (ref,) = _refs(by_paragraph[43], 70)
    assert ref.url.endswith("-denounce-supreme-court-decision-strike-down-roe-v-wade-urge")
    # ... and by a space inside a line.
    assert "P13100_COMMENT_ID,P1310 0_COUNTRY_ID:4046585,102871:NO. 48" in raw
    (ref,) = _refs(by_paragraph[30], 47)
    assert ref.url.endswith("P13100_COMMENT_ID,P13100_COUNTRY_ID:4046585,102871:NO")
    for rec in by_paragraph.values():
        for ref in rec.references:
            assert ref.url is None or " " not in ref.url
            assert ref.symbol is None or not ref.symbol.startswith(("http", "tbinternet"))


def test_non_symbol_sources_kept(by_paragraph: dict[int, Any], raw: str) -> None:
    assert "7 OHCHR, United Nations Human Rights Report 2021, p. 490, United Nations" in raw
    refs = _refs(by_paragraph[7], 7)
    assert [ref.title for ref in refs] == [
        f"United Nations Human Rights Report {year}" for year in (2021, 2022, 2023, 2024)
    ]
    assert refs[0].text == "United Nations Human Rights Report 2021, p. 490"
    assert all(ref.paragraphs == [] for ref in refs)  # pages, not paragraphs


def test_catalog_ids_only_for_bundled_documents(final: Document) -> None:
    for rec in final.recommendations:
        for ref in rec.references:
            if ref.symbol not in {"A/HRC/46/15", "A/HRC/16/11", "CCPR/C/USA/CO/4"}:
                assert ref.catalog_ids == [], ref
    # The compilation cites A/HRC/46/15 only as a whole document (note 1): nothing to resolve to.
    (upr,) = [ref for ref in final.recommendations[0].references if ref.symbol == "A/HRC/46/15"]
    assert upr.paragraphs == [] and upr.catalog_ids == []


def test_catalog_id_resolution() -> None:
    assert _catalog_ids(Citation("A/HRC/46/15", ["26.125"], "")) == ["upr-2020:26.125"]
    assert _catalog_ids(Citation("A/HRC/16/11", ["92.1"], "")) == ["upr-2010:92.1"]
    assert _catalog_ids(Citation("CCPR/C/USA/CO/4", ["22 (e)", "5", "9-12"], "")) == [
        "ccpr-2014:22(e)",
        "ccpr-2014:5",
    ]
    assert _catalog_ids(Citation("CCPR/C/USA/CO/5", ["35"], "")) == []


def test_errata_fixes_restore_lost_hyphens(
    built: dict[str, Any], by_paragraph: dict[int, Any], raw: str
) -> None:
    assert "adopt a human rightsbased approach" in raw and "set of statelevel legislative" in raw
    assert "human rightsbased approach" in built["recommendations"][17]["text"]
    assert "human rights-based approach" in by_paragraph[18].text
    assert "set of state-level legislative" in by_paragraph[62].text
    assert [e.id for e in by_paragraph[18].errata] == ["ohchr-2025-18-rights-based"]
