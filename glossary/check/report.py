"""Terminology check reports: JSONL for scripts, XLSX for revisers, HTML to read.

    write_check_report(report, "findings.xlsx")

The suffix picks the format. The file is written beside its destination and
renamed, so a failure leaves no partial report and an older one untouched.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from aligner.export.atomic import write_atomically
from aligner.errors import OutputFormatError, OutputWriteError
from aligner.export.safe_text import neutralise_cell, strip_xml_illegal
from glossary.check.findings import INCONSISTENT, MISSING, VARIANT, CheckReport, Finding

REPORT_SUFFIXES = (".xlsx", ".html", ".jsonl")

FINDINGS_SHEET = "Findings"
SUMMARY_SHEET = "Summary"
# Colours per kind: Excel's own "bad", "neutral" and a light blue, so that a
# missing term stands out most.
KIND_COLOURS = {MISSING: "FFC7CE", VARIANT: "FFEB9C", INCONSISTENT: "DDEBF7"}

# (header, width in Excel character units)
FINDING_COLUMNS = (
    ("#", 6), ("Kind", 14), ("French term", 30), ("Expected English", 30), ("Found English", 30),
    ("French", 60), ("English", 60), ("Note", 45), ("Entry", 9),
    ("French document", 28), ("English document", 28), ("French #", 10), ("English #", 10),
)
WRAPPED_COLUMNS = {"French term", "Expected English", "Found English", "French", "English", "Note"}


def check_output_suffix(path: Path) -> None:
    """Refuse an output path whose suffix names no report format (call before the slow part)."""
    if path.suffix.lower() not in REPORT_SUFFIXES:
        shown = f"'{path.suffix}'" if path.suffix else "no suffix"
        raise OutputFormatError(f"{path}: cannot write a check report with {shown}; "
                                f"use one of {' '.join(REPORT_SUFFIXES)}")
    if path.is_dir():
        raise OutputWriteError(f"{path} is a folder: give a file name ending in {path.suffix}")


def write_check_report(report: CheckReport, path: str | Path) -> Path:
    """Write report to path in the format its suffix names; returns the path."""
    path = Path(path)
    check_output_suffix(path)
    writers: dict[str, Callable[[CheckReport, Path], None]] = {
        ".jsonl": write_jsonl, ".xlsx": write_xlsx, ".html": write_html,
    }
    write_atomically(path, lambda temporary: writers[path.suffix.lower()](report, temporary))
    return path


# --- JSONL -------------------------------------------------------------------------------------


def write_jsonl(report: CheckReport, path: Path) -> None:
    """One finding per line, text as written (no spreadsheet neutralising)."""
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        for finding in report.findings:
            stream.write(json.dumps(finding.record(), ensure_ascii=False) + "\n")


# --- XLSX --------------------------------------------------------------------------------------


def _indices(index: Sequence[int]) -> str:
    return ", ".join(str(i) for i in index)


def _finding_row(number: int, finding: Finding) -> list[object]:
    values = {
        "#": number, "Kind": finding.kind_label, "French term": finding.fr_term,
        "Expected English": finding.expected_en, "Found English": finding.found_en,
        "French": finding.fr, "English": finding.en, "Note": finding.note, "Entry": finding.entry_id,
        "French document": finding.fr_doc, "English document": finding.en_doc,
        "French #": _indices(finding.fr_index), "English #": _indices(finding.en_index),
    }
    return [value if isinstance(value, int) else neutralise_cell(str(value))
            for value in (values[header] for header, _ in FINDING_COLUMNS)]


def write_xlsx(report: CheckReport, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from aligner.export.xlsx import save_workbook

    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor="D9E1F2")
    wrapped, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    kind_fills = {kind: PatternFill("solid", fgColor=colour) for kind, colour in KIND_COLOURS.items()}

    def header(sheet, columns: Sequence[tuple[str, float]]) -> None:
        sheet.append([name for name, _ in columns])
        for column, (cell, (_, width)) in enumerate(zip(sheet[1], columns), start=1):
            cell.font, cell.fill = header_font, header_fill
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = "A2"

    workbook = Workbook()
    findings = workbook.active
    findings.title = FINDINGS_SHEET
    header(findings, FINDING_COLUMNS)
    kind_column = [name for name, _ in FINDING_COLUMNS].index("Kind") + 1
    alignments = [wrapped if name in WRAPPED_COLUMNS else top for name, _ in FINDING_COLUMNS]
    for number, finding in enumerate(report.findings, start=1):
        findings.append(_finding_row(number, finding))
        for cell, alignment in zip(findings[findings.max_row], alignments):
            cell.alignment = alignment
        findings.cell(row=findings.max_row, column=kind_column).fill = kind_fills[finding.kind]
    last_row = max(findings.max_row, 2)  # an empty table still gets a working filter
    findings.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_COLUMNS))}{last_row}"

    summary = workbook.create_sheet(SUMMARY_SHEET)
    header(summary, (("Item", 34), ("Value", 60)))
    for kind, count in report.counts().items():
        summary.append([f"{kind} findings", count])
        summary.cell(row=summary.max_row, column=1).fill = kind_fills[kind]
    summary.append(["All findings", len(report.findings)])
    summary.append(["Term entries checked", report.entries_checked])
    summary.append(["Segment pairs checked", report.links_checked])
    for fr_doc, en_doc in report.documents:
        summary.append(["Document pair", neutralise_cell(f"{fr_doc} <-> {en_doc}")])
    save_workbook(workbook, path)


# --- HTML --------------------------------------------------------------------------------------

TITLE = "paxterm terminology check"

STYLE = """
body { margin: 0 auto; max-width: 1600px; padding: 1.5rem 2rem 4rem; color: #1f2328;
       font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: .45rem .6rem; border-bottom: 1px solid #d0d7de; text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; background: #f3f5f8; }
td.text { width: 30%; overflow-wrap: anywhere; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
mark { background: #ffe08a; padding: 0 .1rem; border-radius: .15rem; }
.kind { display: inline-block; padding: 0 .5rem; border-radius: .7rem; font-size: .85rem; }
.kind.missing { background: #ffc7ce; } .kind.variant { background: #ffeb9c; }
.kind.inconsistent { background: #ddebf7; }
.note { color: #5b6470; font-size: .9rem; }
table.summary { width: auto; margin-bottom: 1.5rem; }
"""


def _escape(text: str) -> str:
    return html.escape(strip_xml_illegal(text), quote=True)


def highlighted(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """text, escaped, with each (start, end) span wrapped in <mark>; overlapping spans merged."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, position = [], 0
    for start, end in merged:
        pieces.append(_escape(text[position:start]))
        pieces.append(f"<mark>{_escape(text[start:end])}</mark>")
        position = end
    pieces.append(_escape(text[position:]))
    return "".join(pieces)


def _html_row(number: int, finding: Finding) -> str:
    where = f"{finding.fr_doc} #{_indices(finding.fr_index)} / {finding.en_doc} #{_indices(finding.en_index)}"
    return (
        f'<tr class="{_escape(finding.kind)}"><td class="number" title="{_escape(where)}">{number}</td>'
        f'<td><span class="kind {_escape(finding.kind)}">{_escape(finding.kind_label)}</span></td>'
        f"<td>{_escape(finding.fr_term)}</td><td>{_escape(finding.expected_en)}</td>"
        f"<td>{_escape(finding.found_en) or '&#8212;'}</td>"
        f'<td class="text" lang="fr">{highlighted(finding.fr, finding.fr_spans)}</td>'
        f'<td class="text" lang="en">{highlighted(finding.en, finding.en_spans)}'
        f'<div class="note">{_escape(finding.note)}</div></td></tr>'
    )


def write_html(report: CheckReport, path: Path) -> None:
    counts = "".join(f'<tr><td><span class="kind {kind}">{kind}</span></td><td class="number">{count}</td></tr>'
                     for kind, count in report.counts().items())
    documents = ", ".join(f"{_escape(fr)} &#8596; {_escape(en)}" for fr, en in report.documents)
    rows = "\n".join(_html_row(number, finding) for number, finding in enumerate(report.findings, start=1))
    body = (
        f"<h1>{TITLE}</h1>\n<p>{documents}: {report.links_checked} segment pairs checked against "
        f"{report.entries_checked} term entries; <strong>{len(report.findings)}</strong> findings.</p>\n"
        f'<table class="summary"><thead><tr><th>Kind</th><th>Findings</th></tr></thead>'
        f"<tbody>{counts}</tbody></table>\n"
        '<table class="findings"><thead><tr><th>#</th><th>Kind</th><th>French term</th>'
        "<th>Expected English</th><th>Found English</th><th>French</th><th>English</th></tr></thead>\n"
        f"<tbody>\n{rows}\n</tbody></table>"
    )
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{TITLE}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
    path.write_text(page, encoding="utf-8")
