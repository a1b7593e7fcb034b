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
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from glossary.extract.candidates import ACRONYM, ORGANIZATION, PERSON, TERM, TermCandidate
from glossary.rank.cvalue import (
    FULL_SPECIFICITY,
    c_values,
    general_zipf,
    has_general_edge,
    is_general_adjective,
    specificity_parts,
)

# Word counts above this share one value: 5-word and 12-word names are both "long".
MAX_COUNTED_WORDS = 5
# log(1 + 148) = 5: a head noun shared by about 150 candidates scores 1, as
# "turbine" or "cheval" do in an ACTER domain; the feature is not capped (not tuned).
HEAD_FAMILY_SCALE = 5.0
# An unknown word this short, or with this small a share of vowels, reads as a
# symbol ("Kreg", "pmax", "sfhptrh"); the share of vowels of French and English
# words is about 0.4 (not tuned).
MAX_SYMBOL_LETTERS = 4
MIN_WORD_VOWEL_SHARE = 0.25
# Segment ids are "DOCUMENT#N" (glossary.build, the benchmarks): the document is what precedes the last '#'.
SEGMENT_SEPARATOR = "#"

MONOLINGUAL_FEATURES = (
    "log_frequency",      # log(1 + occurrences)
    "log_cvalue",         # log(1 + C-value): frequency discounted by nesting, weighted by length
    "rarity",             # 1 - Zipf/7 of the whole string in general language
    "excess",             # how many orders of magnitude more frequent here than in general language, / 4
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
    "head_family",        # log(1 + candidates sharing its head noun) / HEAD_FAMILY_SCALE: a crowded head is mostly free extensions
    "symbol_like",        # a term with an unknown word written like a symbol or variable ("Pref", "pmax", "Kreg")
    "foreign_letters",    # a term with a letter outside the language's alphabet (Turkish, Greek, mis-decoded PDF text)
)
# Measured and left out (benchmarks/RESULTS.md, held out on ACTER): the rarity of
# the rarest word (collinear with "rarity"; without it the bundled corpus's AUC
# against its check list is 0.769 instead of 0.766), the share of words unknown
# to wordfreq (+0.003 mean held-out F1 on ACTER but it lowered every termhood of
# the bundled corpus: 35/40 recall and 79/100 precision at the default output).
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
    heads = [head_word(candidate, language) for candidate in candidates]
    head_families = Counter(heads)
    rows = []
    for candidate, cvalue, general, head in zip(candidates, cvalues, general_edges, heads, strict=True):
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
            "head_family": math.log1p(head_families[head]) / HEAD_FAMILY_SCALE,
            "symbol_like": float(candidate.label == TERM and any(is_symbol_like(word, language) for word in words)),
            # Names keep their letters: "Côte d'Ivoire", "Türkiye" are English names.
            "foreign_letters": float(candidate.label == TERM and any(
                ch.isalpha() and ch.lower() not in _ALPHABETS[language] for ch in candidate.canonical)),
        })
    return rows


# The letters of each language's words; any other letter is foreign text or a symbol.
_ALPHABETS = {
    "en": frozenset("abcdefghijklmnopqrstuvwxyz"),
    "fr": frozenset("abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüÿœæ"),
}
_VOWELS = frozenset("aeiouyàâéèêëîïôûùüÿœæ")
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


def head_word(candidate: TermCandidate, language: str) -> str:
    """The candidate's head noun, lowercased: the last noun before any preposition in English, the first in French.

    "wind turbine blade" -> blade, "angle de calage" -> angle. Falls back to
    the last content word when the word classes do not line up with the words.
    """
    words = candidate.canonical.split()
    pattern = candidate.pattern
    nouns = [index for index, cls in enumerate(pattern) if cls in "NP"]
    if len(pattern) != len(words) or not nouns:
        content = _content_words(words)
        return content[-1] if content else candidate.canonical.lower()
    if language == "fr":
        return words[nouns[0]].lower()
    preposition = next((index for index, cls in enumerate(pattern) if cls in "DE"), len(pattern))
    before = [index for index in nouns if index < preposition]
    return words[(before or nouns)[-1]].lower()


def is_symbol_like(word: str, language: str) -> bool:
    """An unknown word written like a symbol: an inner capital, an underscore, few letters or few vowels."""
    if general_zipf(word.lower(), language) > 0:
        return False
    letters = [ch.lower() for ch in word if ch.isalpha()]
    if not letters:
        return True
    inner_capital = any(ch.isupper() for ch in word[1:]) and not word.isupper()
    vowel_share = sum(ch in _VOWELS for ch in letters) / len(letters)
    return inner_capital or "_" in word or len(word) <= MAX_SYMBOL_LETTERS or vowel_share < MIN_WORD_VOWEL_SHARE


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
