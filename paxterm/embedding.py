"""The embedder of a run: the model a --model option names, over the project's and the user's caches."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from aligner.embed import DEFAULT_MODEL, Embedder
from aligner.embed.cache import CachedEmbedder, EmbeddingCache
from paxterm.jobs.align import process_model
from paxterm.store import ProjectStore


def cache_path() -> Path:
    """Where embeddings are shared between projects: $PAXTERM_CACHE_DIR, else the user's cache folder."""
    base = os.environ.get("PAXTERM_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    if not os.environ.get("PAXTERM_CACHE_DIR"):
        root = root / "paxterm"
    return root / "embeddings.sqlite"


def shared_cache() -> EmbeddingCache | None:
    """The user's shared cache, or None where it cannot be used (a read-only home, a damaged file)."""
    try:
        return EmbeddingCache.open(cache_path())
    except (OSError, sqlite3.Error):
        return None


def make_embedder(model: str | None, *, use_cache: bool = True, store: ProjectStore | None = None,
                  inner: Embedder | None = None) -> CachedEmbedder:
    """The embedder a --model option names (or `inner`), wrapped in the on-disk cache.

    With a project store, vectors are kept in the store (so a project carries
    its own) over the user's shared cache, which use_cache=False leaves out.
    A read-only store is read from but not written to.
    """
    # One model per process and spec: a review server, a test session or a worker loads it once.
    inner = inner if inner is not None else process_model(model or DEFAULT_MODEL)
    shared = shared_cache() if use_cache else None
    if store is not None and not store.read_only:
        return CachedEmbedder(inner, store.embeddings(fallback=shared))
    return CachedEmbedder(inner, shared)
