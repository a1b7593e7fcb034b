"""The dynamic-programming aligner on synthetic embeddings with known edits.

A "French" side X is random unit vectors; the "English" side Y is built from X
by known operations (translate, merge, split, insert, delete), so the gold
beads are known exactly. A translation is its source vector plus noise (cosine
about 0.9); random 512-dimensional vectors are nearly orthogonal, like
unrelated sentences under a real encoder.
"""

from dataclasses import dataclass

import numpy as np
import pytest

import aligner.align.dp as dp
from aligner.align.dp import AlignParams, Bead, align_vectors, search_with_ratio
from tests.aligner.align.synthetic import unit

DIM = 512
LENGTH = 100.0  # characters per French sentence unless a test says otherwise

Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class Bitext:
    x: np.ndarray
    y: np.ndarray
    x_lengths: np.ndarray
    y_lengths: np.ndarray
    gold: list[Pair]

    def align(self, params: AlignParams = AlignParams()) -> list[Bead]:
        return align_vectors(self.x, self.y, self.x_lengths, self.y_lengths, params)


def _bitext(n: int, edits: dict[int, tuple], seed: int = 0, lengths: np.ndarray | None = None) -> Bitext:
    """X of n sentences; Y its translation with edits keyed by the X index they start at.

    ("merge", k): X[i:i+k] become one Y sentence (normalised sum);
    ("split",): X[i] becomes two Y sentences whose sum points at X[i];
    ("insert",): an unrelated Y sentence comes before the translation of X[i];
    ("delete",): X[i] has no translation.
    """
    rng = np.random.default_rng(seed)
    x = unit(rng.standard_normal((n, DIM)))
    x_lengths = np.full(n, LENGTH) if lengths is None else np.asarray(lengths, dtype=float)

    def translate(vector: np.ndarray) -> np.ndarray:
        return unit(vector + 0.5 * unit(rng.standard_normal(DIM)))

    ys: list[np.ndarray] = []
    y_lengths: list[float] = []
    gold: list[Pair] = []

    def emit(xs: tuple[int, ...], vectors: list[np.ndarray], lengths: list[float]) -> None:
        gold.append((xs, tuple(range(len(ys), len(ys) + len(vectors)))))
        ys.extend(vectors)
        y_lengths.extend(lengths)

    i = 0
    while i < n:
        edit = edits.get(i, ("keep",))
        if edit[0] == "merge":
            k = edit[1]
            emit(tuple(range(i, i + k)), [translate(unit(x[i:i + k].sum(axis=0)))], [x_lengths[i:i + k].sum()])
            i += k
            continue
        if edit[0] == "split":
            across = unit(rng.standard_normal(DIM))
            halves = [translate(unit(x[i] + across)), translate(unit(x[i] - across))]
            emit((i,), halves, [x_lengths[i] / 2, x_lengths[i] / 2])
        elif edit[0] == "insert":
            emit((), [unit(rng.standard_normal(DIM))], [LENGTH])
            emit((i,), [translate(x[i])], [x_lengths[i]])
        elif edit[0] == "delete":
            emit((i,), [], [])
        else:
            emit((i,), [translate(x[i])], [x_lengths[i]])
        i += 1
    y = np.array(ys, dtype=np.float32).reshape(len(ys), DIM)
    return Bitext(x, y, x_lengths, np.array(y_lengths, dtype=float), gold)


def _pairs(beads: list[Bead]) -> list[Pair]:
    return [(bead.x, bead.y) for bead in beads]


def _assert_covers_each_index_once_in_order(beads: list[Bead], n: int, m: int) -> None:
    xs = [i for bead in beads for i in bead.x]
    ys = [j for bead in beads for j in bead.y]
    assert xs == list(range(n))
    assert ys == list(range(m))
    assert all(bead.x or bead.y for bead in beads)


@pytest.mark.parametrize(
    ("edits", "expected_kind"),
    [
        # An identical structure: every bead 1-1.
        ({}, None),
        # Two French sentences rendered by one English sentence.
        ({5: ("merge", 2)}, ((5, 6), (5,))),
        # Three into one.
        ({5: ("merge", 3)}, ((5, 6, 7), (5,))),
        # One French sentence rendered by two English sentences.
        ({5: ("split",)}, ((5,), (5, 6))),
        # An English sentence with no French counterpart.
        ({5: ("insert",)}, ((), (5,))),
        # A French sentence left untranslated.
        ({5: ("delete",)}, ((5,), ())),
        # The edits at the very start and end of the text.
        ({0: ("insert",), 11: ("delete",)}, ((), (0,))),
        ({0: ("merge", 2), 10: ("merge", 2)}, ((0, 1), (0,))),
    ],
)
def test_known_edits_are_recovered_exactly(edits, expected_kind):
    bitext = _bitext(12, edits)
    beads = bitext.align()
    assert _pairs(beads) == bitext.gold
    if expected_kind is None:
        assert all(len(bead.x) == len(bead.y) == 1 for bead in beads)
    else:
        assert expected_kind in _pairs(beads)
    _assert_covers_each_index_once_in_order(beads, len(bitext.x), len(bitext.y))


@pytest.mark.parametrize("seed", range(5))
def test_results_hold_across_seeds(seed):
    bitext = _bitext(20, {3: ("merge", 2), 8: ("split",), 12: ("delete",), 16: ("insert",)}, seed=seed)
    assert _pairs(bitext.align()) == bitext.gold


def test_bead_similarities_match_the_edits():
    bitext = _bitext(10, {3: ("insert",), 6: ("merge", 2)})
    beads = bitext.align()
    omission = next(bead for bead in beads if not bead.x)
    assert omission.similarity == 0.0
    linked = [bead.similarity for bead in beads if bead.x and bead.y]
    # Noise of 0.5 around a unit vector: a cosine of about 0.89.
    assert min(linked) > 0.8 and max(linked) <= 1.0 + 1e-6


def test_short_missing_sentence_next_to_a_long_one_is_still_an_omission():
    lengths = np.full(12, LENGTH)
    lengths[5], lengths[6] = 50.0, 140.0  # the deleted sentence is about a third of its neighbour
    bitext = _bitext(12, {5: ("delete",)}, seed=3, lengths=lengths)
    assert ((5,), ()) in _pairs(bitext.align())


@pytest.mark.parametrize(("n", "m"), [(0, 0), (3, 0), (0, 4)])
def test_an_empty_side_makes_every_segment_an_omission(n, m):
    rng = np.random.default_rng(0)
    x = unit(rng.standard_normal((n, DIM))) if n else np.zeros((0, DIM), np.float32)
    y = unit(rng.standard_normal((m, DIM))) if m else np.zeros((0, DIM), np.float32)
    beads = align_vectors(x, y, np.full(n, LENGTH), np.full(m, LENGTH))
    assert _pairs(beads) == [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]
    assert all(bead.similarity == 0.0 for bead in beads)


def test_single_sentences_align_one_to_one():
    bitext = _bitext(1, {})
    assert _pairs(bitext.align()) == [((0,), (0,))]


def test_mostly_untranslated_side_still_links_its_translated_sentences():
    bitext = _bitext(40, {i: ("delete",) for i in range(40) if i not in (5, 20, 33)})
    beads = bitext.align()
    _assert_covers_each_index_once_in_order(beads, 40, 3)
    assert [bead.x for bead in beads if bead.y] == [(5,), (20,), (33,)]


def test_the_search_reports_the_length_ratio_it_re_estimated():
    # 37 of 40 French sentences untranslated: the totals say English is a
    # tenth as long as French, the three translated pairs say as long.
    bitext = _bitext(40, {i: ("delete",) for i in range(40) if i not in (5, 20, 33)})
    beads, refined = search_with_ratio(bitext.x, bitext.y, bitext.x_lengths, bitext.y_lengths)
    assert _pairs(beads) == _pairs(bitext.align())
    assert refined == pytest.approx(np.log((3 * LENGTH + 1) / (3 * LENGTH + 1)))


def test_the_search_reports_no_ratio_when_it_kept_the_totals():
    bitext = _bitext(12, {5: ("merge", 2)})
    assert search_with_ratio(bitext.x, bitext.y, bitext.x_lengths, bitext.y_lengths)[1] is None


class _BandSpy:
    """Records the band of every DP pass, to show memory stays linear."""

    def __init__(self) -> None:
        self.tables: list[tuple[int, int, int, int]] = []  # (rows, columns of y, band cells, widest row)
        self._original = dp._banded_dp

    def __call__(self, x, y, lx, ly, ratio, params, band):
        self.tables.append((len(x) + 1, len(y) + 1, band.cells(), int(band.widths().max())))
        return self._original(x, y, lx, ly, ratio, params, band)


# A band row holds the path's columns in it and its two neighbours, widened
# by BAND_HALF_WIDTH each side: about this many cells per row and column.
CELLS_PER_ROW_AND_COLUMN = 6 * dp.BAND_HALF_WIDTH


def _linear(rows: int, columns: int, cells: int, _widest: int) -> bool:
    """A pass searched a small grid whole, or a band of a constant number of cells per sentence."""
    return cells <= max(dp.FULL_SEARCH_CELLS, CELLS_PER_ROW_AND_COLUMN * (rows + columns))


def test_long_document_goes_through_the_band_and_recovers_every_bead(monkeypatch):
    n = 3000
    assert (n + 1) ** 2 > dp.FULL_SEARCH_CELLS  # too big for one full grid
    rng = np.random.default_rng(11)
    lengths = rng.integers(60, 140, n).astype(float)
    edits = {400: ("merge", 2), 1200: ("split",), 1900: ("delete",), 2500: ("insert",), 2800: ("merge", 3)}
    bitext = _bitext(n, edits, seed=11, lengths=lengths)
    spy = _BandSpy()
    monkeypatch.setattr(dp, "_banded_dp", spy)

    beads = bitext.align()

    assert _pairs(beads) == bitext.gold
    _assert_covers_each_index_once_in_order(beads, n, len(bitext.y))
    # Coarse passes first, the full-resolution banded pass last.
    rows, columns, _, widest = spy.tables[-1]
    assert (rows, columns) == (n + 1, len(bitext.y) + 1)
    assert len(spy.tables) > 1
    assert widest <= 4 * dp.BAND_HALF_WIDTH + 2 * dp.MAX_RUN
    # No pass searches more than a constant number of cells per sentence: memory is linear in length.
    assert all(_linear(*table) for table in spy.tables)


def _with_untranslated_run(bitext: Bitext, at: int, count: int, seed: int) -> Bitext:
    """The bitext with `count` unrelated English sentences inserted before the translation of X[at]."""
    rng = np.random.default_rng(seed)
    position = next(bead_y[0] for bead_x, bead_y in bitext.gold if bead_x and bead_x[0] == at)
    y = np.vstack([bitext.y[:position], unit(rng.standard_normal((count, DIM))), bitext.y[position:]])
    y_lengths = np.concatenate([bitext.y_lengths[:position], np.full(count, LENGTH), bitext.y_lengths[position:]])
    gold = [(xs, tuple(j + count if j >= position else j for j in ys)) for xs, ys in bitext.gold]
    return Bitext(bitext.x, y, bitext.x_lengths, y_lengths, gold)


@pytest.mark.parametrize(("n", "at", "count"), [(1500, 700, 4000), (1500, 0, 3000), (1500, 1499, 3000)],
                         ids=["middle", "start", "end"])
def test_long_untranslated_run_keeps_the_band_linear_and_the_links_right(monkeypatch, n, at, count):
    # Thousands of untranslated English sentences in one place are one long
    # horizontal stretch of the path: the band must not widen every row by it.
    bitext = _with_untranslated_run(_bitext(n, {}, seed=5), at, count, seed=6)
    spy = _BandSpy()
    monkeypatch.setattr(dp, "_banded_dp", spy)
    beads = bitext.align()
    _assert_covers_each_index_once_in_order(beads, n, n + count)
    linked = [(bead.x, bead.y) for bead in beads if bead.x and bead.y]
    assert linked == [pair for pair in bitext.gold]
    rows, columns, cells, widest = spy.tables[-1]
    assert widest > count  # the run's rows hold the whole run...
    assert all(_linear(*table) for table in spy.tables)


def test_a_prohibitive_deletion_cost_forbids_omissions():
    bitext = _bitext(12, {5: ("insert",)})
    beads = bitext.align(AlignParams(deletion_cost=5.0))
    assert all(bead.x and bead.y for bead in beads)
    _assert_covers_each_index_once_in_order(beads, 12, 13)
