"""The order of the term base: terms first, the order a terminologist reviews it in.

Entries from a reference term base come first. Then three groups, each in
order of pair confidence weighted by the ranking score (glossary.rank) of
both sides, since confidence says whether a pair is a right translation, not
whether it is a term:

1. names, acronyms and multiword terms, single words the texts write with a
   capital inside sentences included ("Pakistan", "Secrétariat");
2. multiword phrases that look free (glossary.rank.phrases: "étape cruciale" /
   "crucial step"), right translations that are seldom terms;
3. single common words ("sécurité" / "security": right, but general).
"""

from __future__ import annotations

from glossary.pair.pairing import REFERENCE, TermPair
from glossary.rank.phrases import is_free_phrase
from glossary.rank.termhood import is_common_word

# Share of an entry's place inside its group that does not depend on the
# ranking score; not tuned.
ORDER_SCORE_FLOOR = 0.5
TERMS, FREE_PHRASES, COMMON_WORDS = 0, 1, 2


def entry_group(pair: TermPair, written: str = "") -> int:
    """TERMS, FREE_PHRASES or COMMON_WORDS; `written` the French term as the term base writes it."""
    first = pair.fr[0]
    if is_common_word(first, written):
        return COMMON_WORDS
    if is_free_phrase(first, pair.en[0] if pair.en else None):
        return FREE_PHRASES
    return TERMS


def term_base_order(pair: TermPair, written: str = "") -> tuple:
    """The sort key of an entry (module docstring)."""
    terms = (*pair.fr[:1], *pair.en[:1])
    score = sum(candidate.score for candidate in terms) / len(terms)
    weight = ORDER_SCORE_FLOOR + (1 - ORDER_SCORE_FLOOR) * score
    return (pair.status != REFERENCE, entry_group(pair, written), -pair.confidence * weight,
            pair.fr[0].canonical.casefold())
