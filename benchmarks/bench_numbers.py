"""number_mismatch on UN text: false alarms on correct links, planted figure changes found.

    python benchmarks/bench_numbers.py [--data ../shared/data/eval] [--split dev|test] [--seed 13]

The UNPC dev set is 4,000 sentence pairs that are translations of each other:
every number_mismatch on them is a false alarm. Its first half (--split dev)
was used to design the rules; the second half (--split test) is held out.
Then one figure of each pair that has figures is changed on one side (a digit
changed, two digits swapped, a year moved by one, a decimal changed; a symbol's
number changed) and the flag must fire. Skips cleanly when the data is absent.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from unpc_split import unpc_lines  # noqa: E402

from aligner.align.numbers import figures_differ  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "eval"
# A figure worth planting a change in: digits not glued to a word (a footnote
# call is not a figure) and not the paragraph number that opens the segment.
_PLANTABLE = re.compile(r"(?<![\w/.,])\d+(?:[.,]\d+)?(?![\w])")


def _change(number: str, rng: random.Random) -> str:
    digits = [i for i, c in enumerate(number) if c.isdigit()]
    kind = rng.choice(("digit", "swap", "shift"))
    if kind == "swap" and len(digits) >= 2:
        for _ in range(10):
            a, b = sorted(rng.sample(digits, 2))
            if number[a] != number[b]:
                chars = list(number)
                chars[a], chars[b] = chars[b], chars[a]
                return "".join(chars)
    if kind == "shift" and "." not in number and "," not in number:
        return str(int(number) + rng.choice((-1, 1))) if int(number) > 1 else str(int(number) + 1)
    position = rng.choice(digits)
    replacement = rng.choice([d for d in "0123456789" if d != number[position] and not (d == "0" and position == 0)])
    return number[:position] + replacement + number[position + 1:]


def plant(text: str, rng: random.Random) -> str | None:
    """The text with one of its figures changed, or None when it has none to change."""
    body_start = re.match(r"^\s*\(?\d{1,4}(?:\.\d+)*[.)]?\s", text)
    offset = body_start.end() if body_start else 0
    candidates = [m for m in _PLANTABLE.finditer(text, offset)]
    if not candidates:
        return None
    match = rng.choice(candidates)
    return text[:match.start()] + _change(match.group(), rng) + text[match.end():]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", type=int, default=0, help="print this many false alarms and misses")
    args = parser.parse_args()
    lines = unpc_lines(args.data, args.split)
    if lines is None:
        print(f"skip: UNPC dev set not found under {args.data}")
        return
    pairs = list(zip(*lines))

    alarms = [(f, e) for f, e in pairs if figures_differ(f, e)]
    rng = random.Random(args.seed)
    planted = found = 0
    misses = []
    for f, e in pairs:
        if figures_differ(f, e):
            continue  # a pair that differs already cannot show a planted change
        side = rng.choice(("fr", "en"))
        changed = plant(f if side == "fr" else e, rng)
        if changed is None or changed == (f if side == "fr" else e):
            continue
        planted += 1
        caught = figures_differ(changed, e) if side == "fr" else figures_differ(f, changed)
        found += caught
        if not caught:
            misses.append((changed, e) if side == "fr" else (f, changed))
    print(f"UNPC dev set, {args.split} part ({len(pairs)} correct sentence pairs)")
    print(f"number_mismatch on correct links: {len(alarms)}/{len(pairs)} = {len(alarms) / len(pairs):.2%}")
    print(f"planted figure changes found: {found}/{planted} = {found / max(planted, 1):.2%}")
    for f, e in alarms[:args.show]:
        print("ALARM |", f[:160], "|", e[:160])
    for f, e in misses[:args.show]:
        print("MISS  |", f[:160], "|", e[:160])


if __name__ == "__main__":
    main()
