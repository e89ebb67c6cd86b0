"""Untrusted text made literal for pandoc Markdown.

Testimony, agency names and catalog texts are people's words. They may contain anything pandoc
Markdown, HTML, Typst, LaTeX or Jinja give a meaning to (``*x*``, ``<b>``, ``$x$``, ``#set``,
``\\textbf``, ``@T-0001``, ``^[note]``, ``{{ x }}``, a line starting with ``1.`` or ``>``), and
every one of them must come out as the same characters in every output format.

How: pandoc's ``markdown`` reader has the ``all_symbols_escapable`` extension, so a backslash
before *any* ASCII punctuation character makes it a literal character. We escape every one of
them, so nothing can open emphasis, a link, raw HTML, a raw attribute, a footnote, a citation,
math, a span or an attribute list. Whitespace is collapsed to single spaces (inline) or kept only
as paragraph breaks (block), so nothing can start a line: no headings, lists, block quotes,
tables, line blocks, code blocks or horizontal rules. The escaped text contains no newline (inline)
and no single newline (block), and never starts or ends with a space, so wrapping it in
``*...*``, ``**...**``, ``^[...]`` or ``[...]`` keeps that markup's meaning.

Decisions, documented:

* Smart typography (the reader's ``smart`` extension) is kept for the template's own prose, but an
  escaped ``'`` ``"`` ``--`` ``...`` stays exactly as typed: people's words are quoted as written.
* ``&amp;`` stays the five characters ``&amp;`` (``\\&`` is a literal ampersand, so no entity).
* Characters XML 1.0 cannot carry (C0/C1 control characters other than tab and newlines, lone
  surrogates, U+FFFE/U+FFFF) are dropped: DOCX is XML, and they are invisible anyway.
* All Unicode whitespace (including no-break spaces and U+2028) counts as whitespace: it is
  collapsed, like Markdown itself collapses spaces.
* Non-ASCII characters are never escaped: pandoc gives none of them a meaning.

Typst has meanings pandoc's Typst writer does not escape (``...`` becomes an ellipsis, ``-?`` a
soft hyphen, ``-1`` a minus sign). That is fixed on the way out, in :mod:`hrcli.render.convert`,
because it concerns every Str in the document, not only escaped ones.

Where callers may put the result:

* ``escape_inline``: anywhere inline text is read as Markdown: a paragraph, a heading, emphasis,
  a footnote ``^[...]``, a link's text, a pipe-table cell, a list item's first line.
* ``escape_block``: on its own, separated from other blocks by blank lines. Inside a block quote,
  prefix *every* line (blank ones too) with ``>``; inside a list item or footnote definition,
  indent every non-blank line by four spaces. Paragraphs are separated by exactly one blank line.
* Never inside a code span or code block (backslashes are literal there), a URL, an attribute
  ``{...}``, YAML metadata or a raw block: escaping there is meaningless.
* Empty input gives an empty string: ``*{x}*`` around an empty value is the caller's concern.
"""

from __future__ import annotations

import re
import string

__all__ = ["drop_unrepresentable", "escape_block", "escape_inline"]

# Every ASCII punctuation character; pandoc's all_symbols_escapable accepts a backslash before each.
_PUNCTUATION = frozenset(string.punctuation)
_ESCAPES = {ord(char): "\\" + char for char in _PUNCTUATION}

# Characters XML 1.0 forbids (DOCX would be corrupt) plus C1 controls (mis-decoded junk), except
# the ones we treat as line breaks below (\x0b \x0c \x1c-\x1e \x85). Lone surrogates cannot be
# encoded to UTF-8 at all.
_UNREPRESENTABLE = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Line and paragraph separators Python (and some writers) honour; pandoc only knows "\n".
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028]")
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
_WHITESPACE = re.compile(r"\s+")


def drop_unrepresentable(text: str) -> str:
    """Remove the characters DOCX (XML 1.0) cannot hold, C1 controls and lone surrogates.

    For untrusted text that is not Markdown (chart labels); the escape functions do it too.
    """
    return _UNREPRESENTABLE.sub("", text)


def _clean(text: str) -> str:
    """Drop unrepresentable characters and normalise line breaks to ``\\n``."""
    text = drop_unrepresentable(text)
    text = _LINE_BREAK.sub("\n", text)
    # U+2029 is a paragraph separator by definition.
    return text.replace("\u2029", "\n\n")


def _escape_line(text: str) -> str:
    """Collapse whitespace to single spaces and backslash-escape ASCII punctuation."""
    return _WHITESPACE.sub(" ", text).strip().translate(_ESCAPES)


def escape_inline(text: str) -> str:
    r"""Return ``text`` as pandoc Markdown that reads back as exactly ``text``, on one line.

    Whitespace runs (newlines included) become one space, leading and trailing whitespace is
    removed, and every ASCII punctuation character is backslash-escaped. The result is safe
    inside a paragraph, a heading, emphasis, a footnote ``^[...]``, a link text or a pipe-table
    cell; see the module docstring for where it is *not* safe (code, URLs, attributes).

    >>> print(escape_inline("*not* <b>bold</b>\n  1. item"))
    \*not\* \<b\>bold\<\/b\> 1\. item
    """
    return _escape_line(_clean(text))


def escape_block(text: str, *, keep_line_breaks: bool = False) -> str:
    """Return multi-paragraph ``text`` as literal pandoc Markdown paragraphs.

    Blank lines (lines holding only whitespace) separate paragraphs; each paragraph is escaped
    like :func:`escape_inline` and they are joined by exactly one blank line. Put the result on
    its own between blank lines; in a block quote prefix every line with ``>``, in a list item or
    footnote definition indent every non-blank line.

    Args:
        text: Untrusted text.
        keep_line_breaks: Keep single newlines as hard line breaks (a backslash at the end of the
            line, pandoc's ``escaped_line_breaks``), for addresses or poems; by default they are
            collapsed to spaces, as Markdown itself does.
    """
    paragraphs: list[str] = []
    for paragraph in _BLANK_LINES.split(_clean(text).strip()):
        if keep_line_breaks:
            lines = [_escape_line(line) for line in paragraph.split("\n")]
            escaped = "\\\n".join(line for line in lines if line)
        else:
            escaped = _escape_line(paragraph)
        if escaped:
            paragraphs.append(escaped)
    return "\n\n".join(paragraphs)
