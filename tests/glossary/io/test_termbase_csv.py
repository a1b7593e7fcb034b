"""The CSV term base: exact header, neutralised text, forgiving reading, clear errors."""

from __future__ import annotations

import pytest

from glossary.io.table import UnreadableRowsError
from glossary.termbase import MalformedTermBaseError, TermBase, TermEntry
from glossary.io.files import read_termbase, write_termbase

HEADER = "id,fr,en,fr_variants,en_variants,pos,fr_frequency,en_frequency,confidence,status,fr_context,en_context,sources,termhood"


def write_text(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "terms.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_header_and_rows_as_written(tmp_path):
    termbase = TermBase((
        TermEntry(
            id="T0001", fr="coopération triangulaire", en="triangular cooperation",
            fr_variants=("coopération trilatérale", "coopération « triangulaire »"),
            fr_frequency=2, en_frequency=3, confidence=0.75, status="validated",
            fr_context="Elle a dit : « oui, la coopération triangulaire ».", sources=("A/79/923", "S/2025/341"),
        ),
    ))
    path = write_termbase(termbase, tmp_path / "terms.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the accents right only with a byte-order mark
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == HEADER
    assert lines[1] == (
        "T0001,coopération triangulaire,triangular cooperation,"
        "coopération trilatérale | coopération « triangulaire »,,noun,2,3,0.75,validated,"
        "\"Elle a dit : « oui, la coopération triangulaire ».\",,A/79/923 | S/2025/341,0.0"
    )


def test_formula_like_text_is_neutralised_in_the_file_and_restored_on_reading(tmp_path):
    termbase = TermBase((TermEntry(id="T0001", fr="=cmd", en="-1 troop", fr_context="@SUM(A1)"),))
    path = write_termbase(termbase, tmp_path / "terms.csv")
    row = path.read_text(encoding="utf-8-sig").splitlines()[1].split(",")
    assert row[1:3] == ["'=cmd", "'-1 troop"]
    assert row[10] == "'@SUM(A1)"
    assert read_termbase(path).entries == termbase.entries


def test_a_byte_order_mark_is_accepted(tmp_path):
    path = write_text(tmp_path, f"{HEADER}\nT0001,paix,peace,,,noun,1,1,0.5,validated,,,\n", "utf-8-sig")
    assert read_termbase(path).entries[0].fr == "paix"


def test_semicolons_and_decimal_commas_from_french_excel(tmp_path):
    path = write_text(tmp_path, "id;fr;en;confidence;status\nT0007;opération de paix;peace operation;0,85;Validated\n")
    (entry,) = read_termbase(path).entries
    assert (entry.id, entry.fr, entry.en, entry.confidence, entry.status) == (
        "T0007", "opération de paix", "peace operation", 0.85, "validated",
    )


def test_a_two_column_glossary_gets_ids_and_defaults(tmp_path):
    path = write_text(tmp_path, "fr,en\ncasque bleu,blue helmet\n\n,\nmandat,mandate\n")
    read = read_termbase(path)
    assert [(e.id, e.fr, e.en, e.status, e.pos, e.confidence) for e in read.entries] == [
        ("T0001", "casque bleu", "blue helmet", "candidate", "noun", 0.0),
        ("T0002", "mandat", "mandate", "candidate", "noun", 0.0),
    ]


def test_generated_ids_skip_the_ids_already_used(tmp_path):
    path = write_text(tmp_path, "id,fr,en\n,paix,peace\nT0001,guerre,war\n")
    assert [e.id for e in read_termbase(path).entries] == ["T0002", "T0001"]


@pytest.mark.parametrize(
    ("status_cell", "expected"),
    [
        ("validated", "validated"),
        (" REJECTED ", "rejected"),
        ("", "candidate"),
        ("reference", "reference"),
        # French status words, as a French terminologist types them
        ("validé", "validated"),
        ("Validée", "validated"),
        (" REJETÉ ", "rejected"),
        ("rejetée", "rejected"),
        ("candidat", "candidate"),
        ("Référence", "reference"),
        ("reference ", "reference"),
    ],
)
def test_status_cells_are_normalised(tmp_path, status_cell, expected):
    path = write_text(tmp_path, f"fr,en,status\npaix,peace,{status_cell}\n")
    assert read_termbase(path).entries[0].status == expected


@pytest.mark.parametrize("unknown", ["approved", "ok", "validate", "refusé"])
def test_an_unknown_status_refuses_the_whole_file_naming_the_row_and_the_allowed_words(tmp_path, unknown):
    path = write_text(tmp_path, f"fr,en,status\npaix,peace,validated\nguerre,war,{unknown}\n")
    with pytest.raises(UnreadableRowsError) as caught:
        read_termbase(path)
    message = str(caught.value)
    assert f"row 3: status '{unknown}' is not one of" in message
    assert "candidate, validated, rejected, reference" in message and "validé" in message
    assert "nothing was imported" in message and "row 2" not in message


def test_every_unreadable_row_is_named_in_one_message(tmp_path):
    path = write_text(tmp_path, "fr,en,status,confidence\na,b,approved,0.5\nc,d,,high\ne,f,validé,0.1\ng,h,done,2\n")
    with pytest.raises(UnreadableRowsError) as caught:
        read_termbase(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: 3 rows cannot be imported")
    assert "row 2: status 'approved'" in message
    assert "row 3: confidence 'high' is not a number" in message
    assert "row 5: status 'done'" in message and "row 4" not in message


def test_the_revision_stamp_travels_in_its_own_column_and_reads_back(tmp_path):
    termbase = TermBase((TermEntry(id="T0001", fr="paix", en="peace"),), revision="42")
    path = write_termbase(termbase, tmp_path / "terms.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == HEADER + ",revision" and lines[1].endswith(",42")
    assert read_termbase(path).revision == "42"
    unstamped = write_termbase(TermBase(termbase.entries), tmp_path / "plain.csv")
    assert unstamped.read_text(encoding="utf-8-sig").splitlines()[0] == HEADER
    assert read_termbase(unstamped).revision == ""


@pytest.mark.parametrize(
    ("pos_cell", "expected"),
    [("", "noun"), ("adjective", "adjective"), ("Proper noun", "properNoun"), ("ADJ", "adjective"), ("preposition", "other")],
)
def test_part_of_speech_cells_are_mapped_to_the_picklist(tmp_path, pos_cell, expected):
    path = write_text(tmp_path, f"fr,en,pos\npaix,peace,{pos_cell}\n")
    assert read_termbase(path).entries[0].pos == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("  \n\n", "the file is empty"),
        ("id,fr,status\nT0001,paix,validated\n", "missing column 'en' \\(English\\)"),
        ("coopération,cooperation\npaix,peace\n", "missing column 'fr' \\(French\\), 'en' \\(English\\)"),
        ("fr,en,confidence\npaix,peace,high\n", "row 2: confidence 'high' is not a number"),
        ("fr,en,confidence\npaix,peace,1.5\n", "row 2: term entry 'T0001' has confidence 1.5"),
        ("fr,en,fr_frequency\npaix,peace,2.5\n", "row 2: fr_frequency '2.5' is not a whole number"),
        ("id,fr,en\nT0001,paix,peace\nT0001,guerre,war\n", "'T0001' is used by more than one entry"),
        ('fr,en\n"paix,peace\n', "not a readable CSV"),
    ],
)
def test_bad_csv_is_a_one_line_error_naming_the_file(tmp_path, text, message):
    path = write_text(tmp_path, text)
    with pytest.raises(MalformedTermBaseError, match=message) as caught:
        read_termbase(path)
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("fr,en\nopération,operation\n".encode("latin-1"), "not UTF-8"),
        (b"PK\x03\x04\x00\x00binary", "binary file"),
    ],
)
def test_undecodable_csv_is_refused(tmp_path, content, message):
    path = tmp_path / "terms.csv"
    path.write_bytes(content)
    with pytest.raises(MalformedTermBaseError, match=message):
        read_termbase(path)
