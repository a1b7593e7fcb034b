"""Fixtures shared by the CLI and corpus tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedding cache in the session's temporary folder, so that the
    bundled corpus is embedded once per test session."""
    folder = tmp_path_factory.getbasetemp() / "paxterm-embedding-cache"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture
def private_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every embedding of a test out of the user's own cache."""
    monkeypatch.setenv("PAXTERM_CACHE_DIR", str(cache_dir))
