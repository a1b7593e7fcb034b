"""The term base's order (glossary.rank.order) and what makes a phrase free (glossary.rank.phrases)."""

from __future__ import annotations

import pytest

from glossary.extract.candidates import TermCandidate
from glossary.pair.model import REFERENCE, TermPair
from glossary.rank.order import COMMON_WORDS, FREE_PHRASES, TERMS, entry_group, term_base_order
from glossary.rank.phrases import is_free_phrase


def _candidate(term: str, language: str, *, label: str = "term", score: float = 0.8, pattern: str = ""):
    return TermCandidate(canonical=term, language=language, surface_forms=(term,), pos="noun", label=label,
                         frequency=1, segment_ids=("d#1",), score=score, pattern=pattern)


def _pair(fr: str, en: str, confidence: float, *, label: str = "term", score: float = 0.8,
          fr_pattern: str = "", en_pattern: str = "", status: str = "candidate") -> TermPair:
    return TermPair(fr=(_candidate(fr, "fr", label=label, score=score, pattern=fr_pattern),),
                    en=(_candidate(en, "en", label=label, score=score, pattern=en_pattern),),
                    confidence=confidence, status=status)


def test_terms_come_first_then_free_phrases_then_single_common_words() -> None:
    general = _pair("sécurité", "security", 0.98, score=0.9)
    term = _pair("coopération triangulaire", "triangular cooperation", 0.80, score=0.4)
    name = _pair("Conseil de sécurité", "Security Council", 0.90, label="organization", score=0.9)
    weak_term = _pair("pays hôte", "host country", 0.85, score=0.05)
    free = _pair("étape cruciale", "crucial step", 0.97, score=0.9, fr_pattern="NA", en_pattern="AN")
    reference = _pair("contribution mise en recouvrement", "assessed contribution", 1.0, score=0.1,
                      status=REFERENCE)
    termhood = {id(general): 0.99, id(free): 0.98, id(weak_term): 0.95, id(term): 0.40, id(name): 0.97,
                id(reference): 0.1}
    ordered = sorted([general, free, weak_term, term, name, reference],
                     key=lambda pair: term_base_order(pair, termhood=termhood[id(pair)]))
    # inside a group, the entry's termhood decides ("pays hôte" before "coopération triangulaire" here)
    assert ordered == [reference, name, weak_term, term, free, general]


def test_a_single_word_the_texts_write_with_a_capital_is_ordered_with_the_terms() -> None:
    country = _pair("pakistan", "Pakistan", 0.88)
    assert entry_group(country, "Pakistan") == TERMS
    assert entry_group(country, "pakistan") == COMMON_WORDS
    phrase = _pair("ressource suffisante", "sufficient resource", 0.95, fr_pattern="NA", en_pattern="AN")
    assert term_base_order(country, "Pakistan") < term_base_order(phrase) < term_base_order(country, "pakistan")


@pytest.mark.parametrize(("fr", "fr_pattern", "en", "en_pattern"), [
    ("étape cruciale", "NA", "crucial step", "AN"),
    ("ressource suffisante", "NA", "sufficient resource", "AN"),  # feminine, back to "suffisant"
    ("engagement concret", "NA", "concrete pledge", "AN"),
    ("dialogue franc et productif", "NACA", "frank and productive dialogue", "ACAN"),
    ("organe existant", "NA", "existing body", "VN"),  # an English participle
    ("vingt-cinquième anniversaire", "AN", "twenty-fifth anniversary", "AN"),  # an ordinal
    ("mandat adéquat", "NA", "mandate", "N"),  # the French side alone qualifies
    ("mise en œuvre effective", "NENA", "effective implementation", "AN"),  # the English side alone
    # a frame noun heads both sides: what is said about a concept, not a kind of it
    ("avenir du maintien de la paix", "NDNDTN", "future of peacekeeping", "NDN"),
    ("renforcement de la coopération triangulaire", "NDTNA", "strengthening triangular cooperation", "VAN"),
    ("effort de maintien de la paix", "NDNDTN", "peacekeeping effort", "NN"),
    ("efficacité des missions", "NDN", "effectiveness of missions", "NDN"),
    ("rôle des femmes", "NDN", "role of women", "NDN"),
    # the English capitalises the name of a referent the French writes in lower case, beside a common noun
    ("territoire syrien", "NA", "Syrian territory", "AN"),
    ("autorité haïtienne", "NA", "Haitian authorities", "AN"),
    ("membre du comité", "NDN", "Committee member", "NN"),
])
def test_a_qualifying_adjective_or_an_ordinal_makes_a_phrase_free(fr, fr_pattern, en, en_pattern) -> None:
    assert is_free_phrase(_candidate(fr, "fr", pattern=fr_pattern), _candidate(en, "en", pattern=en_pattern))


@pytest.mark.parametrize(("fr", "fr_pattern", "en", "en_pattern", "label"), [
    ("coopération triangulaire", "NA", "triangular cooperation", "AN", "term"),  # classifying adjectives
    ("violence sexuelle lié aux conflits", "NAADN", "conflict-related sexual violence", "AAN", "term"),
    ("langue officielle", "NA", "official language", "AN", "term"),  # officiel classifies in UN terms
    ("expert indépendant", "NA", "independent expert", "AN", "term"),
    ("mission de bons offices", "NDAN", "good offices mission", "ANN", "term"),
    ("liberté fondamentale", "NA", "fundamental freedom", "AN", "term"),
    ("petit État insulaire en développement", "NANEN", "small island developing State", "ANVN", "term"),
    ("Nouvel Agenda pour la paix", "ANETN", "New Agenda for Peace", "ANEN", "term"),  # a name
    ("Comité spécial", "NA", "Special Committee", "AN", "organization"),
    # a frame noun on one side only: a term
    ("renforcement des capacités", "NDN", "capacity-building", "N", "term"),
    ("efficacité énergétique", "NA", "energy efficiency", "NN", "term"),  # no complement: the noun is the concept
    # a name in title case on the English side, capitals on the French side: a term holding a name
    ("forces armées libanaises", "NAA", "Lebanese Armed Forces", "AAN", "term"),
    ("Golan syrien occupé", "PAA", "occupied Syrian Golan", "VAP", "term"),
])
def test_classifying_adjectives_and_names_make_no_free_phrase(fr, fr_pattern, en, en_pattern, label) -> None:
    assert not is_free_phrase(_candidate(fr, "fr", pattern=fr_pattern, label=label),
                              _candidate(en, "en", pattern=en_pattern, label=label))


def test_a_referent_is_read_from_the_english_as_written():
    # the English canonical form may be lowercased; the term base writes what the texts write inside sentences
    fr = _candidate("présidence péruvienne", "fr", pattern="NA")
    en = _candidate("peruvian presidency", "en", pattern="AN")
    assert not is_free_phrase(fr, en)
    assert is_free_phrase(fr, en, "Peruvian presidency")
    # a capital the texts give only at sentence starts is not written, so no referent
    assert not is_free_phrase(_candidate("société civile", "fr", pattern="NA"),
                              _candidate("civil society", "en", pattern="AN"), "civil society")
