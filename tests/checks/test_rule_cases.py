"""Every rule, passing and failing, as data: tests/checks/cases/HRxxx.yaml.

Each case file holds named cases; each case gives files to add to (or replace in, or with a null
content remove from) the base project in base_project.py, and the diagnostics expected: code and,
where given, path, line and column. A case with `expect: []` must produce no diagnostic of the
file's rule (other rules may fire). Cases are parametrised by file and name.

A case may also give `git:` commands (argument lists after `git`) to run in the project after its
files are written, e.g. `[[init, -q], [add, -f, private/names.csv]]` (skipped without git), and
`private_key: true` to check with a fresh key in HRCLI_PRIVATE_KEY and `private:` records
({id: {name: ...}}) encrypted into private/identities.age with it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from hrcli.checks.run import run_check
from tests.checks import base_project

CASES = Path(__file__).parent / "cases"


def _cases() -> list[tuple[str, str, dict]]:
    found = []
    for path in sorted(CASES.glob("HR*.yaml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            found.append((data["rule"], name, case))
    return found


def write_project(root: Path, files: dict[str, str | None]) -> None:
    merged: dict[str, str | None] = {**base_project.FILES, **files}
    for relative, content in merged.items():
        if content is None:
            continue
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8"))


@pytest.mark.parametrize(("rule", "name", "case"), _cases(), ids=[f"{r}-{n}" for r, n, _ in _cases()])
def test_rule_case(tmp_path, monkeypatch, rule, name, case):
    monkeypatch.setattr("hrcli.checks.rules.today", lambda: dt.date.fromisoformat(base_project.TODAY))
    files = {k: (v.encode("latin-1") if isinstance(v, str) and case.get("encoding") == "latin-1" and k == case.get("encode_file") else v)
             for k, v in (case.get("files") or {}).items()}
    write_project(tmp_path, files)
    from tests.private.keys import no_key, use_new_key

    no_key(monkeypatch)
    if case.get("private_key") or case.get("private"):
        use_new_key(monkeypatch)
        if case.get("private"):
            from hrcli.private import PrivateRecord, PrivateStore, key_from_env

            store = PrivateStore(tmp_path)
            identities = store.load(key_from_env())
            identities.records = {k: PrivateRecord.model_validate(v) for k, v in case["private"].items()}
            store.save(identities, key_from_env())
    if case.get("git"):
        if shutil.which("git") is None:
            pytest.skip("git is not installed")
        for arguments in case["git"]:
            subprocess.run(["git", "-C", str(tmp_path), *map(str, arguments)], check=True, capture_output=True)
    report = run_check(tmp_path)
    got = [d for d in report.diagnostics if d.code == rule]
    expected = case.get("expect") or []
    summary = [(d.code, str(d.location), d.message) for d in report.diagnostics]
    assert len(got) == len(expected), summary
    for diagnostic, wanted in zip(got, expected):
        assert diagnostic.code == wanted["code"], summary
        for key in ("path", "line", "column"):
            if key in wanted:
                assert getattr(diagnostic.location, key) == wanted[key], summary
        if "message" in wanted:
            assert wanted["message"] in diagnostic.message, summary


def test_base_project_is_clean(tmp_path, monkeypatch):
    monkeypatch.setattr("hrcli.checks.rules.today", lambda: dt.date.fromisoformat(base_project.TODAY))
    write_project(tmp_path, {})
    assert run_check(tmp_path).diagnostics == []


def test_every_rule_has_passing_and_failing_cases():
    from hrcli.diagnostics.rules import RULES

    by_rule: dict[str, list[bool]] = {}
    for rule, _, case in _cases():
        by_rule.setdefault(rule, []).append(bool(case.get("expect")))
    missing = [code for code in RULES if set(by_rule.get(code, [])) != {True, False}]
    assert missing == [], "rules without both a passing and a failing case"
