"""Project commands: paxterm add, paxterm status, paxterm termbase import.

Each opens the project, calls one service method and prints.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from glossary.termbase import STATUSES
from paxterm import locations
from paxterm.cli.console import counted, user_errors
from paxterm.cli.options import ProjectArgument, StoreOption
from paxterm.service import Project, ProjectSummary

CorpusArgument = ProjectArgument

termbase_app = typer.Typer(
    help="Work on the project's term base.\n\nExample:\n    paxterm termbase import reviewed.xlsx",
    no_args_is_help=True,
)


def summary_lines(summary: ProjectSummary, *, terms: bool = True) -> list[str]:
    """The project's state in the words `paxterm run` ends with."""
    lines = [f"Documents: {len(summary.french)} French, {len(summary.english)} English",
             f"Paired: {len(summary.pairs)}"]
    lines += [f"  {pair.fr_doc} <-> {pair.en_doc} (by {pair.method})" for pair in summary.pairs]
    lines.append(f"French without an English original: {len(summary.unpaired_fr)}")
    lines += [f"  {name}" for name in summary.unpaired_fr]
    if summary.unaligned_fr:
        lines.append(f"French not aligned yet (run `paxterm run`): {len(summary.unaligned_fr)}")
        lines += [f"  {name}" for name in summary.unaligned_fr]
    if summary.unpaired_en:
        lines.append(f"English without a French version: {len(summary.unpaired_en)}")
        lines += [f"  {name}" for name in summary.unpaired_en]
    if summary.skipped:
        lines.append(f"Skipped (could not be read): {len(summary.skipped)}")
        lines += [f"  {skipped.reason}" for skipped in summary.skipped]
    lines.append(f"Sentence links: {summary.sentence_links} ({summary.flagged_links} flagged for review)")
    if terms:
        lines.append(f"Term entries in the store: {summary.term_count} ({summary.bilingual_terms} bilingual, "
                     f"{summary.french_only_terms} French only)")
    return lines


def add(
    files: Annotated[list[Path], typer.Argument(help="Documents to add (.txt .md .docx .pdf .html).")],
    to: Annotated[Path | None, typer.Option(
        "--to", help="The corpus folder, created if needed. Default: the project around the current folder "
                     "(the first folder holding .paxterm/, here or above); never the bundled sample corpus.",
        show_default=False)] = None,
    store: StoreOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a corpus file of the same name.")] = False,
) -> None:
    """Copy new documents into the corpus (fr/ or en/ by their language) and register them.

    Nothing is copied when any file cannot be read. Run `paxterm run` afterwards
    to align them.

    Example:
        paxterm add ~/inbox/S-2025-412-fr.docx ~/inbox/S-2025-412-en.docx
        paxterm add fr.docx en.docx --to mission   # starts a project
    """
    with user_errors(), Project(locations.corpus_to_add_to(to), store) as project:
        added = project.add(files, force=force)
    for item in added:
        how = "copied to" if item.copied else "already in the corpus as"
        typer.echo(f"{item.source.name} ({item.language}): {how} {item.destination}")
    copied = sum(1 for item in added if item.copied)
    if copied:
        typer.echo(f"Registered {counted(copied, 'new document')} in {project.store_path}; "
                   f"run `paxterm run {project.corpus_dir}` to align them")
    else:
        typer.echo(f"Nothing new: every file is in the corpus already; `paxterm run {project.corpus_dir}` "
                   "aligns what is not aligned yet")


def status(
    corpus_dir: CorpusArgument = None,
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")] = False,
) -> None:
    """Summarise a project: documents, pairs, links, term entries by status.

    Example:
        paxterm status                     # the project around the current folder
        paxterm status corpus
        paxterm status --store project.db --json
    """
    with user_errors(), Project(locations.existing_project(corpus_dir, store), store) as project:
        path = project.store_path
        summary = project.status()
    if as_json:
        typer.echo(json.dumps(_summary_record(path, summary), ensure_ascii=False))
        return
    typer.echo(f"Store: {path}")
    for line in summary_lines(summary):
        typer.echo(line)
    counts = ", ".join(f"{status} {summary.term_statuses.get(status, 0)}" for status in STATUSES)
    typer.echo(f"Term entries by status: {counts}")


def _summary_record(path: Path, summary: ProjectSummary) -> dict:
    return {
        "store": str(path),
        "documents": {"fr": len(summary.french), "en": len(summary.english)},
        "pairs": [{"fr_doc": p.fr_doc, "en_doc": p.en_doc, "method": p.method} for p in summary.pairs],
        "french_without_original": list(summary.unpaired_fr),
        "french_not_aligned_yet": list(summary.unaligned_fr),
        "english_without_french": list(summary.unpaired_en),
        "skipped": [{"path": str(s.path), "reason": s.reason} for s in summary.skipped],
        "sentence_links": summary.sentence_links,
        "flagged_links": summary.flagged_links,
        "paragraph_links": summary.paragraph_links,
        "term_entries": {status: summary.term_statuses.get(status, 0) for status in STATUSES},
    }


@termbase_app.command("import")
def import_termbase(
    reviewed: Annotated[Path, typer.Argument(help="The reviewed term base: .xlsx, .csv or .tbx.")],
    corpus_dir: CorpusArgument = None,
    store: StoreOption = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Import rows even where the store holds a newer decision than the file.")] = False,
) -> None:
    """Merge a reviewed term base into the project: statuses, corrected terms and added rows are kept.

    Rows are matched by id, else by their French and English terms. Later runs
    never change a validated, rejected or corrected entry's terms or status.
    Statuses may be written in English or French (validé, rejeté, candidat,
    référence); a blank status, or a file without a Status column, keeps the
    stored one. A row without an id is a new entry. A file holding a value
    that cannot be imported, or rows changed in it that a decision taken since
    it was exported also changed, is refused whole, the rows named; --force
    imports such rows anyway. Rows an older export shows as they were keep
    the newer decision.

    Example:
        paxterm termbase import paxterm-output/termbase.xlsx corpus
    """
    with user_errors(), Project(locations.existing_project(corpus_dir, store), store) as project:
        merge = project.import_termbase(reviewed, force=force)
    typer.echo(f"{reviewed}: {merge.updated} updated, {merge.added} added, {merge.unchanged} unchanged")
    if merge.kept_newer:
        typer.echo(f"Kept the newer decision on {counted(merge.kept_newer, 'row')}: decided after this file "
                   "was exported, which shows the state before")
    if merge.status_unsaid:
        give = "gives" if merge.status_unsaid == 1 else "give"
        typer.echo(f"{counted(merge.status_unsaid, 'row')} {give} no status (a blank cell or no Status column): "
                   "the stored status was kept")
    typer.echo(f"Run `paxterm run {project.corpus_dir}` to rewrite the term base files from the store")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command()(add)
    app.command()(status)
    app.add_typer(termbase_app, name="termbase")
