"""A review workbook: a Summary sheet, then one sheet per document pair.

Every text cell passes through neutralise_cell, so a sentence such as
"=SUM(A1)" or "- la Mission" stays text in any spreadsheet program.
"""

from __future__ import annotations

import errno
import gc
import io
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from lxml.etree import SerialisationError
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from aligner.export.print_layout import fit_row_heights, set_print_layout
from aligner.export.rows import HIGH, LOW, MEDIUM, confidence_band, document_rows
from aligner.align.links import DocumentAlignment
from aligner.export.safe_text import neutralise_cell

SUMMARY_SHEET = "Summary"
NO_ORIGINAL_LABEL = "(no English original)"

# Excel's rules for sheet names: at most 31 characters, none of []:*?/\,
# not starting or ending with an apostrophe, unique ignoring case, and
# "History" is reserved.
MAX_SHEET_NAME = 31
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_RESERVED_SHEET_NAMES = {"history"}

# Column widths in Excel's character units: wide text columns so that a
# sentence reads on two or three lines.
TEXT_WIDTH = 70
WIDTHS = {"#": 6, "Level": 11, "French": TEXT_WIDTH, "English": TEXT_WIDTH, "Score": 8, "Flags": 24, "Status": 11}
SUMMARY_WIDTHS = (40, 40, 18, 18, 8, 14)

# Excel's specification limit for one cell; longer text makes Excel "repair"
# the workbook on opening. Only an unsplit whole document comes near it.
EXCEL_CELL_LIMIT = 32_767
TRUNCATION_MARK = " [...]"

SCORE_FORMAT = "0.00"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
# Excel's own "bad" and "neutral" conditional-format colours.
BAND_FILLS = {LOW: PatternFill("solid", fgColor="FFC7CE"), MEDIUM: PatternFill("solid", fgColor="FFEB9C")}
WRAPPED = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
_COLUMN_KINDS = {"French": "text", "English": "text", "Flags": "text", "Score": "score"}


def cell_text(text: str) -> str:
    """Text as a spreadsheet cell: neutralised, cut to what Excel can hold."""
    text = neutralise_cell(text)
    if len(text) > EXCEL_CELL_LIMIT:
        return text[: EXCEL_CELL_LIMIT - len(TRUNCATION_MARK)] + TRUNCATION_MARK
    return text


def sheet_name_for(fr_doc: str, taken: set[str]) -> str:
    """A legal, unused sheet name from the French file name; records it in taken (lower case)."""
    stem = re.split(r"[/\\]", fr_doc)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem[1:] else stem
    base = _SHEET_NAME_FORBIDDEN.sub("_", stem).strip().strip("'").strip() or "Document"
    if base.lower() in _RESERVED_SHEET_NAMES:
        base = f"{base}_"
    name = base[:MAX_SHEET_NAME]
    counter = 2
    while name.lower() in taken:
        suffix = f" ({counter})"
        name = base[: MAX_SHEET_NAME - len(suffix)].rstrip().rstrip("'") + suffix
        counter += 1
    taken.add(name.lower())
    return name


def _write_header(sheet: Worksheet, headers: Sequence[str], widths: Sequence[float]) -> None:
    sheet.append(list(headers))
    for column, (cell, width) in enumerate(zip(sheet[1], widths), start=1):
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"


def _finish_table(sheet: Worksheet, column_count: int, wrapped_columns: dict[int, float] | None = None) -> None:
    last = max(sheet.max_row, 2)  # an empty table still gets a working filter
    sheet.auto_filter.ref = f"A1:{get_column_letter(column_count)}{last}"
    set_print_layout(sheet)
    if wrapped_columns:
        fit_row_heights(sheet, wrapped_columns)


def _row_styles(workbook: Workbook) -> dict[tuple[str, str], str]:
    """Register one named style per (column kind, confidence band).

    One named style per cell is several times faster in openpyxl than setting
    alignment, fill and number format cell by cell.
    """
    names: dict[tuple[str, str], str] = {}
    for band in (HIGH, MEDIUM, LOW):
        for kind in ("plain", "text", "score"):
            style = NamedStyle(name=f"paxterm {kind} {band}")
            style.alignment = WRAPPED if kind == "text" else TOP
            if kind == "score":
                style.number_format = SCORE_FORMAT
            if band in BAND_FILLS:
                style.fill = BAND_FILLS[band]
            workbook.add_named_style(style)
            names[kind, band] = style.name
    return names


def _document_sheet(
    sheet: Worksheet, alignment: DocumentAlignment, levels: tuple[str, ...], styles: dict[tuple[str, str], str]
) -> int:
    """Fill one document's sheet; returns the number of flagged links written."""
    headers = ["#"] + (["Level"] if len(levels) > 1 else []) + ["French", "English", "Score", "Flags", "Status"]
    kinds = [_COLUMN_KINDS.get(header, "plain") for header in headers]
    _write_header(sheet, headers, [WIDTHS[header] for header in headers])
    flagged = 0
    for row_number, row in enumerate(document_rows(alignment, levels), start=2):
        link = row.link
        flagged += bool(link.flags)
        values: list[object] = [row.number]
        if len(levels) > 1:
            values.append(cell_text(link.level))
        values += [
            cell_text(link.fr),
            cell_text(link.en),
            round(float(link.score), 4),
            cell_text(", ".join(link.flags)),
            cell_text(link.status),
        ]
        band = confidence_band(link)
        for column, (value, kind) in enumerate(zip(values, kinds), start=1):
            sheet.cell(row=row_number, column=column, value=value).style = styles[kind, band]
    wrapped = {column: WIDTHS[header] for column, (header, kind) in enumerate(zip(headers, kinds), start=1)
               if kind == "text"}
    _finish_table(sheet, len(headers), wrapped)
    return flagged


def write_xlsx(alignments: Sequence[DocumentAlignment], levels: tuple[str, ...], path: Path) -> None:
    workbook = Workbook()
    summary = workbook.active
    summary.title = SUMMARY_SHEET
    _write_header(
        summary,
        ["French document", "English document", "French symbol", "English symbol", "Links", "Flagged links"],
        SUMMARY_WIDTHS,
    )
    taken = {SUMMARY_SHEET.lower()}
    styles = _row_styles(workbook)
    for alignment in alignments:
        name = sheet_name_for(alignment.fr_doc, taken)
        links = sum(len(alignment.links(level)) for level in levels)
        flagged = _document_sheet(workbook.create_sheet(name), alignment, levels, styles)
        summary.append(
            [
                cell_text(alignment.fr_doc),
                cell_text(alignment.en_doc or NO_ORIGINAL_LABEL),
                cell_text(alignment.fr_symbol or ""),
                cell_text(alignment.en_symbol or ""),
                links,
                flagged,
            ]
        )
        # The French document's name links to its sheet.
        cell = summary.cell(row=summary.max_row, column=1)
        quoted = name.replace("'", "''")
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!A1")
        cell.style = "Hyperlink"
    _finish_table(summary, len(SUMMARY_WIDTHS))
    save_workbook(workbook, path)


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Save a workbook so that a full disk is one plain OSError, and nothing else is printed.

    openpyxl writing straight to a file leaves its zip archive open when a write
    fails, and the archive's destructor then prints a second traceback at exit;
    the zipped workbook is small (a few MB), so it is built in memory first.
    """
    buffer = io.BytesIO()
    code = _build_workbook(workbook, buffer)
    if code is not None:
        raise OSError(code, f"{os.strerror(code)} (in the temporary folder)")
    with open(path, "wb") as stream:
        stream.write(buffer.getbuffer())


def _build_workbook(workbook: Workbook, buffer: io.BytesIO) -> int | None:
    """Save into buffer; on failure the errno of the failed write, else None."""
    # openpyxl writes each sheet to a file in the temporary folder first. When
    # that write fails, its half-closed sheet writers fail again as they are
    # collected and Python prints those as "Exception ignored" tracebacks:
    # they are the same failure, reported once by the caller.
    previous_hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        try:
            workbook.save(buffer)
        except SerialisationError as failure:
            # lxml names the failed call ("IO_ENOSPC"): give it back its errno.
            return getattr(errno, str(failure).removeprefix("IO_"), errno.EIO)
        finally:
            gc.collect()
    finally:
        sys.unraisablehook = previous_hook
    return None
