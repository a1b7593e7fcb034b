"""The state of a project in numbers and names, as `paxterm status` and the end of a run show it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aligner.align.links import SENTENCE
from paxterm.corpus import SkippedFile
from paxterm.store import ProjectStore, StoredPair


@dataclass(frozen=True)
class ProjectSummary:
    """The state of a project, as `paxterm status` and the end of a run show it."""

    french: tuple[str, ...]
    english: tuple[str, ...]
    pairs: tuple[StoredPair, ...]  # French documents with their English original
    unpaired_fr: tuple[str, ...]  # aligned French-only: no English original found
    unaligned_fr: tuple[str, ...]  # registered (paxterm add) but not aligned yet
    unpaired_en: tuple[str, ...]
    skipped: tuple[SkippedFile, ...]
    sentence_links: int
    flagged_links: int
    paragraph_links: int
    term_statuses: dict[str, int]
    bilingual_terms: int
    french_only_terms: int

    @property
    def term_count(self) -> int:
        return sum(self.term_statuses.values())


def summarise(store: ProjectStore) -> ProjectSummary:
    documents = store.documents.all()
    pairs = store.links.pairs()
    aligned = {pair.fr_document_id for pair in pairs}
    taken_en = {pair.en_document_id for pair in pairs if pair.en_document_id is not None}
    sentence_links, flagged = store.links.counts(SENTENCE)
    paragraph_links, _ = store.links.counts("paragraph")
    bilingual, total = store.terms.bilingual_counts()
    return ProjectSummary(
        french=tuple(d.name for d in documents if d.language == "fr"),
        english=tuple(d.name for d in documents if d.language == "en"),
        pairs=tuple(pair for pair in pairs if pair.en_document_id is not None),
        unpaired_fr=tuple(pair.fr_doc for pair in pairs if pair.en_document_id is None),
        unaligned_fr=tuple(sorted(d.name for d in documents if d.language == "fr" and d.id not in aligned)),
        unpaired_en=tuple(sorted(d.name for d in documents if d.language == "en" and d.id not in taken_en)),
        skipped=tuple(SkippedFile(Path(d.path), d.skipped_reason) for d in documents if d.skipped_reason),
        sentence_links=sentence_links, flagged_links=flagged, paragraph_links=paragraph_links,
        term_statuses=store.terms.status_counts(), bilingual_terms=bilingual, french_only_terms=total - bilingual,
    )
