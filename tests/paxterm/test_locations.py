"""paxterm/locations.py: the bundled corpus, project discovery, where each project's store lives."""

from __future__ import annotations

from pathlib import Path

import pytest

import paxterm
from paxterm import locations
from paxterm.errors import NotInProjectError
from paxterm.locations import (DATA_DIR_VARIABLE, bundled_corpus, bundled_store_path, corpus_to_add_to,
                               corpus_to_run, existing_project, find_project, store_path)
from paxterm.store import STORE_FOLDER, STORE_NAME


def make_project(folder: Path) -> Path:
    (folder / STORE_FOLDER).mkdir(parents=True)
    return folder


def test_the_bundled_corpus_is_the_repositorys_corpus_folder_in_a_checkout():
    # Tests run from the checkout: the wheel's paxterm/sample_corpus/ does not exist here.
    corpus = bundled_corpus()
    assert corpus == Path(paxterm.__file__).resolve().parent.parent / "corpus"
    assert sorted(path.name for path in corpus.iterdir() if path.is_dir()) == ["en", "fr"]


@pytest.mark.parametrize("below", ["", "fr", "fr/old/drafts"], ids=["project folder", "subfolder", "deeper"])
def test_a_project_is_found_from_its_folder_or_below(tmp_path, below):
    project = make_project(tmp_path / "mission")
    start = project / below
    start.mkdir(parents=True, exist_ok=True)
    assert find_project(start) == project.resolve()


def test_the_nearest_project_wins(tmp_path):
    outer = make_project(tmp_path / "outer")
    inner = make_project(outer / "inner")
    assert find_project(inner / STORE_FOLDER) == inner.resolve()
    assert find_project(outer) == outer.resolve()


def test_a_paxterm_file_is_not_a_project(tmp_path):
    # Only a .paxterm/ folder makes a project; the walk goes on upward past a stray file.
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / STORE_FOLDER).write_text("not a store", encoding="utf-8")
    assert find_project(tmp_path / "folder") is None


def test_no_project_outside_one(tmp_path):
    assert find_project(tmp_path) is None


def test_the_current_folder_is_where_the_search_starts(tmp_path, monkeypatch):
    project = make_project(tmp_path / "mission")
    (project / "en").mkdir()
    monkeypatch.chdir(project / "en")
    assert find_project() == project.resolve()
    assert corpus_to_run(None) == project.resolve()
    assert existing_project(None) == project.resolve()
    assert corpus_to_add_to(None) == project.resolve()


def test_a_given_corpus_wins_over_the_project_around(tmp_path, monkeypatch):
    monkeypatch.chdir(make_project(tmp_path / "mission"))
    other = tmp_path / "other"
    assert corpus_to_run(other) == existing_project(other) == corpus_to_add_to(other) == other


def test_outside_a_project_run_takes_the_bundled_corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert corpus_to_run(None) == bundled_corpus()


def test_outside_a_project_status_uses_the_bundled_store_only_once_it_exists(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NotInProjectError, match=r"paxterm run FOLDER"):
        existing_project(None)
    bundled_store_path().parent.mkdir(parents=True)
    bundled_store_path().write_bytes(b"")
    assert existing_project(None) == bundled_corpus()


def test_outside_a_project_add_says_how_to_start_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NotInProjectError, match=r"--to FOLDER"):
        corpus_to_add_to(None)


def test_the_bundled_corpus_store_lives_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "data"))
    expected = tmp_path / "data" / locations.BUNDLED_STORE_FOLDER / STORE_NAME
    assert store_path(bundled_corpus()) == expected
    # However the bundled corpus is named: through a relative path or a link.
    monkeypatch.chdir(bundled_corpus().parent)
    assert store_path(Path(bundled_corpus().name)) == expected
    (tmp_path / "link").symlink_to(bundled_corpus())
    assert store_path(tmp_path / "link") == expected


def test_without_the_variable_the_bundled_store_is_outside_the_package(monkeypatch):
    monkeypatch.delenv(DATA_DIR_VARIABLE, raising=False)
    path = store_path(bundled_corpus())
    package = Path(paxterm.__file__).resolve().parent
    assert not path.is_relative_to(package) and not path.is_relative_to(bundled_corpus())


def test_a_corpus_folder_keeps_its_store_inside(tmp_path):
    assert store_path(tmp_path / "mission") == tmp_path / "mission" / STORE_FOLDER / STORE_NAME


def test_a_given_store_wins(tmp_path):
    assert store_path(bundled_corpus(), tmp_path / "mine.db") == tmp_path / "mine.db"
    assert store_path(tmp_path / "mission", tmp_path / "mine.db") == tmp_path / "mine.db"
