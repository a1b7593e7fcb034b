"""French or English? Told apart by counting function words.

Function words ("les", "dans", "the", "which") make up a third of running
text in either language, are never translated into the other, and survive the
English names, titles and acronyms that UN French quotes ("Brian Urquhart
Center for Peace Operations"). Each list holds only words that are not also
common in the other language or in Spanish, Italian, Portuguese, German or
Dutch ("de", "la", "en", "in", "a" are left out), and a few words of those
languages are counted too, so a Spanish or German text is recognised as
neither rather than as the nearest of the two.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

FRENCH = "fr"
ENGLISH = "en"
LANGUAGE_NAMES = {FRENCH: "French", ENGLISH: "English"}

FRENCH_WORDS = frozenset(
    """le les des du et est une dans pour qui au aux sur ont il ils elle elles pas ne
    sont avec cette ces leur leurs été être était par nous vous plus ainsi dont
    sa ses cet l' d' qu' n' s' c' j' lorsque où aussi très également""".split()
)
ENGLISH_WORDS = frozenset(
    """the of and to is that for it with as was by are be this which have has from at
    or were their not had its been would they these those also such but who will we
    our should shall between into than there he she his her""".split()
)
# Frequent words of neighbouring languages that are rare in French and English.
OTHER_WORDS = frozenset(
    """el los las del por con una es más sus pero como esta este
    não é da dos das em com pelo pela
    di della delle che gli nel sono questo anche è
    der die und das ist nicht mit sich auf dem ein eine zu von für werden wird sind auch
    het een niet voor zijn wordt""".split()
)

# Fewer function words than this is a title or a name, not enough to tell;
# two already decide a short title such as "Report of the Secretary-General".
MIN_FUNCTION_WORDS = 2
# Fewer words than this, with no function words, is too short rather than foreign.
MIN_WORDS = 20
# The winner's share of all function words counted. Mostly-French UN text with
# English names measures 0.9 and more; two languages in equal parts sit near 0.5.
MIN_SHARE = 0.65
# Function words per word or number below which the text is in some other language (or is
# not prose): French and English UN prose measures 0.2-0.3 with these lists.
MIN_DENSITY = 0.06
# Counting function words in the first 200,000 characters (some 30,000 words)
# decides as well as counting them all, and keeps a 50 MB file quick.
SAMPLE_CHARS = 200_000

# French and English are written in the Latin script: a text whose letters are
# mostly of another script (Chinese, Arabic, Cyrillic) is neither, however short.
MIN_LATIN_SHARE = 0.5

_WORD = re.compile(r"[^\W\d_]+['’]?")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class LanguageGuess:
    """What detect_language saw: the verdict and the counts behind it."""

    language: str | None  # "fr", "en", or None
    confidence: float  # the verdict's share of the function words, 0.0 when None
    function_words: int  # French + English + other-language function words found
    words: int  # words and numbers: a table of figures is long, not short
    other_script: bool = False  # its letters are mostly not Latin ones

    @property
    def too_short(self) -> bool:
        """Too little text to tell, as opposed to text in another language."""
        if self.other_script:
            return False  # four Chinese characters are already not French
        return self.function_words < MIN_FUNCTION_WORDS and self.words < MIN_WORDS


def guess_language(text: str) -> LanguageGuess:
    """The language of text with the function-word counts that decided it."""
    sample = text[:SAMPLE_CHARS]
    words = [word.replace("’", "'") for word in _WORD.findall(sample.lower())]
    tokens = len(_TOKEN.findall(sample))
    letters = len(_LETTER.findall(sample))
    if letters and len(_LATIN_LETTER.findall(sample)) < MIN_LATIN_SHARE * letters:
        return LanguageGuess(None, 0.0, 0, tokens, other_script=True)
    counts = Counter(
        FRENCH if word in FRENCH_WORDS else ENGLISH if word in ENGLISH_WORDS else "other"
        for word in words
        if word in FRENCH_WORDS or word in ENGLISH_WORDS or word in OTHER_WORDS
    )
    total = sum(counts.values())
    if total < MIN_FUNCTION_WORDS:
        return LanguageGuess(None, 0.0, total, tokens)
    winner = FRENCH if counts[FRENCH] >= counts[ENGLISH] else ENGLISH
    share = counts[winner] / total
    density = (counts[FRENCH] + counts[ENGLISH]) / tokens
    if share < MIN_SHARE or density < MIN_DENSITY:
        return LanguageGuess(None, 0.0, total, tokens)
    return LanguageGuess(winner, share, total, tokens)


def detect_language(text: str) -> str | None:
    """"fr", "en", or None when the text is neither or too short to tell."""
    return guess_language(text).language
