"""Opening the project store: create, check, migrate; transactions and the writer lock.

Reliability: the file is in WAL mode (readers never block the writer), one
writer at a time holds a lock file beside the database, every document's
results are written in one transaction, and the file is checked on opening
(integrity and the tables and columns this paxterm expects). Before a schema
migration, and when damage is found, a copy is kept as paxterm.db.bak-<timestamp>
(one per damaged file, not one per attempt).

The SQLite connection is private to this package: the repositories in the
sibling modules own every SQL statement.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from paxterm.errors import (StoreBusyError, StoreCorruptError, StoreError, StoreMissingError, StoreVersionError,
                            StoreWriteError)
from paxterm.store.schema import SCHEMA, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4

try:  # POSIX; elsewhere SQLite's own write lock is the only guard.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

STORE_FOLDER = ".paxterm"
STORE_NAME = "paxterm.db"
SQLITE_HEADER = b"SQLite format 3\x00"
SCHEMA_VERSION = 4
# A second writer waits this long for the first before giving up: long enough
# for an `add` or a term base import to finish, short enough that a user whose
# other `paxterm run` holds the store for minutes is told so at once.
WRITER_WAIT_SECONDS = 10.0
# SQLite's own wait for a write lock, for readers and the rare write outside the lock file.
BUSY_TIMEOUT_SECONDS = 30.0


def default_store_path(corpus_dir: Path) -> Path:
    return Path(corpus_dir) / STORE_FOLDER / STORE_NAME


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def file_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=20)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def execute_script(connection: sqlite3.Connection, script: str) -> None:
    """Run `script`'s statements one by one (executescript would commit the migration's transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


# MIGRATIONS[n] upgrades a store from schema n to n + 1, inside one transaction.
# Add a function here and raise SCHEMA_VERSION whenever the schema changes.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: lambda connection: execute_script(connection, SCHEMA_V2),  # stored term candidates
    2: lambda connection: execute_script(connection, SCHEMA_V3),  # link ids, statuses, history
    3: lambda connection: execute_script(connection, SCHEMA_V4),  # reviews kept across realignments, termhood
}


class Database:
    """The store's connection with its transactions and the writer lock file."""

    def __init__(self, path: Path, connection: sqlite3.Connection, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._connection = connection
        self._lock_handle = None

    def execute(self, sql: str, parameters: tuple | list = ()) -> sqlite3.Cursor:
        return self._connection.execute(sql, parameters)

    def executemany(self, sql: str, rows) -> sqlite3.Cursor:
        return self._connection.executemany(sql, rows)

    def close(self) -> None:
        self.release_writer_lock()
        self._connection.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: the writes inside the block are committed together or not at all.

        A block inside another joins it: the outer block decides.
        """
        if self._connection.in_transaction:
            yield
            return
        if self.read_only:
            raise StoreWriteError(f"{self.path} is read-only (opened from a read-only folder or file); "
                                  "copy the store somewhere writable and pass --store, or ask for write access")
        with write_errors(self.path):
            with immediate(self._connection):
                yield

    # --- the writer lock ---------------------------------------------------------------

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def acquire_writer_lock(self, timeout: float | None = None) -> None:
        """Become the one writer of this store, waiting up to `timeout` seconds for another."""
        if fcntl is None or self._lock_handle is not None:
            return
        if self.read_only:
            raise StoreWriteError(f"{self.path} is read-only; copy the store somewhere writable and "
                                  "pass --store, or ask for write access")
        self._lock_handle = acquire_lock_file(self.lock_path, self.path, timeout)

    def release_writer_lock(self) -> None:
        if self._lock_handle is not None:
            fcntl.flock(self._lock_handle.fileno(), fcntl.LOCK_UN)
            self._lock_handle.close()
            self._lock_handle = None

    def backup(self) -> Path:
        return make_backup(self.path, self._connection)


def acquire_lock_file(lock_path: Path, store_path: Path, timeout: float | None):
    timeout = WRITER_WAIT_SECONDS if timeout is None else timeout
    try:
        handle = lock_path.open("a+")
    except OSError as error:
        raise StoreWriteError(f"cannot write beside {store_path} ({error.strerror}); "
                              "give a writable place with --store") from None
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except OSError:
            if time.monotonic() >= deadline:
                handle.close()
                raise StoreBusyError(
                    f"{store_path} is in use by another paxterm process (waited {timeout:g} s); "
                    "wait until it has finished and run the command again"
                ) from None
            time.sleep(0.1)


@contextmanager
def write_errors(path: Path) -> Iterator[None]:
    """SQLite's write failures a user can act on, as one-line store errors."""
    try:
        yield
    except sqlite3.OperationalError as error:
        message = str(error)
        if "disk is full" in message or "disk I/O error" in message:
            raise StoreWriteError(f"{path}: the disk is full; nothing of this step was written; "
                                  "free some space (or pass --store on another disk) and run again") from None
        if "readonly" in message or "read-only" in message:
            raise StoreWriteError(f"{path} is read-only; copy the store somewhere writable and pass --store") from None
        raise
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise StoreWriteError(f"{path}: the disk is full; free some space and run again") from None
        raise


@contextmanager
def immediate(connection: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (BEGIN IMMEDIATE), rolled back on any error."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if connection.in_transaction:  # SQLite may have rolled back itself (a full disk)
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def make_backup(path: Path, connection: sqlite3.Connection | None = None) -> Path:
    """Copy the store to paxterm.db.bak-<timestamp> beside it; returns the copy's path.

    A damaged file that already has a backup of the same size and time is not
    copied again: a user who retries does not fill the disk with copies.
    """
    if connection is None:
        existing = _backup_of_same_file(path)
        if existing is not None:
            return existing
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    backup = path.with_name(f"{path.name}.bak-{stamp}")
    try:
        if connection is not None:  # a live database: SQLite's backup copies the WAL's content too
            target = sqlite3.connect(backup)
            try:
                connection.backup(target)
            finally:
                target.close()
            return backup
        shutil.copy2(path, backup)
        wal = path.with_name(path.name + "-wal")
        if wal.exists():
            shutil.copy2(wal, backup.with_name(backup.name + "-wal"))
    except (OSError, sqlite3.Error) as error:
        raise StoreWriteError(f"cannot keep a backup of {path} beside it ({error}); copy the file somewhere "
                              "safe yourself, then move it away or give another place with --store") from None
    return backup


def _backup_of_same_file(path: Path) -> Path | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    for backup in sorted(path.parent.glob(f"{path.name}.bak-*")):
        if backup.name.endswith("-wal"):
            continue
        other = backup.stat()
        if other.st_size == stat.st_size and other.st_mtime_ns == stat.st_mtime_ns:
            return backup
    return None


def _corrupt(path: Path, detail: str, connection: sqlite3.Connection | None = None) -> StoreCorruptError:
    backup = make_backup(path)
    return StoreCorruptError(
        f"{path} is not a paxterm project store ({detail}); a backup is at {backup}; "
        "move the file away and run `paxterm run` to rebuild the store"
    )


def open_database(path: str | Path, *, create: bool = True, lock_timeout: float | None = None) -> Database:
    """Open (creating, checking and migrating as needed) the project store at `path`.

    A store in a read-only folder, or a read-only file, opens read-only: reading
    commands work, writing ones say so. Creating a new store happens under the
    writer lock, so two first runs at once do not both create it.
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        raise StoreError(f"{path} is a folder, not a project store file; give a file path with --store")
    exists = path.is_file() and path.stat().st_size > 0
    if not exists and not create:
        raise StoreMissingError(f"{path}: no project store yet; run `paxterm run` on the corpus first")
    if exists:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise _corrupt(path, "corrupted?")
        if not _writable(path):
            return _open_read_only(path)
        return _open_writable(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreWriteError(f"cannot create {path.parent} ({error.strerror}); "
                              "give another place with --store") from None
    # A new store: created under the lock file, so a second first run waits and then finds it made.
    if fcntl is not None:
        handle = acquire_lock_file(path.with_name(path.name + ".lock"), path, lock_timeout)
        try:
            return _open_writable(path)
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
            handle.close()
    return _open_writable(path)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _open_read_only(path: Path) -> Database:
    # mode=ro reads a WAL store when its -shm file can be made; on a read-only
    # share it cannot, and immutable=1 (nobody writes there) is the way in.
    error: sqlite3.Error | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        connection = None
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True,
                                         timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA query_only = ON")
            _check(connection, path, migrate=False)
            return Database(path, connection, read_only=True)
        except sqlite3.DatabaseError as failure:
            error = failure
        except BaseException:
            if connection is not None:
                connection.close()
            raise
        if connection is not None:
            connection.close()  # the next options open it afresh
    raise StoreError(f"cannot read {path} ({error}); it is read-only here, so paxterm cannot repair it: "
                     "copy it somewhere writable and pass --store")


def _open_writable(path: Path) -> Database:
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                                     check_same_thread=False)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open {path} ({error}); check its permissions or give --store") from None
    try:
        with write_errors(path):
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA journal_mode = WAL")
            _check(connection, path, migrate=True)
    except sqlite3.DatabaseError as error:
        connection.close()
        raise _corrupt(path, f"corrupted?: {error}") from None
    except BaseException:
        connection.close()
        raise
    return Database(path, connection)


def _check(connection: sqlite3.Connection, path: Path, *, migrate: bool) -> None:
    check = connection.execute("PRAGMA quick_check").fetchone()[0]
    if check != "ok":
        raise sqlite3.DatabaseError(f"integrity check: {check}")
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreVersionError(
            f"{path} was written by a newer paxterm (store schema {version}, this paxterm reads up to "
            f"{SCHEMA_VERSION}); upgrade paxterm (pip install -U paxterm) or give another --store"
        )
    if version == 0:
        if not migrate:
            raise StoreWriteError(f"{path} is empty and read-only; give a writable place with --store")
        with immediate(connection):
            # Another first run may have been creating the store when we looked
            # (its file was there, its schema not yet committed): look again
            # under SQLite's write lock, and create it only if it is still empty.
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if tables:
                    raise StoreCorruptError(f"{path} is an SQLite database but not a paxterm project store; "
                                            "give another path with --store")
                execute_script(connection, SCHEMA)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                return
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"{path} was written by a newer paxterm (store schema {version}, this paxterm reads up to "
                f"{SCHEMA_VERSION}); upgrade paxterm (pip install -U paxterm) or give another --store"
            )
    if version < SCHEMA_VERSION:
        if not migrate:
            raise StoreWriteError(f"{path} was written by an older paxterm (schema {version}) and is read-only "
                                  "here, so it cannot be upgraded; copy it somewhere writable and pass --store")
        backup = make_backup(path, connection)
        try:
            for step in range(version, SCHEMA_VERSION):
                with immediate(connection):
                    MIGRATIONS[step](connection)
                    connection.execute(f"PRAGMA user_version = {step + 1}")
        except (sqlite3.Error, KeyError) as error:
            raise StoreError(
                f"{path}: could not upgrade the store from schema {version} ({error}); "
                f"the store before the upgrade is at {backup}"
            ) from None
    problem = schema_problem(connection)
    if problem:
        raise StoreCorruptError(
            f"{path}: the store's tables are not those of schema {SCHEMA_VERSION} ({problem}; changed by hand?); "
            "move the file away and run `paxterm run` to rebuild it, or restore a backup (paxterm.db.bak-*)"
        )


def _columns(connection: sqlite3.Connection) -> dict[str, set[str]]:
    tables = [name for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {table: {row[1] for row in connection.execute(f"PRAGMA table_info({table})")} for table in tables}


_EXPECTED: dict[str, set[str]] | None = None


def expected_columns() -> dict[str, set[str]]:
    """The tables and columns of a store made by this paxterm (built once, in memory)."""
    global _EXPECTED
    if _EXPECTED is None:
        memory = sqlite3.connect(":memory:", isolation_level=None)
        execute_script(memory, SCHEMA)
        _EXPECTED = _columns(memory)
        memory.close()
    return _EXPECTED


def schema_problem(connection: sqlite3.Connection) -> str | None:
    """What differs from the expected tables and columns, in words; None when all is there."""
    found = _columns(connection)
    for table, columns in expected_columns().items():
        if table not in found:
            return f"table {table} is missing"
        missing = sorted(columns - found[table])
        if missing:
            return f"table {table} lacks column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
    return None
