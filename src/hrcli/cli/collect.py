"""`hrcli collect`: new testimony files, imports from form exports, and the collection form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from hrcli.project import require_project
from hrcli.cli.errors import ExitCode, handle_errors, one_project, stderr_console
from hrcli.cli.prompts import Asker
from hrcli.exceptions import UserError
from hrcli.models.enums import CollectionMethod, ConsentMethod, ConsentScope, Kind

app = typer.Typer(help="Collect testimony: new files, imports from KoboToolbox/ODK or spreadsheets, forms.", no_args_is_help=True)

DateOption = dt.datetime | None
DATE_FORMATS = ["%Y-%m-%d"]


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


@app.command("new")
@handle_errors
def new(
    project: Annotated[Path | None, typer.Argument(help="The project (default: the one around the current folder).", file_okay=False)] = None,
    project_option: Annotated[Path | None, typer.Option("--project", "-p", help="The project, as an option (same as PROJECT).", file_okay=False)] = None,
    title: Annotated[str | None, typer.Option(help="A short title.")] = None,
    kind: Annotated[Kind | None, typer.Option(help="problem or progress.")] = None,
    date: Annotated[DateOption, typer.Option(formats=DATE_FORMATS, help="When it happened.")] = None,
    collected_on: Annotated[DateOption, typer.Option(formats=DATE_FORMATS, help="When it was collected (default: today).")] = None,
    collected_by: Annotated[str | None, typer.Option(help="Team or event that collected it.")] = None,
    method: Annotated[CollectionMethod | None, typer.Option(help="How it was collected.")] = None,
    area: Annotated[str | None, typer.Option(help="Neighborhood, ward or ZIP (never a home address).")] = None,
    pseudonym: Annotated[str | None, typer.Option(help="How the report refers to the narrator.")] = None,
    name: Annotated[str | None, typer.Option(help="Narrator's real name (identifying: goes to the private store).")] = None,
    contact: Annotated[str | None, typer.Option(help="Narrator's phone or e-mail (identifying: goes to the private store, never published).")] = None,
    address: Annotated[str | None, typer.Option(help="Narrator's exact address (goes to the private store only).")] = None,
    notes: Annotated[str | None, typer.Option(help="Private notes about the narrator (go to the private store only).")] = None,
    file: Annotated[list[Path] | None, typer.Option("--file", help="Original recording or document, encrypted into the private store; repeatable.", dir_okay=False)] = None,
    keep_name: Annotated[bool, typer.Option("--keep-name", help="Publish-named only: keep the name in the testimony file (compile then needs no key).")] = False,
    group: Annotated[list[str] | None, typer.Option(help="Group of persons; repeatable.")] = None,
    consent: Annotated[ConsentScope | None, typer.Option(help="Consent scope.")] = None,
    un: Annotated[bool | None, typer.Option("--un/--no-un", help="Consent to share with UN mechanisms.")] = None,
    consent_obtained: Annotated[DateOption, typer.Option(formats=DATE_FORMATS, help="When consent was given (default: collection date).")] = None,
    consent_method: Annotated[ConsentMethod | None, typer.Option(help="verbal or written.")] = None,
    theme: Annotated[list[str] | None, typer.Option(help="Theme (label or alias); repeatable.")] = None,
    recommendation: Annotated[list[str] | None, typer.Option(help="Catalog id; repeatable.")] = None,
    agency: Annotated[list[str] | None, typer.Option(help="Local body responsible; repeatable.")] = None,
    summary: Annotated[str | None, typer.Option(help="What happened.")] = None,
    quote: Annotated[str | None, typer.Option(help="The narrator's own words.")] = None,
    quote_language: Annotated[str | None, typer.Option(help="Language of the quote, e.g. es.")] = None,
    translation: Annotated[str | None, typer.Option(help="English translation of the quote.")] = None,
    period_start: Annotated[DateOption, typer.Option("--from", formats=DATE_FORMATS, help="Start, when it went on over a period (instead of --date).")] = None,
    period_end: Annotated[DateOption, typer.Option("--to", formats=DATE_FORMATS, help="End of the period (empty: still going on).")] = None,
    evidence: Annotated[list[str] | None, typer.Option(help="Evidence: a path inside the project or a URL; repeatable.")] = None,
    withdrawn: Annotated[DateOption, typer.Option(formats=DATE_FORMATS, help="Date consent was withdrawn (the testimony becomes internal).")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt; use flags and defaults.")] = False,
) -> None:
    """Write a new testimony file with a fresh id (asks for the fields on a terminal)."""
    from hrcli.catalog import load_catalog
    from hrcli.collect import resolve_labels, resolve_recommendations, save_new_testimony
    from hrcli.models.testimony import Testimony, next_testimony_id
    from hrcli.project import project_catalog_dir
    from hrcli.testimony_io import read_ids

    from hrcli.private.keys import key_from_env

    root = require_project(one_project(project, project_option))
    catalog = load_catalog(project_catalog_dir(root))
    ask = Asker(no_input)
    key = key_from_env(project=root)
    if ask.interactive and key is None:
        stderr_console().print("note: no private-store key is set (HRCLI_PRIVATE_KEY), so a name or contact cannot be "
                               "saved: leave them empty, or set the key and start again", markup=False)
    vocabulary = catalog.vocabulary
    data = {
        "id": next_testimony_id({i for i, _ in read_ids(root)}),
        "title": ask.text("Title", title, flag="--title"),
        "kind": ask.choice("Kind", kind, list(Kind), Kind.PROBLEM, flag="--kind"),
        "date": _date(date) or (_parse_date(ask.text("When did it happen (YYYY-MM-DD, empty if unknown)", None, flag="--date", required=False)) if ask.interactive else None),
        "collected": {
            "on": _date(collected_on) or dt.date.today(),
            "by": ask.text("Collected by (team or event)", collected_by, flag="--collected-by", required=False),
            "method": ask.choice("Method", method, list(CollectionMethod), CollectionMethod.INTERVIEW, flag="--method"),
        },
        "location": {"area": ask.text("Area (neighborhood, ward or ZIP; never a home address)", area, flag="--area", required=False)},
        "narrator": {
            "pseudonym": ask.text("Pseudonym", pseudonym, flag="--pseudonym", required=False),
            "name": ask.text("Real name (identifying; leave empty if not needed)", name, flag="--name", required=False),
            "contact": ask.text("Contact (identifying; never published)", contact, flag="--contact", required=False),
            "groups": ask.many("Groups", group, check=lambda g: resolve_labels(vocabulary.groups, [g], "group")[0], hint="comma-separated"),
        },
        "consent": {
            "scope": ask.choice("Consent scope", consent, list(ConsentScope), ConsentScope.INTERNAL, flag="--consent"),
            "un_submission": ask.confirm("May it be shared with UN mechanisms?", un, False),
            "method": ask.choice("Consent given", consent_method, list(ConsentMethod), ConsentMethod.VERBAL, flag="--consent-method"),
        },
        "themes": ask.many("Themes", theme, check=lambda t: resolve_labels(vocabulary.themes, [t], "theme")[0], hint="comma-separated; see `hrcli catalog themes`"),
        "recommendations": ask.many("Recommendations", recommendation, check=lambda r: _option_recommendation(catalog, r), hint="catalog ids, comma-separated"),
        "agencies": ask.many("Agencies responsible", agency),
        "summary": ask.text("Summary", summary, flag="--summary"),
    }
    data["consent"]["obtained"] = _date(consent_obtained) or data["collected"]["on"]
    quote_text = ask.text("A quote (empty for none)", quote, flag="--quote", required=False)
    if quote_text:
        data["quotes"] = [{"text": quote_text, "language": quote_language, "translation": translation}]
    if period_start:
        if data.get("date"):
            raise UserError("give either --date or --from/--to, not both")
        data["period"] = {"start": _date(period_start), "end": _date(period_end)}
    if evidence:
        data["evidence"] = [{"url": e} if e.startswith(("http://", "https://")) else {"path": e} for e in evidence]
    if withdrawn:
        data["consent"]["withdrawn"] = _date(withdrawn)
    from hrcli.private.fields import split_identifying

    identity = split_identifying(data, keep_public_name=keep_name, extra={"address": address, "notes": notes})
    testimony = _validated(Testimony, data)
    path = save_new_testimony(root, testimony, identity, key, files=file)
    typer.echo(path)
    if identity is not None or file:
        stderr_console().print(f"note: identifying data of {testimony.id} is in the encrypted private store "
                               "(`hrcli private show " + testimony.id + "`)", markup=False)


def _option_recommendation(catalog, reference: str) -> str:  # noqa: ANN001
    from hrcli.cli.errors import option_lookup
    from hrcli.collect import resolve_recommendations

    with option_lookup():
        return resolve_recommendations(catalog, [reference])[0]


def _parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{text!r} is not a date", hint="write it as YYYY-MM-DD") from None


def _validated(model, data):  # noqa: ANN001, ANN202
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as error:
        item = error.errors()[0]
        where = ".".join(str(p) for p in item["loc"])
        raise UserError(f"{where}: {item['msg'].removeprefix('Value error, ')}") from None


@app.command("import")
@handle_errors
def import_(
    file: Annotated[Path, typer.Argument(help="CSV or XLSX export (KoboToolbox, ODK, Google Forms, a spreadsheet).", dir_okay=False)],
    project: Annotated[Path | None, typer.Option("--project", "-p", help="The project (default: the one around the current folder).", file_okay=False)] = None,
    mapping_file: Annotated[Path | None, typer.Option("--mapping", help="YAML file mapping export columns to testimony fields.", dir_okay=False)] = None,
    preset: Annotated[str | None, typer.Option(help="'kobo' for exports of the form `hrcli collect form` makes.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would happen; write nothing.")] = False,
    keep_public_names: Annotated[bool, typer.Option("--keep-public-names", help="Keep publish-named narrators' names in their files.")] = False,
) -> None:
    """Import testimony from an export: one file per new valid row; re-imports add only new rows.

    Narrator names and contacts (and private.* columns) go to the encrypted private store, so an
    export with them needs the key (HRCLI_PRIVATE_KEY); without it nothing is imported.
    """
    from rich.table import Table as RichTable

    from hrcli.catalog import load_catalog
    from hrcli.collect import Mapping, identity_mapping, import_table, kobo_mapping
    from hrcli.loaders.csv import read_table
    from hrcli.project import project_catalog_dir

    root = require_project(project)
    if not file.is_file():
        raise UserError(f"{file}: no such file")
    if preset not in (None, "kobo"):
        raise UserError(f"unknown preset {preset!r}", hint="the presets are: kobo")
    table = read_table(file)
    if mapping_file is not None:
        mapping = Mapping.load(mapping_file)
    elif preset == "kobo":
        # ODK Central separates groups with "-" and keys rows by KEY; KoboToolbox uses "/" and _uuid.
        mapping = kobo_mapping(table.headers, "-" if "KEY" in table.headers else "/")
        if "consent.scope" not in mapping.columns.values():
            raise UserError(
                f"{file}: no consent/scope column; this is not an export of `hrcli collect form` as the kobo preset reads it",
                hint="export again with 'XML values and headers' and 'Include groups in headers' (group separator /)",
            )
    else:
        mapping = identity_mapping(table.headers)
    if not mapping.columns:
        raise UserError(
            f"{file}: none of its columns is a testimony field",
            hint="use --preset kobo for exports of hrcli's form, or --mapping MAP.yaml for other exports",
        )
    catalog = load_catalog(project_catalog_dir(root))
    from hrcli.private.keys import key_from_env

    key = None if dry_run else key_from_env(project=root)
    report = import_table(root, table, mapping, catalog, dry_run=dry_run, key=key, keep_public_names=keep_public_names)
    console = stderr_console()
    for _, _, path in report.created:
        if dry_run:
            console.print(f"would create {path}", markup=False)
        else:
            typer.echo(path)
    for problem in report.rejected:
        console.print(f"{file}:{problem.line}: row rejected: column {problem.column}: {problem.message}", markup=False)
    if report.unmapped:
        console.print(f"note: columns not imported: {', '.join(report.unmapped)}", markup=False)
    if report.private:
        console.print(f"note: identifying data of {len(report.private)} testimonies "
                      + ("would go" if dry_run else "went") + " to the encrypted private store, not into the files", markup=False)
    summary = RichTable(title="Import" + (" (dry run: nothing written)" if dry_run else ""), title_justify="left")
    for name in ("created", "skipped (already imported)", "rejected"):
        summary.add_column(name, justify="right")
    summary.add_row(str(len(report.created)), str(len(report.skipped)), str(len(report.rejected_lines)))
    console.print(summary)
    if report.rejected:
        raise typer.Exit(ExitCode.FINDINGS)


@app.command("form")
@handle_errors
def form(
    output: Annotated[Path, typer.Option("--output", "-o", help="The XLSForm file to write (.xlsx).", dir_okay=False)],
    project: Annotated[Path | None, typer.Option("--project", "-p", help="The project whose vocabulary the form offers.", file_okay=False)] = None,
) -> None:
    """Write an XLSForm for KoboToolbox or ODK that matches the testimony format (consent first)."""
    from hrcli.catalog import load_catalog
    from hrcli.fsutil import write_new
    from hrcli.project import find_project, project_catalog_dir, resolve_project
    from hrcli.xlsform import form_bytes

    if output.suffix.lower() != ".xlsx":
        raise UserError(f"{output}: the form must be an .xlsx file")
    root = resolve_project(project) if project is not None else find_project()
    catalog = load_catalog(project_catalog_dir(root))
    write_new(output, form_bytes(catalog, root))
    typer.echo(output)
    stderr_console().print(
        "hint: upload it to KoboToolbox or ODK; export the data with 'XML values and headers' and "
        "'Include groups in headers' (separator /), then run `hrcli collect import EXPORT --preset kobo`",
        markup=False,
    )
