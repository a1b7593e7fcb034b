"""The project store's embeddings table, used as an embedding cache."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import numpy as np

from aligner.embed import cache_key
from paxterm.store import ProjectStore


class StoreEmbeddingCache:
    """The embeddings table as an EmbeddingCache (get_many / put_many), optionally over a shared cache.

    The project keeps its own vectors so it is complete on its own; `fallback`
    (the user's cache) lets a new project reuse vectors another one computed.
    """

    def __init__(self, store: ProjectStore, fallback=None) -> None:
        self.store = store
        self.fallback = fallback

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        keys = {cache_key(model, text): text for text in texts}
        key_list = list(keys)
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(key_list), 500):
            chunk = key_list[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for key, blob in self.store.db.execute(
                    f"SELECT key, vector FROM embeddings WHERE model = ? AND key IN ({marks})", [model, *chunk]):
                found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        missing = [text for text in dict.fromkeys(texts) if text not in found]
        if missing and self.fallback is not None:
            shared = self.fallback.get_many(model, missing)
            if shared:
                self._put(model, list(shared), list(shared.values()))
                found.update(shared)
        return found

    def put_many(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        self._put(model, texts, vectors)
        if self.fallback is not None:
            try:
                self.fallback.put_many(model, texts, vectors)
            except sqlite3.Error:  # the shared cache is a convenience; the project has its copy
                pass

    def _put(self, model: str, texts: Sequence[str], vectors) -> None:
        with self.store.transaction():
            self.store.db.executemany(
                "INSERT OR REPLACE INTO embeddings (model, key, vector) VALUES (?, ?, ?)",
                [(model, cache_key(model, text), np.ascontiguousarray(vector, dtype=np.float32).tobytes())
                 for text, vector in zip(texts, vectors)])
