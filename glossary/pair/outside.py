"""Words a pair leaves untranslated whose rendering the aligned segment holds outside the other term.

A fragment of a coordination pairs with the wrong conjunct of the other
language: "phases de transition, de réduction et de retrait" / "transition,
drawdown and withdrawal phases" gives "phases de transition" / "withdrawal
phases"; "l'exploitation et les atteintes sexuelles" / "sexual exploitation
and abuse" gives "atteintes sexuelles" / "sexual exploitation"; "réunions
officielles et réunions informelles" / "formal and informal meetings" gives
"réunions officielles" / "formal and informal meetings". The embedder scores
them as translations (0.58-0.75), for the words are alike in meaning. The
strings say otherwise: "transition" has no counterpart in "withdrawal phases"
and the English sentence writes "transition" elsewhere; "exploitation" has
none in "atteintes sexuelles" and the French sentence writes "exploitation"
elsewhere. A word whose counterpart stands beside the other term, not in it,
was rendered there, so the pair misses it.

A coordination on one side only is the same evidence: "formal and informal
meetings" holds a conjunct that "réunions informelles" renders in the other
French phrase of "réunions officielles et réunions informelles"; it counts as
one word rendered outside. Names are exempt ("Bosnie-Herzégovine" / "Bosnia
and Herzegovina"): a capitalised English term is never counted so.

A word has no counterpart in the other term when it has neither a cognate
there nor its corpus dictionary translation (glossary.pair.wordlinks.counterpart,
a loose test). Outside the term the test is strict, for a whole sentence
offers many words to match by chance: the same word, accents, case and a
plural -s aside, or the same first SAME_PREFIX letters of words spelled alike
by SAME_RATIO ("informal" / "informelles"; not "related" / "relatifs", "état" /
"that", "maintain" / "maintien", which the loose test takes). The evidence
counts only when every segment the two terms share holds such a word outside
the other term, so that a term met often, rendered freely in one sentence,
keeps its pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from functools import lru_cache

from glossary.pair.cognates import plain
from glossary.pair.wordlinks import content_words, counterpart
from glossary.pair.words import word_tuple

# Each word of a term rendered outside the other term costs the pair this much
# confidence: enough to take the three pairs of the module docstring (0.58-0.75)
# under glossary.pair.pairing.PAIR_THRESHOLD (0.55) with one such word each.
OUTSIDE_PENALTY = 0.25
# Shorter words are function words, numbers' letters or acronyms; their spellings prove nothing.
MIN_LETTERS = 4
# The strict spelling test of the module docstring (measured on the words it names; not tuned further).
SAME_PREFIX = 6
SAME_RATIO = 0.7
COORDINATORS = {"fr": frozenset({"et", "ou"}), "en": frozenset({"and", "or"})}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def segment_words(text: str) -> tuple[str, ...]:
    """The distinct words of a segment that can be counterparts: letters only, long enough."""
    return tuple(dict.fromkeys(w for w in _WORD.findall(text.casefold()) if len(w) >= MIN_LETTERS))


def rendered_outside(fr_term: str, en_term: str, shared: Iterable[str], fr_texts: Mapping[str, str],
                     en_texts: Mapping[str, str], dictionary: Mapping[str, str]) -> int:
    """Words of either term without a counterpart in the other that every shared segment renders outside it."""
    shared = [sid for sid in shared if sid in fr_texts and sid in en_texts]
    if not shared:
        return 0
    fr_words = _long(content_words(fr_term))
    en_words = _long(content_words(en_term))
    count = int(_coordinated(fr_term, "fr") != _coordinated(en_term, "en") and not en_term[:1].isupper())
    for word in fr_words:
        if any(counterpart(english, (word,), dictionary) for english in en_words):
            continue
        if all(any(same_word(word, english) for english in segment_words(en_texts[sid])) for sid in shared):
            count += 1
    for word in en_words:
        if counterpart(word, fr_words, dictionary):
            continue
        if all(any(same_word(word, french) for french in segment_words(fr_texts[sid])) for sid in shared):
            count += 1
    return count


def _coordinated(term: str, language: str) -> bool:
    words = word_tuple(term)
    return any(word in COORDINATORS[language] for word in words[1:-1])


@lru_cache(maxsize=262144)
def same_word(a: str, b: str) -> bool:
    """The strict spelling test of the module docstring."""
    a, b = _singular(plain(a)), _singular(plain(b))
    if a == b:
        return True
    prefix = 0
    for x, y in zip(a, b):
        if x != y:
            break
        prefix += 1
    return prefix >= SAME_PREFIX and SequenceMatcher(None, a, b).ratio() >= SAME_RATIO


def _singular(word: str) -> str:
    return word[:-1] if word.endswith(("s", "x")) and len(word) > MIN_LETTERS else word


def _long(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word for word in words if len(word) >= MIN_LETTERS)
