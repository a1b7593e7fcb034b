"""String evidence for pairs the embedder scores alike: French cognates an English term names.

"Comité d'état-major" scores 0.624 with both "Military Staff Committee" and
"Special Committee": the embedder cannot tell them apart. The strings can:
"special" is written "spécial" in French, the corpus uses that word, and
the French term lacks it, so "Special Committee" names something else (the
"Comité spécial" of the same texts). An English word counts when, accents
and case aside, it is spelled exactly as a word of the French corpus: a
near-cognate (military / militaire) is too weak to decide.

Between single words the spelling weighs more: a bilingual embedder places a
rare word by its pieces, and puts "mésinformation" nearer "disinformation"
(0.88) than "misinformation" (0.72). A pair whose two words are spelled
nearly alike, accents and case aside, is linked before the others by
spelling_preference: "mésinformation" / "misinformation" and "désinformation"
/ "disinformation", as UNTERM has them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

from glossary.extract.candidates import TermCandidate

# Scores this close are a tie that the cognate evidence breaks (pair scores
# are rounded to this many decimals before comparing).
TIE_DECIMALS = 3
# Words this short are function words or acronyms in both languages (on, de, UN).
MIN_COGNATE_LETTERS = 4
# Single words this alike in spelling (difflib ratio of their plain forms) are
# nearly one word; each point of ratio above it is worth SPELLING_WEIGHT of pair
# confidence when links are made. mésinformation / misinformation 0.93,
# mésinformation / disinformation 0.86, sécurité / security 0.88, sûreté /
# security 0.57: a weight of 3 lets one letter's difference (0.07) outweigh the
# embedder's 0.16; not tuned further.
NEAR_SPELLING = 0.8
SPELLING_WEIGHT = 3.0
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


@lru_cache(maxsize=65536)
def spelling_preference(fr: str, en: str) -> float:
    """How much nearer one word the French and English single-word terms are spelled (0 for phrases)."""
    if len(fr.split()) != 1 or len(en.split()) != 1:
        return 0.0
    ratio = SequenceMatcher(None, plain(fr), plain(en)).ratio()
    return SPELLING_WEIGHT * max(0.0, ratio - NEAR_SPELLING)
