"""paxterm's command line: parse options, call one library function, print.

Example:
    paxterm run                      # the bundled corpus -> ./paxterm-output/
    paxterm align fr.docx en.pdf -o pair.xlsx
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aligner.align.pipeline import SPLIT_MODES, align_documents
from aligner.read.document import read_document
from aligner.errors import PaxtermError
from aligner.export import SUPPORTED_SUFFIXES, write_alignments
from aligner.align.links import PARAGRAPH, SENTENCE
from paxterm import __version__
from paxterm.console import RichProgress, user_errors
from glossary.build import build_termbase
from glossary.io.records import read_alignment_records
from glossary.termbase import read_termbase, write_termbase
from paxterm.embedding import make_embedder

BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DEFAULT_OUTPUT = Path("paxterm-output")
# Failed documents named one per line after a run; a broken worker can fail thousands.
FAILURES_SHOWN = 10

app = typer.Typer(
    help="Align French UN documents with their English originals and build a bilingual term base.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)

ModelOption = Annotated[str, typer.Option(
    "--model", "-m",
    help="Embedding model: 'use' (bundled, offline), 'st:NAME_OR_PATH' for a local "
         "sentence-transformers model, e.g. st:models/LaBSE, or 'py:MODULE:NAME' for an embedder class.")]
NoCacheOption = Annotated[bool, typer.Option(
    "--no-cache", help="Do not read or write the on-disk embedding cache.")]
ReferenceOption = Annotated[Path | None, typer.Option(
    "--reference", "-r", help="A reference term base (.xlsx .csv .tbx) whose pairs take precedence.")]
TERMBASE_SUFFIXES = (".xlsx", ".csv", ".tbx")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"paxterm {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Align French UN documents with their English originals and build a bilingual term base."""


@app.command()
def align(
    fr_file: Annotated[Path, typer.Argument(help="The French document (.txt .md .docx .pdf .html).")],
    en_file: Annotated[Path, typer.Argument(help="Its English original.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help=f"Output file; the format follows the suffix: {' '.join(SUPPORTED_SUFFIXES)}.")],
    level: Annotated[str, typer.Option(help="Links to write: paragraph or sentence.")] = SENTENCE,
    split: Annotated[str, typer.Option(
        help="auto: find paragraphs and sentences; lines: each line is one sentence "
             "(pre-segmented bitexts).")] = "auto",
    model: ModelOption = "use",
    no_cache: NoCacheOption = False,
) -> None:
    """Align one French document with its English original.

    Example:
        paxterm align corpus/fr/peru-letter-2019-triangular-cooperation.md
        corpus/en/S-2019-triangular-cooperation-debate-summary.txt -o peru.xlsx
    """
    with user_errors():
        if level not in (PARAGRAPH, SENTENCE):
            raise PaxtermError(f"--level must be paragraph or sentence, not '{level}'")
        if split not in SPLIT_MODES:
            raise PaxtermError(f"--split must be auto or lines, not '{split}'")
        _check_output_suffix(output)
        fr = read_document(fr_file, expected_language="fr", split=split)
        en = read_document(en_file, expected_language="en", split=split)
        embedder = make_embedder(model, use_cache=not no_cache)
        alignment = align_documents(fr, en, embedder, split=split)
        written = write_alignments([alignment], output, levels=(level,))
        links = alignment.links(level)
        flagged = sum(1 for link in links if link.flags)
        typer.echo(f"{len(links)} {level} links ({flagged} flagged) -> {written}")


StoreOption = Annotated[Path | None, typer.Option(
    "--store", help="The project store (SQLite). Default: CORPUS_DIR/.paxterm/paxterm.db.")]


@app.command()
def run(
    corpus_dir: Annotated[Path, typer.Argument(
        help="Corpus folder with fr/ and en/ subfolders (or mixed files). Default: the bundled corpus.")
    ] = BUNDLED_CORPUS,
    output_dir: Annotated[Path, typer.Option("--output", "-o", help="Folder for the results.")] = DEFAULT_OUTPUT,
    store: StoreOption = None,
    model: ModelOption = "use",
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Do not share embeddings through the user cache (the project store keeps its own).")
    ] = False,
    reference: ReferenceOption = None,
    no_glossary: Annotated[bool, typer.Option("--no-glossary", help="Align only; skip the term base.")] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Align and extract terms on a local Dask cluster of N worker processes.")
    ] = None,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", metavar="tcp://HOST:PORT",
        help="Run the jobs on an existing Dask cluster (`dask scheduler`, `dask worker ADDRESS`); "
             "its workers need paxterm installed.")
    ] = None,
) -> None:
    """Pair every French document with its English original, align them, build the term base.

    Incremental: the project store remembers what was done, so only new or
    changed documents are read and aligned (a French text is aligned as soon
    as its English original is added); the output files are always rewritten
    from everything aligned so far. Writes alignments.xlsx, alignments.tmx,
    alignments.jsonl, report.html and termbase.xlsx, termbase.csv, termbase.tbx.

    With --workers or --scheduler, each document pair is aligned (and its
    term candidates extracted) as a job on Dask workers; this process pairs
    the documents and writes every result into the store. A document whose
    job failed is listed and the run exits with 1: run again to complete it.

    Example:
        paxterm run                        # the bundled corpus -> ./paxterm-output/
        paxterm run ~/texts/mission -o results
        paxterm run ~/texts/un --workers 2
        paxterm run ~/texts/un --scheduler tcp://10.0.0.5:8786
    """
    from paxterm.cli_project import summary_lines
    from paxterm.jobs import make_executor
    from paxterm.service import Project

    with user_errors():
        _check_output_folder(output_dir)
        with make_executor(workers=workers, scheduler=scheduler) as executor, RichProgress() as progress, \
                Project(corpus_dir, store) as project:
            result = project.run(output_dir, model=model, use_cache=not no_cache, glossary=not no_glossary,
                                 reference=reference, progress=progress, executor=executor)
    for line in summary_lines(result.summary, terms=not no_glossary):
        typer.echo(line)
    scan = result.scan
    if scan.removed:
        typer.echo(f"Removed from the corpus (forgotten by the store): {len(scan.removed)}")
        for path in scan.removed:
            typer.echo(f"  {path}")
    if result.model_changed:
        typer.echo(f"Model changed to {model}: every document was aligned again")
    if result.nothing_new:
        state = "outputs rewritten from the store" if result.outputs_rewritten else "outputs already up to date"
        typer.echo(f"Nothing new: {scan.unchanged} documents unchanged; {state}")
    else:
        line = (f"This run: {len(scan.new)} new, {len(scan.changed)} changed, {len(scan.removed)} removed "
                f"documents; {len(result.aligned)} French documents aligned; {result.embedded} texts embedded")
        if result.terms is not None:
            line += f"; term base: {result.terms.added} added, {result.terms.updated} updated, " \
                    f"{len(result.terms.deleted)} dropped"
        typer.echo(line)
    if not executor.in_process:
        typer.echo(f"Jobs ran on {executor.description}")
    verb = "Written to" if result.outputs_rewritten else "Up to date in"
    typer.echo(f"{verb} {output_dir}: " + ", ".join(path.name for path in result.outputs))
    if result.failed:
        typer.echo(f"Not aligned, their jobs failed (run again to align them): {len(result.failed)}", err=True)
        for failure in result.failed[:FAILURES_SHOWN]:
            typer.echo(f"  {failure.name}: {failure.reason}", err=True)
        if len(result.failed) > FAILURES_SHOWN:
            typer.echo(f"  ... and {len(result.failed) - FAILURES_SHOWN} more", err=True)
        raise typer.Exit(1)


@app.command()
def glossary(
    alignments: Annotated[list[Path], typer.Argument(help="Alignment JSONL files written by paxterm run or align.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Term base file: .xlsx, .csv or .tbx.")],
    reference: ReferenceOption = None,
    min_frequency: Annotated[int, typer.Option(
        "--min-frequency", min=1, help="Keep terms seen at least this many times.")] = 1,
    model: ModelOption = "use",
    no_cache: NoCacheOption = False,
) -> None:
    """Extract a French/English term base from aligned text.

    Example:
        paxterm glossary paxterm-output/alignments.jsonl -o termbase.xlsx
        paxterm glossary a.jsonl b.jsonl -o terms.tbx --reference unterm.csv --min-frequency 2
    """
    with user_errors():
        if output.suffix.lower() not in TERMBASE_SUFFIXES:
            raise PaxtermError(f"{output}: a term base is written as {' '.join(TERMBASE_SUFFIXES)}, "
                               f"not '{output.suffix or 'no suffix'}'")
        reference_base = read_termbase(reference) if reference else None
        segments = read_alignment_records(alignments)
        embedder = make_embedder(model, use_cache=not no_cache)
        termbase = build_termbase(segments, embedder, reference=reference_base, min_frequency=min_frequency,
                                  corpus=" ".join(str(path) for path in alignments), model=embedder.name)
        written = write_termbase(termbase, output)
    bilingual = sum(1 for entry in termbase.entries if entry.en)
    typer.echo(f"{len(termbase.entries)} term entries ({bilingual} bilingual) -> {written}")


def _check_output_suffix(output: Path) -> None:
    # Fail before the slow part, not after it.
    if output.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise PaxtermError(
            f"{output}: cannot write '{output.suffix or 'no suffix'}' files; "
            f"use one of {' '.join(SUPPORTED_SUFFIXES)}"
        )


def _check_output_folder(output_dir: Path) -> None:
    # Fail before the slow part, not after it.
    if output_dir.exists() and not output_dir.is_dir():
        raise PaxtermError(f"{output_dir} is a file, not a folder: give a folder for the results with -o")


# Command groups that live in their own modules.
from paxterm import cli_check, cli_project  # noqa: E402

cli_project.register(app)
cli_check.register(app)
from paxterm import cli_search  # noqa: E402
cli_search.register(app)
