"""A term entry as one row of cells, shared by the XLSX and CSV formats.

Both formats hold the same fields, one entry per row; this module turns an
entry into cell values and back, forgiving the edits a terminologist makes in a
spreadsheet (blank or capitalised statuses, "a|b" without spaces, decimal
commas) and refusing, with the row named, what it cannot interpret.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from aligner.export.safe_text import FORMULA_TRIGGERS, TEXT_MARKER, neutralise_cell
from glossary.termbase import (
    LABELS,
    MULTI_VALUE_SEPARATOR,
    MalformedTermBaseError,
    TermBase,
    TermBaseError,
    TermEntry,
    make_entry_id,
    normalise_pos,
    parse_status,
)

CellValue = str | int | float | None


@dataclass(frozen=True)
class Column:
    """One field of a term entry: its TermEntry attribute, CSV name and spreadsheet header."""

    field: str
    header: str
    width: float


# Order of the XLSX "Terms" sheet; the CSV writes the same fields under their
# attribute names (see CSV_FIELDS), except label and note.
COLUMNS = (
    Column("id", "id", 9),
    Column("fr", "French", 34),
    Column("en", "English", 34),
    Column("fr_variants", "French variants", 30),
    Column("en_variants", "English variants", 30),
    Column("pos", "POS", 11),
    Column("label", "Label", 13),
    Column("fr_frequency", "FR freq", 9),
    Column("en_frequency", "EN freq", 9),
    Column("confidence", "Confidence", 11),
    Column("status", "Status", 12),
    Column("fr_context", "French context", 60),
    Column("en_context", "English context", 60),
    Column("sources", "Sources", 22),
    Column("note", "Note", 30),
    # Last, so that the columns reviewers' macros and habits know keep their letters.
    Column("termhood", "Termhood", 11),
)

CSV_FIELDS = (
    "id", "fr", "en", "fr_variants", "en_variants", "pos", "fr_frequency", "en_frequency",
    "confidence", "status", "fr_context", "en_context", "sources", "termhood",
)

# Rows named in one "cannot be imported" message; the rest are counted.
MAX_ROWS_NAMED = 10

# Without these two a row is not a term entry; every other field has a default.
REQUIRED_FIELDS = ("fr", "en")
# Reviewed fields a table may lack: an import then keeps what the store holds (TermBase.unsaid).
UNSAID_WHEN_MISSING = ("status", "fr_variants", "en_variants", "pos")
# Headers of a sheet whose first row was translated into French, besides the English ones.
FRENCH_HEADERS = {"statut": "status", "français": "fr", "francais": "fr", "anglais": "en",
                  "variantes françaises": "fr_variants", "variantes anglaises": "en_variants"}

MULTI_VALUE_FIELDS = ("fr_variants", "en_variants", "sources")
INTEGER_FIELDS = ("fr_frequency", "en_frequency")

neutralise = neutralise_cell


def restore(text: str) -> str:
    """Undo `neutralise`: drop the apostrophe it puts before a formula trigger."""
    if text.startswith(TEXT_MARKER) and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def join_values(values: Iterable[str]) -> str:
    return MULTI_VALUE_SEPARATOR.join(values)


def split_values(cell: str) -> tuple[str, ...]:
    # Split on the bare bar so that hand-typed "a|b" and "a | b" both work.
    seen: dict[str, None] = {}
    for part in cell.split(MULTI_VALUE_SEPARATOR.strip()):
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return tuple(seen)


def entry_to_cells(entry: TermEntry) -> dict[str, CellValue]:
    """Cell values of `entry`, keyed by TermEntry attribute; text neutralised."""
    cells: dict[str, CellValue] = {}
    for column in COLUMNS:
        value = getattr(entry, column.field)
        if column.field in MULTI_VALUE_FIELDS:
            cells[column.field] = neutralise(join_values(value))
        elif isinstance(value, str):
            cells[column.field] = neutralise(value)
        else:
            cells[column.field] = value
    return cells


def find_columns(header: Sequence[CellValue], where: str) -> dict[str, int]:
    """Map TermEntry attributes to positions in `header`, which may use either naming.

    Raises MalformedTermBaseError naming the missing columns.
    """
    aliases: dict[str, str] = dict(FRENCH_HEADERS)
    for column in COLUMNS:
        aliases[column.field.lower()] = column.field
        aliases[column.header.lower()] = column.field
    positions: dict[str, int] = {}
    for position, name in enumerate(header):
        field = aliases.get(_text(name).lower())
        if field is not None and field not in positions:
            positions[field] = position
    missing = [field for field in REQUIRED_FIELDS if field not in positions]
    if missing:
        names = ", ".join(f"{field!r} ({_header_of(field)})" for field in missing)
        raise MalformedTermBaseError(
            f"{where}: missing column {names}; the first row must name the columns, e.g. {','.join(CSV_FIELDS)}"
        )
    return positions


def rows_to_termbase(
    rows: Iterable[tuple[int, Sequence[CellValue]]],
    positions: Mapping[str, int],
    where: str,
    corpus: str = "",
    model: str = "",
    created: str = "",
    revision: str = "",
    ranking: str = "",
) -> TermBase:
    """Build a term base from numbered rows of cells.

    Rows without a French or English term are skipped; entries without an id get
    the next free one of the file, marked unsaid (TermBase.unsaid) with a blank
    status and the reviewed fields the table has no column for. A row holding a value that cannot be read (an unknown
    status or label, a number that is not one) refuses the whole table, with
    every such row named: a reviewer's decision is never dropped silently.
    """
    parsed: list[tuple[int, dict[str, object]]] = []
    problems: list[tuple[int, str]] = []
    for row_number, cells in rows:
        try:
            fields = _parse_row(cells, positions)
        except TermBaseError as error:
            problems.append((row_number, str(error)))
            continue
        if fields is not None:
            parsed.append((row_number, fields))
    used_ids = {fields["id"] for _, fields in parsed if fields["id"]}
    next_number = 1
    entries: list[TermEntry] = []
    missing_columns = frozenset(field for field in UNSAID_WHEN_MISSING if field not in positions)
    unsaid: dict[str, frozenset[str]] = {}
    for row_number, fields in parsed:
        left = set(missing_columns)
        if fields.pop("status_blank"):
            left.add("status")
        if not fields["id"]:
            while make_entry_id(next_number) in used_ids:
                next_number += 1
            fields["id"] = make_entry_id(next_number)
            used_ids.add(fields["id"])
            left.add("id")
        if left:
            unsaid[str(fields["id"])] = frozenset(left)
        try:
            entries.append(TermEntry(**fields))  # type: ignore[arg-type]
        except TermBaseError as error:
            problems.append((row_number, str(error)))
    if problems:
        raise UnreadableRowsError(_problem_report(where, sorted(problems)))
    try:
        return TermBase(tuple(entries), corpus=corpus, model=model, created=created, revision=revision,
                        ranking=ranking, unsaid=unsaid)
    except TermBaseError as error:
        raise MalformedTermBaseError(f"{where}: {error}") from None


class UnreadableRowsError(MalformedTermBaseError):
    """Rows of a term base table hold values that cannot be imported; nothing is read."""


def _problem_report(where: str, problems: Sequence[tuple[int, str]]) -> str:
    named = "; ".join(f"row {number}: {problem}" for number, problem in problems[:MAX_ROWS_NAMED])
    more = len(problems) - MAX_ROWS_NAMED
    rows = "1 row" if len(problems) == 1 else f"{len(problems)} rows"
    return (f"{where}: {rows} cannot be imported, so nothing was imported: {named}"
            + (f"; and {more} more rows" if more > 0 else "")
            + "; correct these cells and import again")


def _parse_row(cells: Sequence[CellValue], positions: Mapping[str, int]) -> dict[str, object] | None:
    def cell(field: str) -> CellValue:
        position = positions.get(field)
        return cells[position] if position is not None and position < len(cells) else None

    fr, en = _text(cell("fr")), _text(cell("en"))
    if not fr and not en:
        return None
    status_text = _text(cell("status"))
    status = parse_status(status_text)
    label = " ".join(_text(cell("label")).lower().split()) or "term"
    if label not in LABELS:
        raise MalformedTermBaseError(f"label {_text(cell('label'))!r} is not one of {', '.join(LABELS)}")
    fields: dict[str, object] = {
        "id": _text(cell("id")),
        "fr": fr,
        "en": en,
        "fr_variants": tuple(v for v in split_values(_text(cell("fr_variants"))) if v != fr),
        "en_variants": tuple(v for v in split_values(_text(cell("en_variants"))) if v != en),
        "pos": normalise_pos(_text(cell("pos"))),
        "confidence": _number(cell("confidence"), "confidence"),
        "termhood": _number(cell("termhood"), "termhood"),
        "status": status,
        "status_blank": not status_text,
        "fr_context": _text(cell("fr_context")),
        "en_context": _text(cell("en_context")),
        "sources": split_values(_text(cell("sources"))),
        "label": label,
        "note": _text(cell("note")),
    }
    for field in INTEGER_FIELDS:
        fields[field] = _whole_number(cell(field), field)
    return fields


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return restore(str(value).strip())


def _number(value: CellValue, field: str) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0.0
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    try:
        # A French spreadsheet may write 0,85 for 0.85.
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        raise MalformedTermBaseError(f"{field} {value!r} is not a number; write a number such as 0.85") from None


def _whole_number(value: CellValue, field: str) -> int:
    number = _number(value, field)
    if not number.is_integer():
        raise MalformedTermBaseError(f"{field} {value!r} is not a whole number; write a count such as 12")
    return int(number)


def _header_of(field: str) -> str:
    return next(column.header for column in COLUMNS if column.field == field)
