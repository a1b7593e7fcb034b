"""The words of a term as pairing compares them: split, singular, elisions apart, in order."""

from __future__ import annotations

import re
from functools import lru_cache

# Words that carry no content (the length prior, the word dictionary, variants).
FUNCTION_WORDS = frozenset({
    "de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’", "et", "ou", "en", "à", "au", "aux",
    "pour", "sur", "the", "of", "and", "or", "for", "on", "in", "to", "a", "an",
})


def unelided(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words with French elisions split off: ("note", "de", "l'étude") -> ("note", "de", "l'", "étude")."""
    split: list[str] = []
    for word in words:
        head, mark, rest = word.replace("’", "'").partition("'")
        split.extend([head + mark, rest] if mark and rest else [word])
    return tuple(split)


@lru_cache(maxsize=65536)
def singular(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word for word in words)


@lru_cache(maxsize=65536)
def word_tuple(term: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s\-–]+", term.casefold()) if w)


def contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    """True when `inner`'s words occur in `outer` in order (not necessarily adjacent)."""
    remaining = iter(outer)
    return all(word in remaining for word in inner)
