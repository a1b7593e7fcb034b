"""Copying new documents into a corpus folder: where each goes (fr/ or en/, or beside the others), atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from aligner.errors import InputFileError
from paxterm.corpus import document_paths
from paxterm.store import file_hash


@dataclass(frozen=True)
class AddedFile:
    source: Path
    destination: Path
    language: str
    copied: bool  # False: the same file was already in the corpus


def is_mixed(corpus_dir: Path) -> bool:
    """A corpus without fr/ and en/ whose documents lie together: new files go beside them."""
    if not corpus_dir.is_dir() or (corpus_dir / "fr").is_dir() or (corpus_dir / "en").is_dir():
        return False
    return bool(document_paths(corpus_dir))


def same_bytes(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and file_hash(a) == file_hash(b)


def copy_atomically(source: Path, destination: Path) -> None:
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{destination.name}-", dir=destination.parent)
        os.close(handle)
        try:
            shutil.copy2(source, name)
            os.replace(name, destination)
        finally:
            Path(name).unlink(missing_ok=True)
    except OSError as error:
        raise InputFileError(f"cannot copy {source} to {destination} ({error.strerror}); "
                             "check the corpus folder's permissions") from None
