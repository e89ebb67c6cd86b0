"""The committed catalog is exactly what the build script makes from the sources."""

from __future__ import annotations

import csv
import json

import build_catalog


def test_committed_catalog_matches_a_fresh_build(sources_dir, repo_root):
    outputs = build_catalog.build_all(sources_dir, repo_root / "catalog")
    stale = [
        relative
        for relative, content in outputs.items()
        if (repo_root / "catalog" / relative).read_text(encoding="utf-8") != content
    ]
    assert stale == [], "run `make catalog` and commit the result"
    committed = {p.name for p in (repo_root / "catalog" / "documents").glob("*.json")}
    assert committed == {r.split("/")[1] for r in outputs if r.startswith("documents/")}


def _entries(repo_root, key):
    path = repo_root / "catalog" / "documents" / f"{key}.json"
    return {rec["id"]: rec for rec in json.loads(path.read_text(encoding="utf-8"))["recommendations"]}


def _errata_fixes(repo_root, key):
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((repo_root / "catalog" / "errata" / f"{key}.yaml").read_text("utf-8"))
    return {fix["id"]: fix for fix in data.get("fixes", [])}


def test_upr_2020_texts_are_the_source_texts_apart_from_errata(sources_dir, repo_root):
    entries = _entries(repo_root, "upr-2020")
    fixes = _errata_fixes(repo_root, "upr-2020")
    with (sources_dir / "A_HRC_46_15.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(entries) == 347
    for row in rows:
        rec = entries[f"upr-2020:{row['paragraph']}"]
        expected = row["text"]
        for erratum in rec.get("errata", []):
            fix = fixes[erratum["id"]]
            if fix["field"] == "text":
                expected = expected.replace(fix["find"], fix["replace"])
        assert rec["text"] == expected, row["paragraph"]


def test_upr_2020_positions_and_primary_themes_come_from_the_source(sources_dir, repo_root):
    entries = _entries(repo_root, "upr-2020")
    names = {"supported": "supported", "noted": "noted", "supported_noted": "supported-in-part"}
    with (sources_dir / "A_HRC_46_15.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rec = entries[f"upr-2020:{row['paragraph']}"]
            assert rec["position"] == names[row["position"]]
            primary = rec["themes"][0]
            assert primary == row["primary_theme"] or primary.startswith(row["primary_theme"] + ";")


def test_upr_2020_thematic_list_rows_give_full_themes_sdgs_and_persons(sources_dir, repo_root):
    entries = _entries(repo_root, "upr-2020")
    with (sources_dir / "A_HRC_46_15_thematic_list_partial.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 109
    for row in rows:
        rec = entries[f"upr-2020:{row['paragraph']}"]
        assert rec["position_source"] == row["source_of_position"]
        sdgs = {int(cell.split(" - ")[0]) for cell in row["sdgs"].split("; ") if cell}
        assert set(rec.get("sdgs", [])) == sdgs
        # Re-joining the themes with "; " gives back the source cell (the split label included).
        assert set("; ".join(rec["themes"]).split("; ")) == set(row["all_themes"].split("; ")) | {
            row["theme_heading"].split("; ")[0]
        } - {""}


def test_upr_2020_annotation_ids_come_from_the_uhri_sample(sources_dir, repo_root):
    entries = _entries(repo_root, "upr-2020")
    sample = json.loads((sources_dir / "A_HRC_46_15_uhri_export_sample.json").read_text("utf-8"))
    with_ids = [row for row in sample if row.get("OHCHR Annotation Id")]
    assert len(with_ids) == 6
    for row in with_ids:
        paragraph = row["Text"].split(" ")[0]
        assert entries[f"upr-2020:{paragraph}"]["annotation_id"] == row["OHCHR Annotation Id"]
