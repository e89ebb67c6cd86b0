"""Shared fixtures."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The catalog build scripts are not part of the installed package; their tests import them from here.
sys.path.insert(0, str(REPO / "scripts"))


def _sources_dir() -> Path:
    configured = os.environ.get("HRCLI_CATALOG_SOURCES")
    return Path(configured) if configured else REPO.parent / "shared" / "catalog-sources"


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The UN source texts the catalog is built from; tests that need them skip without them."""
    path = _sources_dir()
    if not (path / "PROVENANCE.md").is_file():
        pytest.skip(f"catalog sources not found (set HRCLI_CATALOG_SOURCES)")
    return path


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO
