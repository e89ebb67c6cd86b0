"""Reading and writing testimony files (YAML, one per testimony; CSV, one row per testimony)."""

from __future__ import annotations

import io
from enum import Enum
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from hrcli.models.testimony import Testimony
from hrcli.project import CSV_SUFFIX, TESTIMONY_FOLDER, YAML_SUFFIXES, testimony_files  # noqa: F401 - re-exported

SCHEMA_MODELINE = "# yaml-language-server: $schema=../schema/testimony.schema.json"

# Short guidance written above keys of a new testimony file, for volunteers editing it by hand.
GUIDANCE = {
    "kind": "problem | progress: local reports name problems and progress",
    "collected": "method: interview | listening-session | survey | written-submission | public-hearing | document | media | data",
    "location": "an area (neighborhood, ward or ZIP code), never a home address",
    "narrator": "name and contact identify the person: they go in the private store (hrcli private), never in this file; "
    "only a publish-named narrator's name may stay here",
    "consent": "scope: internal | publish-anonymous | publish-named; withdrawn consent makes the testimony internal",
    "themes": "themes from the catalog vocabulary (hrcli catalog themes)",
    "recommendations": "catalog ids, e.g. upr-2020:26.125 (hrcli catalog search ...)",
}


def yaml_ready(value: Any) -> Any:
    """Model dump values as YAML-friendly data: enums as their values, multi-line text as blocks."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return CommentedMap((k, yaml_ready(v)) for k, v in value.items())
    if isinstance(value, list):
        return [yaml_ready(v) for v in value]
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty lists and mappings (`groups: []`, `location: {}`): a file shows what was said."""
    cleaned = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _without_empty(value)
        if value == [] or value == {}:
            continue
        cleaned[key] = value
    return cleaned


def testimony_yaml(testimony: Testimony, *, guidance: bool = True) -> str:
    """A readable YAML file for one testimony, with short guidance comments."""
    data = testimony.model_dump(mode="python", exclude_none=True)
    if not data.get("narrator", {}).get("private"):
        data.get("narrator", {}).pop("private", None)
    document = yaml_ready(_without_empty(data))
    if guidance:
        for key, comment in GUIDANCE.items():
            if key in document:
                document.yaml_set_comment_before_after_key(key, before=comment)
    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    # Never fold long text: folding leaves trailing spaces that editors and hooks flag.
    yaml.width = 4096
    # Equal values (collected.on and consent.obtained) must stay two values, not an anchor and alias.
    yaml.representer.ignore_aliases = lambda *args: True
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(document, stream)
    header = f"{SCHEMA_MODELINE}\n" if guidance else ""
    return header + stream.getvalue()


def read_testimony_fields(project: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """(file, raw fields) of every testimony in the project, valid or not: one mapping per YAML file
    and per CSV row. Unreadable files are skipped: they are `check`'s business, not a reader's."""
    from hrcli.loaders.csv import read_csv_records

    yaml = YAML(typ="safe")
    for path in testimony_files(project):
        if path.suffix.lower() == CSV_SUFFIX:
            try:
                records = read_csv_records(path).records
            except Exception:  # noqa: BLE001
                continue
            for record in records:
                yield path, record.values
            continue
        try:
            data = yaml.load(path.read_text(encoding="utf-8"))
        except Exception:  # noqa: BLE001
            continue
        if isinstance(data, dict):
            yield path, data


def read_ids(project: Path) -> Iterator[tuple[str, Path]]:
    """(id, file) of every testimony in the project, valid or not, for picking fresh ids."""
    for path, fields in read_testimony_fields(project):
        if isinstance(fields.get("id"), str) and fields["id"]:
            yield fields["id"], path
