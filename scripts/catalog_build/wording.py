"""The wording model of `hrcli suggest`: learnt from catalog/vocabulary/statements.yaml into
catalog/wording.json (see hrcli.catalog.wording for what it is).

The statements are fictional, written for training by people who had not seen the statements
`suggest` is evaluated on (tests/suggest/); a label that is not a theme of the vocabulary, an empty
text or a repeated statement fails the build with its line, so a typo cannot teach the model a
theme that no entry is filed under.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML, YAMLError

from hrcli.catalog.wording import WordingModel


def build_wording_model(statements_path: Path, themes: dict[str, str]) -> dict[str, Any]:
    """The model as JSON; ``themes`` maps every theme label and alias, case-folded, to its label."""
    name = statements_path.name
    if not statements_path.is_file():
        raise ValueError(f"{statements_path} is missing: `suggest`'s wording model is learnt from it")
    try:
        data = YAML(typ="rt").load(statements_path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise ValueError(f"{name}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise ValueError(f"{where}: not valid YAML: {getattr(error, 'problem', None) or error}") from None
    cases = data.get("cases") if hasattr(data, "get") else None
    if not isinstance(cases, list) or not cases:
        raise ValueError(f"{name}: needs a list `cases` of {{text, themes}}")
    pairs: list[tuple[str, list[str]]] = []
    seen: dict[str, int] = {}
    for index, case in enumerate(cases):
        line = cases.lc.item(index)[0] + 1
        where = f"{name}:{line}"
        text, labels = (case.get("text"), case.get("themes")) if hasattr(case, "get") else (None, None)
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where}: each case needs a non-empty `text`")
        if not isinstance(labels, list) or not labels or not all(isinstance(t, str) for t in labels):
            raise ValueError(f"{where}: `themes` must be a list of theme labels")
        unknown = [t for t in labels if t.casefold() not in themes]
        if unknown:
            raise ValueError(f"{where}: {unknown} are not themes of catalog/vocabulary/themes.yaml")
        key = " ".join(text.casefold().split())
        if key in seen:
            raise ValueError(f"{where}: the same statement as line {seen[key]}; keep one")
        seen[key] = line
        pairs.append((text, [themes[t.casefold()] for t in labels]))
    return WordingModel.train(pairs).to_json()
