"""What a reviser should look at in a link: the score and the flags.

number_mismatch compares the figures of the two sides (aligner.align.numbers:
numbers, dates, amounts and symbols, not paragraph numbers or footnote calls);
omission marks text with no counterpart; low_confidence marks
links that are more likely wrong than right.
"""

from __future__ import annotations

from aligner.align.links import LOW_CONFIDENCE, NUMBER_MISMATCH, OMISSION
from aligner.align.numbers import figures_differ
from aligner.read.masthead import is_masthead

# Scores are probabilities that the link is right (aligner.align.calibration):
# under one half, the link is more likely wrong than right.
LOW_CONFIDENCE_SCORE = 0.5
# One side this many times longer than expected (in characters, after the
# document's own length ratio) suggests that part of it is not translated.
PARTIAL_OMISSION_RATIO = 2.2
PARTIAL_OMISSION_MIN_CHARS = 60


def link_flags(fr: str, en: str, score: float, *, length_ratio: float = 1.0) -> tuple[str, ...]:
    """Flags for a link; length_ratio is the document's English/French character ratio."""
    flags: list[str] = []
    if not fr.strip() or not en.strip():
        return () if is_masthead(fr or en) else (OMISSION,)
    if score < LOW_CONFIDENCE_SCORE:
        flags.append(LOW_CONFIDENCE)
    expected_en = len(fr) * length_ratio
    longer, shorter = max(expected_en, len(en)), min(expected_en, len(en))
    if longer - shorter >= PARTIAL_OMISSION_MIN_CHARS and longer >= PARTIAL_OMISSION_RATIO * max(shorter, 1):
        flags.append(OMISSION)
    if figures_differ(fr, en):
        flags.append(NUMBER_MISMATCH)
    return tuple(flags)
