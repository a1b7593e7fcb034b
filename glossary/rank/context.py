"""What surrounds an entry in the corpus, and what the reviewer's decisions say about entries in like surroundings.

Two views of an entry's contexts, each a TF-IDF vector computed on this
corpus alone (nothing learnt elsewhere is shipped):

- neighbour words: the word (or punctuation mark) just before and just after
  each occurrence of its terms, marked by side ("L:et", "R:al"). A reviewer
  who rejects names cited as "Dupont et al." or codes written "(ACK05)"
  rejects the candidates found in the same slots; one who keeps "the X
  ratio" keeps what fills that X;
- segment words: the words of the segments it occurs in (their mean TF-IDF
  row): a project whose reviewer rejects what comes from a bibliography, a
  Turkish abstract or a table rejects the candidates of like segments.

For each view, the residuals of the decided entries (kept = 1, rejected = 0,
minus what the feature correction predicted: glossary.rank.review) are
carried to every entry by kernel ridge regression over the cosine of these
vectors: unlike a mean of the nearest neighbours, the ridge does not count
ten decisions in one corner ten times. glossary.rank.review adds the two
corrections, weighted, to the log-odds.

Measured with benchmarks/bench_reviewer.py (ACTER, 100 decisions, precision
of the next 300; benchmarks/RESULTS.md "Reviewer simulation").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

# Words read on each side of an occurrence. 1 did best on the ACTER simulation
# (mean change +0.117 in-sample over the six lists; 2 words +0.113, 3 words with
# their distance marked +0.115, 3 words unmarked +0.104).
WINDOW = 1
# Segments of an entry that its vectors read (the first ones): the most frequent
# terms occur in thousands, and a hundred say as much of their surroundings.
MAX_SEGMENTS = 100
# A word in fewer entries (neighbour words) or segments (segment words) than
# this is left out: it can make no two entries alike.
MIN_DOCUMENT_FREQUENCY = 2
# Width of the kernel exp((cosine - 1) / CONTEXT_SCALE) and the ridge added to
# its diagonal. Chosen with benchmarks/bench_reviewer.py among scales 0.5, 1, 2
# and ridges 0.3, 1, 3 (with them in the held-out grid, the held-out mean
# change was +0.109 against +0.113 with these two fixed).
CONTEXT_SCALE = 1.0
CONTEXT_RIDGE = 1.0

_TOKEN = re.compile(r"\w+|[^\w\s]")
# The words of a segment as its segment-word vector reads them (two letters or more).
_SEGMENT_WORD = re.compile(r"\b\w\w+\b")


@dataclass(frozen=True)
class Occurrences:
    """Where an entry occurs: the texts of its segments and its terms as written there."""

    texts: tuple[str, ...]
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Contexts:
    """Each entry's neighbour-word and segment-word vectors (unit TF-IDF rows, one per entry, same order)."""

    neighbours: sparse.csr_matrix
    segments: sparse.csr_matrix

    def rows(self, indices: Sequence[int]) -> Contexts:
        return Contexts(self.neighbours[list(indices)], self.segments[list(indices)])

    def __len__(self) -> int:
        return self.neighbours.shape[0]


def entry_contexts(occurrences: Sequence[Occurrences]) -> Contexts:
    """The Contexts of entries from their Occurrences (the first MAX_SEGMENTS texts of each)."""
    tokens: dict[str, list[str]] = {}
    positions: dict[str, dict[str, list[int]]] = {}
    neighbour_documents = []
    for entry in occurrences:
        forms = {tuple(token.casefold() for token in _TOKEN.findall(form)) for form in entry.forms}
        forms.discard(())
        words: list[str] = []
        for text in _unique(entry.texts)[:MAX_SEGMENTS]:
            if text not in tokens:
                tokens[text] = [token.casefold() for token in _TOKEN.findall(text)]
                index: dict[str, list[int]] = {}
                for position, token in enumerate(tokens[text]):
                    index.setdefault(token, []).append(position)
                positions[text] = index
            words.extend(_neighbour_words(tokens[text], positions[text], forms))
        neighbour_documents.append(words)
    neighbours = _tfidf(neighbour_documents)
    texts = sorted(tokens)
    rows = {text: number for number, text in enumerate(texts)}
    segment_rows = _tfidf([_SEGMENT_WORD.findall(text.casefold()) for text in texts])
    entry_rows, segment_columns, shares = [], [], []
    for number, entry in enumerate(occurrences):
        read = [rows[text] for text in _unique(entry.texts)[:MAX_SEGMENTS]]
        entry_rows.extend([number] * len(read))
        segment_columns.extend(read)
        shares.extend([1.0 / len(read)] * len(read) if read else [])
    # Each entry's row: the mean of its segments' rows.
    membership = sparse.csr_matrix((shares, (entry_rows, segment_columns)), shape=(len(occurrences), len(texts)))
    segments = _unit_rows(membership @ segment_rows)
    return Contexts(neighbours, segments)


def _neighbour_words(tokens: list[str], index: dict[str, list[int]], forms: set[tuple[str, ...]]) -> list[str]:
    words = []
    for form in forms:
        for start in index.get(form[0], ()):
            end = start + len(form)
            if tuple(tokens[start:end]) != form:
                continue
            words.extend(f"L:{word}" for word in tokens[max(0, start - WINDOW):start])
            words.extend(f"R:{word}" for word in tokens[end:end + WINDOW])
    return words


def _tfidf(documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """Unit TF-IDF rows of `documents` (lists of words): (1 + log count) x smoothed idf.

    The idf is log((1 + documents) / (1 + documents with the word)) + 1;
    words in fewer than MIN_DOCUMENT_FREQUENCY documents are left out.
    """
    counts = [Counter(document) for document in documents]
    frequency = Counter(word for count in counts for word in count)
    vocabulary = {word: column for column, word in
                  enumerate(sorted(word for word, df in frequency.items() if df >= MIN_DOCUMENT_FREQUENCY))}
    idf = np.array([np.log((1 + len(documents)) / (1 + frequency[word])) + 1 for word in vocabulary])
    rows, columns, values = [], [], []
    for row, count in enumerate(counts):
        for word, n in count.items():
            if word in vocabulary:
                rows.append(row)
                columns.append(vocabulary[word])
                values.append((1 + np.log(n)) * idf[vocabulary[word]])
    matrix = sparse.csr_matrix((values, (rows, columns)), shape=(len(documents), len(vocabulary)))
    return _unit_rows(matrix)


def _unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def _unique(texts: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(text for text in texts if text.strip()))


@dataclass(frozen=True)
class ContextResemblance:
    """Kernel ridge regressions of the decided entries' residuals over their two context vectors."""

    decided: Contexts
    neighbour_weights: tuple[float, ...]  # the ridge's coefficients, one per decided entry
    segment_weights: tuple[float, ...]

    def corrections(self, contexts: Contexts) -> tuple[np.ndarray, np.ndarray]:
        """The neighbour-word and the segment-word correction of each entry of `contexts`."""
        return (_kernel(contexts.neighbours, self.decided.neighbours) @ np.array(self.neighbour_weights),
                _kernel(contexts.segments, self.decided.segments) @ np.array(self.segment_weights))


def fit_context(decided: Contexts, residuals: Sequence[float]) -> ContextResemblance:
    """The ContextResemblance of decided entries (their Contexts and residuals, same order)."""
    values = np.asarray(residuals, dtype=float)

    def ridge(vectors: sparse.csr_matrix) -> tuple[float, ...]:
        gram = _kernel(vectors, vectors)
        return tuple(float(w) for w in np.linalg.solve(gram + CONTEXT_RIDGE * np.eye(len(values)), values))

    return ContextResemblance(decided, ridge(decided.neighbours), ridge(decided.segments))


def _kernel(rows: sparse.csr_matrix, decided: sparse.csr_matrix) -> np.ndarray:
    """exp((cosine - 1) / CONTEXT_SCALE) between unit rows; an entry with no context word is at cosine 0."""
    cosine = np.asarray((rows @ decided.T).todense()) if rows.shape[1] else np.zeros((rows.shape[0], decided.shape[0]))
    return np.exp((cosine - 1.0) / CONTEXT_SCALE)
