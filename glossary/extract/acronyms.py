"""Acronyms defined in running text: "... stabilisation au Mali (MINUSMA)".

The expansion is found the way Schwartz and Hearst (2003) describe: walking
backwards through the acronym and the text before the parenthesis, every
letter of the acronym must appear in order, and its first letter must start a
word; the shortest such stretch of text is the expansion.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from glossary.extract.patterns import SENTENCE_OPENERS, Word, is_acronym

# Function words a name may hold: "Mission in Mali", "Working Group on ...".
NAME_FUNCTION_POS = {"ADP", "DET", "CCONJ"}
# Schwartz and Hearst's window: an expansion has at most min(|A| + 5, 2|A|) words.
EXTRA_WORDS = 5


@dataclass(frozen=True)
class AcronymDefinition:
    """Acronym word ``acronym`` defined by the words [start, end) before it."""

    acronym: int
    start: int
    end: int


def acronym_definitions(words: list[Word]) -> list[AcronymDefinition]:
    """Every "expansion (ACRONYM)" in a list of words."""
    found: list[AcronymDefinition] = []
    for k in range(2, len(words) - 1):
        if words[k - 1].text != "(" or words[k + 1].text != ")" or not is_acronym(words[k].text):
            continue
        letters = words[k].text.rstrip("s")  # a plural acronym: "TCCs"
        window = min(len(letters) + EXTRA_WORDS, 2 * len(letters))
        first = k - 1
        while first > 0 and k - 1 - first < window and words[first - 1].text not in SENTENCE_OPENERS:
            first -= 1
        before = words[first : k - 1]
        start = _expansion_start(letters, before)
        if start is None:
            start = _capitalised_name_start(letters, before)
        else:
            start = _widen_to_capital(letters, before, start)
        if start is not None:
            found.append(AcronymDefinition(acronym=k, start=first + start, end=k - 1))
    return found


def _widen_to_capital(letters: str, before: list[Word], start: int) -> int:
    """Move the start back to a capitalised word with the acronym's first letter.

    The shortest match is too short when a later word shares the first letter:
    "Mission multidimensionnelle intégrée ... (MINUSMA)" matches from
    "multidimensionnelle"; the name starts at "Mission".
    """
    for index in range(start - 1, -1, -1):
        text = before[index].text
        if text[:1].isupper() and text[:1].lower() == letters[0].lower():
            return index
    return start


def _capitalised_name_start(letters: str, before: list[Word]) -> int | None:
    """Start of a name of two or more capitalised words ending at the parenthesis.

    An English text may define a French acronym ("United Nations Multidimensional
    Integrated Stabilization Mission in Mali (MINUSMA)"), whose letters do not
    follow the English words; they are still mostly its initials, in another
    order. Of the capitalised words the name could start on, the one whose
    initials best match the acronym's letters as a multiset wins, so that "Force
    Commander of the" (F, C: not in MINUSMA) is left out.
    """
    start = len(before)
    while start > 0 and (
        before[start - 1].text[:1].isupper() or before[start - 1].pos in NAME_FUNCTION_POS
    ):
        start -= 1
    starts = [
        index
        for index in range(start, len(before))
        if before[index].text[:1].isupper() and before[index].pos not in NAME_FUNCTION_POS
    ]
    wanted = Counter(letters.upper())
    best, best_fit = None, None
    for index in starts:
        initials = Counter(word.text[0].upper() for word in before[index:] if word.text[:1].isupper())
        if sum(initials.values()) < 2:
            continue
        fit = sum((initials & wanted).values()) - sum((initials - wanted).values())
        if best_fit is None or fit > best_fit:
            best, best_fit = index, fit
    return best


def _expansion_start(letters: str, before: list[Word]) -> int | None:
    """Index in ``before`` where the shortest expansion of ``letters`` begins."""
    if not before:
        return None
    text = " ".join(word.text for word in before)
    word_of_char = [index for index, word in enumerate(before) for _ in word.text + " "]
    position = len(text) - 1
    for rank in range(len(letters) - 1, -1, -1):
        letter = letters[rank].lower()
        if not letter.isalnum():
            continue
        while position >= 0 and (
            text[position].lower() != letter
            or (rank == 0 and position > 0 and text[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return None
        if rank > 0:
            position -= 1
    start = word_of_char[position]
    # The expansion must not start inside a word nor with a function word.
    if before[start].text[:1].lower() != letters[0].lower():
        return None
    return start
