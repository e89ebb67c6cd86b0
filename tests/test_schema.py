"""The committed JSON Schemas are current, and `hrcli schema` prints them."""

from __future__ import annotations

import json

import pytest

from hrcli.schema import SCHEMA_NAMES, schema_text
from tests.cli.conftest import run_cli


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_committed_schema_is_current(repo_root, name):
    committed = (repo_root / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), f"run `hrcli schema {name} > schema/{name}.schema.json`"


def test_schema_command_prints_valid_json_schema():
    result = run_cli("schema", "testimony")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Testimony"
    assert "consent" in schema["required"]
    assert schema["additionalProperties"] is False  # unknown keys are errors in editors too
    assert schema["properties"]["kind"]["$ref"].endswith("Kind")


def test_unknown_schema_is_a_usage_error():
    result = run_cli("schema", "nonsense")
    assert result.exit_code == 2
