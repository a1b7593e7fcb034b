"""Two 1-1 links united into a 2-2 link when their sentence boundaries cross.

A translator who moves a clause from one sentence to the next leaves two
sentences on each side that only translate each other together: the gold has
[6, 7]:[6, 7]. Under a sum of link costs ("constant minus cosine") the search
prefers two passable 1-1 links to one good 2-2 link, whatever the cosines.
Such a pair shows itself in the lengths: the first French sentence is much
longer than its English partner and the second much shorter (or the reverse),
because a piece of one sits in the other. Only pairs of neighbouring 1-1
links whose length deviations have opposite signs, both at least
CROSSING_LENGTH_DEVIATION, are looked at; their union is embedded for real
and taken when it scores better than the better of the two links by more
than CROSSING_GAIN (a longer text's real embedding matches better whatever it
holds, so "better than either" is not enough).

On the Text+Berg dev document strict F1 0.875 -> 0.893, on the two TransRead
tuning novels 0.878 -> 0.875 (one wrong union); held out, Text+Berg test
0.908 -> 0.912 (benchmarks/bench_align.py); under 1% more characters embedded.
The cosines alone do not tell these pairs from right ones (benchmarks/RESULTS.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from aligner.align.dp import Bead
from aligner.align.link_scores import LinkScorer

# Both links' log length ratios off the pair's by at least this much, in
# opposite directions: on the tuning data (Text+Berg dev, Emma, Les
# Travailleurs de la mer) 5 of the 11 output pairs that are pieces of a gold
# 2-2 link pass, and 4 of the 456 right pairs.
CROSSING_LENGTH_DEVIATION = 0.25
# The union's real score must beat the better link's by this much: on the same
# pairs, 0.03 keeps the 5 gold 2-2 links and lets 2 right pairs through.
CROSSING_GAIN = 0.03
# The union's own log length ratio must be within this of the pair's: the
# clause that crossed the boundary is back on its side. On the tuning data the
# right unions are within 0.07 and 3 of the 4 wrong ones are off by 0.11-0.20.
UNITED_LENGTH_DEVIATION = 0.1


def unite_crossings(beads: Sequence[Bead], scorer: LinkScorer) -> list[Bead]:
    """The beads, with each pair of neighbouring 1-1 links whose boundaries cross united."""
    out: list[Bead] = []
    k = 0
    while k < len(beads):
        if k + 1 < len(beads) and _crossing(beads[k], beads[k + 1], scorer):
            first, second = beads[k], beads[k + 1]
            xs, ys = (*first.x, *second.x), (*first.y, *second.y)
            if abs(scorer.length_deviation(xs, ys)) > UNITED_LENGTH_DEVIATION:
                out.append(beads[k])
                k += 1
                continue
            united = scorer.score(xs, ys, real=True)
            if united - max(scorer.score(first.x, first.y, real=True),
                            scorer.score(second.x, second.y, real=True)) > CROSSING_GAIN:
                out.append(Bead(xs, ys, scorer.raw_cosine(xs, ys, real=True)))
                k += 2
                continue
        out.append(beads[k])
        k += 1
    return out


def _crossing(first: Bead, second: Bead, scorer: LinkScorer) -> bool:
    if not (len(first.x) == len(first.y) == len(second.x) == len(second.y) == 1):
        return False
    a = scorer.length_deviation(first.x, first.y)
    b = scorer.length_deviation(second.x, second.y)
    return a * b < 0 and min(abs(a), abs(b)) >= CROSSING_LENGTH_DEVIATION
