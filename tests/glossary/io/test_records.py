"""Reading alignment JSON lines into aligned segments."""

from __future__ import annotations

import json

import pytest

from aligner.errors import PaxtermError
from aligner.align.links import PARAGRAPH, SENTENCE, DocumentAlignment, Link
from glossary.io.records import AlignedSegment, read_alignment_records, segments_from_alignments


def _record(level: str, fr: str, en: str, *, en_doc: str | None = "en.txt", score: float = 0.9) -> dict:
    return {"fr_doc": "fr.txt", "en_doc": en_doc, "level": level, "fr_index": [0], "en_index": [0],
            "fr": fr, "en": en, "score": score, "flags": []}


def _write(path, records) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def test_sentence_records_are_read_and_paragraph_records_skipped(tmp_path):
    path = tmp_path / "alignments.jsonl"
    _write(path, [
        _record(PARAGRAPH, "La coopération triangulaire. Elle aide.", "Triangular cooperation. It helps."),
        _record(SENTENCE, "La coopération triangulaire.", "Triangular cooperation.", score=0.8),
        _record(SENTENCE, "Elle aide.", "It helps."),
    ])
    segments = read_alignment_records([path])
    assert [s.fr for s in segments] == ["La coopération triangulaire.", "Elle aide."]
    assert segments[0] == AlignedSegment("fr.txt", "en.txt", "La coopération triangulaire.",
                                         "Triangular cooperation.", 0.8, ())


def test_a_file_with_only_paragraph_records_gives_those(tmp_path):
    path = tmp_path / "paragraphs.jsonl"
    _write(path, [_record(PARAGRAPH, "Le Conseil de sécurité.", "The Security Council.")])
    assert [s.en for s in read_alignment_records([path])] == ["The Security Council."]


def test_french_only_records_keep_a_null_english_document(tmp_path):
    path = tmp_path / "fr-only.jsonl"
    _write(path, [_record(SENTENCE, "Les pays fournisseurs de contingents.", "", en_doc=None)])
    (segment,) = read_alignment_records([path])
    assert segment.en_doc is None and not segment.is_bilingual


def test_several_files_are_read_in_order(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    _write(first, [_record(SENTENCE, "Un.", "One.")])
    _write(second, [_record(SENTENCE, "Deux.", "Two.")])
    assert [s.en for s in read_alignment_records([first, second])] == ["One.", "Two."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "no alignment records"),
        ("\n\n", "no alignment records"),
        ('{"fr_doc": "a", "en_doc": "b", "level": "sentence", "fr": "", "en": ""}\n', "no alignment records"),
        ('{"fr_doc": "a", "en_doc": "b", "level": "sentence", "fr": "x", "en": "y"}\n{not json\n', "line 2"),
        ('["a list"]\n', "line 1"),
        ('{"fr_doc": "a", "level": "sentence", "fr": "x", "en": "y"}\n', "missing en_doc"),
        ('{"fr_doc": "a", "en_doc": "b", "level": "chapter", "fr": "x", "en": "y"}\n', "unknown level"),
        ('{"fr_doc": "a", "en_doc": "b", "level": "sentence", "fr": "x", "en": "y", "score": "high"}\n', "score"),
    ],
)
def test_bad_files_raise_a_clear_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PaxtermError, match=message) as error:
        read_alignment_records([path])
    assert str(path) in str(error.value)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(PaxtermError, match="no such alignment file"):
        read_alignment_records([tmp_path / "missing.jsonl"])


def test_a_binary_file_is_a_clear_error(tmp_path):
    path = tmp_path / "binary.jsonl"
    path.write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(PaxtermError, match="not UTF-8"):
        read_alignment_records([path])


def test_segments_from_alignments_carry_the_symbol_and_skip_empty_links():
    alignment = DocumentAlignment(
        fr_doc="fr.txt", en_doc="en.txt", fr_symbol="S/2025/341",
        sentence_links=(
            Link(SENTENCE, (0,), (0,), "Le Conseil de sécurité.", "The Security Council.", 0.9),
            Link(SENTENCE, (), (), "", "", 0.0),
        ),
    )
    (segment,) = segments_from_alignments([alignment])
    assert segment.document == "S/2025/341"
    assert segment.en == "The Security Council."
