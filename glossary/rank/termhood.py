"""Termhood as a probability: how likely a terminologist is to keep a candidate.

A logistic model over glossary.rank.features.MONOLINGUAL_FEATURES. Its weights
were fitted on the ACTER 1.5 dev domains (dressage, heart failure, wind
energy; English and French; named entities included) by
benchmarks/fit_termhood.py: a candidate counts as kept when it is a gold term
there. Only these numbers come from ACTER, no text or model of its texts
(licence CC BY-NC-SA). Held out one domain at a time, the threshold below
gives unique-term F1 0.41-0.52 on equi and htfl, 0.31-0.38 on wind
(benchmarks/RESULTS.md).

ACTER is comparable, not parallel, so the bilingual evidence cannot be fitted
there. It enters an entry's termhood as corrections in log-odds (named
below), chosen among a few values on the bundled corpus against its check
list, so the bundled corpus figures are not held out:
- both sides: the mean log-odds of the French and the English term, so a
  pair is as termlike as its two sides agree it is;
- pair confidence (glossary.pair): a confident English partner is evidence
  that the French candidate is a unit a translator renders as one;
- translation consistency (glossary.rank.features.translation_consistency):
  above CONSISTENCY_PIVOT it raises the odds, below it lowers them;
- neither of these two for a single common word (is_common_word), which is
  rendered alike wherever it occurs, term or not; it loses log-odds for how
  general its two words are instead (GENERAL_WORD_ZIPF);
- a French candidate of a bilingual text that found no English partner loses
  UNPAIRED_PENALTY; one of a document without an English original does not;
- word by word (glossary.pair.wordlinks), for pairs of multiword terms: a
  literal rendering (LITERAL_AGREEMENT of the content words have a
  counterpart, no general adjective) gains LITERAL_BONUS, met once or not
  ("protection des civils" / "protection of civilians"); a general English
  adjective the French does not render word for word is a free modifier
  ("tâches quotidiennes" / "daily tasks") and costs FREE_MODIFIER_PENALTY.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from glossary.extract.candidates import TERM, TermCandidate
from glossary.pair.wordlinks import TranslationEvidence
from glossary.extract.nlp import normalise_language
from glossary.rank.cvalue import general_zipf
from glossary.rank.phrases import is_free_phrase
from glossary.rank.features import (
    MONOLINGUAL_FEATURES,
    corpus_shape,
    monolingual_features,
    translation_consistency,
)

# Fitted by benchmarks/fit_termhood.py on equi, htfl and wind, English and
# French together (logistic regression, C = 1); DEFAULT_MIN_TERMHOOD is the
# threshold of best mean unique-term F1 over those six lists.
TERMHOOD_INTERCEPT = -1.2803
TERMHOOD_WEIGHTS = {
    "log_frequency": -3.3963,
    "log_cvalue": 3.3390,
    "rarity": -2.7726,
    "excess": 1.2842,
    "log_documents": 0.2282,
    "nested_share": 2.2306,
    "words": -0.6834,
    "single_word": 0.1200,
    "general_edge": -0.5057,
    "name": 1.1761,
    "acronym": 1.5810,
    "person": 1.2422,
    "capitalised": 0.8502,
    "has_preposition": -1.2155,
    "proper_noun": 0.1105,
    "word_excess_mean": 2.7396,
    "word_excess_min": 0.8753,
    "rank_score": 2.9883,
    "code_like": -1.7970,
    "general_adjective": -0.1144,
    "head_family": -1.4312,
    "symbol_like": -1.5222,
    "foreign_letters": -2.1682,
}
DEFAULT_MIN_TERMHOOD = 0.20

# The share of a French term's bilingual segments whose English side holds its
# partner, above which the pair looks like a fixed rendering. On the bundled
# corpus the check list's gold pairs are consistent in 0.8-1.0 of their
# segments; not tuned.
CONSISTENCY_PIVOT = 0.5
# Log-odds added per unit of consistency above the pivot (so at most +1 for a
# pair always rendered alike, -1 for one never): a hand-set prior, since no
# parallel gold term list exists to fit it on.
CONSISTENCY_WEIGHT = 2.0
# A phrase met in one aligned segment is trivially rendered alike: consistency
# counts from this many bilingual segments of the French term on.
MIN_CONSISTENCY_EVIDENCE = 2
# Log-odds added per unit of pair confidence above PAIR_CONFIDENCE_PIVOT (pair
# confidences run from the pairing threshold 0.55 to 1). Chosen on the bundled
# corpus among 0, 2, 4 and 6: AUC against the check list 0.70, 0.73, 0.76, 0.77;
# 6 lets confidence drown termhood (a right translation of a free phrase).
PAIR_CONFIDENCE_WEIGHT = 4.0
PAIR_CONFIDENCE_PIVOT = 0.7
# Log-odds lost by a French candidate with no English partner in a bilingual
# text: the partner-confidence correction of a weak pair (4 x (0.7 - 0.4)).
UNPAIRED_PENALTY = 1.2
# Word-level corrections of multiword pairs (both sides of at least MIN_PHRASE_WORDS
# content words). Chosen on the bundled corpus check list
# (benchmarks/bench_glossary.py), so not held out: precision of the first 100
# entries was the same (93) for penalties of 1 and 2 and bonuses of 0.5 to 1,
# and the smallest of each is kept; a bonus for full agreement only (1.0)
# missed "violence sexuelle liée aux conflits" ("liée" / "related").
MIN_PHRASE_WORDS = 2
LITERAL_AGREEMENT = 0.75
LITERAL_BONUS = 0.5
FREE_MODIFIER_PENALTY = 1.0
# A single common word ("importance", "honneur", "mandat"; not a name, an acronym
# or a compound) is rendered by its dictionary equivalent wherever it occurs, so
# pair confidence and translation consistency say nothing of its termhood: its
# entry's termhood is its two sides' own. What the monolingual termhood, fitted
# on ACTER's technical domains, misses in UN text is that the everyday vocabulary
# of diplomacy is general language: the entry loses GENERAL_WORD_WEIGHT log-odds
# per unit of the mean Zipf frequency (wordfreq, French and English) of its two
# words above GENERAL_WORD_ZIPF. Chosen on the bundled corpus against its check
# list (benchmarks/bench_glossary.py), so not held out.
GENERAL_WORD_ZIPF = 3.5
GENERAL_WORD_WEIGHT = 2.0
# Log-odds lost by a free phrase (glossary.rank.phrases). Chosen on the bundled corpus
# against its check list among 0, 0.5, 1, 1.5, 2 and 3 (entries written 180, 174, 166,
# 163, 161, 161, no term lost; 2 the first of the plateau), so not held out.
FREE_PHRASE_PENALTY = 2.0
# Keeps log-odds finite for probabilities of exactly 0 or 1.
_EPSILON = 1e-6


def monolingual_termhood(features: dict[str, float]) -> float:
    """The estimated probability that a candidate with these features is kept."""
    logit = TERMHOOD_INTERCEPT + sum(TERMHOOD_WEIGHTS[name] * features[name] for name in MONOLINGUAL_FEATURES)
    return _sigmoid(logit)


def score_termhood(candidates: Sequence[TermCandidate], language: str, total_tokens: int) -> list[TermCandidate]:
    """`candidates` (ranked by glossary.rank.rank_candidates, which sets the score) with their termhood set."""
    language = normalise_language(language)
    shape = corpus_shape(candidates, total_tokens)
    rows = monolingual_features(candidates, language, shape)
    return [replace(candidate, termhood=round(monolingual_termhood(row), 6))
            for candidate, row in zip(candidates, rows, strict=True)]


def entry_termhood(fr: TermCandidate, en: TermCandidate | None, *, confidence: float,
                   bilingual: frozenset[str], english_original: bool = True,
                   evidence: TranslationEvidence | None = None, written: str = "", en_written: str = "") -> float:
    """The termhood of a French term and its English partner (None for a French-only entry).

    `confidence` is the pair's; `english_original` False for a term of a
    French document without an English original, where no partner can exist;
    `evidence` how the two correspond word by word (glossary.pair.wordlinks);
    `written` the French term as the term base writes it: a capital the texts
    give it inside sentences makes it a name, not a common word ("Pakistan");
    `en_written` the English term as written (glossary.rank.phrases.is_free_phrase).
    """
    common = is_common_word(fr, written)
    if common:
        penalty = general_word_penalty(fr, en)
    else:
        penalty = FREE_PHRASE_PENALTY if is_free_phrase(fr, en, en_written) else 0.0
    if en is None:
        return round(_sigmoid(_logit(fr.termhood) - penalty - (UNPAIRED_PENALTY if english_original else 0.0)), 6)
    logit = (_logit(fr.termhood) + _logit(en.termhood)) / 2 - penalty
    if common:  # the pair's evidence says the translation is right, not that the word is a term
        return round(_sigmoid(logit), 6)
    logit += PAIR_CONFIDENCE_WEIGHT * (confidence - PAIR_CONFIDENCE_PIVOT)
    if len(set(fr.segment_ids) & bilingual) >= MIN_CONSISTENCY_EVIDENCE:
        consistency = translation_consistency(fr, en, bilingual)
        logit += CONSISTENCY_WEIGHT * (consistency - CONSISTENCY_PIVOT)
    return round(_sigmoid(logit + word_level_correction(evidence)), 6)


def is_common_word(candidate: TermCandidate, written: str = "") -> bool:
    """One word of the language's common vocabulary: not a name, an acronym, a proper noun or a compound.

    `written`: the term as the term base writes it; a capital the texts give it
    inside sentences makes it a name ("Pakistan", which the tagger lowercased).
    """
    words = candidate.canonical.split()
    return (candidate.label == TERM and len(words) == 1 and "-" not in words[0]
            and "P" not in candidate.pattern and not candidate.canonical[:1].isupper()
            and not written[:1].isupper())


def general_word_penalty(fr: TermCandidate, en: TermCandidate | None) -> float:
    """Log-odds lost by a common word for how general its two sides are (GENERAL_WORD_ZIPF)."""
    zipfs = [general_zipf(fr.canonical.lower(), "fr")]
    if en is not None:
        zipfs.append(general_zipf(en.canonical.lower(), "en"))
    return GENERAL_WORD_WEIGHT * max(0.0, sum(zipfs) / len(zipfs) - GENERAL_WORD_ZIPF)


def word_level_correction(evidence: TranslationEvidence | None) -> float:
    """Log-odds added for a literal rendering, or lost for a free modifier (module docstring)."""
    if evidence is None or min(evidence.fr_words, evidence.en_words) < MIN_PHRASE_WORDS:
        return 0.0
    if evidence.free_modifier:
        return -FREE_MODIFIER_PENALTY
    if not evidence.general_modifier and evidence.agreement >= LITERAL_AGREEMENT:
        return LITERAL_BONUS
    return 0.0


def _logit(probability: float) -> float:
    probability = min(max(probability, _EPSILON), 1 - _EPSILON)
    return math.log(probability / (1 - probability))


def _sigmoid(logit: float) -> float:
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    exp = math.exp(logit)
    return exp / (1.0 + exp)
