"""write_alignments: every format written from small hand-built alignments and read back."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree, html
from openpyxl import load_workbook

import aligner.export.lines
from aligner.errors import OutputFormatError
from aligner.export import SUPPORTED_SUFFIXES, OutputWriteError, write_alignments
from aligner.export.rows import LOW_SCORE_HIGHLIGHT
from aligner.export.xlsx import EXCEL_CELL_LIMIT, MAX_SHEET_NAME, sheet_name_for
from aligner.align.links import (
    AUTO,
    CONFIRMED,
    EDITED,
    NO_ORIGINAL,
    NUMBER_MISMATCH,
    OMISSION,
    PARAGRAPH,
    SENTENCE,
    DocumentAlignment,
    Link,
)

FORMULA = "=SUM(A1)"
MARKUP_EN = "The <b>& sign"
MARKUP_FR = "Le signe <b>&"


def sentence(fr_index: tuple[int, ...], en_index: tuple[int, ...], fr: str, en: str, score: float, *flags: str) -> Link:
    return Link(SENTENCE, fr_index, en_index, fr, en, score, tuple(flags))


PAIRED = DocumentAlignment(
    fr_doc="A_79_923_F.docx",
    en_doc="A_79_923_E.docx",
    fr_symbol="A/79/923",
    en_symbol="A/79/923",
    paragraph_links=(
        Link(PARAGRAPH, (0,), (0,), "La Mission a été déployée.", "The Mission was deployed.", 0.95),
        Link(PARAGRAPH, (1, 2), (1,), "Le Conseil a adopté la résolution.\nElle est entrée en vigueur.",
             "The Council adopted the resolution, which entered into force.", 0.74),
    ),
    sentence_links=(
        sentence((0,), (0,), "La Mission a été déployée.", "The Mission was deployed.", 0.931234),  # 1-1
        sentence((1, 2), (1,), "Le Conseil a adopté la résolution. Elle est entrée en vigueur.",
                 "The Council adopted the resolution, which entered into force.", 0.71),  # 2-1
        sentence((3,), (), "Voir l'annexe.", "", 0.0, OMISSION),  # 1-0
        sentence((), (2,), "", "See the annex.", 0.0, OMISSION),  # 0-1
        sentence((4,), (3,), "Il y a 12 contingents.", "There are 13 contingents.", 0.91, NUMBER_MISMATCH),
        sentence((5,), (4,), FORMULA, FORMULA, 0.42),  # low score, no flag
        sentence((6,), (5,), MARKUP_FR + "\tavec\x01 tabulation", MARKUP_EN, 0.88),
    ),
)
UNPAIRED = DocumentAlignment(
    fr_doc="S-2025-341-F.pdf",
    en_doc=None,
    fr_symbol="S/2025/341",
    sentence_links=(
        sentence((0,), (), "Lettre datée du 3 juin 2025.", "", 0.0, NO_ORIGINAL),
        sentence((1,), (), "Le Conseil de sécurité,", "", 0.0, NO_ORIGINAL),
    ),
)
ALIGNMENTS = (PAIRED, UNPAIRED)
SENTENCE_COUNT = len(PAIRED.sentence_links) + len(UNPAIRED.sentence_links)
BOTH_SIDES = [link for link in PAIRED.sentence_links if link.fr and link.en]


# ---------------------------------------------------------------- dispatch


@pytest.mark.parametrize("name", ["out.csv", "out.docx", "out", "out.tmx.bak"])
def test_unknown_suffix_names_the_supported_ones(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputFormatError) as raised:
        write_alignments(ALIGNMENTS, tmp_path / name)
    message = str(raised.value)
    assert name in message
    assert all(suffix in message for suffix in (".jsonl", ".tsv", ".tmx", ".xlsx", ".html"))
    assert list(tmp_path.iterdir()) == []


def test_unknown_level_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(OutputFormatError, match="word"):
        write_alignments(ALIGNMENTS, tmp_path / "out.jsonl", levels=("word",))


def test_suffix_is_matched_ignoring_case(tmp_path: Path) -> None:
    written = write_alignments(ALIGNMENTS, tmp_path / "OUT.JSONL")
    assert written == tmp_path / "OUT.JSONL"
    assert len(written.read_text(encoding="utf-8").splitlines()) == SENTENCE_COUNT


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(OutputWriteError, match="missing"):
        write_alignments(ALIGNMENTS, tmp_path / "missing" / "out.tsv")


# ---------------------------------------------------------------- atomicity


@dataclass(frozen=True)
class ExplodingAlignment(DocumentAlignment):
    """A document whose links cannot be read: the writer fails after the first document."""

    def links(self, level: str) -> tuple[Link, ...]:
        raise RuntimeError("links unavailable")


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_failure_midway_leaves_the_old_file_and_no_partial_one(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"out{suffix}"
    target.write_bytes(b"previous run")
    broken = (PAIRED, ExplodingAlignment("broken.docx", "broken_E.docx"))
    with pytest.raises(RuntimeError, match="links unavailable"):
        write_alignments(broken, target)
    assert target.read_bytes() == b"previous run"
    assert [path.name for path in tmp_path.iterdir()] == [target.name]


def test_failing_writer_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def half_write(alignments, levels, path: Path) -> None:
        path.write_text('{"fr_doc": "A_79_923_F.docx", ', encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(aligner.export.lines, "write_jsonl", half_write)
    target = tmp_path / "out.jsonl"
    with pytest.raises(OutputWriteError, match="No space left"):
        write_alignments(ALIGNMENTS, target)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_replaced_once_complete(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("stale\n", encoding="utf-8")
    write_alignments(ALIGNMENTS, target)
    assert "stale" not in target.read_text(encoding="utf-8")
    assert [path.name for path in tmp_path.iterdir()] == ["out.jsonl"]


# ---------------------------------------------------------------- JSONL


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_has_one_exact_record_per_link(tmp_path: Path) -> None:
    records = read_jsonl(write_alignments(ALIGNMENTS, tmp_path / "out.jsonl"))
    expected_links = [(PAIRED, link) for link in PAIRED.sentence_links] + [
        (UNPAIRED, link) for link in UNPAIRED.sentence_links
    ]
    assert len(records) == len(expected_links)
    for record, (alignment, link) in zip(records, expected_links):
        assert record == {
            "fr_doc": alignment.fr_doc,
            "en_doc": alignment.en_doc,
            "level": SENTENCE,
            "fr_index": list(link.fr_index),
            "en_index": list(link.en_index),
            "fr": link.fr,
            "en": link.en,
            "score": round(link.score, 4),
            "flags": list(link.flags),
            "status": AUTO,
        }
    assert records[0]["score"] == 0.9312
    assert records[-1]["en_doc"] is None


def test_jsonl_keeps_text_as_is_and_unescaped(tmp_path: Path) -> None:
    raw = write_alignments(ALIGNMENTS, tmp_path / "out.jsonl").read_bytes()
    assert "déployée".encode() in raw  # ensure_ascii=False
    assert b'"fr": "=SUM(A1)"' in raw  # data formats are not neutralised


@pytest.mark.parametrize("levels", [(PARAGRAPH, SENTENCE), (SENTENCE, PARAGRAPH)])
def test_both_levels_are_written_paragraphs_first_per_document(tmp_path: Path, levels: tuple[str, ...]) -> None:
    records = read_jsonl(write_alignments(ALIGNMENTS, tmp_path / "out.jsonl", levels=levels))
    per_document = [(record["fr_doc"], record["level"]) for record in records]
    expected = (
        [(PAIRED.fr_doc, PARAGRAPH)] * 2
        + [(PAIRED.fr_doc, SENTENCE)] * len(PAIRED.sentence_links)
        + [(UNPAIRED.fr_doc, SENTENCE)] * len(UNPAIRED.sentence_links)
    )
    assert per_document == expected


# ---------------------------------------------------------------- TSV


def test_tsv_parses_with_one_row_per_link(tmp_path: Path) -> None:
    path = write_alignments(ALIGNMENTS, tmp_path / "out.tsv")
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    assert header == ["fr_doc", "en_doc", "level", "fr_index", "en_index", "score", "flags", "fr", "en"]
    assert len(body) == SENTENCE_COUNT
    assert all(len(row) == len(header) for row in body)
    by_column = [dict(zip(header, row)) for row in body]
    two_to_one = by_column[1]
    assert (two_to_one["fr_index"], two_to_one["en_index"], two_to_one["score"]) == ("1,2", "1", "0.7100")
    assert by_column[2]["en_index"] == "" and by_column[2]["flags"] == OMISSION
    # the tab inside the French text became a space instead of a new column
    assert by_column[6]["fr"].startswith(MARKUP_FR + " avec")
    assert by_column[-1]["en_doc"] == "" and by_column[-1]["flags"] == NO_ORIGINAL


def test_tsv_paragraph_newlines_do_not_split_records(tmp_path: Path) -> None:
    path = write_alignments(ALIGNMENTS, tmp_path / "out.tsv", levels=(PARAGRAPH,))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + len(PAIRED.paragraph_links)
    assert "résolution. Elle est" in lines[2]


# ---------------------------------------------------------------- TMX

# The part of the TMX 1.4b DTD (LISA, 2004) that paxterm's output uses; the
# inline elements of <seg> are declared so that valid content stays valid.
TMX_14B_DTD = """
<!ENTITY % segtypes "block|paragraph|sentence|phrase">
<!ELEMENT tmx (header, body)>
<!ATTLIST tmx version CDATA #REQUIRED>
<!ELEMENT header (note|ude|prop)*>
<!ATTLIST header
  creationtool CDATA #REQUIRED creationtoolversion CDATA #REQUIRED
  segtype (%segtypes;) #REQUIRED o-tmf CDATA #REQUIRED adminlang CDATA #REQUIRED
  srclang CDATA #REQUIRED datatype CDATA #REQUIRED o-encoding CDATA #IMPLIED
  creationdate CDATA #IMPLIED creationid CDATA #IMPLIED changedate CDATA #IMPLIED
  changeid CDATA #IMPLIED>
<!ELEMENT ude (map+)>
<!ATTLIST ude name CDATA #REQUIRED base CDATA #IMPLIED>
<!ELEMENT map EMPTY>
<!ATTLIST map unicode CDATA #REQUIRED code CDATA #IMPLIED ent CDATA #IMPLIED subst CDATA #IMPLIED>
<!ELEMENT note (#PCDATA)>
<!ATTLIST note xml:lang CDATA #IMPLIED o-encoding CDATA #IMPLIED>
<!ELEMENT prop (#PCDATA)>
<!ATTLIST prop type CDATA #REQUIRED xml:lang CDATA #IMPLIED o-encoding CDATA #IMPLIED>
<!ELEMENT body (tu*)>
<!ELEMENT tu ((note|prop)*, tuv+)>
<!ATTLIST tu
  tuid CDATA #IMPLIED o-encoding CDATA #IMPLIED datatype CDATA #IMPLIED usagecount CDATA #IMPLIED
  lastusagedate CDATA #IMPLIED creationtool CDATA #IMPLIED creationtoolversion CDATA #IMPLIED
  creationdate CDATA #IMPLIED creationid CDATA #IMPLIED changedate CDATA #IMPLIED
  segtype (%segtypes;) #IMPLIED changeid CDATA #IMPLIED o-tmf CDATA #IMPLIED srclang CDATA #IMPLIED>
<!ELEMENT tuv ((note|prop)*, seg)>
<!ATTLIST tuv
  xml:lang CDATA #REQUIRED o-encoding CDATA #IMPLIED datatype CDATA #IMPLIED usagecount CDATA #IMPLIED
  lastusagedate CDATA #IMPLIED creationtool CDATA #IMPLIED creationtoolversion CDATA #IMPLIED
  creationdate CDATA #IMPLIED creationid CDATA #IMPLIED changedate CDATA #IMPLIED
  o-tmf CDATA #IMPLIED changeid CDATA #IMPLIED>
<!ELEMENT seg (#PCDATA|bpt|ept|it|ph|hi)*>
<!ELEMENT bpt (#PCDATA)>
<!ATTLIST bpt i CDATA #REQUIRED x CDATA #IMPLIED type CDATA #IMPLIED>
<!ELEMENT ept (#PCDATA)>
<!ATTLIST ept i CDATA #REQUIRED>
<!ELEMENT it (#PCDATA)>
<!ATTLIST it pos (begin|end) #REQUIRED x CDATA #IMPLIED type CDATA #IMPLIED>
<!ELEMENT ph (#PCDATA)>
<!ATTLIST ph x CDATA #IMPLIED assoc CDATA #IMPLIED type CDATA #IMPLIED>
<!ELEMENT hi (#PCDATA|bpt|ept|it|ph|hi)*>
<!ATTLIST hi x CDATA #IMPLIED type CDATA #IMPLIED>
"""

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_tmx(path: Path) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.parse(str(path), parser)


def props(unit: etree._Element) -> dict[str, str]:
    return {prop.get("type"): prop.text or "" for prop in unit.findall("prop")}


def test_tmx_is_valid_against_the_dtd(tmp_path: Path) -> None:
    tree = parse_tmx(write_alignments(ALIGNMENTS, tmp_path / "out.tmx", levels=(PARAGRAPH, SENTENCE)))
    dtd = etree.DTD(io.StringIO(TMX_14B_DTD))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()


def test_tmx_header_and_units(tmp_path: Path) -> None:
    root = parse_tmx(write_alignments(ALIGNMENTS, tmp_path / "out.tmx")).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert {key: header.get(key) for key in ("creationtool", "segtype", "o-tmf", "adminlang", "srclang", "datatype")} == {
        "creationtool": "paxterm", "segtype": "sentence", "o-tmf": "paxterm",
        "adminlang": "en", "srclang": "en", "datatype": "plaintext",
    }
    assert header.get("creationtoolversion")
    units = root.find("body").findall("tu")
    # 1-0 and 0-1 links and the document without an English original are no translation units
    assert len(units) == len(BOTH_SIDES)
    for unit, link in zip(units, BOTH_SIDES):
        variants = unit.findall("tuv")
        assert [variant.get(XML_LANG) for variant in variants] == ["en", "fr"]
        assert variants[0].findtext("seg") == link.en
        assert variants[1].findtext("seg") == link.fr.replace("\x01", "")
        unit_props = props(unit)
        assert unit_props["x-score"] == f"{link.score:.4f}"
        assert ("x-flags" in unit_props) == bool(link.flags)
        assert unit_props["x-fr-doc"] == PAIRED.fr_doc and unit_props["x-en-doc"] == PAIRED.en_doc
        assert unit_props["x-level"] == SENTENCE
        assert unit_props["x-fr-index"] == ",".join(map(str, link.fr_index))
        assert unit_props["x-en-index"] == ",".join(map(str, link.en_index))
    assert props(units[1])["x-fr-index"] == "1,2"
    assert props(units[2])["x-flags"] == NUMBER_MISMATCH


def test_tmx_escapes_markup_and_drops_control_characters(tmp_path: Path) -> None:
    path = write_alignments(ALIGNMENTS, tmp_path / "out.tmx")
    raw = path.read_text(encoding="utf-8")
    assert "The &lt;b&gt;&amp; sign" in raw
    assert "\x01" not in raw
    segments = [seg.text for seg in parse_tmx(path).iter("seg")]
    assert MARKUP_EN in segments


def test_tmx_with_both_levels_tags_each_unit(tmp_path: Path) -> None:
    root = parse_tmx(write_alignments(ALIGNMENTS, tmp_path / "out.tmx", levels=(PARAGRAPH, SENTENCE))).getroot()
    segtypes = [unit.get("segtype") for unit in root.iter("tu")]
    assert segtypes == [PARAGRAPH] * 2 + [SENTENCE] * len(BOTH_SIDES)


# ---------------------------------------------------------------- XLSX


def test_xlsx_sheets_and_summary(tmp_path: Path) -> None:
    workbook = load_workbook(write_alignments(ALIGNMENTS, tmp_path / "out.xlsx"))
    assert workbook.sheetnames == ["Summary", "A_79_923_F", "S-2025-341-F"]
    summary = workbook["Summary"]
    rows = list(summary.iter_rows(values_only=True))
    assert rows[0] == ("French document", "English document", "French symbol", "English symbol", "Links", "Flagged links")
    assert rows[1] == ("A_79_923_F.docx", "A_79_923_E.docx", "A/79/923", "A/79/923", 7, 3)
    assert rows[2][0] == "S-2025-341-F.pdf" and rows[2][4:] == (2, 2)
    assert summary["A2"].hyperlink.location == "'A_79_923_F'!A1"
    assert summary.freeze_panes == "A2"


def test_xlsx_document_sheet_layout(tmp_path: Path) -> None:
    sheet = load_workbook(write_alignments(ALIGNMENTS, tmp_path / "out.xlsx"))["A_79_923_F"]
    assert [cell.value for cell in sheet[1]] == ["#", "French", "English", "Score", "Flags", "Status"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:F{1 + len(PAIRED.sentence_links)}"
    assert sheet.column_dimensions["B"].width == sheet.column_dimensions["C"].width == 70
    assert sheet["B2"].alignment.wrap_text and sheet["C2"].alignment.wrap_text
    assert sheet["D2"].number_format == "0.00" and sheet["D2"].value == pytest.approx(0.9312)
    assert sheet["B3"].value == PAIRED.sentence_links[1].fr
    assert sheet["E6"].value == NUMBER_MISMATCH


def test_xlsx_highlights_low_scores_and_flags_only(tmp_path: Path) -> None:
    sheet = load_workbook(write_alignments(ALIGNMENTS, tmp_path / "out.xlsx"))["A_79_923_F"]

    def filled(row: int) -> bool:
        return sheet.cell(row=row, column=2).fill.fill_type == "solid"

    low_score_row = 2 + 5  # the =SUM(A1) link, score 0.42
    assert PAIRED.sentence_links[5].score < LOW_SCORE_HIGHLIGHT
    assert filled(low_score_row)
    assert filled(2 + 4)  # high score but flagged number_mismatch
    assert filled(2 + 2)  # omission
    assert not filled(2)  # 0.93, no flag
    assert sheet.cell(row=low_score_row, column=2).fill.fgColor.rgb != sheet.cell(row=3, column=2).fill.fgColor.rgb


def test_xlsx_formula_text_stays_text(tmp_path: Path) -> None:
    sheet = load_workbook(write_alignments(ALIGNMENTS, tmp_path / "out.xlsx"))["A_79_923_F"]
    for cell in (sheet["B7"], sheet["C7"]):
        assert cell.data_type != "f"
        assert cell.value == "'" + FORMULA
    # the control character XLSX cannot store is gone, the rest of the text is kept
    assert sheet["B8"].value == MARKUP_FR + "\tavec tabulation"


def test_xlsx_unpaired_document_has_an_empty_english_column(tmp_path: Path) -> None:
    workbook = load_workbook(write_alignments(ALIGNMENTS, tmp_path / "out.xlsx"))
    sheet = workbook["S-2025-341-F"]
    body = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in body] == [link.fr for link in UNPAIRED.sentence_links]
    assert all(row[2] in (None, "") for row in body)
    assert workbook["Summary"]["B3"].value == "(no English original)"


def test_xlsx_level_column_only_with_both_levels(tmp_path: Path) -> None:
    sheet = load_workbook(write_alignments(ALIGNMENTS, tmp_path / "out.xlsx", levels=(PARAGRAPH, SENTENCE)))["A_79_923_F"]
    assert [cell.value for cell in sheet[1]] == ["#", "Level", "French", "English", "Score", "Flags", "Status"]
    assert [sheet.cell(row=row, column=2).value for row in (2, 3, 4)] == [PARAGRAPH, PARAGRAPH, SENTENCE]
    assert sheet.auto_filter.ref == f"A1:G{1 + 2 + len(PAIRED.sentence_links)}"


@pytest.mark.parametrize(
    ("fr_doc", "taken", "expected"),
    [
        ("corpus/fr/A_79_923_F.docx", set(), "A_79_923_F"),
        ("C:\\docs\\rapport [final]: v2?.pdf", set(), "rapport _final__ v2_"),
        ("x" * 40 + ".txt", set(), "x" * 31),
        ("A_79_923_F.docx", {"a_79_923_f"}, "A_79_923_F (2)"),
        ("x" * 40 + ".txt", {"x" * 31}, "x" * 27 + " (2)"),
        ("'quoted'.txt", set(), "quoted"),
        ("History.txt", set(), "History_"),
        ("Summary.docx", {"summary"}, "Summary (2)"),
        ("???.md", set(), "___"),
        (".txt", set(), ".txt"),
    ],
)
def test_sheet_names_follow_excel_rules(fr_doc: str, taken: set[str], expected: str) -> None:
    name = sheet_name_for(fr_doc, taken)
    assert name == expected
    assert len(name) <= MAX_SHEET_NAME
    assert name.lower() in taken


def test_many_documents_with_one_name_get_unique_sheets(tmp_path: Path) -> None:
    same = [DocumentAlignment(f"folder{i}/rapport.docx", None) for i in range(12)]
    workbook = load_workbook(write_alignments(same, tmp_path / "out.xlsx"))
    assert len(set(workbook.sheetnames)) == 13
    assert workbook.sheetnames[-1] == "rapport (12)"


# ---------------------------------------------------------------- HTML


def test_html_page_has_a_table_per_document_and_escapes_text(tmp_path: Path) -> None:
    path = write_alignments(ALIGNMENTS, tmp_path / "out.html")
    page = html.fromstring(path.read_bytes())
    tables = page.xpath("//section/table")
    assert len(tables) == 2
    assert [len(table.xpath("./tbody/tr")) for table in tables] == [len(PAIRED.sentence_links), len(UNPAIRED.sentence_links)]
    assert [th.text_content() for th in tables[0].xpath("./thead/tr/th")] == ["#", "French", "English", "Score", "Flags", "Status"]
    english_cells = [td.text_content() for td in tables[0].xpath("./tbody/tr/td[3]")]
    assert MARKUP_EN in english_cells
    assert not page.xpath("//main//b")  # "<b>" was text, not markup
    assert "&lt;b&gt;&amp;" in path.read_text(encoding="utf-8")


def test_html_rows_are_coloured_by_confidence(tmp_path: Path) -> None:
    page = html.fromstring(write_alignments(ALIGNMENTS, tmp_path / "out.html").read_bytes())
    classes = [row.get("class") for row in page.xpath("//section[1]/table/tbody/tr")]
    # 0.93, 0.71, omission, omission, flagged 0.91, 0.42, 0.88 (under HIGH_CONFIDENCE = 0.9)
    assert classes == ["high", "medium", "low", "low", "low", "low", "medium"]
    assert page.xpath("//ul[@class='legend']/li")


def test_html_summary_and_self_containment(tmp_path: Path) -> None:
    path = write_alignments(ALIGNMENTS, tmp_path / "out.html")
    page = html.fromstring(path.read_bytes())
    lead = page.xpath("//p[@class='lead']")[0].text_content()
    assert lead.startswith(f"2 documents, {SENTENCE_COUNT} sentence links, 5 flagged")
    assert not page.xpath("//script | //link | //img | //iframe")
    assert all(href.startswith("#") for href in page.xpath("//a/@href"))
    assert page.xpath("//style")
    assert "no English original" in page.xpath("//section[2]/h2")[0].text_content()


def test_html_names_the_document_symbols(tmp_path: Path) -> None:
    page = html.fromstring(write_alignments(ALIGNMENTS, tmp_path / "out.html").read_bytes())
    assert [meta.text_content() for meta in page.xpath("//section/p[@class='meta']")] == [
        "Symbol A/79/923",
        "French symbol S/2025/341",
    ]


def test_xlsx_cuts_text_longer_than_excel_allows(tmp_path: Path) -> None:
    whole_document = "Le Conseil de sécurité. " * 2000  # 48,000 characters in one unsplit paragraph
    alignment = DocumentAlignment(
        "long_F.txt", "long_E.txt", sentence_links=(sentence((0,), (0,), whole_document, "Short.", 0.3),)
    )
    sheet = load_workbook(write_alignments([alignment], tmp_path / "out.xlsx"))["long_F"]
    assert len(sheet["B2"].value) == EXCEL_CELL_LIMIT
    assert sheet["B2"].value.endswith("[...]") and sheet["C2"].value == "Short."


def test_alignments_may_come_from_a_generator(tmp_path: Path) -> None:
    path = write_alignments((alignment for alignment in ALIGNMENTS), tmp_path / "out.html")
    page = html.fromstring(path.read_bytes())
    assert len(page.xpath("//section/table/tbody/tr")) == SENTENCE_COUNT
    assert len(page.xpath("//table[@class='summary']/tbody/tr")) == 2


# ---------------------------------------------------------------- review statuses

REVIEWED = DocumentAlignment(
    fr_doc="revu.txt",
    en_doc="reviewed.txt",
    sentence_links=(
        Link(SENTENCE, (0,), (0,), "La Mission a été déployée.", "The Mission was deployed.", 0.4, (), CONFIRMED),
        Link(SENTENCE, (1,), (1,), "Le Conseil a siégé.", "The Council sat.", 0.9, (), EDITED),
        Link(SENTENCE, (2,), (2,), "Voir l'annexe.", "See the annex.", 0.9),
    ),
)
STATUSES_IN_ORDER = [CONFIRMED, EDITED, AUTO]


def statuses_written(path: Path) -> list[str]:
    """Each link's status as the file at path shows it, in link order."""
    if path.suffix == ".jsonl":
        return [record["status"] for record in read_jsonl(path)]
    if path.suffix == ".tmx":
        units = etree.parse(str(path)).getroot().iter("tu")
        return [unit.find("prop[@type='x-status']").text for unit in units]
    if path.suffix == ".xlsx":
        sheet = load_workbook(path)["revu"]
        column = [cell.value for cell in sheet[1]].index("Status")
        return [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    page = html.fromstring(path.read_bytes())
    return [td.text_content() for td in page.xpath("//section/table/tbody/tr/td[@class and contains(@class, 'status')]")]


@pytest.mark.parametrize("suffix", [".jsonl", ".tmx", ".xlsx", ".html"])
def test_every_review_format_shows_each_links_status(tmp_path: Path, suffix: str) -> None:
    path = write_alignments((REVIEWED,), tmp_path / f"out{suffix}")
    assert statuses_written(path) == STATUSES_IN_ORDER


def test_xlsx_prints_landscape_one_page_wide_with_the_header_on_every_page(tmp_path: Path) -> None:
    workbook = load_workbook(write_alignments(ALIGNMENTS, tmp_path / "out.xlsx"))
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title


def test_xlsx_rows_of_long_sentences_are_tall_enough_for_their_wrapped_text(tmp_path: Path) -> None:
    long_fr = "Le Conseil de sécurité prie le Secrétaire général de lui rendre compte. " * 6
    document = DocumentAlignment(
        fr_doc="long.docx", en_doc="long_en.docx",
        sentence_links=(sentence((0,), (0,), "Court.", "Short.", 0.9),
                        sentence((1,), (1,), long_fr, "The Council requests a report.", 0.9)),
    )
    sheet = load_workbook(write_alignments((document,), tmp_path / "out.xlsx"))["long"]
    assert sheet.row_dimensions[2].height is None  # one line: the default height
    # 432 characters in a 70-wide column wrap onto 7 lines of 15 points
    assert sheet.row_dimensions[3].height == 7 * 15
    assert sheet["C3"].alignment.wrap_text
