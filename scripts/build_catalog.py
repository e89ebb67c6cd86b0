#!/usr/bin/env python3
"""Build the bundled catalog from the UN source texts.

    python scripts/build_catalog.py [--sources DIR] [--out DIR] [--check]

Reads the source files described in the sources' PROVENANCE.md, applies the errata in
``catalog/errata/``, validates every document with hrcli's catalog model and writes one JSON file
per document to ``catalog/documents/`` plus ``catalog/vocabulary.json``, and `suggest`'s wording
model ``catalog/wording.json`` learnt from ``catalog/vocabulary/statements.yaml`` and the development
sets of ``tests/suggest/sets.yaml`` (never the sealed one). With ``--check``
it writes nothing and exits 1 if the committed files differ from a fresh build.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "scripts"))

from catalog_build.errata import DocumentErrata, ErrataError  # noqa: E402
from catalog_build.vocabulary import assign_heading_themes, build_vocabulary, check_document_labels  # noqa: E402
from catalog_build.wording import build_wording_model, evaluation_sets  # noqa: E402

from hrcli.catalog.model import Document  # noqa: E402
from hrcli.catalog.vocabulary import Vocabulary  # noqa: E402
from hrcli.catalog.wording import cue_reader  # noqa: E402

# document key -> builder module in scripts/catalog_build/
BUILDERS = {
    "upr-2010": "catalog_build.upr2010",
    "upr-2020": "catalog_build.upr2020",
    "ohchr-2025": "catalog_build.ohchr2025",
    "ccpr-2014": "catalog_build.ccpr2014",
}

DEFAULT_SOURCES = REPO.parent / "shared" / "catalog-sources"
EVALUATION_SETS = REPO / "tests" / "suggest"


def dumps(data: Any) -> str:
    """Serialise deterministically, so a rebuild from the same sources is byte-identical."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def dumps_compact(data: Any) -> str:
    """Deterministic too, one line per top-level key's item: a large table stays diffable."""
    lines = ["{"]
    for number, (key, value) in enumerate(data.items()):
        end = "," if number < len(data) - 1 else ""
        if isinstance(value, dict):
            items = [f" {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False, separators=(',', ':'))}"
                     for k, v in value.items()]
            lines.append(f"{json.dumps(key)}: {{\n" + ",\n".join(items) + f"\n}}{end}")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{end}")
    return "\n".join(lines) + "\n}\n"


def build_all(
    sources: Path, catalog_dir: Path, keys: list[str] | None = None, evaluation_dir: Path = EVALUATION_SETS
) -> dict[str, str]:
    """Return {relative output path: file content} for the whole catalog."""
    vocabulary = build_vocabulary(catalog_dir / "vocabulary", sources)
    outputs: dict[str, str] = {}
    for key, module_name in BUILDERS.items():
        if keys is not None and key not in keys:
            continue
        errata = DocumentErrata.load(catalog_dir / "errata", key)
        module = importlib.import_module(module_name)
        document = module.build(sources, errata)
        errata.apply_fixes(document["recommendations"])
        assign_heading_themes(document, catalog_dir / "vocabulary" / "heading-themes.yaml")
        check_document_labels(document, vocabulary)
        document["errata"] = document.get("errata", []) + errata.document_errata()
        errata.assert_all_used()
        validated = Document.model_validate(document)
        outputs[f"documents/{key}.json"] = dumps(
            validated.model_dump(mode="json", exclude_defaults=True)
        )
    outputs["vocabulary.json"] = dumps(vocabulary.to_json())
    sets = evaluation_sets(evaluation_dir)
    learnt_from = [catalog_dir / "vocabulary" / "statements.yaml", *sets.development]
    cues_of = cue_reader(Vocabulary.from_json(vocabulary.to_json()))  # the phrases as `suggest` reads them
    outputs["wording.json"] = dumps_compact(
        build_wording_model(learnt_from, vocabulary.resolver(vocabulary.themes), cues_of, never_learnt=[sets.sealed])
    )
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--out", type=Path, default=REPO / "catalog")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--only", action="append", metavar="KEY", help="build only these documents")
    args = parser.parse_args(argv)
    if not (args.sources / "PROVENANCE.md").is_file():
        print(f"error: no catalog sources in {args.sources}", file=sys.stderr)
        return 2
    try:
        outputs = build_all(args.sources, args.out, args.only)
    except (ValueError, ErrataError) as error:  # a defect in the sources, errata or vocabulary, said plainly
        print(f"error: {error}", file=sys.stderr)
        return 1
    stale = []
    for relative, content in outputs.items():
        target = args.out / relative
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current == content:
            continue
        if args.check:
            stale.append(relative)
            diff = difflib.unified_diff(
                current.splitlines(), content.splitlines(), relative, "rebuilt", lineterm="", n=1
            )
            print("\n".join(list(diff)[:40]), file=sys.stderr)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".tmp")
            tmp.write_text(content, encoding="utf-8")
            tmp.replace(target)
            print(f"wrote {target.relative_to(args.out.parent)}")
    if stale:
        print(f"stale catalog files: {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
