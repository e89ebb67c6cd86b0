"""The errata files: visible, reasoned corrections of known defects in the source texts.

Each document may have ``catalog/errata/<key>.yaml``::

    document: upr-2020
    source_cleanup:            # whole lines dropped from a source file before parsing
      - id: upr-2010-running-header
        file: A_HRC_16_11.txt
        pattern: '^A/HRC/16/11$'   # a regular expression matched against each line (fullmatch)
        reason: running page header of the PDF, not part of any recommendation
    fixes:                     # corrections of built entries
      - id: upr-2020-26.347-state
        entry: upr-2020:26.347     # or "*" for every entry where it applies
        field: text                # a string field: 'find' must occur in it
        find: ' (Nicaragua).'
        replace: ''
        reason: ...
      - id: ...
        entry: upr-2020:26.347
        field: recommending_states
        set: [Nicaragua]           # replaces the whole value
        reason: ...

For a list field, ``find``/``replace`` replace an item equal to ``find`` (``replace: null`` removes
it), and ``find_sequence``/``replace`` replace a run of items with one item.
Every erratum must apply at least once, so a stale erratum fails the build instead of lingering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML


class ErrataError(Exception):
    """An errata file is malformed or one of its entries no longer applies."""


@dataclass
class DocumentErrata:
    """The errata of one document, with a record of which entries were used."""

    key: str
    cleanups: list[dict[str, Any]] = field(default_factory=list)
    fixes: list[dict[str, Any]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, errata_dir: Path, key: str) -> DocumentErrata:
        path = errata_dir / f"{key}.yaml"
        if not path.exists():
            return cls(key)
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
        if data.get("document") != key:
            raise ErrataError(f"{path}: 'document' should be {key!r}")
        errata = cls(key, list(data.get("source_cleanup") or []), list(data.get("fixes") or []))
        for entry in errata.cleanups + errata.fixes:
            if not entry.get("id") or not entry.get("reason"):
                raise ErrataError(f"{path}: every erratum needs an 'id' and a 'reason': {entry}")
        return errata

    def clean_lines(self, file_name: str, lines: list[str]) -> list[str]:
        """Drop the lines of ``file_name`` that a source_cleanup erratum names."""
        rules = [(c, re.compile(c["pattern"])) for c in self.cleanups if c["file"] == file_name]
        kept = []
        for line in lines:
            hit = next((c for c, rx in rules if rx.fullmatch(line.strip())), None)
            if hit is None:
                kept.append(line)
            else:
                self.used.add(hit["id"])
        return kept

    def apply_fixes(self, recommendations: list[dict[str, Any]]) -> None:
        """Apply the entry fixes in place, recording each on the entries it changed."""
        for fix in self.fixes:
            targets = (
                recommendations
                if fix["entry"] == "*"
                else [r for r in recommendations if r["id"] == fix["entry"]]
            )
            for rec in targets:
                if _apply_one(rec, fix):
                    self.used.add(fix["id"])
                    rec.setdefault("errata", []).append({"id": fix["id"], "reason": fix["reason"]})

    def document_errata(self) -> list[dict[str, str]]:
        """The source cleanups that were used, for the document's own record."""
        return [{"id": c["id"], "reason": c["reason"]} for c in self.cleanups if c["id"] in self.used]

    def assert_all_used(self) -> None:
        unused = [e["id"] for e in self.cleanups + self.fixes if e["id"] not in self.used]
        if unused:
            raise ErrataError(f"{self.key}: errata that no longer apply: {', '.join(unused)}")


def _apply_one(rec: dict[str, Any], fix: dict[str, Any]) -> bool:
    name = fix["field"]
    value = rec.get(name)
    if "set" in fix:
        if value == fix["set"]:
            return False
        rec[name] = fix["set"]
        return True
    if isinstance(value, str):
        if fix["find"] not in value:
            return False
        rec[name] = value.replace(fix["find"], fix["replace"] or "")
        return True
    if isinstance(value, list):
        if "find_sequence" in fix:
            run = fix["find_sequence"]
            for start in range(len(value) - len(run) + 1):
                if value[start : start + len(run)] == run:
                    rec[name] = value[:start] + [fix["replace"]] + value[start + len(run) :]
                    return True
            return False
        if fix["find"] not in value:
            return False
        rec[name] = [
            fix["replace"] if item == fix["find"] else item
            for item in value
            if not (item == fix["find"] and fix["replace"] is None)
        ]
        return True
    return False
