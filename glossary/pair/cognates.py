"""String evidence for pairs the embedder scores alike: French cognates an English term names.

"Comité d'état-major" scores 0.624 with both "Military Staff Committee" and
"Special Committee": the embedder cannot tell them apart. The strings can:
"special" is written "spécial" in French, the corpus uses that word, and
the French term lacks it, so "Special Committee" names something else (the
"Comité spécial" of the same texts). An English word counts when, accents
and case aside, it is spelled exactly as a word of the French corpus: a
near-cognate (military / militaire) is too weak to decide.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from glossary.extract.candidates import TermCandidate

# Scores this close are a tie that the cognate evidence breaks (pair scores
# are rounded to this many decimals before comparing).
TIE_DECIMALS = 3
# Words this short are function words or acronyms in both languages (on, de, UN).
MIN_COGNATE_LETTERS = 4
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def plain(word: str) -> str:
    """A word without accents or case: "Spécial" -> "special"."""
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if not unicodedata.combining(c))


def french_vocabulary(candidates: Iterable[TermCandidate]) -> frozenset[str]:
    """The plain words of the French candidates' surface forms."""
    return frozenset(plain(word) for candidate in candidates for form in candidate.surface_forms
                     for word in _WORD.findall(form) if len(word) >= MIN_COGNATE_LETTERS)


def missing_cognates(fr: TermCandidate, en: TermCandidate, vocabulary: frozenset[str]) -> int:
    """English words of `en` spelled as a French corpus word that the French term does not hold."""
    french = {plain(word) for word in _WORD.findall(fr.canonical)}
    return sum(1 for word in _WORD.findall(en.canonical)
               if len(word) >= MIN_COGNATE_LETTERS and (p := plain(word)) in vocabulary and p not in french)
