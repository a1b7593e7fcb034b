"""A simulated reviewer on ACTER: does re-ranking from 100 decisions lift the next 300 candidates?

Usage:
    .venv/bin/python benchmarks/bench_reviewer.py [--data PATH] [--cache DIR] [--decided 100] [--next 300]

For each language and domain: the candidates in termhood order (what
`paxterm run` writes); a reviewer who knows the gold list (named entities
included) validates the gold terms among the first --decided entries and
rejects the rest; the model production fits on a project's decisions
(glossary.rank.review.fit_review_model, over glossary.rank.review.entry_vector)
re-ranks the remaining candidates. Printed: precision of the next --next
candidates before (ranks decided+1 .. decided+next in termhood order) and
after (the first --next of the re-ranked remainder). ACTER is not parallel,
so the vectors hold the monolingual features only (the bilingual ones are 0).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from bench_terms import DEFAULT_DATA, DOMAINS, LANGUAGES
from fit_termhood import domain_examples, fit
from glossary.rank.features import BILINGUAL_FEATURES, MONOLINGUAL_FEATURES
from glossary.rank.review import entry_vector, fit_review_model

NO_BILINGUAL = {name: 0.0 for name in BILINGUAL_FEATURES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--decided", type=int, default=100)
    parser.add_argument("--next", type=int, default=300, dest="following")
    args = parser.parse_args()
    examples = {(language, domain): domain_examples(args.data, language, domain, args.cache)
                for language in LANGUAGES for domain in DOMAINS}

    print(f"| lang | domain | decided (kept) | precision of the next {args.following}: before | after | change |")
    print("|---|---|---|---|---|---|")
    changes = []
    for language in LANGUAGES:
        for domain in DOMAINS:
            features, labels, _, _ = examples[language, domain]
            prior = fit([e for (_, other), e in examples.items() if other != domain])
            probabilities = prior.predict_proba(features)[:, 1]
            order = np.argsort(-probabilities, kind="stable")
            rows = [dict(zip(MONOLINGUAL_FEATURES, features[i], strict=True)) for i in order]
            vectors = np.array([entry_vector(row, None, NO_BILINGUAL, confidence=0.0) for row in rows])
            termhoods = probabilities[order]
            kept = labels[order]
            decided = args.decided
            model = fit_review_model(vectors[:decided], termhoods[:decided], kept[:decided])
            before = kept[decided:decided + args.following].mean()
            if model is None:
                after = before
            else:
                remaining = model.probabilities(vectors[decided:], termhoods[decided:])
                order = np.argsort(-remaining, kind="stable")[: args.following]
                after = kept[decided:][order].mean()
            changes.append(after - before)
            print(f"| {language} | {domain} | {decided} ({int(kept[:decided].sum())}) | {before:.3f} | {after:.3f} "
                  f"| {after - before:+.3f} |")
    print(f"\nMean change: {np.mean(changes):+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
