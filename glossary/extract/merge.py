"""Per-document term candidates: stored as JSON, merged into the corpus's candidates.

Extraction (spaCy) is the slow part of building a term base, and a
document's candidates depend on that document's text only. So candidates are
extracted document by document, kept (a project store keeps them between
runs), and merged: an incremental run extracts only the documents whose
links changed.

A candidate keeps its surface forms in order of frequency with their
counts, so merging adds up each document's counts: the document's frequency
for its preferred canonical form, label and pattern, and each surface form's
own count (for candidates stored without counts, an estimate: every listed
form occurred at least once, the first one the rest of the time; the merged
candidate then carries no counts). A term base built from one document is
the same whether merged or not, and the same whether its documents were
extracted in this run or an earlier one.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields, replace

from aligner.errors import PaxtermError
from glossary.extract.candidates import ACRONYM, ORGANIZATION, PERSON, TERM, TermCandidate

# Label ties go to the most specific label: a form met as often as a name and
# as a common noun is shown as the name (extraction decides ties the same way).
_LABEL_PRIORITY = {ACRONYM: 0, PERSON: 1, ORGANIZATION: 2, TERM: 3}
_FIELDS = tuple(item.name for item in fields(TermCandidate))
_TUPLE_FIELDS = ("surface_forms", "segment_ids", "surface_counts")


class StoredCandidatesError(PaxtermError):
    """Stored term candidates cannot be read back (written by another version, or damaged)."""


def candidate_to_json(candidate: TermCandidate) -> dict:
    """A JSON-ready dict of every field of ``candidate``."""
    values = asdict(candidate)
    for name in _TUPLE_FIELDS:
        values[name] = list(values[name])
    return values


def candidate_from_json(values: dict) -> TermCandidate:
    """The candidate `candidate_to_json` wrote; raises StoredCandidatesError when it does not fit."""
    if not isinstance(values, dict) or set(values) - set(_FIELDS):
        raise StoredCandidatesError(f"not a stored term candidate: {str(values)[:80]!r}; run again to rebuild them")
    try:
        return TermCandidate(**{name: tuple(value) if name in _TUPLE_FIELDS else value
                                for name, value in values.items()})
    except TypeError as error:
        raise StoredCandidatesError(f"not a stored term candidate ({error}); run again to rebuild them") from None


def candidates_to_json(candidates: Iterable[TermCandidate]) -> str:
    return json.dumps([candidate_to_json(candidate) for candidate in candidates], ensure_ascii=False)


def candidates_from_json(text: str) -> list[TermCandidate]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        raise StoredCandidatesError(f"stored term candidates are not JSON ({error.msg}); run again to rebuild them") from None
    if not isinstance(items, list):
        raise StoredCandidatesError("stored term candidates are not a JSON list; run again to rebuild them")
    return [candidate_from_json(item) for item in items]


@dataclass
class _Merged:
    """What the documents say about one candidate, weighted by their frequencies."""

    first: TermCandidate
    frequency: int = 0
    canonicals: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)
    expansions: Counter[str] = field(default_factory=Counter)
    patterns: Counter[str] = field(default_factory=Counter)
    pos: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    segment_ids: dict[str, None] = field(default_factory=dict)
    # Whether every document counted its surface forms (else the counts are estimates, not written).
    counted: bool = True

    def add(self, candidate: TermCandidate) -> None:
        weight = candidate.frequency
        self.frequency += weight
        self.canonicals[candidate.canonical] += weight
        self.labels[candidate.label] += weight
        self.patterns[candidate.pattern] += weight
        self.pos.setdefault((candidate.label, candidate.canonical), Counter())[candidate.pos] += weight
        if candidate.expansion:
            self.expansions[candidate.expansion] += weight
        forms = candidate.surface_forms
        if len(candidate.surface_counts) == len(forms):
            for form, count in zip(forms, candidate.surface_counts):
                self.surfaces[form] += count
        else:  # stored without counts: every listed form occurred once at least, the first the rest of the time
            self.counted = False
            for rank, form in enumerate(forms):
                self.surfaces[form] += max(1, weight - (len(forms) - 1)) if rank == 0 else 1
        self.segment_ids.update(dict.fromkeys(candidate.segment_ids))


def merge_candidates(per_document: Sequence[Sequence[TermCandidate]]) -> list[TermCandidate]:
    """One language's candidates of several documents as one corpus's, most frequent first.

    Candidates are the same term when their canonical forms are the same but
    for case (as extraction groups occurrences). Frequencies add up, segment
    ids follow the documents' order, and canonical form, label, part of
    speech, pattern, expansion and surface-form order go to the weightiest
    reading. Scores are left at 0: rank the merged candidates.
    """
    groups: dict[str, list[TermCandidate]] = {}
    for candidates in per_document:
        for candidate in candidates:
            groups.setdefault(candidate.canonical.casefold(), []).append(candidate)
    merged = [_merged(group) for group in groups.values()]
    merged.sort(key=lambda candidate: (-candidate.frequency, candidate.canonical))
    return merged


def _merged(group: list[TermCandidate]) -> TermCandidate:
    if len(group) == 1:  # most candidates occur in one document: nothing to weigh
        return group[0] if group[0].score == 0.0 else replace(group[0], score=0.0)
    weighed = _Merged(group[0])
    for candidate in group:
        weighed.add(candidate)
    return _candidate(weighed)


def _candidate(group: _Merged) -> TermCandidate:
    label = _heaviest(group.labels, key=lambda name: _LABEL_PRIORITY.get(name, len(_LABEL_PRIORITY)))
    canonical = _heaviest(group.canonicals)
    if label == TERM and canonical[:1].isupper():
        # As extraction does: a term met mostly at sentence starts is shown lower-case.
        lowered = Counter({form: count for form, count in group.canonicals.items() if form[:1].islower()})
        if lowered:
            canonical = _heaviest(lowered)
    pos_votes = group.pos.get((label, canonical)) or sum(
        (votes for (name, _), votes in group.pos.items() if name == label), Counter())
    surface_forms = tuple(_by_weight(group.surfaces))
    return TermCandidate(
        canonical=canonical,
        language=group.first.language,
        surface_forms=surface_forms,
        surface_counts=tuple(group.surfaces[form] for form in surface_forms) if group.counted else (),
        pos=_heaviest(pos_votes) if pos_votes else group.first.pos,
        label=label,
        frequency=group.frequency,
        segment_ids=tuple(group.segment_ids),
        expansion=_heaviest(group.expansions) if group.expansions else "",
        pattern=_heaviest(group.patterns),
    )


def _heaviest(counts: Counter[str], key=None) -> str:
    """The value with the largest weight; ties by `key`, then by first seen."""
    order = {value: index for index, value in enumerate(counts)}
    return min(counts, key=lambda value: (-counts[value], key(value) if key else 0, order[value]))


def _by_weight(counts: Counter[str]) -> list[str]:
    order = {value: index for index, value in enumerate(counts)}
    return sorted(counts, key=lambda value: (-counts[value], order[value]))
