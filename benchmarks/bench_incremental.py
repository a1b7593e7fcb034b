"""Incremental runs: how much a second run, and one added document pair, cost against a full run.

Builds a corpus in a temporary folder from ../shared/data/eval/unpc-en-fr
(each UNPC document of the devset, its lines grouped by document id, becomes
one small French/English file pair; the eval data is only read), then times:

1. a first `paxterm run` on N pairs (fresh store, empty embedding cache);
2. a second run with nothing new;
3. a run after adding one new pair to the N-pair corpus;
4. a full run on the N+1 pairs from scratch, the alternative to (3).

Each with and without the term base step. Results are printed as markdown.
With the term base, (3) extracts term candidates (spaCy) from the new
document only: the others' come from the project store.

    .venv/bin/python benchmarks/bench_incremental.py [--pairs 200]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from aligner.embed import load_embedder
from paxterm.service import Project

ROOT = Path(__file__).resolve().parents[1]
UNPC = ROOT.parent / "shared" / "data" / "eval" / "unpc-en-fr"


def unpc_documents() -> list[tuple[str, list[str], list[str]]]:
    """(document id, French lines, English lines) in devset order."""
    ids = (UNPC / "UNv1.0.devset.ids").read_text(encoding="utf-8").splitlines()
    french = (UNPC / "UNv1.0.devset.fr").read_text(encoding="utf-8").splitlines()
    english = (UNPC / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()
    grouped: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for line, fr, en in zip(ids, french, english):
        grouped[line.split()[0]][0].append(fr)
        grouped[line.split()[0]][1].append(en)
    return [(doc_id, fr, en) for doc_id, (fr, en) in grouped.items()]


def write_pair(corpus: Path, doc_id: str, fr: list[str], en: list[str]) -> None:
    name = doc_id.replace("/", "-")
    for language, lines in (("fr", fr), ("en", en)):
        folder = corpus / language
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}-{language}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")


def timed_run(corpus: Path, embedder, glossary: bool):
    started = time.perf_counter()
    with Project(corpus) as project:
        result = project.run(corpus.parent / "out", embedder=embedder, glossary=glossary)
    return time.perf_counter() - started, result


def measure(documents, pairs: int, embedder, glossary: bool, work: Path) -> dict[str, float]:
    os.environ["PAXTERM_CACHE_DIR"] = str(work / "cache-incremental")
    corpus = work / "corpus"
    for doc_id, fr, en in documents[:pairs]:
        write_pair(corpus, doc_id, fr, en)
    first, result = timed_run(corpus, embedder, glossary)
    paired = len(result.summary.pairs)
    second, again = timed_run(corpus, embedder, glossary)
    assert again.nothing_new and again.embedded == 0
    write_pair(corpus, *documents[pairs])
    added, after = timed_run(corpus, embedder, glossary)
    os.environ["PAXTERM_CACHE_DIR"] = str(work / "cache-full")  # a cold cache, as a first run has
    full_corpus = work / "full" / "corpus"
    shutil.copytree(corpus, full_corpus, ignore=shutil.ignore_patterns(".paxterm"))
    full, _ = timed_run(full_corpus, embedder, glossary)
    return {"first": first, "second": second, "added": added, "full": full, "paired": paired,
            "aligned_by_add": len(after.aligned), "embedded_by_add": after.embedded,
            "extracted_by_add": len(after.terms_extracted)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=200)
    args = parser.parse_args()
    documents = unpc_documents()
    embedder = load_embedder()
    embedder.encode(["warm-up"])
    print(f"UNPC devset: {len(documents)} documents; corpus of {args.pairs} pairs, then one more "
          f"({os.cpu_count()} CPUs)\n")
    print("| term base | first run (s) | second run, nothing new (s) | second / first | "
          "add 1 pair + run (s) | full run on N+1 (s) | add / full |")
    print("|---|---|---|---|---|---|---|")
    for glossary in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            m = measure(documents, args.pairs, embedder, glossary, Path(folder))
        print(f"| {'yes' if glossary else 'no'} | {m['first']:.1f} | {m['second']:.2f} | "
              f"{100 * m['second'] / m['first']:.1f}% | {m['added']:.2f} | {m['full']:.1f} | "
              f"{100 * m['added'] / m['full']:.1f}% |")
    print(f"\nFirst run paired {m['paired']} of {args.pairs} French documents; the added pair: "
          f"{m['aligned_by_add']} French document aligned, {m['embedded_by_add']} texts embedded, "
          f"term candidates extracted from {m['extracted_by_add']} document(s).")


if __name__ == "__main__":
    main()
