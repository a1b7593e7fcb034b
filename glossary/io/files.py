"""Term base files: read or write one, the format chosen by the suffix (.xlsx, .csv, .tbx).

The formats live beside this module (xlsx_format, csv_format, tbx_format) and
are imported on first use; a written file is dated and carries no local path.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath, PureWindowsPath

from aligner.errors import TermBaseError
from glossary.termbase import SUFFIXES, TermBase, UnsupportedTermBaseFormatError


def write_termbase(termbase: TermBase, path: str | Path) -> Path:
    """Write `termbase` to `path` in the format its suffix names; returns the path.

    The file is written to a temporary name and renamed, so a failure never
    leaves a half-written term base behind.
    """
    path = Path(path)
    suffix = _checked_suffix(path)
    termbase = publishable(termbase)
    if suffix == ".xlsx":
        from glossary.io.xlsx_format import write_xlsx

        write_xlsx(termbase, path)
    elif suffix == ".csv":
        from glossary.io.csv_format import write_csv

        write_csv(termbase, path)
    else:
        from glossary.io.tbx_format import write_tbx

        write_tbx(termbase, path)
    return path


def publishable(termbase: TermBase) -> TermBase:
    """`termbase` as a file may carry it: dated, and without a local path of this machine.

    A term base without a creation date is dated today (UTC), the day it was
    written; a corpus given as an absolute path keeps only its folder name,
    since the file travels to people for whom /home/... means nothing.
    """
    created = termbase.created or datetime.now(timezone.utc).strftime("%Y-%m-%d")
    corpus = public_corpus_name(termbase.corpus)
    if (created, corpus) == (termbase.created, termbase.corpus):
        return termbase
    return replace(termbase, created=created, corpus=corpus)


_HOME = re.compile(r"^~[/\\]")


def public_corpus_name(corpus: str) -> str:
    """`corpus` without the machine's folders: an absolute or home path becomes its last part."""
    text = corpus.strip()
    for flavour in (PurePosixPath, PureWindowsPath):
        if flavour(text).is_absolute() or _HOME.match(text):
            parts = [part for part in re.split(r"[/\\]", text) if part and part != "~"]
            return parts[-1] if parts else ""
    return corpus


def read_termbase(path: str | Path) -> TermBase:
    """Read a term base from an .xlsx, .csv or .tbx file."""
    path = Path(path)
    suffix = _checked_suffix(path)
    if not path.is_file():
        raise TermBaseError(f"{path}: no such term base file; check the path")
    if suffix == ".xlsx":
        from glossary.io.xlsx_format import read_xlsx

        return read_xlsx(path)
    if suffix == ".csv":
        from glossary.io.csv_format import read_csv

        return read_csv(path)
    from glossary.io.tbx_format import read_tbx

    return read_tbx(path)


def _checked_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnsupportedTermBaseFormatError(
            f"{path}: cannot tell the term base format from suffix {path.suffix or '(none)'!r}; use .xlsx, .csv or .tbx"
        )
    return suffix
