"""What every exporter writes: the links of each document, level by level.

The writers (export_lines, export_tmx, export_xlsx, export_html) share this
view of the alignments so that the formats list the same links in the same
order and colour them by the same confidence bands.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from aligner.align.links import PARAGRAPH, SENTENCE, DocumentAlignment, Link

# Paragraphs come first: a document's sentence links refine its paragraph links.
LEVEL_ORDER = (PARAGRAPH, SENTENCE)

# Review bands for link scores, which are probabilities that the link is right
# (aligner.align.calibration, checked in benchmarks/RESULTS.md). Below
# LOW_SCORE_HIGHLIGHT a link is more likely wrong than right: check it first.
# From HIGH_CONFIDENCE up at most one link in ten is wrong: it rarely needs a
# look. Merges (about two in three right) fall in between.
LOW_SCORE_HIGHLIGHT = 0.5
HIGH_CONFIDENCE = 0.9

HIGH = "high"
MEDIUM = "medium"
LOW = "low"


@dataclass(frozen=True)
class ExportRow:
    """One link as written: its document pair, its level and its 1-based number."""

    alignment: DocumentAlignment
    link: Link
    number: int  # 1-based position among the document's links at this level

    @property
    def has_both_sides(self) -> bool:
        return bool(self.link.fr.strip()) and bool(self.link.en.strip())


def ordered_levels(levels: Sequence[str]) -> tuple[str, ...]:
    """The requested levels in writing order, each once; unknown names raise ValueError."""
    unknown = [level for level in levels if level not in LEVEL_ORDER]
    if unknown:
        raise ValueError(f"unknown level {unknown[0]!r}: use {' or '.join(LEVEL_ORDER)}")
    ordered = tuple(level for level in LEVEL_ORDER if level in levels)
    if not ordered:
        raise ValueError(f"no level to write: use {' or '.join(LEVEL_ORDER)}")
    return ordered


def document_rows(alignment: DocumentAlignment, levels: Sequence[str]) -> Iterator[ExportRow]:
    """The rows of one document: all links of the first level, then of the next."""
    for level in levels:
        for number, link in enumerate(alignment.links(level), start=1):
            yield ExportRow(alignment, link, number)


def all_rows(alignments: Sequence[DocumentAlignment], levels: Sequence[str]) -> Iterator[ExportRow]:
    for alignment in alignments:
        yield from document_rows(alignment, levels)


def confidence_band(link: Link) -> str:
    """HIGH, MEDIUM or LOW; any flag makes a link LOW, whatever its score."""
    if link.flags or link.score < LOW_SCORE_HIGHLIGHT:
        return LOW
    if link.score < HIGH_CONFIDENCE:
        return MEDIUM
    return HIGH


def index_text(indices: Sequence[int]) -> str:
    """Segment indices as one field: "3,4"; empty for the empty side of a link."""
    return ",".join(str(index) for index in indices)
