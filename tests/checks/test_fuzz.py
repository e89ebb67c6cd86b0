"""No input makes `check` crash: random bytes, random YAML, mutated valid files (hypothesis)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrcli.checks.run import run_check
from tests.checks import base_project
from tests.checks.test_rule_cases import write_project

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["2024-02-30", "2024-01-01", "T-0001", "upr-2020:26.1", "publish-named", "- x", "{", "*a", "&a", "!!binary x"]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=5)),
    max_leaves=20,
)
FIELD_NAMES = ["id", "title", "kind", "date", "period", "collected", "location", "narrator", "consent", "themes",
               "recommendations", "agencies", "summary", "quotes", "evidence", "origin"]


def _check(tmp: Path, relative: str, content: bytes) -> None:
    shutil.rmtree(tmp, ignore_errors=True)
    write_project(tmp, {})
    target = tmp / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    report = run_check(tmp)
    for item in report.diagnostics:
        assert item.code.startswith("HR") and item.message


@SETTINGS
@given(content=st.binary(max_size=400), name=st.sampled_from(["testimony/T-0009.yaml", "hrcli.yaml", "testimony/bulk.csv", "sections/02.md"]))
def test_random_bytes(tmp_path, monkeypatch, content, name):
    monkeypatch.setattr("hrcli.checks.rules.today", lambda: dt.date.fromisoformat(base_project.TODAY))
    _check(tmp_path / "p", name, content)


@SETTINGS
@given(data=st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), yaml_values, max_size=10))
def test_random_yaml_testimony(tmp_path, monkeypatch, data):
    import yaml

    monkeypatch.setattr("hrcli.checks.rules.today", lambda: dt.date.fromisoformat(base_project.TODAY))
    _check(tmp_path / "p", "testimony/T-0009.yaml", yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=len(base_project.TESTIMONY)), insert=st.text(max_size=8),
       drop=st.integers(min_value=0, max_value=20))
def test_mutated_valid_testimony(tmp_path, monkeypatch, cut, insert, drop):
    monkeypatch.setattr("hrcli.checks.rules.today", lambda: dt.date.fromisoformat(base_project.TODAY))
    text = base_project.TESTIMONY
    mutated = text[:cut] + insert + text[cut + drop:]
    _check(tmp_path / "p", "testimony/T-0001.yaml", mutated.encode("utf-8"))


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=len(base_project.CONFIG)), insert=st.text(max_size=8),
       drop=st.integers(min_value=0, max_value=20))
def test_mutated_config(tmp_path, monkeypatch, cut, insert, drop):
    monkeypatch.setattr("hrcli.checks.rules.today", lambda: dt.date.fromisoformat(base_project.TODAY))
    text = base_project.CONFIG
    _check(tmp_path / "p", "hrcli.yaml", (text[:cut] + insert + text[cut + drop:]).encode("utf-8"))
