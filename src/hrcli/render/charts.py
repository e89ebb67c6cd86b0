"""Horizontal bar charts as PNG images, drawn with Typst: no plotting library.

A PNG embeds the same way in DOCX, self-contained HTML and PDF, so one image serves every format.
The chart is a fixed Typst program (:data:`_CHART`) that reads its data, as JSON, from
``sys.inputs``. Why data and not generated source: labels are untrusted (theme names, agency names,
anything a person typed), and a Typst string read from JSON is never parsed as markup or code, so
no label can run ``#import`` or change the layout, whatever characters it holds. There is nothing
to escape, so nothing can be escaped wrongly.

The image is deterministic: the same arguments give the same bytes (no timestamps in Typst's PNG
output; Latin text is set in Libertinus Serif, embedded in typst, so it looks the same on every
machine; other scripts fall back to system fonts). It carries its physical size (a ``pHYs`` chunk):
16 cm wide, which fits a Letter or A4 text column, so DOCX and PDF place it at that size without a
``{width=...}`` attribute.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path
from typing import Final

from hrcli.exceptions import UserError
from hrcli.fsutil import replace_file
from hrcli.render.escape import drop_unrepresentable

__all__ = ["PALETTE", "bar_chart"]

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies, and in greyscale
# print they differ in lightness. Black is last because value labels are black.
PALETTE: Final = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)

_INPUT_KEY: Final = "hrcli-chart"

_CHART: Final = r"""
#let data = json(bytes(sys.inputs.at("hrcli-chart")))
#set page(width: 16cm, height: auto, margin: (x: 4mm, y: 4mm), fill: white)
#set text(font: ("Libertinus Serif",), size: 10pt, hyphenate: false, fill: luma(20))
#let palette = data.palette.map(rgb)
#let maximum = calc.max(1, ..data.bars.map(bar => bar.total))

#block(below: 0.9em, text(size: 12.5pt, weight: "bold", data.title))

#if data.series.len() > 0 {
  block(below: 0.9em, {
    for (index, name) in data.series.enumerate() {
      box(inset: (right: 1.2em), {
        box(width: 0.9em, height: 0.9em, baseline: 0.1em, fill: palette.at(calc.rem(index, palette.len())))
        h(0.35em)
        text(name)
      })
    }
  })
}

#let bar(item) = layout(size => {
  // Room for the value after the longest bar, so that it never overflows the page.
  let room = measure(text(data.widest)).width + 0.5em
  let unit = (size.width - room) / maximum
  stack(dir: ltr, spacing: 0.4em,
    stack(dir: ltr, ..item.segments.enumerate().filter(pair => pair.at(1) > 0).map(pair => rect(
      width: unit * pair.at(1),
      height: 1.05em,
      stroke: none,
      fill: if data.series.len() > 0 { palette.at(calc.rem(pair.at(0), palette.len())) } else { palette.at(0) },
    ))),
    align(horizon, text(item.shown)),
  )
})

// Labels take the width of the longest one, but at most 40% of the chart: longer ones wrap.
#layout(size => grid(
  columns: (calc.min(calc.max(..data.bars.map(item => measure(text(item.label)).width)), 40% * size.width), 1fr),
  column-gutter: 0.7em,
  row-gutter: 0.5em,
  align: (right + horizon, left + horizon),
  ..data.bars.map(item => (text(item.label), bar(item))).flatten(),
))
"""


def bar_chart(
    title: str,
    bars: list[tuple[str, int]],
    output: Path,
    *,
    stacked: dict[str, list[int]] | None = None,
    ppi: float = 200,
) -> Path:
    """Draw a horizontal bar chart and write it as a PNG image, atomically.

    Bars are drawn top to bottom in the given order, each with its value printed after it.

    Args:
        title: The chart's title (untrusted text is fine).
        bars: ``(label, value)`` pairs; values are counts, not negative. Labels may be anything.
        output: The PNG file to write (replaced if it exists).
        stacked: Optional series name -> one value per bar (same order as ``bars``). Each bar is
            then split into coloured segments, in series order, with a legend; bar ``i``'s
            segments must add up to ``bars[i][1]``.
        ppi: Resolution; 200 gives a sharp image in print at a modest size.

    Returns:
        ``output``.

    Raises:
        ValueError: No bars, a negative value, or series that do not match the bars.
        UserError: Typst could not draw the chart (a broken installation).
    """
    png = _render(_chart_input(title, bars, stacked), ppi)
    replace_file(output, _with_physical_size(png, ppi))
    return output


def _chart_input(
    title: str, bars: list[tuple[str, int]], stacked: dict[str, list[int]] | None
) -> str:
    """Check the data and serialise it as the JSON the chart program reads (sorted keys: stable)."""
    if not bars:
        raise ValueError("a bar chart needs at least one bar")
    if any(value < 0 for _, value in bars):
        raise ValueError("bar values must not be negative")
    series = dict(stacked or {})
    for name, values in series.items():
        if len(values) != len(bars) or any(value < 0 for value in values):
            raise ValueError(f"series {name!r} needs one non-negative value per bar")
    items = []
    for index, (raw_label, value) in enumerate(bars):
        label = _one_line(raw_label)
        segments = [values[index] for values in series.values()] if series else [value]
        if sum(segments) != value:
            raise ValueError(
                f"the segments of bar {label!r} add up to {sum(segments)}, not {value}"
            )
        items.append({"label": label, "total": value, "shown": f"{value:,}", "segments": segments})
    data = {
        "title": _one_line(title),
        "bars": items,
        "series": [_one_line(name) for name in series],
        "palette": list(PALETTE),
        "widest": max((str(item["shown"]) for item in items), key=len),
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _one_line(text: str) -> str:
    """Untrusted text as a label: one line (a newline would break the layout), XML-safe."""
    return " ".join(drop_unrepresentable(text).split())


def _render(data: str, ppi: float) -> bytes:
    """Compile the chart program with ``data`` as its input; one page, so one PNG."""
    import typst  # lazy: keep CLI start-up light

    try:
        png = typst.compile(
            _CHART.encode("utf-8"), format="png", ppi=ppi, sys_inputs={_INPUT_KEY: data}
        )
    except typst.TypstError as error:
        raise UserError(
            f"typst could not draw a chart: {error.message}",
            hint="reinstall hrcli (pip install --force-reinstall typst)",
        ) from None
    # A chart taller than a page cannot happen with height: auto, but stay safe: first page.
    return png[0] if isinstance(png, list) else png


def _with_physical_size(png: bytes, ppi: float) -> bytes:
    """Insert a ``pHYs`` chunk after IHDR so that viewers and pandoc know the intended size.

    Why: typst writes pixels only; without a resolution DOCX readers assume 96 ppi and a 200 ppi
    chart would come out twice as large as the page.
    """
    signature, ihdr_end = 8, 8 + 4 + 4 + 13 + 4  # length, type, 13 bytes of data, CRC
    if (
        png[:signature] != b"\x89PNG\r\n\x1a\n"
        or png[12:16] != b"IHDR"
        or b"pHYs" in png[: ihdr_end + 8]
    ):
        return png
    per_metre = round(ppi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)  # 1: the unit is the metre
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body))
    return png[:ihdr_end] + chunk + png[ihdr_end:]
