"""How `suggest` weighs the themes a statement points to (reading it: tests/catalog/test_reading.py)."""

from __future__ import annotations

import pytest

from hrcli.catalog import load_catalog
from hrcli.suggest import Suggester


@pytest.fixture(scope="module")
def suggester():
    return Suggester(load_catalog())


def test_more_words_more_weight(suggester):
    once = suggester.query_themes("the landlord came by")["Right to adequate housing"]
    twice = suggester.query_themes("the landlord came by with an eviction notice")["Right to adequate housing"]
    assert 0 < once < twice < 1
