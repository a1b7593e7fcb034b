"""Term bases as CSV: one entry per row under a fixed header, UTF-8 with a byte-order mark.

The header is `id,fr,en,fr_variants,en_variants,pos,fr_frequency,en_frequency,
confidence,status,fr_context,en_context,sources`, followed by `revision` when
the term base carries a revision stamp (the same stamp on every row, so that
an import can tell an old export); variants and sources are joined with " | ".
The format is deliberately lossy: an entry's label and note, and the term
base's corpus, model and date, have no column and read back as their defaults
("term", "", ""). Text is neutralised against formula injection, and the file
starts with a UTF-8 byte-order mark, because CSV files are mostly opened in
Excel, which reads a CSV without one in the machine's legacy code page
("opÃ©ration" for "opération").

Reading accepts a UTF-8 byte-order mark, semicolon- or tab-separated files (as
French Excel saves them), the XLSX header names, and files holding only some
columns, as long as there are `fr` and `en` columns.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from glossary.termbase import MalformedTermBaseError, TermBase, atomic_output
from glossary.io.table import CSV_FIELDS, entry_to_cells, find_columns, rows_to_termbase

_DELIMITERS = (",", ";", "\t")
REVISION_COLUMN = "revision"


def write_csv(termbase: TermBase, path: Path) -> Path:
    """Write `termbase` as UTF-8 CSV to `path`, atomically."""
    stamp = [termbase.revision] if termbase.revision else []
    with atomic_output(path) as temporary:
        with temporary.open("w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\r\n")
            writer.writerow([*CSV_FIELDS, *([REVISION_COLUMN] if stamp else [])])
            for entry in termbase.entries:
                cells = entry_to_cells(entry)
                writer.writerow([*(cells[field] for field in CSV_FIELDS), *stamp])
    return path


def read_csv(path: Path) -> TermBase:
    """Read a CSV term base; MalformedTermBaseError names the file and the problem."""
    raw = path.read_bytes()
    if not raw.strip():
        raise MalformedTermBaseError(f"{path}: the file is empty; a term base CSV starts with the header {','.join(CSV_FIELDS)}")
    if b"\x00" in raw:
        raise MalformedTermBaseError(f"{path}: this is a binary file, not a CSV; export the term base as CSV (UTF-8)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MalformedTermBaseError(f"{path}: the file is not UTF-8; save it again as 'CSV UTF-8'") from None
    header_line = text.splitlines()[0]
    delimiter = max(_DELIMITERS, key=header_line.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error as error:
        raise MalformedTermBaseError(f"{path}: not a readable CSV ({error}); check its quotes") from None
    positions = find_columns(rows[0], str(path))
    numbered = ((number, row) for number, row in enumerate(rows[1:], start=2))
    return rows_to_termbase(numbered, positions, str(path), revision=_revision(rows))


def _revision(rows: list[list[str]]) -> str:
    """The revision stamp of the first row that has one ("" without a revision column)."""
    header = [name.strip().lower() for name in rows[0]]
    if REVISION_COLUMN not in header:
        return ""
    position = header.index(REVISION_COLUMN)
    return next((row[position].strip() for row in rows[1:] if len(row) > position and row[position].strip()), "")
