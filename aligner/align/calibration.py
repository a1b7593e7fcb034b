"""A link's score: the estimated probability that the link is right.

The score of a link with text on both sides is a logistic function of its
cosine on the pair's reference scale (aligner.align.similarity), one for
one-to-one links and one for merges, which are wrong more often at the same
cosine. A null link (1-0 or 0-1) scores the share of the search's null links
that are right on the tuning data. The coefficients were fitted on the
Text+Berg dev document and the dev half of the planted UNPC deletions with
benchmarks/calibrate_scores.py, which also reports the calibration (expected
calibration error, reliability table) on the held-out sets.
"""

from __future__ import annotations

import math

# (slope, intercept) of the logistic fits: p = 1 / (1 + exp(-(slope * cosine + intercept))).
# Each tuning set weighs the same in the fits (UN text would outvote the novels).
# 1-1: 2,190 links on the tuning data, 98.4% right.
ONE_TO_ONE_FIT = (6.04, -1.19)
# Merges: 131 links, 78.6% right; their cosine says less than a 1-1 link's (a shallower slope).
MERGED_FIT = (1.70, 0.42)
# Share of null links that are right on the tuning data (125 links).
NULL_LINK_PROBABILITY = 0.91


def link_probability(cosine: float, fr_count: int, en_count: int) -> float:
    """The probability that a link of this shape and cosine is right."""
    if not fr_count or not en_count:
        return NULL_LINK_PROBABILITY
    slope, intercept = ONE_TO_ONE_FIT if fr_count == en_count == 1 else MERGED_FIT
    z = slope * cosine + intercept
    return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0
