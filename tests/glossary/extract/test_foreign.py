"""English quoted in French texts is recognised, French terms made of shared words are not."""

from __future__ import annotations

import pytest

from glossary.extract.foreign import holds_english, looks_english, quoted_in_english


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("Peace Operations", True),  # T0014 of the bundled corpus before the fix
        ("Brian Urquhart Center", True),
        ("Global Alliance", False),  # global and alliance are French words too
        ("opérations de paix", False),
        ("mission", False),
        ("Rwanda", False),
        ("session", False),
        ("Peace Operations de la paix", False),  # a French function word: a French span
        ("MINUSMA", False),
        ("", False),
    ],
)
def test_english_on_the_french_side(text, english):
    assert looks_english(text) is english


@pytest.mark.parametrize(
    ("text", "holds"),
    [
        ("chercheuse du Center", True),
        ("Peace Operations à New York", True),
        ("Conseil de sécurité", False),
        ("Global Alliance", False),
        ("Brian Urquhart", False),  # names are no language's words
        ("Commission de consolidation de la paix", False),
    ],
)
def test_a_french_span_holding_a_capitalised_english_word(text, holds):
    assert holds_english(text) is holds


@pytest.mark.parametrize(
    ("form", "texts", "quoted"),
    [
        ("Global Alliance", ["les groupes qui forment la Global Alliance for Peace Operations (alliance mondiale)"],
         True),
        ("Global Alliance", ["la Global Alliance for Peace Operations", "la Global Alliance et ses membres"], False),
        ("Conseil de sécurité", ["le Conseil de sécurité des Nations Unies"], False),
        ("Union africaine", ["l'Union africaine et les organisations régionales"], False),
        ("Global Alliance", ["un texte sans le nom"], False),  # never met: nothing to judge
    ],
)
def test_a_french_span_opening_an_english_name(form, texts, quoted):
    assert quoted_in_english(form, texts) is quoted
