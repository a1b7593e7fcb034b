"""A reviewer's edits of term entries, one by one: checked values, the revision check, the history.

The service applies them (paxterm.service.Project.update_term, set_term_statuses,
add_term); the same rules as a term base import: statuses read in English or
French, an entry changed by a person is protected from later runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from glossary.termbase import LABELS, MULTI_VALUE_SEPARATOR, UnknownStatusError, allowed_statuses, parse_status
from paxterm.errors import InvalidEditError, NotFoundError, StaleEditError
from paxterm.store import HistoryRecord, ProjectStore, StoredTerm

# Origin of term changes made one by one (the review app), beside "run" and "import".
REVIEW = "review"
# The fields of a term entry a reviewer may set one by one.
EDITABLE_TERM_FIELDS = ("fr", "en", "fr_variants", "en_variants", "pos", "status", "label", "note")


def existing_term(store: ProjectStore, entry_id: str) -> StoredTerm:
    term = store.terms.get(entry_id)
    if term is None:
        raise NotFoundError(f"no term entry {entry_id} in this project")
    return term


def term_values(changes: Mapping[str, object]) -> dict[str, object]:
    """A reviewer's changes to a term entry, checked and in the entry's own types."""
    unknown = sorted(set(changes) - set(EDITABLE_TERM_FIELDS))
    if unknown:
        raise InvalidEditError(f"cannot set {', '.join(unknown)} of a term entry; "
                               f"the fields a reviewer sets are {', '.join(EDITABLE_TERM_FIELDS)}")
    if "status" in changes:
        changes = {**changes, "status": reviewer_status(str(changes["status"]))}
    if "label" in changes and changes["label"] not in LABELS:
        raise InvalidEditError(f"a term's label is one of {', '.join(LABELS)}, not '{changes['label']}'")
    if "fr" in changes and not str(changes["fr"]).strip():
        raise InvalidEditError("a term entry needs its French term: reject the entry instead of emptying it")
    return {name: variants(value) if name.endswith("variants")
            else str(value).strip() if name in ("fr", "en") else str(value)
            for name, value in changes.items()}


def reviewer_status(text: str) -> str:
    """A status as a term base import reads it ("Validé", "rejected", "rejeté"); a blank one is refused."""
    if not text.strip():
        raise InvalidEditError(f"a term's status is one of {allowed_statuses()}, not blank")
    try:
        return parse_status(text)
    except UnknownStatusError:
        raise InvalidEditError(f"a term's status is one of {allowed_statuses()}, not '{text}'") from None


def variants(value: object) -> tuple[str, ...]:
    """Variants as a list, or as one text with the term base's separator ("a | b")."""
    items = value.split(MULTI_VALUE_SEPARATOR.strip()) if isinstance(value, str) else value
    return tuple(text for text in (str(item).strip() for item in items) if text)  # type: ignore[union-attr]


def term_change(store: ProjectStore, entry_id: str, values: Mapping[str, object],
                 revision: int | None) -> tuple[StoredTerm, tuple[HistoryRecord, ...]] | None:
    """The entry with `values` set and the history of it; None when nothing changes."""
    term = existing_term(store, entry_id)
    if revision is not None and revision != term.revision:
        raise StaleEditError(f"term entry {entry_id} was changed since it was read (revision "
                             f"{term.revision}, the edit was made on {revision}); reload it and edit again")
    updated = replace(term.entry, **values)
    if updated == term.entry:
        return None
    history = tuple(HistoryRecord(entry_id, name, text(getattr(term.entry, name)), text(value))
                    for name, value in values.items() if getattr(term.entry, name) != value)
    return replace(term, entry=updated, edited=True), history


def text(value: object) -> str:
    if isinstance(value, tuple):
        return " | ".join(value)
    return str(value)
