"""YAML with positions: ruamel's round-trip loader, and Pydantic error locations mapped to lines."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from hrcli.exceptions import UserError
from hrcli.loaders.text import read_user_text


def load_yaml_file(path: Path) -> Any:
    """Load a YAML (or JSON) file, keeping line and column information.

    Raises UserError with ``file:line:column`` for unreadable or malformed files.
    """
    text = read_user_text(path)
    yaml = YAML(typ="rt")
    try:
        return yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = error.problem or error.context or "invalid YAML"
        raise UserError(f"{where}: YAML syntax error: {problem}", hint="fix the YAML syntax") from None


def locate_error(data: Any, loc: Sequence[int | str]) -> tuple[int, int] | None:
    """The 1-based (line, column) of the value at a Pydantic error location, as near as known.

    Walks the location through ruamel's containers; where a step is missing (a required key), the
    position of the closest existing container is returned.
    """
    position: tuple[int, int] | None = None
    node = data
    for step in loc:
        if isinstance(node, CommentedMap) and step in node:
            line, column = node.lc.value(step)
            position = (line + 1, column + 1)
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
            line, column = node.lc.item(step)
            position = (line + 1, column + 1)
            node = node[step]
        else:
            break
    if position is None and isinstance(data, CommentedMap | CommentedSeq):
        position = (data.lc.line + 1, data.lc.col + 1)
    return position
