"""The shared term matcher (glossary.match.matcher) on small French and English texts:
match keys, inserted words, accent folding, the non-word guard and the prefilter.
"""

from __future__ import annotations

import pytest

from glossary.match.matcher import MatchRules, Prefilter, match_end, match_keys, tokenise

STRICT = MatchRules(fold_accents=False, min_plural_stem=4)
LOOSE = MatchRules(fold_accents=True, min_plural_stem=3, max_inserted=2)


def term(text: str, language: str, rules: MatchRules) -> tuple[frozenset[str], ...]:
    return tuple(token.keys for token in tokenise([text], language, rules)[0])


def occurrences(term_text: str, text: str, language: str, rules: MatchRules) -> list[str]:
    words = term(term_text, language, rules)
    tokens = tokenise([text], language, rules)[0]
    found = []
    for position in range(len(tokens)):
        last = match_end(words, tokens, position, rules.max_inserted)
        if last is not None:
            found.append(text[tokens[position].start:tokens[last].end])
    return found


@pytest.mark.parametrize(("term_text", "text", "language", "expected"), [
    # a plural found through the stripped ending, offsets in the text as written
    ("pays fournisseur de contingents", "Les pays fournisseurs de contingents.", "fr",
     ["pays fournisseurs de contingents"]),
    # the hyphen is skipped
    ("troop contributing country", "Troop-contributing countries spoke.", "en", ["Troop-contributing countries"]),
    # the typographic apostrophe is the straight one
    ("l'Organisation", "Le budget de l’Organisation.", "fr", ["l’Organisation"]),
])
def test_inflected_occurrences_are_found(term_text: str, text: str, language: str, expected: list[str]) -> None:
    assert occurrences(term_text, text, language, STRICT) == expected


def test_inserted_words_only_where_the_rules_allow_them() -> None:
    text = "La protection efficace des civils."
    assert occurrences("protection des civils", text, "fr", LOOSE) == ["protection efficace des civils"]
    assert occurrences("protection des civils", text, "fr", STRICT) == []


def test_accents_fold_only_where_the_rules_say() -> None:
    assert occurrences("cote", "Une côte rocheuse.", "fr", LOOSE) == ["côte"]
    assert occurrences("cote", "Une côte rocheuse.", "fr", STRICT) == []


@pytest.mark.parametrize("rules", [STRICT, LOOSE])
def test_a_doubled_ending_is_no_inflection(rules: MatchRules) -> None:
    # negative case: spaCy lemmatises the misspelling "paixx" to "paix"
    assert "paix" not in match_keys("paixx", "paix", rules)
    assert occurrences("paix", "La paixx règne.", "fr", rules) == []


def test_the_prefilter_rules_out_texts_without_the_terms_letters() -> None:
    prefilter = Prefilter([term("contingents", "fr", STRICT), term("coopération", "fr", STRICT)], STRICT)
    assert prefilter.may_hold_a_term("Le contingent arrive.")
    assert prefilter.may_hold_a_term("La COOPÉRATION triangulaire.")
    assert not prefilter.may_hold_a_term("Rien au paragraphe 3.")
    # the texts ruled out come back from tokenise without tokens
    assert tokenise(["Rien ici.", "Un contingent."], "fr", STRICT, prefilter)[0] == ()
