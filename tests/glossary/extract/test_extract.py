"""Term candidates from hand-built French and English sentences."""

from __future__ import annotations

import pytest

from glossary.extract.candidates import ACRONYM, ORGANIZATION, PERSON, TERM, TermCandidate, extract_candidates
from glossary.extract.nlp import UnsupportedLanguageError, load_pipeline

FRENCH = [
    ("fr#1", "Les pays fournisseurs de contingents ont versé les contributions mises en recouvrement."),
    ("fr#2", "Le pays fournisseur de contingents soutient les organisations régionales et sous-régionales."),
    (
        "fr#3",
        "Le commandant de la Mission multidimensionnelle intégrée des Nations Unies pour la "
        "stabilisation au Mali (MINUSMA) a informé le Conseil de sécurité.",
    ),
    ("fr#4", "La Commission de consolidation de la paix donne un nouveau souffle à la coopération triangulaire."),
]
ENGLISH = [
    ("en#1", "Troop-contributing countries paid their assessed contributions on time."),
    ("en#2", "A troop-contributing country raised cost-effectiveness and burden-sharing."),
    (
        "en#3",
        "The force commander of the United Nations Multidimensional Integrated Stabilization "
        "Mission in Mali (MINUSMA) briefed the Security Council.",
    ),
    ("en#4", "The Peacebuilding Commission welcomed triangular cooperation and the rules of engagement."),
]


@pytest.fixture(scope="module")
def french() -> dict[str, TermCandidate]:
    return {c.canonical: c for c in extract_candidates(FRENCH, "fr")}


@pytest.fixture(scope="module")
def english() -> dict[str, TermCandidate]:
    return {c.canonical: c for c in extract_candidates(ENGLISH, "en")}


@pytest.mark.parametrize(
    "canonical",
    [
        "coopération triangulaire",  # NOUN ADJ
        "pays fournisseur de contingents",  # NOUN NOUN de NOUN, head put in the singular
        "contribution mise en recouvrement",  # NOUN participle en NOUN
        "organisation régionale et sous-régionale",  # coordinated adjectives, gender kept
        "nouveau souffle",  # ADJ NOUN: a candidate, demoted by ranking
        "consolidation de la paix",  # NOUN de la NOUN
    ],
)
def test_french_patterns(french: dict[str, TermCandidate], canonical: str) -> None:
    assert canonical in french
    assert french[canonical].label == TERM


@pytest.mark.parametrize(
    "canonical",
    [
        "troop-contributing country",  # hyphenated participle compound + plural head
        "assessed contribution",  # participle + NOUN
        "cost-effectiveness",  # hyphenated single-word term
        "burden-sharing",
        "triangular cooperation",
        "rule of engagement",  # NOUN of NOUN, only the head in the singular
    ],
)
def test_english_patterns(english: dict[str, TermCandidate], canonical: str) -> None:
    assert canonical in english
    assert english[canonical].label == TERM


@pytest.mark.parametrize(
    ("language", "not_a_term"),
    [
        ("fr", "le pays"),  # determiner-led phrases never start a candidate
        ("fr", "les contributions"),
        ("fr", "coopération triangulaire."),
        ("en", "their assessed contributions"),
        ("en", "the security council"),
        ("en", "nations multidimensional"),  # a span never cuts a capitalised name
        ("fr", "multidimensionnelle intégrée des nations"),
    ],
)
def test_determiners_and_punctuation_never_start_or_end_a_candidate(
    french: dict[str, TermCandidate], english: dict[str, TermCandidate], language: str, not_a_term: str
) -> None:
    candidates = french if language == "fr" else english
    forms = {form.lower() for c in candidates.values() for form in (c.canonical, *c.surface_forms)}
    assert not_a_term not in forms


@pytest.mark.parametrize(
    ("language", "canonical", "surfaces", "frequency"),
    [
        (
            "fr",
            "pays fournisseur de contingents",
            {"pays fournisseurs de contingents", "pays fournisseur de contingents"},
            2,
        ),
        ("en", "troop-contributing country", {"Troop-contributing countries", "troop-contributing country"}, 2),
    ],
)
def test_variants_grouped_under_the_singular(
    french: dict[str, TermCandidate],
    english: dict[str, TermCandidate],
    language: str,
    canonical: str,
    surfaces: set[str],
    frequency: int,
) -> None:
    candidate = (french if language == "fr" else english)[canonical]
    assert set(candidate.surface_forms) == surfaces
    assert candidate.frequency == frequency
    assert candidate.segment_ids == (f"{language}#1", f"{language}#2")


@pytest.mark.parametrize(
    ("language", "expansion"),
    [
        ("fr", "Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation au Mali"),
        ("en", "United Nations Multidimensional Integrated Stabilization Mission in Mali"),
    ],
)
def test_acronym_linked_to_its_expansion(
    french: dict[str, TermCandidate], english: dict[str, TermCandidate], language: str, expansion: str
) -> None:
    candidates = french if language == "fr" else english
    minusma = candidates["MINUSMA"]
    assert minusma.label == ACRONYM
    assert minusma.pos == "properNoun"
    assert minusma.expansion == expansion
    assert candidates[expansion].label == ORGANIZATION


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("fr", "Conseil de sécurité"),
        ("fr", "Commission de consolidation de la paix"),
        ("en", "Security Council"),
        ("en", "Peacebuilding Commission"),
    ],
)
def test_organisations_labelled_and_keep_their_capitals(
    french: dict[str, TermCandidate], english: dict[str, TermCandidate], language: str, name: str
) -> None:
    candidate = (french if language == "fr" else english)[name]
    assert candidate.label == ORGANIZATION
    assert candidate.pos == "properNoun"


def test_english_name_with_a_preposition_is_one_organisation() -> None:
    texts = [("s1", "Delegates met the Working Group on Peacekeeping Operations yesterday.")]
    names = {c.canonical: c.label for c in extract_candidates(texts, "en")}
    assert names.get("Working Group on Peacekeeping Operations") == ORGANIZATION


@pytest.mark.parametrize(
    ("language", "text", "canonical"),
    [
        # Coordinated nouns sharing an adjective; the article after "et" is dropped.
        ("fr", "Ils condamnent l'exploitation et les atteintes sexuelles.", "exploitation et atteinte sexuelle"),
        ("en", "They condemn sexual exploitation and abuse by personnel.", "sexual exploitation and abuse"),
        # The small French tagger calls this rare adjective an adverb.
        ("fr", "Les pays hôtes ont rejoint les débats (coopération quadripartite).", "coopération quadripartite"),
        # ...and the English one calls this one a numeral.
        ("en", "They included host countries in the talks (quadrangular cooperation).", "quadrangular cooperation"),
        # A gerund compound with no verb of its own is a noun.
        ("en", "They supported the peacebuilding efforts of the Organization.", "peacebuilding"),
        # Names may hold for/on (pour/sur) where terms may not.
        ("en", "They recalled the Pact for the Future in their statements.", "Pact for the Future"),
        ("fr", "Ils ont rappelé le Pacte pour l'avenir dans leurs déclarations.", "Pacte pour l'avenir"),
    ],
)
def test_coordinations_mistagged_words_and_names(language: str, text: str, canonical: str) -> None:
    assert canonical in {c.canonical for c in extract_candidates([("s1", text)], language)}


@pytest.mark.parametrize(
    ("language", "text", "not_a_term"),
    [
        ("fr", "Les contributions mises en recouvrement sont dues.", "contribution mise"),  # cut before "en"
        ("fr", "Les hommes et les femmes sont venus.", "homme et femme"),  # no adjective to share
        ("en", "They spoke on peace and security today.", "peace and security"),  # no adjective to share
        ("en", "They wait for the decision of the council.", "wait for the decision"),  # "for" only inside names
    ],
)
def test_phrases_that_are_not_candidates(language: str, text: str, not_a_term: str) -> None:
    assert not_a_term not in {c.canonical for c in extract_candidates([("s1", text)], language)}


def test_a_plural_adjective_is_not_cut_away_from_its_noun() -> None:
    # "renouvelables" agrees with "sources", not with the singular "énergie" beside it.
    text = "La transition vers des sources d'énergie renouvelables réduit les dépenses."
    canonicals = {c.canonical for c in extract_candidates([("s1", text)], "fr")}
    assert "source d'énergie renouvelables" in canonicals
    assert not any(canonical.startswith("énergie renouvelable") for canonical in canonicals), canonicals
    # An adjective agreeing with the noun before it is kept.
    assert "force armée" in {c.canonical for c in extract_candidates([("s1", "Les forces armées ont participé.")], "fr")}


def test_organisation_found_without_the_entity_recogniser() -> None:
    texts = [("s1", "Le Président a saisi la Commission de consolidation de la paix hier.")]
    labels = {c.canonical: c.label for c in extract_candidates(texts, "fr")}
    assert labels.get("Commission de consolidation de la paix") == ORGANIZATION


def test_heading_in_capitals_holds_no_acronym_or_organisation() -> None:
    texts = [("h", "JOINT IMPLEMENTATION PROJECT DESIGN DOCUMENT FORM")]
    labels = {c.label for c in extract_candidates(texts, "en")}
    assert labels == {TERM}


def test_no_text_no_candidates() -> None:
    assert extract_candidates([], "fr") == []
    assert extract_candidates([("a", "Il y est allé très vite.")], "fr") == []


def test_unsupported_language_is_a_clear_error() -> None:
    with pytest.raises(UnsupportedLanguageError, match="not 'de'"):
        extract_candidates([("a", "Der Sicherheitsrat")], "de")


def test_pipeline_loaded_once_without_parser() -> None:
    nlp = load_pipeline("fr")
    assert load_pipeline("FR") is nlp
    assert "parser" not in nlp.pipe_names


@pytest.mark.parametrize(
    ("language", "text", "not_a_term"),
    [
        # "des Nations Unies" says whose operations: "paix des Nations Unies" is cut out of the phrase.
        ("fr", "Les opérations de maintien de la paix des Nations Unies continuaient.", "paix des Nations Unies"),
        ("fr", "Les opérations d'appui à la paix de l'Union africaine sont utiles.", "paix de l'Union africaine"),
        # A finite verb the tagger calls an adjective never ends a term.
        ("fr", "Les opérations de maintien de la paix des Nations Unies continuaient.", "Nations Unies continuaient"),
        # A participle needs its complement...
        ("fr", "La prévalence des violences sexuelles liées aux conflits reste élevée.",
         "prévalence des violence sexuelle liée"),
        ("fr", "La prévalence des violences sexuelles liées aux conflits reste élevée.", "violence sexuelle liée"),
        # ...and an adverbial phrase is not a complement.
        ("fr", "Elle a appelé la communauté internationale au sens large à agir.", "communauté internationale au sens"),
        # Nor does a term open on the noun of a compound preposition.
        ("fr", "Ils ont comblé les lacunes en matière de capacités des missions.", "matière de capacités"),
        ("fr", "Les ministres se sont réunis au niveau ministériel à Berlin.", "niveau ministériel"),
        ("fr", "Le territoire palestinien occupé, y compris Jérusalem-Est, souffre.", "compris Jérusalem-Est"),
        # A span may not start inside a name and run into the name nested in it.
        ("fr", "Le Conseil de sécurité des Nations Unies a adopté la résolution.", "sécurité des Nations Unies"),
        # Nor end inside a name: "Comité spécial des opérations" of a longer name.
        ("fr", "Il a présidé le Comité spécial des opérations de maintien de la paix hier.",
         "Comité spécial des opérations"),
        # A list of adjectives goes on beyond the span.
        ("fr", "Ils veulent la participation pleine, égale et véritable des femmes.", "participation pleine"),
        ("en", "They want the full, equal and meaningful participation of women.", "meaningful participation"),
        # A span that runs into a person's name.
        ("en", "The statement was read by Antje Leendertse Ambassador of Germany.", "Antje Leendertse Ambassador"),
        # A long name the grammar cannot take whole leaves no piece of itself (glossary.extract.patterns.is_cut_name):
        # a complement cut before the next one...
        ("fr", "La Convention sur l'élimination de toutes les formes de discrimination à l'égard des femmes est en "
               "vigueur.", "Convention sur l'élimination"),
        ("en", "The Expert Mechanism on the Rights of Indigenous Peoples met.", "Expert Mechanism on the Rights"),
        ("en", "The United Nations Declaration on the Rights of Indigenous Peoples was adopted.",
         "United Nations Declaration"),
        # ...or before the next part of a list, a possessive, a title-case subject, title-case words coordinated on.
        ("fr", "L'Organisation des Nations Unies pour l'éducation, la science et la culture a parlé.",
         "Nations Unies pour l'éducation"),
        ("en", "The United Nations Children's Fund spoke.", "United Nations Children"),
        ("en", "The International Tribunal for the Former Yugoslavia closed.", "International Tribunal"),
        ("en", "The United Nations Educational, Scientific and Cultural Organization spoke.",
         "United Nations Educational"),
        # a lowercase noun and a capitalised one are two names, not coordinated nouns sharing an adjective
        ("fr", "Le Conseil de sécurité et l'Assemblée générale ont voté.", "sécurité et assemblée générale"),
        # a name coordinated on with a capital after "et" / "and"
        ("fr", "Le Royaume-Uni de Grande-Bretagne et d'Irlande du Nord a voté.", "Royaume-Uni de Grande-Bretagne"),
        ("en", "The United Kingdom of Great Britain and Northern Ireland voted.", "United Kingdom of Great Britain"),
        # A French phrase ending on a noun stops inside a longer one when an adjective agreeing with it follows
        ("fr", "Les organisations de la société civile ont parlé.", "organisation de la société"),
        ("fr", "Les Hautes Parties contractantes se sont réunies.", "Hautes Parties"),
        ("fr", "Le Traité d'interdiction complète des essais nucléaires est signé.", "interdiction complète des essais"),
        # No UN name opens on "Nations Unies" and a complement: its head comes before.
        ("fr", "Le Fonds des Nations Unies pour la population a parlé.", "Nations Unies pour la population"),
    ],
)
def test_fragments_of_names_and_phrases_are_not_candidates(language: str, text: str, not_a_term: str) -> None:
    assert not_a_term not in {c.canonical for c in extract_candidates([("s1", text)], language)}


@pytest.mark.parametrize(
    ("language", "text", "term"),
    [
        ("fr", "Le chapitre VII de la Charte et la section VI du rapport LVII.", "chapitre vii de la charte"),
        ("en", "Under Chapter VII of the Charter, see section vi and annex LVII.", "Chapter VII"),
    ],
)
def test_a_roman_numeral_opens_no_term(language: str, text: str, term: str) -> None:
    canonicals = {c.canonical for c in extract_candidates([("s1", text)], language)}
    assert term in canonicals
    assert not [c for c in canonicals if c.split()[0].lower() in ("vi", "vii", "lvii")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "IV.G. Évaluation des activités opérationnelles de développement"),
        ("en", "IV.G. Evaluation of operational activities for development"),
        ("fr", "A.1. Mandat de la mission. III. Coopération régionale."),
    ],
)
def test_a_section_number_is_no_word_of_a_term(language: str, text: str) -> None:
    canonicals = {c.canonical for c in extract_candidates([("s1", text)], language)}
    assert canonicals  # the heading's words still make candidates
    assert not [c for c in canonicals if any(mark in c.lower() for mark in ("iv.g", "a.1", "iii."))]


@pytest.mark.parametrize(
    ("language", "text", "canonical"),
    [
        # Capitals inside a name stay, though the tagger calls "Unies" a common noun.
        ("fr", "Le personnel des Nations Unies est déployé.", "personnel des Nations Unies"),
        # A cut occurrence counts when the term is met whole elsewhere.
        ("fr", "Les violences sexuelles liées aux conflits persistent. Ces violences sexuelles sont graves.",
         "violence sexuelle"),
        # The phrase the adjective closes is one...
        ("fr", "Les organisations de la société civile ont parlé.", "organisation de la société civile"),
        # ...and an adjective that does not agree with the last noun qualifies the head: the phrase is whole.
        ("fr", "Le partage multilatéral des charges efficace est utile.", "partage multilatéral des charges"),
        # A past participle after the phrase opens a phrase of its own.
        ("fr", "Il a reçu des lettres identiques datées du 3 mai.", "lettre identique"),
        # A term that closes a name is still a term.
        ("fr", "La Commission de consolidation de la paix se réunit.", "consolidation de la paix"),
        ("en", "Artificial intelligence, unmanned aerial systems and telemedicine help: artificial intelligence.",
         "artificial intelligence"),
        # A name followed by its country, or by the sentence after a comma, is whole.
        ("en", "The Permanent Mission of Peru wrote to the Council.", "Permanent Mission"),
        ("fr", "Dans le cadre de la Commission de consolidation de la paix, les participants ont parlé.",
         "Commission de consolidation de la paix"),
        # A name met whole once keeps its place where it is elsewhere cut.
        ("fr", "Le Conseil de sécurité de l'ONU se réunit. Le Conseil de sécurité a voté.", "Conseil de sécurité"),
    ],
)
def test_terms_beside_names_and_cuts_are_kept(language: str, text: str, canonical: str) -> None:
    assert canonical in {c.canonical for c in extract_candidates([("s1", text)], language)}


def test_person_names_are_labelled_and_titles_stay_terms() -> None:
    texts = [("s1", "The meeting heard Lieutenant General Dennis Gyllensporre, Force Commander of the mission.")]
    labels = {c.canonical: c.label for c in extract_candidates(texts, "en")}
    assert labels.get("Dennis Gyllensporre") == PERSON
    assert not any("Gyllensporre" in name for name, label in labels.items() if label != PERSON)


def test_english_expansion_of_a_french_acronym_leaves_out_the_title_before_it() -> None:
    texts = [("s1", "The Force Commander of the United Nations Multidimensional Integrated Stabilization "
                    "Mission in Mali (MINUSMA) briefed the Council.")]
    minusma = {c.canonical: c for c in extract_candidates(texts, "en")}["MINUSMA"]
    assert minusma.expansion == "United Nations Multidimensional Integrated Stabilization Mission in Mali"


@pytest.mark.parametrize(("language", "text", "whole", "pieces"), [
    ("en", "Bosnia and Herzegovina and the Turks and Caicos Islands voted with Trinidad and Tobago.",
     {"Bosnia and Herzegovina", "Turks and Caicos Islands", "Trinidad and Tobago"},
     {"Herzegovina", "Bosnia", "Turks", "Caicos Islands", "Tobago"}),
    ("fr", "Les îles Turques et Caïques et Saint-Vincent-et-les Grenadines ont voté avec la Trinité-et-Tobago.",
     {"îles Turques et Caïques", "Saint-Vincent-et-les Grenadines", "Trinité-et-Tobago"},
     {"îles", "îles Turques", "Grenadines", "trinité-et-tobago"}),
])
def test_a_country_name_holding_a_conjunction_is_one_candidate_and_its_pieces_none(language, text, whole, pieces):
    found = {candidate.canonical for candidate in extract_candidates([("d#1", text)], language)}
    assert whole <= found, found
    assert not found & pieces, found


def test_a_piece_of_a_country_name_met_alone_elsewhere_stays_a_candidate() -> None:
    texts = [("d#1", "Bosnia and Herzegovina voted."), ("d#2", "The people of Herzegovina voted.")]
    found = {candidate.canonical for candidate in extract_candidates(texts, "en")}
    assert {"Bosnia and Herzegovina", "Herzegovina"} <= found, found


def test_a_french_island_name_is_one_candidate_with_its_qualifiers_and_its_pieces_none() -> None:
    text = ("Le territoire des îles Vierges britanniques et les îles Caïmanes ont répondu, comme l'île de Man, "
            "les îles Mariannes du Nord et les îles concernées.")
    found = {candidate.canonical for candidate in extract_candidates([("d#1", text)], "fr")}
    assert {"îles Vierges britanniques", "îles Caïmanes", "île de Man", "îles Mariannes du Nord"} <= found, found
    assert not found & {"Vierges britanniques", "Caïmanes", "île vierge britannique", "Man", "Nord"}, found
    assert not any(name.startswith("îles concernées") or name.endswith("Nord et") for name in found), found
