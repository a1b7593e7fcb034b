"""The output files of a run: the alignment files and the term base files, written from the store.

They are written together or not at all (aligner.export.atomic.staged_outputs):
after a failure (a full disk) the folder holds the previous run's files, never
a mix of two runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from aligner.export import OutputWriteError, write_alignments
from aligner.export.atomic import staged_outputs
from aligner.align.links import PARAGRAPH, SENTENCE, DocumentAlignment
from glossary.termbase import TermBase
from glossary.io.files import write_termbase

ALIGNMENT_OUTPUTS = ("alignments.xlsx", "alignments.tmx", "alignments.jsonl", "report.html")
TERMBASE_OUTPUTS = ("termbase.xlsx", "termbase.csv", "termbase.tbx")


def write_run_outputs(alignments: Sequence[DocumentAlignment], termbase: TermBase | None,
                      out_dir: Path) -> tuple[Path, ...]:
    """The four alignment files of a run (sentence links for review, both levels in JSONL),
    and the three term base files unless `termbase` is None, all or none."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputWriteError(f"cannot create the folder {out_dir}: {error.strerror}; give another -o folder") from None
    names = ALIGNMENT_OUTPUTS + (TERMBASE_OUTPUTS if termbase is not None else ())
    with staged_outputs(out_dir) as stage:
        for name in ALIGNMENT_OUTPUTS:
            levels = (PARAGRAPH, SENTENCE) if name.endswith(".jsonl") else (SENTENCE,)
            write_alignments(alignments, stage(name), levels=levels)
        if termbase is not None:
            for name in TERMBASE_OUTPUTS:
                write_termbase(termbase, stage(name))
    return tuple(out_dir / name for name in names)
