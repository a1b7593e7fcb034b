"""Termhood: how much a candidate looks like a term of this corpus's domain.

score = C-value factor x (FLOOR + (1 - FLOOR) x domain specificity), divided by
the best score so that the best candidate scores 1.
- C-value (Frantzi, Ananiadou and Mima 2000): frequency, discounted by the
  frequency of the longer candidates a candidate is nested in, and weighted by
  length, so "pays fournisseur" met only inside "pays fournisseur de
  contingents" does not compete with it; log-scaled to [0, 1].
- domain specificity, against general language as the ``wordfreq`` Zipf
  frequency of the whole string gives it (wordfreq combines the words so that
  the rarest dominates: "coopération triangulaire" 3.4, "nouveau souffle" 4.4,
  "member" 5.2): the mean of its rarity there and of how many orders of
  magnitude more often it occurs here (Ahmad's "weirdness", on a log scale).
Specificity multiplies rather than adds: added, it promotes every rare string
met once (symbols, typos); multiplied, it demotes general words without
lifting noise above frequent terms.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from wordfreq import zipf_frequency

from glossary.extract import TermCandidate
from glossary.nlp import normalise_language

# Share of the C-value factor a fully general candidate keeps. Tuned on the ACTER
# wind-energy domain (English and French) only, among 1, 0.5 and 0.3; see
# benchmarks/bench_terms.py.
SPECIFICITY_FLOOR = 0.3
# Zipf 7 is about the frequency of "the" or "de": nothing is more general.
MAX_ZIPF = 7.0
# Orders of magnitude above general-language frequency at which a candidate
# counts as fully domain-bound (a Zipf difference; not tuned).
FULL_SPECIFICITY = 4.0
# Without a token count, estimate it from the candidate occurrences: the six
# ACTER en/fr domains have 1.4 to 2.6 whitespace tokens per occurrence, median 1.8.
TOKENS_PER_OCCURRENCE = 1.8


def rank_candidates(
    candidates: Sequence[TermCandidate], language: str, *, total_tokens: int | None = None
) -> list[TermCandidate]:
    """``candidates`` with their termhood score in [0, 1], best first."""
    if not candidates:
        return []
    language = normalise_language(language)
    if total_tokens is None:
        total_tokens = max(1, round(TOKENS_PER_OCCURRENCE * sum(c.frequency for c in candidates)))
    cvalues = c_values(candidates)
    scale = math.log1p(max(cvalues)) or 1.0
    raw = [
        math.log1p(cvalue)
        / scale
        * (SPECIFICITY_FLOOR + (1 - SPECIFICITY_FLOOR) * specificity(candidate, language, total_tokens))
        for candidate, cvalue in zip(candidates, cvalues, strict=True)
    ]
    top = max(raw) or 1.0
    scored = [
        replace(candidate, score=round(value / top, 6))
        for candidate, value in zip(candidates, raw, strict=True)
    ]
    scored.sort(key=lambda candidate: (-candidate.score, -candidate.frequency, candidate.canonical))
    return scored


def c_values(candidates: Sequence[TermCandidate]) -> list[float]:
    """C-value of each candidate, nesting found through the surface forms.

    Candidate a is nested in b when a surface form of a is a run of whole
    words of a surface form of b. Lengths count words plus one, so that
    single-word candidates get a C-value too.
    """
    index_of_form: dict[tuple[str, ...], int] = {}
    for index, candidate in enumerate(candidates):
        for form in candidate.surface_forms:
            index_of_form.setdefault(tuple(form.lower().split()), index)
    containers: dict[int, set[int]] = defaultdict(set)
    for outer, candidate in enumerate(candidates):
        for form in candidate.surface_forms:
            words = form.lower().split()
            for length in range(1, len(words)):
                for start in range(len(words) - length + 1):
                    inner = index_of_form.get(tuple(words[start : start + length]))
                    if inner is not None and inner != outer:
                        containers[inner].add(outer)
    values = []
    for index, candidate in enumerate(candidates):
        weight = math.log2(len(candidate.canonical.split()) + 1)
        outer = containers.get(index)
        frequency = float(candidate.frequency)
        if outer:
            frequency -= sum(candidates[o].frequency for o in outer) / len(outer)
        values.append(weight * max(frequency, 0.0))
    return values


def specificity(candidate: TermCandidate, language: str, total_tokens: int) -> float:
    """Mean of rarity in general language and excess frequency here, in [0, 1].

    The excess alone saturates on a small corpus, where every candidate is far
    more frequent than in general language; rarity alone ignores how often
    the corpus uses the candidate.
    """
    general = general_zipf(candidate.canonical, language)
    rarity = 1.0 - min(general, MAX_ZIPF) / MAX_ZIPF
    corpus_zipf = math.log10(candidate.frequency / total_tokens * 1e9)
    excess = min(max(corpus_zipf - general, 0.0), FULL_SPECIFICITY) / FULL_SPECIFICITY
    return (rarity + excess) / 2


@lru_cache(maxsize=200_000)
def general_zipf(text: str, language: str) -> float:
    """Zipf frequency of ``text`` in general ``language`` (0 when unknown)."""
    return zipf_frequency(text, language)
