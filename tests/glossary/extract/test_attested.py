"""The written form of a candidate: attested in the corpus, initial case of the canonical form."""

from __future__ import annotations

import pytest

from glossary.extract.attested import attested_form
from glossary.extract.candidates import TermCandidate


def candidate(canonical: str, *forms: str) -> TermCandidate:
    return TermCandidate(canonical=canonical, language="fr", surface_forms=forms, pos="noun", label="term",
                         frequency=len(forms), segment_ids=tuple(f"d#{i}" for i in range(len(forms))))


@pytest.mark.parametrize(
    ("canonical", "forms", "written"),
    [
        ("opération de paix", ("opérations de paix", "opération de paix"), "opération de paix"),
        ("droit de l'homme", ("droits de l'homme",), "droits de l'homme"),
        ("exploitation et atteinte sexuelle", ("Exploitation et atteintes sexuelles", "exploitation et atteintes sexuelles"),
         "exploitation et atteintes sexuelles"),
        ("human right", ("Human rights",), "human rights"),
        # the article after "et" is the sentence's (the bundled corpus's only forms)
        ("exploitation et atteinte sexuelle",
         ("exploitation et des atteintes sexuelles", "exploitation et les atteintes sexuelles"),
         "exploitation et atteintes sexuelles"),
        # the most frequent form is longer than the term: the form of the term's length wins
        ("mission de paix", ("missions de paix des Nations", "missions de paix des Nations", "missions de paix"),
         "missions de paix"),  # sentence-initial capital lowered
        ("Conseil de sécurité", ("Conseil de sécurité",), "Conseil de sécurité"),
        ("source d'énergie renouvelable", ("sources d’énergie renouvelables",), "sources d’énergie renouvelables"),
        ("opération de paix", ("Opération de paix",), "opération de paix"),  # attested, case aside
        ("état membre", ("États Membres",), "États Membres"),  # capitals of its own, not of a sentence start
    ],
)
def test_written_forms(canonical, forms, written):
    assert attested_form(candidate(canonical, *forms)) == written
