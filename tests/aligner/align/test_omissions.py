"""Untranslated sentences split out of merged links, on synthetic embeddings with known edits.

A "French" side of random unit vectors; the "English" side is built from it:
a translation is its source vector plus noise (cosine about 0.9), a sentence
translated by two is split into two vectors whose sum points at it, a deleted
sentence has no English at all. The embedding of a concatenation is the
length-weighted sum of its members' vectors, the model the search assumes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import aligner.align.pipeline as pipeline
from aligner.align.dp import AlignParams, Bead, align_vectors
from aligner.align.link_scores import LinkScorer
from aligner.align.link_scores import Side as Run
from aligner.align.omissions import separate_omissions
from aligner.read.document import Document, Paragraph
from tests.aligner.align.synthetic import SummingEncoder, names, unit

DIM = 512
LENGTH = 100.0


class Side:
    """Sentences named by their index, their lengths, and an encoder that sums their vectors."""

    def __init__(self, vectors: np.ndarray, prefix: str) -> None:
        self.vectors = vectors
        self.texts = names(prefix, len(vectors))
        self.lengths = np.full(len(vectors), LENGTH)
        self.encode = SummingEncoder(vectors)

    @property
    def encoded(self) -> list[str]:
        return self.encode.encoded

    def args(self):
        return self.texts, self.vectors, self.lengths, self.encode


def scorer(fr, en, length_ratio: float) -> LinkScorer:
    """The pipeline's scorer over (texts, vectors, lengths, encode) of each side, cosines as they are."""
    return LinkScorer(Run(*fr), Run(*en), lambda c: c, float(np.log(length_ratio)), AlignParams())


def _bitext(n: int, edits: dict[int, str], seed: int = 0) -> tuple[Side, Side]:
    rng = np.random.default_rng(seed)
    x = unit(rng.standard_normal((n, DIM)))

    def translate(vector):
        return unit(vector + 0.5 * unit(rng.standard_normal(DIM)))

    ys = []
    for i in range(n):
        if edits.get(i) == "delete":
            continue
        if edits.get(i) == "split":
            across = unit(rng.standard_normal(DIM))
            ys.extend([translate(unit(x[i] + across)), translate(unit(x[i] - across))])
        elif edits.get(i) == "split in four":
            # Four pieces, each the sentence plus its own aside, the asides summing to nothing.
            asides = rng.standard_normal((4, DIM))
            asides -= asides.mean(axis=0)
            ys.extend(unit(x[i] + 1.2 * unit(aside)) for aside in asides)
        else:
            ys.append(translate(x[i]))
    return Side(x, "x"), Side(np.array(ys, dtype=np.float32), "y")


def _aligned(fr: Side, en: Side) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    beads = align_vectors(fr.vectors, en.vectors, fr.lengths, en.lengths)
    beads = separate_omissions(beads, scorer(fr.args(), en.args(), en.lengths.sum() / fr.lengths.sum()))
    return [(bead.x, bead.y) for bead in beads]


def test_untranslated_first_and_last_sentences_of_a_group_are_omissions():
    # The search alone merges both into 2-1 links with their translated neighbours.
    fr, en = _bitext(4, {0: "delete", 3: "delete"})
    assert _aligned(fr, en) == [((0,), ()), ((1,), (0,)), ((2,), (1,)), ((3,), ())]


@pytest.mark.parametrize("deleted", [2, 5, 8])
def test_untranslated_sentence_inside_a_group_is_an_omission(deleted):
    fr, en = _bitext(10, {deleted: "delete"}, seed=deleted)
    pairs = _aligned(fr, en)
    assert ((deleted,), ()) in pairs
    assert all(len(x) == len(y) == 1 for x, y in pairs if x and y)


def test_a_sentence_translated_by_two_stays_one_link():
    fr, en = _bitext(6, {2: "split"}, seed=4)
    assert ((2,), (2, 3)) in _aligned(fr, en)


def test_translated_text_is_not_embedded_again():
    # Without poorly matching members nothing is sent to the embedder.
    fr, en = _bitext(8, {}, seed=5)
    assert _aligned(fr, en) == [((i,), (i,)) for i in range(8)]
    assert fr.encoded == en.encoded == []


def test_split_link_keeps_its_real_cosine():
    fr, en = _bitext(4, {0: "delete", 3: "delete"})
    beads = separate_omissions(align_vectors(fr.vectors, en.vectors, fr.lengths, en.lengths),
                               scorer(fr.args(), en.args(), 0.5))
    kept = [bead for bead in beads if bead.x and bead.y]
    assert all(bead.similarity == pytest.approx(float(fr.vectors[bead.x[0]] @ en.vectors[bead.y[0]]), abs=1e-5)
               for bead in kept)
    assert all(isinstance(bead, Bead) for bead in beads)


def test_a_sentence_translated_by_four_is_one_link_not_an_omission():
    # The search's links have at most three sentences a side: it leaves one
    # piece as a 0-1 link, which the real embedding of the link takes back.
    fr, en = _bitext(6, {2: "split in four"}, seed=3)
    en.lengths[2:6] = LENGTH / 4  # each piece a quarter of the sentence
    pairs = _aligned(fr, en)
    assert ((2,), (2, 3, 4, 5)) in pairs
    assert all(x and y for x, y in pairs)


@pytest.mark.parametrize("run", [1, 6])
def test_untranslated_runs_stay_omissions_and_are_tested_at_their_ends(run):
    deleted = dict.fromkeys(range(4, 4 + run), "delete")
    fr, en = _bitext(12, deleted, seed=run)
    pairs = _aligned(fr, en)
    assert [((i,), ()) for i in range(4, 4 + run)] == [p for p in pairs if not p[1]]
    # At most the two links around the run are embedded with a member added.
    assert len(fr.encoded) + len(en.encoded) <= 4


def _basis(k: int) -> np.ndarray:
    return np.eye(DIM, dtype=np.float32)[k]


def _on(k: int, cosine: float, away: int) -> np.ndarray:
    """A unit vector at `cosine` to basis vector k, the rest along basis vector `away`."""
    return (cosine * _basis(k) + np.sqrt(1.0 - cosine ** 2) * _basis(away)).astype(np.float32)


@pytest.mark.parametrize(("fall", "from_split", "moved"), [
    (0.01, True, True),    # split out of one link, fits the other nearly as well: moved there
    (0.03, True, False),   # the other link loses more than the tolerance: an omission
    (0.01, False, False),  # the search's own null link: merged back only on a real gain
])
def test_a_member_split_out_of_one_link_may_go_to_the_link_on_its_other_side(fall, from_split, moved):
    # x1 is a short piece of the sentence x0 (one character: lengths hardly
    # move), which the search put with x2. Alone it matches y1 not at all, and
    # (x1 x2) embedded for real scores 0.2 below x2 alone; (x0 x1) scores
    # `fall` below x0 alone.
    real = {"x0 x1": _on(0, 0.9 - fall, 2), "x1 x2": _on(3, 0.7, 5)}
    x_vectors = np.array([_on(0, 0.9, 1), _basis(2), _on(3, 0.9, 4)])
    y_vectors = np.array([_basis(0), _basis(3)])

    def encode_x(texts):
        return np.array([real[text] for text in texts])

    def encode_y(texts):
        raise AssertionError(f"no English concatenation should be embedded: {texts}")

    fr = ([f"x{i}" for i in range(3)], x_vectors, np.array([100.0, 1.0, 100.0]), encode_x)
    en = (["y0", "y1"], y_vectors, np.array([100.0, 100.0]), encode_y)
    if from_split:
        beads = [Bead((0,), (0,), 0.9), Bead((1, 2), (1,), 0.7)]
    else:
        beads = [Bead((0,), (0,), 0.9), Bead((1,), (), 0.0), Bead((2,), (1,), 0.9)]
    pairs = [(bead.x, bead.y) for bead in
             separate_omissions(beads, scorer(fr, en, 1.0))]
    if moved:
        assert pairs == [((0, 1), (0,)), ((2,), (1,))]
    else:
        assert pairs == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


class _Embedder:
    """The summing encoder as the pipeline's Embedder: both languages index one table of vectors."""

    name = "synthetic-summing"

    def __init__(self, vectors: np.ndarray) -> None:
        self.encode = SummingEncoder(vectors)


def _lines(language: str, lines: list[str]) -> Document:
    return Document(path=Path(f"{language}.txt"), language=language, paragraphs=tuple(Paragraph(t) for t in lines))


def test_the_checks_after_the_search_measure_lengths_against_the_ratio_the_search_used(monkeypatch):
    # Long untranslated English lines put the totals' English / French length
    # ratio far above the translated pairs' (Emma's abridged French: log +0.27
    # against +0.07). The search re-estimates it from its confident 1-1 links;
    # the split test and the merge-back, which weigh a member's length against
    # its link's, must use that ratio, not the totals'.
    rng = np.random.default_rng(5)
    french = unit(rng.standard_normal((12, DIM)))
    translations = unit(french + 0.3 * unit(rng.standard_normal((12, DIM))))
    untranslated = unit(rng.standard_normal((4, DIM)))
    encoder = _Embedder(np.vstack([french, translations, untranslated]))
    fr_lines = [f"x{i}" for i in range(12)]
    en_lines = [f"y{12 + i}" for i in range(12)]
    for k in range(4):  # a name repeated: the same vector, a longer text
        en_lines.insert(3 * k + 1 + k, " ".join([f"y{24 + k}"] * 40))
    ratios = []

    class Spy(LinkScorer):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            ratios.append(self.log_ratio)

    monkeypatch.setattr(pipeline, "LinkScorer", Spy)
    alignment = pipeline.align_documents(_lines("fr", fr_lines), _lines("en", en_lines), encoder, split="lines")
    assert [(link.fr_index, link.en_index) for link in alignment.sentence_links if not link.en_index] == []
    translated_en = sum(len(line) for line in en_lines if line.count(" ") == 0)
    pairs_ratio = np.log((translated_en + 1.0) / (sum(len(line) for line in fr_lines) + 1.0))
    totals_ratio = np.log((sum(map(len, en_lines)) + 1.0) / (sum(map(len, fr_lines)) + 1.0))
    assert totals_ratio - pairs_ratio > 1.0
    assert ratios == [pytest.approx(pairs_ratio)]
