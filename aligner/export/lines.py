"""Line-oriented data formats: JSONL and TSV, one link per line.

These feed other tools (training data, scripts, diff), so text is written as
it is: no spreadsheet neutralising, which would change the data. Open the
.xlsx export to review links in a spreadsheet.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from aligner.export.rows import ExportRow, all_rows, index_text
from aligner.align.links import DocumentAlignment

SCORE_DECIMALS = 4

TSV_COLUMNS = ("fr_doc", "en_doc", "level", "fr_index", "en_index", "score", "flags", "fr", "en")

# Tabs and every character that str.splitlines or a spreadsheet treats as a
# line break would split a TSV record.
_RECORD_BREAKERS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def link_record(row: ExportRow) -> dict[str, object]:
    """The JSON object of one link, keys in a fixed order."""
    link = row.link
    return {
        "fr_doc": row.alignment.fr_doc,
        "en_doc": row.alignment.en_doc,
        "level": link.level,
        "fr_index": list(link.fr_index),
        "en_index": list(link.en_index),
        "fr": link.fr,
        "en": link.en,
        "score": round(float(link.score), SCORE_DECIMALS),
        "flags": list(link.flags),
        "status": link.status,  # auto, or what a reviewer made of it: confirmed, edited
    }


def write_jsonl(alignments: Sequence[DocumentAlignment], levels: tuple[str, ...], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        for row in all_rows(alignments, levels):
            stream.write(json.dumps(link_record(row), ensure_ascii=False))
            stream.write("\n")


def _tsv_field(text: str) -> str:
    return _RECORD_BREAKERS.sub(" ", text)


def write_tsv(alignments: Sequence[DocumentAlignment], levels: tuple[str, ...], path: Path) -> None:
    """A header row, then one row per link; no quoting, since no field holds a tab or newline."""
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.write("\t".join(TSV_COLUMNS) + "\n")
        for row in all_rows(alignments, levels):
            link = row.link
            fields = (
                row.alignment.fr_doc,
                row.alignment.en_doc or "",
                link.level,
                index_text(link.fr_index),
                index_text(link.en_index),
                f"{float(link.score):.{SCORE_DECIMALS}f}",
                ",".join(link.flags),
                link.fr,
                link.en,
            )
            stream.write("\t".join(_tsv_field(field) for field in fields) + "\n")
