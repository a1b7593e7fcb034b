"""The read document's data types: the blocks a reader gives, paragraphs with their numbering and headings, the document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Block:
    """Lines that the source format keeps together, or a page boundary."""

    lines: tuple[str, ...] = ()
    heading: bool = False  # the format marks it as a heading: a Word heading style, <h1>..<h6>
    page_break: bool = False  # no text: the source's page ends here (PDF page, form feed)


PAGE_BREAK = Block(page_break=True)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph (or heading) of running text, sentences not yet split."""

    text: str
    number: str | None = None  # the paragraph number as printed, e.g. "1." or "3."
    heading: bool = False


@dataclass(frozen=True)
class Document:
    """A read, cleaned document."""

    path: Path
    language: str  # "fr" or "en"
    paragraphs: tuple[Paragraph, ...]
    symbol: str | None = None  # the first document symbol found, e.g. "A/79/923"
    symbols: tuple[str, ...] = ()  # every symbol of a joint document: A/79/923, S/2025/341

    @property
    def name(self) -> str:
        return self.path.name
