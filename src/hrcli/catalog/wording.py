"""Which themes a statement is about, judged by how statements filed under each theme are worded.

The curated vocabulary (catalog/vocabulary/expansions.yaml) knows the phrases someone thought of;
residents find others ("my rent went up 40%", "they took his phone at the border"). This model
learns from labelled statements (catalog/vocabulary/statements.yaml, fictional, written for
training, and the development sets of tests/suggest/) which words and word pairs come with which
theme, naive-Bayes style: a theme scores the log-odds that a statement filed under it, rather than
under another, would use the statement's words. It is built by scripts/build_catalog.py into
catalog/wording.json and read only by `suggest`.

Only words seen in training count, so a text of words never seen gets no guess.

It also keeps, for each of the vocabulary's phrases, how many training statements said it and how
many of those were filed under each theme it points to: `suggest` trusts a phrase as far as it
proved right ("school" points to education, but many statements that say it are about something
else that happened there).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from hrcli.catalog.reading import words_as_written

if TYPE_CHECKING:
    from hrcli.catalog.vocabulary import Vocabulary

# Words that carry no theme; dropping them keeps word pairs ("black mold", "no heat") meaningful.
STOP_WORDS = frozenset(
    "a an and are as at be been but by did do for from got had has have he her him his i in is it "
    "its just like me my of on or our she so that the their them then there they this to was we were "
    "when with you your".split()
)
# How many statements' worth of "as often as anywhere" each theme's word counts start from: a word
# seen once with a theme is not proof of it, and a word never seen with a rare theme (one of few
# training statements) is little evidence against it.
PRIOR_STATEMENTS = 2.0
# A feature seen in fewer training statements is left out of the model: too rare to generalise.
MIN_STATEMENTS = 2
# A word is named as a reason for a theme when at least this many times likelier under it.
TELLING = 3.0


def statement_features(text: str) -> set[str]:
    """The words of a statement, folded as the vocabulary reads them (plurals; acronyms, which the
    vocabulary keeps apart in capitals, are folded too), and its pairs of adjacent words."""
    return set(features_as_written(text))


def features_as_written(text: str) -> dict[str, str]:
    """Each feature of a statement, with the words the statement says it in ("took kid": "took my
    kids"; punctuation between them left out)."""
    words = words_as_written(text)
    kept = [(i, plain) for i, (plain, _) in enumerate(words) if plain not in STOP_WORDS]
    found = {plain: words[i][1] for i, plain in reversed(kept)}  # reversed: the first saying wins
    for (i, first), (j, second) in zip(kept, kept[1:], strict=False):
        found.setdefault(f"{first} {second}", " ".join(written for _, written in words[i : j + 1]))
    return found


@dataclass(frozen=True)
class Guess:
    theme: str
    score: float  # log-odds; above 0, the statement reads more like this theme's than like others'
    words: tuple[str, ...]  # the statement's words that spoke most for the theme, as it says them


# The vocabulary's phrases in a text, each with the themes it points to (PhraseReader.cues).
CueReader = Callable[[str], Iterable[tuple[str, Iterable[str]]]]


def cue_reader(vocabulary: Vocabulary) -> CueReader:
    """The vocabulary's phrases in a text with the themes they point to, as the model counts them."""
    reader = vocabulary.reader
    return lambda text: [(cue.phrase, cue.themes) for cue in reader.cues(text)]


@dataclass(eq=False)
class WordingModel:
    statements: int
    themes: dict[str, int]  # theme -> statements filed under it
    features: Mapping[str, tuple[int, dict[str, int]]]  # feature -> (statements using it, per theme)
    # vocabulary phrase -> (statements saying it, per theme it points to: how many were filed under it)
    cues: Mapping[str, tuple[int, dict[str, int]]] = field(default_factory=dict)
    _terms: dict[str, tuple[float, dict[str, float]]] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def train(cls, cases: Iterable[tuple[str, Iterable[str]]], min_statements: int = MIN_STATEMENTS,
              cues_of: CueReader | None = None) -> WordingModel:
        """Learn from (text, canonical theme labels) pairs; with ``cues_of``, also how often each
        of the vocabulary's phrases pointed to a theme the statement was filed under."""
        total = 0
        themes: Counter[str] = Counter()
        used: Counter[str] = Counter()
        per_theme: dict[str, Counter[str]] = {}
        said: Counter[str] = Counter()
        right: dict[str, Counter[str]] = {}
        for text, labels in cases:
            total += 1
            features = statement_features(text)
            used.update(features)
            filed = set(labels)
            for label in filed:
                themes[label] += 1
                per_theme.setdefault(label, Counter()).update(features)
            # A phrase that points to no theme (it only adds search terms) is never weighed.
            pointed = {phrase: set(to) for phrase, to in cues_of(text) if to} if cues_of else {}
            for phrase, to in pointed.items():
                said[phrase] += 1
                right.setdefault(phrase, Counter()).update(to & filed)
        features = {
            feature: (count, {label: n for label in sorted(per_theme) if (n := per_theme[label][feature])})
            for feature, count in sorted(used.items())
            if count >= min_statements
        }
        cues = {phrase: (count, dict(sorted(right[phrase].items()))) for phrase, count in sorted(said.items())}
        return cls(total, dict(sorted(themes.items())), features, cues)

    def to_json(self) -> dict:
        """Themes in order, and per feature [statements, theme number, count, theme number, count, ...]:
        the label is not repeated on each of thousands of lines; the same for the phrases."""
        number = {label: i for i, label in enumerate(self.themes)}

        def row(count: int, by_theme: dict[str, int]) -> list[int]:
            return [count, *(x for label, n in by_theme.items() for x in (number[label], n))]

        return {
            "statements": self.statements,
            "themes": self.themes,
            "features": {f: row(*counts) for f, counts in self.features.items()},
            "cues": {phrase: row(*counts) for phrase, counts in self.cues.items()},
        }

    @classmethod
    def from_json(cls, data: dict) -> WordingModel:
        labels = list(data["themes"])
        return cls(data["statements"], data["themes"], _StoredCounts(labels, data["features"]),
                   _StoredCounts(labels, data.get("cues", {})))

    def guess(self, text: str, limit: int = 2, among: Collection[str] | None = None) -> list[Guess]:
        """The themes the statement reads most like, best first, only those scoring above zero;
        with ``among``, only those themes."""
        written = features_as_written(text)
        known = [f for f in written if f in self.features]
        if not known:
            return []
        # Every theme starts as if no known feature had been seen with it; the few that were add
        # the difference. Same sums as scoring every theme on every feature, without the loop.
        scores = {label: prior + len(known) * per_feature for label, (prior, per_feature) in self._theme_terms.items()}
        unseen = 0.0
        for feature in known:
            if feature not in self._terms:  # worked out once per feature, when first met
                self._terms[feature] = self._feature_terms(feature)
            feature_unseen, seen = self._terms[feature]
            unseen += feature_unseen
            for label, extra in seen.items():
                scores[label] += extra
        best = sorted(((score + unseen, label) for label, score in scores.items() if among is None or label in among),
                      key=lambda item: (-item[0], item[1]))
        return [Guess(label, score, tuple(written[f] for f in self._telling(label, known)))
                for score, label in best[:limit] if score > 0]

    def _weight(self, feature: str, label: str) -> float:
        """Log-odds that a statement under the theme, rather than another, uses the feature."""
        count, by_theme = self.features[feature]
        filed, with_theme = self.themes[label], by_theme.get(label, 0)
        usual = self._usual(count)
        return math.log(
            ((with_theme + usual) / (filed + PRIOR_STATEMENTS))
            / ((count - with_theme + usual) / (self.statements - filed + PRIOR_STATEMENTS))
        )

    def _telling(self, label: str, known: list[str]) -> tuple[str, ...]:
        """The (at most three) features that speak most for the theme, each at least TELLING times
        likelier in its statements than in others'; none repeats a word of one chosen before."""
        weighed = sorted((-self._weight(f, label), f) for f in known if label in self.features[f][1])
        chosen: list[str] = []
        for minus, feature in weighed:
            if -minus < math.log(TELLING) or len(chosen) == 3:
                break
            if not any(set(feature.split(" ")) & set(other.split(" ")) for other in chosen):
                chosen.append(feature)
        return tuple(chosen)

    def _usual(self, count: int) -> float:
        """How many of PRIOR_STATEMENTS statements would use a feature used by ``count`` statements."""
        return PRIOR_STATEMENTS * count / self.statements

    @cached_property
    def _theme_terms(self) -> dict[str, tuple[float, float]]:
        """Theme -> (log prior odds, the part of each feature's weight that depends on the theme only)."""
        total = self.statements
        return {
            label: (math.log((filed + PRIOR_STATEMENTS) / (total - filed + PRIOR_STATEMENTS)),
                    math.log((total - filed + PRIOR_STATEMENTS) / (filed + PRIOR_STATEMENTS)))
            for label, filed in self.themes.items()
        }

    def _feature_terms(self, feature: str) -> tuple[float, dict[str, float]]:
        """The remainder of the feature's weight for a theme it was never seen with, and for each
        theme it was seen with, what its weight adds to that."""
        count, by_theme = self.features[feature]
        usual = self._usual(count)
        unseen = math.log(usual / (count + usual))
        return unseen, {label: math.log((n + usual) / (count - n + usual)) - unseen for label, n in by_theme.items()}


class _StoredCounts(Mapping[str, tuple[int, dict[str, int]]]):
    """The features or phrases of a stored model with their counts, each decoded when first asked
    for: a statement uses a few dozen of the thousands, and decoding them all would cost more than
    reading the file."""

    def __init__(self, labels: list[str], rows: dict[str, list[int]]) -> None:
        self._labels, self._rows = labels, rows
        self._decoded: dict[str, tuple[int, dict[str, int]]] = {}

    def __getitem__(self, feature: str) -> tuple[int, dict[str, int]]:
        if feature not in self._decoded:
            row = self._rows[feature]
            self._decoded[feature] = (row[0], {self._labels[i]: n for i, n in zip(row[1::2], row[2::2], strict=True)})
        return self._decoded[feature]

    def __contains__(self, feature: object) -> bool:
        return feature in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


@lru_cache(maxsize=1)
def bundled_wording_model() -> WordingModel | None:
    """The model shipped with hrcli, or None if this build of the catalog has none."""
    from hrcli.resources import catalog_dir

    path = catalog_dir() / "wording.json"
    if not path.is_file():
        return None
    return WordingModel.from_json(json.loads(path.read_bytes()))
