"""Match each French document to its English original.

Documents that share a UN symbol (A/79/923, S/2025/341) are paired first; the
rest are paired by content: the cosine of document vectors, helped by the
numbers (dates, resolution numbers) the two texts share. Every document that
finds no partner is reported in Pairing.unpaired_fr / unpaired_en, never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from aligner.read.document import Document
from aligner.embed import Embedder, normalise_rows
from aligner.align.numbers import numbers_in

SYMBOL = "symbol"
CONTENT = "content"

# A document's opening (masthead, title, first paragraphs) says what it is
# about; capping what is embedded keeps pairing cheap for book-length files.
VECTOR_PARAGRAPHS = 40
VECTOR_PARAGRAPH_CHARS = 500

# Measured with the bundled USE embedder. Bundled corpus: the right pairs
# have document cosines 0.880 (Berlin) and 0.908 (Peru), the wrong ones 0.602
# and 0.604. UNPC devset (591 UN documents of 2015 with 3-5 sentences each, so
# noisier than whole documents): right pairs median 0.846, 5th percentile
# 0.732; wrong pairs median 0.10, 99.9th percentile 0.58. At 0.70, 2.2% of those
# short right pairs fall under the floor and 45 of 348,690 wrong pairs clear it
# (the highest: addenda of one series, E/2015/9/Add.5/8/10, which symbols pair).
# A missed pair is reported as unpaired; a wrong pair yields a useless alignment.
MIN_CONTENT_SIMILARITY = 0.70
# Shared numbers (dates, resolution numbers, figures; Jaccard of the two sets)
# help choose among candidates that clear the floor: right pairs share a median
# 0.86 of their numbers, wrong ones 0.33 at the 99th percentile. They never lift
# a pair over the floor: on UNPC that admitted as many wrong pairs as it rescued.
NUMBER_EVIDENCE_WEIGHT = 0.1


@dataclass(frozen=True)
class DocumentPair:
    """A French document and its English original."""

    fr: Document
    en: Document
    method: str  # SYMBOL or CONTENT
    similarity: float  # cosine of the two document vectors, in [0, 1]


@dataclass(frozen=True)
class Pairing:
    """The pairs found, and every document left without a partner."""

    pairs: tuple[DocumentPair, ...]
    unpaired_fr: tuple[Document, ...]
    unpaired_en: tuple[Document, ...]


def pair_documents(
    fr_docs: Sequence[Document], en_docs: Sequence[Document], embedder: Embedder
) -> Pairing:
    """Pair French and English documents one to one: by symbol, then by content."""
    fr_docs = sorted(fr_docs, key=_sort_key)
    en_docs = sorted(en_docs, key=_sort_key)
    similarity = document_similarities(fr_docs, en_docs, embedder)

    by_symbol = _pair_by_symbol(fr_docs, en_docs, similarity)
    taken_fr = {i for i, _ in by_symbol}
    taken_en = {j for _, j in by_symbol}
    free_fr = [i for i in range(len(fr_docs)) if i not in taken_fr]
    free_en = [j for j in range(len(en_docs)) if j not in taken_en]
    by_content = _pair_by_content(fr_docs, en_docs, free_fr, free_en, similarity)

    pairs = [
        DocumentPair(fr_docs[i], en_docs[j], method, _clip(similarity[i, j]))
        for method, found in ((SYMBOL, by_symbol), (CONTENT, by_content))
        for i, j in found
    ]
    pairs.sort(key=lambda pair: _sort_key(pair.fr))
    paired_fr = taken_fr | {i for i, _ in by_content}
    paired_en = taken_en | {j for _, j in by_content}
    return Pairing(
        pairs=tuple(pairs),
        unpaired_fr=tuple(doc for i, doc in enumerate(fr_docs) if i not in paired_fr),
        unpaired_en=tuple(doc for j, doc in enumerate(en_docs) if j not in paired_en),
    )


def document_similarities(
    fr_docs: Sequence[Document], en_docs: Sequence[Document], embedder: Embedder
) -> np.ndarray:
    """The (French x English) cosine matrix of document vectors."""
    if not fr_docs or not en_docs:
        return np.zeros((len(fr_docs), len(en_docs)), dtype=np.float32)
    vectors = document_vectors([*fr_docs, *en_docs], embedder)
    return vectors[: len(fr_docs)] @ vectors[len(fr_docs) :].T


def document_vectors(docs: Sequence[Document], embedder: Embedder) -> np.ndarray:
    """One unit vector per document: the length-weighted mean of its opening paragraphs."""
    texts: list[str] = []
    owners: list[int] = []
    for index, doc in enumerate(docs):
        opening = [p.text.strip() for p in doc.paragraphs if p.text.strip()][:VECTOR_PARAGRAPHS]
        for text in opening:
            texts.append(text[:VECTOR_PARAGRAPH_CHARS])
            owners.append(index)
    vectors = np.zeros((len(docs), 0), dtype=np.float32)
    if texts:
        embedded = np.asarray(embedder.encode(texts), dtype=np.float32)
        weights = np.array([len(text) for text in texts], dtype=np.float32)
        vectors = np.zeros((len(docs), embedded.shape[1]), dtype=np.float32)
        np.add.at(vectors, np.array(owners), embedded * weights[:, None])
    return normalise_rows(vectors)


def _pair_by_symbol(
    fr_docs: Sequence[Document], en_docs: Sequence[Document], similarity: np.ndarray
) -> list[tuple[int, int]]:
    # A French document may share symbols with several English ones (a
    # corrigendum, a joint document filed twice): the most shared symbols win,
    # then the closest content, one to one.
    shared = np.array(
        [[len(set(fr.symbols) & set(en.symbols)) for en in en_docs] for fr in fr_docs],
        dtype=np.float64,
    ).reshape(len(fr_docs), len(en_docs))
    if not shared.any():
        return []
    gain = np.where(shared > 0, 10.0 * shared + 1.0 + similarity, 0.0)
    return _assign(gain)


def _pair_by_content(
    fr_docs: Sequence[Document],
    en_docs: Sequence[Document],
    free_fr: list[int],
    free_en: list[int],
    similarity: np.ndarray,
) -> list[tuple[int, int]]:
    if not free_fr or not free_en:
        return []
    cosine = similarity[np.ix_(free_fr, free_en)].astype(np.float64)
    fr_numbers = [_number_set(fr_docs[i]) for i in free_fr]
    en_numbers = [_number_set(en_docs[j]) for j in free_en]
    overlap = np.array([[_jaccard(a, b) for b in en_numbers] for a in fr_numbers])
    # Pairs under the floor gain nothing, so the assignment never trades a
    # good pair for a bad one, and they are dropped afterwards.
    gain = np.where(cosine >= MIN_CONTENT_SIMILARITY, cosine + NUMBER_EVIDENCE_WEIGHT * overlap, 0.0)
    return [(free_fr[r], free_en[c]) for r, c in _assign(gain)]


def _assign(gain: np.ndarray) -> list[tuple[int, int]]:
    """The one-to-one matching with the largest total gain; zero-gain cells are never paired."""
    rows, cols = linear_sum_assignment(gain, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols) if gain[r, c] > 0]


def _number_set(doc: Document) -> set[str]:
    return {number for p in doc.paragraphs for number in numbers_in(p.text)}


def _jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def _clip(value: float) -> float:
    return float(min(1.0, max(0.0, value)))


def _sort_key(doc: Document) -> tuple[str, str]:
    return (doc.path.name, str(doc.path))
