"""Aligned segments: the bilingual text the term base is built from.

`paxterm align` and `paxterm run` write alignment links as JSON lines, one
link per line, at paragraph and sentence level. Terms are paired over
sentence links (smaller links give sharper co-occurrence counts and shorter
context pairs); a file that holds only paragraph links still counts, through
those. `segments_from_alignments` makes the same segments straight from the
aligner's results, with the document symbols the JSON lines do not carry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.errors import InputFileError
from aligner.align.links import PARAGRAPH, SENTENCE, DocumentAlignment

REQUIRED_KEYS = ("fr_doc", "en_doc", "level", "fr", "en")


class AlignmentRecordsError(InputFileError):
    """An alignment file is missing, empty or not the JSON lines paxterm writes."""


@dataclass(frozen=True)
class AlignedSegment:
    """A French segment and its aligned English segment (empty without an original).

    ``en_doc`` is None when the French document has no English original;
    ``symbol`` is the French document's symbol (S/2025/341) when known.
    """

    fr_doc: str
    en_doc: str | None
    fr: str
    en: str
    score: float = 0.0
    flags: tuple[str, ...] = ()
    symbol: str | None = None

    @property
    def is_bilingual(self) -> bool:
        """True when both sides hold text, so that terms can be paired over it."""
        return self.en_doc is not None and bool(self.fr.strip()) and bool(self.en.strip())

    @property
    def document(self) -> str:
        """The name to cite this segment's document by: its symbol, else its file name."""
        return self.symbol or self.fr_doc


def read_alignment_records(paths: Iterable[str | Path]) -> list[AlignedSegment]:
    """Aligned segments of one or more alignment JSONL files, in file order."""
    segments: list[AlignedSegment] = []
    for path in paths:
        segments.extend(_read_file(Path(path)))
    return segments


def segments_from_alignments(alignments: Sequence[DocumentAlignment]) -> list[AlignedSegment]:
    """Aligned segments of the aligner's results: sentence links, else paragraph links."""
    segments = []
    for alignment in alignments:
        links = alignment.sentence_links or alignment.paragraph_links
        for link in links:
            if link.fr.strip() or link.en.strip():
                segments.append(
                    AlignedSegment(
                        fr_doc=alignment.fr_doc,
                        en_doc=alignment.en_doc,
                        fr=link.fr,
                        en=link.en,
                        score=float(link.score),
                        flags=tuple(link.flags),
                        symbol=alignment.fr_symbol,
                    )
                )
    return segments


def _read_file(path: Path) -> list[AlignedSegment]:
    if not path.is_file():
        raise AlignmentRecordsError(f"{path}: no such alignment file; check the path or run `paxterm align` first")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise AlignmentRecordsError(f"{path}: not UTF-8 text; give the .jsonl file `paxterm align` wrote") from None
    except OSError as error:
        raise AlignmentRecordsError(f"{path}: cannot be read ({error.strerror}); check its permissions") from None
    by_level: dict[str, list[AlignedSegment]] = {SENTENCE: [], PARAGRAPH: []}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = _parse(line, path, number)
        level = record["level"]
        if level not in by_level:
            raise AlignmentRecordsError(
                f"{path}, line {number}: unknown level {level!r}; expected 'sentence' or 'paragraph'"
            )
        fr, en = record["fr"], record["en"]
        if fr.strip() or en.strip():
            by_level[level].append(
                AlignedSegment(
                    fr_doc=record["fr_doc"],
                    en_doc=record["en_doc"],
                    fr=fr,
                    en=en,
                    score=float(record.get("score") or 0.0),
                    flags=tuple(str(flag) for flag in record.get("flags") or ()),
                )
            )
    segments = by_level[SENTENCE] or by_level[PARAGRAPH]
    if not segments:
        raise AlignmentRecordsError(
            f"{path}: no alignment records; give a non-empty .jsonl file written by `paxterm align`"
        )
    return segments


def _parse(line: str, path: Path, number: int) -> dict:
    where = f"{path}, line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise AlignmentRecordsError(
            f"{where}: not valid JSON ({error.msg}); give the .jsonl file `paxterm align` wrote"
        ) from None
    if not isinstance(record, dict):
        raise AlignmentRecordsError(f"{where}: expected a JSON object per line; give the .jsonl file `paxterm align` wrote")
    missing = [key for key in REQUIRED_KEYS if key not in record]
    if missing:
        raise AlignmentRecordsError(f"{where}: missing {', '.join(missing)}; give the .jsonl file `paxterm align` wrote")
    if not isinstance(record["fr"], str) or not isinstance(record["en"], str) or not isinstance(record["fr_doc"], str):
        raise AlignmentRecordsError(f"{where}: fr, en and fr_doc must be text; give the .jsonl file `paxterm align` wrote")
    if record["en_doc"] is not None and not isinstance(record["en_doc"], str):
        raise AlignmentRecordsError(f"{where}: en_doc must be text or null; give the .jsonl file `paxterm align` wrote")
    score = record.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, int | float)):
        raise AlignmentRecordsError(f"{where}: score must be a number; give the .jsonl file `paxterm align` wrote")
    return record
