"""bar_chart(): a PNG, deterministic, sized, and untouched by hostile labels."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
import typst

from hrcli.render import charts
from hrcli.render.charts import bar_chart
from tests.render.pdftext import pdf_pages

HOSTILE = [
    ('")) #panic("label") //', 3),
    ('#import "x.typ": * $x^2$ <b>bold</b>', 5),
    ("] [ } { \\ \\u{1F600} *strong* _em_ `raw` @ref <label>", 2),
    ("{{ 7*7 }} {% if %} ... -1 -- ~ 'q' \"qq\"", 8),
    ("line\nbreak\tand\x00nul\ud800", 1),
]


def _chunks(png: bytes) -> dict[bytes, bytes]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks: dict[bytes, bytes] = {}
    position = 8
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind, data = png[position + 4 : position + 8], png[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", png[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + data), f"bad CRC in {kind!r}"
        chunks.setdefault(kind, data)
        position += 12 + length
    return chunks


def test_png_with_its_physical_size(tmp_path: Path) -> None:
    output = bar_chart(
        "Testimonies by theme", [("Water", 12), ("Housing", 7)], tmp_path / "chart.png"
    )
    chunks = _chunks(output.read_bytes())
    assert next(iter(chunks)) == b"IHDR" and b"IDAT" in chunks and b"IEND" in chunks
    width, _height = struct.unpack(">II", chunks[b"IHDR"][:8])
    assert width == round(16 / 2.54 * 200)  # 16 cm at 200 ppi
    assert chunks[b"pHYs"] == struct.pack(">IIB", round(200 / 0.0254), round(200 / 0.0254), 1)


def test_deterministic(tmp_path: Path) -> None:
    bars = [("Water", 12), ("Housing", 7), ("Policing", 1_234)]
    first = bar_chart("Themes", bars, tmp_path / "one.png").read_bytes()
    second = bar_chart("Themes", bars, tmp_path / "two.png").read_bytes()
    assert first == second
    assert bar_chart("Themes", bars[:2], tmp_path / "three.png").read_bytes() != first


def test_stacked(tmp_path: Path) -> None:
    bars = [("Water", 12), ("Housing", 7)]
    plain = bar_chart("Themes", bars, tmp_path / "plain.png").read_bytes()
    stacked = bar_chart(
        "Themes", bars, tmp_path / "stacked.png", stacked={"Named": [10, 3], "Anonymous": [2, 4]}
    ).read_bytes()
    assert stacked != plain and _chunks(stacked)


def test_hostile_labels_are_drawn_literally(tmp_path: Path) -> None:
    """The chart program run to PDF instead of PNG: its text is the labels, character for character."""
    output = bar_chart("#set page(fill: red) *Title*", HOSTILE, tmp_path / "hostile.png")
    assert _chunks(output.read_bytes())
    data = charts._chart_input("#set page(fill: red) *Title*", HOSTILE, None)
    pdf = typst.compile(charts._CHART.encode(), format="pdf", sys_inputs={charts._INPUT_KEY: data})
    text = "".join("".join(pdf_pages(pdf)).split())
    assert "#setpage(fill:red)*Title*" in text
    for label, value in HOSTILE:
        expected = "".join(label.replace("\x00", "").replace("\ud800", "").split())
        assert expected in text, label
        assert str(value) in text


def test_invalid_data(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one bar"):
        bar_chart("Empty", [], tmp_path / "c.png")
    with pytest.raises(ValueError, match="negative"):
        bar_chart("Negative", [("a", -1)], tmp_path / "c.png")
    with pytest.raises(ValueError, match="one non-negative value per bar"):
        bar_chart("Short series", [("a", 1), ("b", 2)], tmp_path / "c.png", stacked={"s": [1]})
    with pytest.raises(ValueError, match="add up to 3, not 4"):
        bar_chart("Sums", [("a", 4)], tmp_path / "c.png", stacked={"s": [1], "t": [2]})
    assert not (tmp_path / "c.png").exists()
