"""Banded dynamic programming over sentence embeddings: the core aligner.

Each sentence is embedded once. The vector of a run of up to three
consecutive sentences is composed from its members' vectors (a length-weighted
sum, renormalised), so n-m links cost no extra embedding: their cosine comes
from the sentence-by-sentence similarity band and a few neighbour dot products.

Memory and time grow linearly with length: when the full grid is too large,
both sides are downsampled (pairs of neighbours averaged), aligned
recursively, and the fine search runs in a band around the projected coarse
path, as Vecalign does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Link shapes (French count, English count) the search may use; 1-0 and 0-1 are
# omissions. Three a side covers the merges seen in UN texts and novels.
MOVES: tuple[tuple[int, int], ...] = (
    (1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3), (3, 2), (3, 3),
)
MAX_RUN = 3
# Grids up to this many cells are searched whole; larger ones recursively.
FULL_SEARCH_CELLS = 250_000
# Half-width of the band around the projected coarse path, in sentences at
# the finer level. Coarse paths are off by one or two; 8 leaves room to spare.
BAND_HALF_WIDTH = 8
# Re-estimating the length ratio: 1-1 links above this cosine are trusted
# (the 10th percentile of true UNPC pairs is 0.65), at least this many of
# them, and only when the new ratio differs by more than 10% (log 0.1).
CONFIDENT_COSINE = 0.65
MIN_CONFIDENT_LINKS = 3
RATIO_REESTIMATE_GAP = 0.1


@dataclass(frozen=True)
class AlignParams:
    """Cost weights; defaults tuned on the Text+Berg dev document (never on test)."""

    # Costs are "constant minus cosine" per link, so two good 1-1 links beat one
    # 2-2 link whose composed vectors (averaged, hence smoother) look closer.
    link_cost: float = 0.1  # added to every link with text on both sides
    deletion_cost: float = 0.15  # per omitted segment
    length_weight: float = 0.3  # times the squared log length-ratio deviation
    merge_penalty: float = 0.02  # extra per segment beyond one a side
    # A length mismatch alone never costs more than this: with much of one side
    # untranslated, the ratio is off and true links must still win.
    length_cap: float = 0.3
    weight_exponent: float = 0.5  # run vectors weight members by sqrt(length): better than 1 or 0 on dev
    # Characters added to both lengths so short segments are not over-penalised;
    # 10 rather than 20 once null links are merged back (aligner.align.omissions):
    # strict F1 +0.3 points on Text+Berg dev, +0.7 on the two TransRead tuning novels.
    length_smoothing: float = 10.0


@dataclass(frozen=True)
class Bead:
    """One link found by the search: segment indices on each side and their cosine."""

    x: tuple[int, ...]
    y: tuple[int, ...]
    similarity: float  # cosine of the composed vectors; 0.0 for an omission


def align_vectors(
    x_vectors: np.ndarray,
    y_vectors: np.ndarray,
    x_lengths: np.ndarray,
    y_lengths: np.ndarray,
    params: AlignParams = AlignParams(),
) -> list[Bead]:
    """Align two sequences of unit vectors (with character lengths); return beads in order."""
    return search_with_ratio(x_vectors, y_vectors, x_lengths, y_lengths, params)[0]


def search_with_ratio(
    x_vectors: np.ndarray,
    y_vectors: np.ndarray,
    x_lengths: np.ndarray,
    y_lengths: np.ndarray,
    params: AlignParams = AlignParams(),
) -> tuple[list[Bead], float | None]:
    """align_vectors' beads, and the log English / French length ratio re-estimated from its
    confident 1-1 links when the final search used that instead of the totals' (else None).
    """
    x_vectors = np.asarray(x_vectors, dtype=np.float32)
    y_vectors = np.asarray(y_vectors, dtype=np.float32)
    x_lengths = np.asarray(x_lengths, dtype=np.float64)
    y_lengths = np.asarray(y_lengths, dtype=np.float64)
    n, m = len(x_vectors), len(y_vectors)
    if n == 0 or m == 0:
        return [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)], None
    wx, wy = _weights(x_lengths, params), _weights(y_lengths, params)
    ratio = np.log((y_lengths.sum() + 1.0) / (x_lengths.sum() + 1.0))
    beads = _beads_from_path(_search(x_vectors, y_vectors, x_lengths, y_lengths, ratio, params),
                             x_vectors, y_vectors, wx, wy)
    # The totals' length ratio is skewed when much of one side is untranslated:
    # re-estimate it from the confident one-to-one links and search again.
    confident = [b for b in beads if len(b.x) == 1 and len(b.y) == 1 and b.similarity >= CONFIDENT_COSINE]
    if len(confident) >= MIN_CONFIDENT_LINKS:
        refined = np.log((sum(y_lengths[b.y[0]] for b in confident) + 1.0)
                         / (sum(x_lengths[b.x[0]] for b in confident) + 1.0))
        if abs(refined - ratio) > RATIO_REESTIMATE_GAP:
            beads = _beads_from_path(_search(x_vectors, y_vectors, x_lengths, y_lengths, refined, params),
                                     x_vectors, y_vectors, wx, wy)
            return beads, float(refined)
    return beads, None


def _search(x, y, lx, ly, ratio, params) -> list[tuple[int, int]]:
    n, m = len(x), len(y)
    if (n + 1) * (m + 1) <= FULL_SEARCH_CELLS or min(n, m) < 8:
        band = _Band(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))
    else:
        band = _band_from_coarse(_search_coarse(x, y, lx, ly, ratio, params), n, m)
    return _banded_dp(x, y, lx, ly, ratio, params, band)


def _search_coarse(x, y, lx, ly, ratio, params) -> list[tuple[int, int]]:
    cx, clx = _downsample(x, lx)
    cy, cly = _downsample(y, ly)
    return _search(cx, cy, clx, cly, ratio, params)


def _downsample(vectors: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Halve a sequence by merging neighbour pairs (length-weighted, renormalised)."""
    n = len(vectors)
    pad = n % 2
    weighted = vectors * lengths[:, None].astype(np.float32)
    if pad:
        weighted = np.vstack([weighted, np.zeros((1, weighted.shape[1]), np.float32)])
        lengths = np.append(lengths, 0.0)
    merged = weighted[0::2] + weighted[1::2]
    norms = np.linalg.norm(merged, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (merged / norms).astype(np.float32), lengths[0::2] + lengths[1::2]


@dataclass(frozen=True)
class _Band:
    """Search nodes (i, j) with low[i] <= j <= high[i]: each row has its own range.

    A long run of untranslated sentences is a long horizontal stretch of the
    path, in a few rows only; giving every row the width of the widest one
    would make memory grow with rows x length of the run (6,000 French
    sentences against 16,000 English took 4.5 GB). Each row keeps its own range
    and the search goes through the rows in blocks of bounded size, so memory
    is linear in the band's cells, hence in the documents' length.
    """

    low: np.ndarray
    high: np.ndarray

    def widths(self) -> np.ndarray:
        return self.high - self.low + 1

    def cells(self) -> int:
        return int(self.widths().sum())


def _band_from_coarse(coarse: list[tuple[int, int]], n: int, m: int) -> _Band:
    """Per fine row, the columns around the coarse path, widened by BAND_HALF_WIDTH."""
    low = np.full(n + 1, m, dtype=np.int64)
    high = np.zeros(n + 1, dtype=np.int64)
    for ci, cj in coarse:
        for i in (2 * ci - 1, 2 * ci, 2 * ci + 1):
            if 0 <= i <= n:
                j = min(2 * cj, m)
                low[i] = min(low[i], j)
                high[i] = max(high[i], j)
    # Rows the coarse path skipped over inherit their neighbours' range.
    low = np.minimum.accumulate(low[::-1])[::-1]
    high = np.maximum.accumulate(high)
    low = np.maximum(low - BAND_HALF_WIDTH, 0)
    high = np.minimum(high + BAND_HALF_WIDTH, m)
    low[0], high[n] = 0, m  # the path starts at (0, 0) and ends at (n, m)
    return _Band(low, high)


def _run_norms(vectors: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """norms[e, r] = |sum of w*v over the run of r sentences ending before e| (r = 1..3)."""
    n = len(vectors)
    norms = np.full((n + 1, MAX_RUN + 1), np.nan)
    w = weights.astype(np.float64)
    g1 = np.zeros(n)
    g2 = np.zeros(n)
    if n > 1:
        g1[:-1] = np.einsum("ij,ij->i", vectors[:-1], vectors[1:])
    if n > 2:
        g2[:-2] = np.einsum("ij,ij->i", vectors[:-2], vectors[2:])
    ends = np.arange(1, n + 1)
    # run of 1 ending before e: sentence e-1
    norms[1:, 1] = w
    if n >= 2:
        e = ends[1:]
        a, b = e - 2, e - 1
        norms[e, 2] = np.sqrt(np.maximum(w[a] ** 2 + w[b] ** 2 + 2 * w[a] * w[b] * g1[a], 1e-12))
    if n >= 3:
        e = ends[2:]
        a, b, c = e - 3, e - 2, e - 1
        total = (w[a] ** 2 + w[b] ** 2 + w[c] ** 2
                 + 2 * w[a] * w[b] * g1[a] + 2 * w[b] * w[c] * g1[b] + 2 * w[a] * w[c] * g2[a])
        norms[e, 3] = np.sqrt(np.maximum(total, 1e-12))
    return norms


@dataclass(frozen=True)
class _Block:
    """Consecutive rows [start, stop) of a band, as one dense table of `width` columns.

    Row i's slot k is column offsets[i - start] + k; slots past the row's own
    range are outside the band.
    """

    start: int
    stop: int
    offsets: np.ndarray
    width: int

    def columns(self) -> np.ndarray:
        return self.offsets[:, None] + np.arange(self.width)[None, :]


def _blocks(band: _Band) -> list[_Block]:
    """Cut the band into row blocks of at most FULL_SEARCH_CELLS dense cells (a wide row alone)."""
    widths = band.widths()
    blocks = []
    start = 0
    rows = len(widths)
    while start < rows:
        stop, width = start + 1, int(widths[start])
        while stop < rows and (stop + 1 - start) * max(width, int(widths[stop])) <= FULL_SEARCH_CELLS:
            width = max(width, int(widths[stop]))
            stop += 1
        blocks.append(_Block(start, stop, band.low[start:stop], width))
        start = stop
    return blocks


def _banded_dp(x, y, lx, ly, ratio, params: AlignParams, band: _Band):
    back = _fill(x, y, lx, ly, ratio, params, band)
    return _trace_back(back, len(x), len(y), band)


@dataclass(frozen=True)
class _Sides:
    """What the link costs need of both sequences, computed once per search."""

    wx: np.ndarray
    wy: np.ndarray
    x_norms: np.ndarray
    y_norms: np.ndarray
    cum_lx: np.ndarray
    cum_ly: np.ndarray


def _sides(x, y, lx, ly, params: AlignParams) -> _Sides:
    wx = _weights(lx, params)
    wy = _weights(ly, params)
    return _Sides(wx, wy, _run_norms(x, wx), _run_norms(y, wy),
                  np.concatenate([[0.0], np.cumsum(lx)]), np.concatenate([[0.0], np.cumsum(ly)]))


def _link_costs(x, y, ratio, params: AlignParams, band: _Band, block: _Block,
                sides: _Sides) -> dict[tuple[int, int], np.ndarray]:
    """costs[(a, b)][r, k]: cost of the link of x[i-a:i] and y[j-b:j], row i = block.start + r, slot k."""
    n, m = len(x), len(y)
    B = block.width
    rows = np.arange(block.start, block.stop)
    cols = block.columns()
    inside = cols <= band.high[rows][:, None]

    # Similarity band: sentence p (first <= p < last, those the block's links
    # can hold) against sentences [sim_off[p - first], ... + sim_width).
    first = max(block.start - MAX_RUN, 0)
    last = max(min(block.stop - 1, n), first + 1)
    sentences = np.arange(first, last)
    # Sentence p is in the links ending at rows p+1..p+MAX_RUN of this block.
    next_rows = np.clip(sentences + 1, block.start, block.stop - 1)
    last_rows = np.clip(sentences + MAX_RUN, block.start, block.stop - 1)
    sim_off = np.maximum(band.low[next_rows] - MAX_RUN, 0)
    sim_width = max(int((band.low[last_rows] + B - sim_off).max()), 1)
    sim = _similarity_band(x[first:last], y, sim_off, sim_width) if n else np.zeros((1, 1), np.float32)

    wx, wy = sides.wx, sides.wy
    costs = {}
    i = rows[:, None]
    j = cols
    jj = np.clip(j, 0, m)
    ii = np.broadcast_to(i, jj.shape)
    for a, b in MOVES:
        if a == 0 or b == 0:
            continue
        valid = (i >= a) & (j >= b) & inside
        # The composed vectors' dot product, from sentence-by-sentence similarities.
        dot = np.zeros((len(rows), B))
        for s in range(a):
            p = np.clip(i - 1 - s, first, last - 1)
            for t in range(b):
                q = np.clip(j - 1 - t, 0, m - 1)
                k = q - sim_off[p - first]
                ok = valid & (k >= 0) & (k < sim_width)
                values = sim[p - first, np.clip(k, 0, sim_width - 1)]
                dot += np.where(ok, values * wx[p] * wy[q], 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            cos = np.where(valid, dot / (sides.x_norms[rows, a][:, None] * sides.y_norms[jj, b]), -1.0)
        len_x = sides.cum_lx[ii] - sides.cum_lx[np.clip(ii - a, 0, n)]
        len_y = sides.cum_ly[jj] - sides.cum_ly[np.clip(jj - b, 0, m)]
        deviation = np.log((len_y + params.length_smoothing) / (len_x + params.length_smoothing)) - ratio
        cost = params.link_cost - cos + np.minimum(params.length_weight * deviation ** 2, params.length_cap) \
            + params.merge_penalty * (a + b - 2)
        costs[(a, b)] = np.where(valid, cost, np.inf)
    return costs


def _fill(x, y, lx, ly, ratio, params: AlignParams, band: _Band) -> tuple[np.ndarray, np.ndarray]:
    """Row-by-row minimum-cost search; returns the move index taken at each node.

    The result is flat: row i's moves are back[starts[i]:starts[i] + width_i]
    (returned as (back, starts)). Costs exist one block of rows at a time and
    only the last MAX_RUN rows of totals are kept, so memory is the band's
    cells (one byte each) plus one block.
    """
    n, m = len(x), len(y)
    deletion_cost = params.deletion_cost
    widths = band.widths()
    starts = np.concatenate([[0], np.cumsum(widths)])
    back = np.full(int(starts[-1]), -1, dtype=np.int8)
    totals: dict[int, np.ndarray] = {}  # row -> its minimum costs, one per column of its range
    insertion = MOVES.index((0, 1))
    sides = _sides(x, y, lx, ly, params)
    for block in _blocks(band):
        costs = _link_costs(x, y, ratio, params, band, block, sides)
        B = block.width
        slots = np.arange(B)
        ramp = deletion_cost * slots
        best = np.empty(B)
        total = np.empty(B)
        better = np.empty(B, dtype=bool)
        moves = np.empty(B, dtype=np.int8)
        for i in range(block.start, block.stop):
            r = i - block.start
            low, width = int(band.low[i]), int(widths[i])
            best.fill(np.inf)
            moves.fill(-1)
            if i == 0:
                best[low + slots == 0] = 0.0
            for index, (a, b) in enumerate(MOVES):
                if a == 0 or a > i:
                    continue
                previous = totals[i - a]
                shift = low - b - int(band.low[i - a])  # slot k here is slot k + shift in row i - a
                first, stop = max(0, -shift), min(B, len(previous) - shift)
                if first >= stop:
                    continue
                total.fill(np.inf)
                step = deletion_cost if b == 0 else costs[(a, b)][r, first:stop]
                np.add(previous[first + shift:stop + shift], step, out=total[first:stop])
                np.less(total, best, out=better)
                np.copyto(best, total, where=better)
                moves[better] = index
            # 0-1 moves chain inside the row: a running minimum with a linear ramp.
            chained = np.minimum.accumulate(best - ramp) + ramp
            # The ramp round trip can undercut a value by one ulp: demand a real gain.
            from_left = chained < best - 1e-9
            np.copyto(best, chained, where=from_left)
            moves[from_left] = insertion
            totals[i] = best[:width].copy()
            back[starts[i]:starts[i] + width] = moves[:width]
            totals.pop(i - MAX_RUN, None)
    if not np.isfinite(totals[n][m - band.low[n]]):
        raise RuntimeError("alignment band lost the end of the documents")  # a bug, not user input
    return back, starts


def _trace_back(back_and_starts: tuple[np.ndarray, np.ndarray], n: int, m: int, band: _Band) -> list[tuple[int, int]]:
    back, starts = back_and_starts
    path = []
    i, j = n, m
    while i > 0 or j > 0:
        path.append((i, j))
        a, b = MOVES[back[starts[i] + j - band.low[i]]]
        i, j = i - a, j - b
    path.append((0, 0))
    return path[::-1]


def _weights(lengths: np.ndarray, params: AlignParams) -> np.ndarray:
    return lengths.astype(np.float64) ** params.weight_exponent


# Floats of y gathered at once when computing a similarity band (8 MB).
SIMILARITY_GATHER_FLOATS = 2_000_000


def _similarity_band(x: np.ndarray, y: np.ndarray, offsets: np.ndarray, width: int) -> np.ndarray:
    """sim[p, k] = x[p] . y[offsets[p] + k] (0 past the end), in bounded pieces.

    y is never copied whole: narrow bands gather a few rows' windows at a time,
    a wide one (a long untranslated stretch) is a slice of y per row.
    """
    n, m = len(x), len(y)
    if width >= m and (offsets == 0).all():
        full = np.zeros((n, width), dtype=np.float32)
        full[:, :m] = x @ y.T
        return full
    sim = np.zeros((n, width), dtype=np.float32)
    dim = y.shape[1]
    if width * dim > SIMILARITY_GATHER_FLOATS:
        for p in range(n):
            stop = min(int(offsets[p]) + width, m)
            if stop > offsets[p]:
                sim[p, :stop - offsets[p]] = y[offsets[p]:stop] @ x[p]
        return sim
    block = max(1, SIMILARITY_GATHER_FLOATS // max(width * dim, 1))
    for start in range(0, n, block):
        stop = min(n, start + block)
        index = offsets[start:stop, None] + np.arange(width)[None, :]
        outside = index >= m
        values = np.einsum("pd,pkd->pk", x[start:stop], y[np.minimum(index, m - 1)])
        values[outside] = 0.0
        sim[start:stop] = values
    return sim


def _beads_from_path(path, x, y, wx, wy) -> list[Bead]:
    beads = []
    for (i0, j0), (i1, j1) in zip(path, path[1:]):
        xs = tuple(range(i0, i1))
        ys = tuple(range(j0, j1))
        if xs and ys:
            vx = (x[list(xs)] * wx[list(xs), None]).sum(axis=0)
            vy = (y[list(ys)] * wy[list(ys), None]).sum(axis=0)
            denom = float(np.linalg.norm(vx) * np.linalg.norm(vy)) or 1.0
            similarity = float(vx @ vy) / denom
        else:
            similarity = 0.0
        beads.append(Bead(xs, ys, similarity))
    return beads
