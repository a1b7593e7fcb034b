"""File formats -> raw text blocks, before any UN-specific cleanup.

Each reader returns the file's text as Blocks: runs of lines that the format
itself keeps together (a blank-line-separated run of a text file, a Word
paragraph, an HTML <p>, a paragraph guessed from a PDF page), plus page-break
markers where the format knows page boundaries. Removing layout noise and
rejoining paragraphs cut by page breaks is aligner.read.cleanup's job.

Every problem a user can cause (missing, empty, binary, huge, damaged or
scanned file) raises InputFileError naming the file and saying what to do.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import zipfile
from pathlib import Path

from aligner.errors import InputFileError
from aligner.read.model import PAGE_BREAK, Block

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, ".docx", ".pdf", *HTML_SUFFIXES)

# Aligning a pair of documents holds about 90 bytes of memory per byte of
# text (a float32 vector per sentence and per paragraph, and the Python
# objects of every segment and link; benchmarks/bench_hostile.py case 4b:
# 12 MB a side peaks at 1.1 GB), so 16 MB a side keeps a pair under 2 GB.
# 16 MB of text is about 2.5 million words, 30 times the longest UN report;
# anything bigger is a concatenation that should be split.
MAX_TEXT_BYTES = 16 * 1024 * 1024
# .docx and .pdf files carry images and fonts besides their text, so the file
# itself may be larger; past this size pypdf/python-docx parsing alone takes minutes.
MAX_PACKED_FILE_BYTES = 500 * 1024 * 1024
# A .docx is a zip: its XML parts are inflated and parsed whole. Measured here
# (benchmarks/bench_hostile.py, case 2b), reading peaks at 10-14 bytes of memory
# per byte of XML (99 MB of document.xml: 1.34 GB), so 64 MB keeps the reading
# under 1 GB and leaves room for aligning the text in the same process, while
# the longest UN reports have 2-5 MB of XML. Past it the file is a zip bomb or
# a concatenation. The sizes the zip declares can be trusted: Python's zipfile
# stops inflating a member at its declared size and fails its CRC check.
MAX_WORD_XML_BYTES = 64 * 1024 * 1024
# Every part (images included) is loaded into memory by python-docx.
MAX_WORD_UNPACKED_BYTES = MAX_PACKED_FILE_BYTES

# A text file may hold a stray control character (a form feed, a DOS end-of-file
# mark); more than 1 in 100 characters means it is not text at all.
MAX_CONTROL_CHAR_RATIO = 0.01

_HTML_HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# Elements that start a new block of text: what a browser lays out as a box of its own.
_HTML_BLOCK_TAGS = _HTML_HEADING_TAGS | frozenset((
    "p", "li", "ul", "ol", "dl", "dt", "dd", "div", "blockquote", "pre", "address", "center",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "figure", "figcaption",
    "section", "article", "main", "header", "footer", "aside", "form", "fieldset", "legend",
    "details", "summary", "hr", "body", "html",
))
# Not the document's text: code, styles, and a site's navigation menus.
_HTML_DROPPED_TAGS = ("script", "style", "noscript", "template", "head", "nav")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_WORD_HEADING_STYLES = ("heading", "title", "titre", "subtitle", "sous-titre")


def check_readable(path: Path) -> None:
    """Raise InputFileError unless path is an existing file of a supported format."""
    if not path.exists():
        raise InputFileError(f"{path}: no such file; check the path and the file name")
    if path.is_dir():
        raise InputFileError(f"{path} is a folder, not a document; give the path of one file")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        supported = " ".join(SUPPORTED_SUFFIXES)
        raise InputFileError(
            f"{path}: cannot read '{path.suffix or 'no suffix'}' files; "
            f"save it as one of: {supported}"
        )
    limit = MAX_TEXT_BYTES if path.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES else MAX_PACKED_FILE_BYTES
    size = path.stat().st_size
    if size > limit:
        raise InputFileError(
            f"{path} is {size / 1024 / 1024:.0f} MB, over the {limit // 1024 // 1024} MB limit; "
            "split it into smaller files (one document or chapter each)"
        )
    if size == 0:
        raise InputFileError(f"{path} is empty; give the file that holds the document's text")


def read_blocks(path: Path) -> tuple[Block, ...]:
    """The text of a supported file as blocks, in reading order."""
    check_readable(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        blocks = blocks_from_text(decode_text(path.read_bytes(), path))
    elif suffix in HTML_SUFFIXES:
        blocks = _read_html(path)
    elif suffix == ".docx":
        blocks = _read_docx(path)
    else:
        blocks = _read_pdf(path)
    _check_has_text(path, blocks)
    return blocks


def read_lines(path: Path) -> tuple[str, ...]:
    """Every line of the file, empty ones included, for pre-segmented input.

    Text files keep their exact lines (line i is index i). Other formats have
    no lines of their own: each Word paragraph, HTML block or PDF line counts as one.
    """
    check_readable(path)
    if path.suffix.lower() in TEXT_SUFFIXES:
        text = decode_text(path.read_bytes(), path)
        if not text.strip():
            raise InputFileError(f"{path} holds only blank lines; give the file that holds the text")
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # the newline that ends the last line does not start another
        return tuple(line.removesuffix("\r") for line in lines)
    blocks = read_blocks(path)
    return tuple(" ".join(block.lines) for block in blocks if not block.page_break)


def decode_text(data: bytes, path: Path) -> str:
    """Decode a text file: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252.

    A UTF-8 file encoded twice (its accents read as Windows-1252 and saved
    again) is repaired: "sÃ©curitÃ©" reads "sécurité".

    Windows-1252 is the fallback rather than an error because French files
    saved by older Windows tools are common among translators, and a byte
    sequence that is not UTF-8 yet decodes as 1252 without control characters
    is almost always such a file. Anything else is reported as binary.
    """
    if data.startswith(codecs.BOM_UTF8):
        text = _decode_or_none(data[len(codecs.BOM_UTF8):], "utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_or_none(data, "utf-16")
    elif b"\x00" in data:
        raise InputFileError(
            f"{path} looks binary (it contains NUL bytes); give a text document, "
            "or save it as UTF-8 text if it is UTF-16 without a byte-order mark"
        )
    else:
        text = _decode_or_none(data, "utf-8")
        if text is None:
            text = _decode_or_none(data, "cp1252")
    if text is None or _control_char_ratio(text) > MAX_CONTROL_CHAR_RATIO:
        raise InputFileError(
            f"{path} is not readable text (binary data or an unknown encoding); save it as UTF-8 text"
        )
    return _undo_double_encoding(text, path)


# UTF-8 read as Windows-1252 and saved again as UTF-8 ("sÃ©curitÃ©" for "sécurité", "â€™" for "’"):
# "Ã" before a character that is the second byte of a UTF-8 letter, or "â€". No French or English
# text writes these; a few of them in a file mean the whole file went through that mistake.
_DOUBLE_ENCODED = re.compile(
    "Ã[\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|â€")
MIN_DOUBLE_ENCODED_MARKS = 3


def _undo_double_encoding(text: str, path: Path) -> str:
    """The text as written when a file was UTF-8 encoded twice; an error when it cannot be undone whole."""
    if len(_DOUBLE_ENCODED.findall(text, 0, 200_000)) < MIN_DOUBLE_ENCODED_MARKS:
        return text
    for encoding in ("cp1252", "latin-1"):
        try:
            return text.encode(encoding).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    raise InputFileError(
        f"{path} looks encoded twice (\"Ã©\" where \"é\" was meant) and cannot be repaired whole; "
        "open it in an editor that shows the accents right and save it as UTF-8"
    )


def blocks_from_text(text: str) -> tuple[Block, ...]:
    """Split plain or markdown text into blank-line-separated blocks; a form feed is a page break."""
    blocks: list[Block] = []
    current: list[str] = []

    def close() -> None:
        if current:
            blocks.extend(_table_cells(current) or (Block(tuple(current)),))
            current.clear()

    for line in re.split(r"\r\n|\r|\n", text):
        pieces = line.split("\f")
        for index, piece in enumerate(pieces):
            if index > 0:
                close()
                blocks.append(PAGE_BREAK)
            if piece.strip():
                current.append(piece.rstrip())
            elif index == 0:
                close()
    close()
    return tuple(blocks)


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|(\s*:?-+:?\s*\|)+\s*$")


def _table_cells(lines: list[str]) -> tuple[Block, ...]:
    """A markdown table ("| a | b |" rows under a "|---|---|" rule) as one block per cell, as a Word
    table is read; else ()."""
    if len(lines) < 2 or not all(_TABLE_ROW.match(line) for line in lines) or not _TABLE_RULE.match(lines[1]):
        return ()
    return tuple(Block((cell,)) for line in lines if not _TABLE_RULE.match(line)
                 for cell in (piece.strip() for piece in line.strip().strip("|").split("|")) if cell)


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _control_char_ratio(text: str) -> float:
    if not text:
        return 0.0
    allowed = "\t\n\r\f\v"
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in allowed)
    return controls / len(text)


def _check_has_text(path: Path, blocks: tuple[Block, ...]) -> None:
    if not any(line.strip() for block in blocks for line in block.lines):
        raise InputFileError(f"{path} holds no text; give the file that holds the document's text")
    size = sum(len(line) + 1 for block in blocks for line in block.lines)
    if size > MAX_TEXT_BYTES:
        raise InputFileError(
            f"{path} holds over {MAX_TEXT_BYTES // 1024 // 1024} MB of text; "
            "split it into smaller files (one document or chapter each)"
        )


def _read_html(path: Path) -> tuple[Block, ...]:
    import lxml.etree
    import lxml.html

    text = _XML_DECLARATION.sub("", decode_text(path.read_bytes(), path), count=1)
    if not text.strip():
        raise InputFileError(f"{path} is empty; give the file that holds the document's text")
    # no_network and no entity loading: a hostile page cannot make us fetch anything.
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:
        raise InputFileError(f"{path} is not readable HTML ({error}); save the page again as HTML") from None
    for element in list(root.iter(*_HTML_DROPPED_TAGS)):
        element.drop_tree()
    return _html_blocks(root)


def _html_blocks(root) -> tuple[Block, ...]:
    """Every visible text of the page, one block per block-level element's own text.

    Text sits in a block when a block-level element (a paragraph, a heading, a
    list item, a table cell, a <div>, a <blockquote>...) holds it with no other
    block between: an <li> wrapping <p>s gives its paragraphs, each once, and a
    <div> around a table gives the text before the table, each cell, then the
    text after it. Walked without recursion, so deep nesting cannot overflow.
    """
    import lxml.etree

    blocks: list[Block] = []
    stack: list[tuple[str, list[str]]] = [("body", [])]  # (block tag, its text so far)

    def flush() -> None:
        tag, pieces = stack[-1]
        content = " ".join("".join(pieces).split())
        if content:
            blocks.append(Block((content,), heading=tag in _HTML_HEADING_TAGS))
        pieces.clear()

    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _HTML_BLOCK_TAGS:
                flush()
                stack.append((tag, []))
            elif tag == "br":
                stack[-1][1].append(" ")
            stack[-1][1].append(element.text or "")
            continue
        if tag in _HTML_BLOCK_TAGS:
            flush()
            stack.pop()
            stack[-1][1].append(" ")  # a block ends a word
        if element is not root:
            stack[-1][1].append(element.tail or "")
    flush()
    return tuple(blocks)


def _read_docx(path: Path) -> tuple[Block, ...]:
    import docx
    from docx.opc.exceptions import OpcError
    from docx.table import Table
    from lxml.etree import LxmlError

    _check_word_sizes(path)
    try:
        document = docx.Document(str(path))
        blocks: list[Block] = []
        style_names: dict[str | None, str] = {}

        def heading(paragraph) -> bool:
            # python-docx looks a paragraph's style up by scanning every style of
            # the file (97% of the reading time on a long document): look each
            # style id up once. _p.style is the paragraph's style id.
            style_id = paragraph._p.style
            if style_id not in style_names:
                style = paragraph.style
                style_names[style_id] = ((style.name if style is not None else "") or "").lower()
            return style_names[style_id].startswith(_WORD_HEADING_STYLES)

        def add(paragraphs) -> None:
            for paragraph in paragraphs:
                lines = tuple(line.strip() for line in paragraph.text.split("\n") if line.strip())
                if lines:
                    blocks.append(Block(lines, heading=heading(paragraph)))

        # Tables are read cell by cell, in place: UN Word files put the masthead and
        # sometimes whole annexes in tables.
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    for cell in row.cells:
                        add(cell.paragraphs)
            else:
                add([item])
    except (OpcError, zipfile.BadZipFile, LxmlError, KeyError, ValueError, OSError) as error:
        # LxmlError: an XML part cut short or damaged ("Premature end of data").
        raise InputFileError(
            f"{path} is not a readable Word document ({type(error).__name__}); "
            "open it in Word and save it again as .docx"
        ) from None
    return tuple(blocks)


def _is_plain_text(path: Path) -> bool:
    """Whether a file given as .docx is text after all (a .txt renamed, or saved under the wrong suffix)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(64 * 1024)
        text = decode_text(head, path)
    except (OSError, InputFileError):
        return False
    return bool(text.strip()) and sum(c.isalpha() for c in text) > len(text) / 3


def _check_word_sizes(path: Path) -> None:
    """Refuse a .docx whose parts inflate past the limits, before anything is inflated."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        if _is_plain_text(path):
            raise InputFileError(
                f"{path} is plain text, not a Word document; rename it with a .txt suffix"
            ) from None
        raise InputFileError(
            f"{path} is not a readable Word document ({type(error).__name__}); "
            "open it in Word and save it again as .docx"
        ) from None
    xml_bytes = sum(m.file_size for m in members if m.filename.lower().endswith((".xml", ".rels")))
    all_bytes = sum(m.file_size for m in members)
    for size, limit, what in ((xml_bytes, MAX_WORD_XML_BYTES, "of XML"),
                              (all_bytes, MAX_WORD_UNPACKED_BYTES, "in all")):
        if size > limit:
            raise InputFileError(
                f"{path} unpacks to {size / 1024 / 1024:,.0f} MB {what}, over the "
                f"{limit // 1024 // 1024} MB limit (a damaged file or a zip bomb); "
                "open it in Word and save it again, or split the document"
            )


def _read_pdf(path: Path) -> tuple[Block, ...]:
    import logging

    import pypdf
    from pypdf.errors import PyPdfError

    from aligner.read.pdf_layout import layout_pages, page_runs

    # pypdf logs every repair it attempts; a damaged file gets our one-line error instead.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputFileError(f"{path} is password-protected; save an unprotected copy of the PDF")
        pages = [(page_runs(page), float(page.mediabox.width)) for page in reader.pages]
    except InputFileError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise InputFileError(
            f"{path} is not a readable PDF ({type(error).__name__}); open it and export it again as PDF"
        ) from None
    if not any(char.isalpha() for runs, _ in pages for run in runs for char in run.text):
        raise InputFileError(
            f"{path} is a scanned PDF without a text layer: run OCR first "
            "(or give the .docx/.txt version of the document)"
        )
    blocks: list[Block] = []
    for number, page in enumerate(layout_pages(pages)):
        if number:
            blocks.append(PAGE_BREAK)
        blocks.extend(Block(block.lines, heading=block.heading) for block in page)
    return tuple(blocks)
