"""Finding terms in text by their words: the matcher the check and the concordance share.

A text is tokenised and lemmatised by spaCy once; each token gets a few match
keys (its surface form, its lemma, each less a plural ending; case folded,
apostrophes unified, accents folded when the rules say so). A term is a
sequence of key sets, one per word, and it matches a run of tokens when each
of its words shares a key with the token in its place, optionally with a few
inserted words ("protection efficace des civils"). Hyphens are skipped on
both sides, so "troop contributing" matches "troop-contributing".

spaCy is the slow part, so a ``Prefilter`` rules out texts that cannot hold
any of the terms before they are parsed.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from glossary.extract.nlp import load_pipeline

# Apostrophes writers and word processors use for the same elision; each is one
# code point, so replacing them with ' keeps every character offset.
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})

# Tokens that join the parts of a compound, which writers use or drop freely:
# "troop-contributing" / "troop contributing", "burden-sharing" / "burden sharing".
JOINERS = frozenset({"-", "‐", "‑", "–", "—"})

# Plural endings stripped for an extra match key (how short the stem left may
# be is a rule of each caller: see MatchRules.min_plural_stem).
PLURAL_ENDINGS = ("s", "x")
# Words ending so take no plural ending in French or English ("paix", "pays",
# "gaz"; English adds -es): a base one s or x shorter than such a token is the
# lemmatiser's guess on a misspelling ("paixx" -> "paix"), not an inflection.
INVARIABLE_ENDINGS = ("s", "x", "z")

# Words a writer may slip inside a term without changing it: "l'exploitation et
# les atteintes sexuelles", "regional and subregional organizations".
INSERTABLE_POS = frozenset({"DET", "ADJ", "CCONJ"})
# French articles, contracted with "de" or not, which the tagger often calls ADP.
INSERTABLE_WORDS = frozenset({"le", "la", "les", "l'", "un", "une", "des", "du"})

# Inflection changes the end of a word, not its first letters ("contingents",
# "travaux", "countries"), so the prefilter looks for at most this many first
# letters of each word of a term.
PREFIX_LENGTH = 4

# spaCy components the matching never reads (load_pipeline already leaves the parser out).
UNUSED_COMPONENTS = ("parser", "ner")


@dataclass(frozen=True)
class MatchRules:
    """Where callers differ in how loosely a term's word matches a token."""

    fold_accents: bool  # "cote" matches "côte"
    min_plural_stem: int  # shortest stem left when a plural ending is stripped
    max_inserted: int = 0  # words that may stand inside an occurrence (see INSERTABLE_POS)


@dataclass(frozen=True)
class Token:
    """One word of a text: its match keys and where it stands (text[start:end])."""

    keys: frozenset[str]
    start: int
    end: int
    insertable: bool = False  # may stand inside a term without breaking it


def normalise(text: str, rules: MatchRules) -> str:
    """Text as match keys compare it: case folded, apostrophes unified, accents folded if the rules say."""
    text = text.casefold().translate(APOSTROPHES)
    if not rules.fold_accents:
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def match_keys(surface: str, lemma: str, rules: MatchRules) -> frozenset[str]:
    """The keys of a token: surface, lemma (unless a misspelling's), and each less a plural ending."""
    surface = normalise(surface, rules)
    keys = {surface}
    lemma = normalise(lemma, rules) if lemma else surface
    if _plausible_base(surface, lemma):
        keys.add(lemma)
    for form in list(keys):
        if form.endswith(PLURAL_ENDINGS) and len(form) - 1 >= rules.min_plural_stem \
                and _plausible_base(form, form[:-1]):
            keys.add(form[:-1])
    return frozenset(keys)


def _plausible_base(surface: str, base: str) -> bool:
    """False when ``base`` is ``surface`` less a plural ending no French or English word takes."""
    added_ending = len(surface) == len(base) + 1 and surface.startswith(base) and surface.endswith(PLURAL_ENDINGS)
    return not (added_ending and base.endswith(INVARIABLE_ENDINGS))


def tokenise(texts: Sequence[str], language: str, rules: MatchRules,
             prefilter: Prefilter | None = None) -> list[tuple[Token, ...]]:
    """Tokens of each text with their keys; one spaCy pass over the distinct texts.

    Texts the prefilter rules out come back without tokens: they hold no term.
    """
    nlp = load_pipeline(language)
    unused = [name for name in UNUSED_COMPONENTS if name in nlp.pipe_names]
    # UN documents repeat headings and set phrases: each distinct text is parsed once.
    distinct = [text for text in dict.fromkeys(texts) if prefilter is None or prefilter.may_hold_a_term(text)]
    parsed: dict[str, tuple[Token, ...]] = {}
    with nlp.select_pipes(disable=unused):
        # Same-length translation: spaCy's offsets stay offsets into the text as given.
        for text, doc in zip(distinct, nlp.pipe(text.translate(APOSTROPHES) for text in distinct)):
            parsed[text] = tuple(
                Token(match_keys(token.text, token.lemma_, rules), token.idx, token.idx + len(token.text),
                      token.pos_ in INSERTABLE_POS or normalise(token.text, rules) in INSERTABLE_WORDS)
                for token in doc if not token.is_space and token.text not in JOINERS
            )
    return [parsed.get(text, ()) for text in texts]


def match_end(term: Sequence[frozenset[str]], tokens: Sequence[Token], position: int,
              max_inserted: int = 0) -> int | None:
    """The last token of term's occurrence starting at position, or None where it does not start there.

    Up to max_inserted insertable tokens may stand between the term's words.
    """
    if not term or position >= len(tokens) or not term[0] & tokens[position].keys:
        return None
    wanted, at, inserted = 1, position + 1, 0
    while wanted < len(term):
        if at >= len(tokens):
            return None
        if term[wanted] & tokens[at].keys:
            wanted += 1
        elif tokens[at].insertable and inserted < max_inserted:
            inserted += 1
        else:
            return None
        at += 1
    return at - 1


def stems(term: Sequence[frozenset[str]]) -> tuple[str, ...]:
    """Letters every text holding the term contains: each word's keys' common beginning, cut short."""
    found = (_common_prefix(keys)[:PREFIX_LENGTH] for keys in term)
    return tuple(stem for stem in found if stem)


def _common_prefix(keys: frozenset[str]) -> str:
    prefix = ""
    for letters in zip(*keys):
        if len(set(letters)) > 1:
            break
        prefix += letters[0]
    return prefix


class Prefilter:
    """Tells cheaply whether a text may hold one of some terms, so that spaCy parses only those.

    A text holding a term contains, as it is written, the first letters its
    inflections share of every word of the term ("contingent" of "contingents",
    "trava" of "travaux"). A word matched only through a lemma with other first
    letters ("mis" for "mettre") is the price of this shortcut.
    """

    def __init__(self, terms: Iterable[Sequence[frozenset[str]]], rules: MatchRules) -> None:
        self._rules = rules
        # Each term is reached through its longest stem, the rarest in text.
        self._by_stem: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        self._always = False  # a term with no stem can be anywhere
        for term in terms:
            wanted = stems(term)
            if wanted:
                self._by_stem[max(wanted, key=len)].append(wanted)
            elif term:
                self._always = True

    def may_hold_a_term(self, text: str) -> bool:
        if self._always:
            return True
        text = normalise(text, self._rules)
        if len(self._by_stem) < len(text):  # few terms: look each up in the text
            reachable = (stem for stem in self._by_stem if stem in text)
        else:  # many terms: look up the text's letter runs among them
            runs = {text[start:start + size] for size in range(1, PREFIX_LENGTH + 1)
                    for start in range(len(text) - size + 1)}
            reachable = (stem for stem in runs if stem in self._by_stem)
        return any(all(stem in text for stem in wanted)
                   for stem in reachable for wanted in self._by_stem[stem])
