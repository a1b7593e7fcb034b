"""A typed phrase finds term base entries whatever the number of their words."""

from __future__ import annotations

import pytest

from glossary.match.lookup import names


@pytest.mark.parametrize(("query", "term"), [
    ("droit de l'homme", "droits de l'homme"),
    ("droit de l’homme", "droits de l'homme"),  # either apostrophe
    ("civil", "protection des civils"),
    ("protection des civil", "protection des civils"),
    ("Pays fournisseur de contingent", "pays fournisseurs de contingents"),
    ("human right", "human rights"),
    ("human rights", "human right"),
    ("troop-contributing country", "troop-contributing countries"),
    ("triangul", "coopération triangulaire"),  # a half-typed word, as before
])
def test_a_phrase_finds_its_inflected_forms(query, term):
    assert names(query, [term])


@pytest.mark.parametrize(("query", "term"), [
    ("droit de homme", "droits de l'homme"),  # a word missing is another phrase
    ("homme de droit", "droits de l'homme"),  # the words in another order
    ("côte", "cote"),  # accents count, as in the concordance
    ("mois", "moi"),  # a stem shorter than four letters is no plural
    ("civils armés", "protection des civils"),
])
def test_other_phrases_are_not_found(query, term):
    assert not names(query, [term])


def test_any_of_the_entry_texts_may_hold_the_phrase():
    assert names("human right", ["droits de l'homme", "human rights"])
    assert not names("human right", ["droits de l'homme", ""])
