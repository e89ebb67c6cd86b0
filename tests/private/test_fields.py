"""Routing identifying fields of new testimony into a private record."""

from __future__ import annotations

from hrcli.collect import kobo_mapping
from hrcli.private.fields import split_identifying


def test_identifying_fields_leave_the_testimony_data():
    data = {"narrator": {"pseudonym": "A", "name": "Maria Lopez", "contact": "555-0100"}, "consent": {"scope": "internal"}}
    record = split_identifying(data, extra={"private.address": "1 Main St", "private.notes": ""})
    assert data["narrator"] == {"pseudonym": "A", "private": True}
    assert (record.name, record.contact, record.address, record.notes) == ("Maria Lopez", "555-0100", "1 Main St", None)


def test_a_publish_named_name_stays_only_when_asked():
    named = {"narrator": {"name": "Maria Lopez"}, "consent": {"scope": "publish-named"}}
    assert split_identifying(named, keep_public_name=True) is None and named["narrator"] == {"name": "Maria Lopez"}
    withdrawn = {"narrator": {"name": "Maria Lopez"}, "consent": {"scope": "publish-named", "withdrawn": "2025-01-01"}}
    assert split_identifying(withdrawn, keep_public_name=True).name == "Maria Lopez"
    assert split_identifying({"narrator": {"pseudonym": "A", "name": ""}}) is None


def test_the_kobo_preset_maps_private_columns():
    mapping = kobo_mapping(["narrator/name", "narrator/contact", "private/address", "private/notes", "_uuid"])
    assert mapping.columns == {"narrator/name": "narrator.name", "narrator/contact": "narrator.contact",
                               "private/address": "private.address", "private/notes": "private.notes"}
