"""`paxterm check`: a translation against the term base, in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from aligner.read.document import read_document
from glossary.check.findings import KINDS, NothingToCheckError, check_documents, enforced_entries
from glossary.check.report import REPORT_SUFFIXES, check_output_suffix, write_check_report
from glossary.termbase import read_termbase
from paxterm.console import user_errors
from paxterm.embedding import make_embedder

# Exit status when --fail-on-issues is given and something was found.
ISSUES_FOUND = 1


def check(
    fr_file: Annotated[Path, typer.Argument(help="The French document (.txt .md .docx .pdf .html).")],
    en_file: Annotated[Path, typer.Argument(help="Its English original.")],
    termbase: Annotated[Path, typer.Option(
        "--termbase", "-t", help="The term base to check against (.xlsx .csv .tbx).")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help=f"Report file; the format follows the suffix: {' '.join(REPORT_SUFFIXES)}.")],
    include_candidates: Annotated[bool, typer.Option(
        "--include-candidates", help="Also enforce candidate entries (by default only validated and "
                                     "reference entries; rejected ones never).")] = False,
    fail_on_issues: Annotated[bool, typer.Option(
        "--fail-on-issues", help="Exit with status 1 when anything is found (for a team's pipeline).")] = False,
    model: Annotated[str, typer.Option(
        "--model", "-m", help="Embedding model for the alignment: 'use' (bundled, offline) or "
                              "'st:NAME_OR_PATH'.")] = "use",
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Do not read or write the on-disk embedding cache.")] = False,
) -> None:
    """Check a translation's terminology against a term base.

    Aligns the pair, then, for every enforced entry whose French term (any
    inflection or listed variant) occurs in a French segment, checks that the
    aligned English segment holds the English term, and the reverse. Findings:
    missing (expected term absent), variant (a listed, non-preferred rendering),
    inconsistent (one French term rendered in several ways).

    Exit status: 0 when the check ran (findings or not); 1 when it found
    something and --fail-on-issues is given, or when it could not run (an
    'Error:' line on stderr says why); 2 for wrong usage.

    Example:
        paxterm check corpus/fr/peru-letter-2019-triangular-cooperation.md
        corpus/en/S-2019-triangular-cooperation-debate-summary.txt
        -t termbase.xlsx -o check.xlsx --fail-on-issues
    """
    with user_errors():
        check_output_suffix(output)
        base = read_termbase(termbase)
        try:  # fail before the slow part
            enforced_entries(base, include_candidates=include_candidates)
        except NothingToCheckError as error:
            raise NothingToCheckError(f"{termbase}: {error}") from None
        fr = read_document(fr_file, expected_language="fr")
        en = read_document(en_file, expected_language="en")
        embedder = make_embedder(model, use_cache=not no_cache)
        report = check_documents(fr, en, base, embedder, include_candidates=include_candidates)
        written = write_check_report(report, output)
    counts = report.counts()
    typer.echo(f"Checked {report.links_checked} segment pairs against {report.entries_checked} term entries.")
    typer.echo(f"Findings: {len(report.findings)} (" + ", ".join(f"{kind} {counts[kind]}" for kind in KINDS)
               + f") -> {written}")
    if fail_on_issues and report.findings:
        raise typer.Exit(ISSUES_FOUND)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("check")(check)
