"""Tests of the ccpr-2014 builder (CCPR/C/USA/CO/4) against its source text.

The expectations are read from the source itself (paragraph lines, headings, list labels, para 27)
or from the independent follow-up file, not copied from the builder's output.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from catalog_build import ccpr2014
from catalog_build.errata import DocumentErrata

from hrcli.catalog.model import Document

SOURCE = "CCPR_C_USA_CO_4.txt"
FOLLOW_UP_JSON = "CCPR_C_USA_CO_4_followup_paragraphs.json"
PARAGRAPHS = range(4, 27)
REPAIRED_22E = "Ensure that affected persons have access to effective remedies in cases of abuse."
STRAY_22E_LINE = "Ensure that affected persons have access to effective remedies in cases of"
TEXT_FIELDS = ("text", "concern", "heading")


@pytest.fixture(scope="module")
def raw(sources_dir: Path) -> str:
    return (sources_dir / SOURCE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(sources_dir: Path, repo_root: Path) -> dict[str, Any]:
    """The document as the catalog build makes it, and the entries before the errata fixes."""
    errata = DocumentErrata.load(repo_root / "catalog" / "errata", "ccpr-2014")
    doc = ccpr2014.build(sources_dir, errata)
    unfixed = copy.deepcopy(doc["recommendations"])
    errata.apply_fixes(doc["recommendations"])
    doc["errata"] = errata.document_errata()
    errata.assert_all_used()
    Document.model_validate(doc)
    return {"doc": doc, "unfixed": {r["id"]: r for r in unfixed}, "errata": errata}


@pytest.fixture(scope="module")
def entries(built: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in built["doc"]["recommendations"]}


@pytest.fixture(scope="module")
def cleaned_words(raw: str, built: dict[str, Any]) -> str:
    """The source's words after the documented line cleanup, space-joined (with boundary spaces)."""
    errata: DocumentErrata = built["errata"]
    lines = errata.clean_lines(SOURCE, raw.splitlines())
    return " " + " ".join(" ".join(lines).split()) + " "


@pytest.fixture(scope="module")
def follow_up_json(sources_dir: Path) -> dict[str, Any]:
    return json.loads((sources_dir / FOLLOW_UP_JSON).read_text(encoding="utf-8"))


def words(text: str) -> list[str]:
    return text.split()


def normalise(text: str) -> str:
    """Quote style and whitespace, which differ between the CO extraction and the follow-up file."""
    text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    return " ".join(text.split())


def raw_paragraph_lines(raw: str, number: int) -> list[str]:
    """The raw source lines from the line starting "N. " up to the one starting "N+1. "."""
    lines = raw.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{number}. "))
    end = next(i for i, line in enumerate(lines) if line.startswith(f"{number + 1}. "))
    return lines[start:end]


def paragraph_entries(entries: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in entries.values() if "subparagraph" not in e]


def subparagraph_letters(entries: dict[str, dict[str, Any]], paragraph: str) -> list[str]:
    return [
        e["subparagraph"]
        for e in entries.values()
        if e["paragraph"] == paragraph and "subparagraph" in e
    ]


def recommendation_part(entry: dict[str, Any]) -> str:
    concern = entry.get("concern")
    return entry["text"][len(concern) :] if concern else entry["text"]


# --- document ------------------------------------------------------------------------------------


def test_document_metadata(built: dict[str, Any], raw: str) -> None:
    doc = Document.model_validate(built["doc"])
    assert (doc.key, doc.symbol, doc.mechanism, doc.document_type) == (
        "ccpr-2014",
        "CCPR/C/USA/CO/4",
        "ccpr",
        "concluding-observations",
    )
    assert doc.body == "Human Rights Committee"
    assert (doc.date, doc.session) == ("2014-04-23", "110")
    assert "Distr.: General 23 April 2014" in raw
    assert "Adopted by the Committee at its 110th session" in raw
    assert f"\n{doc.title}*\n" in raw  # as printed, without the footnote mark
    assert doc.title.startswith("Concluding observations on the fourth periodic report")
    assert [s.file for s in doc.sources] == [SOURCE]
    assert doc.coverage and doc.coverage.endswith(".")
    assert all(r.source_file == SOURCE and r.kind == "recommendation" for r in doc.recommendations)


def test_every_paragraph_4_to_26_once(entries: dict[str, dict[str, Any]]) -> None:
    paragraphs = [e["paragraph"] for e in paragraph_entries(entries)]
    assert paragraphs == [str(n) for n in PARAGRAPHS]
    assert {e["paragraph"] for e in entries.values()} == {str(n) for n in PARAGRAPHS}


def test_subparagraph_letters_match_the_source_lists(
    entries: dict[str, dict[str, Any]], raw: str
) -> None:
    total = 0
    for number in PARAGRAPHS:
        letters = subparagraph_letters(entries, str(number))
        # List items are the lines that start with a label; inline "(i)", "(ii)" do not.
        in_source = [
            m.group(1)
            for line in raw_paragraph_lines(raw, number)
            if (m := re.match(r"\(([a-z])\) ", line))
        ]
        assert letters == in_source, number
        assert letters == [chr(ord("a") + i) for i in range(len(letters))], number
        total += len(letters)
    assert total == len(entries) - len(PARAGRAPHS)


def test_inline_labels_stay_in_their_subparagraph(entries: dict[str, dict[str, Any]]) -> None:
    text = entries["ccpr-2014:22(b)"]["text"]
    assert "laws that: (i) are publicly accessible; (ii) contain" in text
    assert text.endswith("(iv) provide for effective safeguards against abuse;")
    assert "5 (1)" in entries["ccpr-2014:22"]["concern"]


def test_subparagraph_ids_and_fields(entries: dict[str, dict[str, Any]]) -> None:
    for entry in entries.values():
        if "subparagraph" not in entry:
            continue
        parent = entries[f"ccpr-2014:{entry['paragraph']}"]
        assert entry["id"] == f"ccpr-2014:{entry['paragraph']}({entry['subparagraph']})"
        assert entry.get("heading") == parent.get("heading")
        assert entry["follow_up"] == parent["follow_up"]
        assert "concern" not in entry
        assert not re.match(r"\([a-z]\) ", entry["text"])  # the label is not part of the text
        assert f"({entry['subparagraph']}) {entry['text']}" in parent["text"]


def test_headings_are_the_lines_before_the_paragraphs(
    entries: dict[str, dict[str, Any]], raw: str
) -> None:
    headings = [entries[f"ccpr-2014:{n}"].get("heading") for n in PARAGRAPHS]
    for number, heading in zip(PARAGRAPHS, headings):
        if number == 26:
            continue
        assert heading and f"\n{heading}\n{number}. " in raw, number
    # PROVENANCE: 22 headings, paras 4-25; para 26 follows para 25's recommendation directly.
    assert headings[0] == "Applicability of the Covenant at national level"
    assert headings[-2] == "Rights of indigenous peoples"
    assert headings[-1] is None
    line_before_26 = raw.split("\n26. ", 1)[0].rsplit("\n", 1)[1]
    assert line_before_26.startswith("The State party should") and line_before_26.endswith(".")


def test_concern_is_the_part_before_the_recommendation(
    entries: dict[str, dict[str, Any]], raw: str
) -> None:
    openings = {
        "The State party should": set(PARAGRAPHS) - {10, 11, 15},
        "The State Party should": {10, 11},
        "The Committee recommends that the State party": {15},
    }
    for opening, numbers in openings.items():
        for number in numbers:
            entry = entries[f"ccpr-2014:{number}"]
            rest = recommendation_part(entry)
            assert rest.lstrip("\n").startswith(opening), number
            if number == 26:
                assert "concern" not in entry
                continue
            concern = entry["concern"]
            assert entry["text"].startswith(concern + "\n"), number
            assert opening not in concern
            # The concern starts the paragraph's line in the source.
            assert f"\n{number}. {concern[:60]}" in raw, number


# --- verbatim text ---------------------------------------------------------------------------


def test_built_text_is_verbatim_before_the_fixes(
    built: dict[str, Any], cleaned_words: str
) -> None:
    for entry in built["unfixed"].values():
        for field in TEXT_FIELDS:
            if entry.get(field):
                assert f" {' '.join(words(entry[field]))} " in cleaned_words, (entry["id"], field)


def test_fixes_only_drop_the_page_number_and_reorder_22e(
    built: dict[str, Any], entries: dict[str, dict[str, Any]], raw: str
) -> None:
    unfixed = built["unfixed"]
    for entry_id, entry in entries.items():
        ids = {e["id"] for e in entry.get("errata", [])}
        before, after = words(unfixed[entry_id]["text"]), words(entry["text"])
        for field in ("concern", "heading"):
            assert entry.get(field) == unfixed[entry_id].get(field)
        if not ids:
            assert after == before, entry_id
        elif ids == {"ccpr-2014-4d-page-number"}:
            position = before.index("2")
            assert before[position - 2 : position + 2] == ["to", "the", "2", "status"]
            assert after == before[:position] + before[position + 1 :]
        elif entry_id == "ccpr-2014:22":
            assert ids == {"ccpr-2014-22e-scrambled-paragraph"}
            assert Counter(after) == Counter(before)
        elif entry_id == "ccpr-2014:22(e)":
            assert ids == {"ccpr-2014-22e-scrambled"}
            assert STRAY_22E_LINE in raw.splitlines()
            assert Counter(after) == Counter(before + words(STRAY_22E_LINE))
        else:
            pytest.fail(f"unexpected errata on {entry_id}: {ids}")
    assert "relating to the status of national institutions" in entries["ccpr-2014:4(d)"]["text"]
    assert "relating to the status of national institutions" in entries["ccpr-2014:4"]["text"]


def test_22e_is_repaired_in_the_paragraph_and_the_subparagraph(
    built: dict[str, Any], entries: dict[str, dict[str, Any]], raw: str
) -> None:
    # The scramble as it stands in the source.
    assert re.search(r"\n\(e\) abuse\.\n+" + re.escape(STRAY_22E_LINE) + r"\n", raw)
    sub = entries["ccpr-2014:22(e)"]
    assert sub["text"] == REPAIRED_22E
    assert [e["id"] for e in sub["errata"]] == ["ccpr-2014-22e-scrambled"]
    assert "could not be checked" in sub["errata"][0]["reason"]
    para = entries["ccpr-2014:22"]
    assert para["text"].endswith(
        "\n(d) Refrain from imposing mandatory retention of data by third parties;"
        f"\n(e) {REPAIRED_22E}"
    )
    assert [e["id"] for e in para["errata"]] == ["ccpr-2014-22e-scrambled-paragraph"]
    # The stray line is left in no entry (the concern's "in case of abuse" is singular).
    for entry in entries.values():
        expected = 1 if entry["id"] in {"ccpr-2014:22", "ccpr-2014:22(e)"} else 0
        assert entry["text"].count(STRAY_22E_LINE) == expected, entry["id"]
        assert entry["text"] != "abuse."
    assert subparagraph_letters(entries, "22") == list("abcde")  # no (f) took the stray line


def test_no_page_debris(entries: dict[str, dict[str, Any]], raw: str) -> None:
    lines = [line.strip() for line in raw.splitlines()]
    headers = [i for i, line in enumerate(lines) if line == "CCPR/C/USA/CO/4"][1:]  # [0]: masthead
    assert len(headers) == 10  # pages 2-11; page 1 has no number, so the first break is 2 -> 3
    breaks = []
    for index in headers[1:]:
        before = next(line for line in reversed(lines[:index]) if line)
        after = next((line for line in lines[index + 1 :] if line), "")
        number = before.rsplit(" ", 1)[-1]  # on its own line, or stuck to the end (page 2)
        assert number.isdigit()
        breaks.append((number, after.split(" ", 1)[0]))
    last_page = next(line for line in reversed(lines) if line)
    assert [b[0] for b in breaks] + [last_page] == [str(n) for n in range(2, 12)]
    debris = ["CCPR/C/USA/CO/4", "GE.14", "1442673", "Adopted by the Committee at its"]
    for entry in entries.values():
        for field in TEXT_FIELDS:
            text = " " + " ".join(entry.get(field, "").split()) + " "
            assert not any(d in text for d in debris), (entry["id"], field)
            for number, next_word in breaks:
                assert f" {number} {next_word} " not in text, (entry["id"], number)
            assert not text.rstrip().endswith(f" {last_page}")


def test_lost_hyphens_are_kept_as_in_the_source(entries: dict[str, dict[str, Any]]) -> None:
    assert "illtreatment" in entries["ccpr-2014:5"]["text"]
    assert "selfdefence" in entries["ccpr-2014:10"]["concern"]
    assert "nonrefoulement" in entries["ccpr-2014:13"]["concern"]


def test_page_break_lines_are_joined_into_one_sentence(entries: dict[str, dict[str, Any]]) -> None:
    assert "accountability for the loss of life" in entries["ccpr-2014:9"]["concern"]
    assert "act with due diligence" in entries["ccpr-2014:16"]["concern"]
    assert "to intensify efforts to find solutions" in entries["ccpr-2014:19(b)"]["text"]
    assert "know the law with sufficient precision" in entries["ccpr-2014:22"]["concern"]
    # The closing sentence after a list is the paragraph's, not the last sub-paragraph's.
    closing = "The Committee also encourages the State party to consider acceding"
    assert f"\n{closing}" in entries["ccpr-2014:8"]["text"]
    assert closing not in entries["ccpr-2014:8(e)"]["text"]


# --- follow-up -----------------------------------------------------------------------------------


def test_follow_up_paragraphs_are_those_of_para_27(
    entries: dict[str, dict[str, Any]], raw: str, follow_up_json: dict[str, Any]
) -> None:
    para_27 = next(line for line in raw.splitlines() if line.startswith("27. "))
    listed = re.search(r"paragraphs ([0-9, and]+) above", para_27)
    assert listed
    numbers = re.findall(r"[0-9]+", listed.group(1))
    assert numbers == ["5", "10", "21", "22"]
    assert follow_up_json["meta"]["followup_paras"] == numbers
    assert [p["para"] for p in follow_up_json["paragraphs"]] == numbers
    for entry in entries.values():
        assert entry["follow_up"] == (entry["paragraph"] in numbers), entry["id"]


def follow_up_recommendation(follow_up_json: dict[str, Any], number: str) -> str:
    """The CO paragraph as reproduced in the follow-up report, without the follow-up questions."""
    paragraph = next(p for p in follow_up_json["paragraphs"] if p["para"] == number)
    return normalise(paragraph["recommendation"].split(" Follow-up question:", 1)[0])


def test_follow_up_report_sentences_of_para_22_are_in_the_built_text(
    entries: dict[str, dict[str, Any]], follow_up_json: dict[str, Any]
) -> None:
    reproduced = follow_up_recommendation(follow_up_json, "22")
    # The follow-up report has the same 22 (e) scramble; apply the same reordering to it.
    scrambled = (
        "(e) of abuse. Ensure that affected persons have access to effective remedies in cases"
    )
    assert reproduced.endswith(scrambled)
    reproduced = reproduced.replace(scrambled, f"(e) {REPAIRED_22E}")
    built = normalise(entries["ccpr-2014:22"]["text"])
    for sentence in reproduced.split(". "):
        assert sentence in built
    assert normalise(recommendation_part(entries["ccpr-2014:22"])) == reproduced


def test_follow_up_report_scramble_has_the_same_pieces_as_the_source(
    built: dict[str, Any], follow_up_json: dict[str, Any]
) -> None:
    reproduced = follow_up_recommendation(follow_up_json, "22")
    tail = reproduced[reproduced.index("(e) ") :]
    unfixed = built["unfixed"]["ccpr-2014:22"]["text"]
    assert Counter(words(tail)) == Counter(words(unfixed[unfixed.index("(e) ") :]))


def test_follow_up_report_agrees_on_paras_5_and_10(
    entries: dict[str, dict[str, Any]], follow_up_json: dict[str, Any]
) -> None:
    assert normalise(recommendation_part(entries["ccpr-2014:10"])) == follow_up_recommendation(
        follow_up_json, "10"
    )
    # PROVENANCE: the follow-up report spells "behaviour" and keeps the hyphen the extraction lost.
    reproduced = follow_up_recommendation(follow_up_json, "5")
    reproduced = reproduced.replace("ill-treatment", "illtreatment")
    reproduced = reproduced.replace("behaviour", "behavior")
    assert normalise(recommendation_part(entries["ccpr-2014:5"])) == reproduced
