"""Where the bundled catalog and templates are, installed or in a source checkout."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from hrcli.exceptions import UserError


@cache
def data_root() -> Path:
    """Return the folder holding ``catalog/`` and ``templates/``.

    Why: in a wheel they sit under ``hrcli/_data`` (hatch force-include); in a source checkout or an
    editable install they are the repository's top-level folders.
    """
    packaged = Path(str(resources.files("hrcli"))) / "_data"
    if (packaged / "catalog").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "catalog" / "documents").is_dir():
        return checkout
    raise UserError(
        "the bundled catalog is missing from this installation",
        hint="reinstall hrcli (pip install --force-reinstall hrcli)",
    )


def catalog_dir() -> Path:
    """The bundled catalog folder."""
    return data_root() / "catalog"


def templates_dir() -> Path:
    """The bundled templates folder."""
    return data_root() / "templates"
