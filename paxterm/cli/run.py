"""`paxterm run`: the main job, incremental over the project store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aligner.errors import PaxtermError
from paxterm import locations
from paxterm.cli.console import RichProgress, counted, user_errors
from glossary.rank.termhood import DEFAULT_MIN_TERMHOOD
from paxterm.cli.options import (DEFAULT_OUTPUT, AllCandidatesOption, MinTermhoodOption, ModelOption,
                                 ReferenceOption, StoreOption, left_out_line, output_threshold)
from paxterm.cli.project import summary_lines
from paxterm.jobs import make_executor
from paxterm.service import Project

# Failed documents named one per line after a run; a broken worker can fail thousands.
FAILURES_SHOWN = 10


def run(
    corpus_dir: Annotated[Path | None, typer.Argument(
        help="Corpus folder with fr/ and en/ subfolders (or mixed files). Default: the project around the "
             "current folder (the first folder holding .paxterm/, here or above), else the bundled sample corpus.",
        show_default=False)] = None,
    output_dir: Annotated[Path, typer.Option("--output", "-o", help="Folder for the results.")] = DEFAULT_OUTPUT,
    store: StoreOption = None,
    model: ModelOption = "use",
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Do not share embeddings through the user cache (the project store keeps its own).")
    ] = False,
    reference: ReferenceOption = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Align only; skip the term base.")] = False,
    follow_links: Annotated[bool, typer.Option(
        "--follow-links", help="Read files that links in the corpus folder lead to outside it "
                               "(by default they are listed as skipped).")] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Align and extract terms on a local Dask cluster of N worker processes.")
    ] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="tcp://HOST:PORT",
        help="Run the jobs on an existing Dask cluster (`dask scheduler`, `dask worker ADDRESS`); "
             "its workers need paxterm installed.")
    ] = None,
    min_termhood: MinTermhoodOption = DEFAULT_MIN_TERMHOOD,
    all_candidates: AllCandidatesOption = False,
) -> None:
    """Pair every French document with its English original, align them, build the term base.

    Incremental: the project store remembers what was done, so only new or
    changed documents are read and aligned (a French text is aligned as soon
    as its English original is added); the output files are always rewritten
    from everything aligned so far. Writes alignments.xlsx, alignments.tmx,
    alignments.jsonl, report.html and termbase.xlsx, termbase.csv, termbase.tbx.

    The term base files hold the candidates a terminologist is likely to
    keep (termhood at least --min-termhood) and every entry already
    validated or rejected; --all writes every candidate. Once 20 entries are
    validated or rejected (paxterm termbase import), the run re-ranks the
    candidates from those decisions; the workbook's "To review" sheet lists
    first the candidates it is least sure of.

    With --workers or --scheduler, each document pair is aligned (and its
    term candidates extracted) as a job on Dask workers; this process pairs
    the documents and writes every result into the store. A document whose
    job failed is listed and the run exits with 1: run again to complete it.

    Example:
        paxterm run                       # bundled corpus -> ./paxterm-output/
        paxterm run ~/texts/mission -o results
        paxterm run ~/texts/un --workers 2
        paxterm run ~/texts/un --scheduler tcp://127.0.0.1:8786
    """
    with user_errors():
        _check_output_folder(output_dir)
        with (make_executor(workers=workers, scheduler=scheduler) as executor, RichProgress() as progress,
              Project(locations.corpus_to_run(corpus_dir), store) as project):
            result = project.run(output_dir, model=model, use_cache=not no_cache, glossary=not no_glossary,
                                 reference=reference, progress=progress, executor=executor,
                                 follow_links=follow_links,
                                 min_termhood=output_threshold(min_termhood, all_candidates))
    for line in summary_lines(result.summary, terms=not no_glossary):
        typer.echo(line)
    scan = result.scan
    if scan.renamed:
        typer.echo(f"Renamed or moved (links and reviews kept): {len(scan.renamed)}")
        for old, new in scan.renamed:
            typer.echo(f"  {old} -> {new}")
    if scan.removed:
        typer.echo(f"Removed from the corpus (forgotten by the store): {len(scan.removed)}")
        for path in scan.removed:
            typer.echo(f"  {path}")
    if result.model_changed:
        typer.echo(f"Model changed to {model}: every document was aligned again")
    elif result.aligner_changed:
        typer.echo("Links made by an older paxterm: every document was aligned again (reviewed links kept)")
    if result.terms_builder_changed:
        typer.echo("Term base built by an older paxterm: built again (review statuses kept)")
    if result.nothing_new:
        state = "outputs rewritten from the store" if result.outputs_rewritten else "outputs already up to date"
        typer.echo(f"Nothing new: {counted(scan.unchanged, 'document')} unchanged; {state}")
    else:
        line = (f"This run: {len(scan.new)} new, {len(scan.changed)} changed, {len(scan.removed)} removed "
                f"documents; {counted(len(result.aligned), 'French document')} aligned; "
                f"{counted(result.embedded, 'text')} embedded")
        if result.terms is not None:
            line += f"; term base: {result.terms.added} added, {result.terms.updated} updated, " \
                    f"{len(result.terms.deleted)} dropped"
        typer.echo(line)
    if not executor.in_process:
        typer.echo(f"Jobs ran on {executor.description}")
    verb = "Written to" if result.outputs_rewritten else "Up to date in"
    typer.echo(f"{verb} {output_dir}: " + ", ".join(path.name for path in result.outputs))
    if result.terms_left_out:
        typer.echo(left_out_line(result.terms_left_out, min_termhood))
    if result.failed:
        typer.echo(f"Not aligned, their jobs failed (run again to align them): {len(result.failed)}", err=True)
        for failure in result.failed[:FAILURES_SHOWN]:
            typer.echo(f"  {failure.name}: {failure.reason}", err=True)
        if len(result.failed) > FAILURES_SHOWN:
            typer.echo(f"  ... and {len(result.failed) - FAILURES_SHOWN} more", err=True)
        raise typer.Exit(1)


def _check_output_folder(output_dir: Path) -> None:
    # Fail before the slow part, not after it.
    if output_dir.exists() and not output_dir.is_dir():
        raise PaxtermError(f"{output_dir} is a file, not a folder: give a folder for the results with -o")


def register(app: typer.Typer) -> None:
    app.command()(run)
