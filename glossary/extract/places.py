"""Place names the term grammar cuts come out whole, and their pieces are no candidates.

Country and territory names that hold a conjunction, and French island names.

The term grammar keeps two coordinated nouns together only with an adjective
they share, and two names apart ("the Security Council and the General
Assembly"), so "Bosnia and Herzegovina", "Trinidad and Tobago" and "Turks
and Caicos Islands" came out in pieces, and a piece paired with the French
name: "Bosnie-Herzégovine" / "Herzegovina", "îles Turques" / "Turks" on the
UNPC dev set. The French names are mostly one hyphenated word
("Trinité-et-Tobago"); the few that are not are listed too. These names are
a short, closed list: the UN's names of Member States and territories
(UNTERM, the M49 standard), not something to learn from a corpus.

French names of islands are read the same way: "île" or "îles", written
lowercase as UN French writes it, then the capitalised name, with "de" /
"du" before it or after a part of it, "et" between two parts, and a
nationality adjective after it ("îles Vierges britanniques", "îles Turques
et Caïques", "île de Man", "îles Mariannes du Nord"). The small tagger reads
"îles" as a noun, an adjective or a name by turns, so the grammar cut them
("Vierges britanniques", "Caïmanes", "île vierge britannique").
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary.extract.patterns import Word

PLACE_NAMES = {
    "en": (
        "Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis",
        "Saint Vincent and the Grenadines", "Sao Tome and Principe", "Trinidad and Tobago",
        "Turks and Caicos Islands", "Heard Island and McDonald Islands", "Saint Pierre and Miquelon",
        "Wallis and Futuna Islands", "Wallis and Futuna", "South Georgia and the South Sandwich Islands",
        "Svalbard and Jan Mayen Islands",
    ),
    "fr": (
        "Saint-Vincent-et-les Grenadines", "Sao Tomé-et-Principe", "îles Turques-et-Caïques",
        "îles Turques et Caïques", "Saint-Kitts-et-Nevis", "Trinité-et-Tobago", "Antigua-et-Barbuda",
        "Bosnie-Herzégovine", "Saint-Pierre-et-Miquelon", "Wallis-et-Futuna",
        "Géorgie du Sud-et-les îles Sandwich du Sud",
    ),
}
_NAME_WORDS = {language: sorted((tuple(name.casefold().split()) for name in names), key=len, reverse=True)
               for language, names in PLACE_NAMES.items()}


def place_name_spans(words: Sequence[Word], language: str) -> list[tuple[int, int]]:
    """The word spans [i, j) that read as one of PLACE_NAMES (case aside), longest first where they overlap.

    A name of one word ("Trinité-et-Tobago", as the French tagger reads it) is found too: it is then
    a name, whatever the tagger called it.
    """
    texts = [word.text.casefold() for word in words]
    spans: list[tuple[int, int]] = list(island_name_spans(words)) if language == "fr" else []
    i = 0
    while i < len(texts):
        for name in _NAME_WORDS.get(language, ()):
            if tuple(texts[i : i + len(name)]) == name:
                if not any(start <= i < end for start, end in spans):
                    spans.append((i, i + len(name)))
                i += len(name)
                break
        else:
            i += 1
    return spans


ISLAND_WORDS = frozenset({"île", "îles"})
# Nationality adjectives after an island name agree with "îles": britanniques, américaines, françaises.
_NATIONALITY_ENDINGS = ("iques", "aines", "aises", "iennes", "ais", "ain", "ique", "aine", "aise", "ienne")


def island_name_spans(words: Sequence[Word]) -> list[tuple[int, int]]:
    """French island names (module docstring): "île(s)" and the capitalised name after it."""
    spans: list[tuple[int, int]] = []
    for i, word in enumerate(words):
        if word.text.casefold() not in ISLAND_WORDS:
            continue
        j = i + 1
        if j + 1 < len(words) and words[j].text.casefold() in ("de", "du") and _capitalised(words[j + 1]):
            j += 1
        end, joined = j, False
        while end < len(words):
            if _capitalised(words[end]):
                end += 1
            elif (end + 1 < len(words) and end > j and _capitalised(words[end + 1])
                  and (words[end].text.casefold() in ("du", "de")
                       or (words[end].text.casefold() == "et" and not joined))):
                joined = joined or words[end].text.casefold() == "et"  # one "et": a second joins another name
                end += 2
            else:
                break
        if end == j:
            continue
        if (end < len(words) and words[end].cls == "A" and words[end].text.islower()
                and words[end].text.casefold().endswith(_NATIONALITY_ENDINGS)):
            end += 1
        spans.append((i, end))
    return spans


def _capitalised(word: Word) -> bool:
    return word.text[:1].isupper() and word.text[1:2].islower()


def inside_a_place_name(i: int, j: int, places: Sequence[tuple[int, int]]) -> bool:
    """Whether [i, j) is a piece of one of the place name spans (not the whole name)."""
    return any(start <= i and j <= end and (i, j) != (start, end) for start, end in places)
