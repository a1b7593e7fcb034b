"""The output files of a run: the alignment files and the term base files, written from the store."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from aligner.export import OutputWriteError, write_alignments
from aligner.align.links import PARAGRAPH, SENTENCE, DocumentAlignment
from glossary.termbase import TermBase, write_termbase

ALIGNMENT_OUTPUTS = ("alignments.xlsx", "alignments.tmx", "alignments.jsonl", "report.html")
TERMBASE_OUTPUTS = ("termbase.xlsx", "termbase.csv", "termbase.tbx")


def write_alignment_outputs(alignments: Sequence[DocumentAlignment], out_dir: Path) -> tuple[Path, ...]:
    """The four alignment files of a run: sentence links for review, both levels in JSONL."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputWriteError(f"cannot create the folder {out_dir}: {error.strerror}; give another -o folder") from None
    written = []
    for name in ALIGNMENT_OUTPUTS:
        levels = (PARAGRAPH, SENTENCE) if name.endswith(".jsonl") else (SENTENCE,)
        written.append(write_alignments(alignments, out_dir / name, levels=levels))
    return tuple(written)


def write_termbase_outputs(termbase: TermBase, out_dir: Path) -> tuple[Path, ...]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return tuple(write_termbase(termbase, out_dir / name) for name in TERMBASE_OUTPUTS)
