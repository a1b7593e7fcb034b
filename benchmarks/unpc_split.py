"""The UNPC dev set split once for every benchmark: the first half to tune on, the second held out.

bench_numbers, bench_omissions and calibrate_scores write their rules on the
"dev" half and report on the "test" half; one split here keeps them honest
with each other.
"""

from __future__ import annotations

from pathlib import Path

FRENCH = "UNv1.0.devset.fr"
ENGLISH = "UNv1.0.devset.en"


def unpc_lines(data: Path, part: str) -> tuple[list[str], list[str]] | None:
    """(French lines, English lines) of one part ("dev", "test" or "all"); None when the data is absent."""
    folder = data / "unpc-en-fr"
    if not (folder / FRENCH).exists():
        return None
    fr = (folder / FRENCH).read_text(encoding="utf-8").splitlines()
    en = (folder / ENGLISH).read_text(encoding="utf-8").splitlines()
    half = len(fr) // 2
    if part == "dev":
        return fr[:half], en[:half]
    if part == "test":
        return fr[half:], en[half:]
    if part == "all":
        return fr, en
    raise ValueError(f"part must be dev, test or all, not {part!r}")
