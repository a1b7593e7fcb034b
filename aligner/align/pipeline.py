"""Align a French document with its English original: paragraphs, then sentences.

Paragraph vectors are composed from the vectors of their sentences, so every
sentence is embedded exactly once. Paragraphs are aligned first; sentences are
then aligned inside each group of aligned paragraphs, which keeps sentence
links from crossing paragraph boundaries that the two texts share.

split="lines" is for pre-segmented bitexts: each line is one sentence and one
paragraph, and the sentences are aligned over the whole document at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from aligner.align.boundaries import shift_boundaries
from aligner.align.calibration import link_probability
from aligner.align.crossings import unite_crossings
from aligner.align.dp import AlignParams, Bead, align_vectors, search_with_ratio
from aligner.align.flags import link_flags
from aligner.align.link_scores import LinkScorer, Side
from aligner.align.links import (
    LONG_SENTENCE_CUT,
    NO_ORIGINAL,
    OMISSION,
    PARAGRAPH,
    SENTENCE,
    DocumentAlignment,
    Link,
)
from aligner.align.omissions import separate_omissions
from aligner.align.progress import ALIGNING, EMBEDDING, AlignProgress
from aligner.align.similarity import PairScale, fit_pair_scale
from aligner.embed import Embedder
from aligner.errors import InputFileError
from aligner.read.document import Document
from aligner.segment import MAX_SENTENCE_CHARS, cut_long_sentence, split_sentences

SPLIT_MODES = ("auto", "lines")
# Raised whenever a change makes stored links stale (other scores, other beads):
# a project store aligns its documents again once. 2: scores are calibrated
# probabilities, omissions split out of merged links, number flags on figures only.
# 3: null links a neighbouring link takes back (a loose or cut-up translation) merged,
# boundaries between neighbouring links moved by a sentence on real embeddings.
# 4: two neighbouring 1-1 links whose sentence boundaries cross united (aligner/align/crossings.py).
# 5: a member split out of one link may go to the link on its other side (aligner/align/omissions.py).
# 6: the checks after the search measure lengths against the ratio the search re-estimated, if it did.
ALIGNER_VERSION = 6
# Sentences embedded per call when progress is reported: small enough for a
# smooth bar, large enough that batching inside the encoder stays efficient.
EMBED_CHUNK = 256
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
    progress: AlignProgress | None = None,
) -> DocumentAlignment:
    """Paragraph and sentence links between a French document and its English original.

    progress, if given, hears the "embedding" stage (one step per sentence)
    and the "aligning" stage (one step per group of linked paragraphs).
    """
    return align_segmented(
        segment_document(fr, split), segment_document(en, split), embedder,
        fr_name=fr.name, en_name=en.name, fr_symbol=fr.symbol, en_symbol=en.symbol,
        split=split, params=params, progress=progress,
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
    progress: AlignProgress | None = None,
) -> DocumentAlignment:
    """align_documents over documents already cut into sentences (a stored or shipped job's input)."""
    if progress:
        if fr_seg.cut or en_seg.cut:
            progress.note(f"{len(fr_seg.cut) + len(en_seg.cut)} pieces of sentences over "
                          f"{MAX_SENTENCE_CHARS:,} characters, flagged {LONG_SENTENCE_CUT}")
        progress.start(EMBEDDING, len(fr_seg.sentences) + len(en_seg.sentences))
    fr_raw = _embed_reporting(embedder, fr_seg.sentences, progress)
    en_raw = _embed_reporting(embedder, en_seg.sentences, progress)
    scale = fit_pair_scale(fr_raw, en_raw)
    pair = _Pair(scale, scale.fr(fr_raw), scale.en(en_raw), _lengths(fr_seg.sentences), _lengths(en_seg.sentences),
                 embedder, fr_seg, en_seg, params)

    if split == "lines":
        if progress:
            progress.start(ALIGNING, 1)
        beads = pair.sentence_beads(list(range(len(fr_seg.sentences))), list(range(len(en_seg.sentences))))
        if progress:
            progress.advance()
        sentence_links = pair.links(beads, SENTENCE, fr_seg.sentences, en_seg.sentences, check_members=True)
        paragraph_links = tuple(
            Link(PARAGRAPH, link.fr_index, link.en_index, link.fr, link.en, link.score, link.flags)
            for link in sentence_links
        )
    else:
        fr_par_vectors, fr_par_lengths = _compose(pair.fr_vectors, pair.fr_lengths, fr_seg.paragraph_of,
                                                  len(fr_seg.paragraphs))
        en_par_vectors, en_par_lengths = _compose(pair.en_vectors, pair.en_lengths, en_seg.paragraph_of,
                                                  len(en_seg.paragraphs))
        paragraph_beads = align_vectors(fr_par_vectors, en_par_vectors, fr_par_lengths, en_par_lengths,
                                        pair.search_params)
        paragraph_links = pair.links(paragraph_beads, PARAGRAPH, fr_seg.paragraphs, en_seg.paragraphs)
        if progress:
            progress.start(ALIGNING, len(paragraph_beads))
        sentence_beads = _sentences_within(paragraph_beads, pair, progress)
        sentence_links = pair.links(sentence_beads, SENTENCE, fr_seg.sentences, en_seg.sentences,
                                    check_members=True, cut=(fr_seg.cut, en_seg.cut))
    return DocumentAlignment(
        fr_doc=fr_name, en_doc=en_name,
        paragraph_links=paragraph_links, sentence_links=sentence_links,
        fr_symbol=fr_symbol, en_symbol=en_symbol,
    )


@dataclass(frozen=True)
class _Pair:
    """One document pair's sentence vectors on the reference scale, and what aligns them."""

    scale: PairScale
    fr_vectors: np.ndarray
    en_vectors: np.ndarray
    fr_lengths: np.ndarray
    en_lengths: np.ndarray
    embedder: Embedder
    fr_seg: Segmented
    en_seg: Segmented
    params: AlignParams

    @property
    def length_ratio(self) -> float:
        return float((self.en_lengths.sum() + 1.0) / (self.fr_lengths.sum() + 1.0))

    @property
    def search_params(self) -> AlignParams:
        return on_reference_scale(self.params, self.scale)

    def sentence_beads(self, fr_ids: list[int], en_ids: list[int]) -> list[Bead]:
        """Sentence beads between two runs of sentences, untranslated ones split out."""
        local, refined_ratio = search_with_ratio(self.fr_vectors[fr_ids], self.en_vectors[en_ids],
                                             self.fr_lengths[fr_ids], self.en_lengths[en_ids], self.search_params)
        # The checks after the search weigh lengths as the search did: against the
        # ratio of its confident 1-1 links when it re-estimated one (the totals'
        # is skewed by untranslated text: Emma's abridged French, log +0.27
        # against its links' +0.07). On the two TransRead tuning novels omitted
        # sentences P 0.59 -> 0.64, R 0.28 -> 0.35, strict F1 0.875 -> 0.877;
        # no other evaluation document re-estimates (benchmarks/RESULTS.md).
        log_ratio = float(np.log(self.length_ratio)) if refined_ratio is None else refined_ratio
        fr_texts = [self.fr_seg.sentences[i] for i in fr_ids]
        en_texts = [self.en_seg.sentences[j] for j in en_ids]
        scorer = LinkScorer(
            Side(fr_texts, self.fr_vectors[fr_ids], self.fr_lengths[fr_ids],
                 lambda texts: self.scale.fr(_embed(self.embedder, texts))),
            Side(en_texts, self.en_vectors[en_ids], self.en_lengths[en_ids],
                 lambda texts: self.scale.en(_embed(self.embedder, texts))),
            self.scale.cosine, log_ratio, self.params,
        )
        local = unite_crossings(shift_boundaries(separate_omissions(local, scorer), scorer), scorer)
        return [Bead(tuple(fr_ids[i] for i in b.x), tuple(en_ids[j] for j in b.y), b.similarity) for b in local]

    def links(self, beads: Sequence[Bead], level: str, fr_texts: Sequence[str], en_texts: Sequence[str],
              check_members: bool = False,
              cut: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())) -> tuple[Link, ...]:
        links = []
        for bead in beads:
            fr = " ".join(fr_texts[i] for i in bead.x)
            en = " ".join(en_texts[j] for j in bead.y)
            score = link_probability(float(self.scale.cosine(bead.similarity)), len(bead.x), len(bead.y))
            flags = link_flags(fr, en, score, length_ratio=self.length_ratio)
            if check_members and OMISSION not in flags and _hides_untranslated_member(bead, self):
                flags = (*flags, OMISSION)
            if any(i in cut[0] for i in bead.x) or any(j in cut[1] for j in bead.y):
                flags = (*flags, LONG_SENTENCE_CUT)
            links.append(Link(level, bead.x, bead.y, fr, en, round(score, 4), flags))
        return tuple(links)


def on_reference_scale(params: AlignParams, scale: PairScale) -> AlignParams:
    """Search weights for cosines of this pair's vectors, equivalent to `params` on the reference scale.

    A link's cost is link_cost - reference cosine + length and merge terms;
    with reference cosine = offset + factor * cosine, dividing every cost by
    factor (which leaves the best path unchanged) gives the same form again.
    """
    factor = scale.factor
    return replace(
        params,
        link_cost=(params.link_cost - scale.offset) / factor,
        deletion_cost=params.deletion_cost / factor,
        length_weight=params.length_weight / factor,
        length_cap=params.length_cap / factor,
        merge_penalty=params.merge_penalty / factor,
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


def _embed_reporting(embedder: Embedder, texts: Sequence[str], progress: AlignProgress | None) -> np.ndarray:
    if progress is None or len(texts) <= EMBED_CHUNK:
        vectors = _embed(embedder, texts)
        if progress and texts:
            progress.advance(len(texts))
        return vectors
    chunks = []
    for start in range(0, len(texts), EMBED_CHUNK):
        chunk = texts[start:start + EMBED_CHUNK]
        chunks.append(_embed(embedder, chunk))
        progress.advance(len(chunk))
    return np.vstack(chunks)


def _lengths(texts: Sequence[str]) -> np.ndarray:
    # An empty line still occupies a slot; a length of 1 keeps weights positive.
    return np.array([max(len(text), 1) for text in texts], dtype=np.float64)


# Sentences weighted at once when composing paragraph vectors: bounds the
# temporary copies to 8 MB each of 512-dimensional float32 vectors.
COMPOSE_CHUNK = 4_096


def _compose(vectors: np.ndarray, lengths: np.ndarray, owners: Sequence[int], count: int):
    """Length-weighted, renormalised sum of sentence vectors per paragraph (float32, in chunks)."""
    dim = vectors.shape[1] if len(vectors) else 1
    summed = np.zeros((count, dim), dtype=np.float32)
    totals = np.zeros(count, dtype=np.float64)
    owners = np.asarray(owners, dtype=np.int64)
    if np.any(np.diff(owners) < 0):
        raise ValueError("sentences must come in paragraph order")  # segment_document's order; a bug otherwise
    if len(vectors) == count and np.array_equal(owners, np.arange(count)):
        # One sentence a paragraph (a bitext, a list): the paragraph vectors are the
        # sentence vectors, already unit length; a copy would double the memory.
        return np.asarray(vectors, dtype=np.float32), np.maximum(np.asarray(lengths, dtype=np.float64), 1.0)
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


def _sentences_within(paragraph_beads: list[Bead], pair: _Pair, progress: AlignProgress | None) -> list[Bead]:
    fr_by_paragraph = _members(pair.fr_seg.paragraph_of, len(pair.fr_seg.paragraphs))
    en_by_paragraph = _members(pair.en_seg.paragraph_of, len(pair.en_seg.paragraphs))
    beads: list[Bead] = []
    for bead in paragraph_beads:
        fr_ids = [s for p in bead.x for s in fr_by_paragraph[p]]
        en_ids = [s for p in bead.y for s in en_by_paragraph[p]]
        if not fr_ids or not en_ids:
            beads.extend(Bead((s,), (), 0.0) for s in fr_ids)
            beads.extend(Bead((), (s,), 0.0) for s in en_ids)
        else:
            beads.extend(pair.sentence_beads(fr_ids, en_ids))
        if progress:
            progress.advance()
    return beads


def _members(owners: Sequence[int], count: int) -> list[list[int]]:
    groups: list[list[int]] = [[] for _ in range(count)]
    for sentence, paragraph in enumerate(owners):
        groups[paragraph].append(sentence)
    return groups


def _hides_untranslated_member(bead: Bead, pair: _Pair) -> bool:
    """A merged link one of whose sentences matches nothing on the other side.

    The search merges a short untranslated sentence into its neighbour's link
    rather than leave it alone; the merged link still scores well. A member
    whose cosine with the whole other side is below MEMBER_UNMATCHED_COSINE is
    most likely untranslated (cosines on the reference scale).
    """
    fr_vectors, en_vectors = pair.fr_vectors, pair.en_vectors
    if not bead.x or not bead.y or (len(bead.x) < 2 and len(bead.y) < 2):
        return False
    for members, own, other in ((bead.x, fr_vectors, en_vectors[list(bead.y)]),
                                (bead.y, en_vectors, fr_vectors[list(bead.x)])):
        if len(members) < 2:
            continue
        target = other.sum(axis=0)
        target /= np.linalg.norm(target) or 1.0
        if float(pair.scale.cosine(float((own[list(members)] @ target).min()))) < MEMBER_UNMATCHED_COSINE:
            return True
    return False
