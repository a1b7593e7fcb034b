"""A link's score on real embeddings of its concatenations, for the checks after the search.

The search scores a merged link with the composed vector of its members (a
length-weighted sum) so that it embeds nothing beyond each sentence once.
The checks that follow it (aligner.align.omissions, aligner.align.boundaries)
look again at the few links where that approximation decides something: they
embed a link's concatenation for real and compare scores of the search's own
form (reference cosine minus the length term), so a decision means the same
whatever the encoder. Real vectors are cached by members, so the checks
share them and no concatenation is embedded twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from aligner.align.dp import AlignParams

Encode = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Side:
    """One language: its sentences, their vectors (on the pair's scale) and an encoder for concatenations."""

    texts: Sequence[str]
    vectors: np.ndarray
    lengths: np.ndarray
    encode: Encode

    def vector(self, members: Sequence[int], cache: dict[tuple[int, ...], np.ndarray]) -> np.ndarray:
        if len(members) == 1:
            return self.vectors[members[0]]
        key = tuple(members)
        if key not in cache:
            cache[key] = self.encode([" ".join(self.texts[i] for i in members)])[0]
        return cache[key]

    def composed(self, members: Sequence[int]) -> np.ndarray:
        summed = (self.vectors[list(members)] * np.sqrt(self.lengths[list(members)])[:, None]).sum(axis=0)
        return summed / (np.linalg.norm(summed) or 1.0)


@dataclass
class LinkScorer:
    """Scores of candidate links of one pair of sentence runs (x: French, y: English)."""

    x: Side
    y: Side
    scale: Callable[[float], float]  # a cosine of these vectors -> the reference scale
    log_ratio: float  # log of the English / French length ratio the search expected (its re-estimate, if any)
    params: AlignParams
    x_cache: dict = field(default_factory=dict)  # real vectors of concatenations, by members
    y_cache: dict = field(default_factory=dict)

    def score(self, xs: Sequence[int], ys: Sequence[int], *, real: bool) -> float:
        """Minus the search's cost of the link (reference cosine minus the length term)."""
        cosine = float(self.scale(self.raw_cosine(xs, ys, real=real)))
        deviation = self.length_deviation(xs, ys)
        return cosine - min(self.params.length_weight * deviation ** 2, self.params.length_cap)

    def length_deviation(self, xs: Sequence[int], ys: Sequence[int]) -> float:
        """Log of the link's English / French length ratio, less the pair's (0: as long as expected)."""
        len_x = float(self.x.lengths[list(xs)].sum())
        len_y = float(self.y.lengths[list(ys)].sum())
        smoothing = self.params.length_smoothing
        return float(np.log((len_y + smoothing) / (len_x + smoothing)) - self.log_ratio)

    def raw_cosine(self, xs: Sequence[int], ys: Sequence[int], *, real: bool) -> float:
        """The cosine of the two sides' vectors (real or composed), before the pair's scale is applied."""
        if real:
            vx, vy = self.x.vector(xs, self.x_cache), self.y.vector(ys, self.y_cache)
        else:
            vx, vy = self.x.composed(xs), self.y.composed(ys)
        return float(vx @ vy)

    def member_cosine(self, side: str, member: int, other: Sequence[int]) -> float:
        """Reference cosine of one sentence of `side` ("x" or "y") with the real vector of `other`."""
        own, opposite, cache = (self.x, self.y, self.y_cache) if side == "x" else (self.y, self.x, self.x_cache)
        return float(self.scale(float(own.vectors[member] @ opposite.vector(other, cache))))
