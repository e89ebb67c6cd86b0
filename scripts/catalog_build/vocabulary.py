"""The catalog's vocabularies: themes, groups of persons, SDG names and search expansions.

The hand-written inputs are in ``catalog/vocabulary/*.yaml``; the build writes them, with the SDG names
read from the sources, to ``catalog/vocabulary.json``, which the installed hrcli reads. Every theme
and group used by a catalog document must be in the vocabulary (as a label or an alias), so a label
that drifts is caught by the build, not by a user.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

SDG_CELL = re.compile(r"^(\d{1,2}) - (.+)$")
SDG_SOURCE = "A_HRC_46_15_thematic_list_partial.csv"


@dataclass
class Vocabulary:
    themes: list[dict[str, Any]]
    groups: list[dict[str, Any]]
    sdgs: dict[str, str]
    expansions: list[dict[str, list[str]]]

    def to_json(self) -> dict[str, Any]:
        return {
            "themes": self.themes,
            "groups": self.groups,
            "sdgs": self.sdgs,
            "expansions": self.expansions,
        }

    def resolver(self, entries: list[dict[str, Any]]) -> dict[str, str]:
        """Map every label and alias, case-folded, to its canonical label."""
        table: dict[str, str] = {}
        for entry in entries:
            for name in [entry["label"], *entry.get("aliases", [])]:
                folded = name.casefold()
                if table.get(folded, entry["label"]) != entry["label"]:
                    raise ValueError(f"vocabulary: {name!r} names two entries")
                table[folded] = entry["label"]
        return table


def _load(path: Path, key: str) -> list[Any]:
    return list(YAML(typ="safe").load(path.read_text(encoding="utf-8"))[key])


def sdg_names(sources: Path) -> dict[str, str]:
    """SDG goal names as OHCHR prints them in the sources, e.g. {"16": "PEACE, JUSTICE ..."}."""
    names: dict[str, str] = {}
    with (sources / SDG_SOURCE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for cell in filter(None, (c.strip() for c in row["sdgs"].split("; "))):
                match = SDG_CELL.match(cell)
                if match:
                    names[match.group(1)] = match.group(2)
    return dict(sorted(names.items(), key=lambda item: int(item[0])))


def build_vocabulary(vocabulary_dir: Path, sources: Path) -> Vocabulary:
    themes = _load(vocabulary_dir / "themes.yaml", "themes")
    for theme in themes:
        theme.setdefault("scheme", "uhri")
    labels = {t["label"] for t in themes}
    expansions = _load(vocabulary_dir / "expansions.yaml", "expansions")
    unknown = sorted({t for e in expansions for t in e.get("themes", []) if t not in labels})
    if unknown:
        raise ValueError(f"expansions.yaml names themes that are not in themes.yaml: {unknown}")
    check_expansion_words(expansions)
    return Vocabulary(
        themes=themes,
        groups=_load(vocabulary_dir / "groups.yaml", "groups"),
        sdgs=sdg_names(sources),
        expansions=expansions,
    )


# How hrcli.catalog.reading splits a text into words: on anything but letters, digits and apostrophes.
_TOKENS = re.compile(r"[\w']+")


def check_expansion_words(expansions: list[Any]) -> None:
    """Fail the build on an entry that is not lists of text, a word that can never match (mixed
    case, a hyphen), or a word that reads the same as one in another entry ("bias" and "bia" both
    read "bia"): its themes would then be decided in two places. A word in capitals is an acronym,
    read only when written in capitals ("ICE", not "ice"). Words are read as `hrcli` reads a text."""
    from hrcli.catalog.reading import plain_words

    first_entry: dict[tuple[str, ...], tuple[int, str]] = {}
    for number, entry in enumerate(expansions, start=1):
        where = f"expansions.yaml entry {number}"
        if not isinstance(entry, dict) or any(
            not isinstance(entry.get(key), list) or not all(isinstance(item, str) for item in entry[key])
            for key in ("words", "terms", "themes")
        ):
            raise ValueError(f"{where}: needs `words`, `terms` and `themes`, each a list of text (quote numbers)")
        where += f" ({entry['words'][0] if entry['words'] else 'no words'})"
        for word in entry["words"]:
            read = plain_words(word, keep_acronyms=True)
            tokens = word.split(" ")
            acronym_or_lower = all(t == t.casefold() or (len(t) > 1 and t.isupper()) for t in tokens)
            if not read or not acronym_or_lower or _TOKENS.findall(word) != tokens:
                raise ValueError(f"{where}: {word!r} never matches a statement; write it in lower case "
                                 "(capitals only for an acronym), with a space for a hyphen or other punctuation")
            other, other_word = first_entry.setdefault(tuple(read), (number, word))
            if other != number:
                raise ValueError(f"{where}: {word!r} reads the same as {other_word!r} in entry {other}; keep one")


def check_document_labels(document: dict[str, Any], vocabulary: Vocabulary) -> None:
    """Fail the build if a document uses a theme or group the vocabulary does not know."""
    themes = vocabulary.resolver(vocabulary.themes)
    groups = vocabulary.resolver(vocabulary.groups)
    unknown: set[str] = set()
    for rec in document["recommendations"]:
        unknown.update(t for t in rec.get("themes", []) if t.casefold() not in themes)
        unknown.update(g for g in rec.get("affected_persons", []) if g.casefold() not in groups)
    if unknown:
        raise ValueError(
            f"{document['key']}: labels missing from catalog/vocabulary: {sorted(unknown)}"
        )


def assign_heading_themes(document: dict[str, Any], table_path: Path) -> None:
    """Give entries without themes the themes their subject heading maps to (heading-themes.yaml).

    Every heading of a document listed there must be in the table, so a new heading cannot slip
    through without a decision; the document's coverage says the themes are hrcli's.
    """
    table = YAML(typ="safe").load(table_path.read_text(encoding="utf-8")).get(document["key"])
    if table is None:
        return
    missing = sorted({r["heading"] for r in document["recommendations"] if r.get("heading") and r["heading"] not in table})
    if missing:
        raise ValueError(f"{document['key']}: headings missing from {table_path.name}: {missing}")
    for rec in document["recommendations"]:
        if not rec.get("themes") and rec.get("heading"):
            rec["themes"] = list(table[rec["heading"]])
    note = "Themes are assigned by hrcli from each entry's subject heading (catalog/vocabulary/heading-themes.yaml), not by OHCHR."
    document["coverage"] = f"{document.get('coverage', '').rstrip()} {note}".strip()
