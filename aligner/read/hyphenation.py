"""Words hyphenated at a line end, joined again: "main-" "tien" is "maintien", "pays-" "hôtes" stays "pays-hôtes".

The document's own usage decides where it can (a text that writes "long-term"
elsewhere keeps the hyphen); else wordfreq tells a word from the glued halves
of a compound. Used for PDF lines and for paragraphs rejoined across a page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

# A string is a known word when its frequency reaches this on wordfreq's Zipf
# scale (1 is once per billion words) in French or English: "maintien" is 4.4,
# while the glued halves of a compound ("payshôtes") are unknown.
MIN_JOINED_ZIPF = 2.0
DEHYPHENATION_LANGUAGES = ("fr", "en")

_HYPHENATED_END = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"^-?(\w+)")
# A word with its inner hyphens, as a document's vocabulary counts it ("long-term").
_WORD_WITH_HYPHENS = re.compile(r"\w+(?:-\w+)*")


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each word, hyphenated compounds whole and lowercased, occurs in the texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(word.lower() for word in _WORD_WITH_HYPHENS.findall(text))
    return counts


def dehyphenate(before: str, after: str, vocabulary: Counter[str] | None = None) -> str | None:
    """The two lines as one when the first ends with a hyphenated word, else None.

    The document's own usage decides first: "long-" "term" stays "long-term" in a
    text that writes "long-term" elsewhere, "peace-" "keeping" becomes
    "peacekeeping" in one that writes "peacekeeping". Else the hyphen goes when
    the joined word is a known word ("maintien") and stays in a compound whose
    halves only are words ("pays-hôtes").
    """
    end, start = _HYPHENATED_END.search(before), _FIRST_WORD.match(after)
    if not end or not start:
        return None
    if after.startswith("-"):
        return before + after[1:]  # the hyphen repeated at the line start: "Meza-" "-Cuadra"
    if start.group(1)[:1].isupper():
        return before + after  # a compound name: "Meza-" "Cuadra", "Nations-" "Unies"
    first, second = end.group(1), start.group(1)
    if vocabulary:
        joined, compound = vocabulary[(first + second).lower()], vocabulary[f"{first}-{second}".lower()]
        if compound != joined:
            return before + after if compound > joined else before[:-1] + after
    if _is_word(first + second) or not (_is_word(first) and _is_word(second)):
        return before[:-1] + after  # a word cut in syllables: "main-" "tien", "mésin-" "formation"
    return before + after


@lru_cache(maxsize=4096)
def _is_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return any(zipf_frequency(word, lang) >= MIN_JOINED_ZIPF for lang in DEHYPHENATION_LANGUAGES)
