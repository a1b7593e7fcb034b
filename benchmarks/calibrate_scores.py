"""Fit and check link scores as probabilities: reliability on held-out sets.

    python benchmarks/calibrate_scores.py [--data ../shared/data/eval] [--cache FILE] [--fit]

--fit prints logistic coefficients fitted on the tuning data (the Text+Berg
dev document, the dev half of the planted UNPC deletions of
bench_omissions.py, each set weighing the same): the cosine of each predicted
link against whether the gold holds it, one fit for 1-1 links and one for merges, and the share of
right null links; they are copied by hand into aligner/align/calibration.py.
Without --fit it reports, on the held-out sets (Text+Berg test0-6,
TransRead, the test half of the planted UNPC deletions), the expected
calibration error of the scores the aligner writes (10 equal-width bins) and
a reliability table. A link counts as right when the gold has exactly it.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aligner.align.pipeline as pipeline  # noqa: E402
from alignment_scores import read_beads  # noqa: E402
from bench_align import DEFAULT_DATA, _line_document, make_embedder  # noqa: E402
from bench_omissions import _document, planted_documents  # noqa: E402
from unpc_split import unpc_lines  # noqa: E402

BINS = 10


def _pairs(data: Path, which: str):
    """(French document, English document, gold beads French first) of a set."""
    textberg = data / "textberg-de-fr" / "bleualign_data"
    if which == "textberg-dev":
        names = ["dev"]
    elif which == "textberg-test":
        names = [f"test{i}" for i in range(7)]
    else:
        names = []
    for name in names:
        gold = [(f, d) for d, f in read_beads(textberg / f"{name}.defr")]
        yield _line_document(textberg / f"{name}.fr", "fr"), _line_document(textberg / f"{name}.de", "en"), gold
    if which == "transread":
        for book in sorted((data / "transread-en-fr").iterdir()):
            if book.is_dir():
                gold = [(f, e) for e, f in read_beads(book / "gold.en-fr")]
                yield _line_document(book / "fr.txt", "fr"), _line_document(book / "en.txt", "en"), gold
    if which.startswith("unpc"):
        fr, en = unpc_lines(data, "dev" if which == "unpc-dev" else "test")
        for number, (fr_lines, en_lines, gold) in enumerate(planted_documents(fr, en, random.Random(13))):
            yield _document(fr_lines, "fr", f"fr{number}"), _document(en_lines, "en", f"en{number}"), gold


def links_with_truth(data: Path, which: str, embedder):
    """(score, kind class, right) for every sentence link the aligner writes on a set."""
    rows = []
    for fr, en, gold in _pairs(data, which):
        alignment = pipeline.align_documents(fr, en, embedder, split="lines")
        truth = {(tuple(f), tuple(e)) for f, e in gold}
        for link in alignment.sentence_links:
            shape = "null" if not (link.fr_index and link.en_index) else \
                "1-1" if len(link.fr_index) == len(link.en_index) == 1 else "merged"
            rows.append((link.score, shape, (link.fr_index, link.en_index) in truth))
    return rows


def fit(data: Path, embedder) -> None:
    from sklearn.linear_model import LogisticRegression

    cosines: list[tuple[float, str, bool]] = []
    weights: list[float] = []
    original = pipeline.link_probability
    # Record the reference cosine in place of the score while fitting.
    pipeline.link_probability = lambda cosine, fr_count, en_count: cosine
    try:
        for which in ("textberg-dev", "unpc-dev"):
            rows = links_with_truth(data, which, embedder)
            cosines.extend(rows)
            # Each set weighs the same: UN text would otherwise outvote the novels 4 to 1.
            weights.extend([1.0 / len(rows)] * len(rows))
    finally:
        pipeline.link_probability = original
    for shape in ("1-1", "merged"):
        x = np.array([[c] for c, s, _ in cosines if s == shape])
        y = np.array([r for _, s, r in cosines if s == shape])
        w = np.array([weight for (_, s, _), weight in zip(cosines, weights) if s == shape])
        model = LogisticRegression(C=100.0).fit(x, y, sample_weight=w / w.mean())
        print(f"{shape}: {len(y)} links, {y.mean():.3f} right; fit slope {model.coef_[0][0]:.2f}, "
              f"intercept {model.intercept_[0]:.2f}")
    nulls = [r for _, s, r in cosines if s == "null"]
    print(f"null: {len(nulls)} links, {np.mean(nulls):.3f} right")


def reliability(rows) -> tuple[float, list[tuple[float, float, float, int]]]:
    scores = np.array([s for s, _, _ in rows])
    right = np.array([r for _, _, r in rows], dtype=float)
    table = []
    ece = 0.0
    for b in range(BINS):
        low, high = b / BINS, (b + 1) / BINS
        inside = (scores >= low) & ((scores < high) if b < BINS - 1 else (scores <= high))
        if inside.any():
            confidence, accuracy = scores[inside].mean(), right[inside].mean()
            ece += inside.mean() * abs(accuracy - confidence)
            table.append((low, high, confidence, accuracy, int(inside.sum())))
    return ece, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--model", choices=("use", "e5"), default="use")
    parser.add_argument("--fit", action="store_true")
    args = parser.parse_args()
    if not (args.data / "textberg-de-fr").exists():
        print(f"skip: evaluation data not found at {args.data}")
        return
    embedder = make_embedder(args.model, args.cache)
    if args.fit:
        fit(args.data, embedder)
        return
    for which in ("textberg-test", "transread", "unpc-test"):
        ece, table = reliability(links_with_truth(args.data, which, embedder))
        print(f"\n{which}: expected calibration error {ece:.4f}")
        print("| score bin | mean score | share right | links |")
        print("|---|---|---|---|")
        for low, high, confidence, accuracy, count in table:
            print(f"| {low:.1f}-{high:.1f} | {confidence:.3f} | {accuracy:.3f} | {count} |")


if __name__ == "__main__":
    main()
