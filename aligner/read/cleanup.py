"""UN layout noise out, paragraphs back together.

A UN document converted to text keeps traces of its printed pages: running
heads that are only the document symbol ("A/79/923"), page marks ("2/4
25-08590"), job numbers ("25-08590 (E)"), markdown left by converters
("**bold**", "## title", "---"). This module drops that noise, rejoins a
paragraph that a page break cut in two, and splits paragraph numbers and
headings off the text. It also finds the document's own symbol(s).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from aligner.read.hyphenation import dehyphenate
from aligner.read.model import Block, Paragraph

# A UN document symbol: an organ prefix and at least two slash-separated parts,
# e.g. A/79/923, S/2025/341, A/RES/75/1, E/CN.6/2020/3, A/C.5/79/L.1/Add.1.
_SYMBOL = r"(?<![\w/])[A-Z]{1,8}(?:/[A-Z0-9][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*){2,}(?![\w/])"
# A job number printed on every page: 25-08590, 25-08590 (E), 19-17889 (F) 241019 251019.
_JOB_NUMBER = r"\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6}){0,2}"
_PAGE_MARK = r"\d{1,4}/\d{1,4}"
_BARCODE = r"\*\d{7}\*"
_NOISE_ITEM = rf"(?:{_SYMBOL}|{_JOB_NUMBER}|{_PAGE_MARK}|{_BARCODE})"

SYMBOL_PATTERN = re.compile(_SYMBOL)
_RUNNING_HEAD = re.compile(rf"{_NOISE_ITEM}(?:\s*[-–—]?\s*{_NOISE_ITEM})*")
# The masthead of a document's first page: "United Nations A/79/923–S/2025/341".
_MASTHEAD = re.compile(rf"(?:United Nations|Nations Unies)\s+{_SYMBOL}(?:\s*[-–—]?\s*{_SYMBOL})*")
_RULE = re.compile(r"(?:-{3,}|\*{3,}|_{3,}|(?:- ){2,}-|(?:\* ){2,}\*)")
_RECYCLE = re.compile(r"(?:Please recycle|Merci de recycler)\s*♲?", re.IGNORECASE)
_ONLY_SYMBOLS = re.compile(rf"{_SYMBOL}(?:\s*[-–—]?\s*{_SYMBOL})*")

# The first lines of a document hold its masthead; a symbol there, on a short
# line, is the document's own even when other words share the line.
HEADER_LINES = 3
HEADER_LINE_MAX_CHARS = 60

# A one-line block without final punctuation up to this long is a title: UN
# headings and the long "Letter dated ... addressed to ..." titles of the sample
# corpus stay under 200 characters, while running text that long ends with a period.
MAX_TITLE_CHARS = 200
# A body paragraph this long that ends on a word is a sentence cut by the page,
# whatever case the next page starts with ("... par Alexandra" / "Novosseloff.");
# the bundled documents' unmarked headings are shorter.
MIN_CUT_PARAGRAPH_CHARS = 100
_ENDS_ON_WORD = re.compile(r"\w$")

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_WHOLLY_BOLD = re.compile(r"^\*\*(?:(?!\*\*).)+\*\*$")
_SPACES = re.compile(r"[ \t]+")
# Sentence-final: . ! ? … or a colon, optionally followed by closing quotes/brackets.
_ENDS_SENTENCE = re.compile(r"[.!?…:][\s\u00a0\u202f]*[\"'»”’)\]]*\s*$")
_ENDS_WITH_PUNCTUATION = re.compile(r"[.!?…:;,][\s\u00a0\u202f]*[\"'»”’)\]]*\s*$")
_PARAGRAPH_NUMBER = re.compile(
    r"^(?P<number>\d{1,3}(?:\.\d{1,3})*\.|[IVXLC]{1,6}\.|\([a-z]{1,4}\)|[a-z]\))\s+(?=\S)"
)


@dataclass
class _Piece:
    """A paragraph in the making: its lines, how the format marked it, and whether a page break precedes it."""

    lines: list[str]
    marked_heading: bool
    after_break: bool

    @property
    def raw(self) -> str:
        return _SPACES.sub(" ", " ".join(line.strip() for line in self.lines)).strip()


def is_noise_line(line: str) -> bool:
    """True for a running head, page mark, job number, masthead or horizontal rule."""
    stripped = line.strip()
    bare = stripped.strip("*#_ ").strip()
    if not bare:
        return bool(stripped)  # a line of markup only
    return any(
        pattern.fullmatch(bare) or pattern.fullmatch(stripped)
        for pattern in (_RUNNING_HEAD, _MASTHEAD, _RECYCLE)
    ) or bool(_RULE.fullmatch(stripped))


def clean_blocks(blocks: Sequence[Block]) -> tuple[Paragraph, ...]:
    """Paragraphs of a document read as blocks, with layout noise removed."""
    pieces = _pieces_without_noise(blocks)
    joined = _join_across_page_breaks(pieces)
    return tuple(_to_paragraph(piece) for piece in joined)


def find_symbols(lines: Iterable[str]) -> tuple[str, ...]:
    """The document's own symbols, in order: those of its masthead and running heads.

    A symbol quoted in running text ("resolution S/RES/2719 (2023)") is a
    reference to another document and is ignored.
    """
    found: list[str] = []
    non_empty = 0
    for line in lines:
        bare = line.strip().strip("*#_ ").strip()
        if not bare:
            continue
        non_empty += 1
        in_header = non_empty <= HEADER_LINES and len(bare) <= HEADER_LINE_MAX_CHARS
        if in_header or _ONLY_SYMBOLS.fullmatch(bare) or _MASTHEAD.fullmatch(bare):
            for symbol in SYMBOL_PATTERN.findall(bare):
                if symbol not in found:
                    found.append(symbol)
    return tuple(found)


def block_lines(blocks: Iterable[Block]) -> Iterable[str]:
    """Every line of the blocks, in reading order."""
    for block in blocks:
        yield from block.lines


def strip_markdown(text: str) -> str:
    """Text without markdown emphasis, heading marks and escapes."""
    text = _MARKDOWN_HEADING.sub("", text)
    text = _BOLD.sub(r"\1", text)
    text = _ITALIC.sub(r"\1", text)
    return _MARKDOWN_ESCAPE.sub(r"\1", text).strip()


def split_number(text: str) -> tuple[str | None, str]:
    """("1.", "Le 10 juillet...") from "1. Le 10 juillet..."; (None, text) when unnumbered."""
    match = _PARAGRAPH_NUMBER.match(text)
    if not match:
        return None, text
    return match.group("number"), text[match.end():]


def _pieces_without_noise(blocks: Sequence[Block]) -> list[_Piece]:
    pieces: list[_Piece] = []
    after_break = False
    for block in blocks:
        if block.page_break:
            after_break = True
            continue
        current: list[str] = []
        for line in block.lines:
            if is_noise_line(line):
                if current:
                    pieces.append(_Piece(current, block.heading, after_break))
                    after_break, current = False, []
                after_break = True
            elif line.strip():
                current.append(line)
        if current:
            pieces.append(_Piece(current, block.heading, after_break))
            after_break = False
    return pieces


def _join_across_page_breaks(pieces: list[_Piece]) -> list[_Piece]:
    """Rejoin paragraphs that a page break cut: the first part has no final
    punctuation and the second starts with a lowercase letter."""
    joined: list[_Piece] = []
    for piece in pieces:
        if joined and piece.after_break and _continues(joined[-1], piece):
            lines = joined[-1].lines
            # A word hyphenated at the page's last line: "the Fu-" / "ture." -> "the Future."
            if (word := dehyphenate(lines[-1].rstrip(), piece.lines[0].lstrip())) is not None:
                lines[-1] = word
                lines.extend(piece.lines[1:])
            else:
                lines.extend(piece.lines)
        else:
            joined.append(piece)
    return joined


def _continues(before: _Piece, after: _Piece) -> bool:
    if before.marked_heading or after.marked_heading or _markdown_heading(before.raw):
        return False
    before_text, after_text = strip_markdown(before.raw), strip_markdown(after.raw)
    if _ENDS_SENTENCE.search(before_text) or split_number(after_text)[0] is not None:
        return False
    if not after_text[:1].isalpha():
        return False
    if len(before_text) >= MIN_CUT_PARAGRAPH_CHARS and _ENDS_ON_WORD.search(before_text.rstrip()):
        return True
    return after_text[:1].islower()


def _markdown_heading(raw: str) -> bool:
    return bool(_MARKDOWN_HEADING.match(raw) or _WHOLLY_BOLD.match(raw))


def _to_paragraph(piece: _Piece) -> Paragraph:
    raw = piece.raw
    heading = piece.marked_heading or _markdown_heading(raw)
    number, text = split_number(strip_markdown(raw))
    if not heading and len(piece.lines) == 1:
        heading = _looks_like_title(text)
    return Paragraph(text=text, number=number, heading=heading)


def _looks_like_title(text: str) -> bool:
    return (
        len(text) <= MAX_TITLE_CHARS
        and not _ENDS_WITH_PUNCTUATION.search(text)
        and any(char.isalpha() for char in text)
        and (text[:1].isupper() or text[:1].isdigit())
    )
