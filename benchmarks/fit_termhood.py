"""Fit the termhood weights (glossary.rank.termhood) on the ACTER dev domains, and check them held out.

Usage:
    .venv/bin/python benchmarks/fit_termhood.py [--data PATH] [--cache DIR] [--try NAME]

A logistic regression over glossary.rank.features.MONOLINGUAL_FEATURES, one
example per candidate, positive when the candidate is a gold term (named
entities included). ACTER's corpora are comparable, not parallel: the
bilingual features cannot be fitted there (see glossary.rank.termhood).
1. Leave one domain out: fit on the other two domains (both languages), pick
   the threshold of best pooled F1 on them, apply both to the held-out domain.
   These are the held-out figures.
2. Fit on all three domains; print the weights and the threshold as the
   Python constants that glossary/rank/termhood.py carries.
--try NAME appends a feature measured and not kept
(benchmarks/tried_termhood_features.py) to both steps.
Only the weights (a handful of numbers) are kept: no text and no model of
ACTER's texts is shipped (its licence is CC BY-NC-SA).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from bench_terms import DEFAULT_DATA, DOMAINS, LANGUAGES, cached_candidates, forms_of, load_gold, load_segments
from glossary.rank import rank_candidates
from glossary.rank.features import MONOLINGUAL_FEATURES, corpus_shape, monolingual_features

# Regularisation of the fit: weak, the features are few and on comparable scales (not tuned).
REGULARISATION_C = 1.0
THRESHOLDS = np.round(np.arange(0.05, 0.80, 0.01), 2)


def ranked_examples(data: Path, language: str, domain: str, cache: Path | None):
    """One ACTER list's features, gold labels, hits (gold forms per candidate), gold, and the ranked candidates."""
    base = data / language / domain / "annotated"
    segments = load_segments(base / "texts")
    candidates, _ = cached_candidates(segments, language, cache)
    tokens = sum(len(text.split()) for _, text in segments)
    ranked = rank_candidates(candidates, language, total_tokens=tokens)
    gold = load_gold(base / "annotations" / "unique_annotation_lists" / f"{domain}_{language}_terms_nes.tsv")
    rows = monolingual_features(ranked, language, corpus_shape(ranked, tokens))
    x = np.array([[row[name] for name in MONOLINGUAL_FEATURES] for row in rows])
    hits = [forms_of(candidate) & gold for candidate in ranked]
    y = np.array([bool(h) for h in hits])
    return x, y, hits, gold, ranked


def domain_examples(data: Path, language: str, domain: str, cache: Path | None, tried: str = ""):
    """ranked_examples without the candidates: what the fit needs (plus the columns of TRIED[tried])."""
    x, y, hits, gold, ranked = ranked_examples(data, language, domain, cache)
    if tried:
        from tried_termhood_features import TRIED
        segments = load_segments(data / language / domain / "annotated" / "texts")
        tokens = sum(len(text.split()) for _, text in segments)
        x = np.hstack([x, np.array(TRIED[tried](ranked, language, tokens), dtype=float)])
    return x, y, hits, gold


def unique_f1(probabilities: np.ndarray, hits, gold: set[str], threshold: float) -> tuple[float, float, float, int]:
    kept = probabilities >= threshold
    n = int(kept.sum())
    if not n:
        return 0.0, 0.0, 0.0, 0
    correct = sum(bool(hits[i]) for i in np.flatnonzero(kept))
    found = set().union(*(hits[i] for i in np.flatnonzero(kept)))
    precision, recall = correct / n, len(found) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if correct else 0.0
    return precision, recall, f1, n


def best_cutoff_f1(probabilities: np.ndarray, hits, gold: set[str]) -> float:
    order = np.argsort(-probabilities, kind="stable")
    correct, found, best = 0, set(), 0.0
    for n, i in enumerate(order, start=1):
        correct += bool(hits[i])
        found |= hits[i]
        if correct:
            p, r = correct / n, len(found) / len(gold)
            best = max(best, 2 * p * r / (p + r))
    return best


def fit(examples) -> LogisticRegression:
    x = np.vstack([e[0] for e in examples])
    y = np.concatenate([e[1] for e in examples])
    return LogisticRegression(C=REGULARISATION_C, max_iter=2000).fit(x, y)


def pooled_threshold(model: LogisticRegression, examples) -> float:
    def mean_f1(threshold: float) -> float:
        return float(np.mean([unique_f1(model.predict_proba(x)[:, 1], hits, gold, threshold)[2]
                              for x, _, hits, gold in examples]))
    return float(max(THRESHOLDS, key=mean_f1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=None, help="folder for pickled candidates (spaCy is slow)")
    parser.add_argument("--try", dest="tried", default="",
                        help="append a feature of benchmarks/tried_termhood_features.TRIED (measured, not kept)")
    args = parser.parse_args()
    examples = {(language, domain): domain_examples(args.data, language, domain, args.cache, args.tried)
                for language in LANGUAGES for domain in DOMAINS}
    print("| lang | domain (held out) | threshold | output | P | R | F1 at default | best-cut-off F1 |")
    print("|---|---|---|---|---|---|---|---|")
    held_out = []
    for held in DOMAINS:
        training = [e for (language, domain), e in examples.items() if domain != held]
        model = fit(training)
        threshold = pooled_threshold(model, training)
        for language in LANGUAGES:
            x, _, hits, gold = examples[language, held]
            probabilities = model.predict_proba(x)[:, 1]
            p, r, f1, n = unique_f1(probabilities, hits, gold, threshold)
            best = best_cutoff_f1(probabilities, hits, gold)
            print(f"| {language} | {held} | {threshold:.2f} | {n} | {p:.3f} | {r:.3f} | **{f1:.3f}** | {best:.3f} |")
            held_out.append(f1)
    print(f"\nmean held-out F1 at the default output: {np.mean(held_out):.4f}")
    model = fit(list(examples.values()))
    threshold = pooled_threshold(model, list(examples.values()))
    print("\n# fitted on equi, htfl and wind, English and French")
    print(f"TERMHOOD_INTERCEPT = {model.intercept_[0]:.4f}")
    print("TERMHOOD_WEIGHTS = {")
    names = MONOLINGUAL_FEATURES + tuple(f"{args.tried}[{i}]" for i in range(model.coef_.shape[1] - len(MONOLINGUAL_FEATURES)))
    for name, weight in zip(names, model.coef_[0], strict=True):
        print(f'    "{name}": {weight:.4f},')
    print("}")
    print(f"DEFAULT_MIN_TERMHOOD = {threshold:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
