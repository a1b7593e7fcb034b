"""Word-level evidence of a pair's translation: a literal rendering, or a free modifier.

Only an aligned corpus shows how a phrase was translated word by word. Two
patterns tell terms from free phrases among multiword pairs met once or
twice, where frequency says little:

- a multiword term is usually rendered word for word, each content word by
  its cognate or by its corpus translation: "protection des civils" /
  "protection of civilians", "violence sexuelle liée aux conflits" /
  "conflict-related sexual violence" (3 words of 4 on each side);
- a free phrase is a term or a general noun with a general qualifying
  adjective, and the translator renders that adjective freely: "tâches
  quotidiennes" / "daily tasks", "grande majorité" / "vast majority",
  "appui politique systématique" / "consistent political support". The
  English side (the original of UN texts) says which adjective is general:
  glossary.rank.cvalue.is_general_adjective, a frequent adjective
  (wordfreq) that is not relational.

A word's counterpart is a cognate (accents and case aside, the same first
COGNATE_PREFIX letters, or spellings alike by COGNATE_RATIO: resource /
ressource, civilians / civils, host / hôte) or the translation the corpus
dictionary gives it (glossary.pair.pairing.word_dictionary: sure single-word
pairs such as countries / pays).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from glossary.extract.candidates import TermCandidate
from glossary.pair.cognates import plain
from glossary.rank.cvalue import is_general_adjective

# Cognates share this many first letters (civil-ians / civil-s, politi-cal /
# politi-que) or spell alike by this SequenceMatcher ratio (host / hote 0.75,
# sexual / sexuelle 0.71); unrelated words of the bundled corpus score under
# 0.7 (critical / crucial 0.67, useful / utile 0.36). Not tuned further.
COGNATE_PREFIX = 5
COGNATE_RATIO = 0.7
# Word classes of glossary.extract.patterns: A is an adjective.
ADJECTIVE = "A"
# Words that carry no content on either side (articles, prepositions, conjunctions).
FUNCTION_WORDS = frozenset({
    "de", "du", "des", "d'", "la", "le", "les", "l'", "et", "ou", "en", "à", "au", "aux", "pour", "sur", "par",
    "avec", "dans", "the", "of", "and", "or", "for", "on", "in", "to", "a", "an", "by", "with",
})
_SPLIT = re.compile(r"[\s\-–'’]+")


@dataclass(frozen=True)
class TranslationEvidence:
    """How a French term and its English partner correspond word by word."""

    fr_words: int  # content words of the French term
    en_words: int  # ...and of the English term
    agreement: float  # share of the content words of both sides that have a counterpart on the other
    general_modifier: bool  # the English term holds a general adjective
    free_modifier: bool  # ...that the French term does not render word for word


def content_words(term: str) -> tuple[str, ...]:
    """Lowercase words that carry meaning; compounds split ("conflict-related" is two)."""
    return tuple(word for word in _SPLIT.split(term.casefold()) if word and word not in FUNCTION_WORDS)


@lru_cache(maxsize=65536)
def cognate(a: str, b: str) -> bool:
    """Whether two words of the two languages are spelled as one word is (see the module docstring)."""
    a, b = plain(a), plain(b)
    if a == b:
        return True
    shared = 0
    for x, y in zip(a, b):
        if x != y:
            break
        shared += 1
    return shared >= COGNATE_PREFIX or SequenceMatcher(None, a, b).ratio() >= COGNATE_RATIO


def counterpart(en_word: str, fr_words: tuple[str, ...], dictionary: Mapping[str, str]) -> bool:
    """Whether an English word has a counterpart among French words: its cognate or its corpus translation."""
    translation = dictionary.get(_singular(en_word)) or dictionary.get(en_word)
    return any(cognate(en_word, fr) or (translation is not None and cognate(translation, fr)) for fr in fr_words)


def translation_evidence(fr: TermCandidate, en: TermCandidate, dictionary: Mapping[str, str]) -> TranslationEvidence:
    """The word-level evidence of the pair `fr` / `en`; `dictionary` maps English words to French ones."""
    fr_words, en_words = content_words(fr.canonical), content_words(en.canonical)
    en_linked = sum(counterpart(word, fr_words, dictionary) for word in en_words)
    fr_linked = sum(any(counterpart(word, (fr_word,), dictionary) for word in en_words) for fr_word in fr_words)
    adjectives = [word.casefold() for cls, word in zip(en.pattern, en.canonical.split()) if cls == ADJECTIVE]
    general = [word for word in adjectives if is_general_adjective(word, "en")]
    return TranslationEvidence(
        fr_words=len(fr_words),
        en_words=len(en_words),
        agreement=(en_linked + fr_linked) / max(1, len(fr_words) + len(en_words)),
        general_modifier=bool(general),
        free_modifier=any(not counterpart(word, fr_words, dictionary) for word in general),
    )


def _singular(word: str) -> str:
    return word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word
