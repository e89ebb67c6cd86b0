"""Which testimony fields identify a person, and taking them out of testimony data."""

from __future__ import annotations

from typing import Any

from hrcli.private.store import PrivateRecord

# Testimony fields that identify the narrator; the name may stay in a publish-named testimony.
IDENTIFYING = ("name", "contact")
# Import columns that go straight into the store (they have no place in a testimony file).
PRIVATE_COLUMNS = ("private.name", "private.contact", "private.address", "private.notes")


def publish_named(data: dict[str, Any]) -> bool:
    consent = data.get("consent") or {}
    return str(consent.get("scope") or "") == "publish-named" and not consent.get("withdrawn")


def split_identifying(data: dict[str, Any], *, keep_public_name: bool = False,
                      extra: dict[str, str] | None = None) -> PrivateRecord | None:
    """Take narrator.name and narrator.contact out of testimony ``data`` (changed in place).

    Returns the record for the private store (with ``extra`` private fields such as an address
    added), or None when there is nothing identifying. The testimony then says
    ``narrator.private: true``. With ``keep_public_name``, the name of a publish-named narrator
    stays in the testimony (the narrator asked to be named).
    """
    moved: dict[str, Any] = {k.removeprefix("private."): v for k, v in (extra or {}).items() if v not in (None, "")}
    narrator = data.get("narrator")
    if isinstance(narrator, dict):
        for name in IDENTIFYING:
            value = narrator.get(name)
            if value in (None, ""):
                narrator.pop(name, None)
                continue
            if name == "name" and keep_public_name and publish_named(data):
                continue
            moved.setdefault(name, narrator.pop(name))
    if not moved:
        return None
    data.setdefault("narrator", {})["private"] = True
    return PrivateRecord.model_validate(moved)
