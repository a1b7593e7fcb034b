"""Variants are the same concept only: another rendering, never a phrase around the term or a neighbour.

pair_terms (glossary.pair.pairing) offers a second rendering of a term once it
passes the pair threshold with the other language's term; these tests decide.
"""

from __future__ import annotations

import numpy as np

from glossary.extract.candidates import TermCandidate
from glossary.pair.words import FUNCTION_WORDS, contains, singular, unelided, word_tuple

# A variant means the same as the preferred term (cosine of the two strings)...
VARIANT_SIMILARITY = 0.45
# ...and translate the other language's term nearly as surely: pays contributeurs
# de troupes / troop-contributing countries scores 0.79 with USE, while phrases
# around a term (Président du Conseil / Security Council) score 0.55-0.72.
VARIANT_CROSS_SIMILARITY = 0.76
# ...or be found with it in most of their segments (raw Dice): USE scores pays
# fournisseurs de contingents / troop-contributing countries only 0.56.
VARIANT_DICE = 0.6
# Raw Dice means nothing for terms met once (it is 1 for any two hapaxes of one
# segment): this route needs at least this many shared segments.
VARIANT_MIN_SHARED = 2
# Share of content words a co-occurrence variant may have in common with the
# preferred term (pays contributeur de troupes shares one word in three).
MAX_VARIANT_OVERLAP = 0.5

# A candidate's string vector by (language, candidate index).
Vectors = dict[tuple[str, int], np.ndarray]


def is_variant(candidate: TermCandidate, preferred: TermCandidate, vectors: Vectors, key, preferred_key,
               partner_key, dice: float) -> bool:
    """Another rendering of the concept, not a phrase around it nor an inflection of it.

    It must mean the same as the preferred term, and either translate the
    other language's term nearly as surely or occur mostly where that term
    occurs. "use of triangular cooperation" and "triangular" are not variants
    of "triangular cooperation": one holds the other.
    """
    if float(np.dot(vectors[key], vectors[preferred_key])) < VARIANT_SIMILARITY:
        return False
    words, preferred_words = singular(word_tuple(candidate.canonical)), singular(word_tuple(preferred.canonical))
    if words == preferred_words or contains(words, preferred_words) or contains(preferred_words, words):
        return False
    split, preferred_split = unelided(words), unelided(preferred_words)
    if contains(split, preferred_split) or contains(preferred_split, split):
        return False  # "note de l'étude indépendante" holds "étude indépendante"
    if head_differs(split, preferred_split, candidate.language):
        return False
    if candidate.language == "en" and _names_a_body(candidate) != _names_a_body(preferred):
        return False  # "Peace Operations" (of the Department of Peace Operations) is no "peacekeeping operations"
    if float(np.dot(vectors[key], vectors[partner_key])) >= VARIANT_CROSS_SIMILARITY:
        return True
    # Co-occurrence alone also admits overlapping phrases (renforcement de la
    # coopération beside coopération triangulaire): those must share few words.
    content = set(words) - FUNCTION_WORDS
    preferred_content = set(preferred_words) - FUNCTION_WORDS
    overlap = len(content & preferred_content) / max(1, min(len(content), len(preferred_content)))
    return dice >= VARIANT_DICE and overlap < MAX_VARIANT_OVERLAP


# Letters of a word compared to tell inflections and derivations apart from
# other words (conflit / conflits, représentant / représentante).
STEM_LETTERS = 5


def head_differs(words: tuple[str, ...], preferred_words: tuple[str, ...], language: str) -> bool:
    """Whether the two terms share a word that heads one and only modifies the other.

    "atténuation des conflits" is about mitigating conflicts, "conflits armés"
    about conflicts: a neighbouring concept, not a variant. "soutien
    politique" / "appui politique" share only their modifier, in the same
    role, and stay variants. The head is the first content word in French,
    the last in English.
    """
    content = [w[:STEM_LETTERS] for w in words if w not in FUNCTION_WORDS and w not in ("l'", "d'")]
    preferred = [w[:STEM_LETTERS] for w in preferred_words if w not in FUNCTION_WORDS and w not in ("l'", "d'")]
    if not content or not preferred:
        return False
    position = 0 if language == "fr" else -1
    head, preferred_head = content[position], preferred[position]
    return head != preferred_head and (head in preferred or preferred_head in content)


def _names_a_body(candidate: TermCandidate) -> bool:
    """Whether an English candidate is written as a name: every content word capitalised, as the texts write it.

    A name and a common noun phrase are two concepts, however close their words: "Peace Operations"
    (the department) and "peacekeeping operations". An acronym stands for its expansion and is left to
    the other tests.
    """
    if candidate.label == "acronym":
        return False
    written = candidate.surface_forms[0] if candidate.surface_forms else candidate.canonical
    content = [word for word in written.split() if word.lower() not in FUNCTION_WORDS and word[:1].isalpha()]
    return bool(content) and all(word[:1].isupper() for word in content)
