"""paxterm search: a bilingual concordance over everything aligned in the project store.

The command opens the store, hands its sentence links to
glossary.match.concordance.search_segments and prints what comes back: a table on a
terminal, tab-separated lines in a pipe, JSON lines with --json.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from aligner.read.language import ENGLISH, FRENCH, LANGUAGE_NAMES
from glossary.match.concordance import term_language
from paxterm import locations
from paxterm.cli.console import counted, user_errors
from paxterm.cli.options import Language, StoreOption
from paxterm.service import Project, SearchOccurrence

DEFAULT_LIMIT = 50
# Plain-text output marks the match this way: guillemets are rare in UN English
# and stand out in French text where quotation marks are « » with spaces.
MATCH_OPEN, MATCH_CLOSE = "«", "»"
MATCH_STYLE = "bold magenta"


def search(
    term: Annotated[str, typer.Argument(help="The word or phrase to look up, in any inflection.")],
    corpus_dir: Annotated[Path | None, typer.Argument(
        help="The project's corpus folder. Default: the project around the current folder (the first folder "
             "holding .paxterm/, here or above), else the bundled sample corpus once `paxterm run` has run on it.",
        show_default=False)] = None,
    lang: Annotated[Language | None, typer.Option(
        "--lang", "-l", help="Search the French (fr) or English (en) side. "
                             "Default: guessed from the term, else both sides.")] = None,
    limit: Annotated[int, typer.Option(
        "--limit", "-n", min=0, help="Show at most this many occurrences (all are counted); 0 shows all.")
    ] = DEFAULT_LIMIT,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print one JSON object per occurrence: fr_doc, en_doc, fr_index, en_index, fr, en, "
                       "lang, match_start, match_end, score.")] = False,
    store: StoreOption = None,
) -> None:
    """Show every occurrence of a term in the aligned text, with its translation.

    Matching ignores case and inflection ("pays fournisseur de contingents"
    finds "pays fournisseurs de contingents") but not accents. Only sentences
    of French documents aligned with an English original are searched; run
    `paxterm run` first to fill the project store. Like grep, the exit status
    is 0 when the term was found and 1 when it was not (or on an error). The
    count of occurrences goes to stderr. Piped, each occurrence is one
    tab-separated line with the match between «» (no spaces, so never taken
    for French quotation marks); --json gives the text untouched with the
    match's offsets.

    Example:
        paxterm search "coopération triangulaire"
        paxterm search "troop-contributing country" --lang en --json > hits.jsonl
    """
    with user_errors():
        language = lang.value if lang else term_language(term)
        with Project(locations.existing_project(corpus_dir, store), store) as project:
            path = project.store_path
            found = project.search(term, language=language)
    if not found:
        sides = LANGUAGE_NAMES[language] if language else "French or English"
        typer.echo(f"No occurrence of '{term}' in the {sides} text of {path}", err=True)
        raise typer.Exit(1)
    shown = found[:limit] if limit else found
    if as_json:
        for occurrence in shown:
            typer.echo(json.dumps(_record(occurrence), ensure_ascii=False))
    elif sys.stdout.isatty():
        Console().print(concordance_table(shown))
    else:
        for occurrence in shown:
            typer.echo(plain_line(occurrence))
    documents = {occurrence.segment.fr_doc for occurrence in found}
    typer.echo(f"{counted(len(found), 'occurrence')} in {counted(len(documents), 'document')} "
               f"(showing {len(shown)})", err=True)


def _record(occurrence: SearchOccurrence) -> dict:
    link = occurrence.segment
    return {"fr_doc": link.fr_doc, "en_doc": link.en_doc, "fr_index": list(link.fr_index),
            "en_index": list(link.en_index), "fr": link.fr, "en": link.en, "lang": occurrence.language,
            "match_start": occurrence.start, "match_end": occurrence.end, "score": round(link.score, 4)}


def plain_line(occurrence: SearchOccurrence) -> str:
    """fr_doc, en_doc, French, English, tab-separated, the match between « »."""
    link = occurrence.segment
    fr, en = link.fr, link.en
    if occurrence.language == FRENCH:
        fr = _marked(fr, occurrence.start, occurrence.end)
    else:
        en = _marked(en, occurrence.start, occurrence.end)
    return "\t".join(_one_line(cell) for cell in (link.fr_doc, link.en_doc or "", fr, en))


def concordance_table(occurrences: Iterable[SearchOccurrence]) -> Table:
    """French | English | document, the match highlighted."""
    table = Table(show_lines=True, expand=True)
    table.add_column(LANGUAGE_NAMES[FRENCH], ratio=5)
    table.add_column(LANGUAGE_NAMES[ENGLISH], ratio=5)
    table.add_column("Document", ratio=2, style="dim")
    for occurrence in occurrences:
        link = occurrence.segment
        fr, en = Text(link.fr), Text(link.en)
        (fr if occurrence.language == FRENCH else en).stylize(MATCH_STYLE, occurrence.start, occurrence.end)
        place = f"{link.fr_doc} #{_indices(link.fr_index)}\n{link.en_doc} #{_indices(link.en_index)}"
        table.add_row(fr, en, Text(place))
    return table


def _marked(text: str, start: int, end: int) -> str:
    return f"{text[:start]}{MATCH_OPEN}{text[start:end]}{MATCH_CLOSE}{text[end:]}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _indices(indices: tuple[int, ...]) -> str:
    # Sentences are numbered from 1 for people, from 0 in the JSON.
    return ",".join(str(index + 1) for index in indices) or "-"


def register(app: typer.Typer) -> None:
    """Add the search command to the app."""
    app.command()(search)
