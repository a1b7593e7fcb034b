"""The corpus statistics of termhood, and the ranking score built on them.

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

Two corrections favour the maximal *termlike* unit over the maximal string:
- a span that starts (or, in French, ends after its complement) with a
  general qualifying adjective or an -ing verb ("greater impact", "enabling
  effective burden-sharing", "nouveau souffle", "partage des charges
  efficace") is a term inside a phrase: its score is multiplied by
  GENERAL_EDGE_FACTOR, and it does not discount the terms nested in it;
- a nested candidate keeps at least NESTED_FLOOR of its own frequency as
  C-value, because the longer candidate it always occurs in is usually the
  less termlike ("prevalence of conflict-related sexual violence").
General means Zipf >= GENERAL_ADJECTIVE_ZIPF and not relational: relational
adjectives (political, regional, triangulaire, opérationnelle: -al, -ic,
-ar, -ary, -ique, -aire, -el...) are what multiword terms are made of
(Daille 1996), whatever their frequency.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from wordfreq import zipf_frequency

from glossary.extract.candidates import TermCandidate
from glossary.extract.nlp import normalise_language

# Share of the C-value factor a fully general candidate keeps. Tuned on the ACTER
# wind-energy domain (English and French) only, among 1, 0.5 and 0.3; see
# benchmarks/bench_terms.py.
SPECIFICITY_FLOOR = 0.3
# Zipf 7 is about the frequency of "the" or "de": nothing is more general.
MAX_ZIPF = 7.0
# Orders of magnitude above general-language frequency at which a candidate
# counts as fully domain-bound (a Zipf difference; not tuned).
FULL_SPECIFICITY = 4.0
# A nested candidate's C-value is at least this share of its unnested value
# (chosen on ACTER wind, en and fr, among 0, 0.25 and 0.5: 0.5 cost 0.004 F1,
# 0.25 about 0.002; 0 leaves such terms unranked).
NESTED_FLOOR = 0.25
# Termhood kept by a span with a general edge word (chosen on ACTER wind among
# 1, 0.7 and 0.5: 0.5 is best in English, 1 in French, 0.7 between).
GENERAL_EDGE_FACTOR = 0.7
# Adjectives at least this frequent in general language count as general unless
# relational ("assessed" 3.9, "broader" 4.0, "greater" 4.9; not tuned).
GENERAL_ADJECTIVE_ZIPF = 4.0
RELATIONAL_SUFFIXES = {
    "en": ("al", "ic", "ar", "ary", "ian", "ial", "ese"),
    "fr": ("al", "ale", "aux", "ales", "ique", "iques", "aire", "aires", "el", "elle", "els", "elles",
           "ien", "ienne", "iens", "iennes", "ier", "ière", "iers", "ières", "if", "ive", "ifs", "ives"),
}
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
    general_edges = [has_general_edge(candidate, language) for candidate in candidates]
    cvalues = c_values(candidates, ignored_containers=general_edges)
    scale = math.log1p(max(cvalues)) or 1.0
    raw = [
        math.log1p(cvalue)
        / scale
        * (SPECIFICITY_FLOOR + (1 - SPECIFICITY_FLOOR) * specificity(candidate, language, total_tokens))
        * (GENERAL_EDGE_FACTOR if general else 1.0)
        for candidate, cvalue, general in zip(candidates, cvalues, general_edges, strict=True)
    ]
    top = max(raw) or 1.0
    scored = [
        replace(candidate, score=round(value / top, 6))
        for candidate, value in zip(candidates, raw, strict=True)
    ]
    scored.sort(key=lambda candidate: (-candidate.score, -candidate.frequency, candidate.canonical))
    return scored


def c_values(
    candidates: Sequence[TermCandidate], *, ignored_containers: Sequence[bool] | None = None
) -> list[float]:
    """C-value of each candidate, nesting found through the surface forms.

    Candidate a is nested in b when a surface form of a is a run of whole
    words of a surface form of b. Lengths count words plus one, so that
    single-word candidates get a C-value too. Containers flagged in
    ``ignored_containers`` discount nothing; no discount takes more than
    1 - NESTED_FLOOR of a candidate's frequency.
    """
    ignored = ignored_containers or [False] * len(candidates)
    index_of_form: dict[tuple[str, ...], int] = {}
    for index, candidate in enumerate(candidates):
        for form in candidate.surface_forms:
            index_of_form.setdefault(tuple(form.lower().split()), index)
    containers: dict[int, set[int]] = defaultdict(set)
    for outer, candidate in enumerate(candidates):
        if ignored[outer]:
            continue
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
            discount = sum(candidates[o].frequency for o in outer) / len(outer)
            frequency = max(frequency - discount, NESTED_FLOOR * frequency)
        values.append(weight * max(frequency, 0.0))
    return values


def has_general_edge(candidate: TermCandidate, language: str) -> bool:
    """Whether a multiword candidate opens (or, in French, closes) with a general word."""
    words = candidate.canonical.split()
    pattern = candidate.pattern
    if len(words) < 2 or len(pattern) < 2 or candidate.label != "term":
        return False
    first, last = words[0].lower(), words[-1].lower()
    if pattern[0] == "V" and first.endswith("ing"):
        return True  # "enabling effective burden-sharing", "remaining challenge"
    if pattern[0] == "A" and is_general_adjective(first, language):
        return True
    # French adjective after a complement qualifies the whole phrase: "partage des charges efficace".
    return (
        language == "fr"
        and pattern[-1] == "A"
        and "D" in pattern
        and pattern.rindex("D") < len(pattern) - 2
        and is_general_adjective(last, language)
    )


def is_general_adjective(word: str, language: str) -> bool:
    """A frequent adjective that is not relational: it qualifies a phrase rather than naming a kind."""
    if "-" in word or word.endswith(RELATIONAL_SUFFIXES[language]):
        return False
    return general_zipf(word, language) >= GENERAL_ADJECTIVE_ZIPF


def specificity(candidate: TermCandidate, language: str, total_tokens: int) -> float:
    """Mean of rarity in general language and excess frequency here, in [0, 1].

    The excess alone saturates on a small corpus, where every candidate is far
    more frequent than in general language; rarity alone ignores how often
    the corpus uses the candidate.
    """
    rarity, excess = specificity_parts(candidate, language, total_tokens)
    return (rarity + excess) / 2


def specificity_parts(candidate: TermCandidate, language: str, total_tokens: int) -> tuple[float, float]:
    """Rarity in general language and excess frequency here, each in [0, 1]."""
    general = general_zipf(candidate.canonical, language)
    rarity = 1.0 - min(general, MAX_ZIPF) / MAX_ZIPF
    corpus_zipf = math.log10(candidate.frequency / total_tokens * 1e9)
    excess = min(max(corpus_zipf - general, 0.0), FULL_SPECIFICITY) / FULL_SPECIFICITY
    return rarity, excess


@lru_cache(maxsize=200_000)
def general_zipf(text: str, language: str) -> float:
    """Zipf frequency of ``text`` in general ``language`` (0 when unknown)."""
    return zipf_frequency(text, language)
