"""Figures of a segment and whether a translation changed one.

A figure is a number, date, amount or document symbol that a translation must
carry over unchanged once national formats are undone ("1 000" = "1,000",
"3,5" = "3.5", "1er" = "1st"). Three kinds of digits are not figures of the
text and are left out of the comparison: the paragraph or list number that
opens a segment ("292.", "a)", "(3)"), which UN translations often drop or
move into a separate line; footnote calls glued to a word or its punctuation
("consultatif14", "Committee,14"); and superscript digits. A number written in
words on one side ("eight", "huit", "un million") may stand for a digit on the
other, but never counts as a figure of its own: "l'un des" is not "one".
"""

from __future__ import annotations

import re
from collections import Counter

_SYMBOL = re.compile(r"\b[A-Z]{1,5}(?:/[A-Z0-9_]+(?:\.\d+)?)+")
# A number: digits with optional thousands groups (space, NBSP, thin space, comma, dot) and decimals.
_NUMBER = re.compile(r"(?<![\w/])\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?:[.,]\d+)?(?!\d)|(?<![\w/])\d+(?:[.,]\d+)?")
_ENGLISH_MONTHS = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# The number of a paragraph, list item or heading opening a segment: "292.",
# "17)", "(3)", "2.1". A footnote's own text opens with its number and a
# capital ("6 Il est entendu"). A figure that opens a sentence is followed by
# a lower-case word ("2015 a été"; "15 States" is rare in UN style), so it is kept.
_ENUMERATOR = re.compile(
    r"^\s*(?:\(?\d{1,4}(?:\.\d{1,3})*[.)](?=\s)|\(\d{1,4}\)(?=\s)"
    r"|\d{1,3}(?:\.\d{1,3})?(?=\s+[A-ZÀ-Ý][a-zà-ÿ])(?!\s+" + _ENGLISH_MONTHS + r"))"
)
# Footnote calls: one to three digits glued to a letter ("consultatif14") or
# to a word's closing punctuation ("Committee,14", "Council.14"), then a space
# or the end. A letter-digit code such as "G20" or "COP12" is dropped too: it
# cannot be told from a call, and such codes are copied, not translated.
_GLUED_CALL = re.compile(r"(?<=[^\W\d_])\d{1,3}(?![\w,.]\d)(?=[\s,.;:)»”\"']|$)")
_PUNCTUATION_CALL = re.compile(r"(?<=[^\W\d_][,.;:)»”\"'’])\d{1,3}(?=\s|$)")
# A currency or unit glued to its amount ("Euro1.5", "US$2,000"): a space
# lets the number be read whole.
_GLUED_AMOUNT = re.compile(r"(?<=[^\W\d_])(?=\d)")
# Times of day: French "12 h 40", "à 15 heures"; English "12.40 p.m.", "3 p.m.",
# "6:15 p.m.", "at 0300", "0300 hours"; both compared as 24-hour "12:40".
_FRENCH_TIME = re.compile(r"(?<![\w,.])(\d{1,2})\s*(?:h|heures?)(?:\s*(\d{2})\b)?(?![\w])")
_ENGLISH_TIME = re.compile(r"(?<![\w,.])(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.\s?m\.", re.IGNORECASE)
_HOURS = re.compile(r"(?<![\w,.])([01]\d|2[0-3])([0-5]\d)(?=\s+hours\b)|(?<=\b[Aa]t )([01]\d|2[0-3])([0-5]\d)\b")
_SUPERSCRIPTS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+")

# Number words that may stand for a digit on the other side (cardinals and ordinals).
_WORD_VALUES: dict[str, int] = {}
for _value, _words in enumerate([
    "zero zéro", "one un une first premier première", "two deux second deuxième seconde",
    "three trois third troisième", "four quatre fourth quatrième", "five cinq fifth cinquième",
    "six sixth sixième", "seven sept seventh septième", "eight huit eighth huitième",
    "nine neuf ninth neuvième", "ten dix tenth dixième", "eleven onze eleventh onzième",
    "twelve douze twelfth douzième", "thirteen treize thirteenth treizième",
    "fourteen quatorze fourteenth quatorzième", "fifteen quinze fifteenth quinzième",
    "sixteen seize sixteenth seizième", "seventeen seventeenth", "eighteen eighteenth",
    "nineteen nineteenth",
]):
    for _word in _words.split():
        _WORD_VALUES[_word] = _value
_WORD_VALUES.update({
    "twenty": 20, "vingt": 20, "thirty": 30, "trente": 30, "forty": 40, "quarante": 40,
    "fifty": 50, "cinquante": 50, "sixty": 60, "soixante": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "cent": 100, "cents": 100, "thousand": 1000, "mille": 1000,
    "twentieth": 20, "vingtième": 20, "thirtieth": 30, "trentième": 30, "fortieth": 40,
    "quarantième": 40, "fiftieth": 50, "cinquantième": 50, "sixtieth": 60, "soixantième": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100, "centième": 100,
    "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19, "dix-septième": 17, "dix-huitième": 18,
    "dix-neuvième": 19, "soixante-dix": 70, "quatre-vingt": 80, "quatre-vingts": 80,
    "quatre-vingt-dix": 90, "soixante-dixième": 70, "quatre-vingtième": 80, "quatre-vingt-dixième": 90,
})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def numbers_in(text: str) -> list[str]:
    """Normalised numbers and document symbols in a text, in order (every digit counts)."""
    # Every UN symbol has a numeric part (A/79/923, S/RES/2719); HIV/AIDS and AU/UN have none.
    symbols = [match for match in _SYMBOL.finditer(text) if any(c.isdigit() for c in match.group())]
    found = [match.group() for match in symbols]
    remainder = text
    for match in reversed(symbols):
        remainder = remainder[:match.start()] + " " + remainder[match.end():]
    # Ordinals ("1er", "1st") count as their digits: _NUMBER stops before the suffix.
    found.extend(_normalise_number(match.group()) for match in _NUMBER.finditer(remainder))
    return found


def figures_in(text: str) -> list[str]:
    """The figures a translation must keep: numbers_in without enumerators and footnote calls."""
    text = _ENUMERATOR.sub(" ", text, count=1)
    text = _SUPERSCRIPTS.sub(" ", text)
    text = _PUNCTUATION_CALL.sub(" ", text)
    text = _GLUED_CALL.sub(" ", text)
    text = _GLUED_AMOUNT.sub(" ", text)
    times: list[str] = []
    text = _ENGLISH_TIME.sub(lambda m: _time(times, m.group(1), m.group(2), m.group(3).lower()), text)
    text = _HOURS.sub(lambda m: _time(times, m.group(1) or m.group(3), m.group(2) or m.group(4), None), text)
    text = _FRENCH_TIME.sub(lambda m: _time(times, m.group(1) or m.group(3), m.group(2), None), text)
    return numbers_in(text) + times


def spelled_numbers_in(text: str) -> list[str]:
    """Values of the number words of a text ("huit" -> "8", "vingt-cinq" -> "25")."""
    values = []
    for match in _WORD.finditer(text.lower()):
        value = _word_value(match.group())
        if value is not None:
            values.append(str(value))
    return values


def figures_differ(fr: str, en: str) -> bool:
    """True when a figure of one side is missing from the other or differs."""
    fr_figures, en_figures = Counter(figures_in(fr)), Counter(figures_in(en))
    if fr_figures == en_figures:
        return False
    fr_only, en_only = fr_figures - en_figures, en_figures - fr_figures
    # What is left may be written in words on the other side.
    fr_only, en_only = fr_only - Counter(spelled_numbers_in(en)), en_only - Counter(spelled_numbers_in(fr))
    _cancel_readings(fr_only, en_only)
    _cancel_readings(en_only, fr_only)
    return bool(fr_only or en_only)


def _cancel_readings(one: Counter, other: Counter) -> None:
    """Remove figures of `one` that are another reading of figures of `other`.

    "15 heures" is a time (15:00) or a duration ("15 hours"); a dash lost in
    a PDF conversion joins two figures ("20182019" for "2018-2019").
    """
    for figure in list(one):
        if figure.endswith(":00") and other[figure[:-3]] and one[figure]:
            one[figure] -= 1
            other[figure[:-3]] -= 1
    for figure in list(one):
        for cut in range(1, len(figure)):
            head, tail = figure[:cut], figure[cut:]
            if one[figure] and other[head] and other[tail] and (head != tail or other[head] >= 2):
                one[figure] -= 1
                other[head] -= 1
                other[tail] -= 1
    for counter in (one, other):
        for figure in [f for f, count in counter.items() if count <= 0]:
            del counter[figure]


def _time(found: list[str], hour: str, minute: str | None, half_day: str | None) -> str:
    value = int(hour) % 12 + (12 if half_day == "p" else 0) if half_day else int(hour)
    found.append(f"{value}:{int(minute or 0):02d}")
    return " "


def _word_value(word: str) -> int | None:
    if word in _WORD_VALUES:
        return _WORD_VALUES[word]
    # Compounds: "twenty-five", "vingt-cinq", "quatre-vingt-dix-neuf", "cinquante-neuvième".
    parts = word.split("-")
    if len(parts) < 2:
        return None
    total = 0
    for part in parts:
        if part == "et":
            continue
        value = _WORD_VALUES.get(part)
        if value is None:
            return None
        total = total * value if value in (20, 100) and 0 < total < 20 else total + value
    return total


def _normalise_number(raw: str) -> str:
    compact = re.sub(r"[ \u00a0\u202f]", "", raw)
    if "," in compact and "." in compact:
        # Both marks ("2,500.75", "2.500,75"): the last one is the decimal mark.
        mark = max(compact.rfind(","), compact.rfind("."))
        compact = re.sub(r"[.,]", "", compact[:mark]) + "." + compact[mark + 1:]
        return compact.rstrip("0").rstrip(".")
    # 1,000 / 1.000 with 3-digit groups are thousands; a single , or . before
    # 1-2 or 4+ digits is a decimal mark.
    groups = re.split(r"[.,]", compact)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        return "".join(groups)
    if len(groups) == 2:
        whole, fraction = groups
        return f"{int(whole)}.{fraction}".rstrip("0").rstrip(".") if fraction else str(int(whole))
    return compact.lstrip("0") or "0"
