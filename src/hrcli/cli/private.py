"""`hrcli private`: the encrypted store of identifying data (names, contacts, addresses, notes, files).

The key comes from the environment only: HRCLI_PRIVATE_KEY (an age identity from `hrcli private
keygen`), HRCLI_PRIVATE_KEY_FILE (a file outside the project holding one) or
HRCLI_PRIVATE_PASSPHRASE. It is never written into the project.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from hrcli.project import require_project
from hrcli.cli.errors import handle_errors, stderr_console
from hrcli.exceptions import UserError

app = typer.Typer(
    help="The private store: identifying data about narrators, encrypted with age, never in git. "
    "Key from HRCLI_PRIVATE_KEY (or HRCLI_PRIVATE_KEY_FILE, HRCLI_PRIVATE_PASSPHRASE).",
    no_args_is_help=True,
)

ProjectOption = Annotated[
    Path | None, typer.Option("--project", "-p", help="The project (default: the one around the current folder).", file_okay=False)
]


def _key(root: Path, why: str = "the private store"):  # noqa: ANN202 - keeps pydantic-free imports lazy
    from hrcli.private.keys import require_key

    return require_key(root, why)


def _say(message: str) -> None:
    stderr_console().print(message, markup=False)


@app.command("keygen")
@handle_errors
def keygen() -> None:
    """Print a new age identity (the secret key) on stdout; its public key goes to stderr.

    Save it straight into the coalition's password manager. hrcli never writes it anywhere.
    """
    from hrcli.private.keys import ENV_KEY, generate_identity

    secret, public = generate_identity()
    typer.echo(secret)
    _say(f"public key: {public}")
    _say(f"hint: save the line above in your password manager, never in the project; then `export {ENV_KEY}=...` "
         "in the shell where you run hrcli. Whoever loses it loses the store; whoever has it can read it.")


@app.command("init")
@handle_errors
def init(project: ProjectOption = None) -> None:
    """Create the (empty) private store, encrypted with the configured key."""
    from hrcli.private.operations import init_store
    from hrcli.private.store import PrivateStore

    root = require_project(project)
    store = PrivateStore(root)
    if init_store(root, _key(root, "creating the private store")):
        typer.echo(store.path)
    else:
        _say(f"{store.path} exists already, and the key opens it")


@app.command("status")
@handle_errors
def status(project: ProjectOption = None) -> None:
    """Say whether the store exists, whether a key is set and opens it, and how many records it holds."""
    from hrcli.private.keys import key_from_env
    from hrcli.private.store import PrivateStore

    root = require_project(project)
    store = PrivateStore(root)
    key = key_from_env(project=root)
    typer.echo(f"store: {store.relative} ({'exists' if store.exists() else 'not created yet'})")
    typer.echo(f"key: {key.source + ' (' + key.kind + ')' if key else 'not set'}")
    if key and store.exists():
        records = store.load(key).records
        files = sum(len(r.files) for r in records.values())
        typer.echo(f"records: {len(records)}, original files: {files}")


@app.command("show")
@handle_errors
def show(
    testimony_id: Annotated[str, typer.Argument(help="The testimony id, e.g. T-0007.")],
    project: ProjectOption = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Print one testimony's private record (decrypted) on stdout."""
    from hrcli.private.store import PrivateRecord, PrivateStore

    root = require_project(project)
    record = PrivateStore(root).record(_key(root), testimony_id)
    if output_format == "json":
        typer.echo(json.dumps({"id": testimony_id, **record.model_dump()}, ensure_ascii=False, indent=2))
        return
    if output_format != "text":
        raise UserError("--format must be text or json")
    typer.echo(f"id: {testimony_id}")
    for name in PrivateRecord.FIELDS:
        value = getattr(record, name)
        if value:
            typer.echo(f"{name}: {value}")
    for name in record.files:
        typer.echo(f"file: {name}")


def _edit_in_editor(text: str) -> str | None:
    """Open the text in $VISUAL/$EDITOR on a private temporary file; None if it was not changed.

    The file is created 0600 in memory-backed /dev/shm where there is one, and overwritten and
    removed afterwards, so the decrypted copy lives only while the editor runs.
    """
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UserError("no editor: set $EDITOR, or change fields with --set FIELD=VALUE")
    folder = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    handle, name = tempfile.mkstemp(prefix="hrcli-private-", suffix=".yaml", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        result = subprocess.run(f'{editor} "{name}"', shell=True, check=False)  # noqa: S602 - the user's own $EDITOR
        if result.returncode != 0:
            raise UserError(f"the editor exited with status {result.returncode}", hint="nothing was changed")
        edited = Path(name).read_text(encoding="utf-8")
        return None if edited == text else edited
    finally:
        path = Path(name)
        if path.exists():
            path.write_bytes(b"\0" * path.stat().st_size)
            path.unlink()


@app.command("edit")
@handle_errors
def edit(
    testimony_id: Annotated[str, typer.Argument(help="The testimony id, e.g. T-0007.")],
    project: ProjectOption = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="FIELD=VALUE (name, contact, address, notes); repeatable.")] = None,
    unset: Annotated[list[str] | None, typer.Option("--unset", help="Remove a field; repeatable.")] = None,
    add_file: Annotated[list[Path] | None, typer.Option("--add-file", help="Encrypt an original file (audio, scan) into the store; repeatable.", dir_okay=False)] = None,
) -> None:
    """Change a testimony's private record: in $EDITOR (a decrypted temporary copy), or with flags for scripts.

    The testimony file gets `narrator.private: true`. Nothing is written unless the new store
    was encrypted and read back.
    """
    from hrcli.private.operations import parse_assignments, parse_record_text, record_text, update_record
    from hrcli.private.store import PrivateRecord, PrivateStore

    root = require_project(project)
    key = _key(root)
    if set_ or unset or add_file:
        result = update_record(root, key, testimony_id, values=parse_assignments(set_ or []), unset=unset or [], add_files=add_file or [])
    else:
        current = PrivateStore(root).load(key).records.get(testimony_id, PrivateRecord())
        edited = _edit_in_editor(record_text(testimony_id, current))
        if edited is None:
            _say("no change")
            return
        result = update_record(root, key, testimony_id, replace=parse_record_text(edited, current.files))
    _say(f"{testimony_id}: private record saved ({', '.join(n for n in PrivateRecord.FIELDS if getattr(result.record, n)) or 'empty'}"
         + (f"; {len(result.record.files)} files" if result.record.files else "") + ")")
    if result.marked is not None:
        typer.echo(result.marked)
    if result.note:
        _say(f"note: {result.note}")
    for source in add_file or []:
        _say(f"note: {source} was encrypted into the store; the original is still where it was: delete it once you no longer need it")


@app.command("export")
@handle_errors
def export(
    output: Annotated[Path, typer.Argument(help="The file to write (.csv or .json); never inside the project or a git work tree.", dir_okay=False)],
    project: ProjectOption = None,
    output_format: Annotated[str | None, typer.Option("--format", "-f", help="csv or json (default: from the file name).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Write even inside the project or a git work tree.")] = False,
) -> None:
    """Write every record, decrypted, to a file for the coalition's own records (readable by you only)."""
    from hrcli.private.operations import export_records

    root = require_project(project)
    count = export_records(root, _key(root), output, output_format, force=force)
    typer.echo(output)
    _say(f"{count} records exported, decrypted: keep {output} safe and delete it when done")


@app.command("rotate-key")
@handle_errors
def rotate_key(
    project: ProjectOption = None,
    generate: Annotated[bool, typer.Option("--generate", help="Make a new age identity and print it on stdout.")] = False,
    keep_backup: Annotated[bool, typer.Option("--keep-backup", help="Keep the copy of the old files (private/backup-*).")] = False,
) -> None:
    """Re-encrypt the store with a new key: HRCLI_NEW_PRIVATE_KEY (or _KEY_FILE, _PASSPHRASE), or --generate.

    The current key (HRCLI_PRIVATE_KEY, ...) must open every file first; the old files are backed up
    until every new one reads back.
    """
    from hrcli.private.keys import NEW_PREFIX, Key, generate_identity, key_from_env
    from hrcli.private.operations import rotate_key as rotate

    root = require_project(project)
    old = _key(root, "rotating the key")
    new = key_from_env(prefix=NEW_PREFIX, project=root)
    secret = None
    if generate:
        if new is not None:
            raise UserError("--generate and HRCLI_NEW_PRIVATE_* are both given", hint="use one of them")
        secret, public = generate_identity()
        new = Key("identity", "the generated key", secret)
    if new is None:
        raise UserError("no new key: set HRCLI_NEW_PRIVATE_KEY (or HRCLI_NEW_PRIVATE_PASSPHRASE), or pass --generate")
    if secret is not None:
        # The new key is shown before anything is re-encrypted, and the old files are kept: if
        # stdout is lost, the store can still be opened with the old key from the backup.
        typer.echo(secret)
        sys.stdout.flush()
        _say(f"public key: {public}")
        _say("hint: the line on stdout is the new key: save it in your password manager now")
        keep_backup = True
    result = rotate(root, old, new, keep_backup=keep_backup)
    _say(f"re-encrypted {len(result.files)} files" + (f"; the old ones are in {result.backup}" if result.backup else ""))


@app.command("migrate")
@handle_errors
def migrate(
    project: ProjectOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would move; change nothing.")] = False,
    all_names: Annotated[bool, typer.Option("--all-names", help="Move publish-named narrators' names too (compile then needs the key).")] = False,
) -> None:
    """Move narrator names and contacts out of testimony files into the store, keeping comments and layout.

    Names of publish-named narrators stay (they asked to be named), unless --all-names.
    """
    from hrcli.private.keys import key_from_env
    from hrcli.private.migrate import migrate_project

    root = require_project(project)
    key = None if dry_run else key_from_env(project=root)
    report = migrate_project(root, key, move_public_names=all_names, dry_run=dry_run)
    for planned in report.changed:
        moved = "; ".join(f"{tid}: {', '.join(fields)}" for tid, fields in planned.moved)
        if dry_run:
            _say(f"would move out of {planned.relative}: {moved}")
        else:
            typer.echo(planned.path)
    for relative, why in report.skipped:
        _say(f"skipped {relative}: {why}")
    verb = "would move" if dry_run else "moved"
    _say(f"{verb} identifying fields of {sum(len(p.records) for p in report.changed)} testimonies "
         f"out of {len(report.changed)} files" + ("" if dry_run or not report.changed else " into private/identities.age"))
    if report.skipped:
        raise typer.Exit(1)
