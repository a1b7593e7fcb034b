"""What every term base file carries about its origin: a date, and no path of the machine it was made on."""

from __future__ import annotations

import pytest

from glossary.termbase import TermBase, TermEntry
from glossary.io.files import public_corpus_name, read_termbase, write_termbase

ENTRIES = (TermEntry(id="T0001", fr="opération de paix", en="peace operation"),)


@pytest.mark.parametrize(
    ("corpus", "expected"),
    [
        ("/home/marie/dossiers/corpus-minusma", "corpus-minusma"),
        ("/home/marie/dossiers/corpus-minusma/", "corpus-minusma"),
        ("C:\\Users\\marie\\corpus", "corpus"),
        ("~/corpus", "corpus"),
        ("corpus/ (2 French, 2 English documents)", "corpus/ (2 French, 2 English documents)"),  # not a path
        ("corpus", "corpus"),
        ("", ""),
    ],
)
def test_public_corpus_name_drops_the_machine_s_folders(corpus, expected):
    assert public_corpus_name(corpus) == expected


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".tbx"])
def test_no_file_carries_the_absolute_corpus_path(tmp_path, suffix):
    corpus = str(tmp_path / "secret-folder" / "corpus-minusma")
    path = write_termbase(TermBase(ENTRIES, corpus=corpus), tmp_path / f"termbase{suffix}")
    raw = path.read_bytes()
    assert b"secret-folder" not in raw and str(tmp_path).encode() not in raw
    if suffix == ".xlsx":
        import zipfile

        with zipfile.ZipFile(path) as archive:
            assert not any(b"secret-folder" in archive.read(name) for name in archive.namelist())
    if suffix != ".csv":  # CSV has no place for the corpus
        assert read_termbase(path).corpus == "corpus-minusma"
