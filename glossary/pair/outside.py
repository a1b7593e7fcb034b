"""Words a pair leaves untranslated whose rendering the aligned segment holds outside the other term.

A fragment of a coordination pairs with the wrong conjunct of the other
language: "phases de transition, de réduction et de retrait" / "transition,
drawdown and withdrawal phases" gives "phases de transition" / "withdrawal
phases"; "l'exploitation et les atteintes sexuelles" / "sexual exploitation
and abuse" gives "atteintes sexuelles" / "sexual exploitation"; "réunions
officielles et réunions informelles" / "formal and informal meetings" gives
"réunions officielles" / "formal and informal meetings". The embedder scores
them as translations (0.58-0.75), for the words are alike in meaning. The
strings say otherwise: "transition" has no counterpart in "withdrawal phases"
and the English sentence writes "transition" elsewhere; "exploitation" has
none in "atteintes sexuelles" and the French sentence writes "exploitation"
elsewhere. A word whose counterpart stands beside the other term, not in it,
was rendered there, so the pair misses it.

A coordination on one side only is the same evidence: "formal and informal
meetings" holds a conjunct that "réunions informelles" renders in the other
French phrase of "réunions officielles et réunions informelles"; it counts as
one word rendered outside. Names are exempt ("Bosnie-Herzégovine" / "Bosnia
and Herzegovina"): a capitalised English term is never counted so.

A word has no counterpart in the other term when it has neither a cognate
there nor its corpus dictionary translation (glossary.pair.wordlinks.counterpart,
a loose test). Outside the term the test is strict, for a whole sentence
offers many words to match by chance: the same word, accents, case and a
plural -s aside, or the same first SAME_PREFIX letters of words spelled alike
by SAME_RATIO ("informal" / "informelles"; not "related" / "relatifs", "état" /
"that", "maintain" / "maintien", which the loose test takes). The evidence
counts only when every segment the two terms share holds such a word outside
the other term, so that a term met often, rendered freely in one sentence,
keeps its pair.

A piece cut out of a longer name is the same case with a translated word:
"Millénaire pour le développement" / "Millennium Development Goals", cut
from "objectifs du Millénaire pour le développement"; "Bureau des affaires
spatiales" / "Outer Space Affairs", cut from "Office for Outer Space
Affairs". The missing word's corpus dictionary translation (sure single-word
pairs: goals / objectifs) counts only as the nearest content word before or
after the other term, where a cut name leaves it: anywhere in the sentence
it took right pairs out on the UNPC dev set ("identité sexuelle" / "gender
identity" beside "sexual orientation").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from functools import lru_cache

from glossary.pair.cognates import plain
from glossary.pair.wordlinks import content_words, counterpart
from glossary.pair.words import FUNCTION_WORDS, singular, word_tuple
from glossary.extract.candidates import TermCandidate

# Each word of a term rendered outside the other term costs the pair this much
# confidence: enough to take the three pairs of the module docstring (0.58-0.75)
# under glossary.pair.pairing.PAIR_THRESHOLD (0.55) with one such word each.
OUTSIDE_PENALTY = 0.25
# Shorter words are function words, numbers' letters or acronyms; their spellings prove nothing.
MIN_LETTERS = 4
# The strict spelling test of the module docstring (measured on the words it names; not tuned further).
SAME_PREFIX = 6
SAME_RATIO = 0.7
COORDINATORS = {"fr": frozenset({"et", "ou"}), "en": frozenset({"and", "or"})}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def _spellings(text: str) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """A segment's words that can be counterparts (letters only, long enough) as _key forms, and by first letters."""
    keys = frozenset(_key(w) for w in _WORD.findall(text.casefold()) if len(w) >= MIN_LETTERS)
    by_prefix: dict[str, list[str]] = {}
    for key in keys:
        if len(key) >= SAME_PREFIX:
            by_prefix.setdefault(key[:SAME_PREFIX], []).append(key)
    return keys, {prefix: tuple(words) for prefix, words in by_prefix.items()}


def written_in(word: str, text: str) -> bool:
    """Whether `text` holds `word` by the strict spelling test of the module docstring."""
    keys, by_prefix = _spellings(text)
    key = _key(word)
    return key in keys or any(_alike(key, other) for other in by_prefix.get(key[:SAME_PREFIX], ()))


class OutsideTest:
    """Counts, for the pairs of one corpus, the words each renders outside the other term (module docstring)."""

    def __init__(self, fr_texts: Mapping[str, str], en_texts: Mapping[str, str],
                 dictionary: Mapping[str, str]) -> None:
        self.fr_texts, self.en_texts, self.dictionary = fr_texts, en_texts, dictionary
        # The corpus dictionary both ways, in plain singular forms.
        self.to_french = {_key(en): _key(fr) for en, fr in dictionary.items()}
        self.to_english: dict[str, set[str]] = {}
        for en, fr in self.to_french.items():
            self.to_english.setdefault(fr, set()).add(en)

    def count(self, fr: TermCandidate, en: TermCandidate, shared: Iterable[str]) -> int:
        """Words of either term without a counterpart in the other that every shared segment renders outside it."""
        shared = [sid for sid in shared if sid in self.fr_texts and sid in self.en_texts]
        if not shared:
            return 0
        fr_words = _long(content_words(fr.canonical))
        en_words = _long(content_words(en.canonical))
        count = int(_coordinated(fr.canonical, "fr") != _coordinated(en.canonical, "en")
                    and not en.canonical[:1].isupper())
        for word in fr_words:
            if any(counterpart(english, (word,), self.dictionary) for english in en_words):
                continue
            translations = self.to_english.get(_key(word), set())
            if all(written_in(word, self.en_texts[sid])
                   or (translations and translations & _neighbours(en.surface_forms, self.en_texts[sid]))
                   for sid in shared):
                count += 1
        for word in en_words:
            if counterpart(word, fr_words, self.dictionary):
                continue
            translation = self.to_french.get(_key(word))
            if all(written_in(word, self.fr_texts[sid])
                   or (translation is not None and translation in _neighbours(fr.surface_forms, self.fr_texts[sid]))
                   for sid in shared):
                count += 1
        return count


def _neighbours(forms: tuple[str, ...], text: str) -> set[str]:
    """The nearest content word before and after each occurrence of the forms in `text`, as _key forms."""
    found: set[str] = set()
    folded = text.casefold()
    for form in forms:
        for match in re.finditer(rf"(?<!\w){re.escape(form.casefold())}(?!\w)", folded):
            before = [w for w in _WORD.findall(folded[:match.start()]) if len(w) > 1 and w not in FUNCTION_WORDS]
            after = [w for w in _WORD.findall(folded[match.end():]) if len(w) > 1 and w not in FUNCTION_WORDS]
            found.update(_key(w) for w in (before[-1:] + after[:1]))
    return found


@lru_cache(maxsize=262144)
def _key(word: str) -> str:
    (key,) = singular((plain(word),))
    return key


def _coordinated(term: str, language: str) -> bool:
    words = word_tuple(term)
    return any(word in COORDINATORS[language] for word in words[1:-1])


@lru_cache(maxsize=262144)
def _alike(a: str, b: str) -> bool:
    """Plain singular words that share their first SAME_PREFIX letters and are spelled alike by SAME_RATIO."""
    return a[:SAME_PREFIX] == b[:SAME_PREFIX] and len(a) >= SAME_PREFIX and len(b) >= SAME_PREFIX \
        and SequenceMatcher(None, a, b).ratio() >= SAME_RATIO


def _long(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word for word in words if len(word) >= MIN_LETTERS)
