"""Term bases as Excel workbooks a terminologist can review.

Four sheets: "Terms" (one entry per row, the sheet read back), "To review"
(the candidates not yet decided, those whose termhood is nearest one half
first: the decisions that teach the project's review model most),
"Variants" (one row per variant, for sorting and filtering forms) and
"About" (where the term base came from and what the columns and statuses
mean). Every text cell is
neutralised against formula injection and restored on reading.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from aligner.export.print_layout import fit_row_heights, set_print_layout
from aligner.export.xlsx import save_workbook
from glossary.rank.review import review_order
from glossary.termbase import (
    FRENCH_STATUS_WORDS,
    STATUSES,
    MalformedTermBaseError,
    TermBase,
    allowed_statuses,
    atomic_output,
)
from glossary.io.table import COLUMNS, entry_to_cells, find_columns, neutralise, restore, rows_to_termbase

TERMS_SHEET = "Terms"
TO_REVIEW_SHEET = "To review"
TO_REVIEW_WIDTHS = (8, 9, 40, 40, 11)
VARIANTS_SHEET = "Variants"
ABOUT_SHEET = "About"

# Keeps id and French term in view while scrolling right to the contexts.
FREEZE_CELL = "C2"
# Excel's last row: the Status drop-down also covers rows a reviewer adds.
LAST_EXCEL_ROW = 1_048_576

# Rows named in an error message; the count says how many there are in all.
_ROWS_NAMED = 10

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")  # UN-ish dark blue
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
# Long names ("Département de l'appui opérationnel du Secrétariat de l'ONU") wrap too.
_WRAPPED_FIELDS = ("fr", "en", "fr_context", "en_context", "fr_variants", "en_variants", "sources", "note")
VARIANTS_WIDTHS = (9, 10, 40, 40)
ABOUT_WIDTHS = (18, 90)

# About-sheet labels, also used to read the metadata back.
_ABOUT_CORPUS, _ABOUT_MODEL, _ABOUT_CREATED, _ABOUT_COUNT = "Corpus", "Embedding model", "Created", "Entries"
_ABOUT_REVISION, _ABOUT_RANKING = "Revision", "Ranking"
_ABOUT_METADATA = (_ABOUT_CORPUS, _ABOUT_MODEL, _ABOUT_CREATED, _ABOUT_REVISION, _ABOUT_RANKING)

_COLUMN_HELP = {
    "id": "Entry identifier; keep it stable when editing.",
    "fr": "Preferred French term (canonical, singular).",
    "en": "Preferred English term; empty for a French-only entry (no English original).",
    "fr_variants": "Other French forms or renderings seen, separated by ' | '.",
    "en_variants": "Other English forms or renderings seen, separated by ' | '.",
    "pos": "Part of speech: noun, properNoun, adjective, verb, adverb or other.",
    "label": "term, organization (a named body) or acronym.",
    "fr_frequency": "Occurrences of the French term and its variants in the corpus.",
    "en_frequency": "Occurrences of the English term and its variants in the corpus.",
    "confidence": "How sure paxterm is of the pair, from 0 (guess) to 1 (certain); shaded red to green.",
    "status": "Review status; choose from the drop-down (see below).",
    "fr_context": "A French sentence using the term.",
    "en_context": "The English sentence aligned with it.",
    "sources": "Documents the term occurs in, separated by ' | '.",
    "note": "Remarks, e.g. French only: no English original.",
    "termhood": "Estimated probability that a terminologist keeps the entry, from 0 to 1 (calibrated on "
                "annotated term lists); by default only entries above a threshold are written.",
}
_STATUS_HELP = {
    "candidate": "proposed by paxterm, not yet reviewed",
    "validated": "checked and approved by a terminologist",
    "rejected": "checked and refused (wrong pair or not a term)",
    "reference": "taken from a reference term base",
}


def write_xlsx(termbase: TermBase, path: Path) -> Path:
    """Write `termbase` as a styled workbook to `path`, atomically."""
    workbook = Workbook()
    terms = workbook.active
    terms.title = TERMS_SHEET
    _fill_terms(terms, termbase)
    _fill_to_review(workbook.create_sheet(TO_REVIEW_SHEET), termbase)
    _fill_variants(workbook.create_sheet(VARIANTS_SHEET), termbase)
    _fill_about(workbook.create_sheet(ABOUT_SHEET), termbase)
    with atomic_output(path) as temporary:
        save_workbook(workbook, temporary)
    return path


def _fill_terms(sheet: Worksheet, termbase: TermBase) -> None:
    sheet.append([column.header for column in COLUMNS])
    for entry in termbase.entries:
        cells = entry_to_cells(entry)
        sheet.append([cells[column.field] for column in COLUMNS])
    _style_header(sheet)
    last_row = len(termbase.entries) + 1
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        alignment = _WRAP_TOP if column.field in _WRAPPED_FIELDS else _TOP
        for (cell,) in sheet.iter_rows(min_row=2, max_row=last_row, min_col=index, max_col=index):
            cell.alignment = alignment
            if column.field in ("confidence", "termhood"):
                cell.number_format = "0.00"
    sheet.freeze_panes = FREEZE_CELL
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
    set_print_layout(sheet)
    fit_row_heights(sheet, {index: column.width for index, column in enumerate(COLUMNS, start=1)
                            if column.field in _WRAPPED_FIELDS})

    status_letter = _letter_of("status")
    statuses = DataValidation(
        type="list",
        formula1='"' + ",".join((*STATUSES, *FRENCH_STATUS_WORDS)) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Status",
        error="Choose one of: " + allowed_statuses(),
    )
    statuses.add(f"{status_letter}2:{status_letter}{LAST_EXCEL_ROW}")
    sheet.add_data_validation(statuses)

    if termbase.entries:
        confidence_letter = _letter_of("confidence")
        sheet.conditional_formatting.add(
            f"{confidence_letter}2:{confidence_letter}{last_row}",
            ColorScaleRule(
                start_type="num", start_value=0, start_color="F8696B",
                mid_type="num", mid_value=0.5, mid_color="FFEB84",
                end_type="num", end_value=1, end_color="63BE7B",
            ),
        )


def _fill_to_review(sheet: Worksheet, termbase: TermBase) -> None:
    sheet.append(["Order", "id", "French", "English", "Termhood"])
    undecided = [entry for entry in termbase.entries if entry.status == "candidate"]
    for number, index in enumerate(review_order([entry.termhood for entry in undecided]), start=1):
        entry = undecided[index]
        sheet.append([number, neutralise(entry.id), neutralise(entry.fr), neutralise(entry.en), entry.termhood])
    _style_header(sheet)
    for letter, width in zip("ABCDE", TO_REVIEW_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        row[2].alignment = row[3].alignment = _WRAP_TOP
        row[4].number_format = "0.00"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:E{max(sheet.max_row, 2)}"
    set_print_layout(sheet)
    fit_row_heights(sheet, {3: TO_REVIEW_WIDTHS[2], 4: TO_REVIEW_WIDTHS[3]})


def _fill_variants(sheet: Worksheet, termbase: TermBase) -> None:
    sheet.append(["id", "Language", "Variant", "Preferred term"])
    for entry in termbase.entries:
        for language, preferred, variants in (("fr", entry.fr, entry.fr_variants), ("en", entry.en, entry.en_variants)):
            for variant in variants:
                sheet.append([neutralise(entry.id), language, neutralise(variant), neutralise(preferred)])
    _style_header(sheet)
    for letter, width in zip("ABCD", VARIANTS_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row[2:]:
            cell.alignment = _WRAP_TOP
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:D{sheet.max_row}"
    set_print_layout(sheet)
    fit_row_heights(sheet, {3: VARIANTS_WIDTHS[2], 4: VARIANTS_WIDTHS[3]})


def _fill_about(sheet: Worksheet, termbase: TermBase) -> None:
    rows: list[list[str | int]] = [
        ["paxterm term base"],
        [_ABOUT_CORPUS, neutralise(termbase.corpus)],
        [_ABOUT_MODEL, neutralise(termbase.model)],
        [_ABOUT_CREATED, neutralise(termbase.created)],
        [_ABOUT_COUNT, len(termbase.entries)],
        [_ABOUT_REVISION, neutralise(termbase.revision)],
        [_ABOUT_RANKING, neutralise(termbase.ranking)],
        [],
        ["Column", "Meaning"],
        *([column.header, _COLUMN_HELP[column.field]] for column in COLUMNS),
        [],
        ["Status", "Meaning"],
        *([status, _STATUS_HELP[status]] for status in STATUSES),
        [],
        ["Editing", "Only the Terms sheet is read back; edit statuses and terms there, not in To review or Variants."],
        ["To review", "Candidates not yet decided, least sure first: deciding these teaches paxterm most. "
                      "From 20 decisions on, the next run re-ranks the candidates from them."],
    ]
    for row in rows:
        sheet.append(row)
    sheet["A1"].font = Font(bold=True, size=14)
    for row in sheet.iter_rows():
        if row[0].value in ("Column", "Status", "Editing", "To review") or row[0].value in (
            *_ABOUT_METADATA, _ABOUT_COUNT,
        ):
            row[0].font = Font(bold=True)
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = ABOUT_WIDTHS
    for (cell,) in sheet.iter_rows(min_col=2, max_col=2):
        cell.alignment = _WRAP_TOP
    set_print_layout(sheet, header_rows=0)
    fit_row_heights(sheet, {2: ABOUT_WIDTHS[1]}, first_row=1)


def _style_header(sheet: Worksheet) -> None:
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center")


def _letter_of(field: str) -> str:
    return get_column_letter(next(i for i, column in enumerate(COLUMNS, start=1) if column.field == field))


def read_xlsx(path: Path) -> TermBase:
    """Read the "Terms" sheet (or the first sheet) of a workbook, with About's metadata.

    A formula cell counts with the value the spreadsheet program last computed
    for it. A formula nobody computed (a workbook written by a script, never
    opened in Excel) has no value: the file is refused with those rows named,
    rather than the rows being dropped or read as formula text.
    """
    if path.stat().st_size == 0:
        raise MalformedTermBaseError(f"{path}: the file is empty; export the term base again")
    formulas = _formula_cells(path)
    workbook = _open_workbook(path, data_only=True)
    try:
        sheet = _terms_sheet(workbook)
        where = f"{path}, sheet {sheet.title!r}"
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise MalformedTermBaseError(f"{path}: sheet {sheet.title!r} is empty; it needs a header row (id, French, English, ...)")
        positions = find_columns(header, where)
        numbered = list(enumerate(rows, start=2))
        metadata = _read_about(workbook[ABOUT_SHEET]) if ABOUT_SHEET in workbook.sheetnames else {}
    finally:
        workbook.close()
    _check_formulas_computed(numbered, header, formulas, where)
    return rows_to_termbase(
        numbered,
        positions,
        where,
        corpus=metadata.get(_ABOUT_CORPUS, ""),
        model=metadata.get(_ABOUT_MODEL, ""),
        created=metadata.get(_ABOUT_CREATED, ""),
        revision=metadata.get(_ABOUT_REVISION, ""),
        ranking=metadata.get(_ABOUT_RANKING, ""),
    )


def _open_workbook(path: Path, *, data_only: bool):
    try:
        return load_workbook(path, read_only=True, data_only=data_only)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise MalformedTermBaseError(f"{path}: not a readable .xlsx workbook; open it in Excel and save it as .xlsx") from None


def _terms_sheet(workbook) -> Worksheet:
    return workbook[TERMS_SHEET] if TERMS_SHEET in workbook.sheetnames else workbook.worksheets[0]


def _formula_cells(path: Path) -> dict[tuple[int, int], str]:
    """(row, column index) -> formula text of every formula cell of the terms sheet."""
    workbook = _open_workbook(path, data_only=False)
    try:
        return {
            (cell.row, cell.column - 1): str(cell.value)
            for row in _terms_sheet(workbook).iter_rows(min_row=2)
            for cell in row
            if getattr(cell, "data_type", None) == "f"
        }
    finally:
        workbook.close()


def _check_formulas_computed(numbered, header, formulas: dict[tuple[int, int], str], where: str) -> None:
    values = {row_number: cells for row_number, cells in numbered}
    uncomputed = [
        (row, column, formula) for (row, column), formula in sorted(formulas.items())
        if column >= len(values.get(row, ())) or values[row][column] is None
    ]
    if not uncomputed:
        return
    row, column, formula = uncomputed[0]
    name = header[column] if column < len(header) and header[column] else get_column_letter(column + 1)
    rows = sorted({row for row, _, _ in uncomputed})
    shown = ", ".join(str(number) for number in rows[:_ROWS_NAMED]) + (" ..." if len(rows) > _ROWS_NAMED else "")
    raise MalformedTermBaseError(
        f"{where}: {len(rows)} row(s) hold formulas with no computed value, so they cannot be read "
        f"(rows {shown}; row {row}, column {name}: {formula}); open the file in Excel or LibreOffice "
        "and save it so that the formulas are computed, or replace them by their text"
    )


def _read_about(sheet: Worksheet) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for row in sheet.iter_rows(max_row=12, max_col=2, values_only=True):
        if len(row) == 2 and row[0] in _ABOUT_METADATA:
            metadata[row[0]] = restore(str(row[1] or ""))
    return metadata
