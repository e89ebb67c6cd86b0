"""`hrcli suggest`: UN recommendations a testimony (or any text) speaks to."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from hrcli.cli.errors import handle_errors, option_lookup, stderr_console
from hrcli.exceptions import NotFoundError, UserError


class SuggestFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@handle_errors
def suggest(
    target: Annotated[str | None, typer.Argument(help="A testimony id (T-0007), a testimony file, or text in quotes.")] = None,
    project: Annotated[Path | None, typer.Option("--project", "-p", help="The project (default: the one around the current folder).", file_okay=False)] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=50, help="Number of suggestions.")] = 5,
    document: Annotated[list[str] | None, typer.Option("--document", "-d", help="Only entries of this document (key or symbol); repeatable.")] = None,
    output_format: Annotated[SuggestFormat, typer.Option("--format", "-f", help="Output format.")] = SuggestFormat.TABLE,
    write: Annotated[bool, typer.Option("--write", help="Add chosen ids to the testimony file (asks on a terminal).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --write: add every suggestion shown, without asking.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Every testimony of the project without links, with its best candidates.")] = False,
) -> None:
    """Rank catalog recommendations (bundled and the project's own) by how well they fit.

    Explains each suggestion: the words it shares with the text, and the themes it is filed under.
    """
    from hrcli.catalog import load_catalog
    from hrcli.project import find_project, project_catalog_dir, resolve_project
    from hrcli.suggest import Suggester

    root = resolve_project(project) if project is not None else find_project()
    catalog = load_catalog(project_catalog_dir(root))
    with option_lookup():
        documents = {catalog.document(d).key for d in document or []} or None
    suggester = Suggester(catalog)
    if all_:
        if root is None:
            raise UserError("--all needs a project", hint="run in a project folder or pass --project DIR")
        _all(root, suggester, documents, min(limit, 3), output_format)
        return
    if not target or not target.strip():
        raise UserError("nothing to suggest for an empty target", hint='give a testimony id, a testimony file, or text: hrcli suggest "the landlord locked us out"')
    text, themes, linked, source = _target(target, root)
    if write:  # refuse before ranking and printing anything
        from hrcli.cli.prompts import stdin_is_terminal

        if source == "text":
            raise UserError("--write needs a testimony (an id or a file), not text")
        if not yes and not stdin_is_terminal():
            raise UserError("--write asks which ids to add, and there is no terminal", hint="add --yes to add every suggestion shown")
    suggestions = suggester.rank(text, themes=themes, documents=documents, exclude=linked, limit=limit)
    if output_format is SuggestFormat.JSON:
        typer.echo(json.dumps([_as_json(catalog, s) for s in suggestions], ensure_ascii=False, indent=2))
    else:
        _table(catalog, suggestions, f"Suggestions for {source}")
    if write:
        _write(source_path(source), suggestions, yes)


def source_path(source: str) -> Path:
    return Path(source.split(" ", 1)[1])


def _target(target: str, root: Path | None) -> tuple[str, list[str], list[str], str]:
    """(text, declared themes, already linked ids, description) of what to suggest for."""
    from hrcli.models.testimony import TESTIMONY_ID_PATTERN

    import re

    path = Path(target.strip())
    if re.fullmatch(TESTIMONY_ID_PATTERN, target.strip()):
        if root is None:
            raise UserError(f"{target} is a testimony id, but there is no project here", hint="pass --project DIR")
        path = _file_of(root, target.strip())
    elif _names_a_file(target):
        if not path.is_file():
            raise UserError(f"no file {target}", hint="pass an existing testimony file, an id, or a sentence in quotes")
        if path.suffix.lower() == ".csv":
            raise UserError(f"{target} is a CSV file; suggest works on one testimony", hint="pass the id of one of its rows")
    elif _names_a_folder(target):
        raise UserError(f"{target} is a folder", hint="pass a testimony id or file; `hrcli suggest --all` covers a whole project")
    else:
        return target, [], [], "text"
    from hrcli.suggest import testimony_text

    testimony = _load_testimony(path)
    return testimony_text(testimony), list(testimony.themes), list(testimony.recommendations), f"{testimony.id} {path}"


def _names_a_file(target: str) -> bool:
    # Ending like a testimony file: a file name if it is one word (existing or not: a typo gets an
    # error, not suggestions for the name) or an existing file ("My Documents/T-0003.yaml"); any
    # other text is a statement ("my notes are in report.yaml").
    stripped = target.strip()
    if Path(stripped).suffix.lower() not in (".yaml", ".yml", ".csv"):
        return False
    return not any(c.isspace() for c in stripped) or Path(stripped).is_file()


def _names_a_folder(target: str) -> bool:
    # Only a path-looking word: a one-word statement ("evidence") may match a folder by chance.
    stripped = target.strip()
    return ("/" in stripped or stripped in (".", "..")) and Path(stripped).is_dir()


def _file_of(root: Path, testimony_id: str) -> Path:
    from hrcli.testimony_io import read_ids

    for found, path in read_ids(root):
        if found == testimony_id:
            if path.suffix.lower() == ".csv":
                raise UserError(f"{testimony_id} is a row of {path}; suggest works on testimony YAML files")
            return path
    raise NotFoundError(f"no testimony {testimony_id!r} in {root}", hint="see the files in testimony/")


def _load_testimony(path: Path):  # noqa: ANN202
    from pydantic import ValidationError

    from hrcli.loaders.yaml import load_yaml_file
    from hrcli.models.testimony import Testimony

    try:
        return Testimony.model_validate(load_yaml_file(path))
    except ValidationError as error:
        raise UserError(f"{path}: not a valid testimony ({error.error_count()} problems)", hint=f"run `hrcli check {path}`") from None


def _as_json(catalog, s) -> dict[str, Any]:  # noqa: ANN001
    from hrcli.catalog.formats import recommendation_json
    from hrcli.catalog.search import HIGHLIGHT_END, HIGHLIGHT_START

    data = recommendation_json(catalog, s.recommendation)
    data.update(score=s.score, reasons=s.reasons, matched_terms=list(s.matched_terms), matched_themes=list(s.matched_themes),
                highlighted=s.highlighted.replace(HIGHLIGHT_START, "**").replace(HIGHLIGHT_END, "**"))
    return data


def _table(catalog, suggestions, title: str) -> None:  # noqa: ANN001
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from hrcli.catalog.citation import reference
    from hrcli.catalog.formats import excerpt, highlighted_text

    if not suggestions:
        stderr_console().print("No suggestions.", markup=False)
        return
    table = Table(title=title, title_justify="left", show_lines=True)
    for column in ("#", "id", "citation", "position", "excerpt", "why"):
        table.add_column(column, no_wrap=column in {"#", "id"})
    for number, s in enumerate(suggestions, start=1):
        rec = s.recommendation
        doc = catalog.document_of(rec)
        table.add_row(str(number), Text(rec.id), Text(reference(doc, rec)), rec.position.value if rec.position else "",
                      highlighted_text(excerpt(s.highlighted, 160)), Text("; ".join(s.reasons)))
    Console(highlight=False, width=None if sys.stdout.isatty() else 140).print(table)


def _write(path: Path, suggestions, yes: bool) -> None:  # noqa: ANN001
    from hrcli.suggest_write import add_recommendations

    if not suggestions:
        return
    ids = [s.recommendation.id for s in suggestions]
    if not yes:
        answer = typer.prompt("Add which suggestions to the testimony? (numbers like 1,3; 'all'; or 'none')", default="none")
        if answer.strip().lower() == "all":
            pass
        elif answer.strip().lower() in {"", "none", "n"}:
            return
        else:
            try:
                ids = [ids[int(part) - 1] for part in answer.replace(" ", "").split(",") if part]
            except (ValueError, IndexError):
                raise UserError(f"{answer!r} is not a choice", hint=f"give numbers between 1 and {len(ids)}") from None
    added = add_recommendations(path, ids)
    stderr_console().print(f"added {', '.join(added) or 'nothing new'} to {path}", markup=False)


def _all(root: Path, suggester, documents, per_testimony: int, output_format: SuggestFormat) -> None:  # noqa: ANN001
    from hrcli.checks.load import load_project
    from hrcli.suggest import testimony_text

    project = load_project(root)
    rows = []
    for entry in sorted(project.testimonies, key=lambda e: e.testimony.id):
        t = entry.testimony
        if t.recommendations:
            continue
        best = suggester.rank(testimony_text(t), themes=t.themes, documents=documents, limit=per_testimony)
        rows.append((t.id, entry.path, best))
    if output_format is SuggestFormat.JSON:
        typer.echo(json.dumps([{"testimony": tid, "path": path, "suggestions": [
            {"id": s.recommendation.id, "score": s.score, "reasons": s.reasons} for s in best]} for tid, path, best in rows],
            ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if not rows:
        stderr_console().print("Every testimony is linked to at least one recommendation.", markup=False)
        return
    table = Table(title="Testimony without links, and their best candidates", title_justify="left")
    for column in ("testimony", "file", "candidates"):
        table.add_column(column)
    for tid, path, best in rows:
        table.add_row(Text(tid), Text(path), Text("\n".join(f"{s.recommendation.id} ({'; '.join(s.reasons)})" for s in best)))
    Console(highlight=False, width=None if sys.stdout.isatty() else 140).print(table)
