"""The project store: one SQLite file that remembers everything a project has processed.

It holds the corpus's documents (path, language, symbols, content hash), their
paragraphs and sentences, which French document is aligned with which English
one, the links and what reviewers did to them (kept across realignments), an embeddings cache, term
candidates per document, and the term base with the history of every change.

`open_store(path)` gives a ProjectStore: one small repository per kind of
record (documents, links, terms, candidates, embeddings, settings), each owning
its SQL. The connection itself stays private to this package.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aligner.embed.cache import EmbeddingCache
from paxterm.errors import (StoreBusyError, StoreCorruptError, StoreError, StoreMissingError,  # noqa: F401
                            StoreVersionError, StoreWriteError)
from paxterm.store.candidates import CandidateRepository, StoreCandidateCache  # noqa: F401
from paxterm.store.connection import (SCHEMA_VERSION, STORE_FOLDER, STORE_NAME, Database,  # noqa: F401
                                      default_store_path, file_hash, now, open_database)
from paxterm.store.documents import DocumentRepository, StoredDocument  # noqa: F401
from paxterm.store.kept import KeptReviewRepository  # noqa: F401
from paxterm.store.links import (ConcordanceLink, LinkHistoryRecord, LinkRepository, StoredLink,  # noqa: F401
                                 StoredPair)
from paxterm.store.settings import Setting, SettingsRepository  # noqa: F401
from paxterm.store.terms import HistoryRecord, StoredTerm, TermChanges, TermRepository  # noqa: F401


class ProjectStore:
    """An open project store; use open_store() to get one, and close it (or use `with`)."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.path = db.path
        self.settings = SettingsRepository(db)
        self.kept_reviews = KeptReviewRepository(db)
        self.documents = DocumentRepository(db, self.settings, self.kept_reviews)
        self.links = LinkRepository(db, self.settings, self.documents, self.kept_reviews)
        self.terms = TermRepository(db)
        self.candidates = CandidateRepository(db)

    @property
    def read_only(self) -> bool:
        return self._db.read_only

    def embeddings(self, fallback: EmbeddingCache | None = None) -> EmbeddingCache:
        """The store's embeddings table as an embedding cache, over the user's shared one."""
        return EmbeddingCache(self._db, self._db.transaction, fallback=fallback)

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Writes of several repositories committed together or not at all."""
        with self._db.transaction():
            yield

    @contextmanager
    def writer(self, timeout: float | None = None) -> Iterator[ProjectStore]:
        """Hold the writer lock (one paxterm process writes at a time) for a `with` block."""
        self._db.acquire_writer_lock(timeout)
        try:
            yield self
        finally:
            self._db.release_writer_lock()

    def backup(self) -> Path:
        """A copy of the store beside it (paxterm.db.bak-<time>)."""
        return self._db.backup()


def open_store(path: str | Path, *, create: bool = True, lock_timeout: float | None = None) -> ProjectStore:
    """Open (creating, checking and migrating as needed) the project store at `path`."""
    return ProjectStore(open_database(path, create=create, lock_timeout=lock_timeout))
