"""AlignJob: one French document and its English original, everything a worker needs to align them.

A job is a frozen, picklable value: the two documents' paragraphs and
sentences (as the store holds them, so no worker reads a file or splits a
sentence), the model spec and the alignment parameters. `align_job` is a pure
function of it, so Dask may run it anywhere and run it again when a worker is
lost. The worker returns the vectors it had to compute with the links; only
the coordinator writes them, with the links, into the store.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from aligner.align.dp import AlignParams
from aligner.align.links import DocumentAlignment
from aligner.align.pipeline import Segmented, align_segmented, french_only_segmented
from aligner.embed import Embedder, load_embedder
from aligner.embed.cache import CachedEmbedder, EmbeddingCache


@dataclass(frozen=True)
class JobDocument:
    """A stored document as a job carries it: its store id, name, symbol, paragraphs and sentences."""

    id: int
    name: str
    symbol: str | None
    segmented: Segmented


@dataclass(frozen=True)
class AlignJob:
    """Align `fr` with its English original `en` (None: the French text is aligned on its own)."""

    fr: JobDocument
    en: JobDocument | None
    model: str  # a load_embedder spec: each worker process loads it once
    params: AlignParams = AlignParams()
    split: str = "auto"
    # The user's shared embedding cache, read (never written) by workers that can see it.
    cache_path: str | None = None

    @property
    def label(self) -> str:
        """How reports name the job: its French document."""
        return self.fr.name

    @property
    def key(self) -> str:
        """Unique within a run: the French document's store id."""
        return f"align-{self.fr.id}"


@dataclass(frozen=True)
class AlignResult:
    """A job's links, and the vectors the worker computed (not found in any cache it could read)."""

    fr_id: int
    en_id: int | None
    alignment: DocumentAlignment
    model: str  # the embedder's name, under which the vectors are cached
    texts: tuple[str, ...] = ()
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32), compare=False)
    seconds: float = field(default=0.0, compare=False)
    worker_pid: int = field(default=0, compare=False)


class _Recorder:
    """Passes texts to an embedder and keeps what it computed, for the coordinator to store."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.texts: list[str] = []
        self.vectors: list[np.ndarray] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self.inner.encode(texts)
        if len(texts):
            self.texts.extend(texts)
            self.vectors.append(np.asarray(vectors, dtype=np.float32))
        return vectors

    def computed(self) -> tuple[tuple[str, ...], np.ndarray]:
        if not self.vectors:
            return (), np.zeros((0, 0), dtype=np.float32)
        return tuple(self.texts), np.concatenate(self.vectors)


class _Serialised:
    """One model shared by a worker's threads: encode calls take turns (BLAS already uses the cores)."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return self.inner.encode(texts)


_MODELS: dict[str, Embedder] = {}
_MODELS_LOCK = threading.Lock()


def process_model(spec: str) -> Embedder:
    """The embedder `spec` names, loaded once per process (a worker runs many jobs)."""
    with _MODELS_LOCK:
        if spec not in _MODELS:
            _MODELS[spec] = _Serialised(load_embedder(spec))
        return _MODELS[spec]


def _shared_cache(path: str | None) -> EmbeddingCache | None:
    if not path or not os.path.isfile(path):
        return None
    try:
        return EmbeddingCache.open(path, read_only=True)
    except sqlite3.Error:  # unreadable or locked for good: the worker embeds instead
        return None


class VectorLookup(Protocol):
    """Where a job may find vectors already computed: an EmbeddingCache (the store's, the user's)."""

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]: ...


class _Lookup:
    """A cache as CachedEmbedder takes it, read-only and tolerant: a lookup error is a miss."""

    def __init__(self, cache: VectorLookup) -> None:
        self.cache = cache

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        try:
            return self.cache.get_many(model, texts)
        except sqlite3.Error:  # a shared cache without the table yet, or damaged
            return {}

    def put_many(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        pass  # the coordinator stores what the job returns


def align_job(job: AlignJob, *, model: Embedder | None = None, lookup: VectorLookup | None = None
              ) -> AlignResult:
    """Align one job's documents.

    On a worker, `model` and `lookup` are left out: the process's own model
    for job.model, over the shared cache at job.cache_path. The coordinator
    running a job itself lends its loaded model and its store's cache instead.
    """
    started = time.perf_counter()
    if job.en is None:
        alignment = french_only_segmented(job.fr.segmented, fr_name=job.fr.name, fr_symbol=job.fr.symbol)
        return AlignResult(job.fr.id, None, alignment, job.model, seconds=time.perf_counter() - started,
                           worker_pid=os.getpid())
    recorder = _Recorder(model if model is not None else process_model(job.model))
    shared = None if lookup is not None else _shared_cache(job.cache_path)
    source = lookup if lookup is not None else shared
    try:
        embedder = CachedEmbedder(recorder, _Lookup(source) if source is not None else None)
        alignment = align_segmented(job.fr.segmented, job.en.segmented, embedder,
                                    fr_name=job.fr.name, en_name=job.en.name,
                                    fr_symbol=job.fr.symbol, en_symbol=job.en.symbol,
                                    split=job.split, params=job.params)
    finally:
        if shared is not None:
            shared.close()
    texts, vectors = recorder.computed()
    return AlignResult(job.fr.id, job.en.id, alignment, recorder.name, texts, vectors,
                       time.perf_counter() - started, os.getpid())
