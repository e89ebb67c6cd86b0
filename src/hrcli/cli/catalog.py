"""`hrcli catalog`: list, show and search the UN recommendations hrcli knows."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hrcli.models.enums import Position
from hrcli.cli.errors import handle_errors, option_lookup
from hrcli.exceptions import UserError

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    help="List, show and search the catalog of UN recommendations.",
    no_args_is_help=True,
)

ProjectOption = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-p",
        help="Report project whose catalog/ folder adds documents (default: the one around the current folder).",
        file_okay=False,
    ),
]


class TableFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class TextFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def _stdout() -> Console:
    from rich.console import Console

    # Piped output has no terminal width; rich would assume 80 columns and squeeze the tables.
    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(highlight=False, width=120 if piped else None)


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _load(project: Path | None):  # noqa: ANN202 - returns hrcli.catalog.Catalog
    from hrcli.catalog import load_catalog
    from hrcli.project import project_catalog_dir, resolve_project

    return load_catalog(project_catalog_dir(resolve_project(project)))


@app.command("list")
@handle_errors
def list_documents(
    output_format: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.TABLE,
    project: ProjectOption = None,
) -> None:
    """List the catalog documents with their symbol, date and counts by position."""
    from hrcli.catalog import formats

    catalog = _load(project)
    if output_format is TableFormat.JSON:
        _echo_json([formats.document_json(doc, catalog.origins[doc.key]) for doc in catalog.documents])
    else:
        _stdout().print(formats.documents_table(catalog))


@app.command("show")
@handle_errors
def show(
    reference: Annotated[
        str, typer.Argument(help="An id (upr-2020:26.125, ccpr-2014:22(e)) or symbol form ('A/HRC/46/15 26.125').")
    ],
    output_format: Annotated[TextFormat, typer.Option("--format", "-f", help="Output format.")] = TextFormat.TEXT,
    project: ProjectOption = None,
) -> None:
    """Show one recommendation in full, with its citation."""
    from hrcli.catalog import formats

    catalog = _load(project)
    rec = catalog.lookup(reference)
    if output_format is TextFormat.JSON:
        _echo_json(formats.recommendation_json(catalog, rec))
    else:
        _stdout().print(formats.recommendation_view(catalog, rec))


@app.command("search")
@handle_errors
def search(
    query: Annotated[str, typer.Argument(help='Words and "quoted phrases"; stemmed, so "evicted" finds "eviction".')],
    document: Annotated[
        list[str] | None, typer.Option("--document", "-d", help="Only this document (key or symbol); repeatable.")
    ] = None,
    mechanism: Annotated[
        list[str] | None, typer.Option("--mechanism", "-m", help="Only this mechanism (upr, ccpr, ...); repeatable.")
    ] = None,
    theme: Annotated[
        list[str] | None, typer.Option("--theme", "-t", help="Only entries with this theme (label or alias); repeatable.")
    ] = None,
    position: Annotated[
        list[Position] | None, typer.Option("--position", help="Only this US position; repeatable.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Number of results.")] = 10,
    output_format: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.TABLE,
    project: ProjectOption = None,
) -> None:
    """Search the catalog, best matches first."""
    from hrcli.catalog import formats
    from hrcli.catalog.search import Filters, SearchIndex

    catalog = _load(project)
    with option_lookup():
        documents = frozenset(catalog.document(key).key for key in document or [])
    filters = Filters(
        documents=documents,
        mechanisms=frozenset(_known_mechanisms(catalog, mechanism or [])),
        themes=frozenset(_resolve_themes(catalog, theme or [])),
        positions=frozenset(p.value for p in position or []),
    )
    hits = SearchIndex(catalog).search(query, filters, limit)
    if output_format is TableFormat.JSON:
        _echo_json([formats.hit_json(catalog, hit) for hit in hits])
        return
    if not hits:
        typer.echo("No matches.", err=True)
        return
    _stdout().print(formats.hits_table(catalog, hits, query))


def _known_mechanisms(catalog, names: list[str]) -> list[str]:  # noqa: ANN001
    known = sorted({doc.mechanism.value for doc in catalog.documents})
    for name in names:
        if name.lower() not in known:
            raise UserError(f"unknown mechanism {name!r}", hint=f"the catalog has: {', '.join(known)}")
    return [name.lower() for name in names]


def _resolve_themes(catalog, names: list[str]) -> list[str]:  # noqa: ANN001
    resolved = []
    for name in names:
        label = catalog.vocabulary.themes.resolve(name)
        if label is None:
            close = catalog.vocabulary.themes.suggest(name)
            hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else "see the themes in `hrcli catalog themes`"
            raise UserError(f"unknown theme {name!r}", hint=hint)
        resolved.append(label)
    return resolved


@app.command("themes")
@handle_errors
def themes(
    output_format: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.TABLE,
    project: ProjectOption = None,
) -> None:
    """List the theme vocabulary: labels, their aliases, and how many entries use each."""
    from collections import Counter

    from rich.table import Table

    catalog = _load(project)
    vocabulary = catalog.vocabulary.themes
    used = Counter(vocabulary.resolve(t) for rec in catalog for t in set(rec.themes))
    rows = [
        {"label": e["label"], "scheme": e.get("scheme", "uhri"), "aliases": e.get("aliases", []), "entries": used.get(e["label"], 0)}
        for e in vocabulary.entries
    ]
    if output_format is TableFormat.JSON:
        _echo_json(rows)
        return
    table = Table(title="Themes", title_justify="left")
    table.add_column("theme")
    table.add_column("aliases")
    table.add_column("entries", justify="right")
    for row in rows:
        table.add_row(row["label"], "; ".join(row["aliases"]), str(row["entries"]))
    _stdout().print(table)


@app.command("import")
@handle_errors
def import_(
    file: Annotated[Path, typer.Argument(help="An OHCHR Universal Human Rights Index export (.xlsx or .json).", dir_okay=False)],
    project: ProjectOption = None,
    key: Annotated[str | None, typer.Option("--key", help="Document key for a single-symbol export (default: derived from the symbol).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would be written; write nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace existing catalog files of the same documents.")] = False,
) -> None:
    """Import a UHRI export into the project's catalog/ folder, one file per document symbol."""
    from hrcli.catalog.uhri import import_export
    from hrcli.project import project_catalog_dir, require_project

    root = require_project(project)
    if not file.is_file():
        raise UserError(f"{file}: no such file")
    report = import_export(file, project_catalog_dir(root), key=key, dry_run=dry_run, force=force)
    for path in report.written:
        typer.echo(path)
    console = _stderr()
    for line in report.summary_lines():
        console.print(line, markup=False)


def _stderr():  # noqa: ANN202
    from hrcli.cli.errors import stderr_console

    return stderr_console()


@app.command("groups")
@handle_errors
def groups(
    output_format: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = TableFormat.TABLE,
) -> None:
    """List the groups of persons (UHRI "affected persons") and their aliases."""
    from hrcli.catalog import load_catalog

    entries = load_catalog().vocabulary.groups.entries
    rows = [{"label": e["label"], "aliases": e.get("aliases", [])} for e in entries]
    if output_format is TableFormat.JSON:
        _echo_json(rows)
        return
    for row in rows:
        typer.echo(row["label"] + (f"  (also: {'; '.join(row['aliases'])})" if row["aliases"] else ""))
