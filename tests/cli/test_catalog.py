"""`hrcli catalog` through the command line, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from hrcli import __version__
from hrcli.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_version():
    result = invoke("--version")
    assert (result.exit_code, result.stdout) == (0, f"hrcli {__version__}\n")


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "hrcli", "--version"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout.strip()) == (0, f"hrcli {__version__}")


def test_list_json_counts_documents_and_positions():
    result = invoke("catalog", "list", "--format", "json")
    assert result.exit_code == 0
    documents = {doc["key"]: doc for doc in json.loads(result.stdout)}
    assert {"upr-2010", "upr-2020", "ohchr-2025", "ccpr-2014"} <= set(documents)
    assert documents["upr-2010"]["count"] == 228
    assert documents["upr-2020"]["count"] == 347
    assert documents["upr-2020"]["symbol"] == "A/HRC/46/15"
    positions = documents["upr-2020"]["positions"]
    assert (positions["supported"], positions["noted"], positions["supported-in-part"]) == (263, 67, 17)
    for doc in documents.values():
        assert doc["count"] == sum(doc["positions"].values())
        assert doc["origin"] == "bundled"


def test_list_table_names_every_document():
    result = invoke("catalog", "list")
    assert result.exit_code == 0
    for key in ("upr-2010", "upr-2020", "ohchr-2025", "ccpr-2014"):
        assert key in result.stdout


def test_show_json_has_the_documented_fields():
    result = invoke("catalog", "show", "A/HRC/46/15 26.125", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["id"] == "upr-2020:26.125"
    assert (data["symbol"], data["paragraph"], data["position"]) == ("A/HRC/46/15", "26.125", "supported")
    assert data["text"] and data["themes"]
    assert data["citation"].startswith("A/HRC/46/15, para. 26.125 · recommended by ")


def test_show_text_prints_citation_line():
    result = invoke("catalog", "show", "upr-2020:26.125")
    assert result.exit_code == 0
    assert "A/HRC/46/15, para. 26.125" in result.stdout
    assert "position: supported" in result.stdout


def test_show_sub_paragraph():
    result = invoke("catalog", "show", "CCPR/C/USA/CO/4 para. 22 (e)", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["id"], data["subparagraph"], data["follow_up"]) == ("ccpr-2014:22(e)", "e", True)


def test_unknown_id_is_one_line_with_suggestions_and_exit_1():
    result = invoke("catalog", "show", "upr-2020:26.1255")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "error: no catalog entry 'upr-2020:26.1255'"
    assert lines[1].startswith("hint: did you mean ") and "upr-2020:26.125" in lines[1]
    assert "Traceback" not in result.stderr


def test_search_json_returns_ranked_documented_objects():
    result = invoke("catalog", "search", "tenants being evicted", "--format", "json", "--limit", "5")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert 0 < len(hits) <= 5
    for key in ("id", "symbol", "paragraph", "text", "position", "themes", "score", "highlighted"):
        assert key in hits[0]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert "hous" in (hits[0]["text"] + " ".join(hits[0]["themes"])).lower() or "homeless" in hits[0]["text"].lower()


def test_search_filters_by_document_theme_and_position():
    result = invoke(
        "catalog", "search", "death penalty", "--document", "A/HRC/46/15", "--position", "noted", "--format", "json"
    )
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert hits and {h["document"] for h in hits} == {"upr-2020"} and {h["position"] for h in hits} == {"noted"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--theme", "housng"], "error: unknown theme 'housng'"),
        (["--document", "upr-1999"], "error: unknown catalog document 'upr-1999'"),
        (["--mechanism", "xyz"], "error: unknown mechanism 'xyz'"),
    ],
)
def test_bad_search_options_are_one_line_errors(args, message):
    result = invoke("catalog", "search", "housing", *args)
    assert result.exit_code == 2  # a bad option value is a usage error
    assert result.stderr.splitlines()[0] == message
    assert "Traceback" not in result.stderr


def test_bad_choice_is_a_usage_error():
    result = invoke("catalog", "search", "housing", "--position", "maybe")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_empty_query_is_a_usage_error():
    result = invoke("catalog", "search", "   ")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: the search query has no words")


def test_project_option_must_be_a_project(tmp_path):
    result = invoke("catalog", "list", "--project", str(tmp_path))
    assert result.exit_code == 2
    assert "is not an hrcli project" in result.stderr
