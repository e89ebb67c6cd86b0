"""Theme and group vocabularies, with alias resolution (labels drift between UPR cycles)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hrcli.catalog.reading import PhraseReader


@dataclass(frozen=True)
class Expansion:
    """Plain-language words and the UN terms a search adds for them."""

    words: tuple[str, ...]
    terms: tuple[str, ...]
    themes: tuple[str, ...] = ()


@dataclass
class LabelTable:
    """A vocabulary of labels: canonical labels and the aliases that resolve to them."""

    entries: list[dict[str, Any]]
    _lookup: dict[str, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._lookup = {}
        for entry in self.entries:
            for name in [entry["label"], *entry.get("aliases", [])]:
                self._lookup[name.casefold()] = entry["label"]

    @property
    def labels(self) -> list[str]:
        return [entry["label"] for entry in self.entries]

    def resolve(self, name: str) -> str | None:
        """The canonical label for a label or alias (case-insensitive), or None."""
        return self._lookup.get(name.strip().casefold())

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Labels close to an unknown name, for a "did you mean" hint."""
        folded = name.strip().casefold()
        hits = difflib.get_close_matches(folded, list(self._lookup), n=limit, cutoff=0.6)
        hits += [key for key in self._lookup if folded and folded in key]
        return list(dict.fromkeys(self._lookup[hit] for hit in hits))[:limit]


@dataclass
class Vocabulary:
    """Everything the catalog knows about labels."""

    themes: LabelTable
    groups: LabelTable
    sdgs: dict[int, str]
    expansions: list[Expansion]

    @cached_property
    def reader(self) -> PhraseReader:
        """Reads the vocabulary's phrases in a text (built once: a few thousand phrases)."""
        from hrcli.catalog.reading import PhraseReader

        return PhraseReader(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Vocabulary:
        return cls(
            themes=LabelTable(data["themes"]),
            groups=LabelTable(data["groups"]),
            sdgs={int(goal): name for goal, name in data["sdgs"].items()},
            expansions=[
                Expansion(tuple(e["words"]), tuple(e["terms"]), tuple(e.get("themes", ()))) for e in data["expansions"]
            ],
        )
