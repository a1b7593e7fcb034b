"""The written form of a candidate: attested in the corpus, initial case of the canonical form."""

from __future__ import annotations

import pytest

from glossary.extract.attested import attested_form, written_case
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
        # the lemma's case is the tagger's: a written canonical form takes the texts' letter case
        ("royaume-uni", ("Royaume-Uni",), "Royaume-Uni"),
        ("bosnie-herzégovine", ("Bosnie-Herzégovine", "Bosnie-Herzégovine"), "Bosnie-Herzégovine"),
        ("annexe iii", ("annexe III",), "annexe III"),
        ("Ghassan al-zawawi", ("Ghassan al-Zawawi",), "Ghassan al-Zawawi"),
        ("vice-president", ("Vice-President",), "Vice-President"),
        # a sentence-initial capital is still lowered when the only other capitals open later words' acronyms
        ("mission de l'ONU", ("Missions de l'ONU",), "missions de l'ONU"),
    ],
)
def test_written_forms(canonical, forms, written):
    assert attested_form(candidate(canonical, *forms)) == written


@pytest.mark.parametrize(("form", "texts", "written"), [
    # a capital inside a sentence is the word's own: names the tagger took for common nouns, months, nationalities
    ("pakistan", ["Six pays ont été invités (Éthiopie, Rwanda, Bangladesh, Pakistan, Égypte et Uruguay)."], "Pakistan"),
    ("october", ["The meeting was held on 3 October 2025."], "October"),
    ("peruvian presidency", ["Under the Peruvian presidency, the Council met."], "Peruvian presidency"),
    ("secrétariat", ["Le Secrétariat a présenté le rapport.", "Secrétariat et Conseil."], "Secrétariat"),
    # a capital at the start of a sentence, a heading or a numbered paragraph is the sentence's
    ("importance", ["Importance du mandat", "Le mandat. Importance des missions."], "importance"),
    ("coopération triangulaire", ["1. Coopération triangulaire", "Coopération triangulaire : bilan"],
     "coopération triangulaire"),
    # written lowercase anywhere (its plural included), the word is common: "la Mission" is not enough
    ("mission", ["La Mission compte 12 contingents.", "Les missions de paix protègent les civils."], "mission"),
])
def test_the_written_case_is_the_one_the_texts_give_inside_sentences(form, texts, written):
    assert written_case(form, texts) == written


def counted(canonical: str, language: str = "fr", **forms: int) -> TermCandidate:
    names = tuple(form.replace("_", " ").replace("AP", "'") for form in forms)
    return TermCandidate(canonical=canonical, language=language, surface_forms=names, pos="noun", label="term",
                         frequency=sum(forms.values()), segment_ids=("d#0",), surface_counts=tuple(forms.values()))


@pytest.mark.parametrize(("candidate", "written"), [
    # "un droit de l'homme" once in 96: the texts write the plural
    (counted("droit de l'homme", droits_de_lAPhomme=95, droit_de_lAPhomme=1), "droits de l'homme"),
    (counted("human right", "en", human_rights=60, human_right=1), "human rights"),
    # a singular the texts use now and then is written (one in ten)
    (counted("opération de paix", opérations_de_paix=9, opération_de_paix=1), "opération de paix"),
    # the shares are of forms of the term's length: a longer form does not outvote the singular
    (counted("mission de paix", missions_de_paix_des_Nations=40, missions_de_paix=3, mission_de_paix=1),
     "mission de paix"),
])
def test_a_singular_is_written_where_the_texts_use_it_not_where_they_meet_it_once_in_a_hundred(candidate, written):
    assert attested_form(candidate) == written
