"""Strict and lax alignment precision/recall/F1 (Sennrich & Volk 2011, as Vecalign scores).

Strict: a predicted link counts when it equals a gold link. Lax: when it
overlaps a gold link on both sides. Precision counts every predicted link,
omissions included; recall counts gold links that are not omissions.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def read_beads(path: Path) -> list[Bead]:
    """Read '[0, 1]:[2]' lines (0-based, source side first)."""
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            left, right = line.split(":")
            beads.append((tuple(ast.literal_eval(left)), tuple(ast.literal_eval(right))))
    return beads


def _match_counts(reference: list[Bead], predicted: list[Bead]) -> tuple[int, int, int, int]:
    ref = {(tuple(x), tuple(y)) for x, y in reference if x or y}
    pred = {(tuple(x), tuple(y)) for x, y in predicted if x or y}
    targets_of_source = defaultdict(set)
    for xs, ys in ref:
        for x in xs:
            targets_of_source[x].update(ys)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for xs, ys in pred:
        if (xs, ys) in ref:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        reachable = set().union(*(targets_of_source[x] for x in xs)) if xs else set()
        if reachable & set(ys):
            lax_hit += 1
        else:
            lax_miss += 1
    return strict_hit, strict_miss, lax_hit, lax_miss


def score(gold_docs: list[list[Bead]], test_docs: list[list[Bead]]) -> dict[str, float]:
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in zip(gold_docs, test_docs):
        for k, v in enumerate(_match_counts(gold, test)):
            p[k] += v
        gold_links = [(x, y) for x, y in gold if x and y]
        test_links = [(x, y) for x, y in test if x and y]
        for k, v in enumerate(_match_counts(test_links, gold_links)):
            r[k] += v

    def ratio(a: int, b: int) -> float:
        return a / (a + b) if a + b else 0.0

    def f1(a: float, b: float) -> float:
        return 2 * a * b / (a + b) if a + b else 0.0

    ps, pl, rs, rl = ratio(p[0], p[1]), ratio(p[2], p[3]), ratio(r[0], r[1]), ratio(r[2], r[3])
    return {"precision_strict": ps, "recall_strict": rs, "f1_strict": f1(ps, rs),
            "precision_lax": pl, "recall_lax": rl, "f1_lax": f1(pl, rl)}


def omission_scores(gold_docs: list[list[Bead]], test_docs: list[list[Bead]]) -> dict[str, float]:
    """Precision/recall of 1-0 and 0-1 links alone: how well omissions are found."""
    hit = predicted = expected = 0
    for gold, test in zip(gold_docs, test_docs):
        g = {b for b in map(lambda b: (tuple(b[0]), tuple(b[1])), gold) if not (b[0] and b[1])}
        t = {b for b in map(lambda b: (tuple(b[0]), tuple(b[1])), test) if not (b[0] and b[1])}
        hit += len(g & t)
        predicted += len(t)
        expected += len(g)
    precision = hit / predicted if predicted else 0.0
    recall = hit / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # By sentence: a gold 3-0 link found as three 1-0 links counts as found.
    s_hit = s_predicted = s_expected = 0
    for gold, test in zip(gold_docs, test_docs):
        g = {(side, i) for b in gold if not (b[0] and b[1]) for side, ids in (("x", b[0]), ("y", b[1])) for i in ids}
        t = {(side, i) for b in test if not (b[0] and b[1]) for side, ids in (("x", b[0]), ("y", b[1])) for i in ids}
        s_hit += len(g & t)
        s_predicted += len(t)
        s_expected += len(g)
    return {"omission_precision": precision, "omission_recall": recall, "omission_f1": f1,
            "omissions_gold": expected, "omissions_predicted": predicted,
            "omitted_sentence_precision": s_hit / s_predicted if s_predicted else 0.0,
            "omitted_sentence_recall": s_hit / s_expected if s_expected else 0.0,
            "omitted_sentences_gold": s_expected}
