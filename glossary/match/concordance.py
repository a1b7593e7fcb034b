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

spaCy is the slow part (glossary.match.matcher), so a segment is lemmatised only when its lowercase
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
from aligner.read.language import ENGLISH, FRENCH, guess_language
from glossary.match.matcher import APOSTROPHES, MatchRules, Prefilter, Token, match_end, stems, tokenise

LANGUAGES = (FRENCH, ENGLISH)

# Search matching rules: accents are significant ("côte" is not "cote"); plural
# endings are stripped only where the stem left has four letters, as shorter
# stems turn other words into plurals ("mois" -> "moi", "fois" -> "foi"); spaCy's
# lemma covers those words. A search finds the term's words next to each other.
MATCH_RULES = MatchRules(fold_accents=False, min_plural_stem=4)

# Segments sent to spaCy at once: large enough for nlp.pipe to pay off, small
# enough that the first results come back quickly.
BATCH_SIZE = 256

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
    words: tuple[frozenset[str], ...]  # match keys of each word (glossary.match.matcher)
    stems: tuple[str, ...]  # lowercase substrings every segment holding the term contains


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
    tokens = tokenise([term], language, MATCH_RULES)[0]
    if not tokens:
        raise SearchTermError(f"the search term {term!r} holds no word: give a word or phrase to look up")
    words = tuple(token.keys for token in tokens)
    return SearchTerm(term, language, words, stems(words))


def find_spans(term: SearchTerm, texts: Iterable[str], *, batch_size: int = BATCH_SIZE) -> Iterator[tuple[Span, ...]]:
    """The term's matches in each text, one tuple per text (empty when none), read lazily."""
    prefilter = Prefilter([term.words], MATCH_RULES)
    buffered: list[str] = []
    candidates = 0
    for text in texts:
        buffered.append(text)
        if prefilter.may_hold_a_term(text):
            candidates += 1
        if candidates >= batch_size:
            yield from _match_batch(term, buffered, prefilter)
            buffered, candidates = [], 0
    if buffered:
        yield from _match_batch(term, buffered, prefilter)


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


def _match_batch(term: SearchTerm, texts: list[str], prefilter: Prefilter) -> Iterator[tuple[Span, ...]]:
    for tokens in tokenise(texts, term.language, MATCH_RULES, prefilter):
        yield _matches(term, tokens)


def _matches(term: SearchTerm, tokens: Sequence[Token]) -> tuple[Span, ...]:
    spans: list[Span] = []
    position = 0
    while position < len(tokens):
        last = match_end(term.words, tokens, position)
        if last is None:
            position += 1
        else:
            spans.append(Span(tokens[position].start, tokens[last].end))
            position = last + 1  # occurrences do not overlap
    return tuple(spans)
