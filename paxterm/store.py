"""The project store: one SQLite file that remembers everything a project has processed.

It holds the corpus's documents (path, language, symbols, content hash), their
paragraphs and sentences, which French document is aligned with which English
one, the links, an embeddings cache, and the term base with the history of
every change to it. `paxterm run` reads it to process only what is new.

Reliability: the file is in WAL mode (readers never block the writer), one
writer at a time holds a lock file beside the database, every document's
results are written in one transaction, and the file is checked on opening.
Before a schema migration, and when damage is found, a copy is kept as
paxterm.db.bak-<timestamp>.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from aligner.align.pipeline import segment_document
from aligner.read.document import Document, Paragraph
from aligner.errors import PaxtermError
from aligner.align.links import PARAGRAPH, SENTENCE, DocumentAlignment, Link
from paxterm.store_schema import SCHEMA, SCHEMA_V2

try:  # POSIX; elsewhere SQLite's own write lock is the only guard.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

STORE_FOLDER = ".paxterm"
STORE_NAME = "paxterm.db"
SQLITE_HEADER = b"SQLite format 3\x00"
SCHEMA_VERSION = 2
# A second writer waits this long for the first before giving up: long enough
# for an `add` or a term base import to finish, short enough that a user whose
# other `paxterm run` holds the store for minutes is told so at once.
WRITER_WAIT_SECONDS = 10.0
# SQLite's own wait for a write lock, for readers and the rare write outside the lock file.
BUSY_TIMEOUT_SECONDS = 30.0


class StoreError(PaxtermError):
    """The project store cannot be used as it is."""


class StoreMissingError(StoreError):
    """No project store exists yet where one was expected."""


class StoreCorruptError(StoreError):
    """The store file is damaged or is not a paxterm store."""


class StoreVersionError(StoreError):
    """The store was written by a newer paxterm."""


class StoreBusyError(StoreError):
    """Another paxterm process is writing to the store."""


def default_store_path(corpus_dir: Path) -> Path:
    return Path(corpus_dir) / STORE_FOLDER / STORE_NAME


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def file_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=20)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _execute_script(connection: sqlite3.Connection, script: str) -> None:
    """Run `script`'s statements one by one (executescript would commit the migration's transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


# MIGRATIONS[n] upgrades a store from schema n to n + 1, inside one transaction.
# Add a function here and raise SCHEMA_VERSION whenever the schema changes.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: lambda connection: _execute_script(connection, SCHEMA_V2),  # stored term candidates
}


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


@dataclass(frozen=True)
class StoredPair:
    fr_document_id: int
    en_document_id: int | None
    fr_doc: str
    en_doc: str | None
    method: str | None
    similarity: float | None


@dataclass(frozen=True)
class ConcordanceLink:
    """One link as the concordance shows it: where it is and what it says."""

    fr_doc: str
    en_doc: str | None
    fr_index: tuple[int, ...]
    en_index: tuple[int, ...]
    fr: str
    en: str
    score: float
    flags: tuple[str, ...]


def open_store(path: str | Path, *, create: bool = True) -> ProjectStore:
    """Open (creating, checking and migrating as needed) the project store at `path`."""
    path = Path(path)
    exists = path.is_file() and path.stat().st_size > 0
    if path.exists() and not path.is_file():
        raise StoreError(f"{path} is a folder, not a project store file; give a file path with --store")
    if not exists and not create:
        raise StoreMissingError(f"{path}: no project store yet; run `paxterm run` on the corpus first")
    if exists:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                backup = make_backup(path)
                raise StoreCorruptError(
                    f"{path} is not a paxterm project store (corrupted?); a backup is at {backup}; "
                    "move the file away and run `paxterm run` to rebuild the store"
                )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create {path.parent} ({error.strerror}); give another place with --store") from None
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                                     check_same_thread=False)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open {path} ({error}); check its permissions or give --store") from None
    try:
        _prepare(connection, path)
    except sqlite3.DatabaseError as error:
        connection.close()
        backup = make_backup(path)
        raise StoreCorruptError(
            f"{path} is not a paxterm project store (corrupted?: {error}); a backup is at {backup}; "
            "move the file away and run `paxterm run` to rebuild the store"
        ) from None
    except BaseException:
        connection.close()
        raise
    return ProjectStore(path, connection)


def _prepare(connection: sqlite3.Connection, path: Path) -> None:
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA journal_mode = WAL")
    check = connection.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise sqlite3.DatabaseError(f"integrity check: {check}")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreVersionError(
            f"{path} was written by a newer paxterm (store schema {version}, this paxterm reads up to "
            f"{SCHEMA_VERSION}); upgrade paxterm (pip install -U paxterm) or give another --store"
        )
    if version == 0:
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables:
            raise StoreCorruptError(
                f"{path} is an SQLite database but not a paxterm project store; give another path with --store"
            )
        with _immediate(connection):
            _create_schema(connection)
        return
    if version < SCHEMA_VERSION:
        backup = make_backup(path, connection)
        try:
            for step in range(version, SCHEMA_VERSION):
                with _immediate(connection):
                    MIGRATIONS[step](connection)
                    connection.execute(f"PRAGMA user_version = {step + 1}")
        except (sqlite3.Error, KeyError) as error:
            raise StoreError(
                f"{path}: could not upgrade the store from schema {version} ({error}); "
                f"the store before the upgrade is at {backup}"
            ) from None


def _create_schema(connection: sqlite3.Connection) -> None:
    _execute_script(connection, SCHEMA)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


@contextmanager
def _immediate(connection: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (BEGIN IMMEDIATE), rolled back on any error."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def make_backup(path: Path, connection: sqlite3.Connection | None = None) -> Path:
    """Copy the store to paxterm.db.bak-<timestamp> beside it; returns the copy's path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    backup = path.with_name(f"{path.name}.bak-{stamp}")
    if connection is not None:  # a live database: SQLite's backup copies the WAL's content too
        target = sqlite3.connect(backup)
        try:
            connection.backup(target)
        finally:
            target.close()
        return backup
    shutil.copy2(path, backup)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        shutil.copy2(wal, backup.with_name(backup.name + "-wal"))
    return backup


class ProjectStore:
    """An open project store; use open_store() to get one, and close it (or use `with`)."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.db = connection
        self._lock_handle = None

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.release_writer_lock()
        self.db.close()

    # --- locking and transactions -------------------------------------------------------

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def acquire_writer_lock(self, timeout: float | None = None) -> None:
        """Become the one writer of this store, waiting up to `timeout` seconds for another."""
        if fcntl is None or self._lock_handle is not None:
            return
        timeout = WRITER_WAIT_SECONDS if timeout is None else timeout
        handle = self.lock_path.open("a+")
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.monotonic() >= deadline:
                    handle.close()
                    raise StoreBusyError(
                        f"{self.path} is in use by another paxterm process (waited {timeout:g} s); "
                        "wait until it has finished and run the command again"
                    ) from None
                time.sleep(0.1)
        self._lock_handle = handle

    def release_writer_lock(self) -> None:
        if self._lock_handle is not None:
            fcntl.flock(self._lock_handle.fileno(), fcntl.LOCK_UN)
            self._lock_handle.close()
            self._lock_handle = None

    @contextmanager
    def writer(self, timeout: float | None = None) -> Iterator[ProjectStore]:
        """Hold the writer lock for the duration of a `with` block."""
        self.acquire_writer_lock(timeout)
        try:
            yield self
        finally:
            self.release_writer_lock()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: the writes inside the block are committed together or not at all."""
        with _immediate(self.db):
            yield

    # --- project settings ---------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM project WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Write a setting; call inside a transaction or alone."""
        self.db.execute("INSERT OR REPLACE INTO project (key, value) VALUES (?, ?)", (key, value))

    def alignment_generation(self) -> int:
        """A counter raised by every change to pairs or links, so the term base knows it is stale."""
        return int(self.setting("alignment_generation", "0") or 0)

    def _bump_generation(self) -> None:
        self.set_setting("alignment_generation", str(self.alignment_generation() + 1))

    # --- documents and segments ---------------------------------------------------------

    def documents(self) -> list[StoredDocument]:
        rows = self.db.execute(
            "SELECT id, path, language, symbol, symbols, content_hash, size, mtime_ns, skipped_reason "
            "FROM documents ORDER BY path"
        )
        return [StoredDocument(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), r[5], r[6], r[7], r[8])
                for r in rows]

    def save_document(self, relative_path: str, document: Document | None, *, content_hash: str,
                      size: int, mtime_ns: int, skipped_reason: str | None = None) -> int:
        """Register a new or changed file, with its segments, in one transaction.

        A changed file's old segments and alignments go in the same transaction,
        so its French partner (or itself) is aligned afresh by the next step.
        """
        stamp = now()
        language = document.language if document else None
        symbol = document.symbol if document else None
        symbols = json.dumps(list(document.symbols) if document else [])
        with self.transaction():
            row = self.db.execute("SELECT id FROM documents WHERE path = ?", (relative_path,)).fetchone()
            if row:
                document_id = row[0]
                self._forget_alignments_of(document_id)
                self.db.execute("DELETE FROM segments WHERE document_id = ?", (document_id,))
                self.db.execute(
                    "UPDATE documents SET language=?, symbol=?, symbols=?, content_hash=?, size=?, mtime_ns=?, "
                    "skipped_reason=?, updated_at=? WHERE id=?",
                    (language, symbol, symbols, content_hash, size, mtime_ns, skipped_reason, stamp, document_id))
            else:
                document_id = self.db.execute(
                    "INSERT INTO documents (path, language, symbol, symbols, content_hash, size, mtime_ns, "
                    "skipped_reason, added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (relative_path, language, symbol, symbols, content_hash, size, mtime_ns, skipped_reason,
                     stamp, stamp)).lastrowid
            if document is not None:
                self._insert_segments(document_id, document)
        return document_id

    def _insert_segments(self, document_id: int, document: Document) -> None:
        self.db.executemany(
            "INSERT INTO segments (document_id, level, idx, text, number, heading) VALUES (?, ?, ?, ?, ?, ?)",
            [(document_id, PARAGRAPH, i, p.text, p.number, int(p.heading)) for i, p in enumerate(document.paragraphs)])
        segmented = segment_document(document)
        self.db.executemany(
            "INSERT INTO segments (document_id, level, idx, text, paragraph) VALUES (?, ?, ?, ?, ?)",
            [(document_id, SENTENCE, i, text, owner)
             for i, (text, owner) in enumerate(zip(segmented.sentences, segmented.paragraph_of))])

    def touch_document(self, document_id: int, size: int, mtime_ns: int) -> None:
        """The file was rewritten with the same bytes: remember its new size and time only."""
        with self.transaction():
            self.db.execute("UPDATE documents SET size=?, mtime_ns=? WHERE id=?", (size, mtime_ns, document_id))

    def remove_document(self, document_id: int) -> None:
        """Forget a file that left the corpus, with its segments, links and pairing."""
        with self.transaction():
            self._forget_alignments_of(document_id)
            self.db.execute("DELETE FROM documents WHERE id = ?", (document_id,))

    def _forget_alignments_of(self, document_id: int) -> None:
        # Links go with their pair row (ON DELETE CASCADE).
        deleted = self.db.execute("DELETE FROM pairs WHERE fr_document_id = ? OR en_document_id = ?",
                                  (document_id, document_id)).rowcount
        if deleted:
            self._bump_generation()

    def load_document(self, document_id: int, corpus_dir: Path) -> Document:
        """The Document as it was read, rebuilt from the store without touching the file."""
        row = self.db.execute("SELECT path, language, symbol, symbols FROM documents WHERE id = ?",
                              (document_id,)).fetchone()
        paragraphs = tuple(
            Paragraph(text=text, number=number, heading=bool(heading))
            for text, number, heading in self.db.execute(
                "SELECT text, number, heading FROM segments WHERE document_id = ? AND level = ? ORDER BY idx",
                (document_id, PARAGRAPH)))
        return Document(path=Path(corpus_dir) / row[0], language=row[1], paragraphs=paragraphs,
                        symbol=row[2], symbols=tuple(json.loads(row[3])))

    def segments(self, document_id: int, level: str = SENTENCE) -> list[str]:
        return [text for (text,) in self.db.execute(
            "SELECT text FROM segments WHERE document_id = ? AND level = ? ORDER BY idx", (document_id, level))]

    # --- pairs and links ----------------------------------------------------------------

    def pairs(self) -> list[StoredPair]:
        rows = self.db.execute(
            "SELECT p.fr_document_id, p.en_document_id, f.path, e.path, p.method, p.similarity "
            "FROM pairs p JOIN documents f ON f.id = p.fr_document_id "
            "LEFT JOIN documents e ON e.id = p.en_document_id")
        pairs = [StoredPair(r[0], r[1], r[2].rsplit("/", 1)[-1], r[3].rsplit("/", 1)[-1] if r[3] else None, r[4], r[5])
                 for r in rows]
        return sorted(pairs, key=lambda pair: (pair.fr_doc, pair.fr_document_id))

    def save_alignment(self, fr_document_id: int, en_document_id: int | None, alignment: DocumentAlignment, *,
                       method: str | None = None, similarity: float | None = None) -> None:
        """Replace a French document's alignment (pair row and links) in one transaction."""
        with self.transaction():
            self.db.execute("DELETE FROM pairs WHERE fr_document_id = ?", (fr_document_id,))
            if en_document_id is not None:  # the English side may have been aligned with another text before
                self.db.execute("DELETE FROM pairs WHERE en_document_id = ?", (en_document_id,))
            self.db.execute(
                "INSERT INTO pairs (fr_document_id, en_document_id, method, similarity, aligned_at) "
                "VALUES (?, ?, ?, ?, ?)", (fr_document_id, en_document_id, method, similarity, now()))
            self.insert_links(fr_document_id, alignment)
            self._bump_generation()

    def insert_links(self, fr_document_id: int, alignment: DocumentAlignment) -> None:
        rows = [
            (fr_document_id, link.level, position, json.dumps(list(link.fr_index)), json.dumps(list(link.en_index)),
             link.fr, link.en, float(link.score), json.dumps(list(link.flags)))
            for links in (alignment.paragraph_links, alignment.sentence_links)
            for position, link in enumerate(links)
        ]
        self.db.executemany(
            "INSERT INTO links (fr_document_id, level, position, fr_index, en_index, fr, en, score, flags) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def alignments(self) -> list[DocumentAlignment]:
        """Every aligned French document's links, as the exporters take them, by French file name."""
        result = []
        for pair in self.pairs():
            fr_symbol, en_symbol = (self._symbol(pair.fr_document_id), self._symbol(pair.en_document_id))
            by_level = {PARAGRAPH: [], SENTENCE: []}
            for level, fr_index, en_index, fr, en, score, flags in self.db.execute(
                    "SELECT level, fr_index, en_index, fr, en, score, flags FROM links "
                    "WHERE fr_document_id = ? ORDER BY level, position", (pair.fr_document_id,)):
                by_level[level].append(Link(level, tuple(json.loads(fr_index)), tuple(json.loads(en_index)),
                                            fr, en, score, tuple(json.loads(flags))))
            result.append(DocumentAlignment(pair.fr_doc, pair.en_doc, tuple(by_level[PARAGRAPH]),
                                            tuple(by_level[SENTENCE]), fr_symbol, en_symbol))
        return result

    def _symbol(self, document_id: int | None) -> str | None:
        if document_id is None:
            return None
        row = self.db.execute("SELECT symbol FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row[0] if row else None

    def iter_links(self, level: str = SENTENCE, *, bilingual_only: bool = False) -> Iterator[ConcordanceLink]:
        """Every stored link of one level, document by document, in text order (for the concordance)."""
        query = (
            "SELECT f.path, e.path, l.fr_index, l.en_index, l.fr, l.en, l.score, l.flags FROM links l "
            "JOIN pairs p ON p.fr_document_id = l.fr_document_id JOIN documents f ON f.id = p.fr_document_id "
            "LEFT JOIN documents e ON e.id = p.en_document_id WHERE l.level = ?"
            + (" AND p.en_document_id IS NOT NULL" if bilingual_only else "")
            + " ORDER BY f.path, l.position")
        for fr_path, en_path, fr_index, en_index, fr, en, score, flags in self.db.execute(query, (level,)):
            yield ConcordanceLink(fr_path.rsplit("/", 1)[-1], en_path.rsplit("/", 1)[-1] if en_path else None,
                                  tuple(json.loads(fr_index)), tuple(json.loads(en_index)), fr, en, score,
                                  tuple(json.loads(flags)))

    def link_counts(self, level: str = SENTENCE) -> tuple[int, int]:
        """(links, flagged links) of bilingual pairs at one level."""
        row = self.db.execute(
            "SELECT count(*), coalesce(sum(l.flags != '[]'), 0) FROM links l "
            "JOIN pairs p ON p.fr_document_id = l.fr_document_id "
            "WHERE l.level = ? AND p.en_document_id IS NOT NULL", (level,)).fetchone()
        return int(row[0]), int(row[1])

    # --- term candidates: what extraction found in each document, by fingerprint --------------

    def term_candidates(self, fingerprints: Sequence[str]) -> dict[str, tuple[str, str, str]]:
        """fingerprint -> (French document, French candidates JSON, English candidates JSON), for those stored."""
        found: dict[str, tuple[str, str, str]] = {}
        keys = list(dict.fromkeys(fingerprints))
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for fingerprint, fr_doc, fr, en in self.db.execute(
                    f"SELECT fingerprint, fr_doc, fr, en FROM term_candidates WHERE fingerprint IN ({marks})", chunk):
                found[fingerprint] = (fr_doc, fr, en)
        return found

    def save_term_candidates(self, fingerprint: str, fr_doc: str, fr: str, en: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO term_candidates (fingerprint, fr_doc, fr, en) VALUES (?, ?, ?, ?)",
                            (fingerprint, fr_doc, fr, en))

    def keep_term_candidates(self, fingerprints: Iterable[str]) -> int:
        """Delete the stored candidates of every fingerprint but these (documents gone or changed)."""
        keep = set(fingerprints)
        stale = [(key,) for (key,) in self.db.execute("SELECT fingerprint FROM term_candidates") if key not in keep]
        if stale:
            with self.transaction():
                self.db.executemany("DELETE FROM term_candidates WHERE fingerprint = ?", stale)
        return len(stale)

    def forget_all_alignments(self) -> None:
        """Drop every pairing and link (another model was asked for): the next step aligns everything."""
        with self.transaction():
            self.db.execute("DELETE FROM pairs")
            self._bump_generation()
