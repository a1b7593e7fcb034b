"""Titles of officials and names of conferences come out whole.

The term grammar stops a name at its second preposition and at lowercase
qualifiers, so "Chargé d'affaires par intérim" loses its qualifier and
"Secrétaire général adjoint aux opérations de maintien de la paix" comes out
as "Secrétaire général adjoint aux opérations". A span that opens on a title
word (TITLE_HEADS) is extended over
- the interim qualifier: "par intérim" in French, "ad interim" or "a.i." in English;
- in French, the department after "aux", "au" or "à la": a run of nouns,
  adjectives, prepositions and articles up to the next punctuation, verb or
  conjunction, at most MAX_TITLE_WORDS words in all.
A French name that opens on a meeting word (CONFERENCE_HEADS) is extended
over its edition and its subject: "Conférence ministérielle des Nations
Unies" + "de 2025" + "sur le maintien de la paix".
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary.extract.patterns import Word

# UN officials' titles (UNTERM's "titles" subject), lower case.
TITLE_HEADS = {
    "fr": frozenset({"secrétaire", "sous-secrétaire", "chargé", "chargée", "représentant", "représentante",
                     "président", "présidente", "directeur", "directrice", "commandant", "conseiller",
                     "conseillère", "envoyé", "envoyée", "haut-commissaire", "coordonnateur", "coordonnatrice"}),
    "en": frozenset({"secretary-general", "under-secretary-general", "assistant", "chargé", "representative",
                     "president", "director", "commander", "adviser", "envoy", "coordinator"}),
}
INTERIM = {"fr": (("par", "intérim"),), "en": (("ad", "interim"), ("a.i", "."), ("a.i.",))}  # spaCy splits "a.i." before its dot
# Names of meetings, whose subject follows their edition ("de 2025 sur le maintien de la paix").
CONFERENCE_HEADS = frozenset({"conférence", "sommet", "réunion", "forum", "colloque", "séminaire", "dialogue"})
# French prepositions that introduce the department a title heads ("aux opérations de paix").
DEPARTMENT_OPENERS = {"aux": 1, "au": 1, "à": 2}  # words the opener takes ("à la")
# ...and the subject of a meeting ("sur le maintien de la paix").
SUBJECT_OPENERS = {"sur": 1, "pour": 1}
# A year is four digits: "de 2025".
YEAR_DIGITS = 4
# Word classes (glossary.extract.patterns) a department's name is made of.
DEPARTMENT_CLASSES = frozenset("NAPDTE")
# A title with its department is a name too: MAX_NAME_WORDS of glossary.extract.candidates.
MAX_TITLE_WORDS = 15


def title_extension(words: Sequence[Word], start: int, end: int, language: str) -> int | None:
    """The end of the whole title that words[start:end] begins, or None when it is already whole."""
    head = words[start]
    if not head.text[:1].isupper():
        return None
    if language == "fr" and head.text.lower() in CONFERENCE_HEADS:
        return _meeting_end(words, start, end)
    if head.text.lower() not in TITLE_HEADS[language]:
        return None
    stop = end
    for qualifier in INTERIM[language]:
        texts = tuple(word.text.lower() for word in words[stop : stop + len(qualifier)])
        if texts == qualifier:
            stop += len(qualifier)
            break
    if language == "fr" and stop < len(words):
        stop = _department_end(words, stop, start)
    return stop if stop > end else None


def _meeting_end(words: Sequence[Word], start: int, end: int) -> int | None:
    """The end of a meeting's name with its edition and subject; None without a subject."""
    at = end
    if (at + 1 < len(words) and words[at].text.lower() == "de" and words[at + 1].text.isdigit()
            and len(words[at + 1].text) == YEAR_DIGITS):
        at += 2
    if at >= len(words):
        return None
    stop = _department_end(words, at, start, SUBJECT_OPENERS)
    return stop if stop > at else None


def _department_end(words: Sequence[Word], at: int, start: int,
                    openers: dict[str, int] = DEPARTMENT_OPENERS) -> int:
    opener = words[at].text.lower()
    taken = openers.get(opener)
    if taken is None or (opener == "à" and (at + 1 >= len(words) or words[at + 1].text.lower() != "la")):
        return at
    end = at + taken
    while end < len(words) and words[end].cls in DEPARTMENT_CLASSES and end - start < MAX_TITLE_WORDS:
        end += 1
    # A department ends on a noun, an adjective or a name, never on a preposition or an article.
    while end > at + taken and words[end - 1].cls in "DTE":
        end -= 1
    return end if end > at + taken else at
