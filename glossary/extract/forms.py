"""Canonical forms of term occurrences: the singular a term base lists.

Only the head noun and the words that agree with it are put in the singular;
everything after the first preposition stays as written, because it is a
complement with its own number: "pays fournisseurs de contingents" ->
"pays fournisseur de contingents", "contributions mises en recouvrement" ->
"contribution mise en recouvrement", "rules of engagement" -> "rule of
engagement". French adjectives and participles keep their gender
("organisation régionale", not spaCy's masculine lemma "régional").
Words are lowercased unless they are acronyms, proper nouns met inside a
sentence, or capitalised words that go on such a name: the small French tagger
calls "Unies" in "Nations Unies" a common noun, and "Nations unies" is wrong. Names of organisations are not canonicalised at all: "United
Nations" is a name, not a plural.
"""

from __future__ import annotations

from glossary.extract.patterns import Word

# Heads that inflect for number; everything else is kept as written.
INFLECTING_CLASSES = {"fr": {"N", "A"}, "en": {"N"}}


def canonical_form(words: list[Word], language: str) -> str:
    """The singular, case-normalised form of one occurrence."""
    # The article after "et" belongs to the text, not the term: "l'exploitation
    # et les atteintes sexuelles" -> "exploitation et atteinte sexuelle".
    words = [word for word in words if word.cls != "K"]
    first_preposition = next((k for k, word in enumerate(words) if word.cls in "DE"), len(words))
    agreeing = range(first_preposition)
    if language == "en":
        # English modifiers do not agree: only the head, the last noun before "of", inflects.
        agreeing = range(first_preposition - 1, first_preposition)
    parts = []
    in_name = False
    for k, word in enumerate(words):
        next_word = words[k + 1] if k + 1 < len(words) else None
        in_name = _keeps_case(word, next_word) or (in_name and _goes_on_a_name(word))
        text = word.text if in_name else word.text.lower()
        inflects = k in agreeing and word.cls in INFLECTING_CLASSES[language] and not in_name
        if inflects and (word.plural or _looks_plural(word, language)):
            text = singular(word, language, text)
        parts.append(text)
    return _join(parts)


def _keeps_case(word: Word, next_word: Word | None) -> bool:
    if word.is_acronym:
        return True
    if word.cls != "P" or not word.text[:1].isupper():
        return False
    # A sentence-initial capital is a name's only when the name goes on: "United Nations".
    return not word.sentence_initial or (next_word is not None and next_word.text[:1].isupper())


def _goes_on_a_name(word: Word) -> bool:
    return word.text[:1].isupper() and word.cls in "NPA" and not word.sentence_initial


def _looks_plural(word: Word, language: str) -> bool:
    # The French tagger's Number feature is often wrong ("fournisseurs": Sing).
    return language == "fr" and word.text.lower().endswith(("s", "x"))


def singular(word: Word, language: str, text: str) -> str:
    """The singular of ``text``, the (possibly case-folded) form of ``word``."""
    if word.is_acronym:
        return text.removesuffix("s") if text.endswith("s") and text[:-1].isupper() else text
    lemma = word.lemma if text[:1].isupper() else word.lemma.lower()
    if language == "en":
        return lemma or text
    lower = text.lower()
    if lemma.lower() == lower:
        return text  # invariable: pays, temps, divers, nombreux
    if word.pos == "NOUN" and lemma and lemma[:3].lower() == lower[:3]:
        return lemma  # travaux -> travail, contingents -> contingent
    if lower.endswith("eaux"):
        return text[:-1]
    if lower.endswith("aux") and lemma.lower().endswith("al"):
        return text[:-3] + text[-3:].replace("aux", "al").replace("AUX", "AL")
    if lower.endswith(("s", "x")):
        return text[:-1]
    return text


def _join(parts: list[str]) -> str:
    joined = " ".join(parts)
    # French elided articles and prepositions attach to the next word.
    for elided in ("d' ", "l' ", "d’ ", "l’ "):
        joined = joined.replace(elided, elided.rstrip())
    return joined
