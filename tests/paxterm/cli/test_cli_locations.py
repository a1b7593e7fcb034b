"""Commands without a corpus argument, through Typer's runner: the project around the current
folder, else the bundled sample corpus, whose store lives in the data folder.

The bundled corpus is replaced by a small hand-built one (bundled_corpus() patched) so that
these tests stay fast; tests/paxterm/test_wheel.py runs the real one from an installed wheel.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from paxterm import locations
from paxterm.cli import app
from paxterm.locations import BUNDLED_STORE_FOLDER
from paxterm.store import STORE_FOLDER, STORE_NAME, default_store_path
from tests.paxterm.test_service import COOPERATION_EN, COOPERATION_FR, PROTECTION_FR, write_corpus

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("private_cache")


def invoke(*args: str | Path):
    return runner.invoke(app, [str(arg) for arg in args])


def files_under(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def assert_one_line_error(result, expected: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert expected in lines[0]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(locations.DATA_DIR_VARIABLE, str(folder))
    return folder


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for the bundled corpus."""
    folder = write_corpus(tmp_path / "site-packages" / "paxterm" / "sample_corpus",
                          ("fr/cooperation.txt", COOPERATION_FR), ("en/cooperation-en.txt", COOPERATION_EN))
    monkeypatch.setattr(locations, "bundled_corpus", lambda: folder)
    return folder


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder outside any project."""
    folder = tmp_path / "empty"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    corpus = write_corpus(tmp_path / "mission", ("fr/cooperation.txt", COOPERATION_FR),
                          ("en/cooperation-en.txt", COOPERATION_EN))
    result = invoke("run", corpus, "-o", tmp_path / "out", "--no-glossary")
    assert result.exit_code == 0, result.output
    return corpus


def test_run_outside_a_project_aligns_the_bundled_corpus_and_writes_only_here_and_in_the_data_folder(
        sample, empty, data_dir):
    before = files_under(sample)
    result = invoke("run", "--no-glossary")
    assert result.exit_code == 0, result.output
    assert "Paired: 1" in result.stdout
    assert (empty / "paxterm-output" / "alignments.jsonl").is_file()
    assert (data_dir / BUNDLED_STORE_FOLDER / STORE_NAME).is_file()
    assert files_under(sample) == before and not (sample / STORE_FOLDER).exists()
    # The same store again: nothing new.
    again = invoke("run", "--no-glossary")
    assert again.exit_code == 0 and "Nothing new" in again.stdout, again.output


def test_status_and_search_outside_a_project_use_the_bundled_store_once_run(sample, empty, data_dir):
    invoke("run", "--no-glossary")
    status = invoke("status")
    assert status.exit_code == 0, status.output
    assert status.stdout.splitlines()[0] == f"Store: {data_dir / BUNDLED_STORE_FOLDER / STORE_NAME}"
    search = invoke("search", "coopération triangulaire", "--json")
    assert search.exit_code == 0, search.output
    assert '"fr_doc": "cooperation.txt"' in search.stdout


@pytest.mark.parametrize("command", [["status"], ["search", "coopération triangulaire"]], ids=["status", "search"])
def test_outside_a_project_before_any_run_they_say_how_to_start_one(sample, empty, data_dir, command):
    result = invoke(*command)
    assert_one_line_error(result, "is not in a paxterm project")
    assert "`paxterm run FOLDER`" in result.stderr
    assert not data_dir.exists()


@pytest.mark.parametrize("below", ["", "en"], ids=["project folder", "subfolder"])
def test_commands_in_a_project_folder_find_its_store(project, monkeypatch, below):
    monkeypatch.chdir(project / below)
    status = invoke("status")
    assert status.exit_code == 0, status.output
    assert status.stdout.splitlines()[:2] == [f"Store: {default_store_path(project.resolve())}",
                                              "Documents: 1 French, 1 English"]
    search = invoke("search", "pays fournisseurs de contingents")
    assert search.exit_code == 0, search.output
    run = invoke("run", "--no-glossary")
    assert run.exit_code == 0 and "Nothing new: 2 documents unchanged" in run.stdout, run.output
    # Results go to the current folder, as everywhere.
    assert (project / below / "paxterm-output" / "alignments.jsonl").is_file()


def test_add_in_a_project_subfolder_adds_to_the_project(project, tmp_path, monkeypatch):
    inbox = write_corpus(tmp_path / "inbox", ("protection.txt", PROTECTION_FR))
    monkeypatch.chdir(project / "en")
    result = invoke("add", inbox / "protection.txt")
    assert result.exit_code == 0, result.output
    assert (project / "fr" / "protection.txt").read_text(encoding="utf-8") == PROTECTION_FR


def test_add_outside_a_project_says_how_to_start_one(sample, empty, tmp_path):
    inbox = write_corpus(tmp_path / "inbox", ("protection.txt", PROTECTION_FR))
    before = files_under(sample)
    result = invoke("add", inbox / "protection.txt")
    assert_one_line_error(result, "--to FOLDER")
    assert files_under(sample) == before and files_under(empty) == {}


def test_add_never_writes_into_the_bundled_corpus(sample, empty, tmp_path, data_dir):
    inbox = write_corpus(tmp_path / "inbox", ("protection.txt", PROTECTION_FR))
    before = files_under(sample)
    result = invoke("add", inbox / "protection.txt", "--to", sample)
    assert_one_line_error(result, "is the bundled sample corpus")
    assert files_under(sample) == before
    assert not data_dir.exists()


def test_add_to_a_new_folder_starts_a_project_that_commands_inside_it_find(tmp_path, monkeypatch):
    # The README's workflow: `paxterm add FILES --to mission`, `cd mission`, `paxterm run`, `paxterm status`.
    inbox = write_corpus(tmp_path / "inbox", ("cooperation.txt", COOPERATION_FR),
                         ("cooperation-en.txt", COOPERATION_EN))
    monkeypatch.chdir(tmp_path)
    added = invoke("add", inbox / "cooperation.txt", inbox / "cooperation-en.txt", "--to", "mission")
    assert added.exit_code == 0, added.output
    monkeypatch.chdir(tmp_path / "mission")
    run = invoke("run", "--no-glossary")
    assert run.exit_code == 0, run.output
    assert "  cooperation.txt <-> cooperation-en.txt (by symbol)" in run.stdout.splitlines()
    status = invoke("status", "--json")
    assert status.exit_code == 0, status.output
    assert '"store": "' + str(default_store_path((tmp_path / "mission").resolve())) + '"' in status.stdout
