"""The concordance's matching (glossary.match.concordance) on small hand-built segment pairs:
inflections in both languages, apostrophes, case, accents, word boundaries,
offsets into the surface text, which side is searched, and lazy batching.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from glossary.match.concordance import (
    SearchTermError,
    find_spans,
    prepare_term,
    search_segments,
    term_language,
)


@dataclass(frozen=True)
class Pair:
    fr: str
    en: str


def french_matches(term: str, text: str) -> list[str]:
    """The surface text of each match of a French term in one French text."""
    spans = next(find_spans(prepare_term(term, "fr"), [text]))
    return [text[span.start:span.end] for span in spans]


def english_matches(term: str, text: str) -> list[str]:
    spans = next(find_spans(prepare_term(term, "en"), [text]))
    return [text[span.start:span.end] for span in spans]


@pytest.mark.parametrize(("term", "text", "expected"), [
    # the term in the singular finds the plural, and the reverse
    ("pays fournisseur de contingents", "Les pays fournisseurs de contingents ont parlé.",
     ["pays fournisseurs de contingents"]),
    ("pays fournisseurs de contingents", "Chaque pays fournisseur de contingents a parlé.",
     ["pays fournisseur de contingents"]),
    # an irregular plural, found through spaCy's lemma
    ("travail", "Les travaux du Comité spécial ont repris.", ["travaux"]),
    # case is ignored
    ("coopération triangulaire", "Renforcer la Coopération Triangulaire.", ["Coopération Triangulaire"]),
    # the typographic apostrophe in the text, the straight one in the term, and the reverse
    ("l'Organisation", "Le budget de l’Organisation a été adopté.", ["l’Organisation"]),
    ("d’appui", "Le Bureau d'appui a été créé.", ["d'appui"]),
    # several occurrences in one segment, each reported
    ("mission", "Une mission puis deux missions.", ["mission", "missions"]),
])
def test_french_inflections_case_and_apostrophes(term: str, text: str, expected: list[str]) -> None:
    assert french_matches(term, text) == expected


@pytest.mark.parametrize(("term", "text", "expected"), [
    ("troop-contributing country", "Troop-contributing countries called for training.",
     ["Troop-contributing countries"]),
    ("troop-contributing countries", "Each troop-contributing country spoke.", ["troop-contributing country"]),
    # a hyphen in one and not the other is the same compound
    ("troop contributing country", "The troop-contributing country spoke.", ["troop-contributing country"]),
    ("rule of law", "Rules of law differ; the rule of law holds.", ["Rules of law", "rule of law"]),
    ("Member State", "Member States' contributions.", ["Member States"]),
])
def test_english_inflections(term: str, text: str, expected: list[str]) -> None:
    assert english_matches(term, text) == expected


@pytest.mark.parametrize(("term", "text"), [
    # a longer word is not the term: "paixx" is no inflection of "paix"
    ("paix", "La paixx règne."),
    ("paix", "Les soldats de la paixpaix."),
    # part of a word is not the word
    ("mission", "La commission a siégé."),
    ("contingent", "Le contingentement des importations."),
    # accents are significant
    ("côte", "Une cote mal taillée."),
    # every word of the term must follow in order
    ("pays fournisseur de contingents", "Les pays de contingents fournisseurs."),
])
def test_no_false_match(term: str, text: str) -> None:
    assert french_matches(term, text) == []


def test_english_word_boundary() -> None:
    assert english_matches("peace", "Peacekeeping and peaceful means.") == []
    assert english_matches("peace", "Peacekeeping for peace.") == ["peace"]


def test_offsets_point_at_the_surface_text_after_apostrophes_and_accents() -> None:
    text = "L’État d’accueil et l’Organisation des Nations Unies : coopération triangulaire."
    (span,) = next(find_spans(prepare_term("coopération triangulaire", "fr"), [text]))
    assert (span.start, span.end) == (text.index("coopération"), len(text) - 1)


def test_search_segments_reports_the_side_and_the_pair() -> None:
    pairs = [
        Pair("Rien ici.", "Nothing here."),
        Pair("Les pays fournisseurs de contingents.", "Troop-contributing countries."),
        Pair("La coopération triangulaire.", "Triangular cooperation."),
    ]
    found = list(search_segments("troop-contributing country", pairs, language="en"))
    assert [(o.segment, o.language, o.text[o.start:o.end]) for o in found] == [
        (pairs[1], "en", "Troop-contributing countries")]
    french = list(search_segments("coopération triangulaire", pairs))
    assert [(o.segment, o.language) for o in french] == [(pairs[2], "fr")]


def test_a_term_that_does_not_say_its_language_is_searched_on_both_sides() -> None:
    # "programme" is written the same in French and English UN text
    pairs = [Pair("Le programme de travail.", "The programme of work."), Pair("Rien.", "A programme.")]
    found = list(search_segments("programme", pairs))
    assert [(pairs.index(o.segment), o.language) for o in found] == [(0, "fr"), (0, "en"), (1, "en")]


def test_batches_keep_every_result_with_its_segment() -> None:
    texts = [f"Le contingent numéro {k}." if k % 3 == 0 else f"Rien au paragraphe {k}." for k in range(20)]
    results = list(find_spans(prepare_term("contingents", "fr"), texts, batch_size=2))
    assert len(results) == len(texts)
    assert [k for k, spans in enumerate(results) if spans] == [k for k in range(20) if k % 3 == 0]


def test_segments_are_read_lazily() -> None:
    def endless():
        k = 0
        while True:
            yield Pair(f"La mission {k}.", f"The mission {k}.")
            k += 1

    search = search_segments("mission", endless(), language="fr", batch_size=4)
    first = [next(search) for _ in range(3)]
    assert [o.segment.fr for o in first] == ["La mission 0.", "La mission 1.", "La mission 2."]


@pytest.mark.parametrize(("term", "language"), [
    ("coopération triangulaire", "fr"),  # accented letters
    ("l'appui", "fr"),  # elision
    ("les pays et les contingents", "fr"),  # function words
    ("the rule of law", "en"),
    ("peacekeeping", None),  # one word with nothing to tell
    ("pays fournisseurs de contingents", None),
])
def test_term_language(term: str, language: str | None) -> None:
    assert term_language(term) == language


@pytest.mark.parametrize("term", ["", "   ", "-"])
def test_a_term_without_words_is_refused(term: str) -> None:
    with pytest.raises(SearchTermError, match="holds no word"):
        prepare_term(term, "fr")


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(SearchTermError, match="fr or en"):
        prepare_term("paz", "es")
