"""`paxterm check`: a translation against the term base, in one command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from glossary.check.findings import KINDS
from glossary.check.report import REPORT_SUFFIXES
from paxterm.cli.console import counted, user_errors
from paxterm.cli.options import ModelOption, NoCacheOption
from paxterm.files import check_translation

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
    model: ModelOption = "use",
    no_cache: NoCacheOption = False,
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
        paxterm check fr.docx en.docx -t termbase.xlsx -o check.xlsx
        paxterm check fr.docx en.docx -t terms.csv -o c.html --fail-on-issues
    """
    with user_errors():
        result = check_translation(fr_file, en_file, termbase, output, include_candidates=include_candidates,
                                   model=model, use_cache=not no_cache)
    report, written = result.report, result.written
    counts = report.counts()
    typer.echo(f"Checked {counted(report.links_checked, 'segment pair')} against "
               f"{report.entries_checked} term {'entry' if report.entries_checked == 1 else 'entries'}.")
    typer.echo(f"Findings: {len(report.findings)} (" + ", ".join(f"{kind} {counts[kind]}" for kind in KINDS)
               + f") -> {written}")
    if fail_on_issues and report.findings:
        raise typer.Exit(ISSUES_FOUND)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("check")(check)
