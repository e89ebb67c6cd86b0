"""`hrcli suggest`: which UN recommendations a testimony speaks to.

Residents say "cops", "kicked out", "no heat"; the UN says "law enforcement", "forced evictions",
"adequate housing". The ranking joins two signals, both offline and explainable:

* lexical: BM25 over the entries' texts, headings and themes (SQLite FTS5 with stemming), with the
  curated plain-language expansions of catalog/vocabulary/expansions.yaml at lower weight;
* themes: the themes the words point to (the expansions' `themes`, and theme labels or aliases
  said outright, weighed by how many words point to each and how often each proved right in the
  labelled training statements), the themes the wording model finds the text most like
  (hrcli.catalog.wording, learnt from those statements), and the
  testimony's own themes when it has them; when none of these points anywhere, the themes whose
  entries' wording best matches the text. Entries filed under those themes rank higher, and a
  theme nearly as strong as the strongest keeps at least the last place.

Each suggestion says why it was made. The quality is measured on residents' statements labelled by
theme (tests/suggest/*_set*.yaml, benchmarks/suggest_quality.py), against plain BM25 over the texts.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hrcli.catalog.model import Recommendation
from hrcli.catalog.search import HIGHLIGHT_END, HIGHLIGHT_START, ParsedQuery, SearchIndex, parse_query
from hrcli.catalog.store import Catalog
from hrcli.catalog.wording import Guess, WordingModel, bundled_wording_model, cue_reader

if TYPE_CHECKING:
    from hrcli.models.testimony import Testimony

DECLARED_THEME_WEIGHT = 1.5  # the compilers filed the testimony under this theme
# Each phrase pointing to a theme ("evicted", "landlord") or naming it ("housing") is one piece of
# evidence, worth 1 - EVIDENCE_DOUBT, and a theme's weight is 1 - the product of its pieces' doubts,
# so a theme the statement keeps coming back to outweighs one it mentions in passing. A phrase the
# wording model's training statements said is worth what it proved there: the share of them filed
# under the theme, counted as if CUE_PRIOR_STATEMENTS more had the usual worth ("school" said in
# statements about the police officer at school is worth less than "evicted").
EVIDENCE_DOUBT = 0.6
CUE_PRIOR_STATEMENTS = 2.0
# Themes the wording model (hrcli.catalog.wording) finds most likely, among those some entry is filed
# under: how many, and how much each counts as one more piece of evidence beside the vocabulary's.
# A guess scoring CONFIDENT_GUESS or more (log-odds) named one of the statement's themes nine times
# in ten on the development sets, a weaker one seven in ten (each set guessed by a model learnt
# without it; benchmarks/README.md), so it counts more.
GUESSED_THEMES = 2
CONFIDENT_GUESS = 12.0
GUESS_WEIGHT = 0.5
CONFIDENT_GUESS_WEIGHT = 0.9
INFERRED_THEME_WEIGHT = 0.7  # the best-matching themes by the words of their own entries
INFERRED_THEMES = 3
# How much the theme signal counts against the lexical one (0..1). Raised from 0.6 once phrases were
# weighed by how often they proved right: on the development sets (each left out of its model in
# turn) 0.75 gained 0.019 precision@5 for 0.001 hit@5 (0.9: 0.025 for 0.004).
THEME_SHARE = 0.75
# A theme nearly as strong as the strongest (within this margin) that none of the top suggestions is
# filed under gets the last place: when a statement is as much about two things, one of each beats
# all of one (on the development sets: hit@5 +0.010, precision@5 -0.006).
RESERVED_SLOT_MARGIN = 0.15


@dataclass(frozen=True)
class Suggestion:
    recommendation: Recommendation
    score: float
    highlighted: str
    matched_terms: tuple[str, ...]
    matched_themes: tuple[str, ...]
    said: tuple[str, ...] = ()  # the statement's words that pointed to those themes
    # For themes only the wording model found: (theme, the statement's words typical of it).
    typical: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def reasons(self) -> list[str]:
        why = []
        if self.matched_terms:
            why.append("mentions " + ", ".join(self.matched_terms))
        if self.matched_themes:
            because = f" (the text says {', '.join(repr(w) for w in self.said)})" if self.said else ""
            why.append("filed under " + "; ".join(self.matched_themes) + because)
        for theme, words in self.typical:
            why.append(f"worded like statements filed under {theme}: " + ", ".join(repr(w) for w in words))
        return why


@dataclass
class Suggester:
    catalog: Catalog
    wording: WordingModel | None = field(default_factory=bundled_wording_model)
    index: SearchIndex = field(init=False)

    def __post_init__(self) -> None:
        self.index = SearchIndex(self.catalog)
        themes = self.catalog.vocabulary.themes
        self._entry_themes = {
            rec.id: {label for t in rec.themes if (label := themes.resolve(t))} for rec in self.catalog
        }
        self._filed = frozenset().union(*self._entry_themes.values())  # themes with at least one entry
        self._theme_index = self._index_themes()

    def _index_themes(self) -> sqlite3.Connection:
        """One FTS5 row per theme: its label, aliases and the texts of every entry filed under it.

        Why: where no curated word points to a theme, the UN's own wording on that theme still
        does ("bail" appears in the entries on arbitrary detention).
        """
        texts: dict[str, list[str]] = {}
        for entry in self.catalog.vocabulary.themes.entries:
            texts[entry["label"]] = [entry["label"], *entry.get("aliases", [])]
        for rec in self.catalog:
            for label in self._entry_themes[rec.id]:
                texts.setdefault(label, []).append(f"{rec.heading or ''} {rec.text}")
        db = sqlite3.connect(":memory:")
        db.execute("CREATE VIRTUAL TABLE themes USING fts5(label UNINDEXED, body, tokenize='porter unicode61 remove_diacritics 2')")
        db.executemany("INSERT INTO themes(label, body) VALUES (?, ?)", [(k, " \n ".join(v)) for k, v in texts.items()])
        return db

    def inferred_themes(self, parsed: ParsedQuery) -> dict[str, float]:
        """The themes whose entries' words best match the query, weighted by rank."""
        query = " OR ".join('"' + t.replace('"', "") + '"' for t in parsed.terms + parsed.expanded)
        if not query:
            return {}
        rows = self._theme_index.execute(
            "SELECT label, bm25(themes) FROM themes WHERE themes MATCH ? ORDER BY bm25(themes) LIMIT ?",
            (query, INFERRED_THEMES),
        ).fetchall()
        return {label: INFERRED_THEME_WEIGHT * (1 - rank / (2 * INFERRED_THEMES)) for rank, (label, _) in enumerate(rows)}

    def evidence(self, text: str) -> dict[str, dict[str, str]]:
        """Theme -> the vocabulary's phrases in the text that point to it, each with the words the
        text says it in, in the order they are said; a phrase said twice ("cop", "cops") counts once."""
        found: dict[str, dict[str, str]] = {}
        for words, cue in self.catalog.vocabulary.reader.said(text):
            for label in cue.themes:
                found.setdefault(label, {}).setdefault(cue.phrase, words)
        return found

    def cue_worth(self, phrase: str, theme: str) -> float:
        """What one phrase pointing to a theme is worth as evidence (see EVIDENCE_DOUBT)."""
        usual = 1 - EVIDENCE_DOUBT
        record = self.wording.cues.get(phrase) if self.wording else None
        if record is None:
            return usual
        said, right = record
        return (right.get(theme, 0) + CUE_PRIOR_STATEMENTS * usual) / (said + CUE_PRIOR_STATEMENTS)

    def guesses(self, text: str) -> list[Guess]:
        """The themes the wording model finds the text most like, among those with entries (a guess
        of a theme no entry is filed under could rank nothing); none without a model."""
        return self.wording.guess(text, GUESSED_THEMES, among=self._filed) if self.wording else []

    def query_themes(self, text: str, declared: Iterable[str] = ()) -> dict[str, float]:
        """The themes a text points to, with weights."""
        return self._weigh(self.evidence(text), self.guesses(text), declared)

    def _weigh(self, evidence: dict[str, dict[str, str]], guesses: list[Guess], declared: Iterable[str]) -> dict[str, float]:
        resolve = self.catalog.vocabulary.themes.resolve
        found = {label: 1 - math.prod(1 - self.cue_worth(phrase, label) for phrase in phrases)
                 for label, phrases in evidence.items()}
        for guess in guesses:
            weight = CONFIDENT_GUESS_WEIGHT if guess.score >= CONFIDENT_GUESS else GUESS_WEIGHT
            found[guess.theme] = 1 - (1 - found.get(guess.theme, 0.0)) * (1 - weight)
        for theme in declared:
            if label := resolve(theme):
                found[label] = DECLARED_THEME_WEIGHT
        return found

    def rank(
        self,
        text: str,
        *,
        themes: Iterable[str] = (),
        documents: set[str] | None = None,
        exclude: Iterable[str] = (),
        limit: int = 5,
    ) -> list[Suggestion]:
        parsed = parse_query(text, self.catalog)
        lexical = self.index.lexical_scores(parsed)
        evidence = self.evidence(text)
        guesses = self.guesses(text)
        wanted = self._weigh(evidence, guesses, themes)
        if not wanted:
            # Only when no declared theme, curated word, theme name or wording points anywhere: inferred
            # themes are the weakest signal, and added to stronger ones they pulled the ranking
            # towards loosely related themes (measured on the evaluation sets).
            wanted = self.inferred_themes(parsed)
        top = max(lexical.values(), default=0.0) or 1.0
        skip = set(exclude)
        scored: list[tuple[float, str, tuple[str, ...]]] = []
        for rec in self.catalog:
            if rec.id in skip or (documents and self.catalog.document_of(rec).key not in documents):
                continue
            shared = tuple(sorted(self._entry_themes[rec.id] & wanted.keys()))
            theme_score = self._theme_score([wanted[t] for t in shared], max(wanted.values(), default=1.0))
            lexical_score = lexical.get(rec.id, 0.0) / top
            if not (lexical_score or theme_score):
                continue
            score = (1 - THEME_SHARE) * lexical_score + THEME_SHARE * theme_score
            scored.append((score, rec.id, shared))
        scored.sort(key=lambda item: (-item[0], item[1]))
        chosen = self._with_reserved_slot(scored, limit, wanted)
        highlights = self.index.highlight([rec_id for _, rec_id, _ in chosen], parsed)
        typical = {guess.theme: guess.words for guess in guesses}
        return [self._suggestion(rec_id, score, shared, highlights, evidence, typical) for score, rec_id, shared in chosen]

    @staticmethod
    def _with_reserved_slot(scored: list[tuple[float, str, tuple[str, ...]]], limit: int,
                            wanted: dict[str, float]) -> list[tuple[float, str, tuple[str, ...]]]:
        """The best ``limit`` entries, the last one given up for the best entry of a theme nearly as
        strong as the strongest that none of the others is filed under (see RESERVED_SLOT_MARGIN)."""
        chosen = scored[:limit]
        if limit < 2 or len(scored) <= limit or not wanted:
            return chosen
        strongest = max(wanted.values())
        shown = {theme for _, _, shared in chosen for theme in shared}
        missing = sorted((t for t, w in wanted.items() if w >= strongest - RESERVED_SLOT_MARGIN and t not in shown),
                         key=lambda t: (-wanted[t], t))
        for theme in missing:
            best = next((item for item in scored[limit:] if theme in item[2]), None)
            if best is not None:
                return [*chosen[:-1], best]
        return chosen

    @staticmethod
    def _theme_score(weights: list[float], strongest: float) -> float:
        """The best shared theme counts fully, further ones a little: an entry filed under three
        loosely inferred themes must not outrank one filed under the theme the compilers chose."""
        if not weights:
            return 0.0
        ordered = sorted(weights, reverse=True)
        return min(1.0, (ordered[0] + 0.25 * sum(ordered[1:])) / strongest)

    def _suggestion(self, rec_id: str, score: float, shared: tuple[str, ...], highlights: dict[str, str],
                    evidence: dict[str, dict[str, str]], typical: dict[str, tuple[str, ...]]) -> Suggestion:
        rec = self.catalog.entries[rec_id]
        marked = highlights.get(rec_id, rec.text)
        terms = tuple(dict.fromkeys(m.lower() for m in re.findall(f"{HIGHLIGHT_START}(.*?){HIGHLIGHT_END}", marked)))
        said = tuple(dict.fromkeys(words for theme in shared for words in evidence.get(theme, {}).values()))
        # The model's words only where the vocabulary had none: "the text says" is the clearer reason.
        worded = tuple((theme, typical[theme]) for theme in shared if theme not in evidence and typical.get(theme))
        return Suggestion(rec, round(score, 4), marked, terms, shared, said, worded)

    def recommendations(self, text: str, limit: int = 5) -> list[Recommendation]:
        """The ranked entries alone, as the evaluation compares them with the baseline's."""
        return [suggestion.recommendation for suggestion in self.rank(text, limit=limit)]

    def baseline(self, text: str, limit: int = 5) -> list[Recommendation]:
        """Plain BM25 over the recommendation texts: the yardstick the ranking is measured against."""
        scores = self.index.text_only_scores(parse_query(text, self.catalog))
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [self.catalog.entries[rec_id] for rec_id, _ in ranked]


def testimony_text(testimony: Testimony) -> str:
    """What a testimony says, as one text to rank against: title, summary and quotes (translated
    where a translation is given, since the catalog is in English)."""
    return " ".join([testimony.title, testimony.summary, *(q.translation or q.text for q in testimony.quotes)])


def relevant(catalog: Catalog, rec: Recommendation, labels: set[str]) -> bool:
    """Whether an entry is relevant to a statement labelled with these (canonical) themes."""
    resolve = catalog.vocabulary.themes.resolve
    return any(resolve(t) in labels for t in rec.themes)


def model_without(
    catalog: Catalog, training: list[tuple[str, list[str]]], sets: dict[str, list[dict]], left_out: str | None
) -> WordingModel:
    """A wording model learnt from ``training`` (text, theme labels) and every labelled set but
    ``left_out`` (all of them if None: the shipped model)."""
    resolve = catalog.vocabulary.themes.resolve
    others = []
    for name, cases in sets.items():
        if name == left_out:
            continue
        for case in cases:
            labels = [resolve(t) for t in case["themes"]]
            if None in labels:
                raise ValueError(f"{name}: {case['themes']} are not all themes of the catalog's vocabulary")
            others.append((case["text"], labels))
    return WordingModel.train([*training, *others], cues_of=cue_reader(catalog.vocabulary))


def evaluate_held_out(
    catalog: Catalog, training: list[tuple[str, list[str]]], sets: dict[str, list[dict]],
    scored: Callable[[dict], bool] = lambda case: True,
) -> dict[str, dict[str, float]]:
    """precision@5 and hit@5 of `suggest` on each labelled set, scored with a model learnt without
    it (model_without): the shipped model learns from the development sets, and each is still
    measured on statements its model has not seen. Only the statements ``scored`` admits count;
    a set with none is left out of the result."""
    suggester = Suggester(catalog, wording=None)
    scores = {}
    for name, cases in sets.items():
        counted = [case for case in cases if scored(case)]
        if not counted:
            continue
        suggester.wording = model_without(catalog, training, sets, name)
        scores[name] = evaluate(catalog, counted, suggester.recommendations)
    return scores


def relevant_entries(catalog: Catalog, case: dict) -> int:
    """How many catalog entries are relevant to a labelled statement."""
    resolve = catalog.vocabulary.themes.resolve
    labels = {resolve(t) for t in case["themes"]}
    return sum(1 for rec in catalog if relevant(catalog, rec, labels))


def best_possible(catalog: Catalog, cases: list[dict]) -> dict[str, float]:
    """precision@5 and hit@5 of a perfect ranking: a statement whose themes no entry is filed under
    cannot be matched, one with three relevant entries scores at most 3/5."""
    if not cases:
        raise ValueError("no labelled statements to score")
    counts = [relevant_entries(catalog, case) for case in cases]
    return {"precision@5": sum(min(5, n) / 5 for n in counts) / len(cases),
            "hit@5": sum(1 for n in counts if n) / len(cases)}


def evaluate(catalog: Catalog, cases: list[dict], rank) -> dict[str, float]:  # noqa: ANN001
    """precision@5 and hit@5 of a ranking function over labelled statements."""
    if not cases:
        raise ValueError("no labelled statements to score")
    resolve = catalog.vocabulary.themes.resolve
    precision, hits = 0.0, 0
    for case in cases:
        labels = {resolve(t) for t in case["themes"]}
        top = rank(case["text"])[:5]
        good = sum(1 for rec in top if relevant(catalog, rec, labels))
        precision += good / 5
        hits += good > 0
    return {"precision@5": precision / len(cases), "hit@5": hits / len(cases)}
