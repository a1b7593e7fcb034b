"""Ties between English candidates are broken by the French cognates they name."""

from __future__ import annotations

import pytest

from glossary.extract.candidates import TermCandidate
from glossary.pair.cognates import french_vocabulary, missing_cognates, plain


def candidate(canonical: str, language: str, *forms: str) -> TermCandidate:
    return TermCandidate(canonical=canonical, language=language, surface_forms=forms or (canonical,), pos="noun",
                         label="organization", frequency=1, segment_ids=("d#0",))


FRENCH = [candidate("Comité d'état-major", "fr"), candidate("Comité spécial", "fr", "Comité spécial"),
          candidate("opérations militaires", "fr")]


@pytest.mark.parametrize(
    ("english", "missing"),
    [
        ("Special Committee", 1),  # "spécial" is a word of the French corpus the French term lacks
        ("Military Staff Committee", 0),  # military / militaires: a near-cognate decides nothing
        ("Committee", 0),
    ],
)
def test_missing_cognates_of_comite_d_etat_major(english, missing):
    vocabulary = french_vocabulary(FRENCH)
    assert missing_cognates(FRENCH[0], candidate(english, "en"), vocabulary) == missing


def test_a_cognate_the_french_term_holds_is_not_missing():
    vocabulary = french_vocabulary(FRENCH)
    assert missing_cognates(FRENCH[1], candidate("Special Committee", "en"), vocabulary) == 0


def test_plain_words_ignore_accents_and_case():
    assert plain("Spécial") == plain("special") == "special"
