"""Aligned segments -> term base: extract, rank, pair, and write up the entries.

Candidates are extracted document by document (spaCy is the slow part) and
merged into the corpus's (glossary.extract.merge) before ranking and
pairing, which need the whole corpus. A `CandidateCache` (the project store
is one) keeps each document's candidates under a fingerprint of its aligned
text, so a run after one document changed extracts that document only, and
builds the same term base as a run that extracts everything.

Each aligned segment gets the id "DOCUMENT#N" (N its position in its French
document's aligned text), the same on both sides, so that a French and an
English candidate share an aligned segment exactly when they share a
segment id, and ids do not move when other documents come and go.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from importlib import metadata
from pathlib import Path
from typing import Protocol

import aligner.read.masthead
import glossary.extract.acronyms
import glossary.extract.candidates
import glossary.extract.forms
import glossary.extract.nlp
from aligner.read.masthead import after_masthead
from glossary.extract.attested import attested_form, written_case
import glossary.extract.patterns
import glossary.extract.places
import glossary.extract.titles
from glossary.extract.merge import merge_candidates
from glossary.extract.candidates import TermCandidate, extract_candidates
from glossary.pair.homographs import merge_homographs
from glossary.pair.model import REFERENCE, PairingInput, TermPair
from glossary.pair.pairing import pair_terms
from glossary.rank import rank_candidates
from glossary.rank.features import bilingual_features, corpus_shape, monolingual_features
from glossary.rank.context import Occurrences, entry_contexts
from glossary.rank.order import term_base_order
from glossary.rank.review import entry_vector, rerank_entries
from glossary.rank.termhood import entry_termhood, score_termhood
from glossary.io.records import AlignedSegment
from glossary.progress import EXTRACTING, PAIRING, BuildProgress, NoBuildProgress
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
# What extraction's output depends on besides the text: these modules' code and
# the spaCy packages. A stored document's candidates are reused only while all
# of them are as they were.
EXTRACTION_MODULES = (aligner.read.masthead, glossary.extract.candidates, glossary.extract.patterns,
                      glossary.extract.forms, glossary.extract.acronyms, glossary.extract.nlp, glossary.extract.titles,
                      glossary.extract.places)


@dataclass(frozen=True)
class DocumentCandidates:
    """One French document's term candidates, French and English (its aligned English side)."""

    document: str
    fr: tuple[TermCandidate, ...]
    en: tuple[TermCandidate, ...]


class CandidateCache(Protocol):
    """Where each document's candidates are kept between builds, by fingerprint."""

    def get_candidates(self, fingerprints: Sequence[str]) -> Mapping[str, DocumentCandidates]: ...

    def put_candidates(self, fingerprint: str, candidates: DocumentCandidates) -> None: ...


@dataclass(frozen=True)
class _AlignedDocument:
    name: str
    segment_ids: tuple[str, ...]
    segments: tuple[AlignedSegment, ...]

    @property
    def fingerprint(self) -> str:
        """A hash of all that extraction reads: the texts, whether there is an English side, the extractor."""
        texts = [[s.fr, s.en if s.en_doc is not None else None] for s in self.segments]
        payload = json.dumps([extractor_version(), self.name, texts], ensure_ascii=False)
        return hashlib.blake2b(payload.encode("utf-8"), digest_size=20).hexdigest()


def build_termbase(
    segments: Sequence[AlignedSegment],
    embedder,
    *,
    reference: TermBase | None = None,
    min_frequency: int = 1,
    corpus: str = "",
    model: str = "",
    candidate_cache: CandidateCache | None = None,
    decisions: Mapping[tuple[str, str], bool] | None = None,
    progress: BuildProgress | None = None,
) -> TermBase:
    """The bilingual term base of `segments`; empty (but valid) when they hold no term.

    With `candidate_cache`, documents whose fingerprint it holds are not
    extracted again, and those extracted are put in it. `decisions` maps
    reviewed pairs (glossary.rank.review.decision_key of the French and the
    English term) to True (validated) or False (rejected): from
    MIN_DECISIONS of them on, the entries are re-scored and ordered by a
    model of those decisions (glossary.rank.review). `progress` hears the
    stages (glossary.progress): extracting, then pairing.
    """
    progress = progress or NoBuildProgress()
    documents = _documents(segments)
    by_id = {sid: segment for document in documents
             for sid, segment in zip(document.segment_ids, document.segments, strict=True)}
    fr_texts = {sid: s.fr for sid, s in by_id.items() if s.fr.strip()}
    en_texts = {sid: s.en for sid, s in by_id.items() if s.en.strip() and s.en_doc is not None}
    extracted = _document_candidates(documents, candidate_cache, progress)
    progress.start(PAIRING, 1)
    fr_candidates = _ranked(merge_candidates([d.fr for d in extracted]), "fr", min_frequency, _tokens(fr_texts))
    en_candidates = _ranked(merge_candidates([d.en for d in extracted]), "en", min_frequency, _tokens(en_texts))
    if not fr_candidates:
        progress.advance()
        return TermBase((), corpus=corpus, model=model)
    pairing_input = PairingInput(
        bilingual=frozenset(sid for sid, s in by_id.items() if s.is_bilingual),
        french_only=frozenset(sid for sid, s in by_id.items() if s.en_doc is None),
        fr_texts=fr_texts,
        en_texts=en_texts,
    )
    pairs = pair_terms(fr_candidates, en_candidates, pairing_input, embedder, reference=reference)
    scored = []  # (pair, French term as written, English term as written, entry termhood)
    for pair in pairs:
        written = partial(_written, reference=pair.status == REFERENCE, by_id=by_id)
        fr_term, en_term = written(pair.fr[0]), (written(pair.en[0]) if pair.en else "")
        scored.append((pair, fr_term, en_term, _termhood(pair, fr_term, en_term, pairing_input.bilingual)))
    ordered = merge_homographs(sorted(scored, key=lambda item: term_base_order(*item)))
    pairs = [item[0] for item in ordered]
    entries = [_entry(number, pair, fr_term, en_term, termhood, by_id)
               for number, (pair, fr_term, en_term, termhood) in enumerate(ordered, start=1)]
    if not decisions:
        progress.advance()
        return TermBase(tuple(entries), corpus=corpus, model=model)
    vectors = _entry_vectors(pairs, fr_candidates, en_candidates, pairing_input.bilingual,
                             _tokens(fr_texts), _tokens(en_texts))
    contexts = entry_contexts([_occurrences(pair, by_id) for pair in pairs])
    reranked = rerank_entries(entries, vectors, decisions, embed=embedder.encode, contexts=contexts,
                              embedded_terms=[(pair.fr[0].canonical, pair.en[0].canonical if pair.en else "")
                                              for pair in pairs])
    renumbered = tuple(replace(entry, id=make_entry_id(number)) for number, entry in enumerate(reranked.entries, start=1))
    progress.advance()
    return TermBase(renumbered, corpus=corpus, model=model, ranking=reranked.description)


def _occurrences(pair: TermPair, by_id: dict[str, AlignedSegment]) -> Occurrences:
    """Where a pair's terms occur: its French candidates' segments in French, its English ones' in English."""
    texts = [by_id[sid].fr for candidate in pair.fr for sid in candidate.segment_ids]
    texts += [by_id[sid].en for candidate in pair.en for sid in candidate.segment_ids]
    forms = [form for candidate in (*pair.fr, *pair.en) for form in candidate.surface_forms]
    return Occurrences(tuple(texts), tuple(forms))


def _entry_vectors(pairs: Sequence[TermPair], fr_candidates: Sequence[TermCandidate],
                   en_candidates: Sequence[TermCandidate], bilingual: frozenset[str],
                   fr_tokens: int, en_tokens: int) -> list[list[float]]:
    """Each pair's review features (glossary.rank.review.ENTRY_FEATURES)."""
    fr_rows = dict(zip((c.canonical for c in fr_candidates),
                       monolingual_features(fr_candidates, "fr", corpus_shape(fr_candidates, fr_tokens)), strict=True))
    en_rows = dict(zip((c.canonical for c in en_candidates),
                       monolingual_features(en_candidates, "en", corpus_shape(en_candidates, en_tokens)), strict=True))
    blank = dict.fromkeys(next(iter(fr_rows.values())), 0.0)
    vectors = []
    for pair in pairs:
        fr, en = pair.fr[0], (pair.en[0] if pair.en else None)
        vectors.append(entry_vector(fr_rows.get(fr.canonical, blank), en_rows.get(en.canonical) if en else None,
                                    bilingual_features(fr, en, bilingual), confidence=pair.confidence))
    return vectors


def _document_candidates(documents: Sequence[_AlignedDocument], cache: CandidateCache | None,
                         progress: BuildProgress) -> list[DocumentCandidates]:
    """Each document's candidates, from `cache` where it has them, else extracted (and cached)."""
    fingerprints = [document.fingerprint for document in documents]
    cached = dict(cache.get_candidates(fingerprints)) if cache is not None else {}
    pending = {fingerprint: _texts(document) for document, fingerprint in zip(documents, fingerprints, strict=True)
               if fingerprint not in cached}
    if pending:
        progress.start(EXTRACTING, sum(len(fr) + len(en) for fr, en in pending.values()))
    result = []
    for document, fingerprint in zip(documents, fingerprints, strict=True):
        found = cached.get(fingerprint)
        if found is None:
            found = _extract(document, *pending[fingerprint], on_text=progress.advance)
            if cache is not None:
                cache.put_candidates(fingerprint, found)
        result.append(found)
    return result


@dataclass(frozen=True)
class PendingDocument:
    """One document's aligned text whose candidates a cache lacks: what an extraction job carries."""

    fingerprint: str
    name: str
    segments: tuple[AlignedSegment, ...]


def documents_to_extract(segments: Sequence[AlignedSegment], cache: CandidateCache) -> list[PendingDocument]:
    """The documents of `segments` that build_termbase would extract, for a caller that extracts them elsewhere.

    Putting each one's extract_document() into `cache` first makes build_termbase extract nothing.
    """
    documents = _documents(segments)
    fingerprints = [document.fingerprint for document in documents]
    cached = cache.get_candidates(fingerprints)
    return [PendingDocument(fingerprint, document.name, document.segments)
            for document, fingerprint in zip(documents, fingerprints, strict=True) if fingerprint not in cached]


def extract_document(document: PendingDocument) -> DocumentCandidates:
    """One document's candidates, as build_termbase extracts them."""
    ids = tuple(f"{document.name}#{index}" for index in range(len(document.segments)))
    aligned = _AlignedDocument(document.name, ids, document.segments)
    return _extract(aligned, *_texts(aligned))


def _texts(document: _AlignedDocument) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What extraction reads of a document: its French and English (segment id, text) pairs."""
    pairs = list(zip(document.segment_ids, document.segments, strict=True))
    # A UN document's masthead ("Conseil de sécurité Quatre-vingtième année") is layout, not running text.
    fr_texts = [(sid, text) for sid, s in pairs if (text := after_masthead(s.fr)).strip()]
    en_texts = [(sid, text) for sid, s in pairs if s.en_doc is not None and (text := after_masthead(s.en)).strip()]
    return fr_texts, en_texts


def _extract(document: _AlignedDocument, fr_texts: list[tuple[str, str]], en_texts: list[tuple[str, str]],
             on_text: Callable[[], None] | None = None) -> DocumentCandidates:
    return DocumentCandidates(
        document=document.name,
        fr=tuple(extract_candidates(fr_texts, "fr", on_text)) if fr_texts else (),
        en=tuple(extract_candidates(en_texts, "en", on_text)) if en_texts else (),
    )


def _documents(segments: Sequence[AlignedSegment]) -> list[_AlignedDocument]:
    """Segments grouped by French document, in order of first appearance."""
    grouped: dict[str, list[AlignedSegment]] = {}
    for segment in segments:
        grouped.setdefault(segment.fr_doc, []).append(segment)
    return [_AlignedDocument(name, tuple(f"{name}#{index}" for index in range(len(group))), tuple(group))
            for name, group in grouped.items()]


# What decides a term base's entries: extraction, pairing and ranking, and this module.
BUILDER_PACKAGES = ("extract", "pair", "rank")


@lru_cache(maxsize=1)
def builder_version() -> str:
    """A hash of the code that builds a term base and of the extractor's version.

    A project's term base built by other code is built again (its statuses
    kept), as its links are realigned by another aligner version.
    """
    digest = hashlib.blake2b(extractor_version().encode(), digest_size=16)
    root = Path(__file__).parent
    for path in [Path(__file__), *sorted(p for package in BUILDER_PACKAGES for p in (root / package).glob("*.py"))]:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the extraction code and the spaCy package versions: stored candidates older than it are stale."""
    digest = hashlib.blake2b(digest_size=16)
    for module in EXTRACTION_MODULES:
        digest.update(Path(module.__file__).read_bytes())
    packages = ["spacy", *(name for name, _ in glossary.extract.nlp.SPACY_MODELS.values())]
    for package in packages:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=?".encode())
    return digest.hexdigest()


def _tokens(texts: Mapping[str, str]) -> int:
    return sum(len(text.split()) for text in texts.values())


def _ranked(candidates: list[TermCandidate], language: str, min_frequency: int, tokens: int) -> list[TermCandidate]:
    candidates = [candidate for candidate in candidates if candidate.frequency >= min_frequency]
    if not candidates:
        return []
    # Termhood features need the whole list (nesting), so it is scored before the cut;
    # the ranking score is one of them, so it sees the same corpus size.
    ranked = rank_candidates(candidates, language, total_tokens=max(tokens, 1))
    return score_termhood(ranked, language, max(tokens, 1))[:MAX_CANDIDATES]


def _termhood(pair: TermPair, fr_term: str, en_term: str, bilingual: frozenset[str]) -> float:
    """The entry's termhood (glossary.rank.termhood.entry_termhood); 1 for a reference term base's pair."""
    if pair.status == REFERENCE:
        return 1.0
    fr = pair.fr[0]
    return entry_termhood(fr, pair.en[0] if pair.en else None, confidence=pair.confidence, bilingual=bilingual,
                          english_original=bool(set(fr.segment_ids) & bilingual), evidence=pair.evidence,
                          written=fr_term, en_written=en_term)


def _entry(number: int, pair: TermPair, fr_term: str, en_term: str, termhood: float,
           by_id: dict[str, AlignedSegment]) -> TermEntry:
    """Entry `number` of `pair`, whose preferred terms are written `fr_term` and `en_term` (_written), of `termhood`."""
    fr, *fr_variants = pair.fr
    written = partial(_written, reference=pair.status == REFERENCE, by_id=by_id)
    en_terms = [en_term, *map(written, pair.en[1:])] if pair.en else []
    fr_ids = {sid for candidate in pair.fr for sid in candidate.segment_ids}
    en_ids = {sid for candidate in pair.en for sid in candidate.segment_ids}
    context_id = best_context(fr_ids & en_ids if pair.en else fr_ids, by_id)
    context = by_id[context_id] if context_id else None
    return TermEntry(
        id=make_entry_id(number),
        fr=fr_term,
        en=en_terms[0] if en_terms else "",
        fr_variants=tuple(_unique(term for term in map(written, fr_variants) if term != fr_term)),
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
        termhood=termhood,
    )


def _written(candidate: TermCandidate, *, reference: bool, by_id: Mapping[str, AlignedSegment]) -> str:
    """A reference term base's term as it spells it; the corpus's as the corpus does (glossary.extract.attested)."""
    if reference:
        return candidate.canonical
    texts = (by_id[sid].fr if candidate.language == "fr" else by_id[sid].en
             for sid in candidate.segment_ids if sid in by_id)
    return written_case(attested_form(candidate), texts)


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
