"""Finding phone numbers, e-mail addresses and street addresses in committed text.

Tuned against what report text is full of: catalog ids (upr-2020:26.125), document symbols
(A/HRC/46/15), paragraph numbers (26.125), dates (2024-03-01), years and ranges (2021-2025),
dollar amounts ($1,200), ZIP codes (43210, 43210-1234) and case numbers (CV-2023-0142). Callers
get offsets and kinds, never need to print the value, and must not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A 10-digit North American number, with or without +1 and parentheses: (614) 555-0112,
# 614-555-0112, 614.555.0112, +1 614 555 0112. Area codes and exchanges start with 2-9.
_NANP = r"(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\)[ ]?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}"
# International: + and 8 to 15 digits in groups (+502 5555 1234, +44 20 7946 0958).
_INTERNATIONAL = r"\+\d[\d .()-]{6,20}\d"
# A 7-digit local number (555-0142): only with a cue word before it, since "300-1200" is a range.
_LOCAL = r"[2-9]\d{2}-\d{4}"
# Ten digits in a row (6145550112): also only after a cue word, since ids and amounts look alike.
_PLAIN = r"[2-9]\d{2}[2-9]\d{6}"
PHONE = re.compile(rf"(?<![\w$€£/.@+-])(?:{_INTERNATIONAL}|{_NANP}|(?P<local>{_LOCAL})|(?P<plain>{_PLAIN}))(?![\w/-]|[.,]\d)")
# A cue word, then at most two more words ("call me at", "her cell is"), just before the number.
PHONE_CUE = re.compile(r"\b(?:call(?:ed)?|phone|tel|telephone|cell|mobile|number|no\.|text(?:ed)?|reach|contact|whatsapp|signal|at)"
                       r"(?:\W+\w+){0,2}\W{0,3}$", re.IGNORECASE)

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w-])"
)

_SUFFIX = (r"(?i:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Ct|Court|Way|Pl|Place|Ter|Terrace"
           r"|Pkwy|Parkway|Hwy|Highway|Cir|Circle|Sq|Square)")
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|\d{1,3}(?:st|nd|rd|th))"
# "1412 Larkspur Ave", "200 E. 42nd Street", "18B W Mill Rd": a house number, at most three
# capitalized (or ordinal) words, a street suffix.
STREET_ADDRESS = re.compile(
    rf"(?<![\w$.,/:-])(?P<number>\d{{1,6}})(?:-?[A-Za-z])?[ \t]+(?:(?:[NSEW]\.?|North|South|East|West)[ \t]+)?"
    rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}}[ \t]+{_SUFFIX}\b"
)
YEAR_CUE = re.compile(r"\b(?:in|since|by|from|until|till|before|after|of|during|around|circa|early|late|mid|fall|spring|summer|winter)\W{0,2}$",
                      re.IGNORECASE)


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def phone_numbers(text: str) -> Iterator[int]:
    """Offsets of phone numbers in ``text``."""
    for match in PHONE.finditer(text):
        value = match.group(0)
        cued = PHONE_CUE.search(text[max(0, match.start() - 40):match.start()])
        if match.group("local") and (1900 <= int(value[-4:]) <= 2099 or not cued):
            continue
        if match.group("plain") and not cued:
            continue
        elif value.startswith("+") and not 8 <= _digits(value) <= 15:
            continue
        yield match.start()


def email_addresses(text: str, allowed: set[str] = frozenset()) -> Iterator[int]:  # type: ignore[assignment]
    """Offsets of e-mail addresses, except the ``allowed`` (lower-case) public ones."""
    for match in EMAIL.finditer(text):
        if match.group(0).lower() not in allowed:
            yield match.start()


def street_addresses(text: str) -> Iterator[int]:
    """Offsets of street addresses; a year after "in", "since", ... is not a house number."""
    for match in STREET_ADDRESS.finditer(text):
        number = int(match.group("number"))
        if 1700 <= number <= 2099 and YEAR_CUE.search(text[max(0, match.start() - 12):match.start()]):
            continue
        yield match.start()
