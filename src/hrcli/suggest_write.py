"""Adding recommendation ids to a testimony file without disturbing it (comments, order, quotes)."""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from hrcli.exceptions import UserError
from hrcli.fsutil import replace_file


def add_recommendations(path: Path, ids: list[str]) -> list[str]:
    """Append ids not yet in ``recommendations:``; returns those added. The rest of the file stays as it was."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    text = path.read_text(encoding="utf-8")
    data = yaml.load(text)
    if not isinstance(data, CommentedMap):
        raise UserError(f"{path}: not a testimony file")
    current = data.get("recommendations")
    if current is None:
        current = CommentedSeq()
        data["recommendations"] = current
    elif not isinstance(current, list):
        raise UserError(f"{path}: recommendations is not a list")
    added = [i for i in ids if i not in current]
    current.extend(added)
    if added:
        stream = io.StringIO()
        yaml.dump(data, stream)
        replace_file(path, stream.getvalue())
    return added
