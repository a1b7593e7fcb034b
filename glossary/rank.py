"""Termhood: how much a candidate looks like a term of this corpus's domain.

Three signals, each scaled to [0, 1] and combined as a weighted sum:
- C-value (Frantzi, Ananiadou and Mima 2000): frequency, discounted by the
  frequency of the longer candidates a candidate is nested in, and weighted by
  length, so "pays fournisseur" met only inside "pays fournisseur de
  contingents" does not compete with it;
- specificity: how rare the candidate is in general language, from the
  ``wordfreq`` Zipf frequency of the whole string (wordfreq combines the words
  so that the rarest dominates): "coopération triangulaire" 3.4, "nouveau
  souffle" 4.4, "member" 5.2;
- domain weirdness: how much more often the candidate occurs here than in
  general language, given the corpus size.
The score is the weighted sum divided by the best one, so the best candidate
scores 1.
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

# Weights of the three signals; tuned on the ACTER wind-energy domain (English
# and French) only, see benchmarks/bench_terms.py.
CVALUE_WEIGHT = 0.4
SPECIFICITY_WEIGHT = 0.4
WEIRDNESS_WEIGHT = 0.2
# Zipf 7 is about the frequency of "the"/"de"; anything above is general.
MAX_ZIPF = 7.0
# Weirdness in orders of magnitude at which a candidate counts as fully domain-bound.
FULL_WEIRDNESS = 4.0
# Without a token count, assume a candidate occurrence every this many tokens
# (measured on the bundled corpus and ACTER: about one term-pattern span per 2.5 tokens).
TOKENS_PER_OCCURRENCE = 2.5


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
    best_cvalue = max(cvalues) or 1.0
    raw = []
    for candidate, cvalue in zip(candidates, cvalues, strict=True):
        general = general_zipf(candidate.canonical, language)
        specificity = 1.0 - min(general, MAX_ZIPF) / MAX_ZIPF
        corpus_zipf = math.log10(candidate.frequency / total_tokens * 1e9)
        weirdness = min(max(corpus_zipf - general, 0.0), FULL_WEIRDNESS) / FULL_WEIRDNESS
        raw.append(
            CVALUE_WEIGHT * math.log1p(cvalue) / math.log1p(best_cvalue)
            + SPECIFICITY_WEIGHT * specificity
            + WEIRDNESS_WEIGHT * weirdness
        )
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


@lru_cache(maxsize=200_000)
def general_zipf(text: str, language: str) -> float:
    """Zipf frequency of ``text`` in general ``language`` (0 when unknown)."""
    return zipf_frequency(text, language)
