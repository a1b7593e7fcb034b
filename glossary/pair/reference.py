"""Pairs a reference term base vouches for: they win outright over the texts' evidence.

An entry of the reference (its validated and reference entries, not its
candidates nor the pairs a reviewer rejected) is found in the aligned text by
its terms, through the matching candidates or by plain search; it becomes a
pair with REFERENCE_CONFIDENCE and status "reference", and its candidates are
taken out of the pairing that follows. An English term the texts never show
is kept with a note.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from glossary.extract.candidates import TermCandidate
from glossary.pair.model import REFERENCE, TermPair
from glossary.termbase import TermEntry, vouched_entries

REFERENCE_CONFIDENCE = 1.0
REFERENCE_NOTE_UNSEEN = "English from the reference term base (not found in the aligned text)"


def reference_pairs(fr_candidates, en_candidates, segments, reference, used_fr, used_en) -> list[TermPair]:
    """The reference's vouched entries found in the text, as pairs; their candidates join `used_fr` / `used_en`."""
    fr_by_form = _candidates_by_form(fr_candidates)
    en_by_form = _candidates_by_form(en_candidates)
    pairs = []
    for entry in vouched_entries(reference):  # not its candidates, nor the pairs a reviewer rejected
        if not entry.fr_terms:
            continue
        fr_matches = {i for term in entry.fr_terms for i in fr_by_form.get(term.casefold(), ())}
        fr_ids = _occurrences(entry.fr_terms, fr_matches, fr_candidates, segments.fr_texts)
        if not fr_ids:
            continue
        en_matches = {j for term in entry.en_terms for j in en_by_form.get(term.casefold(), ())}
        en_ids = _occurrences(entry.en_terms, en_matches, en_candidates, segments.en_texts)
        shared = fr_ids & en_ids
        used_fr.update(fr_matches)
        used_en.update(en_matches)
        fr = _reference_candidate(entry.fr, "fr", entry, fr_ids, fr_matches, fr_candidates)
        en = (_reference_candidate(entry.en, "en", entry, en_ids, en_matches, en_candidates),) if entry.en else ()
        note = "" if shared or not entry.en else REFERENCE_NOTE_UNSEEN
        pairs.append(TermPair(fr=(fr,), en=en, confidence=REFERENCE_CONFIDENCE, status=REFERENCE,
                              note=note, cooccurrence=len(shared)))
    return pairs


def _candidates_by_form(candidates: Sequence[TermCandidate]) -> dict[str, set[int]]:
    by_form: dict[str, set[int]] = defaultdict(set)
    for index, candidate in enumerate(candidates):
        by_form[candidate.canonical.casefold()].add(index)
        for form in candidate.surface_forms:
            by_form[form.casefold()].add(index)
    return by_form


def _occurrences(terms, matches, candidates, texts: Mapping[str, str]) -> set[str]:
    """Segments holding one of `terms`: through matching candidates, else by plain search."""
    found = {segment_id for index in matches for segment_id in candidates[index].segment_ids}
    patterns = [re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE) for term in terms if term.strip()]
    if patterns:
        found.update(segment_id for segment_id, text in texts.items() if any(p.search(text) for p in patterns))
    return found


def _reference_candidate(term, language, entry: TermEntry, segment_ids, matches, candidates) -> TermCandidate:
    matched = [candidates[index] for index in sorted(matches)]
    surfaces = tuple(dict.fromkeys(form for c in matched for form in c.surface_forms)) or (term,)
    return TermCandidate(
        canonical=term,
        language=language,
        surface_forms=surfaces,
        pos=entry.pos,
        label=entry.label,
        frequency=max(sum(c.frequency for c in matched), len(segment_ids)),
        segment_ids=tuple(sorted(segment_ids)),
        expansion=matched[0].expansion if matched else "",
        score=max((c.score for c in matched), default=1.0),
    )
