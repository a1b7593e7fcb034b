"""Fixtures shared by the whole test suite."""

from pathlib import Path

import pytest

from aligner.embed import Embedder, load_embedder

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """paxterm's data folder (the bundled corpus's store): a fresh temporary one per test, never the user's."""
    folder = tmp_path_factory.mktemp("paxterm-data")
    monkeypatch.setenv("PAXTERM_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def use_embedder() -> Embedder:
    """The bundled multilingual USE, loaded once: loading and warming it is the slow part."""
    return load_embedder()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The bundled sample corpus (fr/ and en/ subfolders)."""
    return REPOSITORY / "corpus"
