"""What a reviewer's decisions say about the entries that resemble them: meaning and shared words.

The termhood features (glossary.rank.features) describe the shape of a
candidate, not what it is about, so a model over them cannot learn that this
project rejects "study", "result" and "analysis" and will reject "method"
too, or that after "HF hospitalization" and "HF risk" were rejected "HF
mortality" will be. Two corrections carry that over, each computed from the
residuals of the decided entries (kept = 1, rejected = 0, minus what the
feature model predicted for them), so that a decision the model already
expected moves nothing:

- neighbours in meaning: the residuals of the decided entries most similar to
  an entry in the embedder's space (the multilingual USE places "jument" near
  "cheval", "method" near "analysis"), weighted by a kernel of the cosine
  similarity, shrunk towards 0 when no decided entry is close;
- edge words and kind: for a multiword term, the mean residual of the
  decided multiword terms that open with the same word, and of those that
  close with the same word (head and modifier, whatever the language's word
  order); for every entry, that of the decided entries of its kind (part of
  speech and label: a project may keep acronyms and reject proper nouns
  labelled as terms), each shrunk by a pseudo-count and summed.

Both are log-odds corrections; glossary.rank.review adds them, weighted, to
the feature model's log-odds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

# Decided entries an entry's neighbour correction reads (the most similar ones).
NEIGHBOURS = 20
# Width of the similarity kernel exp((cosine - 1) / SCALE): a neighbour at
# cosine 0.9 weighs e^-1 of an identical one. Chosen with
# benchmarks/bench_reviewer.py (0.05 and 0.2 did no better).
SIMILARITY_SCALE = 0.1
# Strings embedded per call: keeps the embedder's working memory small.
EMBED_BATCH = 512
# Words of a term as the edge-word correction reads them.
_WORD = re.compile(r"[\w-]+")

Embed = Callable[[Sequence[str]], np.ndarray]


def entry_embeddings(terms: Sequence[Sequence[str]], embed: Embed) -> np.ndarray:
    """One unit vector per entry: the normalised sum of its terms' embeddings (empty terms skipped).

    `terms` holds each entry's terms (French, English); the embedder is
    multilingual, so an entry with one side only is comparable to one with both.
    """
    texts = sorted({text for entry in terms for text in entry if text.strip()})
    if not texts:
        return np.zeros((len(terms), 1))
    parts = [np.asarray(embed(texts[k:k + EMBED_BATCH]), dtype=float) for k in range(0, len(texts), EMBED_BATCH)]
    matrix = np.vstack(parts)
    row = {text: index for index, text in enumerate(texts)}
    summed = np.zeros((len(terms), matrix.shape[1]))
    for index, entry in enumerate(terms):
        for text in entry:
            if text.strip():
                summed[index] += matrix[row[text]]
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return summed / norms


def entry_keys(terms: Sequence[str], pos: str, label: str) -> frozenset[str]:
    """What the word-and-kind correction reads of an entry: its edge_keys and its kind (part of speech, label)."""
    return edge_keys(terms) | {f"kind:{pos}:{label}"}


def edge_keys(terms: Sequence[str]) -> frozenset[str]:
    """The first and last words of each multiword term, keyed by side (0 French, 1 English) and end."""
    keys = set()
    for side, term in enumerate(terms):
        words = _WORD.findall(term.casefold())
        if len(words) >= 2:
            keys.add(f"{side}:first:{words[0]}")
            keys.add(f"{side}:last:{words[-1]}")
    return frozenset(keys)


@dataclass(frozen=True)
class Resemblance:
    """The decided entries' residuals, by embedding and by edge word, ready to correct other entries."""

    vectors: np.ndarray  # unit rows, one per decided entry; shape (0, d) without an embedder
    residuals: tuple[float, ...]
    words: Mapping[str, float]  # entry key -> shrunk mean residual of the decided entries that hold it
    floor: float  # the kernel weight of "no close decided entry", which pulls the correction to 0

    def neighbour_correction(self, vectors: np.ndarray) -> np.ndarray:
        """Kernel-weighted mean residual of each row's NEIGHBOURS most similar decided entries."""
        rows = np.asarray(vectors, dtype=float)
        if not len(self.residuals) or self.vectors.shape[0] == 0 or rows.shape[1] != self.vectors.shape[1]:
            return np.zeros(len(rows))
        residuals = np.array(self.residuals)
        count = min(NEIGHBOURS, len(residuals))
        result = np.empty(len(rows))
        for start in range(0, len(rows), EMBED_BATCH):
            similarity = rows[start:start + EMBED_BATCH] @ self.vectors.T
            nearest = np.argpartition(-similarity, count - 1, axis=1)[:, :count]
            weights = np.exp((np.take_along_axis(similarity, nearest, axis=1) - 1.0) / SIMILARITY_SCALE)
            result[start:start + EMBED_BATCH] = (weights * residuals[nearest]).sum(axis=1) / (weights.sum(axis=1)
                                                                                              + self.floor)
        return result

    def word_correction(self, keys: Sequence[frozenset[str]]) -> np.ndarray:
        """Sum over each entry's keys (entry_keys) of the decided entries' shrunk mean residual for that key."""
        return np.array([sum(self.words.get(key, 0.0) for key in entry) for entry in keys])


def fit_resemblance(vectors: np.ndarray | None, keys: Sequence[frozenset[str]], residuals: Sequence[float], *,
                    floor_similarity: float, word_pseudocount: float) -> Resemblance:
    """The Resemblance of decided entries (their embeddings, entry keys and residuals, same order).

    `floor_similarity`: the cosine at which one decided neighbour weighs as much
    as the pull towards no correction; `word_pseudocount`: decisions of residual
    0 added to every key, so that a word met in one decision moves little.
    """
    totals: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for entry, residual in zip(keys, residuals, strict=True):
        for key in entry:
            totals[key] += residual
            counts[key] += 1
    words = {key: totals[key] / (counts[key] + word_pseudocount) for key in totals}
    matrix = np.zeros((0, 1)) if vectors is None else np.asarray(vectors, dtype=float)
    floor = float(np.exp((floor_similarity - 1.0) / SIMILARITY_SCALE))
    return Resemblance(matrix, tuple(float(r) for r in residuals), words, floor)
