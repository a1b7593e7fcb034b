"""Check reports written and read back: JSONL records, the XLSX workbook, the HTML page;
wrong suffixes and failed writes leave nothing behind."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from lxml import html

from aligner.errors import OutputFormatError
from glossary.check import report as check_export
from glossary.check.findings import INCONSISTENT, MISSING, VARIANT, CheckReport, Finding
from glossary.check.report import FINDINGS_SHEET, KIND_COLOURS, SUMMARY_SHEET, highlighted, write_check_report

MISSING_FINDING = Finding(
    fr_doc="fr.txt", en_doc="en.txt", fr_index=(3,), en_index=(3, 4),
    fr="Les pays fournisseurs de contingents ont été consultés.", en="=SUM(A1) The contributors were consulted.",
    fr_term="pays fournisseur de contingents", expected_en="troop-contributing country", found_en="",
    kind=MISSING, entry_id="T0001", note="the English lacks it", fr_spans=((4, 36),),
)
VARIANT_FINDING = Finding(
    fr_doc="fr.txt", en_doc="en.txt", fr_index=(5,), en_index=(5,),
    fr="La <b>coopération</b> triangulaire & co.", en="Three-way <script>alert(1)</script> cooperation.",
    fr_term="coopération triangulaire", expected_en="triangular cooperation", found_en="three-way cooperation",
    kind=VARIANT, entry_id="T0002", en_spans=((0, 9), (36, 47)),
)
REPORT = CheckReport((MISSING_FINDING, VARIANT_FINDING), entries_checked=12, links_checked=40,
                     documents=(("fr.txt", "en.txt"),))
EMPTY = CheckReport((), entries_checked=12, links_checked=40, documents=(("fr.txt", "en.txt"),))


def test_jsonl_holds_one_record_per_finding_with_exactly_the_documented_keys(tmp_path: Path):
    path = write_check_report(REPORT, tmp_path / "check.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [list(record) for record in records] == [
        ["fr_doc", "en_doc", "fr_index", "en_index", "fr", "en", "fr_term", "expected_en", "found_en", "kind",
         "missing_in", "note"]
    ] * 2
    assert records[0]["en_index"] == [3, 4]
    assert records[0]["en"] == "=SUM(A1) The contributors were consulted."  # data, not neutralised
    assert [record["kind"] for record in records] == [MISSING, VARIANT]


def test_jsonl_of_no_findings_is_an_empty_file(tmp_path: Path):
    assert write_check_report(EMPTY, tmp_path / "check.jsonl").read_text(encoding="utf-8") == ""


def test_xlsx_findings_sheet_is_styled_and_neutralised(tmp_path: Path):
    workbook = openpyxl.load_workbook(write_check_report(REPORT, tmp_path / "check.xlsx"))
    assert workbook.sheetnames == [FINDINGS_SHEET, SUMMARY_SHEET]
    sheet = workbook[FINDINGS_SHEET]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:5] == ["#", "Kind", "French term", "Expected English", "Found English"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headers))}3"
    rows = [dict(zip(headers, (cell.value for cell in row))) for row in sheet.iter_rows(min_row=2)]
    assert [row["Kind"] for row in rows] == [MISSING, VARIANT]
    assert rows[0]["English"] == "'=SUM(A1) The contributors were consulted."
    assert rows[0]["English #"] == "3, 4"
    kind_column = headers.index("Kind") + 1
    fills = [sheet.cell(row=row, column=kind_column).fill.fgColor.rgb for row in (2, 3)]
    assert fills == ["00" + KIND_COLOURS[MISSING], "00" + KIND_COLOURS[VARIANT]]
    assert sheet.cell(row=2, column=headers.index("French") + 1).alignment.wrap_text


def test_xlsx_summary_counts_findings_per_kind(tmp_path: Path):
    workbook = openpyxl.load_workbook(write_check_report(REPORT, tmp_path / "check.xlsx"))
    values = {row[0]: row[1] for row in workbook[SUMMARY_SHEET].iter_rows(min_row=2, values_only=True)}
    assert values[f"{MISSING} findings"] == 1
    assert values[f"{VARIANT} findings"] == 1
    assert values[f"{INCONSISTENT} findings"] == 0
    assert values["Term entries checked"] == 12
    assert values["Document pair"] == "fr.txt <-> en.txt"


def test_html_highlights_terms_and_escapes_everything(tmp_path: Path):
    page = html.fromstring(write_check_report(REPORT, tmp_path / "check.html").read_bytes())
    assert page.xpath("//script") == []  # the English text's <script> stayed text
    assert page.xpath("//td//b") == []
    marks = [mark.text_content() for mark in page.xpath("//mark")]
    assert marks == ["pays fournisseurs de contingents", "Three-way", "cooperation"]
    rows = page.xpath("//table[@class='findings']/tbody/tr")
    assert [row.get("class") for row in rows] == [MISSING, VARIANT]
    assert "<script>alert(1)</script>" in rows[1].text_content()
    assert page.xpath("//link") == [] and page.xpath("//img") == []  # self-contained


@pytest.mark.parametrize(("text", "spans", "expected"), [
    ("a < b", (), "a &lt; b"),
    ("abc def", ((0, 3),), "<mark>abc</mark> def"),
    ("abc def", ((0, 3), (2, 7)), "<mark>abc def</mark>"),  # overlapping spans merge
    ("x & y", ((4, 5),), "x &amp; <mark>y</mark>"),
], ids=["escaped", "one-span", "overlap", "escaped-around-span"])
def test_highlighted(text, spans, expected):
    assert highlighted(text, spans) == expected


@pytest.mark.parametrize("name", ["check.csv", "check", "check.XLS"])
def test_a_wrong_suffix_is_refused_and_writes_nothing(tmp_path: Path, name: str):
    with pytest.raises(OutputFormatError, match=r"use one of \.xlsx \.html \.jsonl"):
        write_check_report(REPORT, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_report_and_no_partial_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "check.jsonl"
    target.write_text("old\n", encoding="utf-8")

    def half_then_fail(report, path):
        path.write_text('{"fr_doc": ', encoding="utf-8")
        raise RuntimeError("disk gone")

    monkeypatch.setattr(check_export, "write_jsonl", half_then_fail)
    with pytest.raises(RuntimeError):
        write_check_report(REPORT, target)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["check.jsonl"]
