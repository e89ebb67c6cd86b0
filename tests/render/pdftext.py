"""The text of a PDF, for tests: pypdf's extraction, page by page."""

from __future__ import annotations

import io

import pypdf


def pdf_pages(pdf: bytes) -> list[str]:
    """The text shown on each page; lines separated by newlines."""
    if not pdf.startswith(b"%PDF-"):
        raise ValueError("not a PDF")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    if not reader.pages:
        raise ValueError("no pages found")
    # pypdf gives glyphs with no Unicode value (a font lacking the script: blank boxes) as NUL;
    # the tests call them U+FFFD, the replacement character.
    return [page.extract_text().replace("\x00", "\ufffd") for page in reader.pages]


def pdf_body_text(pdf: bytes) -> str:
    """The text of all pages without their page numbers (typst draws the footer last)."""
    pages = []
    for number, text in enumerate(pdf_pages(pdf), start=1):
        lines = text.rstrip().splitlines()
        if not lines or lines[-1].strip() != str(number):
            raise ValueError(f"page {number} does not end with its page number")
        pages.append("\n".join(lines[:-1]))
    return "\n".join(pages)
