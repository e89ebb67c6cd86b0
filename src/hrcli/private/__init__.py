"""The private store: identifying data about narrators, encrypted at rest with age, out of git.

Testimony files keep the pseudonym and ``narrator.private: true``; names, contacts, exact
addresses, private notes and original files live in ``private/`` (see store.py for the layout),
encrypted with a key from the environment (keys.py). The CLI is `hrcli private`.

Public API:

- `key_from_env`, `require_key`, `generate_identity`, `Key` (keys.py)
- `PrivateStore`, `PrivateRecord`, `Identities` (store.py)
- `split_identifying` (fields.py): routing identifying fields of new testimony into a record
- `migrate_project` (migrate.py); `init_store`, `update_record`, `export_records`, `rotate_key`
  (operations.py); `records_for_report`, `configured_records` (lookup.py)
- `phone_numbers`, `email_addresses`, `street_addresses` (patterns.py)
"""

from __future__ import annotations

from hrcli.private.keys import Key, generate_identity, key_from_env, require_key
from hrcli.private.store import Identities, PrivateRecord, PrivateStore

__all__ = ["Identities", "Key", "PrivateRecord", "PrivateStore", "generate_identity", "key_from_env", "require_key"]
