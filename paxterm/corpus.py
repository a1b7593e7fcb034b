"""Find the French and English documents of a corpus folder.

A corpus either has fr/ and en/ subfolders (each file's language is then
checked against its folder) or mixes both languages, in which case each file's
language is detected. Files that cannot be read are reported, never dropped
silently.

Symbolic links: a link to a document inside the corpus folder is read like
the document. A link that leads out of the corpus folder is not followed
unless the user asks for it (--follow-links): a corpus is what its folder
holds, and a stray link would otherwise pull in any file of the machine
without a word. Such links, broken links and links to folders (never
followed) are reported as skipped, with the reason.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from aligner.errors import InputFileError
from aligner.read.readers import SUPPORTED_SUFFIXES

# Files a corpus folder may hold that are not documents.
IGNORED_NAMES = {"readme.md", "readme.txt", "license", "license.txt"}
# Folders of paxterm's own output, wherever a run put them (`paxterm run` from fr/ writes fr/paxterm-output/):
# their report.html and termbase files are never documents of the corpus.
OUTPUT_FOLDER_NAMES = {"paxterm-output"}


@dataclass(frozen=True)
class SkippedFile:
    path: Path
    reason: str


def document_paths(folder: Path, exclude: Path | None = None, *, root: Path | None = None,
                   follow_links: bool = False) -> list[Path]:
    """Supported files under a folder, hidden folders (.paxterm) and `exclude` left out, sorted.

    Links that refused_link() refuses (relative to the corpus folder `root`,
    `folder` itself by default) are left out: refused_links() reports them.
    """
    root = root or folder
    return [path for path in _candidates(folder, exclude)
            if path.is_file() and refused_link(path, root, follow_links) is None]


def refused_links(folder: Path, exclude: Path | None = None, *, follow_links: bool = False) -> list[SkippedFile]:
    """The corpus folder's links that are not read, each with the reason (see the module's doc)."""
    found = []
    for language_folder in _language_folders(folder):
        for path in _candidates(language_folder, exclude):
            reason = refused_link(path, folder, follow_links)
            if reason is not None:
                found.append(SkippedFile(path, reason))
    return found


def refused_link(path: Path, root: Path, follow_links: bool) -> str | None:
    """Why the link `path` is not read as a document of the corpus `root`; None if it is (or is no link)."""
    if not path.is_symlink():
        return None
    target = Path(os.path.realpath(path))
    if not target.exists():
        return f"{path} is a broken link (to {os.readlink(path)}); remove it or point it at the document"
    if target.is_dir():
        return f"{path} is a link to a folder ({target}), which paxterm does not follow; copy the documents in"
    if not follow_links and not target.is_relative_to(Path(os.path.realpath(root))):
        return (f"{path} is a link to {target}, outside the corpus folder; copy the file into the corpus, "
                "or pass --follow-links to read it")
    return None


def corpus_files(folder: Path, exclude: Path | None = None, *,
                 follow_links: bool = False) -> list[tuple[Path, str | None]]:
    """(file, the language its folder says: "fr", "en" or None) for every document file of a corpus."""
    if not folder.exists():
        raise InputFileError(f"{folder}: no such corpus folder")
    if not folder.is_dir():
        raise InputFileError(f"{folder}: not a folder; give the folder that holds fr/ and en/")
    return [(path, language) for language_folder, language in _language_folders(folder).items()
            for path in document_paths(language_folder, exclude, root=folder, follow_links=follow_links)]


def _language_folders(folder: Path) -> dict[Path, str | None]:
    if (folder / "fr").is_dir() or (folder / "en").is_dir():
        return {folder / language: language for language in ("fr", "en") if (folder / language).is_dir()}
    return {folder: None}


def _candidates(folder: Path, exclude: Path | None) -> list[Path]:
    """Entries under `folder` that may be documents (files or links of any kind), sorted."""
    excluded = exclude.resolve() if exclude else None
    return sorted(
        path for path in folder.rglob("*")
        if (path.is_file() or path.is_symlink())
        and not (excluded and path.resolve().is_relative_to(excluded))
        # A broken link or one to a folder is reported whatever its name: its target is unknown.
        and (path.suffix.lower() in SUPPORTED_SUFFIXES or (path.is_symlink() and not path.is_file()))
        and path.name.lower() not in IGNORED_NAMES
        and not any(part.startswith(".") or part.lower() in OUTPUT_FOLDER_NAMES
                    for part in path.relative_to(folder).parts[:-1])
        and not path.name.startswith(".")
    )
