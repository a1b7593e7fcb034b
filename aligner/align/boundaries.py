"""Boundaries between neighbouring links moved by one sentence when real embeddings say so.

Of two neighbouring links, at least one a merge, the search sometimes puts a
sentence on the wrong side of the boundary: a French sentence that belongs
with the next German one sits at the end of the previous 1-2 link ([6]:[6, 7]
and [7]:[8, 9] where the gold has [6]:[6, 7, 8] and [7]:[9]). The composed
vectors of merged runs are too smooth to tell; the real embeddings of the
runs are not. For each such pair of links, moving the edge sentence of one
side across the boundary, either way, is tried; the move is made when the two
links, embedded for real, score better together after it than before. Only
moves that the composed vectors put within BOUNDARY_PREFILTER of a gain are
embedded, a few per merge.

On the Text+Berg dev document strict F1 0.868 -> 0.875, on the two TransRead
tuning novels 0.867 -> 0.878 (benchmarks/bench_align.py); 5% more characters
embedded than without it.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligner.align.dp import Bead
from aligner.align.link_scores import LinkScorer

# A move is embedded for real only when the composed vectors put the two
# links' score after it no more than this below their score before: 0.05 finds
# the same moves on the tuning data as 0.3, and embeds a tenth less.
BOUNDARY_PREFILTER = 0.05
# A link a move grows has at most this many sentences a side (as a null link
# merged back: aligner.align.omissions.MAX_ABSORBED_RUN).
MAX_MOVED_RUN = 5


def shift_boundaries(beads: Sequence[Bead], scorer: LinkScorer) -> list[Bead]:
    """The beads, with each boundary between two linked neighbours (one a merge) in its best place."""
    out = list(beads)
    for k in range(len(out) - 1):
        first, second = out[k], out[k + 1]
        if not (first.x and first.y and second.x and second.y):
            continue
        if len(first.x) + len(first.y) + len(second.x) + len(second.y) <= 4:
            continue  # two 1-1 links: nothing can move without emptying a side
        before_composed = _pair_score(scorer, first.x, first.y, second.x, second.y, real=False)
        before_real: float | None = None
        best: tuple[float, tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[int, ...]] | None = None
        for moved in _moves(first, second):
            if _pair_score(scorer, *moved, real=False) - before_composed < -BOUNDARY_PREFILTER:
                continue
            if before_real is None:
                before_real = _pair_score(scorer, first.x, first.y, second.x, second.y, real=True)
            gain = _pair_score(scorer, *moved, real=True) - before_real
            if gain > 0 and (best is None or gain > best[0]):
                best = (gain, *moved)
        if best is not None:
            _, fx, fy, sx, sy = best
            out[k] = Bead(fx, fy, scorer.raw_cosine(fx, fy, real=True))
            out[k + 1] = Bead(sx, sy, scorer.raw_cosine(sx, sy, real=True))
    return out


def _moves(first: Bead, second: Bead):
    """(first x, first y, second x, second y) with one edge sentence moved across, each way, each side."""
    for side in ("x", "y"):
        a, b = (first.x, second.x) if side == "x" else (first.y, second.y)
        candidates = []
        if len(a) > 1:
            candidates.append((a[:-1], (a[-1], *b)))
        if len(b) > 1:
            candidates.append(((*a, b[0]), b[1:]))
        for new_a, new_b in candidates:
            if max(len(new_a), len(new_b)) > MAX_MOVED_RUN:
                continue
            if side == "x":
                yield new_a, first.y, new_b, second.y
            else:
                yield first.x, new_a, second.x, new_b


def _pair_score(scorer: LinkScorer, fx: Sequence[int], fy: Sequence[int], sx: Sequence[int], sy: Sequence[int],
                *, real: bool) -> float:
    return scorer.score(fx, fy, real=real) + scorer.score(sx, sy, real=real)
