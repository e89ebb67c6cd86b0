"""Tests for the `hrcli check` output formats (hrcli.diagnostics.formats).

Golden files: each format renders one fixed report and is compared with
``tests/diagnostics/golden/check__<format>.<ext>``. After a deliberate change to a format,
rewrite them with

    HRCLI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/diagnostics -q

and read the diff before committing: a golden file is only worth something if it is right, not
merely what the code printed. (An environment variable rather than ``--update-golden``: pytest
only registers command-line options from the rootdir's conftest or plugins, and a conftest here
would not be loaded early enough when pytest runs from the repository root.)
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from hrcli.diagnostics.formats import FORMATTERS, RenderContext, github, sarif, text
from hrcli.diagnostics.formats import json as json_format
from hrcli.diagnostics.model import Diagnostic, Location, Report, Severity
from hrcli.diagnostics.rules import RULES

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("HRCLI_UPDATE_GOLDEN") == "1"
# A made-up version, so the golden files do not change with every release.
CONTEXT = RenderContext(tool_version="0.0.0-test")
EXTENSIONS = {"text": "txt", "json": "json", "github": "txt", "sarif": "json"}

# The tricky one: a path with a comma and a space, a message with %, :, , and a newline.
TRICKY_PATH = "testimony/interviews, 2024.csv"
TRICKY_MESSAGE = "Group 'renters: 50%, low income'\nis not in the vocabulary."


def make_report() -> Report:
    """A fixed report, deliberately given out of order so the sorting is exercised too."""
    return Report(
        files_checked=5,
        diagnostics=[
            Diagnostic(
                code="HR202",
                name="unknown-recommendation",
                severity=Severity.ERROR,
                message="Recommendation 'upr-2020:26.999' is not in the catalog.",
                location=Location("testimony/T-0007.yaml", 14, 5),
                pointer="links.recommendations[0]",
                hint="Find ids with `hrcli catalog search`.",
            ),
            Diagnostic(
                code="HR208",
                name="unlinked-testimony",
                severity=Severity.INFO,
                message="Testimony T-0007 is linked to no UN recommendation.",
                location=Location("testimony/T-0007.yaml"),  # no line, no column
            ),
            Diagnostic(
                code="HR101",
                name="unknown-field",
                severity=Severity.ERROR,
                message="Unknown key 'sumary'.",
                location=Location("testimony/T-0007.yaml", 3, 1),
                pointer="sumary",
                hint="Did you mean 'summary'?",
            ),
            Diagnostic(
                code="HR204",
                name="unknown-group",
                severity=Severity.WARNING,
                message=TRICKY_MESSAGE,
                location=Location(TRICKY_PATH, 14),  # a line but no column
                pointer="row 14, column 'groups'",
            ),
            Diagnostic(
                code="HR205",
                name="unresolved-citation",
                severity=Severity.ERROR,
                message="Citation [@T-0099] points at no testimony.",
                location=Location("sections/01-logement-séances.md", 12, 40),
            ),
        ],
    )


def _golden_path(fmt: str) -> Path:
    return GOLDEN / f"check__{fmt}.{EXTENSIONS[fmt]}"


def test_registry_has_every_format() -> None:
    assert set(FORMATTERS) == {"text", "json", "github", "sarif"}
    assert set(FORMATTERS) == set(EXTENSIONS)


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
def test_golden(fmt: str) -> None:
    rendered = FORMATTERS[fmt](make_report(), CONTEXT)
    path = _golden_path(fmt)
    if UPDATE_GOLDEN:
        path.parent.mkdir(exist_ok=True)
        # Bytes, not write_text: no newline translation, the file holds exactly what was rendered.
        path.write_bytes(rendered.encode("utf-8"))
    assert path.is_file(), f"{path} is missing; run with HRCLI_UPDATE_GOLDEN=1 to create it"
    assert rendered == path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
def test_deterministic(fmt: str) -> None:
    assert FORMATTERS[fmt](make_report(), CONTEXT) == FORMATTERS[fmt](make_report(), CONTEXT)


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
def test_no_escape_codes_without_color(fmt: str) -> None:
    assert "\x1b" not in FORMATTERS[fmt](make_report(), CONTEXT)


def test_empty_report() -> None:
    empty = Report(files_checked=3)
    assert text.render(empty, CONTEXT) == ""
    assert github.render(empty, CONTEXT) == ""
    obj = json.loads(json_format.render(empty, CONTEXT))
    assert obj["summary"] == {"files": 3, "errors": 0, "warnings": 0, "infos": 0}
    assert obj["diagnostics"] == []
    assert json.loads(sarif.render(empty, CONTEXT))["runs"][0]["results"] == []


class TestText:
    def test_layout(self) -> None:
        d = make_report().diagnostics[2]  # HR101, after sorting
        assert text.render_diagnostic(d) == (
            "testimony/T-0007.yaml:3:1: HR101 [error] Unknown key 'sumary'. (unknown-field)\n"
            "  at: sumary\n"
            "  hint: Did you mean 'summary'?\n"
        )

    def test_location_without_line(self) -> None:
        d = Diagnostic(
            "HR005", "empty-file", Severity.ERROR, "The file is empty.", Location("a.yaml")
        )
        assert (
            text.render_diagnostic(d) == "a.yaml: HR005 [error] The file is empty. (empty-file)\n"
        )

    def test_only_heads_start_in_column_zero(self) -> None:
        rendered = text.render(make_report(), CONTEXT)
        heads = [line for line in rendered.splitlines() if not line.startswith(" ")]
        assert len(heads) == len(make_report().diagnostics)

    def test_color(self) -> None:
        rendered = text.render(make_report(), RenderContext("0.0.0-test", color=True))
        assert "\x1b[1;31m[error]\x1b[0m" in rendered
        assert "\x1b[33m[warning]\x1b[0m" in rendered
        assert "\x1b[36m[info]\x1b[0m" in rendered
        # Colour changes only the styling, never the words.
        plain = re.sub(r"\x1b\[[0-9;]*m", "", rendered)
        assert plain == text.render(make_report(), CONTEXT)

    def test_control_characters_from_data_are_made_visible(self) -> None:
        d = Diagnostic(
            "HR103",
            "invalid-value",
            Severity.ERROR,
            "Bad value '\x1b[2Jx\r'.",
            Location("a.yaml", 1, 1),
        )
        assert text.render_diagnostic(d) == (
            "a.yaml:1:1: HR103 [error] Bad value '\\x1b[2Jx\\x0d'. (invalid-value)\n"
        )


class TestJson:
    def test_summary_and_order(self) -> None:
        obj = json.loads(json_format.render(make_report(), CONTEXT))
        assert obj["version"] == 1
        assert obj["tool"] == {"name": "hrcli", "version": "0.0.0-test"}
        assert obj["summary"] == {"files": 5, "errors": 3, "warnings": 1, "infos": 1}
        order = [
            (d["location"]["path"], d["location"]["line"], d["code"]) for d in obj["diagnostics"]
        ]
        assert order == [
            ("sections/01-logement-séances.md", 12, "HR205"),
            ("testimony/T-0007.yaml", None, "HR208"),  # no line sorts first in its file
            ("testimony/T-0007.yaml", 3, "HR101"),
            ("testimony/T-0007.yaml", 14, "HR202"),
            (TRICKY_PATH, 14, "HR204"),
        ]

    def test_every_key_always_present(self) -> None:
        obj = json.loads(json_format.render(make_report(), CONTEXT))
        for d in obj["diagnostics"]:
            assert set(d) == {"code", "name", "severity", "message", "hint", "pointer", "location"}
            assert set(d["location"]) == {"path", "line", "column"}
        info = obj["diagnostics"][1]
        assert (info["hint"], info["pointer"], info["location"]["line"]) == (None, None, None)

    def test_round_trips_text_exactly(self) -> None:
        obj = json.loads(json_format.render(make_report(), CONTEXT))
        assert obj["diagnostics"][-1]["message"] == TRICKY_MESSAGE

    def test_ends_with_newline(self) -> None:
        assert json_format.render(make_report(), CONTEXT).endswith("}\n")


class TestGithub:
    @pytest.mark.parametrize(
        ("raw", "data", "prop"),
        [
            ("plain", "plain", "plain"),
            ("100%", "100%25", "100%25"),
            # "%" is escaped first, so an already escaped-looking text survives a round trip.
            ("%0A", "%250A", "%250A"),
            ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
            ("k: v, w", "k: v, w", "k%3A v%2C w"),
            ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
            ("50%:,\n", "50%25:,%0A", "50%25%3A%2C%0A"),
            ("café — ✓", "café — ✓", "café — ✓"),
        ],
    )
    def test_escaping(self, raw: str, data: str, prop: str) -> None:
        assert github.escape_data(raw) == data
        assert github.escape_property(raw) == prop

    def test_escapes_are_reversible(self) -> None:
        # Decode the way the runner does (inverse order); the original text must come back.
        raw = "a%b:c,d\re\nf%25"
        decoded = (
            github.escape_property(raw)
            .replace("%2C", ",")
            .replace("%3A", ":")
            .replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%25", "%")
        )
        assert decoded == raw

    def test_tricky_diagnostic(self) -> None:
        tricky = make_report().diagnostics[-1]
        assert github.render_diagnostic(tricky) == (
            "::warning file=testimony/interviews%2C 2024.csv,line=14,"
            "title=hrcli HR204 (unknown-group)"
            "::Group 'renters: 50%25, low income'%0Ais not in the vocabulary."
            "%0Aat: row 14, column 'groups'"
        )

    def test_one_line_per_command_and_groups_per_file(self) -> None:
        lines = github.render(make_report(), CONTEXT).splitlines()
        assert all(line.startswith("::") for line in lines)
        assert [line for line in lines if line.startswith("::group::")] == [
            "::group::sections/01-logement-séances.md",
            "::group::testimony/T-0007.yaml",
            "::group::testimony/interviews, 2024.csv",
        ]
        assert lines.count("::endgroup::") == 3
        assert sum(line.startswith("::notice ") for line in lines) == 1

    def test_file_level_annotation_has_no_line_or_col(self) -> None:
        info = make_report().diagnostics[1]
        assert github.render_diagnostic(info).startswith(
            "::notice file=testimony/T-0007.yaml,title=hrcli HR208 (unlinked-testimony)::"
        )


class TestSarif:
    """SARIF structure, checked by hand.

    jsonschema is not a dependency of hrcli, and the SARIF schema is not shipped with it, so
    validation against the schema runs only where both are at hand (see test_schema below).
    """

    @pytest.fixture
    def log(self) -> dict:
        return json.loads(sarif.render(make_report(), CONTEXT))

    def test_top_level(self, log: dict) -> None:
        assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
        assert log["version"] == "2.1.0"
        assert len(log["runs"]) == 1
        driver = log["runs"][0]["tool"]["driver"]
        assert driver["name"] == "hrcli"
        assert driver["version"] == "0.0.0-test"
        assert "informationUri" not in driver

    def test_rules_are_the_whole_registry(self, log: dict) -> None:
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        assert [r["id"] for r in rules] == list(RULES)
        for r in rules:
            rule = RULES[r["id"]]
            assert r["name"] == rule.name
            assert r["shortDescription"] == {"text": rule.summary}
            assert r["fullDescription"] == {"text": rule.explanation}
            assert r["defaultConfiguration"]["level"] in {"error", "warning", "note"}
        by_id = {r["id"]: r for r in rules}
        assert by_id["HR208"]["defaultConfiguration"] == {"level": "note"}
        assert by_id["HR204"]["defaultConfiguration"] == {"level": "warning"}

    def test_results(self, log: dict) -> None:
        run = log["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        results = run["results"]
        assert len(results) == len(make_report().diagnostics)
        for result in results:
            assert result["ruleId"] in RULES
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            assert result["level"] in {"error", "warning", "note"}
            assert result["message"]["text"]
            (location,) = result["locations"]
            artifact = location["physicalLocation"]["artifactLocation"]
            assert artifact["uriBaseId"] in run["originalUriBaseIds"]
            assert not re.search(r"[\s\x00-\x1f]|^[a-zA-Z][a-zA-Z0-9+.-]*:", artifact["uri"])
            region = location["physicalLocation"].get("region")
            if region is not None:
                assert region["startLine"] >= 1  # a region always has its start line
                assert region.get("startColumn", 1) >= 1
        assert [r["level"] for r in results] == ["error", "note", "error", "error", "warning"]

    def test_regions_only_with_known_values(self, log: dict) -> None:
        regions = [
            r["locations"][0]["physicalLocation"].get("region") for r in log["runs"][0]["results"]
        ]
        assert regions == [
            {"startLine": 12, "startColumn": 40},
            None,
            {"startLine": 3, "startColumn": 1},
            {"startLine": 14, "startColumn": 5},
            {"startLine": 14},
        ]

    def test_uris_are_percent_encoded_relative_references(self, log: dict) -> None:
        uris = [
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]
        ]
        assert uris[0] == "sections/01-logement-s%C3%A9ances.md"
        assert uris[-1] == "testimony/interviews,%202024.csv"
        assert sarif.path_to_uri("a:b.yaml") == "a%3Ab.yaml"  # not read as a scheme "a:"

    def test_message_carries_pointer_and_hint(self, log: dict) -> None:
        hr202 = log["runs"][0]["results"][3]
        assert hr202["message"]["text"] == (
            "Recommendation 'upr-2020:26.999' is not in the catalog.\n"
            "at: links.recommendations[0]\n"
            "hint: Find ids with `hrcli catalog search`."
        )

    def test_unknown_code_still_valid(self) -> None:
        d = Diagnostic("HR999", "made-up", Severity.ERROR, "x", Location("a.yaml", 1, 1))
        (result,) = sarif.to_sarif(Report([d]), CONTEXT)["runs"][0]["results"]
        assert result["ruleId"] == "HR999"
        assert "ruleIndex" not in result

    def test_schema(self, log: dict) -> None:
        """Validate against the official schema when jsonschema and the schema file are present.

        Point HRCLI_SARIF_SCHEMA at a local copy of sarif-schema-2.1.0.json (from the OASIS
        sarif-spec repository) and install jsonschema to run it; there is no network in tests.
        """
        jsonschema = pytest.importorskip("jsonschema")
        schema_path = os.environ.get("HRCLI_SARIF_SCHEMA")
        if not schema_path or not Path(schema_path).is_file():
            pytest.skip("HRCLI_SARIF_SCHEMA does not name a local SARIF 2.1.0 schema")
        schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
        jsonschema.validate(log, schema)
