"""The read document's data types: paragraphs with their numbering and headings, the document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
