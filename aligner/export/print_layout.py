"""Page setup and row heights that let a review workbook print and open readably.

openpyxl writes no row heights, and LibreOffice (unlike Excel) does not grow a
row to fit its wrapped text when it opens such a file: long sentences then
overlap the rows below. So every row that holds wrapped text gets an explicit
height, estimated from its longest cell and its column's width. The print
setup is landscape, one page wide (as many pages long as needed), with the
header row repeated on every page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

# Height of one line of 11-point Calibri, the default font, in points (Excel's
# and LibreOffice's default row height).
LINE_HEIGHT_POINTS = 15.0
# Excel refuses taller rows (its specification limit).
MAX_ROW_HEIGHT_POINTS = 409.0
# Characters of running text per unit of column width: a width unit is one "0"
# of the default font, and prose averages slightly narrower glyphs; 1.0 errs
# on the tall side, which wastes a little paper rather than hiding text.
CHARACTERS_PER_WIDTH_UNIT = 1.0
# Page margins in inches: Excel's "Narrow" preset, to leave the text columns room.
NARROW_MARGINS = {"left": 0.25, "right": 0.25, "top": 0.75, "bottom": 0.75, "header": 0.3, "footer": 0.3}


def set_print_layout(sheet: Worksheet, *, header_rows: int = 1) -> None:
    """Landscape, fit to one page wide, header rows repeated, narrow margins, page numbers."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages long as the rows need
    if sheet.sheet_properties.pageSetUpPr is None:
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties()
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows:
        sheet.print_title_rows = f"1:{header_rows}"
    for side, inches in NARROW_MARGINS.items():
        setattr(sheet.page_margins, side, inches)
    sheet.print_options.gridLines = True
    sheet.oddFooter.center.text = "&P / &N"


def lines_needed(text: str, width: float) -> int:
    """Lines `text` takes when wrapped in a column `width` units wide (at least 1)."""
    per_line = max(1, int(width * CHARACTERS_PER_WIDTH_UNIT))
    return max(1, sum(max(1, math.ceil(len(paragraph) / per_line)) for paragraph in str(text).split("\n")))


def row_height(cells: Iterable[tuple[float, str]]) -> float:
    """The height in points a row needs for its wrapped cells, given as (column width, text)."""
    lines = max((lines_needed(text, width) for width, text in cells if text), default=1)
    return min(MAX_ROW_HEIGHT_POINTS, lines * LINE_HEIGHT_POINTS)


def fit_row_heights(sheet: Worksheet, wrapped_columns: Mapping[int, float], *, first_row: int = 2) -> None:
    """Give each row from `first_row` the height its wrapped cells need.

    `wrapped_columns` maps 1-based column numbers to their widths. Rows whose
    text fits on one line keep the default height.
    """
    for row_number, row in enumerate(sheet.iter_rows(min_row=first_row), start=first_row):
        pairs = [(wrapped_columns[cell.column], cell.value) for cell in row
                 if cell.column in wrapped_columns and isinstance(cell.value, str) and cell.value]
        height = row_height(pairs)
        if height > LINE_HEIGHT_POINTS:
            sheet.row_dimensions[row_number].height = height
