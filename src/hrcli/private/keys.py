"""The key of the private store: an age identity or a passphrase, from the environment only.

Why the environment: a key must never sit in the project (or in git). The coalition keeps it in a
password manager and hands it to hrcli as ``HRCLI_PRIVATE_KEY`` (an age identity,
``AGE-SECRET-KEY-1...``, as `hrcli private keygen` prints it), ``HRCLI_PRIVATE_KEY_FILE`` (a file
outside the project holding such an identity, e.g. one made by ``age-keygen``) or
``HRCLI_PRIVATE_PASSPHRASE``. Messages name the variable, never its value.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hrcli.exceptions import UserError

ENV_KEY = "HRCLI_PRIVATE_KEY"
ENV_KEY_FILE = "HRCLI_PRIVATE_KEY_FILE"
ENV_PASSPHRASE = "HRCLI_PRIVATE_PASSPHRASE"
# The new key of `hrcli private rotate-key`.
NEW_PREFIX = "HRCLI_NEW_"

IDENTITY_PREFIX = "AGE-SECRET-KEY-1"
AGE_MAGIC = b"age-encryption.org/v1\n"
KEY_HINT = (
    "create a key with `hrcli private keygen`, keep it in the coalition's password manager (never in "
    f"the project) and set {ENV_KEY} to it; or set {ENV_PASSPHRASE}"
)


def _names(prefix: str) -> tuple[str, str, str]:
    return tuple(name.replace("HRCLI_", prefix, 1) for name in (ENV_KEY, ENV_KEY_FILE, ENV_PASSPHRASE))  # type: ignore[return-value]


@dataclass(frozen=True)
class Key:
    """A way to encrypt and decrypt the store. ``kind`` is 'identity' or 'passphrase'."""

    kind: str
    source: str  # the environment variable it came from, for messages
    secret: str = field(repr=False)

    def _identity(self):  # noqa: ANN202 - pyrage types
        from pyrage import IdentityError, x25519

        try:
            return x25519.Identity.from_str(self.secret)
        except IdentityError:
            raise UserError(f"{self.source} is not a valid age identity",
                            hint=f"an identity starts with {IDENTITY_PREFIX}; make one with `hrcli private keygen`") from None

    @property
    def recipient(self) -> str | None:
        """The public key (age1...) of an identity; None for a passphrase."""
        return str(self._identity().to_public()) if self.kind == "identity" else None

    def encrypt(self, data: bytes) -> bytes:
        import pyrage

        if self.kind == "identity":
            return pyrage.encrypt(data, [self._identity().to_public()])
        return pyrage.passphrase.encrypt(data, self.secret)

    def decrypt(self, data: bytes, what: str) -> bytes:
        """Plain bytes of an age file; a clear UserError (naming ``what``, never a value) if this key does not open it."""
        import pyrage

        if not data.startswith(AGE_MAGIC):
            raise UserError(f"{what} is not an age-encrypted file", hint="it may be damaged; restore it from a backup")
        try:
            if self.kind == "identity":
                return pyrage.decrypt(data, [self._identity()])
            return pyrage.passphrase.decrypt(data, self.secret)
        except pyrage.DecryptError:
            pass
        stored = encrypted_with(data)
        if stored == "passphrase" and self.kind == "identity":
            raise UserError(f"{what} is encrypted with a passphrase, and {self.source} holds an age key",
                            hint=f"set {ENV_PASSPHRASE} instead (nothing was changed)")
        if stored == "identity" and self.kind == "passphrase":
            raise UserError(f"{what} is encrypted with an age key, and {self.source} holds a passphrase",
                            hint=f"set {ENV_KEY} to the key instead (nothing was changed)")
        raise UserError(f"{self.source} does not open {what}: wrong key or passphrase",
                        hint="nothing was changed; use the key the store was made with (`hrcli private rotate-key` changes it)")


def encrypted_with(data: bytes) -> str | None:
    """'identity' or 'passphrase', from an age file's header stanzas."""
    header = data[:2048].split(b"\n---", 1)[0]
    if b"\n-> scrypt " in header:
        return "passphrase"
    if b"\n-> X25519 " in header:
        return "identity"
    return None


def _identity_from_file(path: Path, variable: str) -> str:
    try:
        text = path.expanduser().read_text(encoding="utf-8")
    except OSError as error:
        raise UserError(f"{variable}: cannot read the key file: {error.strerror}") from None
    for line in text.splitlines():
        if line.strip().startswith(IDENTITY_PREFIX):
            return line.strip()
    raise UserError(f"{variable}: the file holds no age identity ({IDENTITY_PREFIX}...)")


def key_from_env(environ: Mapping[str, str] | None = None, *, prefix: str = "HRCLI_", project: Path | None = None) -> Key | None:
    """The key the environment gives, or None. More than one of the variables is an error.

    With ``project``, a key file inside the project folder is refused: a key never sits beside the data.
    """
    env = os.environ if environ is None else environ
    key_name, file_name, pass_name = _names(prefix)
    given = [name for name in (key_name, file_name, pass_name) if env.get(name, "").strip()]
    if len(given) > 1:
        raise UserError(f"{' and '.join(given)} are both set", hint="set only one of them")
    if not given:
        return None
    name = given[0]
    if name == pass_name:
        return Key("passphrase", name, env[name])
    if name == file_name:
        path = Path(env[name].strip())
        if project is not None and path.expanduser().resolve().is_relative_to(project.resolve()):
            raise UserError(f"{name} points at a file inside the project",
                            hint="keep the key outside the project folder, e.g. in a password manager")
        return Key("identity", name, _identity_from_file(path, name))
    secret = env[name].strip()
    if not secret.upper().startswith(IDENTITY_PREFIX):
        raise UserError(f"{name} is not an age identity", hint=f"an identity starts with {IDENTITY_PREFIX}; make one with `hrcli private keygen`")
    key = Key("identity", name, secret.upper())
    key._identity()  # validate now, with a clear message
    return key


def require_key(project: Path | None = None, why: str = "the private store") -> Key:
    """The configured key, or a UserError telling how to set one."""
    key = key_from_env(project=project)
    if key is None:
        raise UserError(f"{why} needs a key, and none is set ({ENV_KEY}, {ENV_KEY_FILE} or {ENV_PASSPHRASE})", hint=KEY_HINT)
    return key


def generate_identity() -> tuple[str, str]:
    """A new age identity: (secret AGE-SECRET-KEY-1..., public age1...)."""
    from pyrage import x25519

    identity = x25519.Identity.generate()
    return str(identity), str(identity.to_public())
