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
import os
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path

from aligner.errors import OutputFormatError, PaxtermError
from aligner.export_rows import ordered_levels
from aligner.links import SENTENCE, DocumentAlignment

# suffix -> (module, function). Imported on first use, so that writing JSONL
# never loads openpyxl.
_WRITERS: dict[str, tuple[str, str]] = {
    ".jsonl": ("aligner.export_lines", "write_jsonl"),
    ".tsv": ("aligner.export_lines", "write_tsv"),
    ".tmx": ("aligner.export_tmx", "write_tmx"),
    ".xlsx": ("aligner.export_xlsx", "write_xlsx"),
    ".html": ("aligner.export_html", "write_html"),
}

SUPPORTED_SUFFIXES = tuple(_WRITERS)

Writer = Callable[[Sequence[DocumentAlignment], tuple[str, ...], Path], None]


class OutputWriteError(PaxtermError):
    """The output file cannot be created: missing folder, no permission, disk full."""


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
    _write_atomically(path, lambda temporary: writer(alignments, chosen_levels, temporary))
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


def _write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Let write fill a new file beside path, then rename it over path.

    The temporary file sits in the same folder, so os.replace is a rename on
    one file system: readers see the old file or the new one, never half of
    one. It is created with os.open so that the umask sets its permissions,
    as it would for any file the user creates.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as error:
        raise OutputWriteError(
            f"cannot create {path}: {error.strerror}; check that the folder exists and is writable"
        ) from None
    try:
        write(temporary)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise OutputWriteError(f"cannot write {path}: {error.strerror or error}") from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
