"""Merging a new term base build, or a reviewed file, into the stored entries without losing edits.

Entries are matched by their (French term, English term) pair, normalised. A
run may add candidates and refresh what the corpus says about an entry
(frequencies, confidence, context, sources), but the terms and status of an
entry a person has judged (validated, rejected, or edited through an import)
are never overwritten. Every change is written to term_history with its origin.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields, replace
from types import MappingProxyType

from glossary.termbase import TermBase, TermEntry, make_entry_id
from paxterm.errors import StaleImportError
from paxterm.store.terms import HistoryRecord, StoredTerm, TermChanges

RUN = "run"
IMPORT = "import"
# What the corpus says about an entry: refreshed by every run, whoever owns the terms.
CORPUS_FIELDS = ("fr_frequency", "en_frequency", "confidence", "fr_context", "en_context", "sources", "termhood")
# What extraction proposes and a reviewer may correct.
TERM_FIELDS = ("fr", "en", "fr_variants", "en_variants", "pos", "status", "label", "note")
# What a reviewed file brings back: the fields every format (CSV, XLSX, TBX) carries.
REVIEWED_FIELDS = ("fr", "en", "fr_variants", "en_variants", "pos", "status")
_ENTRY_FIELDS = tuple(field.name for field in fields(TermEntry))
TermMerge = TermChanges
# Stale rows named in one error message; the rest are counted.
MAX_STALE_NAMED = 10
_SPACE = re.compile(r"\s+")


def term_key(text: str) -> str:
    """A term as entries are matched: NFC, case-folded, one space, straight apostrophes."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u00a0", " ")
    return _SPACE.sub(" ", text).strip().casefold()


def entry_key(entry: TermEntry) -> tuple[str, str]:
    return term_key(entry.fr), term_key(entry.en)


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
    numbers = IdNumbers(term.entry.id for term in stored)
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


def merge_import(stored: Sequence[StoredTerm], reviewed: TermBase, *,
                 decided_since_export: Mapping[str, Mapping[str, str]] = MappingProxyType({}),
                 force: bool = False) -> TermMerge:
    """Fold a reviewed term base file into the stored entries (`paxterm termbase import`).

    A row is matched by its id, else by its terms; a row without an id in the
    file (TermBase.unsaid) by its terms only, and added with an id above the
    store's. Its terms, variants, part of speech and status are taken, except
    what the file left unsaid (a blank status, a missing column): that keeps
    the stored value. Rows the store lacks are added; stored entries missing
    from the file are left as they are.

    `decided_since_export` holds, for each entry whose terms or status a person
    changed after the file was exported (its revision stamp), those fields'
    values at the export. A row that still shows them was not touched by its
    reviewer: the newer decision stays (counted as kept_newer). A row that
    changes such a field otherwise is stale: StaleImportError names every one
    of them and nothing is imported, unless `force` lets the file win.
    """
    by_id = {term.entry.id: term for term in stored}
    by_key: dict[tuple[str, str], StoredTerm] = {}
    for term in stored:
        by_key.setdefault(entry_key(term.entry), term)
    numbers = IdNumbers(by_id)
    last_rank = max((term.rank for term in stored), default=-1)
    writes: list[StoredTerm] = []
    history: list[HistoryRecord] = []
    stale: list[str] = []
    added = updated = unchanged = kept_newer = status_unsaid = 0
    for entry in reviewed.entries:
        unsaid = reviewed.unsaid.get(entry.id, frozenset())
        numbered = "id" not in unsaid
        match = (by_id.get(entry.id) if numbered else None) or by_key.get(entry_key(entry))
        if match is None:
            entry_id = entry.id if numbered and entry.id not in by_id else numbers.next()
            numbers.reserve(entry_id)
            new = replace(entry, id=entry_id)
            last_rank += 1
            writes.append(StoredTerm(new, entry_key(new), True, last_rank))
            by_id[entry_id] = writes[-1]
            history.append(HistoryRecord(entry_id, "entry", None, _describe(new)))
            added += 1
            continue
        if "status" in unsaid:
            status_unsaid += 1
        exported = decided_since_export.get(match.entry.id, {})
        taken: dict[str, object] = {}
        conflicts: list[str] = []
        left_as_exported = False
        for name in REVIEWED_FIELDS:
            value = getattr(entry, name)
            if name in unsaid or value == getattr(match.entry, name):
                continue
            if name in exported:
                if _text(value) == exported[name]:
                    left_as_exported = True  # the reviewer did not touch it; the newer decision stays
                    continue
                conflicts.append(name)
            taken[name] = value
        if left_as_exported and not taken:
            kept_newer += 1
        corrected = replace(match.entry, **taken)
        changes = _changes(match.entry, corrected)
        if not changes:
            unchanged += 1
            continue
        if conflicts:
            stale.append(_stale_row(match.entry, corrected, conflicts))
        writes.append(StoredTerm(corrected, match.found_key, True, match.rank))
        history.extend(changes)
        updated += 1
    if stale and not force:
        shown = "; ".join(stale[:MAX_STALE_NAMED]) + (f"; and {len(stale) - MAX_STALE_NAMED} more"
                                                       if len(stale) > MAX_STALE_NAMED else "")
        rows = "1 row of this file changes" if len(stale) == 1 else f"{len(stale)} rows of this file change"
        raise StaleImportError(
            f"{rows} what was decided since it was exported, so nothing was imported: {shown}; export the "
            "term base again (paxterm run) and redo these rows there, or import with --force to let the file win")
    return TermMerge(tuple(writes), (), tuple(history), added, updated, unchanged, kept_newer, status_unsaid)


def _stale_row(stored: TermEntry, reviewed: TermEntry, names: Sequence[str]) -> str:
    differences = ", ".join(f"{name} {getattr(stored, name)!r} in the store, {getattr(reviewed, name)!r} in the file"
                            for name in names)
    return f"{stored.id} ({stored.fr or stored.en}): {differences}"


def _changes(old: TermEntry, new: TermEntry) -> list[HistoryRecord]:
    return [HistoryRecord(old.id, name, _text(getattr(old, name)), _text(getattr(new, name)))
            for name in _ENTRY_FIELDS if getattr(old, name) != getattr(new, name)]


def _text(value: object) -> str:
    if isinstance(value, tuple):
        return " | ".join(value)
    return str(value)


def _describe(entry: TermEntry) -> str:
    return f"{entry.fr} / {entry.en} ({entry.status})"


class IdNumbers:
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
