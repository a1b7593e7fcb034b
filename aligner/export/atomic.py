"""Write a file whole or not at all.

Every output paxterm writes goes to a temporary file beside its destination
and is renamed over it once complete: readers see the old file or the new one,
never half of one, and a failure leaves the old file untouched.

Several outputs of one run are staged in a hidden folder beside them and
moved into place together once all are complete (staged_outputs): a failure
while writing any of them (a full disk) leaves every old output as it was.

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
import shutil
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
# The staging folder of staged_outputs, and the lock file inside it.
_STAGING = re.compile(r"^\.paxterm-[0-9a-f]{8}\.staging$")
_STAGING_LOCK = ".lock"
# Without flock, a temporary file untouched this long belongs to no running
# write: no output paxterm writes takes an hour.
UNLOCKED_STALE_SECONDS = 3600
# A writer creates its temporary file, then locks it: between the two, another process sees an unlocked file.
# An empty one younger than this is taken to be such a file, not an abandoned one (a killed writer's empty
# file goes at the next write after it).
FRESH_EMPTY_SECONDS = 2.0


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
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for candidate in entries:
        try:
            if _TEMPORARY.match(candidate.name) and _abandoned(candidate, fresh_empty_in_use=True):
                candidate.unlink()
            elif (_STAGING.match(candidate.name) and candidate.is_dir() and not candidate.is_symlink()
                  # No lock file: killed between making the folder and its lock.
                  and (not (candidate / _STAGING_LOCK).exists() or _abandoned(candidate / _STAGING_LOCK))):
                shutil.rmtree(candidate)
            else:
                continue
        except OSError:
            continue  # a read-only folder: the write that follows will say so
        removed.append(candidate)
    return removed


def _abandoned(path: Path, *, fresh_empty_in_use: bool = False) -> bool:
    """Whether no process holds `path`; with `fresh_empty_in_use`, an empty file younger than
    FRESH_EMPTY_SECONDS counts as held (a temporary file between its creation and its lock)."""
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
        status = os.fstat(descriptor)
    except OSError:
        return False  # locked: a write in progress
    finally:
        os.close(descriptor)  # closing also releases a lock we took
    return (not fresh_empty_in_use or status.st_size > 0
            or time.time() - status.st_mtime >= FRESH_EMPTY_SECONDS)


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


@contextmanager
def staged_outputs(folder: Path, *, error: type[PaxtermError] = OutputWriteError) -> Iterator[Callable[[str], Path]]:
    """Write several files of `folder` all or none: yields stage(name) -> the path to write `name` to.

    The files are written into a hidden staging folder inside `folder` (the
    same file system), then moved into place one rename each once the block
    succeeds. If the block fails, the staging folder goes and every file of
    `folder` is as it was.
    """
    folder = Path(folder)
    remove_stale_temporaries(folder)
    staging = folder / f".paxterm-{secrets.token_hex(4)}.staging"
    try:
        staging.mkdir()
        descriptor = os.open(staging / _STAGING_LOCK, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as failure:
        shutil.rmtree(staging, ignore_errors=True)
        raise error(f"cannot write into {folder}: {failure.strerror}; check that the folder exists and is "
                    "writable, or give another output folder") from None
    names: list[str] = []

    def stage(name: str) -> Path:
        names.append(name)
        return staging / name

    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)  # a staging folder in use is not stale
        yield stage
        for name in names:
            os.replace(staging / name, folder / name)
    except OSError as failure:
        raise error(f"cannot write into {folder}: {failure.strerror or failure}{_hint(failure)}") from None
    except PaxtermError as failure:
        # A writer's own error names its staged path: name the file the user knows.
        raise type(failure)(str(failure).replace(str(staging), str(folder))) from None
    finally:
        os.close(descriptor)
        shutil.rmtree(staging, ignore_errors=True)


def _hint(failure: OSError) -> str:
    import errno

    if failure.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return "; free some disk space (or write elsewhere with -o) and run again: the old files are untouched"
    return ""


def write_atomically(path: Path, write: Callable[[Path], None], *,
                     error: type[PaxtermError] = OutputWriteError) -> None:
    """Let `write` fill a temporary file, then rename it over `path`."""
    with atomic_path(path, error=error) as temporary:
        write(temporary)
