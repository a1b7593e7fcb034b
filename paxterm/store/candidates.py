"""Term candidates per French document, found by a fingerprint of its aligned text and of the extractor.

A run extracts (spaCy) only documents whose fingerprint is not stored; the
adapter below is glossary.build's CandidateCache over this table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from glossary.build import DocumentCandidates
from glossary.extract.merge import StoredCandidatesError, candidates_from_json, candidates_to_json
from paxterm.store.connection import Database

_CHUNK = 500


class CandidateRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, fingerprints: Sequence[str]) -> dict[str, tuple[str, str, str]]:
        """fingerprint -> (French document, French candidates JSON, English candidates JSON), for those stored."""
        found: dict[str, tuple[str, str, str]] = {}
        keys = list(dict.fromkeys(fingerprints))
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for fingerprint, fr_doc, fr, en in self._db.execute(
                    f"SELECT fingerprint, fr_doc, fr, en FROM term_candidates WHERE fingerprint IN ({marks})", chunk):
                found[fingerprint] = (fr_doc, fr, en)
        return found

    def documents(self) -> list[str]:
        """The French documents whose candidates are stored."""
        return sorted(fr_doc for (fr_doc,) in self._db.execute("SELECT fr_doc FROM term_candidates"))

    def save(self, fingerprint: str, fr_doc: str, fr: str, en: str) -> None:
        with self._db.transaction():
            self._db.execute("INSERT OR REPLACE INTO term_candidates (fingerprint, fr_doc, fr, en) VALUES (?, ?, ?, ?)",
                             (fingerprint, fr_doc, fr, en))

    def keep(self, fingerprints: Iterable[str]) -> int:
        """Delete the stored candidates of every fingerprint but these (documents gone or changed)."""
        keep = set(fingerprints)
        stale = [(key,) for (key,) in self._db.execute("SELECT fingerprint FROM term_candidates") if key not in keep]
        if stale:
            with self._db.transaction():
                self._db.executemany("DELETE FROM term_candidates WHERE fingerprint = ?", stale)
        return len(stale)


class StoreCandidateCache:
    """The term_candidates table as glossary.build's CandidateCache.

    It remembers which fingerprints a build asked for, so that `prune` can
    drop the rows of documents that changed or left, and which documents it
    had to extract.
    """

    def __init__(self, candidates: CandidateRepository) -> None:
        self._candidates = candidates
        self.used: set[str] = set()
        self.extracted: list[str] = []

    def get_candidates(self, fingerprints: Sequence[str]) -> dict[str, DocumentCandidates]:
        self.used.update(fingerprints)
        found = {}
        for fingerprint, (fr_doc, fr, en) in self._candidates.get(fingerprints).items():
            try:
                found[fingerprint] = DocumentCandidates(fr_doc, tuple(candidates_from_json(fr)),
                                                        tuple(candidates_from_json(en)))
            except StoredCandidatesError:
                continue  # a damaged row is only a cache miss: the document is extracted again
        return found

    def put_candidates(self, fingerprint: str, candidates: DocumentCandidates) -> None:
        self.used.add(fingerprint)
        self.extracted.append(candidates.document)
        self._candidates.save(fingerprint, candidates.document, candidates_to_json(candidates.fr),
                              candidates_to_json(candidates.en))

    def prune(self) -> int:
        """Delete the stored candidates no build through this cache asked for; returns how many."""
        return self._candidates.keep(self.used)
