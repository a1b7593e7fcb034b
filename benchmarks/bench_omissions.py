"""Untranslated sentences planted into UN text: are they found, alone?

    python benchmarks/bench_omissions.py [--data ../shared/data/eval] [--split dev|test]
        [--model use|e5] [--cache FILE] [--seed 13]

The UNPC dev set (4,000 French/English sentence pairs) is cut into documents
of DOC_PAIRS consecutive pairs; in each, PLANTED sentences are deleted, on a
side drawn at random, never two neighbours. Each document pair is aligned
through the same path as `paxterm align --split lines`; a planted deletion is
found when the remaining sentence comes out as its own 1-0 or 0-1 link.
Reports omission precision/recall, strict F1 and the mean score of the links.
The first 2,000 pairs (--split dev) served to tune; the last 2,000
(--split test) are held out. Skips cleanly when the data is absent.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alignment_scores import omission_scores, score  # noqa: E402
from bench_align import DEFAULT_DATA, make_embedder  # noqa: E402
from unpc_split import unpc_lines  # noqa: E402

from aligner.align.pipeline import align_documents  # noqa: E402
from aligner.read.document import Document, Paragraph  # noqa: E402

DOC_PAIRS = 50
PLANTED = 2  # deletions per document: 4% of its sentences


def planted_documents(fr: list[str], en: list[str], rng: random.Random):
    """Yield (French lines, English lines, gold beads (French first))."""
    for start in range(0, len(fr) - DOC_PAIRS + 1, DOC_PAIRS):
        positions = sorted(rng.sample(range(1, DOC_PAIRS - 1, 2), PLANTED))  # odd slots: never neighbours
        deleted = {p: rng.choice(("fr", "en")) for p in positions}
        fr_lines, en_lines, gold = [], [], []
        for k in range(DOC_PAIRS):
            side = deleted.get(k)
            f, e = fr[start + k], en[start + k]
            if side == "en":  # the English lost its sentence: the French one is left alone
                gold.append(((len(fr_lines),), ()))
                fr_lines.append(f)
            elif side == "fr":
                gold.append(((), (len(en_lines),)))
                en_lines.append(e)
            else:
                gold.append(((len(fr_lines),), (len(en_lines),)))
                fr_lines.append(f)
                en_lines.append(e)
        yield fr_lines, en_lines, gold


def _document(lines: list[str], language: str, name: str) -> Document:
    return Document(path=Path(name), language=language, paragraphs=tuple(Paragraph(line) for line in lines))


def evaluate(fr: list[str], en: list[str], embedder, rng: random.Random) -> dict[str, float]:
    golds, tests = [], []
    for number, (fr_lines, en_lines, gold) in enumerate(planted_documents(fr, en, rng)):
        alignment = align_documents(_document(fr_lines, "fr", f"fr{number}.txt"),
                                    _document(en_lines, "en", f"en{number}.txt"), embedder, split="lines")
        tests.append([(link.fr_index, link.en_index) for link in alignment.sentence_links])
        golds.append(gold)
    result = score(golds, tests)
    result.update(omission_scores(golds, tests))
    result["documents"] = len(golds)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--model", choices=("use", "e5"), default="use")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    lines = unpc_lines(args.data, args.split)
    if lines is None:
        print(f"skip: UNPC dev set not found under {args.data}")
        return
    fr, en = lines
    result = evaluate(fr, en, make_embedder(args.model, args.cache), random.Random(args.seed))
    print(f"UNPC {args.split} part, {int(result['documents'])} documents of {DOC_PAIRS} pairs, {PLANTED} deletions each, "
          f"model {args.model}")
    print(f"omissions: precision {result['omission_precision']:.3f}, recall {result['omission_recall']:.3f} "
          f"({int(result['omissions_gold'])} planted, {int(result['omissions_predicted'])} predicted); "
          f"strict F1 {result['f1_strict']:.3f}, lax F1 {result['f1_lax']:.3f}")


if __name__ == "__main__":
    main()
