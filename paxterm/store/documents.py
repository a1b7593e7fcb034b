"""The corpus's documents as the store knows them: path, language, symbols, hash, segments."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from aligner.align.links import PARAGRAPH, SENTENCE
from aligner.align.pipeline import Segmented, segment_document
from aligner.segment import MAX_SENTENCE_CHARS
from aligner.read.document import Document, Paragraph
from paxterm.store.connection import Database, now
from paxterm.store.kept import KeptReviewRepository
from paxterm.store.settings import SettingsRepository


@dataclass(frozen=True)
class StoredDocument:
    id: int
    path: str
    language: str | None
    symbol: str | None
    symbols: tuple[str, ...]
    content_hash: str
    size: int
    mtime_ns: int
    skipped_reason: str | None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


class DocumentRepository:
    def __init__(self, db: Database, settings: SettingsRepository, kept_reviews: KeptReviewRepository) -> None:
        self._db = db
        self._settings = settings
        self._kept_reviews = kept_reviews

    def all(self) -> list[StoredDocument]:
        rows = self._db.execute(
            "SELECT id, path, language, symbol, symbols, content_hash, size, mtime_ns, skipped_reason "
            "FROM documents ORDER BY path"
        )
        return [StoredDocument(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), r[5], r[6], r[7], r[8])
                for r in rows]

    def by_path(self, relative_path: str) -> StoredDocument | None:
        return next((document for document in self.all() if document.path == relative_path), None)

    def save(self, relative_path: str, document: Document | None, *, content_hash: str,
             size: int, mtime_ns: int, skipped_reason: str | None = None) -> int:
        """Register a new or changed file, with its segments, in one transaction.

        A changed file's old segments and alignments go in the same transaction,
        so its French partner (or itself) is aligned afresh by the next step;
        its reviewed links are kept for that step to carry over where they fit.
        """
        stamp = now()
        language = document.language if document else None
        symbol = document.symbol if document else None
        symbols = json.dumps(list(document.symbols) if document else [])
        with self._db.transaction():
            row = self._db.execute("SELECT id FROM documents WHERE path = ?", (relative_path,)).fetchone()
            if row:
                document_id = row[0]
                self._forget_alignments_of(document_id)
                self._db.execute("DELETE FROM segments WHERE document_id = ?", (document_id,))
                self._db.execute(
                    "UPDATE documents SET language=?, symbol=?, symbols=?, content_hash=?, size=?, mtime_ns=?, "
                    "skipped_reason=?, updated_at=? WHERE id=?",
                    (language, symbol, symbols, content_hash, size, mtime_ns, skipped_reason, stamp, document_id))
            else:
                document_id = self._db.execute(
                    "INSERT INTO documents (path, language, symbol, symbols, content_hash, size, mtime_ns, "
                    "skipped_reason, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (relative_path, language, symbol, symbols, content_hash, size, mtime_ns, skipped_reason,
                     stamp, stamp)).lastrowid
            if document is not None:
                self._insert_segments(document_id, document)
        return document_id

    def _insert_segments(self, document_id: int, document: Document) -> None:
        self._db.executemany(
            "INSERT INTO segments (document_id, level, idx, text, number, heading) VALUES (?, ?, ?, ?, ?, ?)",
            [(document_id, PARAGRAPH, i, p.text, p.number, int(p.heading)) for i, p in enumerate(document.paragraphs)])
        segmented = segment_document(document)
        self._db.executemany(
            "INSERT INTO segments (document_id, level, idx, text, paragraph) VALUES (?, ?, ?, ?, ?)",
            [(document_id, SENTENCE, i, text, owner)
             for i, (text, owner) in enumerate(zip(segmented.sentences, segmented.paragraph_of))])

    def move(self, document_id: int, relative_path: str, size: int, mtime_ns: int) -> None:
        """The file was renamed or moved with its bytes unchanged: it keeps its segments, links and reviews.

        The term base names its sources by path, so it is built again.
        """
        with self._db.transaction():
            self._db.execute("UPDATE documents SET path=?, size=?, mtime_ns=?, updated_at=? WHERE id=?",
                             (relative_path, size, mtime_ns, now(), document_id))
            self._settings.bump_alignment_generation()

    def touch(self, document_id: int, size: int, mtime_ns: int) -> None:
        """The file was rewritten with the same bytes: remember its new size and time only."""
        with self._db.transaction():
            self._db.execute("UPDATE documents SET size=?, mtime_ns=? WHERE id=?", (size, mtime_ns, document_id))

    def remove(self, document_id: int) -> None:
        """Forget a file that left the corpus, with its segments, links and pairing."""
        with self._db.transaction():
            self._forget_alignments_of(document_id)
            self._db.execute("DELETE FROM documents WHERE id = ?", (document_id,))

    def _forget_alignments_of(self, document_id: int) -> None:
        # Links go with their pair row (ON DELETE CASCADE); the reviewed ones are kept to be carried over.
        self._kept_reviews.keep(fr_document_id for (fr_document_id,) in self._db.execute(
            "SELECT fr_document_id FROM pairs WHERE fr_document_id = ? OR en_document_id = ?",
            (document_id, document_id)).fetchall())
        deleted = self._db.execute("DELETE FROM pairs WHERE fr_document_id = ? OR en_document_id = ?",
                                   (document_id, document_id)).rowcount
        if deleted:
            self._settings.bump_alignment_generation()

    def load(self, document_id: int, corpus_dir: Path) -> Document:
        """The Document as it was read, rebuilt from the store without touching the file."""
        row = self._db.execute("SELECT path, language, symbol, symbols FROM documents WHERE id = ?",
                               (document_id,)).fetchone()
        paragraphs = tuple(
            Paragraph(text=text, number=number, heading=bool(heading))
            for text, number, heading in self._db.execute(
                "SELECT text, number, heading FROM segments WHERE document_id = ? AND level = ? ORDER BY idx",
                (document_id, PARAGRAPH)))
        return Document(path=Path(corpus_dir) / row[0], language=row[1], paragraphs=paragraphs,
                        symbol=row[2], symbols=tuple(json.loads(row[3])))

    def segments(self, document_id: int, level: str = SENTENCE) -> list[str]:
        return [text for (text,) in self._db.execute(
            "SELECT text FROM segments WHERE document_id = ? AND level = ? ORDER BY idx", (document_id, level))]

    def segmented(self, document_id: int) -> Segmented:
        """A document's paragraphs and sentences as they were cut when it was read (what an align job takes)."""
        paragraphs = tuple(self.segments(document_id, PARAGRAPH))
        rows = self._db.execute("SELECT text, paragraph FROM segments WHERE document_id = ? AND level = ? "
                                "ORDER BY idx", (document_id, SENTENCE)).fetchall()
        stored = Segmented(tuple(text for text, _ in rows), tuple(owner for _, owner in rows), paragraphs)
        # Which sentences are pieces of an over-long one (flagged long_sentence_cut) is not stored:
        # cutting the stored paragraphs again says, when it gives the stored sentences. Only a
        # paragraph longer than a sentence may be can hold one.
        if all(len(paragraph) <= MAX_SENTENCE_CHARS for paragraph in paragraphs):
            return stored
        again = segment_document(self.load(document_id, Path(".")))
        if again.cut and (again.sentences, again.paragraph_of) == (stored.sentences, stored.paragraph_of):
            return again
        return stored

    def symbol(self, document_id: int | None) -> str | None:
        if document_id is None:
            return None
        row = self._db.execute("SELECT symbol FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row[0] if row else None
