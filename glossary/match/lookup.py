"""Whether a phrase a reviewer types names a term base entry: word by word, any inflection.

The term table of the review app filters entries as the reviewer types. A
plain substring test misses inflections inside a phrase: "droit de l'homme"
is not a substring of "droits de l'homme", nor "troop-contributing country"
of "troop-contributing countries". Here each word of the query and of the
term gets the concordance's match keys without spaCy (surface form and the
form less a plural ending, glossary.match.matcher.match_keys under the
concordance's rules: accents count, a plural stem keeps four letters; an
English -ies plural also gives its -y singular, which spaCy's lemma gives the
concordance), and
the query matches when its words stand, in order and next to each other, in
the term, each sharing a key with the word in its place. The substring test
is kept besides, so a half-typed word ("triangul") still finds its entries.
No lemmatiser runs: filtering a few thousand entries per keystroke must stay
instant, so irregular plurals ("travaux" for "travail") are found only by
what they share as a substring.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from glossary.match.concordance import MATCH_RULES
from glossary.match.matcher import APOSTROPHES, match_keys

# A word is a run of letters, digits and hyphens; an elided article keeps its
# apostrophe as a word of its own ("l'homme" -> "l'", "homme").
_IES = "ies"
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*'?|'", re.UNICODE)


@lru_cache(maxsize=65536)
def phrase_keys(text: str) -> tuple[frozenset[str], ...]:
    """The match keys of each word of `text`."""
    words = _WORD.findall(text.casefold().translate(APOSTROPHES))
    return tuple(match_keys(word, word, MATCH_RULES) | _y_singular(word) for word in words)


def _y_singular(word: str) -> frozenset[str]:
    """{"country"} for "countries": the one English plural whose singular is not the plural less s."""
    if word.endswith(_IES) and len(word) - len(_IES) >= MATCH_RULES.min_plural_stem - 1:
        return frozenset({word[: -len(_IES)] + "y"})
    return frozenset()


def names(query: str, texts: Iterable[str]) -> bool:
    """Whether `query` is a substring of one of `texts`, case aside, or its words stand in one, inflections aside."""
    needle = query.casefold().strip()
    if not needle:
        return True
    wanted = phrase_keys(needle)
    for text in texts:
        if needle in text.casefold():
            return True
        if wanted and _holds(phrase_keys(text), wanted):
            return True
    return False


def _holds(words: tuple[frozenset[str], ...], wanted: tuple[frozenset[str], ...]) -> bool:
    span = len(wanted)
    return any(all(words[start + k] & wanted[k] for k in range(span)) for start in range(len(words) - span + 1))
