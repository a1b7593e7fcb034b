"""Language detection from function words: French, English, neither, too short."""

import pytest

from aligner.read.language import detect_language, guess_language

FRENCH = (
    "Les participants ont souligné que les opérations de maintien de la paix des Nations Unies "
    "restaient un instrument unique pour prévenir et gérer les conflits armés."
)
ENGLISH = (
    "Participants underlined that United Nations peacekeeping remained a unique instrument "
    "for preventing, managing and mitigating armed conflict, and that it was effective."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (FRENCH, "fr"),
        (ENGLISH, "en"),
        # A short UN title decides on two function words.
        ("Report of the Secretary-General", "en"),
        ("Rapport du Secrétaire général sur les opérations", "fr"),
        # Mostly French with quoted English names stays French.
        (
            "La maîtresse de recherche non résidente au Brian Urquhart Center for Peace Operations "
            "de l'International Peace Institute, Alexandra Novosseloff, a pris la parole et a "
            "présenté les conclusions de la Global Alliance for Peace Operations.",
            "fr",
        ),
        # English quoting a French title stays English.
        (
            "The Chargé d'affaires a.i. of the Permanent Mission of Peru transmitted the summary "
            "of the debate, which was held in July.",
            "en",
        ),
        # Curly apostrophes count like straight ones.
        ("L’Organisation et l’Union africaine ont signé l’accord qu’il a proposé.", "fr"),
    ],
)
def test_detects_french_and_english(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # German, Spanish and Italian share words with French or English but are neither.
        "Die Vereinten Nationen und die Mitgliedstaaten haben sich auf eine gemeinsame Erklärung "
        "geeinigt, die nicht nur für Europa von Bedeutung ist, sondern auch für die Welt.",
        "Los participantes subrayaron que las operaciones de mantenimiento de la paz de las "
        "Naciones Unidas son un instrumento único para prevenir los conflictos y para el desarrollo.",
        "I partecipanti hanno sottolineato che le operazioni di mantenimento della pace delle "
        "Nazioni Unite sono uno strumento unico per la prevenzione dei conflitti, anche in Africa.",
        # Numbers and symbols only.
        "2019 2020 2021 A/79/923 S/2025/341 1 000 3.5 25-08590 " * 5,
    ],
)
def test_other_languages_are_neither(text):
    guess = guess_language(text)
    assert guess.language is None
    assert not guess.too_short


@pytest.mark.parametrize("text", ["联合国", "Совет Безопасности", "مجلس الأمن", "联合国 A/79/923 2025"])
def test_a_few_letters_of_another_script_are_already_neither(text):
    guess = guess_language(text)
    assert guess.language is None
    assert guess.other_script
    assert not guess.too_short


def test_latin_text_quoting_another_script_is_still_told():
    assert detect_language(FRENCH + " (en chinois : 联合国)") == "fr"


@pytest.mark.parametrize("text", ["", "Conseil de sécurité", "Security Council", "A/79/923"])
def test_too_short_to_tell(text):
    guess = guess_language(text)
    assert guess.language is None
    assert guess.too_short


def test_confidence_is_the_winning_share():
    mostly_french = FRENCH + " " + FRENCH + " The report of the Council was adopted."
    guess = guess_language(mostly_french)
    assert guess.language == "fr"
    assert 0.65 <= guess.confidence < 1.0
    assert guess_language(FRENCH).confidence == 1.0


def test_half_and_half_is_undecided():
    assert detect_language(FRENCH + " " + ENGLISH + " " + ENGLISH[:60]) in (None, "en")
    assert detect_language((FRENCH + " " + ENGLISH) * 2) is None
