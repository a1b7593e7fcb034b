"""The service's jobs on files outside a project: align one pair, a term base from alignment files,
check a translation against a term base.

Like paxterm.service, each takes plain values, returns a frozen dataclass and
raises the package's named errors; the CLI only parses, calls and prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.align.links import DocumentAlignment
from aligner.align.pipeline import align_documents
from aligner.align.progress import AlignProgress
from aligner.errors import PaxtermError
from aligner.export import SUPPORTED_SUFFIXES, write_alignments
from aligner.read.document import read_pair
from glossary.build import build_termbase
from glossary.progress import BuildProgress
from glossary.check.findings import CheckReport, NothingToCheckError, check_documents, enforced_entries
from glossary.check.report import check_output_suffix, write_check_report
from glossary.io.records import read_alignment_records
from glossary.rank.termhood import DEFAULT_MIN_TERMHOOD
from glossary.termbase import TermBase, select_for_output
from glossary.io.files import read_termbase, write_termbase
from paxterm.embedding import make_embedder

TERMBASE_SUFFIXES = (".xlsx", ".csv", ".tbx")


@dataclass(frozen=True)
class PairAlignment:
    alignment: DocumentAlignment
    written: Path


@dataclass(frozen=True)
class BuiltTermBase:
    termbase: TermBase  # the entries written
    written: Path
    left_out: int = 0  # candidates under the termhood threshold, not written


@dataclass(frozen=True)
class CheckedTranslation:
    report: CheckReport
    written: Path


def align_pair(fr_file: Path, en_file: Path, output: Path, *, level: str, split: str = "auto",
               model: str | None = None, use_cache: bool = True,
               progress: AlignProgress | None = None) -> PairAlignment:
    """Align one French document with its English original and write the links of one level.

    `progress` hears the stages inside the alignment (embedding N sentences, aligning).
    """
    check_alignment_suffix(output)
    fr, en = read_pair(fr_file, en_file, split=split)
    embedder = make_embedder(model, use_cache=use_cache)
    alignment = align_documents(fr, en, embedder, split=split, progress=progress)
    return PairAlignment(alignment, write_alignments([alignment], output, levels=(level,)))


def termbase_from_alignments(alignments: Sequence[Path], output: Path, *, reference: Path | None = None,
                             min_frequency: int = 1, model: str | None = None, use_cache: bool = True,
                             min_termhood: float | None = DEFAULT_MIN_TERMHOOD,
                             progress: BuildProgress | None = None) -> BuiltTermBase:
    """Extract a French/English term base from alignment JSONL files and write it.

    Only entries of termhood >= `min_termhood` are written (None: all of them).
    `progress` hears the build's stages (glossary.progress).
    """
    if output.suffix.lower() not in TERMBASE_SUFFIXES:
        raise PaxtermError(f"{output}: a term base is written as {' '.join(TERMBASE_SUFFIXES)}, "
                           f"not '{output.suffix or 'no suffix'}'")
    reference_base = read_termbase(reference) if reference else None
    segments = read_alignment_records(alignments)
    embedder = make_embedder(model, use_cache=use_cache)
    termbase = build_termbase(segments, embedder, reference=reference_base, min_frequency=min_frequency,
                              corpus=" ".join(path.name for path in alignments), model=embedder.name,
                              progress=progress)
    selection = select_for_output(termbase, min_termhood)
    return BuiltTermBase(selection.termbase, write_termbase(selection.termbase, output), selection.left_out)


def check_translation(fr_file: Path, en_file: Path, termbase: Path, output: Path, *,
                      include_candidates: bool = False, model: str | None = None,
                      use_cache: bool = True) -> CheckedTranslation:
    """Check a translation's terminology against a term base and write the report."""
    check_output_suffix(output)
    base = read_termbase(termbase)
    try:  # fail before the slow part
        enforced_entries(base, include_candidates=include_candidates)
    except NothingToCheckError as error:
        raise NothingToCheckError(f"{termbase}: {error}") from None
    fr, en = read_pair(fr_file, en_file)
    embedder = make_embedder(model, use_cache=use_cache)
    report = check_documents(fr, en, base, embedder, include_candidates=include_candidates)
    return CheckedTranslation(report, write_check_report(report, output))


def check_alignment_suffix(output: Path) -> None:
    """Fail before the slow part, not after it."""
    if output.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise PaxtermError(
            f"{output}: cannot write '{output.suffix or 'no suffix'}' files; "
            f"use one of {' '.join(SUPPORTED_SUFFIXES)}"
        )
