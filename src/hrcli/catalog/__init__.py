"""The catalog of UN recommendations: bundled documents plus a project's own."""

from hrcli.catalog.model import Document, Position, Recommendation
from hrcli.catalog.store import Catalog, load_catalog

__all__ = ["Catalog", "Document", "Position", "Recommendation", "load_catalog"]
