"""Align a French document with its English original: paragraphs, then sentences.

Paragraph vectors are composed from the vectors of their sentences, so every
sentence is embedded exactly once. Paragraphs are aligned first; sentences are
then aligned inside each group of aligned paragraphs, which keeps sentence
links from crossing paragraph boundaries that the two texts share.

split="lines" is for pre-segmented bitexts: each line is one sentence and one
paragraph, and the sentences are aligned over the whole document at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from aligner.read.document import Document
from aligner.align.dp import AlignParams, Bead, align_vectors
from aligner.embed import Embedder
from aligner.align.flags import link_flags, similarity_score
from aligner.align.links import (
    LONG_SENTENCE_CUT, NO_ORIGINAL, OMISSION, PARAGRAPH, SENTENCE, DocumentAlignment, Link,
)
from aligner.errors import InputFileError
from aligner.segment import MAX_SENTENCE_CHARS, cut_long_sentence, split_sentences

SPLIT_MODES = ("auto", "lines")
# On the Text+Berg dev document, members of wrong merged links fall below this
# cosine with the other side 3.5 times as often as members of right ones
# (17 of 47 wrong merges caught, 10 of 96 right ones flagged for a look).
MEMBER_UNMATCHED_COSINE = 0.10


@dataclass(frozen=True)
class Segmented:
    """A document cut into sentences, remembering which paragraph each came from."""

    sentences: tuple[str, ...]
    paragraph_of: tuple[int, ...]  # sentence index -> paragraph index
    paragraphs: tuple[str, ...]
    cut: frozenset[int] = frozenset()  # sentences that are pieces of an over-long one


def segment_document(document: Document, split: str = "auto") -> Segmented:
    """Sentences of a document (one per non-empty line with split='lines').

    A sentence over MAX_SENTENCE_CHARS is cut into pieces (see
    aligner.segment.cut_long_sentence) that are aligned as sentences, so that
    memory stays bounded whatever the input. A pre-segmented line is the
    user's own unit and its index is its line number: an over-long one is an
    error rather than a silent renumbering.
    """
    sentences: list[str] = []
    owners: list[int] = []
    paragraphs: list[str] = []
    cut: set[int] = set()
    for index, paragraph in enumerate(document.paragraphs):
        text = paragraph.text
        paragraphs.append(text)
        if split == "lines":
            if len(text) > MAX_SENTENCE_CHARS:
                raise InputFileError(
                    f"{document.path}: line {index + 1} has {len(text):,} characters, over the "
                    f"{MAX_SENTENCE_CHARS:,} a sentence may have; split it into sentences, "
                    "or align without --split lines"
                )
            pieces = [text]
        else:
            pieces = []
            for sentence in split_sentences(text, document.language):
                parts = cut_long_sentence(sentence)
                if len(parts) > 1:
                    cut.update(range(len(sentences) + len(pieces), len(sentences) + len(pieces) + len(parts)))
                pieces.extend(parts)
        for sentence in pieces:
            sentences.append(sentence)
            owners.append(index)
    return Segmented(tuple(sentences), tuple(owners), tuple(paragraphs), frozenset(cut))


def align_documents(
    fr: Document,
    en: Document,
    embedder: Embedder,
    *,
    split: str = "auto",
    params: AlignParams = AlignParams(),
    on_progress: Callable[[str], None] | None = None,
) -> DocumentAlignment:
    """Paragraph and sentence links between a French document and its English original."""
    return align_segmented(
        segment_document(fr, split), segment_document(en, split), embedder,
        fr_name=fr.name, en_name=en.name, fr_symbol=fr.symbol, en_symbol=en.symbol,
        split=split, params=params, on_progress=on_progress,
    )


def align_segmented(
    fr_seg: Segmented,
    en_seg: Segmented,
    embedder: Embedder,
    *,
    fr_name: str,
    en_name: str,
    fr_symbol: str | None = None,
    en_symbol: str | None = None,
    split: str = "auto",
    params: AlignParams = AlignParams(),
    on_progress: Callable[[str], None] | None = None,
) -> DocumentAlignment:
    """align_documents over documents already cut into sentences (a stored or shipped job's input)."""
    if on_progress:
        on_progress(f"embedding {len(fr_seg.sentences) + len(en_seg.sentences)} sentences")
        if fr_seg.cut or en_seg.cut:
            on_progress(f"{len(fr_seg.cut) + len(en_seg.cut)} pieces of sentences over "
                        f"{MAX_SENTENCE_CHARS:,} characters, flagged {LONG_SENTENCE_CUT}")
    fr_vectors = _embed(embedder, fr_seg.sentences)
    en_vectors = _embed(embedder, en_seg.sentences)
    fr_lengths = _lengths(fr_seg.sentences)
    en_lengths = _lengths(en_seg.sentences)
    length_ratio = (en_lengths.sum() + 1.0) / (fr_lengths.sum() + 1.0)

    if split == "lines":
        beads = align_vectors(fr_vectors, en_vectors, fr_lengths, en_lengths, params)
        sentence_links = _links(beads, SENTENCE, fr_seg.sentences, en_seg.sentences, length_ratio,
                                (fr_vectors, en_vectors))
        paragraph_links = tuple(
            Link(PARAGRAPH, link.fr_index, link.en_index, link.fr, link.en, link.score, link.flags)
            for link in sentence_links
        )
    else:
        fr_par_vectors, fr_par_lengths = _compose(fr_vectors, fr_lengths, fr_seg.paragraph_of, len(fr_seg.paragraphs))
        en_par_vectors, en_par_lengths = _compose(en_vectors, en_lengths, en_seg.paragraph_of, len(en_seg.paragraphs))
        paragraph_beads = align_vectors(fr_par_vectors, en_par_vectors, fr_par_lengths, en_par_lengths, params)
        paragraph_links = _links(paragraph_beads, PARAGRAPH, fr_seg.paragraphs, en_seg.paragraphs, length_ratio)
        sentence_beads = _sentences_within(paragraph_beads, fr_seg, en_seg, fr_vectors, en_vectors,
                                           fr_lengths, en_lengths, params)
        sentence_links = _links(sentence_beads, SENTENCE, fr_seg.sentences, en_seg.sentences, length_ratio,
                                (fr_vectors, en_vectors), (fr_seg.cut, en_seg.cut))
    return DocumentAlignment(
        fr_doc=fr_name, en_doc=en_name,
        paragraph_links=paragraph_links, sentence_links=sentence_links,
        fr_symbol=fr_symbol, en_symbol=en_symbol,
    )


def french_only(fr: Document, *, split: str = "auto") -> DocumentAlignment:
    """Links for a French document whose English original was not found."""
    return french_only_segmented(segment_document(fr, split), fr_name=fr.name, fr_symbol=fr.symbol)


def french_only_segmented(seg: Segmented, *, fr_name: str, fr_symbol: str | None = None) -> DocumentAlignment:
    """french_only over a document already cut into sentences."""
    paragraphs = tuple(Link(PARAGRAPH, (i,), (), text, "", 0.0, (NO_ORIGINAL,))
                       for i, text in enumerate(seg.paragraphs))
    sentences = tuple(Link(SENTENCE, (i,), (), text, "", 0.0,
                           (NO_ORIGINAL, LONG_SENTENCE_CUT) if i in seg.cut else (NO_ORIGINAL,))
                      for i, text in enumerate(seg.sentences))
    return DocumentAlignment(fr_doc=fr_name, en_doc=None, paragraph_links=paragraphs,
                             sentence_links=sentences, fr_symbol=fr_symbol)


def _embed(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    return np.asarray(embedder.encode(list(texts)), dtype=np.float32)


def _lengths(texts: Sequence[str]) -> np.ndarray:
    # An empty line still occupies a slot; a length of 1 keeps weights positive.
    return np.array([max(len(text), 1) for text in texts], dtype=np.float64)


# Sentences weighted at once when composing paragraph vectors: bounds the
# temporary copy to 32 MB of 512-dimensional float32 vectors.
COMPOSE_CHUNK = 16_384


def _compose(vectors: np.ndarray, lengths: np.ndarray, owners: Sequence[int], count: int):
    """Length-weighted, renormalised sum of sentence vectors per paragraph (float32, in chunks)."""
    dim = vectors.shape[1] if len(vectors) else 1
    summed = np.zeros((count, dim), dtype=np.float32)
    totals = np.zeros(count, dtype=np.float64)
    owners = np.asarray(owners, dtype=np.int64)
    if np.any(np.diff(owners) < 0):
        raise ValueError("sentences must come in paragraph order")  # segment_document's order; a bug otherwise
    for start in range(0, len(vectors), COMPOSE_CHUNK):
        stop = min(start + COMPOSE_CHUNK, len(vectors))
        weighted = vectors[start:stop] * lengths[start:stop].astype(np.float32)[:, None]
        # A paragraph's sentences are consecutive: sum each run of equal owners.
        chunk_owners = owners[start:stop]
        firsts = np.concatenate([[0], np.flatnonzero(np.diff(chunk_owners)) + 1])
        summed[chunk_owners[firsts]] += np.add.reduceat(weighted, firsts, axis=0)
    if len(vectors):
        np.add.at(totals, owners, lengths)
    norms = np.linalg.norm(summed, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    summed /= norms
    return summed, np.maximum(totals, 1.0)


def _sentences_within(paragraph_beads: list[Bead], fr_seg: Segmented, en_seg: Segmented,
                      fr_vectors, en_vectors, fr_lengths, en_lengths, params) -> list[Bead]:
    fr_by_paragraph = _members(fr_seg.paragraph_of, len(fr_seg.paragraphs))
    en_by_paragraph = _members(en_seg.paragraph_of, len(en_seg.paragraphs))
    beads: list[Bead] = []
    for bead in paragraph_beads:
        fr_ids = [s for p in bead.x for s in fr_by_paragraph[p]]
        en_ids = [s for p in bead.y for s in en_by_paragraph[p]]
        if not fr_ids or not en_ids:
            beads.extend(Bead((s,), (), 0.0) for s in fr_ids)
            beads.extend(Bead((), (s,), 0.0) for s in en_ids)
            continue
        local = align_vectors(fr_vectors[fr_ids], en_vectors[en_ids],
                              fr_lengths[fr_ids], en_lengths[en_ids], params)
        beads.extend(Bead(tuple(fr_ids[i] for i in b.x), tuple(en_ids[j] for j in b.y), b.similarity)
                     for b in local)
    return beads


def _members(owners: Sequence[int], count: int) -> list[list[int]]:
    groups: list[list[int]] = [[] for _ in range(count)]
    for sentence, paragraph in enumerate(owners):
        groups[paragraph].append(sentence)
    return groups


def _links(beads: Sequence[Bead], level: str, fr_texts: Sequence[str], en_texts: Sequence[str],
           length_ratio: float, vectors: tuple[np.ndarray, np.ndarray] | None = None,
           cut: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())) -> tuple[Link, ...]:
    links = []
    for bead in beads:
        fr = " ".join(fr_texts[i] for i in bead.x)
        en = " ".join(en_texts[j] for j in bead.y)
        score = similarity_score(bead.similarity) if bead.x and bead.y else 0.0
        flags = link_flags(fr, en, score, length_ratio=length_ratio)
        if vectors is not None and OMISSION not in flags and _hides_untranslated_member(bead, *vectors):
            flags = (*flags, OMISSION)
        if any(i in cut[0] for i in bead.x) or any(j in cut[1] for j in bead.y):
            flags = (*flags, LONG_SENTENCE_CUT)
        links.append(Link(level, bead.x, bead.y, fr, en, round(score, 4), flags))
    return tuple(links)


def _hides_untranslated_member(bead: Bead, fr_vectors: np.ndarray, en_vectors: np.ndarray) -> bool:
    """A merged link one of whose sentences matches nothing on the other side.

    The search merges a short untranslated sentence into its neighbour's link
    rather than leave it alone; the merged link still scores well. A member
    whose cosine with the whole other side is below MEMBER_UNMATCHED_COSINE is
    most likely untranslated.
    """
    if not bead.x or not bead.y or (len(bead.x) < 2 and len(bead.y) < 2):
        return False
    for members, own, other in ((bead.x, fr_vectors, en_vectors[list(bead.y)]),
                                (bead.y, en_vectors, fr_vectors[list(bead.x)])):
        if len(members) < 2:
            continue
        target = other.sum(axis=0)
        target /= np.linalg.norm(target) or 1.0
        if float((own[list(members)] @ target).min()) < MEMBER_UNMATCHED_COSINE:
            return True
    return False
