"""The catalog and templates are found through the installed package, as a user's install finds them."""

from __future__ import annotations

import json

from hrcli.resources import catalog_dir, templates_dir


def test_catalog_files_are_installed_and_readable():
    documents = sorted(p.stem for p in (catalog_dir() / "documents").glob("*.json"))
    assert documents == ["ccpr-2014", "ohchr-2025", "upr-2010", "upr-2020"]
    for path in (catalog_dir() / "documents").glob("*.json"):
        assert json.loads(path.read_text(encoding="utf-8"))["recommendations"]
    assert json.loads((catalog_dir() / "vocabulary.json").read_text(encoding="utf-8"))["themes"]
    assert list((catalog_dir() / "errata").glob("*.yaml")), "errata ship too, for transparency"


def test_templates_folder_is_installed():
    assert templates_dir().is_dir()


def test_installed_copy_matches_the_checkout(repo_root):
    """When tests run against an installed wheel (make test), its catalog is the committed one."""
    for path in (repo_root / "catalog" / "documents").glob("*.json"):
        installed = catalog_dir() / "documents" / path.name
        assert installed.read_bytes() == path.read_bytes(), path.name
