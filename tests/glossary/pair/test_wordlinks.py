"""Word-level evidence of a pair: literal renderings of terms, free renderings of general adjectives."""

from __future__ import annotations

from dataclasses import replace

import pytest

from aligner.embed import load_embedder
from glossary.extract.candidates import TermCandidate
from glossary.pair.model import PairingInput
from glossary.pair.pairing import pair_terms
from glossary.pair.wordlinks import cognate, translation_evidence
from glossary.rank.termhood import entry_termhood

DICTIONARY = {"country": "pays", "support": "appui"}


def _candidate(term: str, language: str, pattern: str, segments: tuple[str, ...] = ("d#1",)) -> TermCandidate:
    return TermCandidate(canonical=term, language=language, surface_forms=(term,), pos="noun", label="term",
                         frequency=len(segments), segment_ids=segments, pattern=pattern)


@pytest.mark.parametrize(("a", "b", "alike"), [
    ("civilians", "civils", True), ("political", "politique", True), ("host", "hôte", True),
    ("sexual", "sexuelle", True), ("resource", "ressource", True),
    ("critical", "crucial", False), ("useful", "utile", False), ("daily", "quotidiennes", False),
])
def test_cognates_are_spelled_alike(a, b, alike):
    assert cognate(a, b) is alike


@pytest.mark.parametrize(("fr", "fr_pattern", "en", "en_pattern", "agreement", "general", "free"), [
    ("protection des civils", "NDN", "protection of civilians", "NDN", 1.0, False, False),
    ("violence sexuelle liée aux conflits", "NAADN", "conflict-related sexual violence", "AAN", 0.75, False, False),
    ("pays hôte", "NN", "host country", "NN", 1.0, False, False),  # country / pays from the dictionary
    ("tâches quotidiennes", "NA", "daily tasks", "AN", 0.0, True, True),
    ("appui politique systématique", "NAA", "consistent political support", "AAN", 4 / 6, True, True),
    ("contribution importante", "NA", "important contribution", "AN", 1.0, True, False),  # rendered word for word
])
def test_evidence_of_a_pair(fr, fr_pattern, en, en_pattern, agreement, general, free):
    evidence = translation_evidence(_candidate(fr, "fr", fr_pattern), _candidate(en, "en", en_pattern), DICTIONARY)
    assert evidence.agreement == pytest.approx(agreement)
    assert (evidence.general_modifier, evidence.free_modifier) == (general, free)


def test_a_literal_term_met_once_gains_and_a_free_phrase_loses():
    def termhood(fr, fr_pattern, en, en_pattern):
        french = replace(_candidate(fr, "fr", fr_pattern), termhood=0.1)
        english = replace(_candidate(en, "en", en_pattern), termhood=0.3)
        evidence = translation_evidence(french, english, DICTIONARY)
        return (entry_termhood(french, english, confidence=0.85, bilingual=frozenset({"d#1"}), evidence=evidence),
                entry_termhood(french, english, confidence=0.85, bilingual=frozenset({"d#1"})))

    literal, plain = termhood("protection des civils", "NDN", "protection of civilians", "NDN")
    assert literal > plain
    free, plain = termhood("tâches quotidiennes", "NA", "daily tasks", "AN")
    assert free < plain
    single, plain = termhood("protection", "N", "protection", "N")  # one word: nothing to compare
    assert single == plain


def test_pairing_gives_each_pair_its_evidence():
    french = [_candidate("protection des civils", "fr", "NDN"), _candidate("tâches quotidiennes", "fr", "NA", ("d#2",))]
    english = [_candidate("protection of civilians", "en", "NDN"), _candidate("daily tasks", "en", "AN", ("d#2",))]
    segments = PairingInput(bilingual=frozenset({"d#1", "d#2"}), french_only=frozenset(), fr_texts={}, en_texts={})
    pairs = {pair.fr[0].canonical: pair for pair in pair_terms(french, english, segments, load_embedder())}
    assert pairs["protection des civils"].evidence.agreement == 1.0
    assert pairs["tâches quotidiennes"].evidence.free_modifier
