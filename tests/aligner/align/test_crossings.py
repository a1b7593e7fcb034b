"""Two 1-1 links whose sentence boundaries cross united into a 2-2 link, on synthetic embeddings.

Each sentence is a run of clauses named by number ("c0 c1"); a clause has one
random vector per language, the English one close to the French. A text's
real embedding is the normalised sum of its clauses' vectors, and its length
is CLAUSE_LENGTH per clause, so a clause moved across a sentence boundary
shows both in the lengths and in what the union of the two links holds.
"""

from __future__ import annotations

import numpy as np
import pytest

from aligner.align.crossings import unite_crossings
from aligner.align.dp import AlignParams, Bead
from aligner.align.link_scores import LinkScorer, Side
from tests.aligner.align.synthetic import SummingEncoder, unit

DIM = 256
CLAUSES = 10
CLAUSE_LENGTH = 40.0


def _side(sentences: list[list[int]], clause_vectors: np.ndarray) -> tuple[Side, SummingEncoder]:
    encoder = SummingEncoder(clause_vectors)
    texts = [" ".join(f"c{c}" for c in clauses) for clauses in sentences]
    lengths = np.array([CLAUSE_LENGTH * len(clauses) for clauses in sentences])
    return Side(texts, encoder(texts), lengths, encoder), encoder


def _scorer(fr_sentences: list[list[int]], en_sentences: list[list[int]]):
    rng = np.random.default_rng(3)
    fr_clauses = unit(rng.standard_normal((CLAUSES, DIM)))
    en_clauses = unit(fr_clauses + 0.5 * unit(rng.standard_normal((CLAUSES, DIM))))
    fr, fr_encoder = _side(fr_sentences, fr_clauses)
    en, en_encoder = _side(en_sentences, en_clauses)
    fr_encoder.encoded.clear()
    en_encoder.encoded.clear()
    return LinkScorer(fr, en, lambda c: c, 0.0, AlignParams()), fr_encoder, en_encoder


ONE_TO_ONE = [Bead((0,), (0,), 0.0), Bead((1,), (1,), 0.0), Bead((2,), (2,), 0.0)]


def test_a_clause_moved_to_the_next_sentence_unites_the_two_links():
    # French sentence 0 holds clauses 0-2; the English moved clause 2 into its sentence 1.
    scorer, fr, en = _scorer([[0, 1, 2], [3], [4, 5]], [[0, 1], [2, 3], [4, 5]])
    united = unite_crossings(ONE_TO_ONE, scorer)
    assert [(b.x, b.y) for b in united] == [((0, 1), (0, 1)), ((2,), (2,))]
    assert (fr.encoded, en.encoded) == (["c0 c1 c2 c3"], ["c0 c1 c2 c3"])  # the union only, once


@pytest.mark.parametrize("fr_sentences, en_sentences", [
    # Both links have English shorter than French: nothing crossed over.
    ([[0, 1, 2], [3, 4], [5]], [[0, 1], [3], [5]]),
    # The lengths of right links match: nothing to look at.
    ([[0, 1], [2, 3], [4, 5]], [[0, 1], [2, 3], [4, 5]]),
    # Clause 4 crossed, but in sentences long enough that the lengths barely show it
    # (log ratios 0.2 off either way): not worth embedding the union.
    ([[0, 1, 2, 3, 4], [5, 6, 7, 8]], [[0, 1, 2, 3], [4, 5, 6, 7, 8]]),
    # Opposite deviations, but the union is still far longer in French (log ratio 0.5 off).
    ([[0, 1, 2, 3, 4], [5]], [[0, 1], [4, 5]]),
])
def test_links_whose_lengths_do_not_cross_back_are_left_alone(fr_sentences, en_sentences):
    scorer, fr, en = _scorer(fr_sentences, en_sentences)
    beads = ONE_TO_ONE[:len(fr_sentences)]
    assert unite_crossings(beads, scorer) == beads
    assert fr.encoded == en.encoded == []


def test_a_union_that_scores_no_better_than_its_better_link_is_not_taken():
    # Lengths cross (clause 2 moved), but English sentence 1 is about other things.
    scorer, fr, en = _scorer([[0, 1, 2], [3], [4, 5]], [[0, 1], [4, 5], [4, 5]])
    assert unite_crossings(ONE_TO_ONE, scorer) == ONE_TO_ONE
    assert len(fr.encoded) == len(en.encoded) == 1  # the union was embedded to find out
