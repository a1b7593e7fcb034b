"""Embedding caches: vectors in an SQLite table keyed by (model, text), and the embedder that uses one.

One cache class serves both the user's shared cache file and a project
store's embeddings table: it needs only something that executes SQL and a way
to make a transaction. A cache may sit over a fallback (the project's own
vectors over the user's shared ones): what the fallback knows is copied in.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

import numpy as np

from aligner.embed import Embedder

# SQLite's limit on bound parameters is 999 in old builds: ask in chunks.
_CHUNK = 500
TABLE = """CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL, key BLOB NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (model, key)) WITHOUT ROWID"""


# The model of vectors whose key alone names it (the key hashes model and text):
# those of the first cache layout, which had no model column.
ANY_MODEL = ""


def _adopt_first_layout(connection: sqlite3.Connection) -> None:
    """Move the vectors of a cache file of the first layout (table `embedding`) into today's table."""
    old = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'embedding'").fetchone()
    if old:
        with connection:
            connection.execute(f"INSERT OR IGNORE INTO embeddings (model, key, vector) "
                               f"SELECT '{ANY_MODEL}', key, vector FROM embedding")
            connection.execute("DROP TABLE embedding")


class SqlExecutor(Protocol):
    def execute(self, sql: str, parameters=...) -> sqlite3.Cursor: ...
    def executemany(self, sql: str, rows) -> sqlite3.Cursor: ...


def cache_key(model: str, text: str) -> bytes:
    """The key of a text's vector in an embedding cache: a hash of model and text."""
    return hashlib.blake2b(f"{model}\x00{text}".encode(), digest_size=16).digest()


class EmbeddingCache:
    """Vectors in an `embeddings (model, key, vector)` table, optionally over a fallback cache."""

    def __init__(self, executor: SqlExecutor, transaction: Callable[[], AbstractContextManager],
                 *, fallback: EmbeddingCache | None = None, on_close: Callable[[], None] | None = None) -> None:
        self._sql = executor
        self._transaction = transaction
        self.fallback = fallback
        self._on_close = on_close
        self.read_only = False

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> EmbeddingCache:
        """The user's shared cache: its own SQLite file, created as needed.

        read_only: look vectors up and never write (a worker beside the
        coordinator that owns the file); the file must exist.
        """
        path = Path(path)
        if read_only:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
            cache = cls(connection, _no_transaction, on_close=connection.close)
            cache.read_only = True
            return cache
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=30)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(TABLE)
        _adopt_first_layout(connection)

        @contextmanager
        def transaction() -> Iterator[None]:
            with connection:
                yield

        return cls(connection, transaction, on_close=connection.close)

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        keys = {cache_key(model, text): text for text in texts}
        key_list = list(keys)
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(key_list), _CHUNK):
            chunk = key_list[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, blob in self._sql.execute(
                    f"SELECT key, vector FROM embeddings WHERE model IN (?, '{ANY_MODEL}') AND key IN ({marks})",
                    [model, *chunk]):
                found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        missing = [text for text in dict.fromkeys(texts) if text not in found]
        if missing and self.fallback is not None:
            shared = self.fallback.get_many(model, missing)
            if shared:
                self._put(model, list(shared), list(shared.values()))
                found.update(shared)
        return found

    def put_many(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        if self.read_only:
            return
        self._put(model, texts, vectors)
        if self.fallback is not None:
            try:
                self.fallback.put_many(model, texts, vectors)
            except sqlite3.Error:  # the shared cache is a convenience; this one has its copy
                pass

    def _put(self, model: str, texts: Sequence[str], vectors) -> None:
        with self._transaction():
            self._sql.executemany(
                "INSERT OR REPLACE INTO embeddings (model, key, vector) VALUES (?, ?, ?)",
                # A generator: the rows go to SQLite one by one, not as a second copy of every vector.
                ((model, cache_key(model, text), np.ascontiguousarray(vector, dtype=np.float32).tobytes())
                 for text, vector in zip(texts, vectors)))

    def close(self) -> None:
        if self._on_close is not None:
            self._on_close()


@contextmanager
def _no_transaction() -> Iterator[None]:
    raise sqlite3.OperationalError("a read-only embedding cache is never written")
    yield


class CachedEmbedder:
    """Wraps an embedder: each distinct text is embedded once, then read from disk.

    Also counts the texts it had to embed, so callers can say "nothing new".
    """

    def __init__(self, inner: Embedder, cache: EmbeddingCache | None = None) -> None:
        self.inner = inner
        self.name = inner.name
        self.cache = cache
        self.embedded_count = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        unique = list(dict.fromkeys(texts))
        known = self.cache.get_many(self.name, unique) if self.cache else {}
        missing = [text for text in unique if text not in known]
        if missing:
            fresh = self.inner.encode(missing)
            self.embedded_count += len(missing)
            if self.cache:
                self.cache.put_many(self.name, missing, fresh)
            known.update(zip(missing, fresh))
        if not texts:
            return self.inner.encode([])
        if len(missing) == len(texts):
            # Every text new and distinct (a new document, the usual case): the
            # fresh matrix is the answer; a copy would double the peak memory.
            return np.asarray(fresh, dtype=np.float32)
        vectors = np.empty((len(texts), len(next(iter(known.values())))), dtype=np.float32)
        for row, text in enumerate(texts):
            vectors[row] = known[text]
        return vectors
