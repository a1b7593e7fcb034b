"""Bilingual term pairing: the bundled corpus against a check list, and speed.

Usage:
    .venv/bin/python benchmarks/bench_glossary.py [--unpc PATH] [--show N]

1. Aligns corpus/ as `paxterm run` does (the Project service, a temporary store), builds the term
   base (glossary.build.build_termbase), keeps what `paxterm run` writes by
   default (glossary.termbase.select_for_output at
   glossary.rank.termhood.DEFAULT_MIN_TERMHOOD, or --min-termhood) and scores
   that against benchmarks/term_pairs_corpus.tsv:
   - recall: share of the "gold" pairs that some entry holds (its French
     terms include the French side and its English terms the English side);
   - terms in the first 100 / of all written entries: share of the entries, in term-base order
     (terms first, glossary.rank.order), whose preferred pair is a "gold" or an
     "acceptable" row of the list (a term, judged by hand from the corpus texts);
   - right pairs in the first 100 / of all: the same counting "pair" rows too (a right translation
     that is no term: a free phrase such as "étape cruciale" / "crucial step", a general word such as
     "honneur" / "honour"); every entry off the list counts wrong in both.
   Terms match after lowercasing and singularising each word (French: a final -s/-x dropped; English: -ies -> -y,
   -men -> -man, -sses/-xes/-ches/-shes lose -es, else a final -s/-x dropped). The list's column "judged" names the work that judged a row after the
   first list (empty for the first list's rows); --without-judged NAME scores against the list without them.
2. Times the glossary step (build_termbase, extraction included, spaCy models
   already loaded, no embedding cache) on the corpus and on the 4,000
   line-parallel UNPC dev sentences, in wall and CPU seconds.
3. With --unpc-judged TSV (a list judged by hand from the UNPC default output; default
   benchmarks/unpc_judged_keys.tsv), the UNPC dev default output is scored as the corpus is (terms
   in the first 100 / 300 / of all written; entries the list does not judge are counted apart and,
   with --unjudged FILE, written there to be judged); --dump-unpc FILE writes the UNPC default
   output (order, id, termhood, French, English) for judging. The list's columns are fr, en, kind
   (kept outside the repository: UNPC text is evaluation data) or key, kind, where key is
   judged_key() of the normalised pair, a one-way hash that holds no UNPC text: --hash-judged OUT
   adds a fr/en/kind list to OUT in that form, the one the repository keeps.
Prints markdown.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import time
from pathlib import Path

from aligner.embed import load_embedder
from glossary.build import build_termbase
from glossary.extract.nlp import load_pipeline
from glossary.io.records import AlignedSegment, segments_from_alignments
from glossary.rank.termhood import DEFAULT_MIN_TERMHOOD
from glossary.termbase import TermBase, select_for_output
import shutil
import tempfile

from paxterm.service import Project

ROOT = Path(__file__).resolve().parents[1]
CHECK_LIST = ROOT / "benchmarks" / "term_pairs_corpus.tsv"
DEFAULT_UNPC = ROOT.parent / "shared" / "data" / "eval" / "unpc-en-fr"
# The hand-judged UNPC term pairs as one-way keys (see --hash-judged).
UNPC_JUDGED = ROOT / "benchmarks" / "unpc_judged_keys.tsv"
TOP = 100
# Kinds of the check list: "gold" (the terms the term base must hold), "acceptable" (a term too),
# "pair" (a right translation that is no term: a free phrase, a general word).
TERM_KINDS = frozenset({"gold", "acceptable"})
PAIR = "pair"


def normalise(term: str, language: str) -> str:
    words = term.casefold().replace("’", "'").split()
    return " ".join(_singular(w, language) for w in words)


def _singular(word: str, language: str) -> str:
    if language == "fr":  # parties prenantes -> partie prenante
        return word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word
    if word.endswith("ies") and len(word) > 4:  # countries -> country
        return word[:-3] + "y"
    if word.endswith("men"):  # women -> woman
        return word[:-3] + "man"
    if word.endswith(("sses", "xes", "ches", "shes")):  # processes -> process
        return word[:-2]
    if word.endswith("ss"):  # process stays process
        return word
    return word[:-1] if word.endswith(("s", "x")) and len(word) > 3 else word


def judged_key(fr: str, en: str) -> str:
    """A one-way key of a pair as the lists match it (normalised French and English): no text in it."""
    text = normalise(fr, "fr") + "\t" + normalise(en, "en")
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class JudgedList(dict):
    """A hand-judged list read as `check.get((normalised fr, normalised en))`, stored with text or as keys."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream, delimiter="\t"))
        self.hashed = bool(rows) and "key" in rows[0]
        for row in rows:
            self[row["key"] if self.hashed else judged_key(row["fr"], row["en"])] = row["kind"]

    def kind(self, fr: str, en: str) -> str | None:
        return super().get(judged_key(fr, en))


def read_check_list(path: Path, without_judged: str = "") -> dict[tuple[str, str], str]:
    """(French, English) -> kind; rows whose "judged" column is `without_judged` left out."""
    with path.open(encoding="utf-8", newline="") as stream:
        return {(normalise(row["fr"], "fr"), normalise(row["en"], "en")): row["kind"] for row in csv.DictReader(stream, delimiter="\t")
                if not without_judged or (row.get("judged") or "") != without_judged}


def score(termbase: TermBase, check: dict[tuple[str, str], str], show: int) -> None:
    gold = {pair for pair, kind in check.items() if kind == "gold"}
    held = set()
    for entry in termbase:
        for fr in entry.fr_terms:
            for en in entry.en_terms:
                held.add((normalise(fr, "fr"), normalise(en, "en")))
    found = gold & held
    entries = list(termbase)
    judged = [(entry, check.get((normalise(entry.fr, "fr"), normalise(entry.en, "en")))) for entry in entries]
    top = judged[:TOP]
    print(f"| entries | gold pairs | recall | terms in the first {len(top)} | right pairs in the first {len(top)} "
          f"| terms of all {len(entries)} | right pairs of all {len(entries)} |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {len(entries)} | {len(gold)} | {_share(len(found), len(gold))} | {_share(_terms(top), len(top))} "
          f"| {_share(_pairs(top), len(top))} | {_share(_terms(judged), len(judged))} "
          f"| {_share(_pairs(judged), len(judged))} |")
    print("\nGold pairs missed:")
    for fr, en in sorted(gold - found):
        partners = [(e.en, e.termhood) for e in termbase if normalise(e.fr, "fr") == fr]
        print(f"- {fr} / {en}" + (f" (paired with {partners})" if partners else " (no French entry)"))
    for title, rows in ((f"First {len(top)} entries that are no term", top),
                        (f"Entries after the first {len(top)} that are no term", judged[TOP:])):
        print(f"\n{title} (right pairs marked 'pair', others are off the list):")
        for entry, kind in rows:
            if kind not in TERM_KINDS:
                print(f"- {entry.id} {entry.confidence:.3f} {entry.termhood:.3f} {entry.fr} / "
                      f"{entry.en or '(French only)'}{' pair' if kind == PAIR else ''}")
    if show:
        print(f"\nFirst {show} entries:")
        for entry in entries[:show]:
            print(f"- {entry.id} {entry.confidence:.3f} {entry.fr} / {entry.en} {entry.fr_variants} {entry.en_variants}")


def _terms(judged) -> int:
    return sum(kind in TERM_KINDS for _, kind in judged)


def _pairs(judged) -> int:
    return sum(kind is not None for _, kind in judged)


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / max(1, whole):.1%}"


def unpc_segments(folder: Path) -> list[AlignedSegment]:
    fr = (folder / "UNv1.0.devset.fr").read_text(encoding="utf-8").splitlines()
    en = (folder / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()
    return [AlignedSegment("unpc-devset.fr", "unpc-devset.en", f, e, 1.0) for f, e in zip(fr, en, strict=True)]


def aligned_corpus(corpus: Path):
    """The bundled corpus aligned as `paxterm run --no-glossary` aligns it, in a temporary store."""
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "corpus"
        shutil.copytree(corpus, copy)
        with Project(copy) as project:
            project.run(Path(work) / "out", glossary=False)
            from paxterm.store import open_store
            with open_store(project.store_path, create=False) as store:
                return store.links.alignments()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unpc", type=Path, default=DEFAULT_UNPC)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--without-judged", default="", metavar="NAME",
                        help='score without the check list rows whose "judged" column is NAME')
    parser.add_argument("--unpc-judged", type=Path, default=UNPC_JUDGED,
                        help="hand-judged UNPC term pairs (fr, en, kind or key, kind TSV)")
    parser.add_argument("--hash-judged", type=Path, metavar="OUT",
                        help="write --unpc-judged (fr, en, kind) as keys and kinds to OUT, and stop")
    parser.add_argument("--unjudged", type=Path, help="write here the UNPC entries --unpc-judged lacks")
    parser.add_argument("--dump-unpc", type=Path, help="write the UNPC default output here (TSV)")
    parser.add_argument("--min-termhood", type=float, default=DEFAULT_MIN_TERMHOOD,
                        help="threshold of the default output (negative: score every entry)")
    args = parser.parse_args()
    if args.unpc_judged != UNPC_JUDGED and not args.unpc_judged.is_file():
        parser.error(f"--unpc-judged {args.unpc_judged}: no such file")
    if args.hash_judged:
        # Added to what OUT holds already: a later session judges the entries --unjudged wrote (fr, en, kind)
        # and folds them into the repository's keys.
        judged = JudgedList(args.hash_judged) if args.hash_judged.is_file() else {}
        judged.update(JudgedList(args.unpc_judged))
        with args.hash_judged.open("w", encoding="utf-8", newline="") as stream:
            out = csv.writer(stream, delimiter="\t")
            out.writerow(["key", "kind"])
            out.writerows(sorted(judged.items()))
        print(f"{len(judged)} judged pairs written as keys to {args.hash_judged}")
        return
    load_pipeline("fr"), load_pipeline("en")
    alignments = aligned_corpus(ROOT / "corpus")
    segments = segments_from_alignments(alignments)
    embedder = load_embedder()
    start, cpu = time.perf_counter(), time.process_time()
    termbase = build_termbase(segments, embedder, corpus="corpus", model=embedder.name)
    corpus_seconds, corpus_cpu = time.perf_counter() - start, time.process_time() - cpu
    selection = select_for_output(termbase, args.min_termhood if args.min_termhood >= 0 else None)
    print(f"Default output: {len(selection.termbase)} of {len(termbase)} entries "
          f"(termhood >= {selection.min_termhood:.2f}; {selection.left_out} left out)\n")
    score(selection.termbase, read_check_list(CHECK_LIST, args.without_judged), args.show)
    # CPU seconds (this process, all its threads) besides wall seconds: on a shared machine the wall time
    # of one run varies with the others' load, its CPU time much less.
    print("\n| glossary step | segments | entries | seconds | CPU seconds |")
    print("|---|---|---|---|---|")
    print(f"| bundled corpus | {len(segments)} | {len(termbase)} | {corpus_seconds:.1f} | {corpus_cpu:.1f} |")
    if (args.unpc / "UNv1.0.devset.fr").is_file():
        unpc = unpc_segments(args.unpc)
        start, cpu = time.perf_counter(), time.process_time()
        unpc_termbase = build_termbase(unpc, embedder, corpus="unpc", model=embedder.name)
        print(f"| UNPC dev (line-parallel) | {len(unpc)} | {len(unpc_termbase)} | {time.perf_counter() - start:.1f} "
              f"| {time.process_time() - cpu:.1f} |")
        written = select_for_output(unpc_termbase, args.min_termhood if args.min_termhood >= 0 else None).termbase
        if args.dump_unpc:
            with args.dump_unpc.open("w", encoding="utf-8", newline="") as stream:
                out = csv.writer(stream, delimiter="\t")
                out.writerow(["order", "id", "termhood", "fr", "en"])
                for order, entry in enumerate(written, 1):
                    out.writerow([order, entry.id, f"{entry.termhood:.3f}", entry.fr, entry.en])
        if args.unpc_judged.is_file():
            score_held_out(list(written), JudgedList(args.unpc_judged), args.unjudged)


def score_held_out(entries, check: JudgedList, unjudged_path: Path | None) -> None:
    """Terms and right pairs among the first 100 / 300 / all written entries of the UNPC default output."""
    kinds = [check.kind(e.fr, e.en) for e in entries]
    print(f"\nUNPC dev default output ({len(entries)} written), against the hand-judged list "
          "(benchmarks/RESULTS.md says which rules were written without looking at it):\n")
    print("| entries | judged | terms | right pairs | wrong |")
    print("|---|---|---|---|---|")
    for label, cut in (("first 100", 100), ("first 300", 300), (f"all {len(entries)}", len(entries))):
        part = [k for k in kinds[:cut]]
        known = [k for k in part if k is not None]
        terms = sum(k in TERM_KINDS for k in known)
        pairs = sum(k == PAIR for k in known)
        print(f"| {label} | {len(known)}/{len(part)} | {_share(terms, len(known))} | {_share(pairs, len(known))} "
              f"| {len(known) - terms - pairs} |")
    missing = [e for e, k in zip(entries, kinds) if k is None]
    if unjudged_path:
        with unjudged_path.open("w", encoding="utf-8", newline="") as stream:
            out = csv.writer(stream, delimiter="\t")
            out.writerow(["order", "fr", "en"])
            for order, (entry, kind) in enumerate(zip(entries, kinds), 1):
                if kind is None:
                    out.writerow([order, entry.fr, entry.en])
        print(f"\n{len(missing)} entries unjudged, written to {unjudged_path}")


if __name__ == "__main__":
    main()
