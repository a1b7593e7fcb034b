"""Term base CSV rows for tests: read back what a run wrote, write what a reviewer would import."""

from __future__ import annotations

import csv
from pathlib import Path


def read_rows(path: Path) -> list[dict]:
    """The rows of a term base CSV as paxterm writes it (UTF-8 with a byte-order mark)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict]) -> Path:
    """Rows as a CSV with the columns of the first row, as a reviewer's spreadsheet saves them."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path
