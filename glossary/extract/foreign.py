"""English text on the French side: a name or phrase quoted in English is never a French term.

French UN texts quote English names as they are ("Brian Urquhart Center for
Peace Operations", "Global Alliance for Peace Operations"); the French
extractor sees capitalised nouns and proposes "Peace Operations" as a French
term, or fragments around them ("chercheuse du Center", "Peace Operations à
New York"). A span is English when one of its words is clearly more frequent
in English than in French (wordfreq), none is clearly French, and it holds no
French function word; it holds English when one of its capitalised words is
clearly English (a French term capitalises French words: "Conseil", "Paix").
Words common to both (mission, session, Rwanda, alliance, Global) decide
nothing, so French terms made of them stay French. A span made only of such
words is quoted English when the capitalised run it opens reads as English
in the text: "Global Alliance" in "Global Alliance for Peace Operations
(alliance mondiale ...)" (quoted_in_english).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from wordfreq import zipf_frequency

# Zipf difference that makes a word clearly of one language: "peace" 5.0 in
# English, 3.5 in French (1.5); "operations" 4.9 / 2.9; "center" 5.2 / 3.9 (1.3);
# "global" 5.0 / 4.3 (0.7) and "alliance" 4.4 / 4.6 are both French and English.
CLEAR_MARGIN = 1.2
FRENCH_FUNCTION_WORDS = frozenset({
    "de", "des", "du", "d", "la", "le", "les", "l", "et", "ou", "pour", "sur", "au", "aux", "en", "à", "dans",
    "par", "avec", "un", "une",
})
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Words that continue an English name between its capitalised words ("Alliance for Peace Operations").
ENGLISH_NAME_JOINERS = frozenset({"for", "of", "the", "and", "on", "in", "to"})
_SPACED_WORD = re.compile(r"(\s+)([^\W\d_]+(?:[-'’][^\W\d_]+)*)", re.UNICODE)


def holds_english(text: str) -> bool:
    """Whether `text`, met in a French document, is English or holds a capitalised English word."""
    if looks_english(text):
        return True
    return any(word[:1].isupper() and _difference(word.lower()) >= CLEAR_MARGIN for word in _WORD.findall(text))


def _difference(word: str) -> float:
    return zipf_frequency(word, "en") - zipf_frequency(word, "fr")


def looks_english(text: str) -> bool:
    """Whether `text`, met in a French document, is English rather than French."""
    words = [word.lower() for word in _WORD.findall(text)]
    if not words or any(word in FRENCH_FUNCTION_WORDS for word in words):
        return False
    english = french = False
    for word in words:
        difference = _difference(word)
        english |= difference >= CLEAR_MARGIN
        french |= difference <= -CLEAR_MARGIN
    return english and not french


def quoted_in_english(form: str, texts: Iterable[str]) -> bool:
    """Whether every occurrence of `form` in `texts` opens a capitalised run that reads as English.

    The run is `form` and the words after it that are capitalised or join an
    English name (ENGLISH_NAME_JOINERS), up to any other word or punctuation.
    """
    pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
    seen = False
    for text in texts:
        for match in pattern.finditer(text):
            seen = True
            if not holds_english(form + _english_continuation(text[match.end():])):
                return False
    return seen


def _english_continuation(rest: str) -> str:
    """The words of `rest` that carry on a capitalised name: " for Peace Operations" of " for Peace Operations (..."."""
    words: list[str] = []
    for match in _SPACED_WORD.finditer(rest):
        if match.start() != sum(len(m) for m in words) or not (
                match.group(2)[:1].isupper() or match.group(2) in ENGLISH_NAME_JOINERS):
            break
        words.append(match.group())
    # An English name ends on a capitalised word, not on "of the".
    while words and words[-1].strip() in ENGLISH_NAME_JOINERS:
        words.pop()
    return "".join(words)
