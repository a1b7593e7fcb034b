"""A reviewer's links carried over to a new alignment of the same texts.

When a document changes, or the model does, its pair is aligned again from
scratch. The links a reviewer confirmed or corrected are not lost: each keeps
the texts of the segments it joined, and where those texts are still in the
new documents, consecutive and in the same order, and the new alignment
covers exactly those segments with a run of its own links, the reviewer's
links replace that run. A reviewed link whose text changed, or whose segments
the new alignment cuts differently at its edges, is left to the new
alignment: a decision is kept only where it still fits.

Neighbouring reviewed links travel together (a merge or a split leaves
several), so that a split 2-1 link is carried as the two links it became.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from aligner.align.links import Link


@dataclass(frozen=True)
class KeptReview:
    """A reviewed link as it was, with the texts of its segments."""

    position: int  # its place among the links of its level in the old alignment
    fr_segments: tuple[str, ...]
    en_segments: tuple[str, ...]
    link: Link  # the old indices, the reviewer's texts, flags and status


@dataclass(frozen=True)
class Carried:
    review: KeptReview
    position: int  # its place in the new alignment


def carry_reviews(kept: Sequence[KeptReview], links: Sequence[Link], fr_segments: Sequence[str],
                  en_segments: Sequence[str]) -> tuple[list[Link], list[Carried]]:
    """The new links of one level with the reviewed links put back where they fit, and where they went."""
    result = list(links)
    replacements = []
    for block in _blocks(kept):
        placed = _place(block, result, fr_segments, en_segments)
        if placed is not None:
            replacements.append(placed)
    carried: list[Carried] = []
    # From the end, so that the positions of the runs not yet replaced stay valid.
    for start, end, block in sorted(replacements, key=lambda item: item[0], reverse=True):
        result[start:end] = [review.link for review in block]
        shift = len(block) - (end - start)
        carried = [replace(item, position=item.position + shift) for item in carried]
        carried += [Carried(review, start + offset) for offset, review in enumerate(block)]
    return result, sorted(carried, key=lambda item: item.position)


def _blocks(kept: Sequence[KeptReview]) -> list[list[KeptReview]]:
    """Maximal runs of reviewed links that were neighbours in the old alignment."""
    blocks: list[list[KeptReview]] = []
    for review in sorted(kept, key=lambda item: item.position):
        if blocks and blocks[-1][-1].position + 1 == review.position:
            blocks[-1].append(review)
        else:
            blocks.append([review])
    return blocks


def _place(block: list[KeptReview], links: list[Link], fr_segments: Sequence[str],
           en_segments: Sequence[str]) -> tuple[int, int, list[KeptReview]] | None:
    """(start, end, block with new indices) when the block fits the run links[start:end], else None."""
    fr_texts = [text for review in block for text in review.fr_segments]
    en_texts = [text for review in block for text in review.en_segments]
    if not fr_texts and not en_texts:
        return None
    fr_start = _find(fr_texts, fr_segments, _old_start(block, "fr_index"))
    en_start = _find(en_texts, en_segments, _old_start(block, "en_index"))
    if fr_start is None or en_start is None:
        return None
    fr_range = set(range(fr_start, fr_start + len(fr_texts)))
    en_range = set(range(en_start, en_start + len(en_texts)))
    run = [i for i, link in enumerate(links) if fr_range & set(link.fr_index) or en_range & set(link.en_index)]
    if not run or run != list(range(run[0], run[-1] + 1)):
        return None
    covered_fr = {index for i in run for index in links[i].fr_index}
    covered_en = {index for i in run for index in links[i].en_index}
    if covered_fr != fr_range or covered_en != en_range:
        return None  # the new alignment cuts these segments otherwise at the block's edges
    moved, fr_next, en_next = [], fr_start, en_start
    for review in block:
        fr_index = tuple(range(fr_next, fr_next + len(review.fr_segments)))
        en_index = tuple(range(en_next, en_next + len(review.en_segments)))
        fr_next += len(fr_index)
        en_next += len(en_index)
        moved.append(replace(review, link=replace(review.link, fr_index=fr_index, en_index=en_index)))
    return run[0], run[-1] + 1, moved


def _old_start(block: list[KeptReview], side: str) -> int:
    indices = [index for review in block for index in getattr(review.link, side)]
    return min(indices, default=0)


def _find(texts: Sequence[str], segments: Sequence[str], near: int) -> int | None:
    """Where `texts` occur as consecutive segments, the occurrence nearest `near`; 0 for no texts."""
    if not texts:
        return 0
    width = len(texts)
    first = texts[0]
    starts = [start for start, segment in enumerate(segments[:len(segments) - width + 1])
              if segment == first and list(segments[start:start + width]) == list(texts)]
    return min(starts, key=lambda start: (abs(start - near), start)) if starts else None
