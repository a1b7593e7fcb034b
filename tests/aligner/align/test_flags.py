"""Scores and flags of a link: what a reviser is asked to look at."""

import pytest

from aligner.align.flags import (
    LOW_CONFIDENCE_SCORE,
    link_flags,
)
from aligner.align.links import LOW_CONFIDENCE, NUMBER_MISMATCH, OMISSION
from aligner.align.numbers import figures_differ, numbers_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Thousands: French spaces (plain, no-break, narrow no-break), English commas.
        ("1 000 soldats", ["1000"]),
        ("1\u00a0000 soldats", ["1000"]),
        ("1\u202f000 soldats", ["1000"]),
        ("1,000 troops", ["1000"]),
        ("12 345 678 dollars", ["12345678"]),
        # Decimals: French comma, English point; trailing zeros do not matter.
        ("3,5 %", ["3.5"]),
        ("3.5 per cent", ["3.5"]),
        ("0,50 dollar", ["0.5"]),
        # A joint symbol is two symbols, kept whole (their digits are not numbers).
        ("A/79/923-S/2025/341", ["A/79/923", "S/2025/341"]),
        ("E/CN.4/2005/L.10", ["E/CN.4/2005/L.10"]),
        # A resolution number and its year.
        ("résolution 2719 (2023)", ["2719", "2023"]),
        ("resolution 2719 (2023)", ["2719", "2023"]),
        # Ordinals count as their digits.
        ("le 1er juillet", ["1"]),
        ("on 1st July", ["1"]),
        # Dates: day and year.
        ("le 10 juillet 2019", ["10", "2019"]),
        # No digits, no numbers.
        ("Le Conseil a pris note du rapport.", []),
    ],
)
def test_numbers_in(text, expected):
    assert numbers_in(text) == expected


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("1 000", "1,000"),
        ("3,5", "3.5"),
        ("1er", "1st"),
        ("A/79/923-S/2025/341", "A/79/923-S/2025/341"),
        ("2719 (2023)", "2719 (2023)"),
        ("le 10 juillet 2019", "on 10 July 2019"),
    ],
)
def test_french_and_english_spellings_of_a_number_agree(french, english):
    assert numbers_in(french) == numbers_in(english)


@pytest.mark.parametrize(
    ("french", "english"),
    [("2 500,75", "2,500.75"), ("1 234 567,89", "1,234,567.89")],
)
def test_thousands_and_decimals_together_agree(french, english):
    assert numbers_in(french) == numbers_in(english)


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("La lutte contre le VIH/sida reste prioritaire.", "The fight against HIV/AIDS remains a priority."),
        ("L'Opération hybride Union africaine-Nations Unies au Darfour.", "The AU/UN hybrid operation in Darfur."),
    ],
)
def test_acronyms_with_a_slash_are_not_symbols(french, english):
    assert NUMBER_MISMATCH not in link_flags(french, english, 0.9)


CLEAN_FR = "Le Conseil de sécurité s'est réuni le 10 juillet 2019."
CLEAN_EN = "The Security Council met on 10 July 2019."


def test_clean_translation_has_no_flags():
    assert link_flags(CLEAN_FR, CLEAN_EN, 0.9) == ()


@pytest.mark.parametrize(("french", "english"), [("", CLEAN_EN), (CLEAN_FR, ""), ("  ", CLEAN_EN), (CLEAN_FR, "\n")])
def test_an_empty_side_is_an_omission_and_nothing_else(french, english):
    assert link_flags(french, english, 0.0) == (OMISSION,)


@pytest.mark.parametrize(
    "masthead",
    [
        "General Assembly Security Council",
        "Assemblée générale Conseil de sécurité",
        "Distr.: General 3 June 2025 Original: English",
        "Distr. générale 3 juin 2025 Français Original : anglais",
        "United Nations A/79/923–S/2025/341",
    ],
)
def test_a_masthead_alone_is_not_an_omission(masthead):
    assert link_flags("", masthead, 0.0) == ()
    assert link_flags(masthead, "", 0.0) == ()


@pytest.mark.parametrize(
    "text",
    [
        "The General Assembly adopted the resolution.",
        "Le Conseil de sécurité a siégé le 3 juin 2025.",
        "Security Council Eightieth year and a deleted sentence",
    ],
)
def test_a_sentence_naming_an_organ_is_still_an_omission(text):
    assert link_flags("", text, 0.0) == (OMISSION,)


@pytest.mark.parametrize(
    ("score", "low"),
    [(0.0, True), (LOW_CONFIDENCE_SCORE - 0.01, True), (LOW_CONFIDENCE_SCORE, False), (1.0, False)],
)
def test_low_score_is_low_confidence(score, low):
    assert (LOW_CONFIDENCE in link_flags(CLEAN_FR, CLEAN_EN, score)) is low


def test_one_side_far_longer_is_a_partial_omission():
    untranslated = " It adopted resolution 2719 (2023) on the financing of African Union peace support operations."
    assert OMISSION in link_flags(CLEAN_FR, CLEAN_EN + untranslated, 0.8)
    assert OMISSION in link_flags(CLEAN_FR + untranslated, CLEAN_EN, 0.8)
    # Both sides longer together is a plausible translation, not an omission.
    french = CLEAN_FR + " Il a adopté la résolution 2719 (2023)."
    assert OMISSION not in link_flags(french, CLEAN_EN + " It adopted resolution 2719 (2023).", 0.8)


def test_partial_omission_follows_the_document_length_ratio():
    french = "Les pays fournisseurs de contingents."  # 37 characters
    english = "Troop-contributing countries." + " Some words." * 10  # about 140 characters
    assert OMISSION in link_flags(french, english, 0.8, length_ratio=1.0)
    # In a document whose English runs four times as long as its French, this is expected.
    assert OMISSION not in link_flags(french, english, 0.8, length_ratio=4.0)


def test_short_segments_are_not_partial_omissions():
    # Three times as long, but under PARTIAL_OMISSION_MIN_CHARS apart: headings, list items.
    assert OMISSION not in link_flags("Paix", "Peace and security", 0.8)


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("Au total, 133 États Membres ont participé.", "In all, 134 Member States took part."),
        ("Le document A/79/923 a été publié.", "Document A/79/924 was issued."),
        ("La résolution 2719 (2023) a été adoptée.", "Resolution 2719 (2024) was adopted."),
        ("Environ 1 000 soldats sont déployés.", "About 10,000 troops are deployed."),
        ("Le taux est de 3,5 %.", "The rate is 3.6 per cent."),
        ("Le 10 juillet 2019, le Conseil a siégé.", "On 10 July, the Council met."),
    ],
)
def test_a_number_on_one_side_only_is_a_number_mismatch(french, english):
    assert NUMBER_MISMATCH in link_flags(french, english, 0.9)


@pytest.mark.parametrize(
    ("french", "english"),
    [
        # A paragraph number on one side only, or a different one: the layout, not a figure.
        ("Le Comité a pris note du rapport.", "292. The Committee took note of the report."),
        ("17. Le Comité a pris note du rapport.", "The Committee took note of the report."),
        ("2.1 Avenir du maintien de la paix", "Future of peacekeeping"),
        ("(3) Les États ont répondu.", "The States replied."),
        # The text of a footnote opens with its number.
        ("6 Il est entendu que la Croatie remplira son engagement.", "Croatia will fulfil its commitment."),
        # Footnote calls glued to a word or to its punctuation, and superscripts.
        ("Le Comité consultatif14 a approuvé le budget.", "The Advisory Committee,14 approved the budget."),
        ("Le Comité consultatif a approuvé le budget.", "The Advisory Committee.14 It approved the budget."),
        ("Le Comité³ a approuvé le budget.", "The Committee approved the budget."),
        # A number in words on the other side.
        ("Huit pays ont participé.", "8 countries took part."),
        ("Le Conseil a tenu 8 séances.", "The Council held eight meetings."),
        ("Vingt-cinq États ont voté pour.", "25 States voted in favour."),
        ("Environ un million de personnes.", "About 1 million people."),
        ("Sa 59e session.", "Its fifty-ninth session."),
        ("La quatre-vingt-dix-neuvième séance.", "The 99th meeting."),
        # National formats.
        ("le 1er juillet", "on 1st July"),
        ("1 000 soldats", "1,000 troops"),
        ("les 13 et 14 mai", "on 13 and 14 May"),
        ("3 décembre", "3 December"),
        ("1,87 milliard de dollars", "$1.87 billion"),
        ("Plus de 1,5 million d'euros.", "Over Euro1.5 million."),
        # Times of day and hour counts.
        ("Qui se tiendra le 6 mars 2015, à 12 h 40", "To be held on 6 March 2015, at 12.40 p.m."),
        ("Qui se tiendra le 6 mars 2015, à 15 heures", "To be held on 6 March 2015, at 3 p.m."),
        ("À 3 h 00, un groupe a attaqué.", "At 0300, a group attacked."),
        ("Des coupures de 18 heures par jour.", "Power cuts of 18 hours a day."),
        # A dash lost in a PDF conversion.
        ("pour la période 20182019", "for the period 2018-2019"),
    ],
)
def test_layout_numbers_and_spellings_are_not_a_mismatch(french, english):
    assert not figures_differ(french, english)
    assert NUMBER_MISMATCH not in link_flags(french, english, 0.9)


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("Au total, 133 États ont participé.", "In all, 143 States took part."),
        ("Le rapport de 2025 a été publié.", "The 2024 report was issued."),
        ("Le document S/2025/341 a été publié.", "Document S/2025/314 was issued."),
        ("1,87 milliard de dollars", "$1.78 billion"),
        ("Huit pays ont participé.", "9 countries took part."),
        ("Le Conseil a tenu 8 séances.", "The Council held nine meetings."),
        ("Qui se tiendra à 15 heures", "To be held at 3.30 p.m."),
        # A paragraph number is not a figure, but a figure after it still is.
        ("292. Le Comité a examiné 12 rapports.", "292. The Committee considered 21 reports."),
        # A figure in the body is no footnote call, even next to one.
        ("Le Comité consultatif14 a approuvé 3 postes.", "The Advisory Committee,14 approved 4 posts."),
        # Two figures cannot be one joined figure of a different value.
        ("pour la période 20182019", "for the period 2018-2020"),
    ],
)
def test_a_changed_figure_is_still_a_mismatch(french, english):
    assert figures_differ(french, english)
    assert NUMBER_MISMATCH in link_flags(french, english, 0.9)


def test_same_numbers_in_another_order_are_not_a_mismatch():
    french = "En 2019, 1 000 soldats de 12 pays."
    english = "1,000 troops from 12 countries in 2019."
    assert NUMBER_MISMATCH not in link_flags(french, english, 0.9)


def test_flags_combine():
    english = "In all, 134 States took part in the meeting held in Berlin on the safety of peacekeepers."
    flags = link_flags("Au total, 133 États.", english, 0.2)
    assert flags == (LOW_CONFIDENCE, OMISSION, NUMBER_MISMATCH)
