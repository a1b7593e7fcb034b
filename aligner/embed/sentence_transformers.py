"""Any sentence-transformers model by name or local path, loaded strictly offline."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from aligner.embed import normalise_rows
from aligner.errors import ModelUnavailableError


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
