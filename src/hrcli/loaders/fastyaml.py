"""Fast YAML reading for `hrcli check`: libyaml through PyYAML, with YAML 1.2 scalars.

Why two YAML libraries: ruamel.yaml round-trips comments and gives positions, but is pure Python
and about 15 times slower than libyaml. `check` reads every file with libyaml and goes back to
ruamel only for the files that have problems, to point at exact lines and columns.

The resolver follows YAML 1.2's core schema, like ruamel: `yes`, `no`, `on`, `off` stay text (a
title "No" is not False), numbers with leading zeros stay text (ZIP code 02134), and dates stay
text so that the models report an impossible date with its field instead of the loader crashing.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
WITH_LIBYAML = _BaseLoader is not yaml.SafeLoader


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A mapping repeats a key; its mark is the second occurrence."""

    def __init__(self, key: Any, mark: yaml.Mark) -> None:
        super().__init__(problem=f"duplicate key {key!r}", problem_mark=mark)
        self.key = key


class StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """libyaml parser; YAML 1.2 core scalars; duplicate keys rejected."""


StrictLoader.yaml_implicit_resolvers = {}
for _first, _tag, _pattern in [
    (list("tTfF"), "tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$"),
    (list("-+0123456789"), "tag:yaml.org,2002:int", r"^(?:[-+]?(?:0|[1-9][0-9]*)|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    (
        list("-+.0123456789"),
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
    ),
    (list("~nN") + [""], "tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$"),
]:
    StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _mapping(loader: StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            duplicate = key in result
        except TypeError:  # an unhashable key (a list as key): let YAML's own error speak
            raise yaml.constructor.ConstructorError(
                None, None, "found an unhashable key", key_node.start_mark
            ) from None
        if duplicate:
            raise DuplicateKeyError(key, key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
    return result


StrictLoader.add_constructor("tag:yaml.org,2002:map", _mapping)


def load(text: str) -> Any:
    """Parse one YAML document. Raises yaml.YAMLError (with marks) on bad input."""
    return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a safe loader
