"""The project store on its own: creating, reopening, migrating, refusing newer or damaged
files, one writer at a time, all-or-nothing writes, the embeddings table. No embedding here.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from aligner.read.document import Document, Paragraph
from aligner.align.links import PARAGRAPH, SENTENCE, DocumentAlignment, Link
from paxterm.store import connection as store_module
from paxterm.store.schema import SCHEMA_V1
from paxterm.store import (SCHEMA_VERSION, StoreBusyError, StoreCorruptError, StoreError,
                           StoreMissingError, StoreVersionError, open_store)

REPOSITORY = Path(__file__).resolve().parents[3]


def french_document(name: str = "note.txt") -> Document:
    return Document(Path(name), "fr", (
        Paragraph("Rapport du Secrétaire général", heading=True),
        Paragraph("Le Conseil s'est réuni. Il a adopté la résolution 2719 (2023).", number="1."),
    ), symbol="S/2025/100", symbols=("S/2025/100",))


def alignment(fr_doc: str, en_doc: str | None, text: str = "Le Conseil s'est réuni.") -> DocumentAlignment:
    links = (Link(SENTENCE, (0,), (0,) if en_doc else (), text, "The Council met." if en_doc else "", 0.9,
                  () if en_doc else ("no_original",)),)
    return DocumentAlignment(fr_doc, en_doc, (Link(PARAGRAPH, (0,), (0,), text, "The Council met.", 0.9),), links)


def register(project, relative: str, language: str = "fr") -> int:
    document = french_document(relative) if language == "fr" else Document(
        Path(relative), "en", (Paragraph("The Council met."),), symbol="S/2025/100")
    return project.documents.save(relative, document, content_hash=f"hash-{relative}", size=10, mtime_ns=1)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "project" / ".paxterm" / "paxterm.db"


# --- creating and reopening ------------------------------------------------------------------------


def test_a_new_store_is_created_with_the_current_schema_in_wal_mode(db_path):
    with open_store(db_path) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert project._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in project._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"documents", "segments", "pairs", "links", "embeddings", "term_entries", "term_history",
            "term_candidates"} <= tables


def test_documents_and_their_segments_survive_reopening(db_path):
    with open_store(db_path) as project:
        document_id = register(project, "fr/note.txt")
    with open_store(db_path) as project:
        [stored] = project.documents.all()
        assert (stored.path, stored.language, stored.symbols, stored.name) == (
            "fr/note.txt", "fr", ("S/2025/100",), "note.txt")
        rebuilt = project.documents.load(document_id, Path("/corpus"))
        assert rebuilt.paragraphs == french_document().paragraphs
        assert rebuilt.path == Path("/corpus/fr/note.txt")
        assert project.documents.segments(document_id, SENTENCE) == [
            "Rapport du Secrétaire général", "Le Conseil s'est réuni.", "Il a adopté la résolution 2719 (2023)."]


def test_opening_a_missing_store_without_create_says_to_run_first(db_path):
    with pytest.raises(StoreMissingError, match="paxterm run"):
        open_store(db_path, create=False)
    assert not db_path.exists()


# --- versions and migrations -----------------------------------------------------------------------


def test_a_store_from_a_newer_paxterm_is_refused(db_path):
    open_store(db_path).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreVersionError, match="was written by a newer paxterm"):
        open_store(db_path)


def test_an_older_store_is_migrated_step_by_step_after_a_backup(db_path, monkeypatch):
    with open_store(db_path) as project:
        register(project, "fr/note.txt")

    def add_reviewer_column(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE term_entries ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''")

    # A future schema 2, as a release that changes the schema would declare it.
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(store_module, "MIGRATIONS", {SCHEMA_VERSION: add_reviewer_column})
    with open_store(db_path) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        columns = {row[1] for row in project._db.execute("PRAGMA table_info(term_entries)")}
        assert "reviewer" in columns
        assert [d.path for d in project.documents.all()] == ["fr/note.txt"]
    [backup] = db_path.parent.glob("paxterm.db.bak-*")
    with sqlite3.connect(backup) as connection:  # the copy is the store as it was before
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("SELECT path FROM documents").fetchall() == [("fr/note.txt",)]


def test_a_version_1_store_is_migrated_to_keep_term_candidates(db_path):
    # A store as the first release wrote it, with one document in it.
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as connection:
        connection.executescript(SCHEMA_V1)
        connection.execute("PRAGMA user_version = 1")
        connection.execute("INSERT INTO documents (path, language, content_hash, size, mtime_ns, added_at, updated_at) "
                           "VALUES ('fr/note.txt', 'fr', 'h', 1, 1, 'now', 'now')")
    connection.close()
    with open_store(db_path) as project:
        assert project._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
        assert [d.path for d in project.documents.all()] == ["fr/note.txt"]
        # version 4: entries carry a termhood
        columns = {row[1] for row in project._db.execute("PRAGMA table_info(term_entries)")}
        assert "termhood" in columns
        project.candidates.save("f1", "note.txt", "[]", "[]")
        assert project.candidates.get(["f1"]) == {"f1": ("note.txt", "[]", "[]")}
        assert project._db.execute("SELECT count(*) FROM kept_reviews").fetchone()[0] == 0  # schema 4's table
    [backup] = db_path.parent.glob("paxterm.db.bak-*")
    with sqlite3.connect(backup) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    connection.close()


def test_a_failed_migration_leaves_the_store_as_it_was_and_names_the_backup(db_path, monkeypatch):
    open_store(db_path).close()

    def broken(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE documents ADD COLUMN checked INTEGER")
        connection.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(store_module, "MIGRATIONS", {SCHEMA_VERSION: broken})
    with pytest.raises(StoreError, match=r"a backup|before the upgrade is at .*bak-") as raised:
        open_store(db_path)
    assert "could not upgrade" in str(raised.value)
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "checked" not in {row[1] for row in connection.execute("PRAGMA table_info(documents)")}


# --- damaged files -----------------------------------------------------------------------------------


def test_a_file_that_is_not_sqlite_is_refused_and_backed_up(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"these are my notes, not a database\n" * 20)
    with pytest.raises(StoreCorruptError, match=r"is not a paxterm project store \(corrupted\?\); a backup is at") as raised:
        open_store(db_path)
    backup = Path(str(raised.value).split("a backup is at ")[1].split(";")[0])
    assert backup.read_bytes() == db_path.read_bytes()


def test_a_damaged_sqlite_store_is_detected_on_opening(db_path):
    with open_store(db_path) as project:
        for number in range(300):
            register(project, f"fr/note-{number}.txt")
        project._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    # Keep the header page, scribble over the pages after it.
    data[4096:4096 * 6] = b"\xde\xad\xbe\xef" * (4096 * 5 // 4)
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreCorruptError, match="corrupted") as raised:
        open_store(db_path)
    assert "a backup is at" in str(raised.value)
    assert list(db_path.parent.glob("paxterm.db.bak-*"))


def test_an_sqlite_file_of_another_program_is_not_taken_for_a_store(db_path):
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE photos (name TEXT)")
    with pytest.raises(StoreCorruptError, match="not a paxterm project store"):
        open_store(db_path)


# --- one writer at a time ------------------------------------------------------------------------------


def test_a_second_writer_in_the_same_process_is_refused_after_waiting(db_path):
    first, second = open_store(db_path), open_store(db_path)
    try:
        first._db.acquire_writer_lock()
        started = time.monotonic()
        with pytest.raises(StoreBusyError, match="in use by another paxterm process"):
            second._db.acquire_writer_lock(timeout=0.3)
        assert time.monotonic() - started >= 0.3
        first._db.release_writer_lock()
        second._db.acquire_writer_lock(timeout=0.3)  # free now
    finally:
        first.close()
        second.close()


def test_a_writer_waits_for_another_thread_to_finish(db_path):
    first, second = open_store(db_path), open_store(db_path)
    first._db.acquire_writer_lock()
    releaser = threading.Timer(0.3, first._db.release_writer_lock)
    releaser.start()
    try:
        second._db.acquire_writer_lock(timeout=5)  # succeeds once the first lets go
    finally:
        releaser.join()
        first.close()
        second.close()


HOLD_THE_LOCK = textwrap.dedent("""
    import sys, time
    from paxterm.store import open_store
    store = open_store(sys.argv[1])
    store._db.acquire_writer_lock()
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    store.close()
""")


@pytest.mark.parametrize(("timeout", "refused"), [(0.2, True), (15.0, False)], ids=["refuses", "waits"])
def test_a_writer_in_another_process_blocks_this_one(db_path, timeout, refused):
    open_store(db_path).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK, str(db_path), "1.0"],
                              stdout=subprocess.PIPE, text=True, cwd=REPOSITORY)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with open_store(db_path) as project:
            if refused:
                with pytest.raises(StoreBusyError):
                    project._db.acquire_writer_lock(timeout=timeout)
            else:
                project._db.acquire_writer_lock(timeout=timeout)
                assert holder.wait(timeout=10) == 0  # it finished before we got the lock
    finally:
        holder.wait(timeout=10)


# --- all or nothing ----------------------------------------------------------------------------------


def test_a_failure_while_writing_an_alignment_keeps_the_previous_one(db_path, monkeypatch):
    with open_store(db_path) as project:
        fr_id = register(project, "fr/note.txt")
        en_id = register(project, "en/note.txt", "en")
        project.links.save_alignment(fr_id, en_id, alignment("note.txt", "note.txt"), method="symbol", similarity=0.9)
        before = list(project.links.iter_links())

        def fail(*args, **kwargs):
            raise RuntimeError("killed half-way")

        monkeypatch.setattr(project.settings, "bump_alignment_generation", fail)
        with pytest.raises(RuntimeError):
            project.links.save_alignment(fr_id, None, alignment("note.txt", None, "Autre texte."))
        assert list(project.links.iter_links()) == before
        assert [(p.fr_doc, p.en_doc, p.method) for p in project.links.pairs()] == [("note.txt", "note.txt", "symbol")]


def test_a_changed_document_loses_its_alignment_and_its_partner_becomes_free(db_path):
    with open_store(db_path) as project:
        fr_id = register(project, "fr/note.txt")
        en_id = register(project, "en/note.txt", "en")
        project.links.save_alignment(fr_id, en_id, alignment("note.txt", "note.txt"))
        generation = project.settings.alignment_generation()
        project.documents.save("en/note.txt", None, content_hash="new", size=1, mtime_ns=2, skipped_reason="bad")
        assert project.links.pairs() == []
        assert list(project.links.iter_links()) == []
        assert project.settings.alignment_generation() > generation
        assert project.documents.segments(en_id) == []


def test_removing_a_document_drops_its_segments_and_links(db_path):
    with open_store(db_path) as project:
        fr_id = register(project, "fr/note.txt")
        project.links.save_alignment(fr_id, None, alignment("note.txt", None))
        project.documents.remove(fr_id)
        assert project.documents.all() == []
        for table in ("segments", "links", "pairs"):
            assert project._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_iter_links_yields_the_concordance_view_of_one_level(db_path):
    with open_store(db_path) as project:
        fr_id = register(project, "fr/note.txt")
        en_id = register(project, "en/orig.txt", "en")
        project.links.save_alignment(fr_id, en_id, alignment("note.txt", "orig.txt"))
        [link] = project.links.iter_links(SENTENCE)
        assert (link.fr_doc, link.en_doc, link.fr_index, link.en_index, link.fr, link.en, link.score) == (
            "note.txt", "orig.txt", (0,), (0,), "Le Conseil s'est réuni.", "The Council met.", 0.9)
        assert [link.level for link in project.links.alignments()[0].paragraph_links] == [PARAGRAPH]


# --- embeddings ----------------------------------------------------------------------------------------


class DictCache:
    def __init__(self) -> None:
        self.vectors: dict[tuple[str, str], np.ndarray] = {}

    def get_many(self, model, texts):
        return {t: self.vectors[(model, t)] for t in texts if (model, t) in self.vectors}

    def put_many(self, model, texts, vectors):
        self.vectors.update({(model, t): v for t, v in zip(texts, vectors)})


def test_embeddings_are_kept_per_model_and_borrowed_from_the_shared_cache(db_path):
    shared = DictCache()
    shared.put_many("use", ["from elsewhere"], np.ones((1, 3), dtype=np.float32))
    with open_store(db_path) as project:
        cache = project.embeddings(fallback=shared)
        cache.put_many("use", ["bonjour"], np.array([[0.6, 0.8, 0.0]], dtype=np.float32))
        found = cache.get_many("use", ["bonjour", "from elsewhere", "unknown"])
        assert set(found) == {"bonjour", "from elsewhere"}
        assert cache.get_many("st:other", ["bonjour"]) == {}
    with open_store(db_path) as project:  # the borrowed vector is now the project's own
        found = project.embeddings().get_many("use", ["bonjour", "from elsewhere"])
        np.testing.assert_allclose(found["bonjour"], [0.6, 0.8, 0.0])
        assert set(found) == {"bonjour", "from elsewhere"}
    assert ("use", "bonjour") in shared.vectors


def test_term_candidates_are_found_by_fingerprint_and_pruned_to_those_kept(db_path):
    with open_store(db_path) as project:
        for key in ("old", "kept", "new"):
            project.candidates.save(key, f"{key}.txt", f'[{{"fr": "{key}"}}]', "[]")
        project.candidates.save("new", "new.txt", "[]", "[]")  # extracted again: replaced
        assert project.candidates.get(["kept", "new", "missing"]) == {
            "kept": ("kept.txt", '[{"fr": "kept"}]', "[]"), "new": ("new.txt", "[]", "[]")}
        assert project.candidates.keep({"kept", "new"}) == 1
        assert project.candidates.get(["old", "kept", "new"]).keys() == {"kept", "new"}
