"""Document: what a UN file says once its layout noise is gone.

read_document() turns a .txt/.md/.docx/.pdf/.html file into paragraphs with
their numbering and headings, the document symbol and the language.
"""

from __future__ import annotations

from pathlib import Path

from aligner.errors import InputFileError, SwappedLanguageError, WrongLanguageError
from aligner.read import cleanup, readers
from aligner.read.language import LANGUAGE_NAMES, guess_language
from aligner.read.model import Document, Paragraph

__all__ = ["Document", "Paragraph", "SPLIT_MODES", "read_document"]


SPLIT_MODES = ("auto", "lines")


def read_document(
    path: str | Path, *, expected_language: str | None = None, split: str = "auto"
) -> Document:
    """Read a .txt/.md/.docx/.pdf/.html file into a cleaned Document.

    split="auto" removes UN layout noise and finds paragraphs, numbers and
    headings; split="lines" keeps every line (empty ones too) as one paragraph,
    untouched, so that paragraph i is line i of a pre-segmented file.
    expected_language ("fr" or "en") makes a document in the other language an
    error, since it almost always means the two files were given the wrong way round.
    """
    if split not in SPLIT_MODES:
        raise ValueError(f"split must be one of {SPLIT_MODES}, not {split!r}")
    if expected_language not in (None, *LANGUAGE_NAMES):
        raise ValueError(f"expected_language must be 'fr', 'en' or None, not {expected_language!r}")
    path = Path(path)
    if split == "lines":
        lines = readers.read_lines(path)
        paragraphs = tuple(Paragraph(text=line) for line in lines)
        symbols = cleanup.find_symbols(lines)
    else:
        blocks = readers.read_blocks(path)
        paragraphs = cleanup.clean_blocks(blocks)
        symbols = cleanup.find_symbols(cleanup.block_lines(blocks))
        if not paragraphs:
            raise InputFileError(
                f"{path} holds nothing but page marks and running heads; give the file with the document's text"
            )
    language = _language_of(path, "\n".join(p.text for p in paragraphs), expected_language)
    return Document(
        path=path,
        language=language,
        paragraphs=paragraphs,
        symbol=symbols[0] if symbols else None,
        symbols=symbols,
    )


def read_pair(fr_path: str | Path, en_path: str | Path, *, split: str = "auto") -> tuple[Document, Document]:
    """A French document and its English original, each checked for its language.

    A file in the other language is told to swap the two files only when the
    other file is in the first one's language; two files of one language are
    told so, with which one is missing.
    """
    try:
        fr = read_document(fr_path, expected_language="fr", split=split)
    except SwappedLanguageError as error:
        raise _pair_error(error, fr_path, en_path, split) from None
    try:
        en = read_document(en_path, expected_language="en", split=split)
    except SwappedLanguageError as error:
        raise _pair_error(error, en_path, fr_path, split) from None
    return fr, en


def _pair_error(error: SwappedLanguageError, path: str | Path, other: str | Path,
                split: str) -> SwappedLanguageError:
    """`error` as it stands when `other` is in the language `path` was given as; else "both look X"."""
    try:
        other_language = read_document(other, split=split).language
    except (InputFileError, WrongLanguageError):
        return error  # the other file has troubles of its own: the swap is still the likeliest fix
    if other_language == error.expected:
        return error
    found, missing = LANGUAGE_NAMES[error.found], LANGUAGE_NAMES[error.expected]
    return SwappedLanguageError(
        f"{path} and {other} both look {found}: give the {missing} document too "
        f"(paxterm takes the French translation first, then its English original)",
        found=error.found, expected=error.expected,
    )


def _language_of(path: Path, text: str, expected_language: str | None) -> str:
    guess = guess_language(text)
    if guess.language is None:
        if guess.too_short and expected_language is not None:
            return expected_language  # a few words cannot contradict what the user said
        if guess.too_short:
            raise WrongLanguageError(
                f"{path} is too short to tell whether it is French or English; "
                "say which it is (expected_language / --fr and --en)"
            )
        if guess.other_script:
            raise WrongLanguageError(
                f"{path} is neither French nor English: most of its letters are not Latin ones "
                "(Chinese, Arabic, Cyrillic...); give the French document and its English original"
            )
        raise WrongLanguageError(
            f"{path} is neither French nor English as far as paxterm can tell; "
            "give the French document and its English original"
        )
    if expected_language is not None and guess.language != expected_language:
        raise SwappedLanguageError(
            f"{path} looks {LANGUAGE_NAMES[guess.language]}, but it was given as the "
            f"{LANGUAGE_NAMES[expected_language]} document: swap the two files",
            found=guess.language, expected=expected_language,
        )
    return guess.language
