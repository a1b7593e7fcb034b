"""Learning from the reviewer: re-rank the candidates with a model of this project's own decisions.

A terminologist's statuses (validated, rejected) are labels. Once a project
holds MIN_DECISIONS of them, with both kinds among them, a model is fitted on
the decided entries and its probability becomes the termhood of every entry:
the estimated chance that *this* reviewer keeps it. The model starts from the
calibrated termhood (its log-odds are an offset, not a feature to re-learn)
and adds four log-odds corrections:

1. over the entries' features (glossary.rank.features, both languages and
   the bilingual ones): a logistic correction held back by an L2 penalty;
2. from the decided entries nearest in meaning (glossary.rank.resemblance:
   the embedder's vectors of the entry's terms): what the reviewer decided
   beyond what (1) predicted, carried to the entries that resemble them;
3. from the decided multiword terms that share an entry's first or last
   word, and the decided entries of its kind (part of speech and label;
   glossary.rank.resemblance), likewise;
4. from the decided entries found in like surroundings in the corpus: the
   words next to their occurrences and the words of their segments
   (glossary.rank.context), likewise.

(1) alone learns little from the first hundred entries, which are the best
ranked and nearly all kept; (2) to (4) learn what only the decisions can
teach: which words, heads, meanings, kinds of entry and surroundings this
project keeps or rejects.
Without the offset, a model of the first hundred entries learns what
separates the few rejections among them and ruins the order of everything
after (measured on ACTER: -0.26 precision of the next 300;
benchmarks/bench_reviewer.py).
`review_order` lists first the candidates the model is least sure of
(probability nearest one half), the decisions that teach it most.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import minimize

from glossary.rank.context import ContextResemblance, Contexts, fit_context
from glossary.rank.features import BILINGUAL_FEATURES, MONOLINGUAL_FEATURES
from glossary.rank.resemblance import Embed, Resemblance, entry_embeddings, entry_keys, fit_resemblance
from glossary.termbase import TermEntry

# Decisions a project needs before its own model replaces the calibrated
# termhood (below it a model of a few decisions mostly learns noise).
MIN_DECISIONS = 20
# The model's settings: the best of benchmarks/bench_reviewer.py's grid (64
# settings) on the ACTER simulation (100 decisions, precision of the next 300:
# mean change +0.114 over the six lists, in-sample; +0.078 without the context
# corrections, the feature correction alone +0.029); the benchmark's held-out
# figures choose them on the other two domains instead (+0.102).
# L2 penalty on the standardised feature-correction weights, per decision so
# that it does not fade as decisions accumulate.
REVIEW_PENALTY = 0.3
# Log-odds per unit of the neighbours' mean residual (glossary.rank.resemblance).
NEIGHBOUR_WEIGHT = 4.0
# Log-odds per unit of the edge words' and the kind's mean residuals.
WORD_WEIGHT = 4.0
# Log-odds per unit of the neighbour-word and the segment-word corrections (glossary.rank.context).
WINDOW_WEIGHT = 4.0
SEGMENT_WEIGHT = 4.0
# The cosine at which one decided neighbour weighs as much as the pull
# towards no correction: below it an entry resembles no decision.
FLOOR_SIMILARITY = 0.6
# Decisions of residual 0 added to every word and kind (not tuned: 0.5-2 measured alike).
WORD_PSEUDOCOUNT = 1.0
# The "to review" order sorts by distance from this probability.
UNSURE = 0.5
# Keeps log-odds finite for probabilities of exactly 0 or 1.
_EPSILON = 1e-6

ENTRY_FEATURES = (
    *(f"fr_{name}" for name in MONOLINGUAL_FEATURES),
    *(f"en_{name}" for name in MONOLINGUAL_FEATURES),
    *BILINGUAL_FEATURES,
    "pair_confidence",
)


@dataclass(frozen=True)
class ReviewSettings:
    """How far a project's decisions may move the calibrated termhood (the constants above by default)."""

    penalty: float = REVIEW_PENALTY
    neighbour_weight: float = NEIGHBOUR_WEIGHT
    word_weight: float = WORD_WEIGHT
    floor_similarity: float = FLOOR_SIMILARITY
    word_pseudocount: float = WORD_PSEUDOCOUNT
    window_weight: float = WINDOW_WEIGHT
    segment_weight: float = SEGMENT_WEIGHT


DEFAULT_SETTINGS = ReviewSettings()


@dataclass(frozen=True)
class ReviewModel:
    """A correction of the calibrated termhood learnt from one project's decisions."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    decisions: int
    kept: int
    resemblance: Resemblance
    settings: ReviewSettings = DEFAULT_SETTINGS
    context: ContextResemblance | None = None

    def feature_logits(self, vectors: np.ndarray, termhoods: Sequence[float]) -> np.ndarray:
        """The calibrated log-odds plus the correction over the features (1. of the module's list)."""
        standard = (np.asarray(vectors, dtype=float) - np.array(self.mean)) / np.array(self.scale)
        return _logits(termhoods) + standard @ np.array(self.weights) + self.intercept

    def probabilities(self, vectors: np.ndarray, termhoods: Sequence[float], *,
                      embeddings: np.ndarray | None = None,
                      keys: Sequence[frozenset[str]] | None = None,
                      contexts: Contexts | None = None) -> np.ndarray:
        """Estimated probability that the reviewer keeps each entry.

        Rows of `vectors` (ENTRY_FEATURES), prior `termhoods`, and optionally
        the entries' embeddings (glossary.rank.resemblance.entry_embeddings),
        keys (glossary.rank.resemblance.entry_keys) and contexts
        (glossary.rank.context.entry_contexts); a correction whose input is
        missing (here or among the decided entries) is left out.
        """
        logits = self.feature_logits(vectors, termhoods)
        if embeddings is not None:
            logits = logits + self.settings.neighbour_weight * self.resemblance.neighbour_correction(embeddings)
        if keys is not None:
            logits = logits + self.settings.word_weight * self.resemblance.word_correction(keys)
        if contexts is not None and self.context is not None:
            neighbour_words, segment_words = self.context.corrections(contexts)
            logits = (logits + self.settings.window_weight * neighbour_words
                      + self.settings.segment_weight * segment_words)
        return 1.0 / (1.0 + np.exp(-logits))


def entry_vector(fr: Mapping[str, float], en: Mapping[str, float] | None, bilingual: Mapping[str, float],
                 *, confidence: float) -> list[float]:
    """One entry's ENTRY_FEATURES: its French and English monolingual features, the bilingual ones."""
    english = en or {}
    return [
        *(fr[name] for name in MONOLINGUAL_FEATURES),
        *(english.get(name, 0.0) for name in MONOLINGUAL_FEATURES),
        *(bilingual[name] for name in BILINGUAL_FEATURES),
        confidence,
    ]


def fit_review_model(vectors: np.ndarray, termhoods: Sequence[float], kept: Sequence[bool], *,
                     embeddings: np.ndarray | None = None, keys: Sequence[frozenset[str]] | None = None,
                     contexts: Contexts | None = None,
                     settings: ReviewSettings = DEFAULT_SETTINGS) -> ReviewModel | None:
    """The model of these decisions; None below MIN_DECISIONS or when they are all of one kind.

    `embeddings`, `keys` and `contexts` are the decided entries' (same order
    as `vectors`); without them the model has no neighbour, word-and-kind or
    context correction.
    Deterministic: L-BFGS from zero weights on a convex loss, then sums.
    """
    labels = np.asarray(kept, dtype=float)
    if len(labels) < MIN_DECISIONS or labels.all() or not labels.any():
        return None
    x = np.asarray(vectors, dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0  # a feature constant among the decisions teaches nothing
    standard = (x - mean) / scale
    offset = _logits(termhoods)
    count = len(labels)
    penalty = settings.penalty

    def loss(parameters: np.ndarray) -> tuple[float, np.ndarray]:
        weights, intercept = parameters[:-1], parameters[-1]
        logits = offset + standard @ weights + intercept
        probabilities = 1.0 / (1.0 + np.exp(-logits))
        log_loss = np.logaddexp(0.0, logits) - labels * logits
        error = probabilities - labels
        value = log_loss.sum() / count + penalty * float(weights @ weights)
        gradient = np.append(standard.T @ error / count + 2 * penalty * weights, error.sum() / count)
        return value, gradient

    result = minimize(loss, np.zeros(standard.shape[1] + 1), jac=True, method="L-BFGS-B")
    weights, intercept = result.x[:-1], float(result.x[-1])
    fitted = offset + standard @ weights + intercept
    # What the feature correction did not foresee: the part of each decision the resemblances carry over.
    residuals = labels - 1.0 / (1.0 + np.exp(-fitted))
    resemblance = fit_resemblance(embeddings, keys if keys is not None else [frozenset()] * count, residuals,
                                  floor_similarity=settings.floor_similarity,
                                  word_pseudocount=settings.word_pseudocount)
    context = fit_context(contexts, residuals) if contexts is not None else None
    return ReviewModel(tuple(mean), tuple(scale), tuple(float(w) for w in weights), intercept,
                       decisions=count, kept=int(labels.sum()), resemblance=resemblance, settings=settings,
                       context=context)


def review_order(termhoods: Sequence[float]) -> list[int]:
    """Indices of `termhoods`, least sure first (nearest UNSURE), ties by position."""
    return sorted(range(len(termhoods)), key=lambda index: (abs(termhoods[index] - UNSURE), index))


def _logits(probabilities: Sequence[float]) -> np.ndarray:
    clipped = np.clip(np.asarray(probabilities, dtype=float), _EPSILON, 1 - _EPSILON)
    return np.log(clipped / (1 - clipped))


def decision_key(fr: str, en: str) -> tuple[str, str]:
    """A pair of terms as decisions are matched to entries: NFC, case-folded, one space, straight apostrophes."""
    return _term_key(fr), _term_key(en)


def _term_key(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Reranking:
    """Entries re-scored by a project's review model, and what the model learnt from."""

    entries: tuple[TermEntry, ...]
    model: ReviewModel | None

    @property
    def description(self) -> str:
        """One line for the term base's About sheet."""
        if self.model is None:
            return "termhood calibrated on annotated term lists (ACTER)"
        return (f"termhood re-estimated from this project's {self.model.decisions} review decisions "
                f"({self.model.kept} validated), their features, meanings, words and contexts")


def rerank_entries(entries: Sequence[TermEntry], vectors: Sequence[Sequence[float]],
                   decisions: Mapping[tuple[str, str], bool], *, embed: Embed | None = None,
                   contexts: Contexts | None = None, settings: ReviewSettings = DEFAULT_SETTINGS,
                   embedded_terms: Sequence[tuple[str, str]] | None = None) -> Reranking:
    """Re-score `entries` (with their ENTRY_FEATURES `vectors`, same order) from the `decisions` they match.

    With fewer than MIN_DECISIONS matching decisions (or only one kind) the
    entries come back unchanged. Otherwise every entry's termhood is the
    model's probability and the entries are sorted by it, best first.
    `embed` (texts -> unit vectors, the project's embedder) gives the
    neighbour correction, `contexts` (glossary.rank.context.entry_contexts of
    the entries, same order) the context corrections; without them those
    corrections are left out. `embedded_terms` are the strings `embed` is
    given for each entry (same order; by default its written French and
    English terms): the canonical forms pairing embedded already, so that a
    cached embedder embeds nothing twice.
    """
    matched = [(index, decisions[key]) for index, entry in enumerate(entries)
               if (key := decision_key(entry.fr, entry.en)) in decisions]
    if len(matched) < MIN_DECISIONS:
        return Reranking(tuple(entries), None)
    labels = [kept for _, kept in matched]
    if all(labels) or not any(labels):
        return Reranking(tuple(entries), None)
    x = np.asarray(vectors, dtype=float)
    prior = [entry.termhood for entry in entries]
    keys = [entry_keys((entry.fr, entry.en), entry.pos, entry.label) for entry in entries]
    if embedded_terms is None:
        embedded_terms = [(entry.fr, entry.en) for entry in entries]
    embeddings = entry_embeddings(embedded_terms, embed) if embed is not None else None
    decided = [index for index, _ in matched]
    model = fit_review_model(x[decided], [prior[i] for i in decided], labels,
                             embeddings=embeddings[decided] if embeddings is not None else None,
                             keys=[keys[i] for i in decided],
                             contexts=contexts.rows(decided) if contexts is not None else None, settings=settings)
    assert model is not None  # enough decisions of both kinds, checked above
    probabilities = model.probabilities(x, prior, embeddings=embeddings, keys=keys, contexts=contexts)
    order = sorted(range(len(entries)), key=lambda i: (-probabilities[i], i))
    rescored = tuple(replace(entries[i], termhood=round(float(probabilities[i]), 6)) for i in order)
    return Reranking(rescored, model)
