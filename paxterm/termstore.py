"""The term base inside the project store: merging new builds and reviewed files without losing edits.

Entries are matched by their (French term, English term) pair, normalised. A
run may add candidates and refresh what the corpus says about an entry
(frequencies, confidence, context, sources), but the terms and status of an
entry a person has judged (validated, rejected, or edited through an import)
are never overwritten. Every change is written to term_history with its origin.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace

from glossary.build import DocumentCandidates
from glossary.extract.merge import StoredCandidatesError, candidates_from_json, candidates_to_json
from glossary.termbase import TermBase, TermEntry, make_entry_id
from paxterm.store import ProjectStore, now

RUN = "run"
IMPORT = "import"
# Statuses a person sets; a run never changes an entry's terms or status once it has one.
JUDGED = ("validated", "rejected")
# What the corpus says about an entry: refreshed by every run, whoever owns the terms.
CORPUS_FIELDS = ("fr_frequency", "en_frequency", "confidence", "fr_context", "en_context", "sources")
# What extraction proposes and a reviewer may correct.
TERM_FIELDS = ("fr", "en", "fr_variants", "en_variants", "pos", "status", "label", "note")
# What a reviewed file brings back: the fields every format (CSV, XLSX, TBX) carries.
REVIEWED_FIELDS = ("fr", "en", "fr_variants", "en_variants", "pos", "status")
_ENTRY_FIELDS = tuple(field.name for field in fields(TermEntry))
_LIST_FIELDS = ("fr_variants", "en_variants", "sources")
_SPACE = re.compile(r"\s+")


def term_key(text: str) -> str:
    """A term as entries are matched: NFC, case-folded, one space, straight apostrophes."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u00a0", " ")
    return _SPACE.sub(" ", text).strip().casefold()


def entry_key(entry: TermEntry) -> tuple[str, str]:
    return term_key(entry.fr), term_key(entry.en)


@dataclass(frozen=True)
class StoredTerm:
    entry: TermEntry
    found_key: tuple[str, str]  # the terms as extraction last proposed them (a match even after a correction)
    edited: bool = False
    rank: int = 0

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
class TermMerge:
    """What a merge writes: entries to insert or replace, ids to delete, the history of it."""

    writes: tuple[StoredTerm, ...]
    deleted: tuple[str, ...]
    history: tuple[HistoryRecord, ...]
    added: int
    updated: int
    unchanged: int


# --- reading and writing ---------------------------------------------------------------------


def load_terms(store: ProjectStore) -> list[StoredTerm]:
    columns = ", ".join(_ENTRY_FIELDS)
    terms = []
    for row in store.db.execute(f"SELECT {columns}, found_fr_key, found_en_key, edited, rank FROM term_entries"):
        values = dict(zip(_ENTRY_FIELDS, row))
        for name in _LIST_FIELDS:
            values[name] = tuple(json.loads(values[name]))
        found = (row[len(_ENTRY_FIELDS)], row[len(_ENTRY_FIELDS) + 1])
        terms.append(StoredTerm(TermEntry(**values), found, bool(row[-2]), int(row[-1])))
    return sorted(terms, key=lambda term: (term.rank, term.entry.id))


def stored_termbase(store: ProjectStore) -> TermBase:
    """The store's term base, in ranking order, as the writers take it."""
    return TermBase(tuple(term.entry for term in load_terms(store)),
                    corpus=store.setting("corpus", "") or "", model=store.setting("model", "") or "")


def terms_signature(store: ProjectStore) -> str:
    """Changes whenever an entry is added, changed or deleted (history records every change)."""
    entries, updated = store.db.execute("SELECT count(*), max(updated_at) FROM term_entries").fetchone()
    (changes,) = store.db.execute("SELECT count(*) FROM term_history").fetchone()
    return f"{entries}:{updated}:{changes}"


def status_counts(store: ProjectStore) -> dict[str, int]:
    return {status: count for status, count in
            store.db.execute("SELECT status, count(*) FROM term_entries GROUP BY status ORDER BY status")}


def term_history(store: ProjectStore, entry_id: str | None = None) -> list[tuple[str, str, str, str | None, str | None, str]]:
    """(entry id, time, field, old, new, origin) rows, oldest first."""
    query = "SELECT entry_id, at, field, old, new, origin FROM term_history"
    arguments: tuple = ()
    if entry_id is not None:
        query += " WHERE entry_id = ?"
        arguments = (entry_id,)
    return list(store.db.execute(query + " ORDER BY id", arguments))


def save_merge(store: ProjectStore, merge: TermMerge, origin: str) -> None:
    """Write a merge and its history in one transaction."""
    stamp = now()
    columns = (*_ENTRY_FIELDS, "found_fr_key", "found_en_key", "edited", "rank", "created_at", "updated_at")
    marks = ", ".join("?" * len(columns))
    with store.transaction():
        for term in merge.writes:
            entry = term.entry
            values = [json.dumps(list(getattr(entry, name))) if name in _LIST_FIELDS else getattr(entry, name)
                      for name in _ENTRY_FIELDS]
            created = store.db.execute("SELECT created_at FROM term_entries WHERE id = ?", (entry.id,)).fetchone()
            store.db.execute(
                f"INSERT OR REPLACE INTO term_entries ({', '.join(columns)}) VALUES ({marks})",
                (*values, *term.found_key, int(term.edited), term.rank, created[0] if created else stamp, stamp))
        store.db.executemany("DELETE FROM term_entries WHERE id = ?", [(entry_id,) for entry_id in merge.deleted])
        store.db.executemany(
            "INSERT INTO term_history (entry_id, at, field, old, new, origin) VALUES (?, ?, ?, ?, ?, ?)",
            [(record.entry_id, stamp, record.field, record.old, record.new, origin) for record in merge.history])


# --- stored term candidates ------------------------------------------------------------------


class StoreCandidateCache:
    """The store's term_candidates table as glossary.build's CandidateCache.

    It remembers which fingerprints a build asked for, so that `prune` can
    drop the rows of documents that changed or left, and which documents it
    had to extract.
    """

    def __init__(self, store: ProjectStore) -> None:
        self.store = store
        self.used: set[str] = set()
        self.extracted: list[str] = []

    def get_candidates(self, fingerprints: Sequence[str]) -> dict[str, DocumentCandidates]:
        self.used.update(fingerprints)
        found = {}
        for fingerprint, (fr_doc, fr, en) in self.store.term_candidates(fingerprints).items():
            try:
                found[fingerprint] = DocumentCandidates(fr_doc, tuple(candidates_from_json(fr)),
                                                        tuple(candidates_from_json(en)))
            except StoredCandidatesError:
                continue  # a damaged row is only a cache miss: the document is extracted again
        return found

    def put_candidates(self, fingerprint: str, candidates: DocumentCandidates) -> None:
        self.used.add(fingerprint)
        self.extracted.append(candidates.document)
        self.store.save_term_candidates(fingerprint, candidates.document, candidates_to_json(candidates.fr),
                                        candidates_to_json(candidates.en))

    def prune(self) -> int:
        """Delete the stored candidates no build through this cache asked for; returns how many."""
        return self.store.keep_term_candidates(self.used)


# --- merging ---------------------------------------------------------------------------------


def merge_build(stored: Sequence[StoredTerm], built: TermBase) -> TermMerge:
    """Fold a fresh term base build into the stored entries (a `paxterm run`).

    Built entries that match a stored one refresh it; judged or edited entries
    keep their terms and status. New pairs become new candidates. Candidates
    the corpus no longer yields are deleted; judged and edited ones are kept.
    A French-only candidate whose English term has now been found becomes bilingual.
    """
    by_key: dict[tuple[str, str], StoredTerm] = {}
    for term in stored:
        by_key.setdefault(term.found_key, term)
    for term in stored:
        by_key.setdefault(entry_key(term.entry), term)
    french_only = {term.found_key[0]: term for term in stored
                   if not term.found_key[1] and not term.protected}
    numbers = _IdNumbers(term.entry.id for term in stored)
    matched: set[str] = set()
    writes: list[StoredTerm] = []
    history: list[HistoryRecord] = []
    added = updated = unchanged = 0
    for rank, entry in enumerate(built.entries):
        key = entry_key(entry)
        match = by_key.get(key)
        if match is None and key[1]:
            match = french_only.get(key[0])
        if match is not None and match.entry.id in matched:
            match = None
        if match is None:
            new = replace(entry, id=numbers.next())
            writes.append(StoredTerm(new, key, False, rank))
            history.append(HistoryRecord(new.id, "entry", None, _describe(new)))
            added += 1
            continue
        matched.add(match.entry.id)
        names = CORPUS_FIELDS if match.protected else CORPUS_FIELDS + TERM_FIELDS
        refreshed = replace(match.entry, **{name: getattr(entry, name) for name in names})
        changes = _changes(match.entry, refreshed)
        if changes or match.rank != rank or match.found_key != key:
            writes.append(StoredTerm(refreshed, key, match.edited, rank))
        history.extend(changes)
        if changes:
            updated += 1
        else:
            unchanged += 1
    deleted = []
    last = len(built.entries)
    for term in stored:
        if term.entry.id in matched:
            continue
        if term.protected:
            if term.rank < last:  # still listed, after everything the corpus yields
                writes.append(replace(term, rank=last + term.rank))
            continue
        deleted.append(term.entry.id)
        history.append(HistoryRecord(term.entry.id, "entry", _describe(term.entry), None))
    return TermMerge(tuple(writes), tuple(deleted), tuple(history), added, updated, unchanged)


def merge_import(stored: Sequence[StoredTerm], reviewed: TermBase) -> TermMerge:
    """Fold a reviewed term base file into the stored entries (`paxterm termbase import`).

    A row is matched by its id, else by its terms. Its terms, variants, part of
    speech and status are taken; rows the store lacks are added.
    Stored entries missing from the file are left as they are.
    """
    by_id = {term.entry.id: term for term in stored}
    by_key: dict[tuple[str, str], StoredTerm] = {}
    for term in stored:
        by_key.setdefault(entry_key(term.entry), term)
    numbers = _IdNumbers(by_id)
    last_rank = max((term.rank for term in stored), default=-1)
    writes: list[StoredTerm] = []
    history: list[HistoryRecord] = []
    added = updated = unchanged = 0
    for entry in reviewed.entries:
        match = by_id.get(entry.id) or by_key.get(entry_key(entry))
        if match is None:
            entry_id = entry.id if entry.id not in by_id else numbers.next()
            numbers.reserve(entry_id)
            new = replace(entry, id=entry_id)
            last_rank += 1
            writes.append(StoredTerm(new, entry_key(new), True, last_rank))
            by_id[entry_id] = writes[-1]
            history.append(HistoryRecord(entry_id, "entry", None, _describe(new)))
            added += 1
            continue
        corrected = replace(match.entry, **{name: getattr(entry, name) for name in REVIEWED_FIELDS})
        changes = _changes(match.entry, corrected)
        if not changes:
            unchanged += 1
            continue
        writes.append(StoredTerm(corrected, match.found_key, True, match.rank))
        history.extend(changes)
        updated += 1
    return TermMerge(tuple(writes), (), tuple(history), added, updated, unchanged)


def _changes(old: TermEntry, new: TermEntry) -> list[HistoryRecord]:
    return [HistoryRecord(old.id, name, _text(getattr(old, name)), _text(getattr(new, name)))
            for name in _ENTRY_FIELDS if getattr(old, name) != getattr(new, name)]


def _text(value: object) -> str:
    if isinstance(value, tuple):
        return " | ".join(value)
    return str(value)


def _describe(entry: TermEntry) -> str:
    return f"{entry.fr} / {entry.en} ({entry.status})"


class _IdNumbers:
    """Hands out T0001-style ids above every id already in use."""

    def __init__(self, ids: Iterable[str]) -> None:
        self._used = set(ids)
        numbers = [int(entry_id[1:]) for entry_id in self._used if re.fullmatch(r"T\d+", entry_id)]
        self._next = max(numbers, default=0) + 1

    def reserve(self, entry_id: str) -> None:
        self._used.add(entry_id)

    def next(self) -> str:
        while make_entry_id(self._next) in self._used:
            self._next += 1
        entry_id = make_entry_id(self._next)
        self._used.add(entry_id)
        return entry_id
