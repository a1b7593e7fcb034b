"""Any encoder aligns: vectors sharing a large common direction are put on the reference scale.

The fake encoder gives every sentence the vector of its meaning (a seeded
random direction per numbered concept, shared by the French and the English
sentence) plus noise; a concatenation gets the sum of its members' vectors.
The "e5-like" variant adds a strong direction common to every sentence, so
that unrelated sentences score about 0.8 as under multilingual-e5.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest

from aligner.align.pipeline import align_documents
from aligner.align.similarity import CENTRING_ABOVE, REFERENCE_SPREAD, REFERENCE_UNRELATED, fit_pair_scale, \
    pair_statistics
from aligner.read.document import Document, Paragraph

DIM = 256


class ConceptEncoder:
    """Sentences "fr-7" and "en-7" mean the same; common > 0 adds a shared direction."""

    def __init__(self, common: float) -> None:
        self.name = f"concepts-{common}"
        self.common = common
        self._base = np.random.default_rng(0).standard_normal(DIM)

    def _sentence(self, word: str) -> np.ndarray:
        language, concept = word.split("-")
        meaning = np.random.default_rng(int(concept) + 1).standard_normal(DIM)
        noise = np.random.default_rng(zlib.crc32(word.encode())).standard_normal(DIM)
        vector = meaning / np.linalg.norm(meaning) + 0.5 * noise / np.linalg.norm(noise)
        return vector / np.linalg.norm(vector)

    def encode(self, texts):
        rows = []
        for text in texts:
            vector = sum(self._sentence(word) for word in text.split())
            vector = vector / np.linalg.norm(vector) + self.common * self._base / np.linalg.norm(self._base)
            rows.append(vector / np.linalg.norm(vector))
        return np.array(rows, dtype=np.float32).reshape(len(texts), DIM)


def _document(language: str, concepts: list[int]) -> Document:
    return Document(path=Path(f"{language}.txt"), language=language,
                    paragraphs=tuple(Paragraph(f"{language}-{c}") for c in concepts))


@pytest.mark.parametrize("common", [0.0, 2.0])
def test_alignment_is_the_same_with_a_large_common_direction(common):
    # The English lost concept 6; everything else is translated one to one.
    fr = _document("fr", list(range(14)))
    en = _document("en", [c for c in range(14) if c != 6])
    alignment = align_documents(fr, en, ConceptEncoder(common), split="lines")
    expected = [((i,), (i if i < 6 else i - 1,)) if i != 6 else ((6,), ()) for i in range(14)]
    assert [(link.fr_index, link.en_index) for link in alignment.sentence_links] == expected


def test_common_direction_is_removed_and_the_spread_matches_the_reference():
    encoder = ConceptEncoder(2.0)
    x = encoder.encode([f"fr-{c}" for c in range(40)])
    y = encoder.encode([f"en-{c}" for c in range(40, 80)])  # unrelated to x
    assert pair_statistics(x, y)[0] > CENTRING_ABOVE
    scale = fit_pair_scale(x, y)
    median, spread = pair_statistics(scale.fr(x), scale.en(y))
    assert scale.cosine(median) == pytest.approx(REFERENCE_UNRELATED, abs=1e-6)
    assert spread * scale.factor == pytest.approx(REFERENCE_SPREAD, rel=1e-6)


def test_an_encoder_on_the_reference_footing_is_left_alone():
    encoder = ConceptEncoder(0.0)
    x = encoder.encode([f"fr-{c}" for c in range(20)])
    y = encoder.encode([f"en-{c}" for c in range(20)])
    scale = fit_pair_scale(x, y)
    assert (scale.offset, scale.factor) == (0.0, 1.0)
    assert np.array_equal(scale.fr(x), x) and np.array_equal(scale.en(y), y)
