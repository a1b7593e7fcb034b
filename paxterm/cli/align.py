"""`paxterm align` and `paxterm glossary`: one pair of files, or alignment files, outside a project."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aligner.export import SUPPORTED_SUFFIXES
from paxterm.cli.console import RichAlignProgress, RichProgress, user_errors
from glossary.rank.termhood import DEFAULT_MIN_TERMHOOD
from paxterm.cli.options import (AllCandidatesOption, Level, MinTermhoodOption, ModelOption, NoCacheOption,
                                 ReferenceOption, Split, left_out_line, output_threshold)
from paxterm.files import align_pair, termbase_from_alignments
from paxterm.progress import TermBaseStages


def align(
    fr_file: Annotated[Path, typer.Argument(help="The French document (.txt .md .docx .pdf .html).")],
    en_file: Annotated[Path, typer.Argument(help="Its English original.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help=f"Output file; the format follows the suffix: {' '.join(SUPPORTED_SUFFIXES)}.")],
    level: Annotated[Level, typer.Option(help="Links to write.")] = Level.sentence,
    split: Annotated[Split, typer.Option(
        help="auto: find paragraphs and sentences; lines: each line is one sentence "
             "(pre-segmented bitexts).")] = Split.auto,
    model: ModelOption = "use",
    no_cache: NoCacheOption = False,
) -> None:
    """Align one French document with its English original.

    Example:
        paxterm align fr/peru-letter.md en/S-2019-summary.txt -o peru.xlsx
    """
    with user_errors(), RichAlignProgress() as progress:
        result = align_pair(fr_file, en_file, output, level=level.value, split=split.value, model=model,
                            use_cache=not no_cache, progress=progress)
    links = result.alignment.links(level.value)
    flagged = sum(1 for link in links if link.flags)
    typer.echo(f"{len(links)} {level.value} links ({flagged} flagged) -> {result.written}")


def glossary(
    alignments: Annotated[list[Path], typer.Argument(help="Alignment JSONL files written by paxterm run or align.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Term base file: .xlsx, .csv or .tbx.")],
    reference: ReferenceOption = None,
    min_frequency: Annotated[int, typer.Option(
        "--min-frequency", min=1, help="Keep terms seen at least this many times.")] = 1,
    model: ModelOption = "use",
    no_cache: NoCacheOption = False,
    min_termhood: MinTermhoodOption = DEFAULT_MIN_TERMHOOD,
    all_candidates: AllCandidatesOption = False,
) -> None:
    """Extract a French/English term base from aligned text.

    Writes the candidates a terminologist is likely to keep (termhood at
    least --min-termhood); --all writes every candidate.

    Example:
        paxterm glossary paxterm-output/alignments.jsonl -o termbase.xlsx
        paxterm glossary a.jsonl b.jsonl -o terms.tbx -r unterm.csv
    """
    with user_errors(), RichProgress() as progress:
        result = termbase_from_alignments(alignments, output, reference=reference, min_frequency=min_frequency,
                                          model=model, use_cache=not no_cache,
                                          min_termhood=output_threshold(min_termhood, all_candidates),
                                          progress=TermBaseStages(progress))
    entries = result.termbase.entries
    bilingual = sum(1 for entry in entries if entry.en)
    typer.echo(f"{len(entries)} term entries ({bilingual} bilingual) -> {result.written}")
    if result.left_out:
        typer.echo(left_out_line(result.left_out, min_termhood))


def register(app: typer.Typer) -> None:
    app.command()(align)
    app.command()(glossary)
