"""Termhood ranking: C-value nesting and specificity against general language."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from glossary.extract.candidates import TermCandidate, extract_candidates
from glossary.rank import NESTED_FLOOR, c_values, has_general_edge, rank_candidates


def candidate(canonical: str, frequency: int, surfaces: tuple[str, ...] = (), language: str = "fr") -> TermCandidate:
    return TermCandidate(
        canonical=canonical,
        language=language,
        surface_forms=surfaces or (canonical,),
        pos="noun",
        label="term",
        frequency=frequency,
        segment_ids=tuple(f"s{i}" for i in range(frequency)),
    )


def test_nested_candidate_only_seen_inside_a_longer_one_keeps_only_the_floor() -> None:
    longer = candidate("pays fournisseur de contingents", 4, ("pays fournisseurs de contingents",))
    nested = candidate("pays fournisseur", 4, ("pays fournisseurs",))
    free = candidate("contingent", 6, ("contingents",))
    values = c_values([longer, nested, free])
    # Every occurrence is inside the longer term: only the floor share is left.
    assert values[1] == pytest.approx(NESTED_FLOOR * 4 * math.log2(3))
    assert values[0] > values[1]
    # "contingents" occurs twice on its own beyond its 4 nested occurrences: 1 x (6 - 4).
    assert values[2] == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("language", "term", "general"),
    [
        ("fr", "coopération triangulaire", "nouveau souffle"),
        ("fr", "coopération triangulaire", "juste équilibre"),
        ("en", "triangular cooperation", "right balance"),
        ("en", "peacekeeping", "member"),
    ],
)
def test_specific_term_ranks_above_general_phrase_of_equal_frequency(
    language: str, term: str, general: str
) -> None:
    ranked = rank_candidates([candidate(general, 3, language=language), candidate(term, 3, language=language)], language)
    assert [c.canonical for c in ranked] == [term, general]
    assert ranked[0].score == 1.0
    assert 0.0 <= ranked[1].score < 1.0


def test_more_frequent_term_ranks_higher_when_equally_specific() -> None:
    ranked = rank_candidates([candidate("contingent", 2), candidate("contingent militaire", 9)], "fr")
    assert ranked[0].canonical == "contingent militaire"


def test_ranking_keeps_every_candidate_and_fills_scores() -> None:
    candidates = [candidate("a b", 1), candidate("mission de paix", 2), candidate("paix", 5)]
    ranked = rank_candidates(candidates, "fr", total_tokens=100)
    assert sorted(c.canonical for c in ranked) == sorted(c.canonical for c in candidates)
    assert all(0.0 <= c.score <= 1.0 for c in ranked)
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)


def test_empty_input_ranks_to_empty() -> None:
    assert rank_candidates([], "en") == []


def test_extracted_french_terms_outrank_general_phrases() -> None:
    texts = [
        ("s1", "La coopération triangulaire donne un nouveau souffle aux opérations."),
        ("s2", "La coopération triangulaire cherche un juste équilibre."),
        ("s3", "Un nouveau souffle et un juste équilibre grâce à la coopération triangulaire."),
    ]
    ranked = [c.canonical for c in rank_candidates(extract_candidates(texts, "fr"), "fr")]
    assert ranked.index("coopération triangulaire") < ranked.index("nouveau souffle")
    assert ranked.index("coopération triangulaire") < ranked.index("juste équilibre")


def test_container_with_a_general_edge_does_not_discount_the_term_inside() -> None:
    # "greater impact" opens with a general adjective: it is a phrase around "impact".
    phrase = candidate("greater impact", 3, language="en")
    phrase = replace(phrase, pattern="AN")
    term = candidate("impact", 3, language="en")
    values = c_values([phrase, term], ignored_containers=[True, False])
    assert values[1] == pytest.approx(3.0)


@pytest.mark.parametrize(
    ("language", "canonical", "pattern", "general"),
    [
        ("en", "greater impact", "AN", True),  # qualifying adjective
        ("en", "enabling effective burden-sharing", "VAN", True),  # -ing verb
        ("en", "political support", "AN", False),  # relational adjective: term-forming
        ("en", "assessed contribution", "VN", False),  # participle, not -ing
        ("fr", "véritable esprit", "AN", True),
        ("fr", "partage des charges efficace", "NDNA", True),  # adjective after the complement
        ("fr", "coopération triangulaire", "NA", False),
        ("fr", "maintien de la paix internationale", "NDTNA", False),  # relational
    ],
)
def test_general_edges(language: str, canonical: str, pattern: str, general: bool) -> None:
    term = candidate(canonical, 1, language=language)
    term = replace(term, pattern=pattern)
    assert has_general_edge(term, language) is general
