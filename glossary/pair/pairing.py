"""French term <-> English term over aligned segments.

Every French candidate is scored against the English candidates it shares an
aligned segment with. A pair's confidence is a weighted sum of three signals,
each in [0, 1]:

    confidence = 0.35 * association + 0.50 * similarity + 0.15 * length

- association: Dice over the aligned segments, smoothed so that one shared
  segment is weaker evidence than seven: 2c / (nf + ne + 1), where c counts the
  segments holding both terms and nf, ne those holding each (only segments with
  both a French and an English side count);
- similarity: the cosine of the two term strings under the multilingual
  embedder, rescaled from [0.30, 0.85] to [0, 1] (measured with the bundled USE:
  unrelated pairs such as coopération triangulaire / meeting score 0.1-0.3,
  translations 0.55-0.95);
- length: 1 - 0.25 per content word of difference, so that "maintien de la
  paix" (2) fits "peacekeeping" (1) and barely fits "peacekeeping operation
  personnel" (3).

A pair loses DICTIONARY_PENALTY for each English content word whose sure
translation is missing from the French term: single words paired with high
confidence (effort / effort, paix / peace) make a small bilingual dictionary of
the corpus, and "peacebuilding effort" cannot render "consolidation de la
paix", which holds no "effort". It loses OUTSIDE_PENALTY for each word of one
term that the aligned sentence renders beside the other term rather than in
it (glossary.pair.outside: "phases de transition" / "withdrawal phases" of
"transition, drawdown and withdrawal phases").

A term written alike in both languages is never paired with a longer phrase
around it ("Kunarac" / "affaire Kunarac", "UNSOM" / "staff of UNSOM",
"Falkland" / "Falkland Islands", "ratione materiae" / "immunité ratione
materiae": written_within).

Two exceptions: identical acronyms (MINUSMA = MINUSMA) get at least
ACRONYM_CONFIDENCE, and a pair a reference term base lists wins outright
(glossary.pair.reference).

Pairs are linked greedily, best first, each term at most once (competitive
linking: it keeps "coopération" from taking "triangular cooperation" from
"coopération triangulaire"). Then an unlinked English term strongly tied to a
linked French term, and close to its English partner in meaning, becomes an
English variant; an unlinked French term whose best partner is already taken,
and which means the same as that partner's French term, becomes a French
variant (pays fournisseurs de contingents / pays contributeurs de troupes).
French terms left without a partner are kept, English empty, when they come
from a French document without an English original, or when they are strong
terms.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np

from glossary.extract.candidates import ACRONYM, PERSON, TermCandidate
from glossary.extract.foreign import holds_english, quoted_in_english
from glossary.extract.patterns import is_acronym
from glossary.pair.cognates import TIE_DECIMALS, french_vocabulary, missing_cognates, spelling_preference
from glossary.pair.model import PairingInput, TermPair
from glossary.pair.outside import OUTSIDE_PENALTY, OutsideTest
from glossary.pair.reference import reference_pairs
from glossary.pair.variants import VARIANT_MIN_SHARED, Vectors, is_variant
from glossary.pair.wordlinks import translation_evidence
from glossary.pair.words import FUNCTION_WORDS, singular, word_tuple
from glossary.termbase import TermBase

ASSOCIATION_WEIGHT = 0.35
SIMILARITY_WEIGHT = 0.50
LENGTH_WEIGHT = 0.15
# Additive smoothing of Dice: one shared segment gives 2/3, not 1.
ASSOCIATION_SMOOTHING = 1.0
# USE cosines of term strings: below the floor unrelated, above the ceiling a
# sure translation (see the module docstring for where they were measured).
SIMILARITY_FLOOR = 0.30
SIMILARITY_CEILING = 0.85
LENGTH_PENALTY_PER_WORD = 0.25
# A pair must share this many aligned segments to be considered at all.
MIN_COOCCURRENCE = 1
# Below this confidence a pair is not proposed (tuned on the bundled corpus
# check list, benchmarks/bench_glossary.py: wrong pairs cluster under 0.55).
PAIR_THRESHOLD = 0.55
ACRONYM_CONFIDENCE = 0.95
# A second rendering must itself pass this confidence with the other language's
# term and mean the same as the first rendering (cosine of the two strings).
VARIANT_THRESHOLD = 0.60
# The other tests of a variant: glossary.pair.variants.
# French-only entries: a candidate from a bilingual document without a partner
# is kept when its termhood (glossary.rank) and frequency say it is a strong term.
STRONG_TERMHOOD = 0.75
STRONG_FREQUENCY = 3
# French-only entries rank below pairs: their confidence is termhood times this.
FRENCH_ONLY_CONFIDENCE_FACTOR = 0.5
# Single-word pairs at least this confident make the corpus dictionary (wrong
# single-word pairs of the bundled corpus check list score under 0.8; not tuned
# further), and each English content word whose dictionary translation is
# missing from the French term costs a pair this much confidence (enough to
# drop "peacebuilding effort", 0.88, below "peacebuilding" for "consolidation
# de la paix").
DICTIONARY_CONFIDENCE = 0.8
DICTIONARY_PENALTY = 0.15
# Batch size for embedding term strings.
EMBED_BATCH = 512

# An elided French article or preposition opening a word: "d'affaires", "l'Organisation".
_FRENCH_ELISION = re.compile(r"(?:d|l|qu)['’]\w", re.IGNORECASE)

FRENCH_ONLY_NOTE = "French only: no English original"
UNPAIRED_NOTE = "French only: no English term found in the aligned text"

def pair_terms(
    fr_candidates: Sequence[TermCandidate],
    en_candidates: Sequence[TermCandidate],
    segments: PairingInput,
    embedder,
    *,
    reference: TermBase | None = None,
) -> list[TermPair]:
    """Pair French and English candidates over aligned segments: linked pairs best first, then French-only ones.

    The term base's order is glossary.rank.order's.
    """
    pairs: list[TermPair] = []
    used_fr: set[int] = set()
    used_en: set[int] = set()
    if reference is not None:
        pairs.extend(reference_pairs(fr_candidates, en_candidates, segments, reference, used_fr, used_en))
    # Person names are not terms (glossary.extract.candidates): only a reference term base brings one in.
    used_fr.update(i for i, candidate in enumerate(fr_candidates) if candidate.label == PERSON)
    # English quoted in a French text is no French term ("Peace Operations").
    used_fr.update(i for i, candidate in enumerate(fr_candidates)
                   if candidate.label != ACRONYM and (holds_english(candidate.canonical)
                                                      or _quoted_in_english(candidate, segments.fr_texts)))
    used_en.update(j for j, candidate in enumerate(en_candidates) if candidate.label == PERSON)
    # A French word quoted in English ("d'affaires" of "Chargé d'affaires") is no English term.
    used_en.update(j for j, candidate in enumerate(en_candidates) if _FRENCH_ELISION.match(candidate.canonical))

    fr_occurrences = [frozenset(c.segment_ids) & segments.bilingual for c in fr_candidates]
    en_occurrences = [frozenset(c.segment_ids) & segments.bilingual for c in en_candidates]
    cooccurrence = _cooccurrence(fr_occurrences, en_occurrences, used_fr, used_en)
    scores, vectors, dictionary = _score_pairs(
        fr_candidates, en_candidates, fr_occurrences, en_occurrences, cooccurrence, embedder, segments
    )

    linked: dict[int, list[int]] = {}  # French index -> English indices, preferred first
    owner_of_en: dict[int, int] = {}
    # Single words spelled nearly alike link first; ties go to the English term that names no French
    # cognate the French term lacks (glossary.pair.cognates).
    vocabulary = french_vocabulary(fr_candidates)
    ranked = sorted(scores.items(), key=lambda item: (
        -round(item[1][0] + (spelling_preference(fr_candidates[item[0][0]].canonical,
                                                 en_candidates[item[0][1]].canonical)
                             if item[1][0] >= PAIR_THRESHOLD else 0.0), TIE_DECIMALS),
        missing_cognates(fr_candidates[item[0][0]], en_candidates[item[0][1]], vocabulary)
        if item[1][0] >= PAIR_THRESHOLD else 0,
        -item[1][0], item[0]))
    for (i, j), (confidence, _) in ranked:
        if confidence < PAIR_THRESHOLD:
            break
        if i in linked or i in used_fr or j in owner_of_en or j in used_en:
            continue
        linked[i] = [j]
        owner_of_en[j] = i
    fr_variants: dict[int, list[int]] = defaultdict(list)
    def dice(i: int, j: int) -> float:
        shared = scores[(i, j)][1]
        if shared < VARIANT_MIN_SHARED:
            return 0.0
        return 2 * shared / (len(fr_occurrences[i]) + len(en_occurrences[j]))

    for (i, j), (confidence, _) in ranked:
        # The spelling preference orders some pairs under VARIANT_THRESHOLD (but none under PAIR_THRESHOLD,
        # which it never raises) above others: skip those, stop at the first under PAIR_THRESHOLD.
        if confidence < PAIR_THRESHOLD:
            break
        if confidence < VARIANT_THRESHOLD:
            continue
        if i in linked and j not in owner_of_en and j not in used_en:
            first = linked[i][0]
            if is_variant(en_candidates[j], en_candidates[first], vectors, ("en", j), ("en", first), ("fr", i),
                           dice(i, j)):
                linked[i].append(j)
                owner_of_en[j] = i
        elif i not in linked and i not in used_fr and j in owner_of_en:
            owner = owner_of_en[j]
            if linked[owner][0] == j and is_variant(
                fr_candidates[i], fr_candidates[owner], vectors, ("fr", i), ("fr", owner), ("en", j), dice(i, j)
            ):
                fr_variants[owner].append(i)
                used_fr.add(i)

    for i, english in linked.items():
        confidence, shared = scores[(i, english[0])]
        # The most frequent rendering is the preferred one, whichever linked first.
        french = sorted((i, *fr_variants[i]), key=lambda k: -fr_candidates[k].frequency)
        pairs.append(
            TermPair(
                fr=tuple(fr_candidates[k] for k in french),
                en=tuple(en_candidates[j] for j in english),
                confidence=round(confidence, 4),
                cooccurrence=shared,
                evidence=translation_evidence(fr_candidates[french[0]], en_candidates[english[0]], dictionary),
            )
        )
    taken = used_fr | set(linked)
    for i, candidate in enumerate(fr_candidates):
        if i in taken:
            continue
        note = _french_only_note(candidate, segments)
        if note:
            pairs.append(
                TermPair(
                    fr=(candidate,),
                    en=(),
                    confidence=round(FRENCH_ONLY_CONFIDENCE_FACTOR * candidate.score, 4),
                    note=note,
                )
            )
    return pairs


# Pairing scores every co-occurring pair (hundreds of thousands on a large
# corpus) but meets each term string many times: its word lists are cached.
@lru_cache(maxsize=65536)
def content_words(term: str) -> int:
    """Words that carry meaning: troop-contributing counts as two."""
    return max(1, sum(word not in FUNCTION_WORDS for word in word_tuple(term)))


def length_prior(fr_term: str, en_term: str) -> float:
    return max(0.0, 1.0 - LENGTH_PENALTY_PER_WORD * abs(content_words(fr_term) - content_words(en_term)))


def pair_confidence(association: float, similarity: float, length: float) -> float:
    """The weighted sum of the module docstring; `similarity` is the raw cosine."""
    scaled = (similarity - SIMILARITY_FLOOR) / (SIMILARITY_CEILING - SIMILARITY_FLOOR)
    scaled = min(max(scaled, 0.0), 1.0)
    return ASSOCIATION_WEIGHT * association + SIMILARITY_WEIGHT * scaled + LENGTH_WEIGHT * length


# (French index, English index) -> (confidence, shared segments)
_Scores = dict[tuple[int, int], tuple[float, int]]
# ("fr" | "en", candidate index) -> unit vector of the term string


def _cooccurrence(
    fr_occurrences: Sequence[frozenset[str]],
    en_occurrences: Sequence[frozenset[str]],
    used_fr: set[int],
    used_en: set[int],
) -> Counter[tuple[int, int]]:
    en_in_segment: dict[str, list[int]] = defaultdict(list)
    for j, occurrences in enumerate(en_occurrences):
        if j not in used_en:
            for segment_id in occurrences:
                en_in_segment[segment_id].append(j)
    counts: Counter[tuple[int, int]] = Counter()
    for i, occurrences in enumerate(fr_occurrences):
        if i in used_fr:
            continue
        for segment_id in occurrences:
            for j in en_in_segment.get(segment_id, ()):
                counts[(i, j)] += 1
    return counts


def _score_pairs(
    fr_candidates, en_candidates, fr_occurrences, en_occurrences, cooccurrence, embedder, segments: PairingInput
) -> tuple[_Scores, Vectors, dict[str, str]]:
    """The confidence of every co-occurring pair, the term vectors, and the corpus dictionary (word_dictionary)."""
    keys = [key for key, shared in cooccurrence.items() if shared >= MIN_COOCCURRENCE]
    fr_ids = sorted({i for i, _ in keys})
    en_ids = sorted({j for _, j in keys})
    fr_matrix = _encode(embedder, [fr_candidates[i].canonical for i in fr_ids])
    en_matrix = _encode(embedder, [en_candidates[j].canonical for j in en_ids])
    fr_row = {i: k for k, i in enumerate(fr_ids)}
    en_row = {j: k for k, j in enumerate(en_ids)}
    scores: _Scores = {}
    vectors: Vectors = {("fr", i): fr_matrix[fr_row[i]] for i in fr_ids} | {
        ("en", j): en_matrix[en_row[j]] for j in en_ids
    }
    if not keys:
        return scores, vectors, {}
    fr_index = np.fromiter((fr_row[i] for i, _ in keys), dtype=np.int64, count=len(keys))
    en_index = np.fromiter((en_row[j] for _, j in keys), dtype=np.int64, count=len(keys))
    similarities = np.empty(len(keys), dtype=np.float32)
    for start in range(0, len(keys), 100_000):
        stop = start + 100_000
        similarities[start:stop] = np.einsum(
            "ij,ij->i", fr_matrix[fr_index[start:stop]], en_matrix[en_index[start:stop]]
        )
    # The weighted sum of pair_confidence, over all co-occurring pairs at once.
    fr_keys = np.fromiter((i for i, _ in keys), dtype=np.int64, count=len(keys))
    en_keys = np.fromiter((j for _, j in keys), dtype=np.int64, count=len(keys))
    shared = np.fromiter((cooccurrence[key] for key in keys), dtype=np.float64, count=len(keys))
    fr_seen = np.array([len(fr_occurrences[i]) for i in range(len(fr_candidates))], dtype=np.float64)
    en_seen = np.array([len(en_occurrences[j]) for j in range(len(en_candidates))], dtype=np.float64)
    fr_words = np.array([content_words(c.canonical) for c in fr_candidates], dtype=np.float64)
    en_words = np.array([content_words(c.canonical) for c in en_candidates], dtype=np.float64)
    association = 2 * shared / (fr_seen[fr_keys] + en_seen[en_keys] + ASSOCIATION_SMOOTHING)
    length = np.maximum(0.0, 1.0 - LENGTH_PENALTY_PER_WORD * np.abs(fr_words[fr_keys] - en_words[en_keys]))
    scaled = np.clip((similarities - SIMILARITY_FLOOR) / (SIMILARITY_CEILING - SIMILARITY_FLOOR), 0.0, 1.0)
    confidence = ASSOCIATION_WEIGHT * association + SIMILARITY_WEIGHT * scaled + LENGTH_WEIGHT * length
    acronyms = {i for i in fr_ids if fr_candidates[i].label == ACRONYM or is_acronym(fr_candidates[i].canonical)}
    for key, value, count in zip(keys, confidence.tolist(), shared.tolist(), strict=True):
        if key[0] in acronyms and _same_acronym(fr_candidates[key[0]], en_candidates[key[1]]):
            value = max(value, ACRONYM_CONFIDENCE)
        scores[key] = (min(value, 1.0), int(count))
    dictionary = word_dictionary(fr_candidates, en_candidates, scores)
    outside_test = OutsideTest(segments.fr_texts, segments.en_texts, dictionary)
    for (i, j), (value, count) in scores.items():
        if value < PAIR_THRESHOLD:  # the penalty only lowers: such pairs are never linked anyway
            continue
        if written_within(fr_candidates[i].canonical, en_candidates[j].canonical):
            scores[(i, j)] = (0.0, count)
            continue
        if _same_acronym(fr_candidates[i], en_candidates[j]):
            continue
        missing = untranslated_words(fr_candidates[i].canonical, en_candidates[j].canonical, dictionary)
        outside = outside_test.count(fr_candidates[i], en_candidates[j], fr_occurrences[i] & en_occurrences[j])
        if missing or outside:
            scores[(i, j)] = (max(value - DICTIONARY_PENALTY * missing - OUTSIDE_PENALTY * outside, 0.0), count)
    return scores, vectors, dictionary


def written_within(fr_term: str, en_term: str) -> bool:
    """Whether the words of one term, written alike in both languages, are the other term's with more.

    "Kunarac" is not "affaire Kunarac", "UNSOM" not "staff of UNSOM", "Falkland" not "Falkland Islands",
    "Mirela Miculescu" not "Simona Mirela Miculescu", "ratione materiae" not "immunité ratione
    materiae", "stable transit" not "transit fiable et stable", "Nicosie" not "Nicosia FIR" (a name
    spelt each language's way, to its last letter): the words around a name are the
    sentence's or a longer name's, and a word written alike renders itself, so the other words are
    left untranslated.
    """
    fr_content = [w for w in word_tuple(fr_term) if w not in FUNCTION_WORDS]
    en_content = [w for w in word_tuple(en_term) if w not in FUNCTION_WORDS]
    if len(fr_content) == len(en_content):
        return False
    shorter, longer = (fr_content, en_content) if len(fr_content) < len(en_content) else (en_content, fr_content)
    return bool(shorter) and all(any(_written_alike(word, other) for other in longer) for word in shorter)


# Words of at least this many letters that differ only in their last letter are one name written
# in each language's way ("Nicosie" / "Nicosia", "Syrie" / "Syria").
MIN_ALIKE_NAME_LETTERS = 5


def _written_alike(word: str, other: str) -> bool:
    if word == other:
        return True
    return (min(len(word), len(other)) >= MIN_ALIKE_NAME_LETTERS and len(word) == len(other)
            and word[:-1] == other[:-1])


def word_dictionary(fr_candidates, en_candidates, scores: _Scores) -> dict[str, str]:
    """English word -> French word, from the single-word pairs at least DICTIONARY_CONFIDENCE sure.

    Linked competitively, best first, so that each word has one translation.
    """
    single = [
        (confidence, i, j)
        for (i, j), (confidence, _) in scores.items()
        if confidence >= DICTIONARY_CONFIDENCE
        and len(word_tuple(fr_candidates[i].canonical)) == 1
        and len(word_tuple(en_candidates[j].canonical)) == 1
    ]
    dictionary: dict[str, str] = {}
    taken_fr: set[str] = set()
    for _, i, j in sorted(single, key=lambda item: (-item[0], item[1], item[2])):
        (fr_word,) = singular(word_tuple(fr_candidates[i].canonical))
        (en_word,) = singular(word_tuple(en_candidates[j].canonical))
        if en_word in dictionary or fr_word in taken_fr or fr_word in FUNCTION_WORDS:
            continue
        dictionary[en_word] = fr_word
        taken_fr.add(fr_word)
    return dictionary


def untranslated_words(fr_term: str, en_term: str, dictionary: Mapping[str, str]) -> int:
    """English content words of `en_term` whose dictionary translation `fr_term` lacks."""
    fr_words = singular(word_tuple(fr_term))
    fr_text = " ".join(fr_words)
    missing = 0
    for word in singular(word_tuple(en_term)):
        translation = dictionary.get(word)
        if translation is None or word in FUNCTION_WORDS or word in fr_words:
            continue
        (translation,) = singular((translation,))
        if translation not in fr_words and translation not in fr_text:
            missing += 1
    return missing


def _encode(embedder, texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    parts = [np.asarray(embedder.encode(texts[k : k + EMBED_BATCH]), dtype=np.float32)
             for k in range(0, len(texts), EMBED_BATCH)]
    return np.vstack(parts)


def _quoted_in_english(candidate: TermCandidate, fr_texts: Mapping[str, str]) -> bool:
    """A capitalised French candidate met only at the start of English names ("Global Alliance for Peace Operations")."""
    if not candidate.canonical[:1].isupper():
        return False
    texts = [fr_texts[sid] for sid in candidate.segment_ids if sid in fr_texts]
    return all(quoted_in_english(form, texts) for form in candidate.surface_forms)


def _same_acronym(fr: TermCandidate, en: TermCandidate) -> bool:
    return (fr.label == ACRONYM or is_acronym(fr.canonical)) and fr.canonical == en.canonical


def _french_only_note(candidate: TermCandidate, segments: PairingInput) -> str:
    ids = set(candidate.segment_ids)
    if ids & segments.french_only:
        return FRENCH_ONLY_NOTE
    if candidate.score >= STRONG_TERMHOOD and candidate.frequency >= STRONG_FREQUENCY:
        return UNPAIRED_NOTE
    return ""
