"""Termhood features measured on ACTER and not kept (benchmarks/RESULTS.md, "tried and not kept").

`fit_termhood.py --try NAME` appends the column(s) of TRIED[NAME] to the
shipped features and prints the same held-out table, so each figure of the
list can be rerun. Nothing here is imported by paxterm, aligner or glossary.

The family measured here (2026-12-02): a candidate that is a shorter
candidate extended by one general word, the free phrases issue 7 sees on the
bundled corpus ("renforcement de la coopération triangulaire", "strengthening
triangular cooperation", "étape cruciale"). Each candidate is split three ways
(`extensions`): a French or English head noun and its prepositional
complement ("renforcement de la | coopération triangulaire", "importance of |
mandates"), a leading modifier ("proposed | project activity"), a trailing
word ("ressources | suffisantes", "cooperation | efforts"); a split counts
when its remainder is itself a candidate.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from glossary.extract.candidates import TERM, TermCandidate
from glossary.rank.cvalue import general_zipf
from glossary.rank.features import _word_counts, _word_excess
from glossary.rank.phrases import is_qualified

# French contractions of de / à with the definite article.
_ARTICLE_PREPOSITIONS = {"du", "des", "au", "aux"}
_DEVERBAL_SUFFIXES = ("tion", "sion", "ment", "age", "ance", "ence", "ure")
MAX_ZIPF = 7.0


def extensions(candidate: TermCandidate) -> list[tuple[str, str, str]]:
    """(added word, remainder, kind) for each way the candidate is a shorter span plus one word."""
    words, pattern = candidate.canonical.split(), candidate.pattern
    if len(words) < 2 or len(pattern) != len(words) or candidate.label != TERM:
        return []
    out = []
    if pattern[0] == "N" and pattern[1] == "D":
        start = 2 + (len(pattern) > 2 and pattern[2] == "T")
        if start < len(words):
            out.append((words[0], " ".join(words[start:]), "head_complement"))
    if pattern[0] in "AVN" and pattern[1] not in "DCE":
        out.append((words[0], " ".join(words[1:]), "leading"))
    if pattern[-1] in "AN" and pattern[-2] not in "DTCEK":
        out.append((words[-1], " ".join(words[:-1]), "trailing"))
    return out


def general_extension(pivot: float, domain_discount: bool, kinds: tuple[str, ...] = ("head_complement", "leading",
                                                                                     "trailing"),
                      need_candidate: bool = True, surface_forms: bool = False, remainder_rank: bool = False):
    """The added word's generality (Zipf above `pivot`, scaled to [0, 1]), best split; 0 without one.

    `domain_discount`: times 1 - the added word's own excess frequency here
    (glossary.rank.features word excess), so a domain word ("wind" in "wind
    turbine") adds no generality. `surface_forms`: the remainder may match a
    candidate's surface form, not only its canonical one ("missions" /
    "mission"). `remainder_rank`: times the remainder's ranking score
    (C-value x specificity, best = 1): a well-ranked term extended.
    """
    def column(ranked: Sequence[TermCandidate], language: str, tokens: int) -> list[list[float]]:
        known = {candidate.canonical.lower(): candidate for candidate in ranked}
        if surface_forms:
            for candidate in ranked:
                for form in candidate.surface_forms:
                    known.setdefault(form.lower(), candidate)
        counts = _word_counts(ranked)
        rows = []
        for candidate in ranked:
            best = 0.0
            for added, remainder, kind in extensions(candidate):
                rest = known.get(remainder.lower())
                if kind not in kinds or (need_candidate and rest is None):
                    continue
                value = max(0.0, general_zipf(added.lower(), language) - pivot) / (MAX_ZIPF - pivot)
                if domain_discount:
                    value *= 1 - _word_excess(added.lower(), counts, language, tokens)
                if remainder_rank:
                    value *= rest.score if rest is not None else 0.0
                best = max(best, value)
            rows.append([best])
        return rows
    return column


def extension_association(measure: str):
    """How bound the added word is to its remainder (best split) and a flag for having a split at all."""
    def column(ranked: Sequence[TermCandidate], language: str, tokens: int) -> list[list[float]]:
        index = {candidate.canonical.lower(): candidate for candidate in ranked}
        counts = _word_counts(ranked)
        rows = []
        for candidate in ranked:
            values = []
            for added, remainder, _ in extensions(candidate):
                rest = index.get(remainder.lower())
                if rest is None:
                    continue
                added_frequency = (index[added.lower()].frequency if added.lower() in index
                                   else counts.get(added.lower(), candidate.frequency))
                f_added = max(added_frequency, candidate.frequency)
                f_rest = max(rest.frequency, candidate.frequency)
                if measure == "conditional":  # share of the remainder's occurrences inside this candidate
                    values.append(candidate.frequency / f_rest)
                elif measure == "dice":
                    values.append(2 * candidate.frequency / (f_added + f_rest))
                else:  # pointwise mutual information, / 10
                    values.append(math.log(candidate.frequency * tokens / (f_added * f_rest)) / 10)
            rows.append([max(values), 1.0] if values else [0.0, 0.0])
        return rows
    return column


def _per_candidate(test: Callable[[TermCandidate, str], bool]):
    def column(ranked: Sequence[TermCandidate], language: str, tokens: int) -> list[list[float]]:
        return [[float(test(candidate, language))] for candidate in ranked]
    return column


def article_complement(candidate: TermCandidate, language: str) -> bool:
    """A complement with a definite article: "rotation de la turbine", "puissance du système"."""
    words = [word.lower() for word in candidate.canonical.split()]
    return candidate.label == TERM and ("T" in candidate.pattern or (
        language == "fr" and any(word in _ARTICLE_PREPOSITIONS for word in words[1:])))


def deverbal_article_head(candidate: TermCandidate, language: str) -> bool:
    """An action noun before a complement with an article ("renforcement de la coopération")."""
    words, pattern = [word.lower() for word in candidate.canonical.split()], candidate.pattern
    if candidate.label != TERM or len(words) < 3 or len(pattern) != len(words) or "D" not in pattern:
        return False
    if language == "fr":
        head_ok = pattern[0] == "N" and pattern[1] == "D" and words[0].endswith(_DEVERBAL_SUFFIXES)
    else:
        at = pattern.index("D")
        head_ok = at > 0 and words[at - 1].endswith(("tion", "sion", "ment", "ance", "ence", "ing"))
    return head_ok and article_complement(candidate, language)


def head_of_complement_generality(candidate: TermCandidate, language: str) -> float:
    words, pattern = [word.lower() for word in candidate.canonical.split()], candidate.pattern
    if candidate.label != TERM or len(words) < 3 or len(pattern) != len(words):
        return 0.0
    if language == "fr" and pattern[0] == "N" and pattern[1] == "D":
        return general_zipf(words[0], "fr") / MAX_ZIPF
    if language == "en" and "D" in pattern and pattern.index("D") > 0:
        return general_zipf(words[pattern.index("D") - 1], "en") / MAX_ZIPF
    return 0.0


def _value_column(value: Callable[[TermCandidate, str], float]):
    def column(ranked: Sequence[TermCandidate], language: str, tokens: int) -> list[list[float]]:
        return [[value(candidate, language)] for candidate in ranked]
    return column


def qualified_phrase(candidate: TermCandidate, language: str) -> bool:
    """A multiword common term qualified, not classified (glossary.rank.phrases, the bilingual correction)."""
    return (candidate.label == TERM and len(candidate.canonical.split()) > 1 and not candidate.canonical[:1].isupper()
            and is_qualified(candidate, language))


TRIED = {
    "general_extension": general_extension(0.0, False),
    "general_extension_flag": general_extension(-1e9, False),  # any split with a candidate remainder: 1
    "general_extension_head_complement": general_extension(0.0, False, ("head_complement",)),
    "general_extension_leading": general_extension(0.0, False, ("leading",)),
    "general_extension_trailing": general_extension(0.0, False, ("trailing",)),
    "general_extension_zipf4": general_extension(4.0, False),
    "general_extension_discounted_zipf2": general_extension(2.0, True),
    "general_extension_discounted_zipf3": general_extension(3.0, True),
    "general_extension_discounted_zipf3_5": general_extension(3.5, True),
    "general_extension_discounted_any_remainder": general_extension(3.0, True, need_candidate=False),
    "general_extension_discounted_zipf3_surface": general_extension(3.0, True, surface_forms=True),
    "general_extension_times_remainder_rank": general_extension(0.0, False, remainder_rank=True),
    "extension_conditional": extension_association("conditional"),
    "extension_dice": extension_association("dice"),
    "extension_pmi": extension_association("pmi"),
    "article_complement": _per_candidate(article_complement),
    "deverbal_article_head": _per_candidate(deverbal_article_head),
    "head_of_complement_generality": _value_column(head_of_complement_generality),
    "qualified_phrase": _per_candidate(qualified_phrase),
}
