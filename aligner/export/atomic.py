"""Write a file whole or not at all.

Every output paxterm writes goes to a temporary file beside its destination
and is renamed over it once complete: readers see the old file or the new one,
never half of one, and a failure leaves the old file untouched.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from aligner.errors import OutputWriteError, PaxtermError


@contextmanager
def atomic_path(path: Path, *, error: type[PaxtermError] = OutputWriteError) -> Iterator[Path]:
    """A temporary path beside `path` to write to; renamed onto `path` when the block succeeds.

    The temporary file sits in the same folder, so os.replace is a rename on
    one file system. It is created with os.open so that the umask sets its
    permissions, as for any file the user creates. OS failures become `error`.
    """
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as failure:
        raise error(
            f"cannot create {path}: {failure.strerror}; check that the folder exists and is writable"
        ) from None
    try:
        yield temporary
        os.replace(temporary, path)
    except OSError as failure:
        raise error(f"cannot write {path}: {failure.strerror or failure}") from None
    finally:
        temporary.unlink(missing_ok=True)


def write_atomically(path: Path, write: Callable[[Path], None], *,
                     error: type[PaxtermError] = OutputWriteError) -> None:
    """Let `write` fill a temporary file, then rename it over `path`."""
    with atomic_path(path, error=error) as temporary:
        write(temporary)
