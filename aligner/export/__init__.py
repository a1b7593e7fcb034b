"""Write alignments to a file whose suffix picks the format.

    write_alignments(alignments, "report.xlsx")
    write_alignments(alignments, "memory.tmx", levels=("paragraph", "sentence"))

Formats: .jsonl and .tsv (data for other tools), .tmx (a translation memory
for CAT tools), .xlsx (a review workbook), .html (a side-by-side review page).
Each writer lives in its own module; this one picks it and makes the write
atomic: the output appears complete or not at all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from pathlib import Path

from aligner.export.atomic import write_atomically
from aligner.errors import OutputFormatError, OutputWriteError
from aligner.export.rows import ordered_levels
from aligner.align.links import SENTENCE, DocumentAlignment

# suffix -> (module, function). Imported on first use, so that writing JSONL
# never loads openpyxl.
_WRITERS: dict[str, tuple[str, str]] = {
    ".jsonl": ("aligner.export.lines", "write_jsonl"),
    ".tsv": ("aligner.export.lines", "write_tsv"),
    ".tmx": ("aligner.export.tmx", "write_tmx"),
    ".xlsx": ("aligner.export.xlsx", "write_xlsx"),
    ".html": ("aligner.export.html", "write_html"),
}

SUPPORTED_SUFFIXES = tuple(_WRITERS)

Writer = Callable[[Sequence[DocumentAlignment], tuple[str, ...], Path], None]


def write_alignments(
    alignments: Sequence[DocumentAlignment],
    path: str | Path,
    *,
    levels: Sequence[str] = (SENTENCE,),
) -> Path:
    """Write the links of the given levels to path, in the format its suffix names.

    Levels are written paragraph first, then sentence, document by document.
    An existing file at path is replaced only once the new one is complete;
    if anything fails, it is left untouched and no partial file remains.
    TMX holds translation units only, so it leaves out links with an empty
    side (omissions, documents without an English original). Returns the
    path written.
    """
    path = Path(path)
    alignments = tuple(alignments)  # some writers read them twice
    writer = _writer_for(path)
    try:
        chosen_levels = ordered_levels(levels)
    except ValueError as error:
        raise OutputFormatError(f"{path}: {error}") from None
    if path.is_dir():
        raise OutputWriteError(f"{path} is a folder: give a file name ending in {path.suffix or '.xlsx'}")
    write_atomically(path, lambda temporary: writer(alignments, chosen_levels, temporary))
    return path


def _writer_for(path: Path) -> Writer:
    suffix = path.suffix.lower()
    if suffix not in _WRITERS:
        shown = f"'{path.suffix}'" if path.suffix else "no suffix"
        raise OutputFormatError(
            f"{path}: cannot write {shown}; use one of {' '.join(SUPPORTED_SUFFIXES)}"
        )
    module_name, function_name = _WRITERS[suffix]
    return getattr(importlib.import_module(module_name), function_name)


