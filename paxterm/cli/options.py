"""Options and arguments that several commands share, declared once; choices as enums."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperOption

from aligner.align.links import PARAGRAPH, SENTENCE
from glossary.rank.termhood import DEFAULT_MIN_TERMHOOD
from paxterm.cli.console import counted

DEFAULT_OUTPUT = Path("paxterm-output")
TERMBASE_SUFFIXES = (".xlsx", ".csv", ".tbx")


class Level(str, Enum):
    paragraph = PARAGRAPH
    sentence = SENTENCE


class Split(str, Enum):
    auto = "auto"
    lines = "lines"


class Language(str, Enum):
    fr = "fr"
    en = "en"


StoreOption = Annotated[Path | None, typer.Option(
    "--store", help="The project store (SQLite). Default: CORPUS_DIR/.paxterm/paxterm.db; the bundled corpus's "
                     "is in the user data folder ($PAXTERM_DATA_DIR to move it).")]
ModelOption = Annotated[str, typer.Option(
    "--model", "-m",
    help="Embedding model: 'use' (bundled, offline), 'st:NAME_OR_PATH' for a local "
         "sentence-transformers model, e.g. st:models/LaBSE, or 'py:MODULE:NAME' for an embedder class.")]
NoCacheOption = Annotated[bool, typer.Option(
    "--no-cache", help="Do not read or write the user's shared embedding cache.")]
ReferenceOption = Annotated[Path | None, typer.Option(
    "--reference", "-r", help="A reference term base (.xlsx .csv .tbx) whose pairs take precedence.")]
MinTermhoodOption = Annotated[float, typer.Option(
    "--min-termhood", min=0.0, max=1.0,
    help="Write only the candidates whose termhood (estimated probability that a terminologist keeps them) "
         f"is at least this; entries a person decided on are always written. Default {DEFAULT_MIN_TERMHOOD}: "
         "the threshold of best F1 on annotated term lists (ACTER).")]
AllCandidatesOption = Annotated[bool, typer.Option(
    "--all", help="Write every candidate, whatever its termhood.")]


def output_threshold(min_termhood: float, all_candidates: bool) -> float | None:
    """The termhood threshold of the term base files; None writes every entry."""
    return None if all_candidates else min_termhood


def left_out_line(left_out: int, min_termhood: float) -> str:
    """The summary line on the candidates a term base file does not hold, and how to get them."""
    return (f"Left out of the term base files: {counted(left_out, 'candidate')} of termhood under {min_termhood:g} "
            "(write them with --all, or lower --min-termhood)")


ProjectArgument = Annotated[Path | None, typer.Argument(
    help="The project's corpus folder. Default: the project around the current folder (the first folder "
         "holding .paxterm/, here or above), else the bundled corpus's store if it exists.",
    show_default=False)]

# Typer 0.29 prints a '<bool>' type beside every flag; a flag takes no value, so it shows none.
_display_type = TyperOption.display_type_rich


def _flags_show_no_type(self: TyperOption, ctx: typer.Context) -> str | None:
    if getattr(self, "is_flag", False) and self.metavar is None:
        return None
    return _display_type(self, ctx)


TyperOption.display_type_rich = _flags_show_no_type  # type: ignore[method-assign]
