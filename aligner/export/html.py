"""A side-by-side review page: one self-contained HTML file, no scripts, no assets.

Each document pair gets a table of its links, French beside English, each row
coloured by confidence so that a reviewer sees at once where to look. All text
is HTML-escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from aligner.export.rows import (
    HIGH,
    HIGH_CONFIDENCE,
    LOW,
    LOW_SCORE_HIGHLIGHT,
    MEDIUM,
    ExportRow,
    confidence_band,
    document_rows,
    index_text,
)
from aligner.align.links import DocumentAlignment
from aligner.export.safe_text import strip_xml_illegal

TITLE = "paxterm alignment review"

STYLE = """
:root { --high: #e7f5ea; --medium: #fff3d1; --low: #fde3e1; --line: #d0d7de;
        --ink: #1f2328; --muted: #5b6470; --head: #f3f5f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1680px; padding: 1.5rem 2rem 4rem; color: var(--ink);
       font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .4rem; }
h2 { font-size: 1.2rem; margin: 2.8rem 0 .2rem; }
.lead { font-size: 1.05rem; margin: 0 0 1rem; }
.meta { color: var(--muted); margin: 0 0 .8rem; }
a { color: #0b57d0; }
table { border-collapse: separate; border-spacing: 0; width: 100%; }
th, td { padding: .45rem .65rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { position: sticky; top: 0; z-index: 1; background: var(--head); border-bottom: 2px solid var(--line); }
td.text { width: 42%; white-space: pre-line; overflow-wrap: anywhere; }
td.number, td.score, th.number, th.score { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.level, td.flags, td.status { white-space: nowrap; }
td.status.auto { color: var(--muted); }
td.empty { color: var(--muted); font-style: italic; }
tr.high > td { background: var(--high); }
tr.medium > td { background: var(--medium); }
tr.low > td { background: var(--low); }
.flag { display: inline-block; margin: 0 .2rem .2rem 0; padding: 0 .45rem; border-radius: .7rem;
        border: 1px solid #c62828; color: #a31515; background: #fff; font-size: .8rem; }
.legend { display: flex; flex-wrap: wrap; gap: 1.2rem; padding: 0; margin: 0 0 1.2rem; list-style: none; }
.swatch { display: inline-block; width: 1rem; height: 1rem; margin-right: .4rem; vertical-align: -.15rem;
          border: 1px solid var(--line); border-radius: .2rem; }
.swatch.high { background: var(--high); } .swatch.medium { background: var(--medium); }
.swatch.low { background: var(--low); }
table.summary { width: auto; min-width: 60%; }
@media print { thead th { position: static; } body { max-width: none; padding: 0; } }
"""


def _text(value: str) -> str:
    return html.escape(strip_xml_illegal(value), quote=True)


def _legend() -> str:
    items = (
        (HIGH, f"score {HIGH_CONFIDENCE:.1f} or more"),
        (MEDIUM, f"score {LOW_SCORE_HIGHLIGHT:.1f} to {HIGH_CONFIDENCE:.1f}: worth a look"),
        (LOW, f"score below {LOW_SCORE_HIGHLIGHT:.1f} or flagged: check first"),
    )
    entries = "".join(f'<li><span class="swatch {band}"></span>{_text(label)}</li>' for band, label in items)
    return f'<ul class="legend" aria-label="Legend">{entries}</ul>'


def _side_cell(text: str, language: str) -> str:
    if not text.strip():
        return '<td class="text empty" title="no segment on this side">&#8212;</td>'
    return f'<td class="text" lang="{language}">{_text(text)}</td>'


def _link_row(row: ExportRow, show_level: bool) -> str:
    link = row.link
    where = f"French {index_text(link.fr_index) or '-'}, English {index_text(link.en_index) or '-'}"
    flags = "".join(f'<span class="flag">{_text(flag)}</span>' for flag in link.flags)
    cells = [f'<td class="number" title="{_text(where)}">{row.number}</td>']
    if show_level:
        cells.append(f'<td class="level">{_text(link.level)}</td>')
    cells += [
        _side_cell(link.fr, "fr"),
        _side_cell(link.en, "en"),
        f'<td class="score">{float(link.score):.2f}</td>',
        f'<td class="flags">{flags}</td>',
        f'<td class="status {_text(link.status)}">{_text(link.status)}</td>',
    ]
    return f'<tr class="{confidence_band(link)}">{"".join(cells)}</tr>'


def _symbols_line(alignment: DocumentAlignment) -> str:
    french, english = alignment.fr_symbol, alignment.en_symbol
    if french and french == english:
        return f"Symbol {french}"
    parts = [f"{label} symbol {symbol}" for label, symbol in (("French", french), ("English", english)) if symbol]
    return ", ".join(parts)


def _document_section(number: int, alignment: DocumentAlignment, levels: tuple[str, ...]) -> str:
    show_level = len(levels) > 1
    english = alignment.en_doc or "no English original"
    symbols = _symbols_line(alignment)
    heading = f"{_text(alignment.fr_doc)} &#8596; {_text(english)}"
    level_head = '<th scope="col">Level</th>' if show_level else ""
    rows = "\n".join(_link_row(row, show_level) for row in document_rows(alignment, levels))
    return (
        f'<section id="doc-{number}">\n<h2>{heading}</h2>\n'
        + (f'<p class="meta">{_text(symbols)}</p>\n' if symbols else "")
        + '<table class="links">\n<thead><tr><th class="number" scope="col">#</th>'
        + level_head
        + '<th scope="col">French</th><th scope="col">English</th>'
        + '<th class="score" scope="col">Score</th><th scope="col">Flags</th>'
        + '<th scope="col">Status</th></tr></thead>\n'
        + f"<tbody>\n{rows}\n</tbody>\n</table>\n</section>"
    )


def _summary(alignments: Sequence[DocumentAlignment], levels: tuple[str, ...]) -> str:
    total_links = total_flagged = 0
    lines = []
    for number, alignment in enumerate(alignments, start=1):
        links = [link for level in levels for link in alignment.links(level)]
        flagged = sum(1 for link in links if link.flags)
        total_links += len(links)
        total_flagged += flagged
        lines.append(
            f'<tr><td><a href="#doc-{number}">{_text(alignment.fr_doc)}</a></td>'
            f"<td>{_text(alignment.en_doc or 'no English original')}</td>"
            f'<td class="number">{len(links)}</td><td class="number">{flagged}</td></tr>'
        )
    lead = (
        f'<p class="lead"><strong>{len(alignments)}</strong> documents, '
        f"<strong>{total_links}</strong> {' and '.join(levels)} links, "
        f"<strong>{total_flagged}</strong> flagged.</p>"
    )
    table = (
        '<table class="summary"><thead><tr><th scope="col">French document</th>'
        '<th scope="col">English document</th><th class="number" scope="col">Links</th>'
        '<th class="number" scope="col">Flagged</th></tr></thead>\n<tbody>\n'
        + "\n".join(lines)
        + "\n</tbody></table>"
    )
    return lead + "\n" + table


def write_html(alignments: Sequence[DocumentAlignment], levels: tuple[str, ...], path: Path) -> None:
    sections = "\n".join(
        _document_section(number, alignment, levels) for number, alignment in enumerate(alignments, start=1)
    )
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{TITLE}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{TITLE}</h1>\n{_legend()}\n{_summary(alignments, levels)}\n</header>\n"
        f"<main>\n{sections}\n</main>\n</body>\n</html>\n"
    )
    path.write_text(page, encoding="utf-8")
