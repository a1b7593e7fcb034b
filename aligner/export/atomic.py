"""Write a file whole or not at all.

Every output paxterm writes goes to a temporary file beside its destination
and is renamed over it once complete: readers see the old file or the new one,
never half of one, and a failure leaves the old file untouched.

A process killed while writing (kill -9, power cut) cannot remove its
temporary file. The writer holds an advisory lock on it while it works, so the
next write into the same folder can tell an abandoned temporary file (nobody
holds its lock) from one another process is still writing, and removes the
abandoned ones.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from aligner.errors import OutputWriteError, PaxtermError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock; stale files are judged by age there
    fcntl = None  # type: ignore[assignment]

# The temporary name: a dot (hidden), the destination's name, 8 hex digits, ".part".
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{8}\.part$")
# Without flock, a temporary file untouched this long belongs to no running
# write: no output paxterm writes takes an hour.
UNLOCKED_STALE_SECONDS = 3600


def temporary_name(path: Path) -> Path:
    """A fresh temporary path beside `path`."""
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files of interrupted paxterm writes in `folder`; return them.

    Only names of our own pattern are considered, and only files no running
    process holds: another paxterm writing into the same folder keeps its own.
    """
    removed: list[Path] = []
    try:
        candidates = [entry for entry in Path(folder).iterdir() if _TEMPORARY.match(entry.name)]
    except OSError:
        return removed
    for candidate in candidates:
        if _abandoned(candidate):
            try:
                candidate.unlink()
            except OSError:
                continue  # a read-only folder: the write that follows will say so
            removed.append(candidate)
    return removed


def _abandoned(path: Path) -> bool:
    try:
        if not path.is_file() or path.is_symlink():
            return False
        if fcntl is None:
            return time.time() - path.stat().st_mtime > UNLOCKED_STALE_SECONDS
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # locked: a write in progress
    finally:
        os.close(descriptor)  # closing also releases a lock we took
    return True


@contextmanager
def atomic_path(path: Path, *, error: type[PaxtermError] = OutputWriteError) -> Iterator[Path]:
    """A temporary path beside `path` to write to; renamed onto `path` when the block succeeds.

    The temporary file sits in the same folder, so os.replace is a rename on
    one file system. It is created with os.open so that the umask sets its
    permissions, as for any file the user creates. OS failures become `error`.
    """
    path = Path(path)
    remove_stale_temporaries(path.parent)
    temporary = temporary_name(path)
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as failure:
        raise error(
            f"cannot create {path}: {failure.strerror}; check that the folder exists and is writable"
        ) from None
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)  # held until the write ends: see the module doc
        yield temporary
        os.replace(temporary, path)
    except OSError as failure:
        raise error(f"cannot write {path}: {failure.strerror or failure}{_hint(failure)}") from None
    finally:
        temporary.unlink(missing_ok=True)
        os.close(descriptor)


def _hint(failure: OSError) -> str:
    import errno

    if failure.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "; free some disk space (or write elsewhere with -o) and run again: the old file is untouched"
    return ""


def write_atomically(path: Path, write: Callable[[Path], None], *,
                     error: type[PaxtermError] = OutputWriteError) -> None:
    """Let `write` fill a temporary file, then rename it over `path`."""
    with atomic_path(path, error=error) as temporary:
        write(temporary)
