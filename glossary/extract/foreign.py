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
nothing, so French terms made of them stay French.
"""

from __future__ import annotations

import re

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
