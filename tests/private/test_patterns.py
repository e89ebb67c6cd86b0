"""Phone numbers, e-mail and street addresses are found; what report text is full of is not."""

from __future__ import annotations

import pytest

from hrcli.private.patterns import email_addresses, phone_numbers, street_addresses

NOT_PHONES = [
    "upr-2020:26.125", "A/HRC/46/15", "para. 26.125", "CCPR/C/USA/CO/4 para. 22 (e)", "2024-03-01", "2021-2025",
    "$1,200", "$1,450.00", "43210", "43210-1234", "CV-2023-0142", "from 300-1200 dollars a month", "14,000 signatures",
    "upr-2010:92.179", "Ordinance 212-2023", "the 311 line", "call 555-2024", "in 1998", "A/HRC/WG.6/50/USA/2",
    "6145550112 rows", "version 1.2.3", "10:30-11:45",
]
PHONES = [
    "call 555-0142", "Call me, 555-0142.", "Call me at (614) 555-0112.", "614-555-0112", "614.555.0112",
    "+1 614 555 0112", "1-800-555-0199", "+502 5555 1234", "+44 20 7946 0958", "her cell is 6145550112",
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_not_a_phone_number(text):
    assert list(phone_numbers(text)) == []


@pytest.mark.parametrize("text", PHONES)
def test_a_phone_number(text):
    assert len(list(phone_numbers(text))) == 1


def test_email_addresses_and_the_public_contact():
    assert list(email_addresses("[@T-0007]; see [@upr-2020:26.125; @ccpr-2014:22(e)]")) == []
    assert list(email_addresses("write to Coalition@Example.org", {"coalition@example.org"})) == []
    assert list(email_addresses("or w.szostak-hale+rent@mail.example.co.uk.")) == [3]


@pytest.mark.parametrize(("text", "found"), [
    ("lived at 1412 Larkspur Ave", True), ("200 E. 42nd Street", True), ("18B W Mill Rd", True), ("at 2019 Oak Street", True),
    ("3 families on Main Street", False), ("In 2019 Oak Street flooded", False), ("since 2021 Larkspur Avenue", False),
    ("12 Families Evicted From Elm Street", False), ("Route 9", False), ("the 100 Block of Main St", False), ("on 5th Avenue", False),
])
def test_street_addresses(text, found):
    assert bool(list(street_addresses(text))) is found


def test_catalog_texts_hold_no_false_positives():
    """The UN's own texts are full of numbers: none of them looks like a phone, an e-mail or an address."""
    import json

    from hrcli.resources import catalog_dir

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    texts = [s for path in (catalog_dir() / "documents").glob("*.json") for s in strings(json.loads(path.read_text(encoding="utf-8")))]
    assert len(texts) > 5000
    found = [t[:80] for t in texts if list(phone_numbers(t)) or list(email_addresses(t)) or list(street_addresses(t))]
    assert found == []
