"""Termhood features: what the corpus, general language and the aligned text say about one candidate.

Monolingual features exist for every candidate and are what the calibrated
termhood (glossary.rank.termhood) was fitted on: frequency and C-value,
specificity against general language (wordfreq), spread over documents,
length, shape and label. Bilingual features exist only over aligned text,
for a French candidate and its English partner (glossary.pair):

- translation consistency: the share of the French candidate's bilingual
  segments whose English side holds the partner. A term is rendered by the
  same term wherever it occurs ("pays fournisseurs de contingents" ->
  "troop-contributing countries" every time); a free phrase is translated
  freely ("importance des mandats": "the importance of mandates", "mandates
  matter", ...), so no single English candidate follows it;
- agreement of both sides: the English partner's own termhood.

Every feature is a plain float; FEATURE_NAMES fixes their order in a vector.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from glossary.extract.candidates import ACRONYM, ORGANIZATION, PERSON, TermCandidate
from glossary.rank.cvalue import (
    FULL_SPECIFICITY,
    MAX_ZIPF,
    c_values,
    general_zipf,
    has_general_edge,
    is_general_adjective,
    specificity_parts,
)

# Word counts above this share one value: 5-word and 12-word names are both "long".
MAX_COUNTED_WORDS = 5
# Segment ids are "DOCUMENT#N" (glossary.build, the benchmarks): the document is what precedes the last '#'.
SEGMENT_SEPARATOR = "#"

MONOLINGUAL_FEATURES = (
    "log_frequency",      # log(1 + occurrences)
    "log_cvalue",         # log(1 + C-value): frequency discounted by nesting, weighted by length
    "rarity",             # 1 - Zipf/7 of the whole string in general language
    "excess",             # how many orders of magnitude more frequent here than in general language, / 4
    "rarest_word",        # 1 - Zipf/7 of the candidate's rarest word
    "log_documents",      # log(1 + documents the candidate occurs in)
    "nested_share",       # share of its occurrences that sit inside a longer candidate
    "words",              # word count, capped at MAX_COUNTED_WORDS
    "single_word",        # 1 for a one-word candidate
    "general_edge",       # opens or closes with a general adjective or an -ing verb
    "name",               # labelled organization
    "acronym",            # labelled acronym
    "person",             # labelled person
    "capitalised",        # a term (not a name) that starts with a capital letter inside sentences
    "has_preposition",    # holds a preposition or article ("mode of transport", "pays de la région")
    "proper_noun",        # holds a proper noun or an acronym ("Ebola virus", "taux de TVA")
    "word_excess_mean",   # mean over its content words of their own excess frequency here
    "word_excess_min",    # the least domain-bound of its content words ("greater" in "greater impact")
    "rank_score",         # the C-value x specificity ranking score (glossary.rank.cvalue), best = 1
    "code_like",          # holds a digit, an underscore or a symbol: variable names, references, units
    "general_adjective",  # one of its adjectives is general, not relational ("tâche quotidienne", "vaste expérience")
)
BILINGUAL_FEATURES = (
    "translation_consistency",  # share of its bilingual segments whose English side holds the partner
    "partner_termhood",         # the English partner's own (monolingual) termhood
    "paired",                   # 1 when an English partner was found
)
FEATURE_NAMES = MONOLINGUAL_FEATURES + BILINGUAL_FEATURES


@dataclass(frozen=True)
class CorpusShape:
    """What the features need to know about the corpus as a whole."""

    total_tokens: int


def document_of(segment_id: str) -> str:
    return segment_id.rsplit(SEGMENT_SEPARATOR, 1)[0]


def corpus_shape(candidates: Sequence[TermCandidate], total_tokens: int) -> CorpusShape:
    # The share of the corpus's documents a candidate occurs in was a feature
    # too: with the two documents of a small project every term scores 0.5 or
    # 1, so it was dropped for the document count alone. No floor on the token
    # count: scoring a small corpus as if it were ACTER-sized (45,000 tokens)
    # lowered the bundled corpus's AUC against its check list (0.757 as it is,
    # 0.756 at 5,000, 0.744 at 15,000) and its recall at the threshold.
    return CorpusShape(total_tokens=max(1, total_tokens))


def monolingual_features(candidates: Sequence[TermCandidate], language: str, shape: CorpusShape
                         ) -> list[dict[str, float]]:
    """The MONOLINGUAL_FEATURES of each candidate, computed over the whole list (nesting needs all of them)."""
    general_edges = [has_general_edge(candidate, language) for candidate in candidates]
    cvalues = c_values(candidates, ignored_containers=general_edges)
    word_counts = _word_counts(candidates)
    rows = []
    for candidate, cvalue, general in zip(candidates, cvalues, general_edges, strict=True):
        words = candidate.canonical.split()
        rarity, excess = specificity_parts(candidate, language, shape.total_tokens)
        documents = len({document_of(sid) for sid in candidate.segment_ids})
        weight = math.log2(len(words) + 1)
        unnested = weight * candidate.frequency
        excesses = [_word_excess(word, word_counts, language, shape.total_tokens) for word in _content_words(words)]
        rows.append({
            "word_excess_mean": sum(excesses) / len(excesses) if excesses else 0.0,
            "word_excess_min": min(excesses, default=0.0),
            "rank_score": candidate.score,
            "general_adjective": float(has_general_adjective(candidate, language)),
            "code_like": float(any(ch.isdigit() or ch == "_" or not (ch.isalpha() or ch in _WORD_PUNCTUATION)
                                   for ch in candidate.canonical)),
            "log_frequency": math.log1p(candidate.frequency),
            "log_cvalue": math.log1p(cvalue),
            "rarity": rarity,
            "excess": excess,
            "rarest_word": 1.0 - min((general_zipf(w.lower(), language) for w in words), default=0.0) / MAX_ZIPF,
            "log_documents": math.log1p(documents),
            "nested_share": max(0.0, 1.0 - cvalue / unnested) if unnested else 0.0,
            "words": float(min(len(words), MAX_COUNTED_WORDS)),
            "single_word": float(len(words) == 1),
            "general_edge": float(general),
            "name": float(candidate.label == ORGANIZATION),
            "acronym": float(candidate.label == ACRONYM),
            "person": float(candidate.label == PERSON),
            "capitalised": float(candidate.label not in (ORGANIZATION, ACRONYM, PERSON)
                                 and candidate.canonical[:1].isupper()),
            "has_preposition": float(any(cls in candidate.pattern for cls in "DET")),
            "proper_noun": float("P" in candidate.pattern),
        })
    return rows


# Characters ordinary words and names are written with besides letters.
_WORD_PUNCTUATION = frozenset(" -'’.,()/&")
# Words that carry no domain: their frequency says nothing about the candidate.
_FUNCTION_WORDS = frozenset({
    "de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’", "et", "ou", "en", "à", "au", "aux", "pour",
    "sur", "par", "avec", "dans", "the", "of", "and", "or", "for", "on", "in", "to", "a", "an", "by", "with",
})


def _content_words(words: Sequence[str]) -> list[str]:
    return [word.lower() for word in words if word.lower() not in _FUNCTION_WORDS]


def _word_counts(candidates: Sequence[TermCandidate]) -> dict[str, int]:
    """Occurrences of each content word, counted over the occurrences of the candidates holding it."""
    counts: dict[str, int] = {}
    for candidate in candidates:
        for word in set(_content_words(candidate.canonical.split())):
            counts[word] = counts.get(word, 0) + candidate.frequency
    return counts


def _word_excess(word: str, counts: Mapping[str, int], language: str, total_tokens: int) -> float:
    corpus_zipf = math.log10(max(counts.get(word, 1), 1) / total_tokens * 1e9)
    return min(max(corpus_zipf - general_zipf(word, language), 0.0), FULL_SPECIFICITY) / FULL_SPECIFICITY


def has_general_adjective(candidate: TermCandidate, language: str) -> bool:
    """Whether one of the candidate's adjectives (word class A) is general rather than relational."""
    return any(cls == "A" and is_general_adjective(word.lower(), language)
               for cls, word in zip(candidate.pattern, candidate.canonical.split()))


def translation_consistency(fr: TermCandidate, en: TermCandidate, bilingual: frozenset[str]) -> float:
    """Share of the French candidate's bilingual segments in which the English candidate occurs too."""
    fr_segments = set(fr.segment_ids) & bilingual
    if not fr_segments:
        return 0.0
    return len(fr_segments & set(en.segment_ids)) / len(fr_segments)


def bilingual_features(fr: TermCandidate, en: TermCandidate | None, bilingual: frozenset[str]
                       ) -> Mapping[str, float]:
    """The BILINGUAL_FEATURES of a French candidate and its English partner (None: unpaired)."""
    if en is None:
        return {"translation_consistency": 0.0, "partner_termhood": 0.0, "paired": 0.0}
    return {
        "translation_consistency": translation_consistency(fr, en, bilingual),
        "partner_termhood": en.termhood,
        "paired": 1.0,
    }
