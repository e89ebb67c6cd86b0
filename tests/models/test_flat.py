"""Flat CSV columns to nested testimony data."""

from __future__ import annotations

from hrcli.models.flat import COLUMNS, row_to_data
from hrcli.models import testimony as testimony_model


def row(**cells: str) -> dict[str, str]:
    return {column.replace("__", "."): value for column, value in cells.items()}


def test_a_csv_row_can_say_its_narrator_is_in_the_private_store():
    data = row_to_data(row(
        id="T-0001", title="Locked out", kind="problem", date="2024-02-03", collected__on="2024-03-01",
        collected__method="interview",
        narrator__pseudonym="Resident A", narrator__private="yes", consent__scope="publish-anonymous",
        consent__obtained="2024-03-01", summary="The landlord changed the locks.",
    ))
    assert "narrator.private" in COLUMNS
    assert data["narrator"] == {"pseudonym": "Resident A", "private": True}
    assert testimony_model.Testimony.model_validate(data).narrator.private is True


def test_lists_booleans_and_one_quote_per_row():
    data = row_to_data(row(themes="housing; Right to health", consent__un_submission="no", quote__text="We slept in the car.",
                           evidence="https://example.org/a; photos/b.jpg", narrator__private=""))
    assert data["themes"] == ["housing", "Right to health"]
    assert data["consent"] == {"un_submission": False}
    assert data["quotes"] == [{"text": "We slept in the car."}]
    assert data["evidence"] == [{"url": "https://example.org/a"}, {"path": "photos/b.jpg"}]
    assert "narrator" not in data  # empty cells are left out
