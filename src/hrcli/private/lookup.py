"""Reading the private store for `check` and `compile`, only where it is needed or offered.

`compile` needs the store only for publish-named narrators whose name lives there
(``narrator.private: true`` and no ``narrator.name`` in the testimony file), and only if the report
shows them. Everything else compiles without a key. When a key is configured anyway, `check` and
`compile` also read the store to look for its names, contacts and addresses in the text (HR302
and compile's leak guard): without the key they cannot know those values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from hrcli.exceptions import UserError
from hrcli.models.enums import ConsentScope
from hrcli.models.testimony import Testimony
from hrcli.private.keys import KEY_HINT, Key, key_from_env
from hrcli.private.store import PrivateRecord, PrivateStore

# compile checks the project (reading the store once) and then names narrators (reading it again):
# remember the last decryption, keyed by the file's identity and the key, so a passphrase's slow
# key derivation runs once. Held in this process only.
_last: tuple[tuple[object, ...], dict[str, PrivateRecord]] | None = None


def _records(store: PrivateStore, key: Key) -> dict[str, PrivateRecord]:
    global _last
    stat = store.path.stat()
    marker = (str(store.path.resolve()), stat.st_mtime_ns, stat.st_size, key.kind, hash(key.secret))
    if _last is None or _last[0] != marker:
        _last = (marker, store.load(key).records)
    return dict(_last[1])


def needs_store(testimony: Testimony) -> bool:
    """A publish-named narrator whose name is in the private store, not in the file."""
    return (testimony.consent.effective_scope is ConsentScope.PUBLISH_NAMED and testimony.narrator.private
            and not testimony.narrator.name)


def configured_records(root: Path) -> dict[str, PrivateRecord] | None:
    """The records, if a key is configured and a store exists; None otherwise. A wrong key is an error."""
    key = key_from_env(project=root)
    store = PrivateStore(root)
    if key is None or not store.exists():
        return None
    return _records(store, key)


def records_for_report(root: Path, testimonies: Iterable[Testimony], shown: Callable[[Testimony], bool]) -> dict[str, PrivateRecord] | None:
    """The records compile uses: required (with a clear error) when a shown testimony needs them."""
    needed = sorted(t.id for t in testimonies if needs_store(t) and shown(t))
    if not needed:
        return configured_records(root)
    who = ", ".join(needed[:5]) + (f" and {len(needed) - 5} more" if len(needed) > 5 else "")
    key = key_from_env(project=root)
    if key is None:
        raise UserError(f"{who}: publish-named, and the name is in the private store; naming them needs its key", hint=KEY_HINT)
    store = PrivateStore(root)
    if not store.exists():
        raise UserError(f"{who}: publish-named, and the name should be in the private store, but there is none (private/identities.age)",
                        hint="restore the store from the coalition's backup, or write the name into the testimony file")
    return _records(store, key)
