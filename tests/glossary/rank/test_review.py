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


# --- what only the decisions teach: words and meanings ---------------------------------------------

# Every entry has the same features and prior, so the feature correction can
# only move them all alike; what separates them is what they resemble.
FLAT = [0.0, 2.0]


def flat_entries(terms: list[str]) -> tuple[list[TermEntry], list[list[float]]]:
    entries = [TermEntry(id=f"T{n + 1:04d}", fr=term, en="", termhood=0.6) for n, term in enumerate(terms)]
    return entries, [FLAT] * len(entries)


@pytest.mark.parametrize("rejected, undecided", [
    # the rejected terms open with the same word ...
    (("patient hospitalisé", "patient âgé", "patient traité", "patient inclus", "patient sorti"), "patient atteint"),
    # ... or close with it
    (("suivi du patient", "dossier du patient", "état du patient", "âge du patient", "poids du patient"),
     "décès du patient"),
])
def test_rejecting_terms_with_one_edge_word_demotes_an_undecided_term_with_it(rejected, undecided):
    kept = [f"terme{n} spécifique{n}" for n in range(16)]
    unrelated = "arrêt cardiaque"
    entries, vectors = flat_entries([*rejected, *kept, undecided, unrelated])
    decisions = {decision_key(e.fr, e.en): e.fr in kept for e in entries[:-2]}
    reranked = rerank_entries(entries, vectors, decisions)
    termhood = {e.fr: e.termhood for e in reranked.entries}
    assert termhood[undecided] < termhood[unrelated] - 0.1
    order = [e.fr for e in reranked.entries]
    assert order.index(unrelated) < order.index(undecided)


# Hand-built unit vectors: horse words near one axis, grid words near another.
HORSE = ("cheval", "dressage", "galop", "trot", "pirouette", "cavalier", "rêne", "selle", "étrier", "encolure",
         "jument")
GRID = ("réseau", "onduleur", "tension", "disjoncteur", "transformateur", "fréquence", "puissance", "batterie",
        "convertisseur", "éolienne", "câble")


def topic_embed(texts):
    def vector(text: str) -> list[float]:
        spread = 0.05 * (len(text) % 5)  # words of one topic are near, not identical
        axis = [1.0, spread, 0.0] if text in HORSE else [0.0, spread, 1.0]
        return list(np.array(axis) / np.linalg.norm(axis))
    return np.array([vector(text) for text in texts])


@pytest.mark.parametrize("rejected, kept", [(GRID, HORSE), (HORSE, GRID)])
def test_rejecting_entries_of_one_meaning_demotes_an_undecided_entry_near_them(rejected, kept):
    # Single words (no edge word): this project's reviewer rejects one topic's vocabulary.
    decided = [*rejected[:-1], *kept[:-1]]
    entries, vectors = flat_entries([*decided, rejected[-1], kept[-1]])
    decisions = {decision_key(e.fr, e.en): e.fr in kept for e in entries[:-2]}
    termhood = {e.fr: e.termhood for e in rerank_entries(entries, vectors, decisions, embed=topic_embed).entries}
    assert termhood[rejected[-1]] < 0.5 < termhood[kept[-1]]
    # Without the embedder, nothing tells the two undecided words apart.
    flat = {e.fr: e.termhood for e in rerank_entries(entries, vectors, decisions).entries}
    assert flat[rejected[-1]] == flat[kept[-1]]


@pytest.mark.parametrize("rejected_label, kept_label", [("acronym", "term"), ("organization", "acronym")])
def test_rejecting_entries_of_one_kind_demotes_an_undecided_entry_of_that_kind(rejected_label, kept_label):
    # Single words, no embedder: only the kind (label) tells the decided entries apart.
    labels = [rejected_label] * 8 + [kept_label] * 16 + [rejected_label, kept_label]
    entries = [TermEntry(id=f"T{n + 1:04d}", fr=f"mot{n}", en="", termhood=0.6, label=label)
               for n, label in enumerate(labels)]
    decisions = {decision_key(e.fr, e.en): e.label == kept_label for e in entries[:-2]}
    reranked = rerank_entries(entries, [FLAT] * len(entries), decisions)
    termhood = {e.fr: e.termhood for e in reranked.entries}
    assert termhood["mot24"] < termhood["mot25"] - 0.1
