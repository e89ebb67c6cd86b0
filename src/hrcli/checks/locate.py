"""Exact positions for problems, from ruamel.yaml, parsed only for files that have problems."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor


class _DatesAsText(RoundTripConstructor):
    """Dates stay text, so an impossible date (2024-02-30) can still be located, not crash the parse."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _DatesAsText
    return yaml


class Locator:
    """Parses a file with ruamel the first time a position in it is asked for, then remembers it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._documents: dict[str, Any] = {}

    def _document(self, relative: str) -> Any:
        if relative not in self._documents:
            try:
                text = (self.root / relative).read_text(encoding="utf-8")
                self._documents[relative] = _yaml().load(text)
            except Exception:  # noqa: BLE001 - no position is better than no diagnostic
                self._documents[relative] = None
        return self._documents[relative]

    def position(self, relative: str, loc: Sequence[int | str], *, key: bool = False) -> tuple[int | None, int | None]:
        """1-based (line, column) of the value at ``loc`` (or of its key), as near as it exists."""
        node = self._document(relative)
        if not isinstance(node, CommentedMap | CommentedSeq):
            return 1, 1
        position: tuple[int, int] = (node.lc.line + 1, node.lc.col + 1)
        for index, step in enumerate(loc):
            last = index == len(loc) - 1
            if isinstance(node, CommentedMap) and step in node:
                line, column = node.lc.key(step) if key and last else node.lc.value(step)
                position = (line + 1, column + 1)
                node = node[step]
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
                line, column = node.lc.item(step)
                position = (line + 1, column + 1)
                node = node[step]
            else:
                break
        return position
