"""The term base inside the store: entries in ranking order and the history of every change."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, fields

from glossary.termbase import TermEntry
from paxterm.store.connection import Database, now

# Statuses a person sets; a run never changes an entry's terms or status once it has one.
JUDGED = ("validated", "rejected")
_ENTRY_FIELDS = tuple(field.name for field in fields(TermEntry))
_LIST_FIELDS = ("fr_variants", "en_variants", "sources")


@dataclass(frozen=True)
class StoredTerm:
    entry: TermEntry
    found_key: tuple[str, str]  # the terms as extraction last proposed them (a match even after a correction)
    edited: bool = False
    rank: int = 0
    revision: int = 0

    @property
    def protected(self) -> bool:
        return self.edited or self.entry.status in JUDGED


@dataclass(frozen=True)
class HistoryRecord:
    entry_id: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class TermChanges:
    """What a merge writes: entries to insert or replace, ids to delete, the history of it."""

    writes: tuple[StoredTerm, ...]
    deleted: tuple[str, ...]
    history: tuple[HistoryRecord, ...]
    added: int
    updated: int
    unchanged: int
    # Rows of an older export that a person left as they were while a newer decision was taken:
    # the newer decision stays (paxterm.term_merge.merge_import).
    kept_newer: int = 0
    # Entries whose status the file left unsaid (a blank cell, no Status column): kept as stored.
    status_unsaid: int = 0


class TermRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> list[StoredTerm]:
        columns = ", ".join(_ENTRY_FIELDS)
        terms = []
        for row in self._db.execute(
                f"SELECT {columns}, found_fr_key, found_en_key, edited, rank, revision FROM term_entries"):
            terms.append(_term(row))
        return sorted(terms, key=lambda term: (term.rank, term.entry.id))

    def get(self, entry_id: str) -> StoredTerm | None:
        columns = ", ".join(_ENTRY_FIELDS)
        row = self._db.execute(f"SELECT {columns}, found_fr_key, found_en_key, edited, rank, revision "
                               "FROM term_entries WHERE id = ?", (entry_id,)).fetchone()
        return _term(row) if row else None

    def signature(self) -> str:
        """Changes whenever an entry is added, changed or deleted (history records every change)."""
        entries, updated = self._db.execute("SELECT count(*), max(updated_at) FROM term_entries").fetchone()
        (changes,) = self._db.execute("SELECT count(*) FROM term_history").fetchone()
        return f"{entries}:{updated}:{changes}"

    def status_counts(self) -> dict[str, int]:
        return {status: count for status, count in
                self._db.execute("SELECT status, count(*) FROM term_entries GROUP BY status ORDER BY status")}

    def below_termhood(self, min_termhood: float, decided: tuple[str, ...]) -> int:
        """How many undecided entries score under `min_termhood` (what the term base files leave out)."""
        marks = ", ".join("?" * len(decided))
        return int(self._db.execute(
            f"SELECT count(*) FROM term_entries WHERE termhood < ? AND status NOT IN ({marks})",
            (min_termhood, *decided)).fetchone()[0])

    def bilingual_counts(self) -> tuple[int, int]:
        """(entries with an English term, all entries)."""
        bilingual = self._db.execute("SELECT count(*) FROM term_entries WHERE en != ''").fetchone()[0]
        total = self._db.execute("SELECT count(*) FROM term_entries").fetchone()[0]
        return int(bilingual), int(total)

    def revision_stamp(self) -> int:
        """The number of the latest change: an export stamped with it knows which decisions it has seen."""
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM term_history").fetchone()[0])

    def decided_after(self, stamp: int, fields: Sequence[str], origins: Sequence[str]) -> dict[str, dict[str, str]]:
        """The entries whose `fields` a change of these `origins` set after change number `stamp`.

        Entry id -> field -> its value at `stamp`, as the history writes values (the old value of
        the first such change after it): what an export stamped `stamp` showed.
        """
        field_marks, origin_marks = ", ".join("?" * len(fields)), ", ".join("?" * len(origins))
        rows = self._db.execute(
            f"SELECT entry_id, field, old FROM term_history WHERE id > ? AND field IN ({field_marks}) "
            f"AND origin IN ({origin_marks}) ORDER BY id", (stamp, *fields, *origins))
        exported: dict[str, dict[str, str]] = {}
        for entry_id, field, old in rows:
            exported.setdefault(entry_id, {}).setdefault(field, old or "")
        return exported

    def history(self, entry_id: str | None = None) -> list[tuple[str, str, str, str | None, str | None, str]]:
        """(entry id, time, field, old, new, origin) rows, oldest first."""
        query = "SELECT entry_id, at, field, old, new, origin FROM term_history"
        arguments: tuple = ()
        if entry_id is not None:
            query += " WHERE entry_id = ?"
            arguments = (entry_id,)
        return list(self._db.execute(query + " ORDER BY id", arguments))

    def save(self, changes: TermChanges, origin: str) -> None:
        """Write a merge and its history in one transaction; every written entry's revision goes up."""
        stamp = now()
        columns = (*_ENTRY_FIELDS, "found_fr_key", "found_en_key", "edited", "rank", "revision", "created_at",
                   "updated_at")
        marks = ", ".join("?" * len(columns))
        with self._db.transaction():
            for term in changes.writes:
                entry = term.entry
                values = [json.dumps(list(getattr(entry, name))) if name in _LIST_FIELDS else getattr(entry, name)
                          for name in _ENTRY_FIELDS]
                previous = self._db.execute("SELECT created_at, revision FROM term_entries WHERE id = ?",
                                            (entry.id,)).fetchone()
                created, revision = (previous[0], previous[1] + 1) if previous else (stamp, 0)
                self._db.execute(
                    f"INSERT OR REPLACE INTO term_entries ({', '.join(columns)}) VALUES ({marks})",
                    (*values, *term.found_key, int(term.edited), term.rank, revision, created, stamp))
            self._db.executemany("DELETE FROM term_entries WHERE id = ?",
                                 [(entry_id,) for entry_id in changes.deleted])
            self._db.executemany(
                "INSERT INTO term_history (entry_id, at, field, old, new, origin) VALUES (?, ?, ?, ?, ?, ?)",
                [(record.entry_id, stamp, record.field, record.old, record.new, origin)
                 for record in changes.history])


def _term(row) -> StoredTerm:
    values = dict(zip(_ENTRY_FIELDS, row))
    for name in _LIST_FIELDS:
        values[name] = tuple(json.loads(values[name]))
    count = len(_ENTRY_FIELDS)
    return StoredTerm(TermEntry(**values), (row[count], row[count + 1]), bool(row[count + 2]), int(row[count + 3]),
                      int(row[count + 4]))
