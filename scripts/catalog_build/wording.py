"""The wording model of `hrcli suggest`: learnt into catalog/wording.json (see
hrcli.catalog.wording for what it is) from labelled statements.

It learns from catalog/vocabulary/statements.yaml (fictional, written for training by people who
had not seen the statements `suggest` is evaluated on) and from the evaluation sets that
tests/suggest/sets.yaml names as development sets: each of those was measured before it was learnt
from, and the tests measure each with a model learnt without it. The sealed set is never learnt
from. A label that is not a theme of the vocabulary, an empty text or a repeated statement (in one
file or across them) fails the build with its line, so a typo cannot teach the model a theme that
no entry is filed under.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML, YAMLError

from hrcli.catalog.wording import CueReader, WordingModel

MANIFEST = "sets.yaml"


@dataclass(frozen=True)
class Statement:
    text: str
    themes: list[str]  # canonical theme labels
    where: str  # file:line


@dataclass(frozen=True)
class EvaluationSets:
    """tests/suggest/sets.yaml: which labelled sets are development data and which is sealed."""

    development: list[Path]
    sealed: Path


def _load_yaml(path: Path) -> Any:
    try:
        return YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise ValueError(f"{path.name}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}:{mark.column + 1}" if mark else path.name
        raise ValueError(f"{where}: not valid YAML: {getattr(error, 'problem', None) or error}") from None


def read_statements(path: Path, resolve: Callable[[str], str | None]) -> list[Statement]:
    """The labelled statements of one file; ``resolve`` gives a theme label or alias's label, or None."""
    name = path.name
    if not path.is_file():
        raise ValueError(f"{path} is missing: `suggest`'s wording model is learnt from it")
    data = _load_yaml(path)
    cases = data.get("cases") if hasattr(data, "get") else None
    if not isinstance(cases, list) or not cases:
        raise ValueError(f"{name}: needs a list `cases` of {{text, themes}}")
    statements = []
    for index, case in enumerate(cases):
        where = f"{name}:{cases.lc.item(index)[0] + 1}"
        text, labels = (case.get("text"), case.get("themes")) if hasattr(case, "get") else (None, None)
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where}: each case needs a non-empty `text`")
        if not isinstance(labels, list) or not labels or not all(isinstance(t, str) for t in labels):
            raise ValueError(f"{where}: `themes` must be a list of theme labels")
        resolved = [resolve(t) for t in labels]
        unknown = [t for t, label in zip(labels, resolved, strict=True) if label is None]
        if unknown:
            raise ValueError(f"{where}: {unknown} are not themes of catalog/vocabulary/themes.yaml")
        statements.append(Statement(text, [label for label in resolved if label], where))
    return statements


def evaluation_sets(directory: Path) -> EvaluationSets:
    """Read the manifest of the evaluation sets in ``directory``."""
    path = directory / MANIFEST
    if not path.is_file():
        raise ValueError(f"{path} is missing: it says which evaluation sets the wording model may learn from")
    data = _load_yaml(path)
    development = data.get("development") if hasattr(data, "get") else None
    sealed = data.get("sealed") if hasattr(data, "get") else None
    if not isinstance(development, list) or not all(isinstance(n, str) for n in development) or not isinstance(sealed, str):
        raise ValueError(f"{MANIFEST}: needs `development`, a list of set names, and `sealed`, one set name")
    odd = [n for n in [*development, sealed] if not re.fullmatch(r"[\w-]+", n)]
    if odd:
        raise ValueError(f"{MANIFEST}: {', '.join(odd)}: name each set by its file name without .yaml")
    if sealed in development:
        raise ValueError(f"{MANIFEST}: {sealed} is both sealed and development; a sealed set is never learnt from")
    missing = [n for n in [*development, sealed] if not (directory / f"{n}.yaml").is_file()]
    if missing:
        raise ValueError(f"{MANIFEST}: no file for {', '.join(missing)} in {directory.name}/")
    return EvaluationSets([directory / f"{n}.yaml" for n in development], directory / f"{sealed}.yaml")


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def build_wording_model(paths: list[Path], themes: dict[str, str], cues_of: CueReader | None = None,
                        never_learnt: Sequence[Path] = ()) -> dict[str, Any]:
    """The model learnt from the statements of all these files, as JSON; ``themes`` maps every theme
    label and alias, case-folded, to its label; ``cues_of`` finds the vocabulary's phrases in a text.
    A statement of ``never_learnt`` (the sealed set) repeated in them fails the build."""
    resolve = lambda name: themes.get(name.casefold())  # noqa: E731
    statements = [s for path in paths for s in read_statements(path, resolve)]
    sealed = {_key(s.text): s.where for path in never_learnt for s in read_statements(path, resolve)}
    seen: dict[str, str] = {}
    for statement in statements:
        key = _key(statement.text)
        if key in sealed:
            raise ValueError(f"{statement.where}: the same statement as {sealed[key]}, of the sealed set, which the"
                             " model must never learn; rewrite or drop one")
        if key in seen:
            raise ValueError(f"{statement.where}: the same statement as {seen[key]}; keep one")
        seen[key] = statement.where
    return WordingModel.train(((s.text, s.themes) for s in statements), cues_of=cues_of).to_json()
