"""Link scores are probabilities: bounded, rising with the cosine, lower for merges."""

import pytest

from aligner.align.calibration import NULL_LINK_PROBABILITY, link_probability


@pytest.mark.parametrize(("fr_count", "en_count"), [(1, 1), (2, 1), (1, 3)])
def test_probability_is_bounded_and_rises_with_the_cosine(fr_count, en_count):
    cosines = [c / 100 for c in range(-100, 101)]
    scores = [link_probability(c, fr_count, en_count) for c in cosines]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores)
    assert link_probability(0.9, fr_count, en_count) > 0.6


def test_unrelated_one_to_one_link_is_unlikely_and_a_close_translation_likely():
    assert link_probability(-0.1, 1, 1) < 0.2
    assert link_probability(0.8, 1, 1) > 0.95


@pytest.mark.parametrize("cosine", [0.4, 0.6, 0.8])
def test_a_merge_is_less_likely_right_than_a_good_one_to_one_link(cosine):
    assert link_probability(cosine, 2, 1) < link_probability(cosine, 1, 1)


@pytest.mark.parametrize(("fr_count", "en_count"), [(1, 0), (0, 1)])
def test_a_null_link_scores_the_share_of_right_null_links(fr_count, en_count):
    assert link_probability(0.0, fr_count, en_count) == NULL_LINK_PROBABILITY
    assert 0.0 < NULL_LINK_PROBABILITY < 1.0
