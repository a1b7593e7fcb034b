"""What a reviser should look at in a link: the score and the flags.

number_mismatch compares the numbers, dates and document symbols of the two
sides once their national formats are undone ("1 000" = "1,000", "3,5" = "3.5",
"1er" = "1st"); omission marks text with no counterpart; low_confidence marks
links whose similarity is low for a translation.
"""

from __future__ import annotations

import re

from aligner.align.links import LOW_CONFIDENCE, NUMBER_MISMATCH, OMISSION

# USE cosines measured on 2,000 UNPC dev pairs: true French/English pairs
# have percentiles 5/25/50/75 at 0.60/0.73/0.80/0.85; unrelated UN sentences
# have a median of 0.03 and a 99th percentile of 0.29. The score maps
# [0.30, 0.85] linearly onto [0, 1], so a score under 0.5 (cosine < 0.575)
# catches about 3% of true pairs and most wrong ones.
UNRELATED_COSINE = 0.30
TRANSLATION_COSINE = 0.85
LOW_CONFIDENCE_SCORE = 0.5
# One side this many times longer than expected (in characters, after the
# document's own length ratio) suggests that part of it is not translated.
PARTIAL_OMISSION_RATIO = 2.2
PARTIAL_OMISSION_MIN_CHARS = 60

_SYMBOL = re.compile(r"\b[A-Z]{1,5}(?:/[A-Z0-9_]+(?:\.\d+)?)+")
# A number: digits with optional thousands groups (space, NBSP, thin space, comma, dot) and decimals.
_NUMBER = re.compile(r"(?<![\w/])\d{1,3}(?:[ \u00a0\u202f,.]\d{3})+(?:[.,]\d+)?(?!\d)|(?<![\w/])\d+(?:[.,]\d+)?")


def similarity_score(cosine: float) -> float:
    """Map a cosine to a [0, 1] confidence."""
    value = (cosine - UNRELATED_COSINE) / (TRANSLATION_COSINE - UNRELATED_COSINE)
    return float(min(1.0, max(0.0, value)))


def numbers_in(text: str) -> list[str]:
    """Normalised numbers and document symbols in a text, in order."""
    # Every UN symbol has a numeric part (A/79/923, S/RES/2719); HIV/AIDS and AU/UN have none.
    symbols = [match for match in _SYMBOL.finditer(text) if any(c.isdigit() for c in match.group())]
    found = [match.group() for match in symbols]
    remainder = text
    for match in reversed(symbols):
        remainder = remainder[:match.start()] + " " + remainder[match.end():]
    # Ordinals ("1er", "1st") count as their digits: _NUMBER stops before the suffix.
    found.extend(_normalise_number(match.group()) for match in _NUMBER.finditer(remainder))
    return found


def _normalise_number(raw: str) -> str:
    compact = re.sub(r"[ \u00a0\u202f]", "", raw)
    if "," in compact and "." in compact:
        # Both marks ("2,500.75", "2.500,75"): the last one is the decimal mark.
        mark = max(compact.rfind(","), compact.rfind("."))
        compact = re.sub(r"[.,]", "", compact[:mark]) + "." + compact[mark + 1:]
        return compact.rstrip("0").rstrip(".")
    # 1,000 / 1.000 with 3-digit groups are thousands; a single , or . before
    # 1-2 or 4+ digits is a decimal mark.
    groups = re.split(r"[.,]", compact)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
        return "".join(groups)
    if len(groups) == 2:
        whole, fraction = groups
        return f"{int(whole)}.{fraction}".rstrip("0").rstrip(".") if fraction else str(int(whole))
    return compact.lstrip("0") or "0"


def link_flags(fr: str, en: str, score: float, *, length_ratio: float = 1.0) -> tuple[str, ...]:
    """Flags for a link; length_ratio is the document's English/French character ratio."""
    flags: list[str] = []
    if not fr.strip() or not en.strip():
        return (OMISSION,)
    if score < LOW_CONFIDENCE_SCORE:
        flags.append(LOW_CONFIDENCE)
    expected_en = len(fr) * length_ratio
    longer, shorter = max(expected_en, len(en)), min(expected_en, len(en))
    if longer - shorter >= PARTIAL_OMISSION_MIN_CHARS and longer >= PARTIAL_OMISSION_RATIO * max(shorter, 1):
        flags.append(OMISSION)
    if sorted(numbers_in(fr)) != sorted(numbers_in(en)):
        flags.append(NUMBER_MISMATCH)
    return tuple(flags)
