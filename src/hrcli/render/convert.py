"""Pandoc Markdown to Markdown, self-contained HTML, DOCX and PDF (pandoc's Typst writer + typst).

Nothing here prints or exits: failures of pandoc or typst become :class:`UserError` with a
one-line message and a hint, and no partial output file is ever left behind (every output is
written to a temporary file beside it and moved into place with ``os.replace``).

Input format (:data:`INPUT_FORMAT`): pandoc ``markdown`` with its defaults, which include
``footnotes``, ``inline_notes``, ``pipe_tables``, ``implicit_figures``, ``yaml_metadata_block``,
``citations``, ``smart`` and ``raw_attribute``, minus the extensions that would let raw markup of
one output format through: ``raw_html``, ``raw_tex`` and ``latex_macros``. Why: a report must say
the same thing in every format, and raw HTML or TeX silently vanishes from DOCX and PDF; it also
means a value a template forgot to escape cannot inject HTML. A template that really needs
format-specific output (a page break) says so explicitly with a raw attribute block
(```` ```{=typst} ````, ```` ```{=openxml} ````). ``pandoc_title_block`` is off too, so a ``%``
at the start of a document is just text.

Literal text in the PDF: escaped Markdown reaches pandoc's AST as plain Str, and pandoc's HTML and
DOCX writers keep it literal. Its Typst writer (3.9) does not quite: Typst reads ``...`` as an
ellipsis, ``-?`` as a soft hyphen, ``-1`` as a minus sign, and curls ``'`` and ``"`` by context.
So the PDF route writes Typst without the writer's ``smart`` extension, turns Typst's smart
quotes off in the template, and runs a Lua filter (:data:`_TYPST_FILTER`) that writes ``-`` and
repeated ``.`` as Typst escapes. The tests check the text extracted from the PDF, payload by payload.
The PDF is tagged (typst's default), for screen readers.

Reproducibility:

* ``md`` and ``html``: same input, same bytes (pandoc adds no date; images are embedded as
  ``data:`` URIs of their bytes).
* ``docx``: pandoc stamps the current time into ``docProps/core.xml`` and every zip entry unless
  ``SOURCE_DATE_EPOCH`` is in its environment; we set it from ``source_date_epoch``.
* ``pdf``: typst writes the creation date into the PDF's info dictionary and XMP metadata; we
  pass ``source_date_epoch`` as typst's ``timestamp`` (its ``SOURCE_DATE_EPOCH``), which also
  becomes the document date. Fonts come from typst's embedded fonts first (Libertinus Serif), so
  Latin text is set identically on every machine; system fonts stay available as fallbacks for
  scripts the embedded fonts lack.

When ``source_date_epoch`` is None, a valid ``SOURCE_DATE_EPOCH`` in the environment is used, as
pandoc and other reproducible-builds tools do; otherwise the current time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Final, Literal, get_args

from hrcli.exceptions import UserError
from hrcli.fsutil import atomic_output

__all__ = [
    "FORMATS",
    "INPUT_FORMAT",
    "Format",
    "convert",
    "pandoc_version",
    "typst_version",
]

Format = Literal["md", "html", "docx", "pdf"]
FORMATS: Final[tuple[str, ...]] = get_args(Format)

INPUT_FORMAT: Final = (
    "markdown+footnotes+pipe_tables+implicit_figures+raw_attribute"
    "-raw_html-raw_tex-latex_macros-pandoc_title_block"
)

# Typst reads "..." as an ellipsis, "-?" as a soft hyphen, "--" as a dash and "-" before a digit as a
# minus sign; pandoc's Typst writer (3.9, without its smart extension) passes these through, so
# literal text would change. Writing every "-", and every "." that follows a ".", as a Typst escape
# keeps it literal. Scanning bytes is safe: "-" and "." never occur inside a UTF-8 multi-byte
# sequence. Image descriptions are skipped: the writer puts them in a Typst string (alt: "..."),
# where shorthands do not apply and a raw element would be lost. The metadata pandoc shows (title,
# author...) is walked too; -M values are plain strings, so they become text first.
_TYPST_FILTER: Final = r"""
local function literal_str(el)
  local text = el.text
  if not text:find('[-.]') then
    return nil
  end
  local result = pandoc.List()
  local start = 1
  for i = 1, #text do
    local c = text:sub(i, i)
    if c == '-' or (c == '.' and i > 1 and text:sub(i - 1, i - 1) == '.') then
      if i > start then
        result:insert(pandoc.Str(text:sub(start, i - 1)))
      end
      result:insert(pandoc.RawInline('typst', '\\' .. c))
      start = i + 1
    end
  end
  if start <= #text then
    result:insert(pandoc.Str(text:sub(start)))
  end
  return result
end

local literal = {
  traverse = 'topdown',
  Image = function(el) return el, false end,
  Str = literal_str,
}

local shown = {title = true, subtitle = true, author = true, date = true, abstract = true}

local function literal_meta(value)
  local kind = pandoc.utils.type(value)
  if kind == 'Inlines' or kind == 'Blocks' then
    return value:walk(literal)
  elseif kind == 'string' then
    return pandoc.Inlines({pandoc.Str(value)}):walk(literal)
  elseif kind == 'List' or kind == 'table' or kind == 'Meta' then
    for key, item in pairs(value) do
      value[key] = literal_meta(item)
    end
  end
  return value
end

function Pandoc(doc)
  doc.blocks = doc.blocks:walk(literal)
  for key, value in pairs(doc.meta) do
    if shown[key] then
      doc.meta[key] = literal_meta(value)
    end
  end
  return doc
end
"""

# A small Typst template for pandoc: US Letter, 1-inch margins, Libertinus Serif (embedded in
# typst, so the same on every machine), ragged right without hyphenation (easier to read, and
# the words on the page are exactly the words in the source), numbered pages. It defines what
# pandoc's Typst writer expects of a template (horizontalrule, the term-list look).
_TYPST_TEMPLATE: Final = r"""// hrcli report template for pandoc's Typst writer.
#let horizontalrule = line(start: (25%, 0%), end: (75%, 0%), stroke: 0.5pt + luma(140))

#show terms.item: it => block(breakable: false)[
  #text(weight: "bold")[#it.term]
  #block(inset: (left: 1.5em, top: -0.4em))[#it.description]
]

#show figure.where(kind: table): set figure.caption(position: top)
#show figure.where(kind: image): set figure.caption(position: bottom)

$if(highlighting-definitions)$
$highlighting-definitions$

$endif$
#set document($if(title)$title: [$title$]$endif$)
#set page(paper: "us-letter", margin: (x: 1in, y: 1in), numbering: "1", number-align: center)
#set text(
  font: ("Libertinus Serif",),
  size: 11pt,
  lang: "$if(lang)$$lang$$else$en$endif$",
$if(region)$
  region: "$region$",
$endif$
  hyphenate: false,
)
#set par(justify: false, leading: 0.65em, spacing: 1.1em)
#set smartquote(enabled: false)
#set heading(numbering: none)
#show heading: set block(above: 1.4em, below: 0.8em)
#set table(inset: 6pt, stroke: 0.5pt + luma(170))
// Pandoc centres tables (align(center)[#table(...)]); without this, columns of default
// alignment would inherit the centring. Explicit column alignments still win.
#show table.cell: set align(left)
#show table.cell.where(y: 0): set text(weight: "bold")
#show link: set text(fill: rgb("#1f4e79"))
#set footnote.entry(separator: line(length: 30%, stroke: 0.5pt))

$for(header-includes)$
$header-includes$

$endfor$
$if(title)$
#align(center, block(below: 1.8em)[
  #text(size: 1.7em, weight: "bold")[$title$]
$if(subtitle)$

  #text(size: 1.25em)[$subtitle$]
$endif$
$if(author)$

  $for(author)$$author$$sep$, $endfor$
$endif$
$if(date)$

  $date$
$endif$
])

$endif$
$for(include-before)$
$include-before$

$endfor$
$if(toc)$
#outline(title: auto, depth: $toc-depth$)

$endif$
$body$
$for(include-after)$

$include-after$
$endfor$
"""

_MISSING_RESOURCE = re.compile(r"Could not fetch resource '?([^':\n]+)'?")
_EPOCH = re.compile(r"[0-9]{1,12}")


def convert(
    markdown: str,
    to: str,
    output: Path,
    *,
    resource_path: list[Path],
    reference_doc: Path | None = None,
    bibliography: Path | None = None,
    source_date_epoch: int | None = None,
    metadata: dict[str, str] | None = None,
    extra_args: Sequence[str] = (),
) -> Path:
    """Convert pandoc Markdown to ``to`` and write it atomically to ``output``.

    Args:
        markdown: The report, in pandoc Markdown (:data:`INPUT_FORMAT`); untrusted text in it
            must already be escaped (:mod:`hrcli.render.escape`).
        to: ``"md"`` (written as is), ``"html"`` (standalone, every resource embedded),
            ``"docx"`` or ``"pdf"`` (pandoc's Typst writer, compiled by typst; no LaTeX).
        output: The file to write; its folder is created if needed and an existing file is
            replaced.
        resource_path: Folders where images referenced by relative path are looked up, in order.
            Empty means the current folder.
        reference_doc: A DOCX whose styles the DOCX output uses (ignored for other formats).
        bibliography: A bibliography file (CSL JSON, BibTeX, ...): citations are resolved by
            pandoc's citeproc in every format but ``md``.
        source_date_epoch: Seconds since 1970 to stamp into DOCX and PDF instead of the current
            time, for byte-identical rebuilds.
        metadata: Pandoc metadata (``title``, ``lang``, ``date``, ...), passed as literal strings.
        extra_args: More pandoc options (``--toc``), for project configuration. Paths in them
            must be absolute: the PDF is made in a scratch folder.

    Returns:
        ``output``.

    Raises:
        UserError: An unknown format, a missing reference document, bibliography or image,
            a pandoc or typst failure, or an output folder that cannot be written.
    """
    try:
        return _convert(
            markdown,
            to,
            output,
            resource_path=resource_path,
            reference_doc=reference_doc,
            bibliography=bibliography,
            source_date_epoch=source_date_epoch,
            metadata=metadata,
            extra_args=extra_args,
        )
    except OSError as error:  # the output folder is read-only, the disk is full...
        raise UserError(
            f"could not write {output}: {error.strerror or error}",
            hint="check that the output folder is writable and the disk has space",
        ) from None


def _convert(
    markdown: str,
    to: str,
    output: Path,
    *,
    resource_path: list[Path],
    reference_doc: Path | None,
    bibliography: Path | None,
    source_date_epoch: int | None,
    metadata: dict[str, str] | None,
    extra_args: Sequence[str],
) -> Path:
    """:func:`convert`, with OSError left to it."""
    if to not in FORMATS:
        raise UserError(f"unknown output format {to!r}", hint=f"use one of {', '.join(FORMATS)}")
    if to == "docx" and reference_doc is not None and not reference_doc.is_file():
        raise UserError(
            f"reference document {reference_doc} not found",
            hint="point reference_doc at a .docx file, or remove it to use the default styles",
        )
    if to == "docx" and reference_doc is not None and not zipfile.is_zipfile(reference_doc):
        # Pandoc's own message for this is "Data.Binary.Get.runGet at position 0".
        raise UserError(
            f"reference document {reference_doc} is not a .docx file",
            hint="save it from Word or LibreOffice as .docx, or start from hrcli's templates/reference.docx",
        )
    if bibliography is not None and not bibliography.is_file():
        raise UserError(
            f"bibliography {bibliography} not found", hint="check the path in hrcli.yaml"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    if to == "md":
        with atomic_output(output) as temporary:
            temporary.write_text(markdown, encoding="utf-8", newline="")
        return output

    epoch = _epoch(source_date_epoch)
    args = _pandoc_args(
        resource_path=resource_path,
        bibliography=bibliography,
        metadata=metadata or {},
        extra_args=extra_args,
    )
    if to == "pdf":
        _convert_pdf(markdown, output, args, epoch)
        return output
    if to == "html":
        args += ["--to", "html5", "--standalone", "--embed-resources"]
    else:
        args += ["--to", "docx"]
        if reference_doc is not None:
            args.append(f"--reference-doc={reference_doc.resolve()}")
    with atomic_output(output) as temporary:
        _run_pandoc([*args, f"--output={temporary}"], markdown, epoch=epoch, to=to)
    return output


def _pandoc_args(
    *,
    resource_path: list[Path],
    bibliography: Path | None,
    metadata: dict[str, str],
    extra_args: Sequence[str],
) -> list[str]:
    """Options common to every pandoc run; paths made absolute (PDF runs in a scratch folder)."""
    folders = [path.resolve() for path in resource_path] or [Path.cwd()]
    args = [
        f"--from={INPUT_FORMAT}",
        f"--resource-path={os.pathsep.join(str(folder) for folder in folders)}",
        # No wrapping: output lines are exactly the source's paragraphs, so nothing the writer
        # produces can land at the start of a line where it would mean something else.
        "--wrap=none",
    ]
    # Sorted so that the command line, and so the output, never depends on dict order.
    args += [f"--metadata={key}:{value}" for key, value in sorted(metadata.items())]
    if bibliography is not None:
        args += ["--citeproc", f"--bibliography={bibliography.resolve()}"]
    args += list(extra_args)
    return args


def _convert_pdf(markdown: str, output: Path, args: list[str], epoch: int | None) -> None:
    """Markdown -> Typst (pandoc) -> PDF (typst), in a scratch folder beside ``output``.

    Why a scratch folder: pandoc copies every image into it (``--extract-media``) and rewrites the
    paths, so typst, whose file access is confined to its root, finds them all; it is on the same
    file system as the output and removed afterwards whatever happens.
    """
    import typst  # lazy: keep CLI start-up light

    scratch = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".typst", dir=output.parent))
    try:
        (scratch / "hrcli.typst").write_text(_TYPST_TEMPLATE, encoding="utf-8")
        (scratch / "literal.lua").write_text(_TYPST_FILTER, encoding="utf-8")
        main = scratch / "main.typ"
        _run_pandoc(
            [
                *args,
                # After --citeproc (in args), so the filter also sees the formatted references.
                "--lua-filter=literal.lua",
                # Without the writer's smart extension, curly quotes and dashes are written as
                # the characters themselves, not as Typst's ' " -- shorthands, which Typst would
                # curl again by context (a paragraph starting with an apostrophe got an opening
                # quote). The template turns Typst's smart quotes off, so a straight quote stays
                # straight, as in HTML and DOCX.
                "--to=typst-smart",
                "--standalone",
                "--template=hrcli.typst",
                "--extract-media=media",
                f"--output={main.name}",
            ],
            markdown,
            epoch=epoch,
            to="pdf",
            cwd=scratch,
        )
        try:
            pdf = typst.compile(main, root=scratch, timestamp=epoch)
        except typst.TypstError as error:
            raise UserError(
                f"typst could not make the PDF: {_one_line(error.message)}",
                hint=(_one_line(error.hints[0]) if error.hints else None)
                or "check raw ```{=typst} blocks in the template; the HTML and DOCX outputs may still work",
            ) from None
        with atomic_output(output) as temporary:
            temporary.write_bytes(pdf)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _run_pandoc(
    args: list[str], markdown: str, *, epoch: int | None, to: str, cwd: Path | None = None
) -> None:
    """Run pandoc on ``markdown`` (stdin); a failure or a missing image is a UserError."""
    environment = dict(os.environ)
    if epoch is not None:
        environment["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        completed = subprocess.run(
            [_pandoc(), *args],
            input=markdown.encode("utf-8"),
            capture_output=True,
            cwd=cwd,
            env=environment,
            check=False,
        )
    except OSError as error:
        raise UserError(
            f"could not run pandoc: {error.strerror or error}", hint=_REINSTALL
        ) from None
    stderr = completed.stderr.decode("utf-8", errors="replace")
    if completed.returncode != 0:
        raise UserError(
            f"pandoc could not convert to {to}: {_one_line(stderr) or f'exit code {completed.returncode}'}",
            hint="check the pandoc options and files in hrcli.yaml (reference document, bibliography)",
        )
    missing = _MISSING_RESOURCE.search(stderr)
    if missing:
        # Pandoc only warns and drops the image; a report silently missing a chart is worse.
        raise UserError(
            f"image {missing.group(1)} not found while converting to {to}",
            hint="images are looked up in the resource path: the project folder and the build folder",
        )


_REINSTALL = "reinstall hrcli's pandoc (pip install --force-reinstall pypandoc-binary)"


@cache
def _pandoc() -> str:
    """The pandoc executable pypandoc-binary ships (or the one PYPANDOC_PANDOC names)."""
    try:
        import pypandoc  # type: ignore[import-untyped]  # lazy: keep CLI start-up light

        return str(pypandoc.get_pandoc_path())
    except (OSError, ImportError) as error:
        raise UserError(f"pandoc is not available: {error}", hint=_REINSTALL) from None


@cache
def pandoc_version() -> str:
    """The version of the pandoc that :func:`convert` runs, e.g. ``"3.9"``."""
    try:
        completed = subprocess.run([_pandoc(), "--version"], capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise UserError(f"could not run pandoc: {error}", hint=_REINSTALL) from None
    first = completed.stdout.decode("utf-8", errors="replace").split("\n", 1)[0]
    return first.removeprefix("pandoc").strip()


@cache
def typst_version() -> str:
    """The version of the Typst compiler, and of the typst package that embeds it.

    E.g. ``"0.15.1 (typst-py 0.15.2)"``: the package's own version is not the compiler's.
    """
    import typst  # lazy: keep CLI start-up light

    compiler = typst.eval(b"", "str(sys.version)").strip('"')
    package = getattr(typst, "__version__", None)
    if package is None:
        from importlib.metadata import version

        package = version("typst")
    return f"{compiler} (typst-py {package})"


def _epoch(source_date_epoch: int | None) -> int | None:
    """The timestamp to stamp: the argument, else a valid SOURCE_DATE_EPOCH, else None (now)."""
    if source_date_epoch is not None:
        if source_date_epoch < 0:
            raise UserError(f"source_date_epoch must not be negative (got {source_date_epoch})")
        return source_date_epoch
    configured = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(configured) if _EPOCH.fullmatch(configured) else None


def _one_line(text: str, limit: int = 300) -> str:
    """The first meaningful line of a tool's message, without pandoc's ``[ERROR]`` tag.

    A line ending with a colon announces the detail on the next line, so that one is added.
    """
    lines = [line.strip().removeprefix("[ERROR]").strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    line = lines[0]
    if line.endswith(":") and len(lines) > 1:
        line = f"{line} {lines[1]}"
    return line if len(line) <= limit else line[: limit - 1] + "…"
