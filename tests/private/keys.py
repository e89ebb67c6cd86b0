"""Throwaway age keys for tests: generated per test, set in the environment, never written anywhere."""

from __future__ import annotations

import pytest

VARIABLES = ("HRCLI_PRIVATE_KEY", "HRCLI_PRIVATE_KEY_FILE", "HRCLI_PRIVATE_PASSPHRASE",
             "HRCLI_NEW_PRIVATE_KEY", "HRCLI_NEW_PRIVATE_KEY_FILE", "HRCLI_NEW_PRIVATE_PASSPHRASE")


def new_identity() -> str:
    from pyrage import x25519

    return str(x25519.Identity.generate())


def no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the developer's shell holds, the test starts without a key."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def use_new_key(monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh identity as HRCLI_PRIVATE_KEY; returns it."""
    no_key(monkeypatch)
    secret = new_identity()
    monkeypatch.setenv("HRCLI_PRIVATE_KEY", secret)
    return secret
