"""The order of the term base: terms first, the order a terminologist reviews it in.

Entries from a reference term base come first. Then three groups, each in
order of the entry's termhood (glossary.rank.termhood.entry_termhood: the
estimated probability that a terminologist keeps it, the pair's confidence
and the bilingual evidence included), the number the term base shows:

1. names, acronyms and multiword terms, single words the texts write with a
   capital inside sentences included ("Pakistan", "Secrétariat");
2. multiword phrases that look free (glossary.rank.phrases: "étape cruciale" /
   "crucial step"), right translations that are seldom terms;
3. single common words ("sécurité" / "security": right, but general).

(Pair confidence weighted by the ranking score, the order before, put fewer
terms first: benchmarks/RESULTS.md, "Held out: the UNPC dev term base".)
"""

from __future__ import annotations

from glossary.pair.model import REFERENCE, TermPair
from glossary.rank.phrases import is_free_phrase
from glossary.rank.termhood import is_common_word

TERMS, FREE_PHRASES, COMMON_WORDS = 0, 1, 2


def entry_group(pair: TermPair, written: str = "", en_written: str = "") -> int:
    """TERMS, FREE_PHRASES or COMMON_WORDS; `written` / `en_written` the terms as the term base writes them."""
    first = pair.fr[0]
    if is_common_word(first, written):
        return COMMON_WORDS
    if is_free_phrase(first, pair.en[0] if pair.en else None, en_written):
        return FREE_PHRASES
    return TERMS


def term_base_order(pair: TermPair, written: str = "", en_written: str = "", termhood: float = 0.0) -> tuple:
    """The sort key of an entry (module docstring); `termhood` the entry's."""
    return (pair.status != REFERENCE, entry_group(pair, written, en_written), -termhood,
            pair.fr[0].canonical.casefold())
