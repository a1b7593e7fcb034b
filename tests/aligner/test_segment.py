"""Sentence splitting of French and English UN text: each case names the rule it checks."""

import pytest

from aligner.segment import MAX_SENTENCE_CHARS, cut_long_sentence, split_sentences


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Plain split on periods, question and exclamation marks.
        ("fr", "Le Conseil a voté. La séance est levée.", ["Le Conseil a voté.", "La séance est levée."]),
        ("en", "The Council voted. The meeting rose.", ["The Council voted.", "The meeting rose."]),
        # French puts a (non-breaking) space before ? and !.
        ("fr", "Pourquoi ? Parce que. Non\u00a0! Oui\u202f? Bien.", ["Pourquoi ?", "Parce que.", "Non\u00a0!", "Oui\u202f?", "Bien."]),
        ("en", "Why? Because. No! Yes? Good.", ["Why?", "Because.", "No!", "Yes?", "Good."]),
        # Semicolons and colons do not split.
        ("fr", "Il a dit : non ; elle a dit : oui. Fin.", ["Il a dit : non ; elle a dit : oui.", "Fin."]),
        ("en", "He said: no; she said: yes. End.", ["He said: no; she said: yes.", "End."]),
        # The paragraph number opening the text is not a sentence.
        ("fr", "1. Le 10 juillet 2019, le Conseil a siégé. Il a voté.", ["1. Le 10 juillet 2019, le Conseil a siégé.", "Il a voté."]),
        ("en", "12. On 10 July 2019, the Council met. It voted.", ["12. On 10 July 2019, the Council met.", "It voted."]),
        ("en", "IV. Background to the mission", ["IV. Background to the mission"]),
        # Numbers: thousands with spaces, decimals, a year before a period.
        ("fr", "Il y avait 1 000 personnes et 3.5 % de hausse en 2019. Les autres.", ["Il y avait 1 000 personnes et 3.5 % de hausse en 2019.", "Les autres."]),
        ("en", "Some 1,000 people, a 3.5 per cent rise in 2019. Others came.", ["Some 1,000 people, a 3.5 per cent rise in 2019.", "Others came."]),
        # Titles before names.
        ("fr", "M. Dupont et Mme Durand parlent. MM. Smith et Jones votent.", ["M. Dupont et Mme Durand parlent.", "MM. Smith et Jones votent."]),
        ("en", "Mr. Smith met Dr. Jones in St. Lucia. Mrs. Brown left.", ["Mr. Smith met Dr. Jones in St. Lucia.", "Mrs. Brown left."]),
        # Abbreviations before numbers.
        ("fr", "Voir art. 5 et par. 3 de la résolution. Fin.", ["Voir art. 5 et par. 3 de la résolution.", "Fin."]),
        ("en", "See No. 5, Nos. 6 and 7 and para. 3. End.", ["See No. 5, Nos. 6 and 7 and para. 3.", "End."]),
        # Dotted abbreviations: p. ex., e.g., i.e., U.N.
        ("fr", "Des pays, p. ex. Le Mali, ont voté. Fin.", ["Des pays, p. ex. Le Mali, ont voté.", "Fin."]),
        ("en", "Some, e.g. Mali, i.e. The host, and the U.N. Charter apply. End.", ["Some, e.g. Mali, i.e. The host, and the U.N. Charter apply.", "End."]),
        # a.i. before a lowercase word stays inside the sentence.
        ("en", "The Chargé d'affaires a.i. of Peru spoke. He left.", ["The Chargé d'affaires a.i. of Peru spoke.", "He left."]),
        # Initials.
        ("fr", "Selon J.-P. Lacroix et A. Guterres, tout va bien. Fin.", ["Selon J.-P. Lacroix et A. Guterres, tout va bien.", "Fin."]),
        ("en", "According to J. Smith, all is well. End.", ["According to J. Smith, all is well.", "End."]),
        # etc. ends a sentence when a capital follows, not otherwise.
        ("fr", "Des armes, des drones, etc. Les autres, etc. et la suite.", ["Des armes, des drones, etc.", "Les autres, etc. et la suite."]),
        ("en", "Arms, drones, etc. Others, etc. and more.", ["Arms, drones, etc.", "Others, etc. and more."]),
        # Quotes closing after the period.
        ("fr", "Il a dit « Oui. » Puis il est parti.", ["Il a dit « Oui. »", "Puis il est parti."]),
        ("fr", "Elle a conclu. « Le Conseil agira. » Fin.", ["Elle a conclu.", "« Le Conseil agira. »", "Fin."]),
        ("en", 'He said "stop." Then he left. "Really?" she asked.', ['He said "stop."', "Then he left.", '"Really?" she asked.']),
        ("en", "It ended (as planned.) The rest followed.", ["It ended (as planned.)", "The rest followed."]),
        # Ellipses end a sentence, unless they mark a cut inside brackets.
        ("fr", "Il hésita… Puis il parla. Le texte […] Le reste.", ["Il hésita…", "Puis il parla.", "Le texte […] Le reste."]),
        ("en", "He paused... Then he spoke.", ["He paused...", "Then he spoke."]),
        # A lowercase word after a period never starts a sentence.
        ("en", "The vote was 12 vs. 3 in favour.", ["The vote was 12 vs. 3 in favour."]),
        # A document symbol with a resolution year.
        ("en", "See resolution 2719 (2023). The Council agreed.", ["See resolution 2719 (2023).", "The Council agreed."]),
        # Empty and blank text.
        ("fr", "", []),
        ("en", "   ", []),
    ],
)
def test_split_sentences(language, text, expected):
    assert split_sentences(text, language) == expected


@pytest.mark.parametrize("language", ["fr", "en"])
def test_sentences_cover_the_text(language):
    text = "1. Le Conseil a voté. M. Smith a parlé ; il est parti ! Pourquoi ? Fin."
    sentences = split_sentences(text, language)
    assert " ".join(sentences) == text


def test_unknown_language_is_a_programming_error():
    with pytest.raises(ValueError, match="language"):
        split_sentences("Hola.", "es")


def test_fast_enough():
    import time

    text = "M. Dupont a parlé le 3 juin 2019 au nom de 1 000 personnes. " * 5000
    started = time.perf_counter()
    sentences = split_sentences(text, "fr")
    elapsed = time.perf_counter() - started
    assert len(sentences) == 5000
    assert elapsed < 2.0  # thousands of sentences per second, with room for a slow CI machine


# --- sentences too long to embed whole ----------------------------------------------

WORDS = "les pays fournisseurs de contingents et de police "  # 50 characters, no punctuation


@pytest.mark.parametrize(
    ("sentence", "limit"),
    [
        (WORDS * 2000, 2000),  # 100,000 characters of words: cut at spaces
        ("x" * 5000, 2000),  # no space at all: hard cuts
        (("article premier, " + WORDS) * 300, 1000),  # commas: cut after them
        ("mot " * 10 + "y" * 3000 + " fin", 500),  # a long run without spaces amid words
    ],
    ids=["words", "no-spaces", "commas", "mixed"],
)
def test_long_sentence_is_cut_into_bounded_pieces_that_keep_every_word(sentence, limit):
    pieces = cut_long_sentence(sentence, limit)
    assert len(pieces) > 1
    assert all(0 < len(piece) <= limit for piece in pieces)
    assert "".join(pieces).replace(" ", "") == sentence.replace(" ", "")


def test_cut_prefers_commas_and_semicolons_to_spaces():
    sentence = ("a" * 600 + ", " + "b " * 150) * 4
    pieces = cut_long_sentence(sentence, 1000)
    assert all(piece.endswith(",") for piece in pieces[:-1])


@pytest.mark.parametrize("length", [1, MAX_SENTENCE_CHARS])
def test_sentence_within_the_limit_is_kept_whole(length):
    sentence = ("mot " * length)[:length]
    assert cut_long_sentence(sentence) == [sentence]


def test_cutting_a_four_megabyte_line_is_fast():
    import time

    started = time.perf_counter()
    pieces = cut_long_sentence(WORDS * 80_000)  # 4 MB without punctuation
    assert time.perf_counter() - started < 2.0  # linear: a quadratic cut would take minutes
    assert len(pieces) >= 4_000_000 // MAX_SENTENCE_CHARS
