"""Pairs whose preferred French terms are written alike become one entry.

Extraction groups a span by its lemma, but a name by its surface: spaCy tags
"États Membres" as an organisation in some sentences and not in others, so
the corpus yields two candidates ("États Membres", an organisation, and
"état membre", a term), each paired on its own ("Member States", "States
Members"), and the term base would show "États Membres" twice. Once the
written French forms are known (glossary.extract.attested), the later pair in
term-base order is folded into the earlier: its French candidates become
variants (written alike, they add occurrences, not a new term) and its
English ones English variants. Reference pairs keep their own terms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from glossary.pair.model import REFERENCE, TermPair


def merge_homographs(items: Sequence[tuple]) -> list[tuple]:
    """Items (pair, its written French term, ...) in term-base order, each later pair written as an earlier one
    folded into it; the earlier item keeps the rest of its fields (its termhood, its English as written)."""
    first: dict[str, int] = {}
    merged: list[tuple] = []
    for item in items:
        pair, written = item[0], item[1]
        key = " ".join(written.casefold().replace("\u2019", "'").split())
        if pair.status == REFERENCE or key not in first or merged[first[key]][0].status == REFERENCE:
            first.setdefault(key, len(merged))
            merged.append(item)
            continue
        kept = merged[first[key]]
        english = {candidate.canonical.casefold() for candidate in kept[0].en}
        folded = replace(kept[0], fr=kept[0].fr + pair.fr,
                         en=kept[0].en + tuple(c for c in pair.en if c.canonical.casefold() not in english))
        merged[first[key]] = (folded, *kept[1:])
    return merged
