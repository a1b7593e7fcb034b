"""Spreadsheet formula-injection neutralising and XML-illegal character stripping."""

from __future__ import annotations

import pytest

from aligner.export.safe_text import neutralise_cell, strip_xml_illegal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"),
        ("- la Mission a été déployée", "'- la Mission a été déployée"),
        ("@cmd", "'@cmd"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        # a control character that XLSX cannot store is dropped, then the trigger behind it is caught
        ("\x01=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ],
)
def test_formula_triggers_get_a_leading_apostrophe(text: str, expected: str) -> None:
    assert neutralise_cell(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "coopération triangulaire",
        "pays fournisseurs de contingents",
        "A/79/923",
        "Le total = 12",  # an equals sign inside the text is harmless
        " =SUM(A1)",  # a leading space makes it text in every spreadsheet program
        "'déjà cité'",
        "",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralise_cell(text) == text


def test_strip_xml_illegal_keeps_tab_newline_and_non_ascii() -> None:
    assert strip_xml_illegal("a\x00b\x0bc\td\ne\rf «é» \ufffe\U0001f600") == "abc\td\ne\rf «é» \U0001f600"
