"""Find the French and English documents of a corpus folder.

A corpus either has fr/ and en/ subfolders (each file's language is then
checked against its folder) or mixes both languages, in which case each file's
language is detected. Files that cannot be read are reported, never dropped
silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aligner.errors import InputFileError
from aligner.read.readers import SUPPORTED_SUFFIXES

# Files a corpus folder may hold that are not documents.
IGNORED_NAMES = {"readme.md", "readme.txt", "license", "license.txt"}


@dataclass(frozen=True)
class SkippedFile:
    path: Path
    reason: str


def document_paths(folder: Path, exclude: Path | None = None) -> list[Path]:
    """Supported files under a folder, hidden folders (.paxterm) and `exclude` left out, sorted."""
    excluded = exclude.resolve() if exclude else None
    return sorted(
        path for path in folder.rglob("*")
        if path.is_file()
        and not (excluded and path.resolve().is_relative_to(excluded))
        and path.suffix.lower() in SUPPORTED_SUFFIXES
        and path.name.lower() not in IGNORED_NAMES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def corpus_files(folder: Path, exclude: Path | None = None) -> list[tuple[Path, str | None]]:
    """(file, the language its folder says: "fr", "en" or None) for every document file of a corpus."""
    if not folder.exists():
        raise InputFileError(f"{folder}: no such corpus folder")
    if not folder.is_dir():
        raise InputFileError(f"{folder}: not a folder; give the folder that holds fr/ and en/")
    if (folder / "fr").is_dir() or (folder / "en").is_dir():
        return [(path, language) for language in ("fr", "en") if (folder / language).is_dir()
                for path in document_paths(folder / language, exclude)]
    return [(path, None) for path in document_paths(folder, exclude)]
