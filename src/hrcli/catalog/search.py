"""Ranked full-text search over catalog entries (SQLite FTS5 with the Porter stemmer).

Why SQLite: it ships with Python, its FTS5 index gives BM25 ranking, stemming ("evicted" finds
"eviction"), phrase queries and match highlighting, and indexing the whole catalog in memory takes a
few milliseconds, so nothing is cached on disk.

A query is words and "quoted phrases". Any of them may match (more matches rank higher). Words from
the plain-language expansion table ("evicted" -> housing, homelessness) are searched too, with less
weight than what the user typed, so residents' words find the UN's.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from hrcli.catalog.model import Recommendation
from hrcli.catalog.store import Catalog
from hrcli.exceptions import UserError

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"

# Column weights for bm25(): text, heading, themes, states. A word in the text or the heading says
# more about an entry than the same word in a theme label.
_WEIGHTS = (1.0, 0.8, 0.6, 0.3)
EXPANSION_WEIGHT = 0.4

_STOPWORDS = frozenset(
    "a an and are as at be been being by for from had has have he her his i in is it its my of on "
    "or our she so that the their them they this to was we were who with you your".split()
)
_TOKEN = re.compile(r'"([^"]*)"|([\w’\'-]+)', re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Filters:
    """Restrictions on which entries a search may return."""

    documents: frozenset[str] = frozenset()
    mechanisms: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()  # canonical theme labels
    positions: frozenset[str] = frozenset()

    def admits(self, catalog: Catalog, rec: Recommendation) -> bool:
        doc = catalog.document_of(rec)
        if self.documents and doc.key not in self.documents:
            return False
        if self.mechanisms and doc.mechanism.value not in self.mechanisms:
            return False
        if self.positions and (rec.position is None or rec.position.value not in self.positions):
            return False
        if self.themes:
            resolve = catalog.vocabulary.themes.resolve
            if not {resolve(t) for t in rec.themes} & self.themes:
                return False
        return True


@dataclass(frozen=True)
class Hit:
    """One search result."""

    recommendation: Recommendation
    score: float
    highlighted: str  # the text with matches between HIGHLIGHT_START and HIGHLIGHT_END
    matched_terms: tuple[str, ...]


@dataclass(frozen=True)
class ParsedQuery:
    """A query split into the user's terms and the terms added by expansion."""

    terms: tuple[str, ...]  # words and phrases, as typed (lower-case)
    expanded: tuple[str, ...]


def parse_query(query: str, catalog: Catalog) -> ParsedQuery:
    """Split a query into words and phrases, drop stop words, add expansion terms."""
    terms: list[str] = []
    loose: list[str] = []  # words typed outside quotes: a "quoted phrase" means exactly that
    for phrase, word in _TOKEN.findall(query):
        text = " ".join(_WORD.findall((phrase or word).lower()))
        if text:
            terms.append(text)
            if not phrase:
                loose.append(word)
    meaningful = [t for t in terms if t not in _STOPWORDS] or terms
    if not meaningful:
        raise UserError("the search query has no words", hint='try e.g. hrcli catalog search "housing"')
    expanded: list[str] = []
    for cue in catalog.vocabulary.reader.cues(" ".join(loose)):
        expanded += [t for t in cue.terms if t not in meaningful and t not in expanded]
    return ParsedQuery(tuple(dict.fromkeys(meaningful)), tuple(expanded))


def _fts_query(terms: Iterable[str]) -> str:
    # Every term is quoted, so FTS5 operators typed by a user (AND, NEAR, *, column filters) stay text.
    return " OR ".join('"' + term.replace('"', "") + '"' for term in terms)


class SearchIndex:
    """An in-memory FTS5 index of a catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._ids: list[str] = []
        try:
            self._db = sqlite3.connect(":memory:")
            self._db.execute(
                "CREATE VIRTUAL TABLE entries USING fts5("
                "text, heading, themes, states, tokenize='porter unicode61 remove_diacritics 2')"
            )
        except sqlite3.OperationalError as error:  # a Python built without FTS5
            raise UserError(
                f"this Python's SQLite lacks full-text search (FTS5): {error}",
                hint="use a Python build whose sqlite3 module has FTS5 (python.org and most distributions)",
            ) from None
        rows = []
        for rowid, rec in enumerate(catalog, start=1):
            self._ids.append(rec.id)
            rows.append(
                (rowid, rec.text, rec.heading or "", " ; ".join(rec.themes), " ; ".join(rec.recommending_states))
            )
        self._db.executemany(
            "INSERT INTO entries(rowid, text, heading, themes, states) VALUES (?, ?, ?, ?, ?)", rows
        )

    def _scores(self, terms: Iterable[str]) -> dict[int, float]:
        query = _fts_query(terms)
        if not query:
            return {}
        weights = ", ".join(str(w) for w in _WEIGHTS)
        cursor = self._db.execute(
            f"SELECT rowid, bm25(entries, {weights}) FROM entries WHERE entries MATCH ?", (query,)
        )
        # bm25() is lower-is-better and negative; flip it so higher scores rank first.
        return {rowid: -score for rowid, score in cursor}

    def _combined(self, parsed: ParsedQuery) -> dict[int, float]:
        """Row -> BM25 score of the typed terms plus, with less weight, the expansion terms."""
        scores = self._scores(parsed.terms)
        for rowid, score in self._scores(parsed.expanded).items():
            scores[rowid] = scores.get(rowid, 0.0) + EXPANSION_WEIGHT * score
        return scores

    def lexical_scores(self, parsed: ParsedQuery) -> dict[str, float]:
        """Entry id -> the search score (see _combined)."""
        return {self._ids[rowid - 1]: score for rowid, score in self._combined(parsed).items()}

    def text_only_scores(self, parsed: ParsedQuery) -> dict[str, float]:
        """Plain BM25 over the entries' texts and the typed terms only (the suggestion baseline)."""
        query = _fts_query(parsed.terms)
        cursor = self._db.execute(
            "SELECT rowid, bm25(entries, 1.0, 0.0, 0.0, 0.0) FROM entries WHERE entries MATCH ?",
            ("{text} : (" + query + ")",),
        )
        return {self._ids[rowid - 1]: -score for rowid, score in cursor}

    def highlight(self, ids: list[str], parsed: ParsedQuery) -> dict[str, str]:
        """Entry id -> its text with the query's matches marked."""
        rowids = {self._ids.index(i) + 1: i for i in ids}
        return {rowids[rowid]: text for rowid, text in self._highlight(list(rowids), parsed).items()}

    def search(self, query: str, filters: Filters | None = None, limit: int = 10) -> list[Hit]:
        parsed = parse_query(query, self.catalog)
        scores = self._combined(parsed)
        filters = filters or Filters()
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self._ids[item[0] - 1]))
        chosen = [
            (rowid, score)
            for rowid, score in ranked
            if filters.admits(self.catalog, self.catalog.entries[self._ids[rowid - 1]])
        ][:limit]
        highlights = self._highlight([rowid for rowid, _ in chosen], parsed)
        hits = []
        for rowid, score in chosen:
            rec = self.catalog.entries[self._ids[rowid - 1]]
            highlighted = highlights.get(rowid, rec.text)
            matched = tuple(
                dict.fromkeys(
                    m.lower()
                    for m in re.findall(f"{HIGHLIGHT_START}(.*?){HIGHLIGHT_END}", highlighted)
                )
            )
            hits.append(Hit(rec, round(score, 4), highlighted, matched))
        return hits

    def _highlight(self, rowids: list[int], parsed: ParsedQuery) -> dict[int, str]:
        if not rowids:
            return {}
        marks = ", ".join("?" * len(rowids))
        cursor = self._db.execute(
            f"SELECT rowid, highlight(entries, 0, ?, ?) FROM entries "
            f"WHERE entries MATCH ? AND rowid IN ({marks})",
            (HIGHLIGHT_START, HIGHLIGHT_END, _fts_query(parsed.terms + parsed.expanded), *rowids),
        )
        return dict(cursor.fetchall())
