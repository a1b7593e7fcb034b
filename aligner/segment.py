"""Sentence splitting for French and English UN text.

A sentence ends at . ! ? or an ellipsis, plus any closing quotes or brackets,
when the next word starts with a capital, a digit or an opening quote. Then
the word before the period vetoes the break when it is an abbreviation (M.,
Mr., art., No. before a number), an initial (J. Smith), a dotted abbreviation
(U.N., e.g.) or the paragraph number opening the text ("1. Le 10 juillet...").
Semicolons and colons never end a sentence. Pure regular expressions: tens of
thousands of sentences per second.
"""

from __future__ import annotations

import re

_SPACE = "\\s\u00a0\u202f"
# Terminal punctuation, then closing quotes or brackets; French puts a
# (non-breaking) space before its closing guillemet: « ... paix. »
_BOUNDARY = re.compile(
    rf"[.!?…]+(?:[\"”’)\]]|[ \u00a0\u202f]?[»”])*(?=[{_SPACE}]+([^{_SPACE}]))"
)
_OPENING = "«“\"‘'([¿¡"
_LAST_WORD = re.compile(rf"([^{_SPACE}]+)$")

# Titles before a name: the period never ends a sentence. One set for both
# languages, since French UN text quotes "Mr." and English quotes "M.".
_TITLES = {
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Pr", "Mgr",
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "St", "Ste", "Hon", "Rev", "Sr", "Jr",
    "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Adm", "Amb", "Gov", "Sen", "Distr",
}
# Abbreviations that precede a number: they end no sentence when a digit follows.
_BEFORE_NUMBERS = {
    "No", "Nos", "no", "nos", "art", "Art", "arts", "par", "Par", "para", "paras", "p", "pp",
    "vol", "Vol", "chap", "ch", "sect", "fig", "al", "n°", "N°",
    "janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
}
# Abbreviations that run on into the sentence whatever follows them.
_ALWAYS_INSIDE = {
    "fr": {"cf", "ex", "env", "réf", "suiv", "vs", "resp", "éd", "approx"},
    "en": {"cf", "vs", "viz", "approx", "ca", "ref", "eds"},
}
# Abbreviations that often end a sentence: a capital after them starts a new one.
_SENTENCE_FINAL_ABBREVIATIONS = {"etc", "a.i"}

_INITIAL = re.compile(r"[A-Z]|[A-Z]\.-?[A-Z]")  # J. Smith, J.-P. Lacroix
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.-?)+[A-Za-z]{1,2}")  # U.N., e.g., i.e.
_LEADING_NUMBER = re.compile(r"\(?(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[a-z])\)?")

LANGUAGES = ("fr", "en")

# A "sentence" longer than this is cut into pieces. The longest of the 4,000
# UNPC dev sentences has 764 characters; what runs past 2,000 is text without
# punctuation (a table flattened into one line, a damaged file). Every stage
# after segmentation holds a sentence whole: the embedder's memory grows with
# its length (USE: about 5 KB a character, so a 2 MB line needs 10 GB), spaCy
# refuses texts over 1,000,000 characters, and an Excel cell stops at 32,767.
MAX_SENTENCE_CHARS = 2_000
# A cut goes after the last "; " or ", " of a full-length window, else after
# its last space, provided that leaves at least this share of the window.
_MIN_PIECE_SHARE = 0.5


def split_sentences(text: str, language: str) -> list[str]:
    """The sentences of one paragraph of French ("fr") or English ("en") text."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _is_sentence_end(text, start, match, language):
            sentence = text[start:match.end()].strip()
            if sentence:
                sentences.append(sentence)
            start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def cut_long_sentence(sentence: str, limit: int = MAX_SENTENCE_CHARS) -> list[str]:
    """`sentence` itself, or pieces of it of at most `limit` characters, cut between words.

    Linear in the sentence's length: each window is searched once.
    """
    if len(sentence) <= limit:
        return [sentence]
    pieces: list[str] = []
    start = 0
    shortest = int(limit * _MIN_PIECE_SHARE)
    while len(sentence) - start > limit:
        window = sentence[start:start + limit]
        cut = max(window.rfind("; "), window.rfind(", ")) + 1
        if cut < shortest:
            cut = window.rfind(" ")
        if cut < shortest:
            cut = limit  # no space at all: a hard cut
        piece = window[:cut].strip()
        if piece:
            pieces.append(piece)
        start += cut
    rest = sentence[start:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def _is_sentence_end(text: str, start: int, match: re.Match[str], language: str) -> bool:
    next_char = match.group(1)
    if not _starts_sentence(text, match.end(), next_char):
        return False
    punctuation = match.group(0).rstrip("\"”’)]» \u00a0\u202f")
    before = text[start:match.start()]
    if punctuation in ("…", "...") or punctuation.startswith("…"):
        # "[…]" and "(...)" mark words left out of a quotation, not a sentence end.
        return not before.endswith(("[", "("))
    if punctuation != ".":
        return True  # ! ? and their combinations
    word_match = _LAST_WORD.search(before)
    if word_match is None:
        return False
    word = word_match.group(1).lstrip(_OPENING)
    if before.strip() == word_match.group(1) and _LEADING_NUMBER.fullmatch(word):
        return False  # "1. Le 10 juillet": the paragraph number, not a sentence
    return not _is_abbreviation(word, next_char, language)


def _starts_sentence(text: str, position: int, next_char: str) -> bool:
    if next_char.isupper() or next_char.isdigit():
        return True
    if next_char in _OPENING:
        following = text[position:].lstrip(_OPENING + " \t\n\u00a0\u202f")
        return bool(following) and (following[0].isupper() or following[0].isdigit())
    return False


def _is_abbreviation(word: str, next_char: str, language: str) -> bool:
    if word in _SENTENCE_FINAL_ABBREVIATIONS:
        return False
    if word in _TITLES or word in _ALWAYS_INSIDE[language]:
        return True
    if word in _BEFORE_NUMBERS:
        return next_char.isdigit()
    return bool(_INITIAL.fullmatch(word) or _DOTTED.fullmatch(word))
