"""paxterm's command line: parse options, call the service, print. One module per command group.

Example:
    paxterm run                      # the bundled corpus -> ./paxterm-output/
    paxterm align fr.docx en.pdf -o pair.xlsx
    paxterm review                   # check links and terms in the browser
"""

from __future__ import annotations

from typing import Annotated

import typer

from paxterm import __version__
from paxterm.cli import align, check, project, review, run, search

app = typer.Typer(
    help="Align French UN documents with their English originals and build a bilingual term base.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)


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


for _module in (align, run, project, search, check, review):
    _module.register(app)
