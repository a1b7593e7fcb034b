"""The alignment result: links between French and English segments.

Plain frozen dataclasses shared by the aligner (which makes them) and the
exporters (which write them).
"""

from __future__ import annotations

from dataclasses import dataclass

PARAGRAPH = "paragraph"
SENTENCE = "sentence"

# Link flags, as written into every output format.
LOW_CONFIDENCE = "low_confidence"
OMISSION = "omission"
NUMBER_MISMATCH = "number_mismatch"
NO_ORIGINAL = "no_original"  # a French document whose English original was not found
LONG_SENTENCE_CUT = "long_sentence_cut"  # holds a piece of a sentence too long to embed whole

# Link statuses: made by the aligner, confirmed by a reviewer, or changed by one.
AUTO = "auto"
CONFIRMED = "confirmed"
EDITED = "edited"
LINK_STATUSES = (AUTO, CONFIRMED, EDITED)


@dataclass(frozen=True)
class Link:
    """One alignment bead: French segments fr_index <-> English segments en_index.

    Indices are 0-based positions of the segments in their document at this
    link's level. One side may be empty (a 1-0 or 0-1 link: an omission).
    """

    level: str
    fr_index: tuple[int, ...]
    en_index: tuple[int, ...]
    fr: str
    en: str
    score: float
    flags: tuple[str, ...] = ()
    status: str = AUTO

    @property
    def kind(self) -> str:
        """The bead type, e.g. '1-1', '2-1', '0-1'."""
        return f"{len(self.fr_index)}-{len(self.en_index)}"


@dataclass(frozen=True)
class DocumentAlignment:
    """Everything aligned for one French document and its English original.

    en_doc is None for a French document without an English original: its
    links then carry French text only, flagged no_original.
    """

    fr_doc: str
    en_doc: str | None
    paragraph_links: tuple[Link, ...] = ()
    sentence_links: tuple[Link, ...] = ()
    fr_symbol: str | None = None
    en_symbol: str | None = None

    def links(self, level: str) -> tuple[Link, ...]:
        return self.paragraph_links if level == PARAGRAPH else self.sentence_links

    @property
    def flagged_count(self) -> int:
        return sum(1 for link in self.sentence_links or self.paragraph_links if link.flags)
