"""Pairing French documents with their English originals: symbols, content, leftovers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from aligner.read.document import Document, Paragraph, read_document
from aligner.embed import load_embedder
from aligner.pairing import (
    CONTENT,
    MIN_CONTENT_SIMILARITY,
    SYMBOL,
    VECTOR_PARAGRAPH_CHARS,
    VECTOR_PARAGRAPHS,
    Pairing,
    pair_documents,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
BERLIN_FR = "berlin-ministerial-2025-chair-summary.txt"
BERLIN_EN = "A-79-923-S-2025-341.txt"
PERU_FR = "peru-letter-2019-triangular-cooperation.md"
PERU_EN = "S-2019-triangular-cooperation-debate-summary.txt"


class AngleEmbedder:
    """A fake embedder: a text's first word names a direction (degrees) in the plane.

    Two texts at angles a and b have cosine cos(a - b), so a test sets the
    document similarities it needs exactly.
    """

    name = "fake-angles"

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        angles = [math.radians(float(text.split()[0])) for text in texts]
        return np.array([[math.cos(a), math.sin(a)] for a in angles], dtype=np.float32).reshape(-1, 2)


def doc(name: str, language: str, *texts: str, symbols: tuple[str, ...] = ()) -> Document:
    return Document(
        path=Path(language) / name,
        language=language,
        paragraphs=tuple(Paragraph(text) for text in texts),
        symbol=symbols[0] if symbols else None,
        symbols=symbols,
    )


def names(pairing: Pairing) -> list[tuple[str, str, str]]:
    return [(pair.fr.name, pair.en.name, pair.method) for pair in pairing.pairs]


class Memoised:
    """The real embedder, each text encoded once per test module (CI has 2 cores)."""

    def __init__(self, inner) -> None:
        self.name = inner.name
        self._inner = inner
        self._vectors: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [text for text in dict.fromkeys(texts) if text not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self._inner.encode(missing)))
        return np.array([self._vectors[text] for text in texts], dtype=np.float32)


@pytest.fixture(scope="module")
def embedder():
    return Memoised(load_embedder())


@pytest.fixture(scope="module")
def corpus() -> tuple[list[Document], list[Document]]:
    fr = [read_document(path) for path in sorted((CORPUS / "fr").iterdir())]
    en = [read_document(path) for path in sorted((CORPUS / "en").iterdir())]
    return fr, en


def test_bundled_corpus_pairs_berlin_by_symbol_and_peru_by_content(corpus, embedder):
    fr, en = corpus
    pairing = pair_documents(fr, en, embedder)
    assert names(pairing) == [(BERLIN_FR, BERLIN_EN, SYMBOL), (PERU_FR, PERU_EN, CONTENT)]
    assert pairing.unpaired_fr == () and pairing.unpaired_en == ()
    # Both are real translations: well above the content floor, never above 1.
    for pair in pairing.pairs:
        assert MIN_CONTENT_SIMILARITY + 0.1 < pair.similarity <= 1.0


def test_bundled_corpus_pairing_ignores_input_order(corpus, embedder):
    fr, en = corpus
    forward = pair_documents(fr, en, embedder)
    backward = pair_documents(fr[::-1], en[::-1], embedder)
    assert names(backward) == names(forward)


UNRELATED_FRENCH = """Recette de la tarte aux pommes de ma grand-mère

Préchauffez le four à 180 degrés. Étalez la pâte brisée dans un moule beurré et piquez le fond avec une fourchette.

Épluchez six pommes, coupez-les en fines lamelles et disposez-les en rosace sur la pâte. Saupoudrez de sucre et de cannelle.

Faites cuire pendant quarante minutes, jusqu'à ce que les pommes soient bien dorées. Servez tiède avec une boule de glace à la vanille.
"""


def test_french_document_without_english_original_is_reported_unpaired(tmp_path, corpus, embedder):
    fr, en = corpus
    recipe_path = tmp_path / "tarte-aux-pommes.txt"
    recipe_path.write_text(UNRELATED_FRENCH, encoding="utf-8")
    recipe = read_document(recipe_path, expected_language="fr")

    berlin = [d for d in fr if d.name == BERLIN_FR]

    # The Peru original is free, yet the recipe must not take it.
    pairing = pair_documents([*berlin, recipe], en, embedder)

    assert names(pairing) == [(BERLIN_FR, BERLIN_EN, SYMBOL)]
    assert [d.name for d in pairing.unpaired_fr] == ["tarte-aux-pommes.txt"]
    assert [d.name for d in pairing.unpaired_en] == [PERU_EN]


def test_english_document_without_french_version_is_reported_unpaired(corpus, embedder):
    fr, en = corpus
    berlin_only = [d for d in fr if d.name == BERLIN_FR]
    pairing = pair_documents(berlin_only, en, embedder)
    assert names(pairing) == [(BERLIN_FR, BERLIN_EN, SYMBOL)]
    assert [d.name for d in pairing.unpaired_en] == [PERU_EN]


@pytest.mark.parametrize("reverse", [False, True])
def test_two_french_documents_competing_for_one_english_the_closer_wins(reverse):
    closer = doc("a-closer.txt", "fr", "5 texte")  # cosine 0.996 with the English
    farther = doc("b-farther.txt", "fr", "30 texte")  # cosine 0.866: above the floor, but second
    english = doc("original.txt", "en", "0 text")
    french = [closer, farther][::-1] if reverse else [closer, farther]

    pairing = pair_documents(french, [english], AngleEmbedder())

    assert names(pairing) == [("a-closer.txt", "original.txt", CONTENT)]
    assert pairing.unpaired_fr == (farther,)
    assert pairing.unpaired_en == ()


def test_assignment_pairs_everyone_it_can_rather_than_the_single_best_pair():
    # fr1 is closest to en1 (0.985), but giving en1 to fr1 leaves fr2 with en2
    # at 0.622, under the floor. fr1-en2 (0.962) and fr2-en1 (0.901) pair both.
    fr1, fr2 = doc("fr1.txt", "fr", "10 a"), doc("fr2.txt", "fr", "-25.7 b")
    en1, en2 = doc("en1.txt", "en", "0 a"), doc("en2.txt", "en", "25.8 b")

    pairing = pair_documents([fr1, fr2], [en1, en2], AngleEmbedder())

    assert names(pairing) == [("fr1.txt", "en2.txt", CONTENT), ("fr2.txt", "en1.txt", CONTENT)]


def test_content_under_the_floor_is_not_paired():
    angle = math.degrees(math.acos(MIN_CONTENT_SIMILARITY)) + 5  # just under the floor
    french, english = doc("fr.txt", "fr", "0 texte"), doc("en.txt", "en", f"{angle} text")

    pairing = pair_documents([french], [english], AngleEmbedder())

    assert pairing.pairs == ()
    assert pairing.unpaired_fr == (french,) and pairing.unpaired_en == (english,)


def test_shared_numbers_choose_between_equally_similar_originals():
    french = doc("fr.txt", "fr", "0 Résolution 2719 (2023) du 21 décembre 2023")
    other = doc("a-other.txt", "en", "0 Resolution 1325 (2000) of 31 October 2000")
    original = doc("b-original.txt", "en", "0 Resolution 2719 (2023) of 21 December 2023")

    pairing = pair_documents([french], [other, original], AngleEmbedder())

    assert names(pairing) == [("fr.txt", "b-original.txt", CONTENT)]
    assert pairing.unpaired_en == (other,)


def test_symbol_beats_content():
    french = doc("fr.txt", "fr", "0 texte", symbols=("S/2025/341",))
    same_symbol = doc("en-symbol.txt", "en", "80 text", symbols=("S/2025/341",))  # cosine 0.17
    same_content = doc("en-content.txt", "en", "0 text")  # cosine 1.0, no symbol

    pairing = pair_documents([french], [same_symbol, same_content], AngleEmbedder())

    assert names(pairing) == [("fr.txt", "en-symbol.txt", SYMBOL)]
    assert pairing.pairs[0].similarity == pytest.approx(math.cos(math.radians(80)), abs=1e-4)
    assert pairing.unpaired_en == (same_content,)


@pytest.mark.parametrize(
    ("english_symbols", "expected"),
    [
        # A joint document pairs with a version that carries only one of its symbols.
        ({"en-a.txt": ("S/2025/341",)}, "en-a.txt"),
        ({"en-a.txt": ("A/79/923",)}, "en-a.txt"),
        # The English document sharing both symbols wins over one sharing one.
        ({"en-a.txt": ("A/79/923",), "en-b.txt": ("A/79/923", "S/2025/341")}, "en-b.txt"),
    ],
)
def test_joint_document_pairs_on_any_shared_symbol(english_symbols, expected):
    french = doc("fr.txt", "fr", "0 texte", symbols=("A/79/923", "S/2025/341"))
    english = [doc(name, "en", "0 text", symbols=symbols) for name, symbols in english_symbols.items()]

    pairing = pair_documents([french], english, AngleEmbedder())

    assert names(pairing)[0] == ("fr.txt", expected, SYMBOL)


def test_one_english_document_pairs_with_one_french_document_by_symbol():
    # Two French files carry the same symbol (a revision filed twice): one
    # pairs, the other is reported rather than sharing the English original.
    first = doc("a.txt", "fr", "0 texte", symbols=("S/2025/341",))
    second = doc("b.txt", "fr", "60 texte", symbols=("S/2025/341",))
    english = doc("en.txt", "en", "0 text", symbols=("S/2025/341",))

    pairing = pair_documents([second, first], [english], AngleEmbedder())

    assert names(pairing) == [("a.txt", "en.txt", SYMBOL)]
    assert pairing.unpaired_fr == (second,)


@pytest.mark.parametrize(
    ("fr_names", "en_names"),
    [([], []), (["fr.txt"], []), ([], ["en.txt"]), (["b.txt", "a.txt"], [])],
)
def test_empty_side_pairs_nothing_and_reports_everything_sorted(fr_names, en_names):
    french = [doc(name, "fr", "0 texte") for name in fr_names]
    english = [doc(name, "en", "0 text") for name in en_names]
    embedder = AngleEmbedder()

    pairing = pair_documents(french, english, embedder)

    assert pairing.pairs == ()
    assert [d.name for d in pairing.unpaired_fr] == sorted(fr_names)
    assert [d.name for d in pairing.unpaired_en] == sorted(en_names)
    assert embedder.calls == 0  # nothing to compare, nothing embedded


def test_long_documents_embed_only_their_opening():
    seen: list[str] = []

    class Recording(AngleEmbedder):
        def encode(self, texts: Sequence[str]) -> np.ndarray:
            seen.extend(texts)
            return super().encode(texts)

    long_paragraph = "0 " + "mot " * 1000
    french = doc("fr.txt", "fr", *[long_paragraph] * 100)
    english = doc("en.txt", "en", "0 text")

    pairing = pair_documents([french], [english], Recording())

    assert len(pairing.pairs) == 1
    assert len(seen) == VECTOR_PARAGRAPHS + 1  # the French opening and the one English paragraph
    assert max(len(text) for text in seen) == VECTOR_PARAGRAPH_CHARS
