"""Learning from the reviewer: re-rank the candidates with a model of this project's own decisions.

A terminologist's statuses (validated, rejected) are labels. Once a project
holds MIN_DECISIONS of them, with both kinds among them, a logistic model is
fitted on the decided entries and its probability becomes the termhood of
every entry: the estimated chance that *this* reviewer keeps it. The model
starts from the calibrated termhood (its log-odds are an offset, not a
feature to re-learn) and learns a correction over the entries' features
(glossary.rank.features, both languages and the bilingual ones), held back
by an L2 penalty. Without the offset, a model of the first hundred entries -
nearly all kept, since they are the best ranked - learns what separates the
few rejections among them and ruins the order of everything after (measured
on ACTER: -0.26 precision of the next 300; benchmarks/bench_reviewer.py).
`review_order` lists first the candidates the model is least sure of
(probability nearest one half), the decisions that teach it most.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import minimize

from glossary.rank.features import BILINGUAL_FEATURES, MONOLINGUAL_FEATURES
from glossary.termbase import TermEntry

# Decisions a project needs before its own model replaces the calibrated
# termhood (below it a model of a few decisions mostly learns noise).
MIN_DECISIONS = 20
# L2 penalty on the standardised correction weights, per decision so that it
# does not fade as decisions accumulate. Chosen on ACTER with
# benchmarks/bench_reviewer.py among 0.01, 0.03, 0.1, 0.3 and 1 (mean change of
# the next-300 precision -0.09, -0.01, +0.03, +0.03, +0.04; 0.3 is the least
# that never costs more than 0.03 on a domain).
REVIEW_PENALTY = 0.3
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
class ReviewModel:
    """A correction of the calibrated termhood learnt from one project's decisions."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    decisions: int
    kept: int

    def probabilities(self, vectors: np.ndarray, termhoods: Sequence[float]) -> np.ndarray:
        """Estimated probability that the reviewer keeps each entry (rows of `vectors`, prior `termhoods`)."""
        standard = (np.asarray(vectors, dtype=float) - np.array(self.mean)) / np.array(self.scale)
        logits = _logits(termhoods) + standard @ np.array(self.weights) + self.intercept
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


def fit_review_model(vectors: np.ndarray, termhoods: Sequence[float], kept: Sequence[bool]) -> ReviewModel | None:
    """The model of these decisions; None below MIN_DECISIONS or when they are all of one kind.

    Deterministic: L-BFGS from zero weights on a convex loss.
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

    def loss(parameters: np.ndarray) -> tuple[float, np.ndarray]:
        weights, intercept = parameters[:-1], parameters[-1]
        logits = offset + standard @ weights + intercept
        probabilities = 1.0 / (1.0 + np.exp(-logits))
        log_loss = np.logaddexp(0.0, logits) - labels * logits
        error = probabilities - labels
        value = log_loss.sum() / count + REVIEW_PENALTY * float(weights @ weights)
        gradient = np.append(standard.T @ error / count + 2 * REVIEW_PENALTY * weights, error.sum() / count)
        return value, gradient

    result = minimize(loss, np.zeros(standard.shape[1] + 1), jac=True, method="L-BFGS-B")
    weights, intercept = result.x[:-1], float(result.x[-1])
    return ReviewModel(tuple(mean), tuple(scale), tuple(float(w) for w in weights), intercept,
                       decisions=count, kept=int(labels.sum()))


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
                f"({self.model.kept} validated)")


def rerank_entries(entries: Sequence[TermEntry], vectors: Sequence[Sequence[float]],
                   decisions: Mapping[tuple[str, str], bool]) -> Reranking:
    """Re-score `entries` (with their ENTRY_FEATURES `vectors`, same order) from the `decisions` they match.

    With fewer than MIN_DECISIONS matching decisions (or only one kind) the
    entries come back unchanged. Otherwise every entry's termhood is the
    model's probability and the entries are sorted by it, best first.
    """
    matched = [(index, decisions[key]) for index, entry in enumerate(entries)
               if (key := decision_key(entry.fr, entry.en)) in decisions]
    if len(matched) < MIN_DECISIONS:
        return Reranking(tuple(entries), None)
    x = np.asarray(vectors, dtype=float)
    prior = [entry.termhood for entry in entries]
    model = fit_review_model(x[[i for i, _ in matched]], [prior[i] for i, _ in matched], [kept for _, kept in matched])
    if model is None:
        return Reranking(tuple(entries), None)
    probabilities = model.probabilities(x, prior)
    order = sorted(range(len(entries)), key=lambda i: (-probabilities[i], i))
    rescored = tuple(replace(entries[i], termhood=round(float(probabilities[i]), 6)) for i in order)
    return Reranking(rescored, model)
