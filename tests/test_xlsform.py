"""The XLSForm of `hrcli collect form`: valid for pyxform/ODK, consent first, vocabulary complete,
export headers that the kobo preset maps, deterministic bytes."""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from hrcli.catalog import load_catalog
from hrcli.catalog.store import Catalog
from hrcli.collect import ENUM_COLUMNS, kobo_mapping, resolve_labels, slug
from hrcli.models.flat import COLUMNS, parse_bool
from hrcli.models.testimony import CollectionMethod, ConsentMethod, ConsentScope, Kind
from hrcli.xlsform import form_bytes

GROUP_TYPES = {"begin_group", "begin group", "end_group", "end group"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def form(catalog: Catalog) -> bytes:
    return form_bytes(catalog, None)


def sheet_rows(data: bytes, name: str) -> list[dict[str, str]]:
    """A sheet's rows as dicts by header, empty cells as ""."""
    sheet = load_workbook(io.BytesIO(data))[name]
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [{h: ("" if v is None else str(v)) for h, v in zip(header, row)} for row in rows[1:]]


def export_headers(data: bytes) -> list[str]:
    """The `group/question` headers a KoboToolbox export of the form has (notes hold no data)."""
    groups: list[str] = []
    headers = []
    for row in sheet_rows(data, "survey"):
        kind = row["type"]
        if kind in ("begin_group", "begin group"):
            groups.append(row["name"])
        elif kind in ("end_group", "end group"):
            groups.pop()
        elif kind != "note":
            headers.append("/".join([*groups, row["name"]]))
    return headers


def choices_of(data: bytes, list_name: str) -> dict[str, str]:
    rows = sheet_rows(data, "choices")
    return {r["name"]: r["label"] for r in rows if r["list_name"] == list_name}


def test_form_converts_with_pyxform_without_warnings(form: bytes, tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    path.write_bytes(form)
    warnings: list[str] = []
    result = convert(str(path), warnings=warnings)
    assert warnings == []
    survey = result._pyxform
    assert survey is not None
    assert (survey["id_string"], survey["title"], survey["default_language"]) == (
        "hrcli_testimony", "Human rights testimony", "English (en)",
    )
    assert survey["version"].startswith(__import__("hrcli").__version__ + "-")
    assert '<data id="hrcli_testimony"' in result.xform
    # Nested nodes as the export headers will name them.
    assert "<consent><scope/>" in result.xform and "<collected><on/><by/>" in result.xform


@pytest.mark.skipif(shutil.which("java") is None, reason="ODK Validate needs Java")
def test_form_passes_odk_validate(form: bytes) -> None:
    """ODK Validate (bundled with pyxform) runs the XForm through JavaRosa, as ODK Collect would."""
    warnings: list[str] = []
    convert(form, warnings=warnings, validate=True, file_type=".xlsx")
    assert warnings == []


def test_consent_comes_before_every_other_question(form: bytes) -> None:
    rows = sheet_rows(form, "survey")
    assert (rows[0]["type"], rows[0]["name"]) == ("begin_group", "consent")
    end = next(i for i, r in enumerate(rows) if r["type"] == "end_group" and r["name"] == "consent")
    consent_questions = [r["name"] for r in rows[1:end] if r["type"] != "note"]
    assert consent_questions == ["scope", "un_submission", "obtained", "method"]
    assert rows[1]["required"] == "yes"


def test_internal_scope_still_saves_and_name_needs_named_consent(form: bytes) -> None:
    """Nothing required hinges on publishing; the real name is asked only with publish-named."""
    rows = {(r["type"], r["name"]): r for r in sheet_rows(form, "survey")}
    un = rows[("select_one yes_no", "un_submission")]
    assert un["relevant"] == "${scope} != 'internal'"  # hidden (so not required) when internal
    name = rows[("text", "name")]
    assert name["relevant"] == "${scope} = 'publish_named'"
    assert "sensitive" in name["label"] and "sensitive" in rows[("text", "contact")]["label"]
    for row in rows.values():
        assert "internal" not in row["constraint"]


def test_export_headers_map_to_the_flat_columns(form: bytes) -> None:
    headers = export_headers(form)
    mapping = kobo_mapping(headers)
    assert mapping.columns == {
        "consent/scope": "consent.scope",
        "consent/un_submission": "consent.un_submission",
        "consent/obtained": "consent.obtained",
        "consent/method": "consent.method",
        "collected/on": "collected.on",
        "collected/by": "collected.by",
        "collected/method": "collected.method",
        "narrator/pseudonym": "narrator.pseudonym",
        "narrator/name": "narrator.name",
        "narrator/contact": "narrator.contact",
        "narrator/groups": "narrator.groups",
        "location/area": "location.area",
        "title": "title",
        "kind": "kind",
        "date": "date",
        "summary": "summary",
        "quote/text": "quote.text",
        "quote/language": "quote.language",
        "quote/translation": "quote.translation",
        "themes": "themes",
        "recommendations": "recommendations",
        "agencies": "agencies",
    }


def test_choices_cover_every_theme_and_group_by_slug(form: bytes, catalog: Catalog) -> None:
    vocabulary = catalog.vocabulary
    for list_name, table in (("themes", vocabulary.themes), ("groups", vocabulary.groups)):
        rows = [r for r in sheet_rows(form, "choices") if r["list_name"] == list_name]
        names = [r["name"] for r in rows]
        assert len(names) == len(set(names)), f"duplicate choice names in {list_name}"
        assert {r["label"] for r in rows} == set(table.labels)
        for row in rows:
            assert row["name"] == slug(row["label"])
            # The importer resolves the choice name back to the label.
            assert resolve_labels(table, [row["name"]], list_name) == [row["label"]]


def test_choice_names_never_pass_for_columns(form: bytes) -> None:
    """Exports may have one 0/1 column per choice (`themes/<choice>`); none must map to a field."""
    for list_name, question in (("themes", "themes"), ("groups", "narrator/groups")):
        for name in choices_of(form, list_name):
            assert name not in COLUMNS
            assert kobo_mapping([f"{question}/{name}"]).columns == {}


@pytest.mark.parametrize(
    ("list_name", "column", "enum"),
    [
        ("kind", "kind", Kind),
        ("collection_method", "collected.method", CollectionMethod),
        ("consent_scope", "consent.scope", ConsentScope),
        ("consent_method", "consent.method", ConsentMethod),
    ],
)
def test_enum_choices_come_back_as_enum_values(
    form: bytes, list_name: str, column: str, enum: type
) -> None:
    names = choices_of(form, list_name)
    assert column in ENUM_COLUMNS
    assert all("-" not in name for name in names)
    values = sorted(member.value for member in enum)
    assert sorted(name.replace("_", "-") for name in names) == values


def test_yes_no_choices_are_booleans_for_the_importer(form: bytes) -> None:
    names = choices_of(form, "yes_no")
    assert {name: parse_bool(name) for name in names} == {"yes": True, "no": False}


def test_form_bytes_are_deterministic(
    catalog: Catalog, form: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert form_bytes(catalog, None) == form
    # Later in time: zip entry dates and document properties must not follow the clock.
    later = time.time() + 3 * 86400
    monkeypatch.setattr(time, "time", lambda: later)
    assert form_bytes(catalog, None) == form


def test_title_comes_from_the_project_and_stays_text(catalog: Catalog, tmp_path: Path) -> None:
    (tmp_path / "hrcli.yaml").write_text('title: "=Housing in Riverton"\n', encoding="utf-8")
    data = form_bytes(catalog, tmp_path)
    settings = sheet_rows(data, "settings")
    assert settings[0]["form_title"] == "=Housing in Riverton: testimony"
    cell = load_workbook(io.BytesIO(data))["settings"]["A2"]
    assert cell.data_type == "s"  # not a formula
    assert convert(data, file_type=".xlsx")._pyxform["title"] == "=Housing in Riverton: testimony"
    # Another title, another version: ODK Central needs a new version for a changed form.
    assert settings[0]["version"] != sheet_rows(form_bytes(catalog, None), "settings")[0]["version"]
