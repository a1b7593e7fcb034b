"""Per-document term candidates: stored as JSON and read back, merged into the corpus's candidates."""

from __future__ import annotations

from dataclasses import replace

import pytest

from glossary.extract.merge import (StoredCandidatesError, candidate_from_json, candidate_to_json,
                                      candidates_from_json, candidates_to_json, merge_candidates)
from glossary.extract.candidates import TermCandidate, extract_candidates


def _candidate(canonical: str, frequency: int, segment_ids: tuple[str, ...], *, surfaces: tuple[str, ...] = (),
               label: str = "term", pos: str = "noun", expansion: str = "", pattern: str = "NA",
               language: str = "fr") -> TermCandidate:
    return TermCandidate(canonical=canonical, language=language, surface_forms=surfaces or (canonical,), pos=pos,
                         label=label, frequency=frequency, segment_ids=segment_ids, expansion=expansion,
                         pattern=pattern)


@pytest.mark.parametrize(
    "candidate",
    [
        _candidate("coopération triangulaire", 3, ("a#0", "a#2"), surfaces=("coopération triangulaire",
                                                                            "Coopération triangulaire")),
        # An acronym with its expansion, and a ranked score.
        TermCandidate("MINUSMA", "fr", ("MINUSMA",), "properNoun", "acronym", 2, ("b#1",),
                      expansion="Mission multidimensionnelle intégrée", score=0.75, pattern="N"),
        # Typographic apostrophes and non-breaking spaces survive the trip.
        _candidate("maintien de l’ordre\u00a0public", 1, ("c#0",)),
    ],
    ids=["term", "acronym with expansion and score", "typography"],
)
def test_a_candidate_survives_the_json_round_trip(candidate):
    assert candidate_from_json(candidate_to_json(candidate)) == candidate
    assert candidates_from_json(candidates_to_json([candidate, candidate])) == [candidate, candidate]


@pytest.mark.parametrize(
    "text",
    ["{not json", '{"canonical": "x"}', '[{"canonical": "x"}]', '[{"canonical": "x", "colour": "red"}]', "[3]"],
    ids=["not json", "not a list", "missing fields", "unknown field", "not an object"],
)
def test_stored_candidates_that_do_not_fit_raise_the_named_error(text):
    with pytest.raises(StoredCandidatesError, match="run again"):
        candidates_from_json(text)


def test_merging_one_document_changes_nothing():
    candidates = [
        _candidate("pays fournisseur de contingents", 3, ("a#0", "a#1"),
                   surfaces=("pays fournisseurs de contingents", "pays fournisseur de contingents")),
        _candidate("Conseil de sécurité", 2, ("a#0",), label="organization", pos="properNoun"),
    ]
    assert merge_candidates([candidates]) == candidates


def test_merging_sums_frequencies_and_follows_the_documents_segments():
    first = [_candidate("coopération triangulaire", 2, ("a#0", "a#3"))]
    second = [_candidate("Coopération triangulaire", 1, ("b#0",), surfaces=("Coopération triangulaire",)),
              _candidate("réunion", 1, ("b#1",), pattern="N")]
    merged = {candidate.canonical: candidate for candidate in merge_candidates([first, second])}
    cooperation = merged["coopération triangulaire"]  # the lower-case form: most frequent, and a term
    assert cooperation.frequency == 3
    assert cooperation.segment_ids == ("a#0", "a#3", "b#0")
    assert cooperation.surface_forms == ("coopération triangulaire", "Coopération triangulaire")
    assert merged["réunion"].segment_ids == ("b#1",)


def test_the_most_frequent_reading_wins_forms_label_and_expansion():
    first = [_candidate("ONU", 1, ("a#0",), label="acronym", pos="properNoun", expansion="Organisation des Nations",
                        pattern="N")]
    second = [_candidate("ONU", 3, ("b#0", "b#1"), label="acronym", pos="properNoun", pattern="N",
                         expansion="Organisation des Nations Unies")]
    third = [_candidate("Onu", 1, ("c#0",), surfaces=("Onu",), label="term", pos="noun", pattern="N")]
    (merged,) = merge_candidates([first, second, third])
    assert (merged.canonical, merged.label, merged.pos) == ("ONU", "acronym", "properNoun")
    assert merged.expansion == "Organisation des Nations Unies"
    assert merged.surface_forms == ("ONU", "Onu")
    assert merged.frequency == 5 and merged.score == 0.0


def test_merged_candidates_come_most_frequent_first():
    merged = merge_candidates([[_candidate("mandat", 1, ("a#0",))],
                               [_candidate("déploiement", 2, ("b#0", "b#1")), _candidate("mandat", 2, ("b#2",))]])
    assert [(c.canonical, c.frequency) for c in merged] == [("mandat", 3), ("déploiement", 2)]


def test_merging_per_document_extractions_counts_as_one_extraction_over_all():
    # Two small documents sharing a term: merged, the same candidates, frequencies and segments.
    first = [("a#0", "Les pays fournisseurs de contingents ont soutenu la coopération triangulaire."),
             ("a#1", "La coopération triangulaire doit être renforcée.")]
    second = [("b#0", "Le Conseil de sécurité a salué la coopération triangulaire.")]
    whole = extract_candidates(first + second, "fr")
    merged = merge_candidates([extract_candidates(first, "fr"), extract_candidates(second, "fr")])
    assert [(c.canonical, c.frequency, c.segment_ids, c.label) for c in merged] == \
        [(c.canonical, c.frequency, c.segment_ids, c.label) for c in whole]


def test_merging_adds_up_the_surface_forms_counts_as_one_extraction_over_all():
    # the first document writes the plural twice, the second the singular three times: the singular leads
    first = [("a#0", "Les opérations de paix et les opérations de paix régionales."),
             ("a#1", "Une opération de paix a commencé.")]
    second = [("b#0", "Chaque opération de paix compte."), ("b#1", "Cette opération de paix et cette opération de paix.")]
    whole = {c.canonical: c for c in extract_candidates(first + second, "fr")}
    merged = {c.canonical: c for c in merge_candidates([extract_candidates(first, "fr"),
                                                         extract_candidates(second, "fr")])}
    term = merged["opération de paix"]
    assert dict(zip(term.surface_forms, term.surface_counts)) == \
        dict(zip(whole["opération de paix"].surface_forms, whole["opération de paix"].surface_counts))
    assert term.surface_forms[0] == "opération de paix" and sum(term.surface_counts) == term.frequency


def test_candidates_stored_without_counts_merge_without_counts():
    counted = replace(_candidate("opération de paix", 3, ("a#0",), surfaces=("opérations de paix", "opération de paix")),
                      surface_counts=(2, 1))
    older = _candidate("opération de paix", 2, ("b#0",), surfaces=("opération de paix",))
    (merged,) = merge_candidates([[counted], [older]])
    assert merged.surface_counts == () and set(merged.surface_forms) == {"opérations de paix", "opération de paix"}
