"""Pairing French and English term candidates over aligned segments."""

from __future__ import annotations

import pytest

from aligner.embed import load_embedder
from glossary.extract.candidates import TermCandidate
from glossary.pair.model import REFERENCE, PairingInput, TermPair
from glossary.pair.pairing import (
    ACRONYM_CONFIDENCE,
    DICTIONARY_CONFIDENCE,
    FRENCH_ONLY_NOTE,
    PAIR_THRESHOLD,
    content_words,
    length_prior,
    pair_confidence,
    pair_terms,
    untranslated_words,
    word_dictionary,
)
from glossary.termbase import TermBase, TermEntry


@pytest.fixture(scope="module")
def embedder():
    return load_embedder()


def _candidate(term: str, language: str, segments: str, *, label: str = "term", score: float = 0.8):
    ids = tuple(f"d#{s}" for s in segments.split())
    return TermCandidate(canonical=term, language=language, surface_forms=(term,), pos="noun", label=label,
                         frequency=len(ids), segment_ids=ids, score=score)


def _input(bilingual: str, french_only: str = "", en_texts: dict[str, str] | None = None) -> PairingInput:
    return PairingInput(
        bilingual=frozenset(f"d#{s}" for s in bilingual.split()),
        french_only=frozenset(f"d#{s}" for s in french_only.split()),
        fr_texts={},
        en_texts=en_texts or {},
    )


def _pairs(pairs):
    return {(p.fr[0].canonical, p.en[0].canonical if p.en else "") for p in pairs}


@pytest.mark.parametrize(
    ("term", "expected"),
    [("maintien de la paix", 2), ("peacekeeping", 1), ("troop-contributing country", 3),
     ("pays fournisseur de contingents", 3), ("sexual exploitation and abuse", 3)],
)
def test_content_words_skip_function_words_and_split_hyphens(term, expected):
    assert content_words(term) == expected


def test_length_prior_prefers_terms_of_similar_length():
    assert length_prior("coopération triangulaire", "triangular cooperation") == 1.0
    assert length_prior("maintien de la paix", "peacekeeping") > length_prior("paix", "peacekeeping operation personnel")


def test_confidence_stays_in_the_unit_interval():
    assert pair_confidence(1.0, 1.0, 1.0) == pytest.approx(1.0)
    assert pair_confidence(0.0, -0.5, 0.0) == 0.0


def test_a_term_pairs_with_its_translation_not_with_a_cooccurring_general_word(embedder):
    # "meeting" occurs in exactly the same segments as "triangular cooperation":
    # co-occurrence alone cannot tell them apart, the term strings can.
    french = [_candidate("coopération triangulaire", "fr", "1 2 3")]
    english = [_candidate("meeting", "en", "1 2 3"), _candidate("triangular cooperation", "en", "1 2 3")]
    (pair,) = pair_terms(french, english, _input("1 2 3"), embedder)
    assert [c.canonical for c in pair.en] == ["triangular cooperation"]
    assert pair.confidence >= PAIR_THRESHOLD


def test_each_term_is_linked_once_so_nested_terms_find_their_own_partner(embedder):
    french = [_candidate("coopération triangulaire", "fr", "1 2 3"), _candidate("coopération", "fr", "1 2 3 4")]
    english = [_candidate("triangular cooperation", "en", "1 2 3"), _candidate("cooperation", "en", "1 2 3 4")]
    pairs = pair_terms(french, english, _input("1 2 3 4"), embedder)
    assert _pairs(pairs) == {("coopération triangulaire", "triangular cooperation"), ("coopération", "cooperation")}


def test_identical_acronyms_pair_with_high_confidence(embedder):
    french = [_candidate("MINUSMA", "fr", "1", label="acronym")]
    english = [_candidate("Mali", "en", "1"), _candidate("MINUSMA", "en", "1", label="acronym")]
    (pair,) = pair_terms(french, english, _input("1"), embedder)
    assert pair.en[0].canonical == "MINUSMA"
    assert pair.confidence >= ACRONYM_CONFIDENCE


def test_near_synonyms_met_together_pair_by_their_spelling_not_the_embedder(embedder):
    # "lutter contre la mésinformation et la désinformation" / "counter misinformation and disinformation":
    # the embedder puts "mésinformation" nearer "disinformation"; one letter's spelling decides.
    french = [_candidate("mésinformation", "fr", "1"), _candidate("désinformation", "fr", "1")]
    english = [_candidate("misinformation", "en", "1"), _candidate("disinformation", "en", "1")]
    pairs = pair_terms(french, english, _input("1"), embedder)
    assert _pairs(pairs) == {("mésinformation", "misinformation"), ("désinformation", "disinformation")}


def test_a_second_french_rendering_becomes_a_variant(embedder):
    french = [_candidate("pays fournisseur de contingents", "fr", "1 2 3"),
              _candidate("pays contributeur de troupes", "fr", "4 5")]
    english = [_candidate("troop-contributing country", "en", "1 2 3 4 5")]
    (pair,) = pair_terms(french, english, _input("1 2 3 4 5"), embedder)
    assert [c.canonical for c in pair.fr] == ["pays fournisseur de contingents", "pays contributeur de troupes"]


def test_a_longer_phrase_around_the_term_is_not_a_variant(embedder):
    french = [_candidate("coopération triangulaire", "fr", "1 2 3")]
    english = [_candidate("triangular cooperation", "en", "1 2 3"),
               _candidate("strengthening triangular cooperation", "en", "1 2")]
    (pair,) = pair_terms(french, english, _input("1 2 3"), embedder)
    assert [c.canonical for c in pair.en] == ["triangular cooperation"]


def test_an_english_name_is_no_variant_of_a_common_noun_phrase(embedder):
    # "Peace Operations" comes from "Department of Peace Operations", beside "peacekeeping operations".
    french = [_candidate("opérations de maintien de la paix", "fr", "1 2 3 4")]
    english = [_candidate("peacekeeping operations", "en", "1 2 3 4"), _candidate("Peace Operations", "en", "1 2 3")]
    pairs = pair_terms(french, english, _input("1 2 3 4"), embedder)
    assert [[c.canonical for c in pair.en] for pair in pairs] == [["peacekeeping operations"]]


def test_french_only_segments_give_french_only_pairs_with_the_note(embedder):
    french = [_candidate("pays fournisseur de contingents", "fr", "7", score=0.3)]
    (pair,) = pair_terms(french, [], _input("", french_only="7"), embedder)
    assert pair.en == () and pair.note == FRENCH_ONLY_NOTE


def test_a_weak_unpaired_candidate_from_a_bilingual_document_is_dropped(embedder):
    french = [_candidate("nouveau souffle", "fr", "1", score=0.2)]
    english = [_candidate("Security Council", "en", "1")]
    assert pair_terms(french, english, _input("1"), embedder) == []


@pytest.mark.parametrize("status", ["candidate", "rejected"])
def test_a_reference_term_bases_candidates_and_rejected_pairs_are_no_reference(embedder, status):
    french = [_candidate("coopération triangulaire", "fr", "1 2")]
    english = [_candidate("triangular cooperation", "en", "1 2"), _candidate("three-way cooperation", "en", "2")]
    reference = TermBase((TermEntry(id="R1", fr="coopération triangulaire", en="three-way cooperation",
                                    status=status),))
    texts = {"d#1": "Triangular cooperation matters.", "d#2": "Three-way cooperation matters."}
    pairs = pair_terms(french, english, _input("1 2", en_texts=texts), embedder, reference=reference)
    assert REFERENCE not in {pair.status for pair in pairs}
    assert ("coopération triangulaire", "triangular cooperation") in _pairs(pairs)


def test_a_reference_pair_wins_over_the_association(embedder):
    french = [_candidate("coopération triangulaire", "fr", "1 2")]
    english = [_candidate("triangular cooperation", "en", "1 2"), _candidate("three-way cooperation", "en", "2")]
    reference = TermBase((TermEntry(id="R1", fr="coopération triangulaire", en="three-way cooperation",
                                    status="reference"),))
    texts = {"d#1": "Triangular cooperation matters.", "d#2": "Three-way cooperation matters."}
    pairs = pair_terms(french, english, _input("1 2", en_texts=texts), embedder, reference=reference)
    first = pairs[0]
    assert (first.fr[0].canonical, first.en[0].canonical, first.status) == (
        "coopération triangulaire", "three-way cooperation", REFERENCE)
    assert first.confidence == 1.0
    # The French term is taken: it is not paired a second time.
    assert all(p.fr[0].canonical != "coopération triangulaire" for p in pairs[1:])


@pytest.mark.parametrize(
    ("fr_term", "en_term", "missing"),
    [
        ("consolidation de la paix", "peacebuilding effort", 1),  # effort = effort, absent from the French
        ("consolidation de la paix", "peacebuilding", 0),  # no dictionary word at all
        ("effort de maintien de la paix", "peacekeeping efforts", 0),  # plural, translation present
        ("maintien de la paix", "peace continuum", 1),  # peace = paix is there, continuum is not
        ("opération de paix", "peace operation", 0),
    ],
)
def test_untranslated_words_counts_dictionary_words_missing_from_the_french(fr_term, en_term, missing):
    dictionary = {"effort": "effort", "peace": "paix", "continuum": "continuum", "operation": "opération"}
    assert untranslated_words(fr_term, en_term, dictionary) == missing


def test_the_dictionary_holds_only_sure_single_word_pairs_each_word_once():
    french = [_candidate("effort", "fr", "1"), _candidate("paix", "fr", "2"), _candidate("maintien de la paix", "fr", "2")]
    english = [_candidate("effort", "en", "1"), _candidate("peace", "en", "2"), _candidate("peacekeeping", "en", "2")]
    scores = {(0, 0): (0.95, 1), (1, 1): (0.90, 1), (1, 2): (0.85, 1), (2, 2): (0.99, 1)}
    # Words are compared in a rough singular: "paix" is kept as "pai".
    assert word_dictionary(french, english, scores) == {"effort": "effort", "peace": "pai"}
    assert word_dictionary(french, english, {(0, 0): (DICTIONARY_CONFIDENCE - 0.01, 1)}) == {}


def test_a_sure_word_pair_keeps_an_untranslated_word_out_of_a_pair(embedder):
    # "effort" / "effort" is a sure pair, so "peacebuilding effort" cannot render
    # "consolidation de la paix", which has no "effort".
    french = [_candidate("consolidation de la paix", "fr", "1 2"), _candidate("effort", "fr", "1 2 3")]
    english = [_candidate("peacebuilding effort", "en", "1 2"), _candidate("peacebuilding", "en", "1 2"),
               _candidate("effort", "en", "1 2 3")]
    pairs = pair_terms(french, english, _input("1 2 3"), embedder)
    assert ("consolidation de la paix", "peacebuilding") in _pairs(pairs)


def test_person_names_stay_out_of_the_term_base(embedder):
    french = [_candidate("Jean-Pierre Lacroix", "fr", "1", label="person"), _candidate("coopération", "fr", "1")]
    english = [_candidate("Jean-Pierre Lacroix", "en", "1", label="person"), _candidate("cooperation", "en", "1")]
    pairs = pair_terms(french, english, _input("1"), embedder)
    assert _pairs(pairs) == {("coopération", "cooperation")}


@pytest.mark.parametrize(("french_text", "paired"), [
    ("la Global Alliance for Peace Operations (alliance mondiale) soutient la coopération", False),
    ("la Global Alliance soutient la coopération", True),
])
def test_a_french_span_opening_an_english_name_is_no_french_term(embedder, french_text, paired):
    french = [_candidate("Global Alliance", "fr", "1"), _candidate("coopération", "fr", "1")]
    english = [_candidate("Global Alliance", "en", "1"), _candidate("cooperation", "en", "1")]
    segments = PairingInput(bilingual=frozenset({"d#1"}), french_only=frozenset(),
                            fr_texts={"d#1": french_text}, en_texts={})
    pairs = _pairs(pair_terms(french, english, segments, embedder))
    assert (("Global Alliance", "Global Alliance") in pairs) is paired
    assert ("coopération", "cooperation") in pairs


@pytest.mark.parametrize(("fr", "en"), [
    ("affaire Kunarac", "Kunarac"),  # the French holds the name and a word of the sentence
    ("Falkland", "Falkland Islands"),  # the French is a piece of a longer name
    ("UNSOM", "staff of UNSOM"),
    ("Mirela Miculescu", "Simona Mirela Miculescu"),
    ("immunité ratione materiae", "ratione materiae"),  # words written alike, in lower case too
    ("transit fiable et stable", "stable transit"),
    ("Nicosie", "Nicosia FIR"),  # a name spelt each language's way, with more around it
])
def test_a_term_written_alike_is_not_paired_with_a_longer_phrase_around_it(embedder, fr, en):
    french = [_candidate(fr, "fr", "1 2")]
    english = [_candidate(en, "en", "1 2")]
    assert pair_terms(french, english, _input("1 2"), embedder) == []


def test_a_name_spelt_each_languages_way_pairs_with_itself_not_with_the_phrase_around_it(embedder):
    french = [_candidate("Nicosie", "fr", "1 2")]
    english = [_candidate("Nicosia FIR", "en", "1 2"), _candidate("Nicosia", "en", "1 2")]
    assert _pairs(pair_terms(french, english, _input("1 2"), embedder)) == {("Nicosie", "Nicosia")}


def test_a_name_written_alike_pairs_with_itself_not_with_the_phrase_around_it(embedder):
    french = [_candidate("Veracruz", "fr", "1 2")]
    english = [_candidate("city of Veracruz", "en", "1 2"), _candidate("Veracruz", "en", "1 2")]
    assert _pairs(pair_terms(french, english, _input("1 2"), embedder)) == {("Veracruz", "Veracruz")}


def _texts(fr_text: str, en_text: str) -> PairingInput:
    return PairingInput(bilingual=frozenset({"d#1"}), french_only=frozenset(),
                        fr_texts={"d#1": fr_text}, en_texts={"d#1": en_text})


@pytest.mark.parametrize(("fr_text", "en_text", "fr", "en"), [
    # A conjunct pairs with the other language's wrong conjunct: the word it lacks is written beside it.
    ("lors des phases de transition, de réduction et de retrait d'une mission",
     "during transition, drawdown and withdrawal phases of a mission", "phases de transition", "withdrawal phases"),
    ("la prévention de l'exploitation et des atteintes sexuelles",
     "the prevention of sexual exploitation and abuse", "atteintes sexuelles", "sexual exploitation"),
    # A coordination on one side only: the other conjunct is rendered outside the French term.
    ("un juste équilibre entre réunions officielles et réunions informelles",
     "the right balance between formal and informal meetings", "réunions informelles",
     "formal and informal meetings"),
])
def test_a_conjunct_is_not_paired_with_a_term_whose_missing_word_the_sentence_renders_beside_it(
        embedder, fr_text, en_text, fr, en):
    pairs = pair_terms([_candidate(fr, "fr", "1")], [_candidate(en, "en", "1")], _input("1"), embedder)
    assert _pairs(pairs) == {(fr, en)}  # without the sentences, the embedder pairs them
    assert pair_terms([_candidate(fr, "fr", "1")], [_candidate(en, "en", "1")], _texts(fr_text, en_text),
                      embedder) == []


def test_a_word_rendered_outside_in_one_sentence_only_keeps_the_pair(embedder):
    # "transition" is written beside "withdrawal phases" in sentence 1 but not in 2: no evidence against the pair.
    segments = PairingInput(
        bilingual=frozenset({"d#1", "d#2"}), french_only=frozenset(),
        fr_texts={"d#1": "les phases de transition et de retrait", "d#2": "les phases de transition"},
        en_texts={"d#1": "the transition and withdrawal phases", "d#2": "the withdrawal phases"})
    french, english = [_candidate("phases de transition", "fr", "1 2")], [_candidate("withdrawal phases", "en", "1 2")]
    assert _pairs(pair_terms(french, english, segments, embedder)) == {("phases de transition", "withdrawal phases")}


@pytest.mark.parametrize(("fr", "en", "fr_text", "en_text"), [
    # A name coordinates in one language only.
    ("Bosnie-Herzégovine", "Bosnia and Herzegovina", "la Bosnie-Herzégovine", "Bosnia and Herzegovina"),
    # A loose cognate outside the term is no evidence: "related" / "relatifs", "maintain" / "maintien".
    ("violence sexuelle liée aux conflits", "conflict-related sexual violence",
     "la violence sexuelle liée aux conflits et les mandats relatifs", "conflict-related sexual violence"),
    ("réforme du maintien de la paix", "peacekeeping reform",
     "la réforme du maintien de la paix", "peacekeeping reform will maintain momentum"),
])
def test_names_and_loose_cognates_outside_the_term_keep_the_pair(embedder, fr, en, fr_text, en_text):
    pairs = pair_terms([_candidate(fr, "fr", "1")], [_candidate(en, "en", "1")], _texts(fr_text, en_text), embedder)
    assert _pairs(pairs) == {(fr, en)}


@pytest.mark.parametrize(("fr_text", "paired"), [
    # Cut from "objectifs du Millénaire pour le développement": "Goals" is translated right before the French.
    ("la réalisation des objectifs du Millénaire pour le développement", False),
    # The same words, the translation of "Goals" not next to the French term: no evidence of a cut name.
    ("le Millénaire pour le développement a fixé des objectifs", True),
])
def test_a_piece_of_a_name_is_not_paired_with_the_whole_name_whose_missing_word_stands_next_to_it(
        embedder, fr_text, paired):
    french = [_candidate("Millénaire pour le développement", "fr", "1 5 6"),
              _candidate("objectifs", "fr", "1 2 3 4 5 6")]
    english = [_candidate("Millennium Development Goals", "en", "1 5 6"), _candidate("goals", "en", "1 2 3 4 5 6")]
    texts = {"fr": {"d#2": "des objectifs", "d#3": "les objectifs", "d#4": "nos objectifs"},
             "en": {"d#2": "goals", "d#3": "the goals", "d#4": "our goals"}}
    for sid in ("d#1", "d#5", "d#6"):
        texts["fr"][sid] = fr_text
        texts["en"][sid] = "the achievement of the Millennium Development Goals"
    segments = PairingInput(bilingual=frozenset(f"d#{k}" for k in range(1, 7)), french_only=frozenset(),
                            fr_texts=texts["fr"], en_texts=texts["en"])
    pairs = _pairs(pair_terms(french, english, segments, embedder))
    assert ("objectifs", "goals") in pairs  # the corpus dictionary's sure pair
    assert (("Millénaire pour le développement", "Millennium Development Goals") in pairs) is paired


def test_a_french_word_quoted_in_english_is_no_english_partner(embedder):
    # "Chargé d'affaires" in an English text gives the piece "d'affaires", which the embedder puts next to "affaires".
    french = [_candidate("affaires", "fr", "1 2"), _candidate("Chargé d'affaires", "fr", "1 2")]
    english = [_candidate("d'affaires", "en", "1 2"), _candidate("Chargé d'affaires", "en", "1 2")]
    pairs = _pairs(pair_terms(french, english, _input("1 2"), embedder))
    assert ("Chargé d'affaires", "Chargé d'affaires") in pairs
    assert not any(en == "d'affaires" for _, en in pairs), pairs
