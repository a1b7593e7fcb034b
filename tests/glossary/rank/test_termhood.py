"""Termhood as a probability: features of hand-built candidates, the calibrated score, the bilingual corrections."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from glossary.extract.candidates import TermCandidate
from glossary.rank import rank_candidates
from glossary.rank.features import (
    corpus_shape,
    head_word,
    is_symbol_like,
    monolingual_features,
    translation_consistency,
)
from glossary.rank.termhood import (
    DEFAULT_MIN_TERMHOOD,
    FREE_PHRASE_PENALTY,
    entry_termhood,
    monolingual_termhood,
    score_termhood,
)


def candidate(canonical: str, frequency: int, *, documents: int = 1, language: str = "fr", label: str = "term",
              pattern: str = "", segments: tuple[str, ...] = ()) -> TermCandidate:
    ids = segments or tuple(f"doc{i % documents}#{i}" for i in range(frequency))
    return TermCandidate(canonical=canonical, language=language, surface_forms=(canonical,), pos="noun",
                         label=label, frequency=frequency, segment_ids=ids, pattern=pattern)


def scored(candidates: list[TermCandidate], language: str = "fr", tokens: int = 20_000) -> dict[str, TermCandidate]:
    ranked = score_termhood(rank_candidates(candidates, language, total_tokens=tokens), language, tokens)
    return {c.canonical: c for c in ranked}


def test_features_count_documents_nesting_and_code_like_strings():
    candidates = [
        candidate("pays fournisseur de contingents", 4, documents=2, pattern="NADN"),
        candidate("pays fournisseur", 4, pattern="NA"),
        candidate("pstock_ct_ref1", 3, pattern="N"),
    ]
    rows = monolingual_features(candidates, "fr", corpus_shape(candidates, 10_000))
    assert rows[0]["log_documents"] == pytest.approx(1.0986, abs=1e-3)  # 2 documents: log(3)
    assert rows[0]["has_preposition"] == 1.0 and rows[1]["has_preposition"] == 0.0
    assert rows[1]["nested_share"] > 0.5 and rows[0]["nested_share"] == 0.0  # only ever inside the longer one
    assert rows[2]["code_like"] == 1.0 and rows[0]["code_like"] == 0.0
    assert rows[1]["words"] == 2.0 and rows[1]["single_word"] == 0.0


@pytest.mark.parametrize(
    ("language", "canonical", "pattern", "head"),
    [
        ("en", "wind turbine blade", "NNN", "blade"),
        ("en", "angle of attack", "NDN", "angle"),
        ("en", "aerodynamic load", "AN", "load"),
        ("fr", "angle de calage", "NDN", "angle"),
        ("fr", "énergie éolienne", "NA", "énergie"),
        ("fr", "pale", "N", "pale"),
    ],
)
def test_the_head_word_is_the_last_noun_before_a_preposition_in_english_and_the_first_noun_in_french(
        language, canonical, pattern, head):
    assert head_word(candidate(canonical, 1, language=language, pattern=pattern), language) == head


def test_head_family_counts_the_candidates_sharing_a_head_noun():
    candidates = [candidate("angle de calage", 3, pattern="NDN"), candidate("angle d'attaque", 2, pattern="NDN"),
                  candidate("angle", 5, pattern="N"), candidate("pale", 4, pattern="N")]
    rows = monolingual_features(candidates, "fr", corpus_shape(candidates, 10_000))
    assert rows[0]["head_family"] == rows[2]["head_family"] > rows[3]["head_family"] > 0.0


@pytest.mark.parametrize(
    ("language", "word", "symbol"),
    [
        ("fr", "Kreg", True),          # unknown, four letters
        ("fr", "nivstock", False),     # unknown, but long enough and voiced
        ("fr", "pstock_ct", True),     # underscore
        ("fr", "PSPmax", True),        # inner capital
        ("fr", "Vqreg", True),         # one vowel in five letters
        ("fr", "sfhptrh", True),       # hardly a vowel
        ("fr", "éolienne", False),     # a French word
        ("en", "turbine", False),
        ("en", "MW", False),           # a known unit
    ],
)
def test_an_unknown_word_written_like_a_symbol_is_symbol_like(language, word, symbol):
    assert is_symbol_like(word, language) is symbol


@pytest.mark.parametrize(
    ("language", "foreign", "native"),
    [("en", "rüzgar hızı", "wind speed"), ("fr", "katsayısı", "coefficient de puissance"), ("en", "ω", "omega")],
)
def test_a_letter_outside_the_language_alphabet_marks_foreign_text(language, foreign, native):
    candidates = [candidate(foreign, 2, language=language, pattern="N" * len(foreign.split())),
                  candidate(native, 2, language=language, pattern="N" * len(native.split()))]
    rows = monolingual_features(candidates, language, corpus_shape(candidates, 10_000))
    assert rows[0]["foreign_letters"] == 1.0 and rows[1]["foreign_letters"] == 0.0

@pytest.mark.parametrize("name", ["Côte d'Ivoire", "Türkiye"])
def test_a_name_keeps_its_foreign_letters(name):
    candidates = [candidate(name, 2, language="en", label="organization", pattern="P" * len(name.split()))]
    rows = monolingual_features(candidates, "en", corpus_shape(candidates, 10_000))
    assert rows[0]["foreign_letters"] == 0.0


@pytest.mark.parametrize("feature", ["symbol_like", "foreign_letters", "head_family"])
def test_symbol_like_terms_foreign_text_and_crowded_heads_lose_termhood(feature):
    candidates = [candidate("Kreg", 6, documents=2, pattern="N"), candidate("régulateur", 6, documents=2, pattern="N")]
    row = monolingual_features(candidates, "fr", corpus_shape(candidates, 10_000))[1]
    assert monolingual_termhood({**row, feature: 1.0}) < monolingual_termhood({**row, feature: 0.0})


@pytest.mark.parametrize(
    ("language", "term", "general"),
    [
        ("fr", "coopération triangulaire", "importance"),
        ("fr", "pays fournisseur de contingents", "nombre"),
        ("en", "triangular cooperation", "importance"),
        ("en", "troop-contributing country", "number"),
    ],
)
def test_a_domain_term_is_more_likely_kept_than_a_general_word_of_equal_frequency(language, term, general):
    pattern = "NA" if language == "fr" and len(term.split()) == 2 else ("AN" if len(term.split()) == 2 else "NADN")
    result = scored([candidate(term, 5, documents=3, language=language, pattern=pattern),
                     candidate(general, 5, documents=3, language=language, pattern="N")], language)
    assert result[term].termhood > result[general].termhood
    assert all(0.0 < c.termhood < 1.0 for c in result.values())


def test_translation_consistency_is_the_share_of_bilingual_segments_holding_the_partner():
    fr = candidate("pays hôte", 4, segments=("d#1", "d#2", "d#3", "d#9"))
    en = candidate("host country", 3, language="en", segments=("d#1", "d#2", "d#5"))
    bilingual = frozenset({"d#1", "d#2", "d#3", "d#5"})  # d#9 has no English side
    assert translation_consistency(fr, en, bilingual) == pytest.approx(2 / 3)


def test_a_consistently_rendered_pair_scores_above_a_freely_translated_one():
    bilingual = frozenset(f"d#{i}" for i in range(10))
    term = replace(candidate("pays hôte", 4, segments=("d#0", "d#1", "d#2", "d#3")), termhood=0.4)
    phrase = replace(candidate("importance des mandats", 4, segments=("d#4", "d#5", "d#6", "d#7")), termhood=0.4)
    host = replace(candidate("host country", 4, language="en", segments=("d#0", "d#1", "d#2", "d#3")), termhood=0.4)
    mandates = replace(candidate("importance of mandates", 1, language="en", segments=("d#4",)), termhood=0.4)
    consistent = entry_termhood(term, host, confidence=0.8, bilingual=bilingual)
    free = entry_termhood(phrase, mandates, confidence=0.8, bilingual=bilingual)
    assert consistent > 0.5 > free


def test_a_french_term_without_a_partner_loses_only_where_an_english_original_exists():
    fr = replace(candidate("mission de bons offices", 2), termhood=0.5)
    unpaired = entry_termhood(fr, None, confidence=0.0, bilingual=frozenset(), english_original=True)
    french_only = entry_termhood(fr, None, confidence=0.0, bilingual=frozenset(), english_original=False)
    assert french_only == pytest.approx(0.5) and unpaired < 0.3


def _pair(fr: str, en: str, *, termhood: float = 0.6, label: str = "term", pattern: str = "N"):
    ids = tuple(f"d#{i}" for i in range(4))
    return (replace(candidate(fr, 4, segments=ids, label=label, pattern=pattern), termhood=termhood),
            replace(candidate(en, 4, language="en", segments=ids, label=label, pattern=pattern), termhood=termhood))


def test_a_single_common_word_gains_nothing_from_a_confident_consistent_pair():
    bilingual = frozenset(f"d#{i}" for i in range(4))
    fr, en = _pair("honneur", "honour")
    sure = entry_termhood(fr, en, confidence=0.98, bilingual=bilingual)
    unsure = entry_termhood(fr, en, confidence=0.6, bilingual=bilingual)
    assert sure == unsure < 0.6
    # a multiword term of the same termhoods does gain from the same evidence
    fr, en = _pair("pays hôte", "host country")
    assert entry_termhood(fr, en, confidence=0.98, bilingual=bilingual) > 0.8


def test_a_general_single_word_scores_under_a_specialised_one_and_under_the_threshold():
    bilingual = frozenset(f"d#{i}" for i in range(4))
    general = entry_termhood(*_pair("importance", "importance"), confidence=0.9, bilingual=bilingual)
    specialised = entry_termhood(*_pair("multilatéralisme", "multilateralism"), confidence=0.9, bilingual=bilingual)
    assert general < DEFAULT_MIN_TERMHOOD < 0.6 == pytest.approx(specialised, abs=0.01)


@pytest.mark.parametrize(("fr", "en", "label", "pattern"), [
    ("MINUSMA", "MINUSMA", "acronym", "N"),
    ("Pakistan", "Pakistan", "term", "P"),
    ("coût-efficacité", "cost-effectiveness", "term", "N"),
    ("Secrétariat", "Secretariat", "organization", "N"),
])
def test_names_acronyms_and_compounds_are_no_common_words(fr, en, label, pattern):
    bilingual = frozenset(f"d#{i}" for i in range(4))
    fr_term, en_term = _pair(fr, en, label=label, pattern=pattern)
    assert entry_termhood(fr_term, en_term, confidence=0.95, bilingual=bilingual) > 0.8


def test_a_free_phrase_rendered_word_for_word_scores_under_a_term_of_the_same_evidence():
    bilingual = frozenset(f"d#{i}" for i in range(4))
    term = entry_termhood(*_pair("gestion environnementale", "environmental management", termhood=0.4),
                          confidence=0.9, bilingual=bilingual)
    fr, en = _pair("étape cruciale", "crucial step", termhood=0.4)
    free = entry_termhood(replace(fr, pattern="NA"), replace(en, pattern="AN"), confidence=0.9, bilingual=bilingual)
    assert math.log(term / (1 - term)) - math.log(free / (1 - free)) == pytest.approx(FREE_PHRASE_PENALTY, abs=1e-3)
