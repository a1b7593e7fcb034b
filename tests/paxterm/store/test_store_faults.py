"""The project store under hostile conditions: two first runs at once, a read-only
file system, a full disk, a schema changed by hand, a garbage file retried.

Each ends in a clean result or one `Error:` line (no traceback), and loses nothing.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paxterm.cli import app
from paxterm.store import StoreCorruptError, open_store
from paxterm.store.connection import open_database
from tests.termbase_rows import read_rows, write_rows

runner = CliRunner()
REPOSITORY = Path(__file__).resolve().parents[3]

FRENCH = ("Le Conseil de sécurité s'est réuni le 10 juillet pour examiner la coopération triangulaire.\n\n"
          "Les pays fournisseurs de contingents ont pris la parole.\n")
ENGLISH = ("The Security Council met on 10 July to consider triangular cooperation.\n\n"
           "Troop-contributing countries took the floor.\n")


def small_corpus(folder: Path) -> Path:
    (folder / "fr").mkdir(parents=True)
    (folder / "en").mkdir()
    (folder / "fr" / "note.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "en" / "note.txt").write_text(ENGLISH, encoding="utf-8")
    return folder


def cli(*arguments: str | Path):
    result = runner.invoke(app, [str(argument) for argument in arguments])
    assert "Traceback" not in result.output
    return result


def error_line(result) -> str:
    """The one line a failing command prints: `Error: ...`."""
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return lines[0]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """A small corpus that `paxterm run` has aligned once: its store is complete."""
    corpus = small_corpus(tmp_path_factory.mktemp("faults") / "corpus")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PAXTERM_CACHE_DIR", str(cache_dir))
        result = runner.invoke(app, ["run", str(corpus), "-o", str(corpus.parent / "out"), "--no-glossary"])
    assert result.exit_code == 0, result.output
    return corpus


# --- two first runs at once -----------------------------------------------------------------------


def _open_after(path: Path, delay: float, barrier, results) -> None:
    barrier.wait()
    time.sleep(delay)
    try:
        open_database(path).close()
        results.put("ok")
    except Exception as error:  # what the test reports
        results.put(f"{type(error).__name__}: {error}")


def test_first_runs_at_once_all_find_one_healthy_store(tmp_path):
    # Four processes open a store that does not exist yet, a few milliseconds
    # apart: those that come while the first is creating it must wait for it,
    # not take its half-made file for a damaged store.
    context = multiprocessing.get_context("fork")
    for trial in range(8):
        path = tmp_path / f"corpus-{trial}" / ".paxterm" / "paxterm.db"
        barrier, results = context.Barrier(4), context.Queue()
        openers = [context.Process(target=_open_after, args=(path, 0.004 * (index + trial % 3), barrier, results))
                   for index in range(4)]
        for opener in openers:
            opener.start()
        for opener in openers:
            opener.join(timeout=60)
        assert [results.get(timeout=5) for _ in openers] == ["ok"] * 4
        assert not list(path.parent.glob("*.bak-*"))
    with open_store(path) as store:
        assert store.documents.all() == []


# --- a read-only file system ------------------------------------------------------------------------


@pytest.fixture()
def read_only_copy(project: Path, tmp_path: Path):
    """A copy of the project on a read-only file system (a read-only bind mount), else read-only files."""
    corpus = tmp_path / "share" / "corpus"
    shutil.copytree(project, corpus)
    share = corpus.parent
    if os.geteuid() == 0:  # permissions do not stop root: mount the folder read-only
        mounted = subprocess.run(["mount", "--bind", str(share), str(share)], capture_output=True).returncode == 0
        if not mounted or subprocess.run(["mount", "-o", "remount,bind,ro", str(share)],
                                         capture_output=True).returncode != 0:
            if mounted:
                subprocess.run(["umount", str(share)])
            pytest.skip("running as root without the right to mount: cannot make a read-only folder")
        yield corpus
        subprocess.run(["umount", str(share)], check=True)
        return
    for folder, _, files in os.walk(share):
        for name in files:
            os.chmod(Path(folder) / name, 0o444)
        os.chmod(folder, 0o555)
    yield corpus
    for folder, _, _ in os.walk(share):
        os.chmod(folder, 0o755)


def test_reading_commands_work_on_a_read_only_store(read_only_copy, tmp_path):
    status = cli("status", read_only_copy)
    assert status.exit_code == 0, status.output
    assert "Documents: 1 French, 1 English" in status.output
    found = cli("search", "coopération triangulaire", read_only_copy)
    assert found.exit_code == 0, found.output
    assert "triangular cooperation" in found.output


@pytest.mark.parametrize("command", ["run", "import"])
def test_writing_commands_on_a_read_only_store_say_so_and_how_to_proceed(read_only_copy, tmp_path, command):
    if command == "run":
        result = cli("run", read_only_copy, "-o", tmp_path / "out", "--no-glossary")
    else:
        reviewed = tmp_path / "reviewed.csv"
        reviewed.write_text("id,fr,en,status\nT00001,casque bleu,blue helmet,validated\n", encoding="utf-8")
        result = cli("termbase", "import", reviewed, read_only_copy)
    line = error_line(result)
    assert "read-only" in line and "--store" in line


# --- a full disk under --store ----------------------------------------------------------------------

RUN_UNDER_THE_LIMIT = """
import sys
from typer.testing import CliRunner
from paxterm.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
print(result.output, end="")
sys.exit(result.exit_code)
"""


# Writes past this offset fail: less than one SQLite page plus its WAL frame
# header, so the store's first write of the run fails.
FULL_AFTER_BYTES = 4096


def run_cli_with_full_disk(arguments: list[str], cache_dir: Path, limit: int | None):
    import resource
    import signal

    def limit_file_size() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-c", RUN_UNDER_THE_LIMIT, *arguments], cwd=REPOSITORY,
                          capture_output=True, text=True, preexec_fn=limit_file_size, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPOSITORY), "PAXTERM_CACHE_DIR": str(cache_dir)})


def test_a_full_disk_under_store_is_one_line_each_try_and_loses_nothing(project, tmp_path, cache_dir):
    corpus = tmp_path / "corpus"
    shutil.copytree(project, corpus)
    store = corpus / ".paxterm" / "paxterm.db"
    with sqlite3.connect(store) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # A new document to register and align: the store must grow, and cannot.
    (corpus / "fr" / "second.txt").write_text(FRENCH.replace("10 juillet", "3 juin"), encoding="utf-8")
    arguments = ["run", str(corpus), "-o", str(tmp_path / "out"), "--no-glossary"]
    for _ in range(2):  # the retry must not say "cannot rollback - no transaction is active"
        full = run_cli_with_full_disk(arguments, cache_dir, limit=FULL_AFTER_BYTES)
        assert full.returncode == 1, full.stdout + full.stderr
        assert "Traceback" not in full.stdout + full.stderr
        lines = full.stdout.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"Error: {store}: the disk is full"), full.stdout
        assert "rollback" not in full.stdout
    # Space again: the next run finishes, with the first document's alignment intact.
    done = run_cli_with_full_disk(arguments, cache_dir, limit=None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Documents: 2 French, 1 English" in done.stdout
    with open_store(store) as opened:
        assert {document.name for document in opened.documents.all()} == {"note.txt", "second.txt"}


# --- a schema changed by hand, garbage retried -----------------------------------------------------


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("DROP TABLE term_history", "table term_history is missing"),
        ("ALTER TABLE documents DROP COLUMN symbol", "table documents lacks column symbol"),
    ],
    ids=["table", "column"],
)
@pytest.mark.parametrize("command", ["status", "run"])
def test_a_schema_changed_by_hand_is_named_on_opening(project, tmp_path, change, named, command):
    corpus = tmp_path / "corpus"
    shutil.copytree(project, corpus)
    with sqlite3.connect(corpus / ".paxterm" / "paxterm.db") as connection:
        connection.execute(change)  # same user_version: only the check on opening can tell
    arguments = ["run", corpus, "-o", tmp_path / "out", "--no-glossary"] if command == "run" else ["status", corpus]
    line = error_line(cli(*arguments))
    assert named in line and "changed by hand?" in line


def test_a_garbage_store_gets_one_backup_however_often_it_is_tried(tmp_path):
    path = tmp_path / ".paxterm" / "paxterm.db"
    path.parent.mkdir()
    path.write_bytes(b"SQLite format 3\x00" + b"\x07garbage" * 4096)
    for _ in range(3):
        with pytest.raises(StoreCorruptError, match="a backup is at"):
            open_store(path)
    [backup] = path.parent.glob("paxterm.db.bak-*")
    assert backup.read_bytes() == path.read_bytes()


# --- reviewers' decisions under a full disk (issue 11, item 12) -------------------------------------


def _statuses(store: Path) -> dict[str, int]:
    with open_store(store) as opened:
        return opened.terms.status_counts()


def test_imports_under_a_full_disk_neither_half_apply_nor_revert_decisions(project, tmp_path, cache_dir,
                                                                           monkeypatch):
    monkeypatch.setenv("PAXTERM_CACHE_DIR", str(cache_dir))
    corpus = tmp_path / "corpus"
    shutil.copytree(project, corpus)
    store, out = corpus / ".paxterm" / "paxterm.db", tmp_path / "out"
    built = cli("run", corpus, "-o", out, "--all")
    assert built.exit_code == 0, built.output
    rows = read_rows(out / "termbase.csv")
    # An export in which another reviewer rejected the entry decided below: a conflict.
    conflicting = [dict(row) for row in rows]
    conflicting[0]["status"] = "rejected"
    old_export = write_rows(tmp_path / "old.csv", conflicting)
    assert len(rows) >= 2, rows
    rows[0]["status"] = "validated"
    decided = cli("termbase", "import", write_rows(tmp_path / "one.csv", rows), corpus)
    assert decided.exit_code == 0, decided.output
    before = _statuses(store)
    assert before.get("validated") == 1
    with sqlite3.connect(store) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # Every entry rejected, on a disk that cannot take the change: all or nothing.
    for row in rows:
        row["status"] = "rejected"
    everything = write_rows(tmp_path / "all.csv", rows)
    full = run_cli_with_full_disk(["termbase", "import", str(everything), str(corpus), "--force"],
                                  cache_dir, limit=FULL_AFTER_BYTES)
    assert full.returncode == 1 and "Traceback" not in full.stdout + full.stderr, full.stdout + full.stderr
    assert "the disk is full" in full.stdout + full.stderr
    assert _statuses(store) == before
    # The older export that changes the decided row is still refused, full disk or not, and reverts nothing.
    stale = run_cli_with_full_disk(["termbase", "import", str(old_export), str(corpus)],
                                   cache_dir, limit=FULL_AFTER_BYTES)
    assert stale.returncode == 1 and "--force" in stale.stdout + stale.stderr, stale.stdout + stale.stderr
    assert _statuses(store) == before
    # Space again: the same import goes through whole.
    done = cli("termbase", "import", everything, corpus, "--force")
    assert done.exit_code == 0, done.output
    assert _statuses(store).get("rejected") == len(rows) and not _statuses(store).get("validated")
