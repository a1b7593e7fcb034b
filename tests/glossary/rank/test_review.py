"""Re-ranking from a project's review decisions: the model, the order of the rest, the 'to review' order."""

from __future__ import annotations

import numpy as np
import pytest

from glossary.rank.review import (
    MIN_DECISIONS,
    decision_key,
    fit_review_model,
    rerank_entries,
    review_order,
)
from glossary.termbase import TermEntry

# Two features per entry: [is a single word, words]. The reviewer of this
# project rejects single words and keeps multiword terms, which the prior
# termhood (0.6 for all) does not know.
SINGLE, MULTI = [1.0, 1.0], [0.0, 3.0]


def entries_and_vectors(count: int) -> tuple[list[TermEntry], list[list[float]]]:
    entries, vectors = [], []
    for number in range(count):
        single = number % 2 == 0
        fr = f"mot{number}" if single else f"terme long {number}"
        entries.append(TermEntry(id=f"T{number + 1:04d}", fr=fr, en=fr.replace("mot", "word"), termhood=0.6))
        vectors.append(SINGLE if single else MULTI)
    return entries, vectors


def test_decisions_teach_the_model_what_this_reviewer_keeps():
    entries, vectors = entries_and_vectors(60)
    decided = entries[:30]
    decisions = {decision_key(e.fr, e.en): " " in e.fr for e in decided}
    reranked = rerank_entries(entries, vectors, decisions)
    assert reranked.model is not None and reranked.model.decisions == 30 and reranked.model.kept == 15
    undecided = [e for e in reranked.entries if decision_key(e.fr, e.en) not in decisions]
    multi = [e.termhood for e in undecided if " " in e.fr]
    single = [e.termhood for e in undecided if " " not in e.fr]
    assert min(multi) > 0.6 > max(single)
    # written best first: every multiword entry before every single word
    kinds = [" " in e.fr for e in reranked.entries]
    assert kinds == sorted(kinds, reverse=True)
    assert "30 review decisions (15 validated)" in reranked.description


@pytest.mark.parametrize("decided", [MIN_DECISIONS - 1, 0])
def test_below_the_minimum_the_entries_come_back_unchanged(decided):
    entries, vectors = entries_and_vectors(40)
    decisions = {decision_key(e.fr, e.en): " " in e.fr for e in entries[:decided]}
    reranked = rerank_entries(entries, vectors, decisions)
    assert reranked.model is None and list(reranked.entries) == entries
    assert "ACTER" in reranked.description


def test_decisions_of_one_kind_only_fit_no_model():
    entries, vectors = entries_and_vectors(40)
    assert fit_review_model(np.array(vectors[:30]), [0.6] * 30, [True] * 30) is None


def test_decisions_match_entries_whatever_the_case_spaces_and_apostrophes():
    assert decision_key("Droits de l’homme ", "human  rights") == decision_key("droits de l'homme", "Human rights")


def test_the_to_review_order_puts_the_least_sure_first():
    assert review_order([0.9, 0.52, 0.1, 0.35, 0.5]) == [4, 1, 3, 0, 2]
