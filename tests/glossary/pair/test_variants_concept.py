"""Variants are the same concept only: a neighbouring concept or a phrase around the term is not one."""

from __future__ import annotations

import pytest

from glossary.pair.variants import head_differs
from glossary.pair.words import singular, unelided, word_tuple


def words(term: str) -> tuple[str, ...]:
    return unelided(singular(word_tuple(term)))


@pytest.mark.parametrize(
    ("variant", "preferred", "language", "differs"),
    [
        ("atténuation des conflits", "conflits armés", "fr", True),  # the example
        ("note de l'étude indépendante", "étude indépendante", "fr", True),
        ("soutien politique", "appui politique", "fr", False),  # same role, synonymous heads
        ("Représentant permanent", "Représentante permanente", "fr", False),  # an inflection
        ("ONU", "Nations Unies", "fr", False),  # no shared word: a rendering
        ("conflict mitigation", "armed conflict", "en", True),
        ("political backing", "political support", "en", False),
    ],
)
def test_a_shared_word_in_another_role_makes_a_neighbouring_concept(variant, preferred, language, differs):
    assert head_differs(words(variant), words(preferred), language) is differs


def test_elisions_are_split_so_that_containment_is_seen():
    assert unelided(("note", "de", "l'étude", "indépendante")) == ("note", "de", "l'", "étude", "indépendante")
