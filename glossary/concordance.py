"""Bilingual concordance: every occurrence of a term in aligned segments.

A term is found by its words, not its letters: each segment is tokenised and
lemmatised by spaCy, and a term matches a run of tokens when each of its words
shares a form with the token in its place: the surface form, the lemma, or the
form without a plural ending, all lowercased. So "pays fournisseur de
contingents" finds "pays fournisseurs de contingents" and "troop-contributing
country" finds "Troop-contributing countries", while "paix" never finds
"paixx". Case is ignored; accents are not ("côte" is not "cote"); the
apostrophes ' and ’ are the same character. Hyphens are skipped on both sides,
so "troop contributing" also finds "troop-contributing".

spaCy is the slow part, so a segment is lemmatised only when its lowercase
text contains the stem of every word of the term (a substring test), and the
survivors go through ``nlp.pipe`` in batches while the segments are read.
The price of the shortcut: an irregular form whose stem differs from the
term's ("mis" for "mettre") is not found.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from aligner.errors import PaxtermError
from aligner.language import ENGLISH, FRENCH, guess_language
from glossary.nlp import load_pipeline

LANGUAGES = (FRENCH, ENGLISH)

# Apostrophes writers and word processors use for the same elision; each is one
# code point, so replacing them with ' keeps every character offset.
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})

# Tokens that join the parts of a compound, which writers use or drop freely:
# "troop-contributing" / "troop contributing".
JOINERS = frozenset({"-", "‐", "‑", "–", "—"})

# Plural endings stripped for an extra matching form, when the stem left is at
# least this long: shorter stems turn other words into plurals ("mois" -> "moi",
# "fois" -> "foi", "pays" -> "pay"); spaCy's lemma covers those words.
PLURAL_ENDINGS = ("s", "x")
MIN_PLURAL_STEM = 4
# Words ending so take no plural ending in French or English ("paix", "pays",
# "gaz"; English adds -es): a lemma one s or x shorter than such a token is the
# lemmatiser's guess on a misspelling ("paixx" -> "paix"), not an inflection.
INVARIABLE_ENDINGS = ("s", "x", "z")

# The prefilter looks for at most this many first letters of each word, so that
# plurals that change a word's end still pass it: travail/travaux share "trava",
# général/généraux "génér". Whole different stems ("œil"/"yeux") do not.
MAX_STEM = 5

# Segments sent to spaCy at once: large enough for nlp.pipe to pay off, small
# enough that the first results come back quickly.
BATCH_SIZE = 256
# spaCy components the matching never reads: lemmas need only tags and morphology.
UNUSED_COMPONENTS = ("parser", "ner")

# Letters of French words that English words do not have: a term holding one is French
# even when it is too short for the function-word count to decide ("coopération triangulaire").
FRENCH_LETTERS = frozenset("éèêëàâîïôûùüçœæ")
# An elided French article or pronoun: "l'Organisation", "d'appui", "qu'il".
FRENCH_ELISION = re.compile(r"\b(?:[ldjnmst]|qu|jusqu|lorsqu|puisqu)'\w", re.IGNORECASE)


class SearchTermError(PaxtermError):
    """A search term cannot be searched for (it holds no word)."""


class BilingualSegment(Protocol):
    """What the concordance reads from an aligned pair of segments."""

    @property
    def fr(self) -> str: ...

    @property
    def en(self) -> str: ...


Segment = TypeVar("Segment", bound=BilingualSegment)


@dataclass(frozen=True)
class SearchTerm:
    """A term prepared for one language: the forms each of its words may take."""

    text: str
    language: str
    words: tuple[frozenset[str], ...]  # matching forms of each word, lowercased
    stems: tuple[str, ...]  # a lowercase substring every segment holding the term contains


@dataclass(frozen=True)
class Span:
    """Character offsets of a match in the segment's own text: text[start:end]."""

    start: int
    end: int


@dataclass(frozen=True)
class Occurrence(Generic[Segment]):
    """One match of the term in one side of one aligned segment pair."""

    segment: Segment
    language: str  # the side the term was found on: fr or en
    start: int
    end: int

    @property
    def text(self) -> str:
        """The segment's text on the side of the match."""
        return self.segment.fr if self.language == FRENCH else self.segment.en


@dataclass(frozen=True)
class _Token:
    forms: frozenset[str]
    start: int
    end: int


def term_language(term: str) -> str | None:
    """fr or en when the term says which, else None (search both sides)."""
    guess = guess_language(term).language
    if guess in LANGUAGES:
        return guess
    if FRENCH_LETTERS & set(term.lower()) or FRENCH_ELISION.search(term.translate(APOSTROPHES)):
        return FRENCH
    return None


def prepare_term(term: str, language: str) -> SearchTerm:
    """The term's words and their forms, lemmatised by the language's spaCy pipeline."""
    if language not in LANGUAGES:
        raise SearchTermError(f"a term is searched for in fr or en, not {language!r}")
    tokens = _tokens_of([term], language)[0]
    if not tokens:
        raise SearchTermError(f"the search term {term!r} holds no word: give a word or phrase to look up")
    words = tuple(token.forms for token in tokens)
    stems = tuple(stem[:MAX_STEM] for stem in (_common_prefix(forms) for forms in words) if stem)
    return SearchTerm(term, language, words, stems)


def find_spans(term: SearchTerm, texts: Iterable[str], *, batch_size: int = BATCH_SIZE) -> Iterator[tuple[Span, ...]]:
    """The term's matches in each text, one tuple per text (empty when none), read lazily."""
    buffered: list[str] = []
    candidates = 0
    for text in texts:
        buffered.append(text)
        if _may_contain(term, text):
            candidates += 1
        if candidates >= batch_size:
            yield from _match_batch(term, buffered)
            buffered, candidates = [], 0
    if buffered:
        yield from _match_batch(term, buffered)


def search_segments(term: str, segments: Iterable[Segment], *, language: str | None = None,
                    batch_size: int = BATCH_SIZE) -> Iterator[Occurrence[Segment]]:
    """Every occurrence of ``term`` in aligned segments, in segment order.

    ``language`` picks the side searched; None guesses it from the term and
    searches both sides when the term does not tell.
    """
    language = language or term_language(term)
    languages = (language,) if language else LANGUAGES
    prepared = [prepare_term(term, code) for code in languages]
    streams = itertools.tee(segments, len(prepared) + 1)
    spans_per_side = [find_spans(query, _sides(stream, query.language), batch_size=batch_size)
                      for query, stream in zip(prepared, streams[1:])]
    for segment, *sides in zip(streams[0], *spans_per_side):
        for query, spans in zip(prepared, sides):
            for span in spans:
                yield Occurrence(segment, query.language, span.start, span.end)


def _sides(segments: Iterable[BilingualSegment], language: str) -> Iterator[str]:
    for segment in segments:
        yield segment.fr if language == FRENCH else segment.en


def _may_contain(term: SearchTerm, text: str) -> bool:
    lowered = text.lower().translate(APOSTROPHES)
    return all(stem in lowered for stem in term.stems)


def _match_batch(term: SearchTerm, texts: list[str]) -> Iterator[tuple[Span, ...]]:
    candidates = [k for k, text in enumerate(texts) if _may_contain(term, text)]
    tokenised = dict(zip(candidates, _tokens_of([texts[k] for k in candidates], term.language)))
    for k in range(len(texts)):
        yield _matches(term, tokenised[k]) if k in tokenised else ()


def _matches(term: SearchTerm, tokens: Sequence[_Token]) -> tuple[Span, ...]:
    spans: list[Span] = []
    width = len(term.words)
    position = 0
    while position + width <= len(tokens):
        window = tokens[position:position + width]
        if all(forms & token.forms for forms, token in zip(term.words, window)):
            spans.append(Span(window[0].start, window[-1].end))
            position += width  # occurrences do not overlap
        else:
            position += 1
    return tuple(spans)


def _tokens_of(texts: Sequence[str], language: str) -> list[tuple[_Token, ...]]:
    """Word tokens of each text with their matching forms, offsets into the text as given."""
    nlp = load_pipeline(language)
    unused = [name for name in UNUSED_COMPONENTS if name in nlp.pipe_names]
    result: list[tuple[_Token, ...]] = []
    with nlp.select_pipes(disable=unused):
        # Same-length translation: spaCy's offsets stay offsets into the original text.
        for doc in nlp.pipe(text.translate(APOSTROPHES) for text in texts):
            result.append(tuple(
                _Token(_forms(token.text, token.lemma_), token.idx, token.idx + len(token.text))
                for token in doc
                if not token.is_space and token.text not in JOINERS
            ))
    return result


def _forms(surface: str, lemma: str) -> frozenset[str]:
    surface = surface.lower()
    forms = {surface}
    lemma = lemma.lower().translate(APOSTROPHES)
    if lemma and _plausible_base(surface, lemma):
        forms.add(lemma)
    if surface.endswith(PLURAL_ENDINGS) and len(surface) - 1 >= MIN_PLURAL_STEM:
        stem = surface[:-1]
        if _plausible_base(surface, stem):
            forms.add(stem)
    return frozenset(forms)


def _plausible_base(surface: str, base: str) -> bool:
    """False when ``base`` is ``surface`` less a plural ending no French or English word takes."""
    added_ending = len(surface) == len(base) + 1 and surface.startswith(base) and surface.endswith(PLURAL_ENDINGS)
    return not (added_ending and base.endswith(INVARIABLE_ENDINGS))


def _common_prefix(forms: frozenset[str]) -> str:
    prefix = ""
    for letters in zip(*forms):
        if len(set(letters)) > 1:
            break
        prefix += letters[0]
    return prefix
