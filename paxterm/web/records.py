"""The JSON the review API answers with: one plain dict per kind of item, keys documented in the README."""

from __future__ import annotations

from aligner.export.rows import confidence_band
from glossary.match.concordance import Span
from paxterm.service import PairOverview, SearchOccurrence, TermContext
from paxterm.store import LinkHistoryRecord, StoredLink, StoredTerm


def pair_record(pair: PairOverview) -> dict:
    return {"id": pair.id, "fr_doc": pair.fr_doc, "en_doc": pair.en_doc, "method": pair.method,
            "links": pair.links, "flagged": pair.flagged}


def link_record(stored: StoredLink) -> dict:
    link = stored.link
    return {"id": stored.id, "pair_id": stored.fr_document_id, "position": stored.position,
            "revision": stored.revision, "level": link.level, "kind": link.kind,
            "fr_index": list(link.fr_index), "en_index": list(link.en_index), "fr": link.fr, "en": link.en,
            "score": round(float(link.score), 4), "flags": list(link.flags), "status": link.status,
            "band": confidence_band(link)}  # the colour bands of the HTML report


def term_record(term: StoredTerm) -> dict:
    entry = term.entry
    return {"id": entry.id, "fr": entry.fr, "en": entry.en, "fr_variants": list(entry.fr_variants),
            "en_variants": list(entry.en_variants), "pos": entry.pos, "status": entry.status,
            "label": entry.label, "confidence": round(entry.confidence, 4),
            "termhood": round(entry.termhood, 4), "fr_frequency": entry.fr_frequency,
            "en_frequency": entry.en_frequency, "sources": list(entry.sources), "note": entry.note,
            "edited": term.edited, "revision": term.revision}


def _spans(spans: tuple[Span, ...]) -> list[list[int]]:
    return [[span.start, span.end] for span in spans]


def context_record(context: TermContext) -> dict:
    link = context.link
    return {"link_id": link.link_id, "pair_id": link.fr_document_id, "fr_doc": link.fr_doc, "en_doc": link.en_doc,
            "fr": link.fr, "en": link.en, "fr_spans": _spans(context.fr_spans), "en_spans": _spans(context.en_spans)}


def occurrence_record(occurrence: SearchOccurrence) -> dict:
    link = occurrence.segment
    return {"link_id": link.link_id, "pair_id": link.fr_document_id, "fr_doc": link.fr_doc, "en_doc": link.en_doc,
            "fr": link.fr, "en": link.en, "score": round(float(link.score), 4), "flags": list(link.flags),
            "language": occurrence.language, "start": occurrence.start, "end": occurrence.end}


def history_record(record: LinkHistoryRecord) -> dict:
    """One change to links: the links before and after it, as the store recorded them."""
    return {"link_id": record.link_id, "at": record.at, "action": record.action, "before": list(record.before),
            "after": list(record.after)}
