"""Synthetic embeddings for the post-search steps' tests: sentences are named, vectors are known.

A text is a run of names, a letter and an index ("x3 x4"); its embedding is
the unit sum of the named vectors, the model of a concatenation that the
search assumes, so a test knows what every real embedding will be.
"""

from __future__ import annotations

import numpy as np


def unit(matrix: np.ndarray) -> np.ndarray:
    return (matrix / np.linalg.norm(matrix, axis=-1, keepdims=True)).astype(np.float32)


def names(prefix: str, count: int) -> list[str]:
    """The texts of `count` sentences named `prefix`0, `prefix`1, ..."""
    return [f"{prefix}{i}" for i in range(count)]


class SummingEncoder:
    """Embeds a text of names as the unit sum of their vectors; remembers what it was asked to embed."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors, self.encoded = vectors, []

    def __call__(self, texts) -> np.ndarray:
        self.encoded.extend(texts)
        return np.array([unit(sum(self.vectors[int(name[1:])] for name in text.split())) for text in texts],
                        dtype=np.float32)
