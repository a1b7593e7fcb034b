"""The one exception family that user-caused problems raise.

Every message says what happened and what to do about it; the CLI prints it on
one line without a traceback.
"""

from __future__ import annotations


class PaxtermError(Exception):
    """Base class of every error a user can cause and fix."""


class InputFileError(PaxtermError):
    """A file cannot be read as a document: missing, empty, binary, mis-encoded, scanned."""


class WrongLanguageError(PaxtermError):
    """A document is not in the language its role requires."""


class SwappedLanguageError(WrongLanguageError):
    """A document given as one language ("fr", "en") is in the other."""

    def __init__(self, message: str, *, found: str, expected: str) -> None:
        super().__init__(message)
        self.found, self.expected = found, expected


class ModelUnavailableError(PaxtermError):
    """An embedding model is not installed or cannot be loaded."""


class OutputFormatError(PaxtermError):
    """An output path has a suffix paxterm cannot write."""


class TermBaseError(PaxtermError):
    """A term base file cannot be read or written."""


class OutputWriteError(PaxtermError):
    """An output file cannot be written: missing or read-only folder, full disk."""
