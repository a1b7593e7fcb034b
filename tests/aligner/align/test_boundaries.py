"""Boundaries between neighbouring links moved by one sentence, on synthetic embeddings.

French sentences are random unit vectors; an English piece of a translation
is its French sentence plus an aside, the asides of one sentence summing to
nothing, so the real embedding of all the pieces of a sentence (the sum of
their vectors) points at it and that of a wrong run does not.
"""

from __future__ import annotations

import numpy as np
import pytest

from aligner.align.boundaries import shift_boundaries
from aligner.align.dp import AlignParams, Bead
from aligner.align.link_scores import LinkScorer, Side
from tests.aligner.align.synthetic import SummingEncoder, names, unit

DIM = 256
LENGTH = 120.0


def _pieces(pieces_per_sentence: list[int], seed: int = 0):
    """French vectors, and English pieces: sentence i translated by pieces_per_sentence[i] pieces."""
    rng = np.random.default_rng(seed)
    x = unit(rng.standard_normal((len(pieces_per_sentence), DIM)))
    ys, lengths = [], []
    for i, count in enumerate(pieces_per_sentence):
        asides = rng.standard_normal((count, DIM))
        if count > 1:
            asides -= asides.mean(axis=0)
            ys.extend(unit(x[i] + 1.5 * unit(aside)) for aside in asides)
        else:
            ys.append(unit(x[i] + 0.4 * unit(asides[0])))
        lengths.extend([LENGTH / count] * count)
    return x, np.array(ys, dtype=np.float32), np.array(lengths)


def _scorer(x, y, y_lengths):
    fr, en = SummingEncoder(x), SummingEncoder(y)
    x_lengths = np.full(len(x), LENGTH)
    scorer = LinkScorer(Side(names("x", len(x)), x, x_lengths, fr), Side(names("y", len(y)), y, y_lengths, en),
                        lambda c: c, float(np.log(y_lengths.sum() / x_lengths.sum())), AlignParams())
    return scorer, fr, en


@pytest.mark.parametrize("pieces, misplaced, right", [
    # The third piece of sentence 0 was left with sentence 1.
    ([3, 1], [((0,), (0, 1)), ((1,), (2, 3))], [((0,), (0, 1, 2)), ((1,), (3,))]),
    # The first piece of sentence 1 was taken by sentence 0.
    ([3, 2], [((0,), (0, 1, 2, 3)), ((1,), (4,))], [((0,), (0, 1, 2)), ((1,), (3, 4))]),
])
def test_a_sentence_on_the_wrong_side_of_a_boundary_moves_across(pieces, misplaced, right):
    x, y, y_lengths = _pieces(pieces, seed=2)
    scorer, _, _ = _scorer(x, y, y_lengths)
    beads = [Bead(fx, fy, 0.0) for fx, fy in misplaced]
    assert [(b.x, b.y) for b in shift_boundaries(beads, scorer)] == right


def test_right_boundaries_stay_and_one_to_one_links_are_not_looked_at():
    x, y, y_lengths = _pieces([1, 3, 1, 1], seed=5)
    scorer, fr, en = _scorer(x, y, y_lengths)
    right = [((0,), (0,)), ((1,), (1, 2, 3)), ((2,), (4,)), ((3,), (5,))]
    beads = [Bead(fx, fy, 0.0) for fx, fy in right]
    assert [(b.x, b.y) for b in shift_boundaries(beads, scorer)] == right
    # Only the merge's two boundaries may be tried; the boundary between the
    # last two 1-1 links never is, so y5 is never embedded with a neighbour.
    assert not any("y5" in text for text in en.encoded + fr.encoded)


def test_one_to_one_links_alone_embed_nothing():
    x, y, y_lengths = _pieces([1, 1, 1], seed=7)
    scorer, fr, en = _scorer(x, y, y_lengths)
    beads = [Bead((i,), (i,), 0.0) for i in range(3)]
    assert shift_boundaries(beads, scorer) == beads
    assert fr.encoded == en.encoded == []
