"""Paragraphs of a PDF from where its text sits on the page.

A PDF holds no paragraphs, only text runs placed on pages. pypdf reports each
run with its position and font; this module groups the runs into lines, reads
a two-column page left column first, drops the running heads and footers that
repeat at the top or bottom of most pages, and cuts the lines into paragraphs
where the vertical gap grows, the first line is indented or the font changes
(a heading in bold or a larger size). A word hyphenated at a line end is
joined again when the joined word is a word ("main-" "tien" -> "maintien"),
while a real compound keeps its hyphen ("pays-" "hôtes" -> "pays-hôtes").
A footnote call (a number set smaller and raised above its line) is dropped,
as a Word document's text holds no footnote reference marks: "résolution
2719 (2023)12 du Conseil" reads as its .docx does, not as "2719 (2023) 12",
a figure for the number flags and the term extractor. An exponent after a
unit keeps its place ("2 000 m2"). The footnotes themselves, the lines at
the foot of a page in a smaller font than the body and opening on their
number ("12 Voir S/2023/123."), are dropped too: a Word document's body
text, which the .docx reader reads, holds none.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from aligner.read.cleanup import is_noise_line
from aligner.read.hyphenation import dehyphenate, word_counts

# Runs on the same baseline within this share of the font size belong to one
# line (sub/superscripts and rounding move a run by a point or two).
SAME_LINE_TOLERANCE = 0.4
# A horizontal gap over this many font sizes between two runs on one baseline
# separates two columns, not two words (a word space is about a third of that).
COLUMN_GAP_EMS = 2.0
# Average glyph width as a share of the font size, for a line's right end when
# the PDF gives only its start: Helvetica/Times text averages 0.45-0.55.
GLYPH_WIDTH_EMS = 0.5
# A gap between lines over this multiple of the page's usual line spacing ends
# a paragraph: paragraph spacing is half a line or more, wrapped lines differ by
# rounding only.
PARAGRAPH_GAP_RATIO = 1.3
# A line starting this many font sizes right of its column's left edge opens a
# paragraph (a first-line indent is 1-3 ems; justified lines start flush).
INDENT_EMS = 1.0
# A line shorter than this share of its column's longest line, ending with
# final punctuation, closes its paragraph (the last line of a justified
# paragraph is short); measured on UN PDFs, full lines reach 0.9 or more.
SHORT_LINE_RATIO = 0.8
# A page reads as two columns when this many of its lines, and this share at
# least, start right of its middle (a right-aligned signature is one or two lines).
MIN_COLUMN_LINES = 3
MIN_COLUMN_SHARE = 0.2
# A font this much larger than the body text marks a heading.
HEADING_SIZE_RATIO = 1.1
# A heading holds at most this many lines; longer bold runs are emphasis.
MAX_HEADING_LINES = 3
# A line at the top or bottom of a page repeated (digits aside) on at least
# this share of the pages is a running head or footer; two pages at least.
RUNNING_SHARE = 0.5
MIN_RUNNING_PAGES = 2

# A footnote call: at most FOOTNOTE_CALL_DIGITS digits in a font at most
# FOOTNOTE_CALL_SIZE times its line's, its baseline raised by at least
# FOOTNOTE_CALL_RISE of the line's font size (Word sets calls at 0.65 size,
# raised by a third).
FOOTNOTE_CALL_DIGITS = 3
FOOTNOTE_CALL_SIZE = 0.8
FOOTNOTE_CALL_RISE = 0.15
# Units whose exponents are set the same way ("m2", "km2", "m3").
_UNIT_BEFORE = re.compile(r"(?<![^\W\d_])(?:m|cm|mm|km|ha|ft|in)$")
_FOOTNOTE_CALL = re.compile(rf"\d{{1,{FOOTNOTE_CALL_DIGITS}}}")
# Footnote lines are set at most this share of the body font size (Word: 8 or
# 9 points under 10 to 12).
FOOTNOTE_SIZE = 0.9
_FOOTNOTE_START = re.compile(rf"\d{{1,{FOOTNOTE_CALL_DIGITS}}}\s+\S")  # its number, as its call
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_FINAL_PUNCTUATION = re.compile(r"[.!?…:;,][\"'»”’)\]]*$")
_ENDS_PARAGRAPH = re.compile(r"[.!?…:»\"”)]\s*$")
_DIGITS = re.compile(r"\d+")
# A page number printed alone: "3", "- 3 -", "Page 3", "3/12" (one page suffices to tell).
_PAGE_NUMBER = re.compile(r"\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\(?[a-z]{1,4}\)\s")


@dataclass(frozen=True)
class Run:
    """A piece of text the PDF places at one point, in one font."""

    text: str
    x: float
    y: float  # the baseline, counted up from the page bottom as PDF does
    size: float
    bold: bool


@dataclass(frozen=True)
class Line:
    text: str
    x: float
    y: float
    size: float
    bold: bool

    @property
    def right(self) -> float:
        return self.x + len(self.text) * self.size * GLYPH_WIDTH_EMS


@dataclass(frozen=True)
class LayoutBlock:
    """A paragraph guessed from the layout, and whether it looks like a heading."""

    lines: tuple[str, ...]
    heading: bool


def page_runs(page: object) -> list[Run]:
    """The text runs of a pypdf page, with their page positions and fonts."""
    runs: list[Run] = []
    # Positions count from the page box's left edge, so that the page middle is width / 2.
    left = float(page.mediabox.left)  # type: ignore[attr-defined]

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], font: object, size: float) -> None:
        if not text.strip():
            return
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4] - left
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or 1.0
        name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
        for piece in text.split("\n"):
            if piece.strip():
                runs.append(Run(piece, x, y, size * scale, bool(_BOLD_FONT.search(name))))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return runs


def lines_of(runs: Sequence[Run], width: float) -> list[Line]:
    """Runs grouped into lines, top to bottom and left to right; a wide gap or the page middle splits columns."""
    lines: list[Line] = []
    ordered = sorted(runs, key=lambda run: (-run.y, run.x))
    group: list[Run] = []
    for run in ordered:
        # The larger font sets the tolerance: a footnote call raised 3 points above
        # 10-point text stays on its line.
        if group and abs(group[0].y - run.y) > SAME_LINE_TOLERANCE * max(run.size, group[0].size, 1.0):
            lines.extend(_split_columns(group, width / 2))
            group = []
        group.append(run)
    if group:
        lines.extend(_split_columns(group, width / 2))
    return lines


def _split_columns(group: list[Run], middle: float) -> list[Line]:
    group.sort(key=lambda run: run.x)
    parts: list[list[Run]] = [[group[0]]]
    for run in group[1:]:
        last = parts[-1][-1]
        end = last.x + len(last.text) * last.size * GLYPH_WIDTH_EMS
        # The estimated end may overshoot the gutter: a run starting past the
        # middle after one starting before it opens the right column too.
        if run.x - end > COLUMN_GAP_EMS * run.size or (run.x >= middle > parts[-1][0].x):
            parts.append([run])
        else:
            parts[-1].append(run)
    lines = []
    for part in parts:
        main = max(part, key=lambda run: (run.size, len(run.text)))  # its baseline, not a superscript's
        text = ""
        for run in part:
            if text and _is_footnote_call(run, main, text):
                continue
            glue = "" if not text or text.endswith(" ") or run.text.startswith(" ") else " "
            text += glue + run.text
        text = " ".join(text.split())
        letters = sum(len(run.text) for run in part)
        bold = sum(len(run.text) for run in part if run.bold) > letters / 2
        lines.append(Line(text, part[0].x, main.y, main.size, bold))
    return lines


def _is_footnote_call(run: Run, main: Run, before: str) -> bool:
    """A small raised number after some text of its line, not a unit's exponent."""
    return (run.size <= FOOTNOTE_CALL_SIZE * main.size and run.y - main.y >= FOOTNOTE_CALL_RISE * main.size
            and _FOOTNOTE_CALL.fullmatch(run.text.strip()) is not None
            and _UNIT_BEFORE.search(before.rstrip()) is None)


def drop_running_lines(pages: Sequence[list[Line]]) -> list[list[Line]]:
    """Pages without the lines that repeat at their top or bottom (running heads, page numbers)."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_running_key(line) for line in _edge_lines(page)})
    needed = max(MIN_RUNNING_PAGES, RUNNING_SHARE * len(pages))
    repeated = {key for key, count in counts.items() if count >= needed}
    # UN running heads ("A/79/923", "2/4 25-08590") are left to cleanup, which
    # drops them too and reads the document's symbols from them.

    kept = []
    for page in pages:
        edges = {
            id(line)
            for line in _edge_lines(page)
            if (_running_key(line) in repeated or _PAGE_NUMBER.fullmatch(line.text)) and not is_noise_line(line.text)
        }
        kept.append([line for line in page if id(line) not in edges])
    return kept


def _edge_lines(page: Sequence[Line]) -> list[Line]:
    """The lines on the page's topmost and bottommost baselines."""
    if not page:
        return []
    top, bottom = max(line.y for line in page), min(line.y for line in page)
    return [line for line in page if line.y in (top, bottom)]


def _running_key(line: Line) -> str:
    # Page numbers change from page to page: "Page 3", "3/12" and "A/79/923 - 4" repeat digits aside.
    return _DIGITS.sub("#", line.text.strip().lower())


def reading_order(page: Sequence[Line], width: float) -> list[Line]:
    """A page's lines in reading order: a two-column stretch reads left column, then right.

    A page has two columns when a good share of its lines start right of the
    middle; a line that starts left and reaches well into the right column
    spans both (a title) and ends the column stretch above it.
    """
    middle = width / 2
    right_lines = [line for line in page if line.x >= middle]
    if len(right_lines) < max(MIN_COLUMN_LINES, MIN_COLUMN_SHARE * len(page)):
        return list(page)
    right_start = min(line.x for line in right_lines)
    left_start = min(line.x for line in page)
    spanning = right_start + (right_start - left_start) / 2
    ordered: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in page:
        if line.x >= middle:
            right.append(line)
        elif line.right <= spanning:
            left.append(line)
        else:
            ordered += left + right + [line]
            left, right = [], []
    return ordered + left + right


def paragraphs(
    lines: Sequence[Line], body_size: float, width: float, vocabulary: Counter[str] | None = None
) -> list[LayoutBlock]:
    """Lines of one page, in reading order, cut into paragraphs (`vocabulary`: the document's words)."""
    spacing = _line_spacing(lines)
    longest = {
        side: max((len(line.text) for line in lines if (line.x >= width / 2) == side), default=0)
        for side in (False, True)
    }
    blocks: list[list[Line]] = []
    closed = False
    for line in lines:
        # A short line ending with a colon, then a lowercase one, is a sentence going on
        # in a narrow column ("... operations:" "strengthening ..."), unless a list item ("a) ...").
        goes_on = not closed or (line.text[:1].islower() and not _LIST_ITEM.match(line.text))
        if blocks and goes_on and not _starts_paragraph(blocks[-1], line, spacing, body_size):
            blocks[-1].append(line)
        else:
            blocks.append([line])
        # Headings end at the font change, not at a short line ("... la paix :" "renforcement ...").
        closed = not _is_heading_line(line, body_size) and bool(_ENDS_PARAGRAPH.search(line.text)) and (
            len(line.text) < SHORT_LINE_RATIO * longest[line.x >= width / 2]
        )
    return [_layout_block(block, body_size, vocabulary) for block in blocks]


def _line_spacing(lines: Sequence[Line]) -> float:
    gaps = [
        before.y - after.y
        for before, after in itertools.pairwise(lines)
        if 0 < before.y - after.y and abs(before.x - after.x) < before.size * 20
    ]
    return statistics.median(gaps) if gaps else 0.0


def _starts_paragraph(block: list[Line], line: Line, spacing: float, body_size: float) -> bool:
    previous = block[-1]
    gap = previous.y - line.y
    if abs(gap) < SAME_LINE_TOLERANCE:
        return False  # the other half of a line cut at the page middle
    if gap < 0:  # the next column: the paragraph goes on there when its sentence does
        return bool(_ENDS_PARAGRAPH.search(previous.text)) or not line.text[:1].islower()
    if spacing and gap > PARAGRAPH_GAP_RATIO * spacing:
        return True  # paragraph spacing
    if _is_heading_line(previous, body_size) != _is_heading_line(line, body_size):
        return True
    # A first-line indent: this line starts right of a continuation line (a
    # hanging indent moves the second line right, so the first pair is exempt).
    return len(block) > 1 and line.x - previous.x > INDENT_EMS * line.size


def _is_heading_line(line: Line, body_size: float) -> bool:
    return line.bold or line.size > HEADING_SIZE_RATIO * body_size


def document_vocabulary(pages: Sequence[Sequence[Line]]) -> Counter[str]:
    """How often each word, hyphenated compounds whole, occurs inside the document's lines.

    A word cut at a line end is counted in halves, so only its other occurrences count.
    """
    return word_counts(line.text for page in pages for line in page)


def _layout_block(block: list[Line], body_size: float, vocabulary: Counter[str] | None = None) -> LayoutBlock:
    heading = (
        len(block) <= MAX_HEADING_LINES
        and all(_is_heading_line(line, body_size) for line in block)
        and not _FINAL_PUNCTUATION.search(block[-1].text)
    )
    texts: list[str] = []
    for line in block:
        if texts and (joined := dehyphenate(texts[-1], line.text, vocabulary)) is not None:
            texts[-1] = joined
        else:
            texts.append(line.text)
    return LayoutBlock(tuple(texts), heading)


def body_font_size(pages: Sequence[Sequence[Line]]) -> float:
    """The font size of most of the document's text (weighted by characters)."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def drop_footnotes(page: Sequence[Line], body_size: float) -> list[Line]:
    """A page's lines without its footnotes: the small-font lines at its foot, from one opening on a number."""
    kept = list(page)
    foot = len(kept)
    while foot > 0 and kept[foot - 1].size <= FOOTNOTE_SIZE * body_size:
        foot -= 1
    # Under body text, and less of the page than the body: a page of small print (an annex, a table) stays.
    if foot == 0 or len(kept) - foot > foot:
        return kept
    starts = [k for k in range(foot, len(kept)) if _FOOTNOTE_START.match(kept[k].text)]
    return kept[:starts[0]] if starts else kept


def layout_pages(pages: Sequence[tuple[list[Run], float]]) -> list[list[LayoutBlock]]:
    """The paragraphs of each page, from its runs and its width."""
    lined = drop_running_lines([lines_of(runs, width) for runs, width in pages])
    body = body_font_size(lined)
    lined = [drop_footnotes(lines, body) for lines in lined]
    ordered = [reading_order(lines, width) for lines, (_, width) in zip(lined, pages)]
    vocabulary = document_vocabulary(ordered)
    return [paragraphs(lines, body, width, vocabulary) for lines, (_, width) in zip(ordered, pages)]
