"""Aligned segments -> term base: extract, rank, pair, and write up the entries.

Each aligned segment gets the id "DOCUMENT#N" (N its position in the input),
the same on both sides, so that a French and an English candidate share an
aligned segment exactly when they share a segment id.
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary.extract import TermCandidate, extract_candidates
from glossary.pair import REFERENCE, PairingInput, TermPair, pair_terms
from glossary.rank import rank_candidates
from glossary.records import AlignedSegment
from glossary.termbase import TermBase, TermEntry, make_entry_id, normalise_pos

# A context pair shorter than this (in French words) is usually a heading:
# kept only when no sentence holds both terms.
MIN_CONTEXT_WORDS = 6
# Alignment scores at or above this are trusted enough to show as an example
# (the aligner flags links under 0.5 as low confidence).
GOOD_CONTEXT_SCORE = 0.5
# Candidates per language that go on to pairing, best termhood first. Embedding
# a term string costs about 2.5 ms with the bundled USE on 2 cores, and a
# reviewer reads a few thousand entries at most; on 4,000 UNPC sentences this
# keeps the glossary step near two minutes instead of five.
MAX_CANDIDATES = 5000


def build_termbase(
    segments: Sequence[AlignedSegment],
    embedder,
    *,
    reference: TermBase | None = None,
    min_frequency: int = 1,
    corpus: str = "",
    model: str = "",
) -> TermBase:
    """The bilingual term base of `segments`; empty (but valid) when they hold no term."""
    ids = [f"{segment.fr_doc}#{index}" for index, segment in enumerate(segments)]
    by_id = dict(zip(ids, segments, strict=True))
    fr_texts = {sid: s.fr for sid, s in by_id.items() if s.fr.strip()}
    en_texts = {sid: s.en for sid, s in by_id.items() if s.en.strip() and s.en_doc is not None}
    fr_candidates = _ranked(fr_texts, "fr", min_frequency)
    en_candidates = _ranked(en_texts, "en", min_frequency)
    if not fr_candidates:
        return TermBase((), corpus=corpus, model=model)
    pairing_input = PairingInput(
        bilingual=frozenset(sid for sid, s in by_id.items() if s.is_bilingual),
        french_only=frozenset(sid for sid, s in by_id.items() if s.en_doc is None),
        fr_texts=fr_texts,
        en_texts=en_texts,
    )
    pairs = pair_terms(fr_candidates, en_candidates, pairing_input, embedder, reference=reference)
    entries = [_entry(number, pair, by_id) for number, pair in enumerate(pairs, start=1)]
    return TermBase(tuple(entries), corpus=corpus, model=model)


def _ranked(texts: dict[str, str], language: str, min_frequency: int) -> list[TermCandidate]:
    if not texts:
        return []
    candidates = extract_candidates(list(texts.items()), language)
    candidates = [candidate for candidate in candidates if candidate.frequency >= min_frequency]
    return rank_candidates(candidates, language)[:MAX_CANDIDATES]


def _entry(number: int, pair: TermPair, by_id: dict[str, AlignedSegment]) -> TermEntry:
    fr, *fr_variants = pair.fr
    en_terms = [candidate.canonical for candidate in pair.en]
    fr_ids = {sid for candidate in pair.fr for sid in candidate.segment_ids}
    en_ids = {sid for candidate in pair.en for sid in candidate.segment_ids}
    context_id = best_context(fr_ids & en_ids if pair.en else fr_ids, by_id)
    context = by_id[context_id] if context_id else None
    return TermEntry(
        id=make_entry_id(number),
        fr=fr.canonical,
        en=en_terms[0] if en_terms else "",
        fr_variants=tuple(_unique(c.canonical for c in fr_variants if c.canonical != fr.canonical)),
        en_variants=tuple(_unique(term for term in en_terms[1:] if term != en_terms[0])),
        pos=normalise_pos(fr.pos),
        fr_frequency=sum(candidate.frequency for candidate in pair.fr),
        en_frequency=sum(candidate.frequency for candidate in pair.en),
        confidence=min(max(float(pair.confidence), 0.0), 1.0),
        status=REFERENCE if pair.status == REFERENCE else "candidate",
        fr_context=context.fr if context else "",
        en_context=context.en if context and pair.en else "",
        sources=_sources(context, fr_ids | en_ids, by_id),
        label=fr.label if fr.label in {"term", "organization", "acronym"} else "term",
        note=pair.note,
    )


def best_context(segment_ids: set[str], by_id: dict[str, AlignedSegment]) -> str | None:
    """The segment to show as the example: a trusted, unflagged sentence, the shortest such."""
    if not segment_ids:
        return None

    def key(segment_id: str) -> tuple:
        segment = by_id[segment_id]
        trusted = segment.score >= GOOD_CONTEXT_SCORE and not segment.flags
        sentence = len(segment.fr.split()) >= MIN_CONTEXT_WORDS
        # French-only segments have no score: judge them by being sentences only.
        if segment.en_doc is None:
            trusted = True
        return (not trusted, not sentence, len(segment.fr) + len(segment.en), -segment.score, segment_id)

    return min(segment_ids, key=key)


def _sources(context: AlignedSegment | None, segment_ids: set[str], by_id) -> tuple[str, ...]:
    names = [context.document] if context else []
    names.extend(sorted({by_id[sid].document for sid in segment_ids}))
    return tuple(_unique(names))


def _unique(items) -> list:
    return list(dict.fromkeys(items))
