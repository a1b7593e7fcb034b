"""The application's errors: the project store and the service. All are PaxtermErrors."""

from __future__ import annotations

from aligner.errors import PaxtermError


class StoreError(PaxtermError):
    """The project store cannot be used as it is."""


class StoreMissingError(StoreError):
    """No project store exists yet where one was expected."""


class StoreCorruptError(StoreError):
    """The store file is damaged or is not a paxterm store."""


class StoreVersionError(StoreError):
    """The store was written by a newer paxterm."""


class StoreBusyError(StoreError):
    """Another paxterm process is writing to the store."""


class StoreWriteError(StoreError):
    """The store cannot be written: read-only file system, full disk."""


class NotInProjectError(PaxtermError):
    """No corpus was given and no project is found from the current folder upward."""


class BundledCorpusReadOnlyError(PaxtermError):
    """Something tried to write into the bundled sample corpus."""


class NotFoundError(PaxtermError):
    """A link, term entry or document that was asked for is not in the project."""


class StaleEditError(PaxtermError):
    """An edit was based on an older version of an entry than the one stored."""


class InvalidEditError(PaxtermError):
    """An edit asks for something that cannot be done (unknown field or status, impossible merge)."""


class ExecutorUnavailableError(PaxtermError):
    """The Dask cluster asked for (--workers, --scheduler) cannot be started or reached."""


class ReviewServerError(PaxtermError):
    """`paxterm review` cannot listen where it was asked to (port in use, unknown address)."""


class StaleImportError(PaxtermError):
    """A reviewed file would overwrite decisions made in the store after the file was exported."""
