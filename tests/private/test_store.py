"""The private store: encrypted at rest, unreadable without the key, and a wrong key loses nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hrcli.exceptions import NotFoundError, UserError
from hrcli.private import PrivateRecord, PrivateStore, key_from_env
from hrcli.private.keys import Key, generate_identity
from hrcli.private.store import is_age_file
from tests.private.keys import new_identity, no_key, use_new_key

SECRET_VALUES = ("Quentin Aldergrove", "555-0142", "1412 Larkspur Ave", "prefers evenings")


def filled_with_recording(root: Path, monkeypatch) -> tuple[Key, PrivateStore]:
    """A store under the current key with T-0007's identity and a recording, before a key rotation."""
    use_new_key(monkeypatch)
    old = key_from_env()
    store = filled(root, old)
    recording = root / "a.wav"
    recording.write_bytes(b"audio")
    store.add_file(old, "T-0007", recording)
    return old, store


def filled(root: Path, key: Key) -> PrivateStore:
    store = PrivateStore(root)
    identities = store.load(key)
    identities.records["T-0007"] = PrivateRecord(name=SECRET_VALUES[0], contact=SECRET_VALUES[1],
                                                 address=SECRET_VALUES[2], notes=SECRET_VALUES[3])
    store.save(identities, key)
    return store


def test_the_store_is_encrypted_and_reads_back(tmp_path, monkeypatch):
    use_new_key(monkeypatch)
    key = key_from_env()
    store = filled(tmp_path, key)
    data = store.path.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    assert not any(value.encode() in data for value in SECRET_VALUES)
    assert store.path.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert (tmp_path / "private" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert store.load(key).records["T-0007"].name == SECRET_VALUES[0]


def test_without_a_key_nothing_reads_the_store(tmp_path, monkeypatch):
    from hrcli.private.keys import require_key

    use_new_key(monkeypatch)
    filled(tmp_path, key_from_env())
    no_key(monkeypatch)
    assert key_from_env() is None
    with pytest.raises(UserError, match="needs a key") as raised:
        require_key(tmp_path)
    assert "hrcli private keygen" in (raised.value.hint or "")


def test_a_wrong_key_is_a_clear_error_and_changes_nothing(tmp_path, monkeypatch):
    from hrcli.private.operations import update_record

    use_new_key(monkeypatch)
    store = filled(tmp_path, key_from_env())
    (tmp_path / "hrcli.yaml").write_text("title: x\n")
    (tmp_path / "testimony").mkdir()
    (tmp_path / "testimony" / "T-0007.yaml").write_text("id: T-0007\n# a comment\n")
    before = store.path.read_bytes()
    wrong = Key("identity", "HRCLI_PRIVATE_KEY", new_identity())
    with pytest.raises(UserError, match="does not open private/identities.age: wrong key") as raised:
        store.load(wrong)
    assert "nothing was changed" in (raised.value.hint or "")
    with pytest.raises(UserError, match="wrong key"):
        update_record(tmp_path, wrong, "T-0007", values={"name": "Someone Else"})
    assert store.path.read_bytes() == before
    assert (tmp_path / "testimony" / "T-0007.yaml").read_text() == "id: T-0007\n# a comment\n"
    assert sorted(p.name for p in store.folder.iterdir()) == [".gitignore", "README.txt", "identities.age"]  # no temporary left


def test_a_passphrase_store_tells_an_age_key_apart(tmp_path):
    passphrase = Key("passphrase", "HRCLI_PRIVATE_PASSPHRASE", "correct horse battery staple")
    store = filled(tmp_path, passphrase)
    assert store.load(passphrase).records["T-0007"].contact == SECRET_VALUES[1]
    with pytest.raises(UserError, match="encrypted with a passphrase") as raised:
        store.load(Key("identity", "HRCLI_PRIVATE_KEY", new_identity()))
    assert "HRCLI_PRIVATE_PASSPHRASE" in (raised.value.hint or "")


def test_a_store_changed_since_it_was_read_is_not_overwritten(tmp_path, monkeypatch):
    use_new_key(monkeypatch)
    key = key_from_env()
    store = filled(tmp_path, key)
    first = store.load(key)
    second = store.load(key)
    second.records["T-0008"] = PrivateRecord(name="Other Person")
    store.save(second, key)
    first.records["T-0009"] = PrivateRecord(name="Third Person")
    with pytest.raises(UserError, match="changed since hrcli read it"):
        store.save(first, key)
    assert set(store.load(key).records) == {"T-0007", "T-0008"}


def test_original_files_are_encrypted_one_by_one(tmp_path, monkeypatch):
    use_new_key(monkeypatch)
    key = key_from_env()
    store = PrivateStore(tmp_path)
    recording = tmp_path / "interview.m4a"
    recording.write_bytes(b"RIFF fake audio of Quentin Aldergrove")
    first = store.add_file(key, "T-0007", recording)
    second = store.add_file(key, "T-0007", recording)
    assert (first, second) == ("interview.m4a", "interview-2.m4a")
    stored = store.file_path("T-0007", first)
    assert is_age_file(stored) and b"Aldergrove" not in stored.read_bytes()
    assert store.read_file(key, "T-0007", first) == recording.read_bytes()
    with pytest.raises(NotFoundError):
        store.read_file(key, "T-0007", "nope.pdf")


def test_keys_come_from_the_environment_only(tmp_path):
    secret, public = generate_identity()
    assert secret.startswith("AGE-SECRET-KEY-1") and public.startswith("age1")
    assert key_from_env({"HRCLI_PRIVATE_KEY": secret + "\n"}).recipient == public
    with pytest.raises(UserError, match="both set"):
        key_from_env({"HRCLI_PRIVATE_KEY": secret, "HRCLI_PRIVATE_PASSPHRASE": "x"})
    with pytest.raises(UserError, match="is not an age identity") as raised:
        key_from_env({"HRCLI_PRIVATE_KEY": "hunter2"})
    assert "hunter2" not in str(raised.value) + str(raised.value.hint)
    key_file = tmp_path / "outside" / "key.txt"
    key_file.parent.mkdir()
    key_file.write_text(f"# created: today\n# public key: {public}\n{secret}\n")
    assert key_from_env({"HRCLI_PRIVATE_KEY_FILE": str(key_file)}).recipient == public
    project = tmp_path / "project"
    (project / "keys").mkdir(parents=True)
    inside = project / "keys" / "coalition.key"
    inside.write_text(secret)
    with pytest.raises(UserError, match="inside the project"):
        key_from_env({"HRCLI_PRIVATE_KEY_FILE": str(inside)}, project=project)


def test_rotation_re_encrypts_everything_and_keeps_nothing_of_the_old_key(tmp_path, monkeypatch):
    from hrcli.private.operations import rotate_key

    old, store = filled_with_recording(tmp_path, monkeypatch)
    new = Key("identity", "HRCLI_NEW_PRIVATE_KEY", new_identity())
    result = rotate_key(tmp_path, old, new)
    assert len(result.files) == 2 and result.backup is None
    assert store.load(new).records["T-0007"].name == SECRET_VALUES[0]
    assert store.read_file(new, "T-0007", "a.wav") == b"audio"
    with pytest.raises(UserError, match="wrong key"):
        store.load(old)
    assert not list(store.folder.glob("backup-*"))


def test_rotation_that_fails_halfway_puts_the_old_files_back(tmp_path, monkeypatch):
    from hrcli.private import operations

    old, store = filled_with_recording(tmp_path, monkeypatch)
    before = {p: p.read_bytes() for p in store.encrypted_files()}
    calls = []
    real_write = operations.atomic_write

    def failing_write(path, data, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        real_write(path, data, **kwargs)

    monkeypatch.setattr(operations, "atomic_write", failing_write)
    with pytest.raises(OSError, match="disk full"):
        operations.rotate_key(tmp_path, old, Key("identity", "HRCLI_NEW_PRIVATE_KEY", new_identity()))
    assert {p: p.read_bytes() for p in store.encrypted_files()} == before
    assert store.load(old).records["T-0007"].notes == SECRET_VALUES[3]


def test_rotation_with_a_wrong_current_key_touches_nothing(tmp_path, monkeypatch):
    from hrcli.private.operations import rotate_key

    use_new_key(monkeypatch)
    store = filled(tmp_path, key_from_env())
    before = store.path.read_bytes()
    with pytest.raises(UserError, match="wrong key"):
        rotate_key(tmp_path, Key("identity", "HRCLI_PRIVATE_KEY", new_identity()), Key("identity", "new", new_identity()))
    assert store.path.read_bytes() == before and not list(store.folder.glob("backup-*"))


def test_records_that_are_not_hrcli_records_are_refused(tmp_path, monkeypatch):
    use_new_key(monkeypatch)
    key = key_from_env()
    store = PrivateStore(tmp_path)
    store.prepare()
    store.path.write_bytes(key.encrypt(json.dumps({"something": "else"}).encode()))
    with pytest.raises(UserError, match="does not hold hrcli records"):
        store.load(key)
