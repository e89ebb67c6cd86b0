"""How hrcli reads what a resident says: the words, and the vocabulary's phrases in them.

`catalog search` adds the UN's terms for the plain words it finds; `suggest` weighs the themes
they point to. Both read a text here, so that a word means the same in each. The vocabulary's
phrases (catalog/vocabulary/expansions.yaml and the theme names) are read the same way, so the
rules below apply to both sides: lower case, plurals and possessives folded, acronyms written in
capitals kept apart ("ICE" the agency, not ice).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hrcli.catalog.vocabulary import Vocabulary

_WORDS = re.compile(r"[\w']+")
_NOT_PLURAL = ("ss", "us", "is")  # class, bus, this


def plain_words(text: str, *, keep_acronyms: bool = False) -> list[str]:
    """A text's words, lower-case, with plurals and possessives folded ("complaints", "landlord's").

    Only plurals: a stemmer also folds verbs and adjectives, and gained nothing more on the
    evaluation sets of `suggest`. With ``keep_acronyms``, a word in capitals stays so, unless most
    of a sentence is in capitals (then nothing tells an acronym apart).
    """
    return _read(_tokens(text), keep_acronyms)


def words_as_written(text: str) -> list[tuple[str, str]]:
    """Each word of a text as :func:`plain_words` reads it, with the word as the text has it."""
    tokens = _tokens(text)
    return list(zip(_read(tokens, False), tokens, strict=True))


def _read(tokens: list[str], keep_acronyms: bool) -> list[str]:
    if keep_acronyms and len(tokens) > 3 and 2 * sum(w.isupper() for w in tokens) > len(tokens):
        keep_acronyms = False
    return [_plain(w, keep_acronyms) for w in tokens]


def _tokens(text: str) -> list[str]:
    """A text's words as written, without the quotes around them."""
    return [w for w in (w.strip("'") for w in _WORDS.findall(text.replace("’", "'"))) if w]


def _plain(word: str, keep_acronyms: bool) -> str:
    if keep_acronyms and len(word) > 1 and word.isupper():
        return word
    word = word.casefold()
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_NOT_PLURAL) or "'" in word:
        return word
    if word.endswith("ies") and len(word) > 4:  # families, deputies
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):  # classes, churches, taxes
        return word[:-2]
    return word[:-1]


@dataclass(frozen=True)
class Cue:
    """A phrase of the vocabulary found in a text: the themes it points to, the UN terms it adds."""

    phrase: str
    themes: frozenset[str]
    terms: tuple[str, ...]


class PhraseReader:
    """Finds the vocabulary's phrases in a text: longest first, each word in one phrase only, so
    that in "on his way to school" or "no water break" the phrase speaks, not "school" or "no water"."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        themes: dict[tuple[str, ...], set[str]] = {}
        terms: dict[tuple[str, ...], list[str]] = {}
        for expansion in vocabulary.expansions:
            labels = {label for theme in expansion.themes if (label := vocabulary.themes.resolve(theme))}
            for word in expansion.words:  # written in capitals: an acronym, read only in capitals
                # The build checks that words are plain (lower case or acronyms, one space between
                # words), so splitting on spaces reads them as plain_words would, only faster.
                key = tuple(_plain(w.strip("'"), True) for w in word.split(" "))
                themes.setdefault(key, set()).update(labels)
                added = terms.setdefault(key, [])
                added += [term for term in expansion.terms if term not in added]
        for entry in vocabulary.themes.entries:
            # Names that are everyday words with other senses ("other", "justice") are for lookups only.
            unread = set(entry.get("not_read_in_statements", []))
            for name in [entry["label"], *entry.get("aliases", [])]:
                if name not in unread:
                    themes.setdefault(tuple(plain_words(name)), set()).add(entry["label"])
        themes.pop((), None)
        self._cues = {key: Cue(" ".join(key), frozenset(labels), tuple(terms.get(key, ()))) for key, labels in themes.items()}
        self._longest = max(map(len, self._cues), default=0)

    def cues(self, text: str) -> list[Cue]:
        """The vocabulary's phrases said in a text, in the order they are said."""
        return [cue for _, cue in self.said(text)]

    def said(self, text: str) -> list[tuple[str, Cue]]:
        """(the words as the text has them, the phrase they are) for each phrase, in order."""
        tokens = _tokens(text)
        words, as_written = _read(tokens, False), _read(tokens, True)
        found: list[tuple[int, int, Cue]] = []
        for start in range(len(words)):
            for size in range(min(self._longest, len(words) - start), 0, -1):
                for sequence in (as_written, words):
                    if cue := self._cues.get(tuple(sequence[start : start + size])):
                        found.append((start, size, cue))
                        break
        taken: set[int] = set()
        said: list[tuple[int, int, Cue]] = []
        for start, size, cue in sorted(found, key=lambda match: (-match[1], match[0])):
            span = set(range(start, start + size))
            if not span & taken:
                taken |= span
                said.append((start, size, cue))
        return [(" ".join(tokens[start : start + size]), cue) for start, size, cue in sorted(said, key=lambda m: m[0])]
