"""Monolingual term extraction scored against ACTER 1.5 (English and French).

Usage:
    .venv/bin/python benchmarks/bench_terms.py [--data PATH] [--cache DIR] [--unpc PATH]

For each language and domain (equi: dressage, htfl: heart failure, wind: wind
energy), the annotated texts go through extract_candidates, rank_candidates
and score_termhood, and the list, best termhood first, is scored against the
unique gold terms, with named entities (``_terms_nes.tsv``) and without
(``_terms.tsv``). A candidate is correct when one of its surface forms or its
canonical form, lowercased, is a gold term; recall counts the gold terms that
some candidate of the cut-off matches. Two cut-offs:
- default: the candidates of termhood >= DEFAULT_MIN_TERMHOOD, what paxterm
  writes by default;
- best: the top-N with the highest F1 (an oracle, as in TermEval 2020 reports).
The termhood weights were fitted on these three domains (in-sample here);
benchmarks/fit_termhood.py gives the held-out (leave-one-domain-out) figures.
With --unpc, also times extraction + ranking of the 4,000 UNPC sentences per
language. Prints markdown tables.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import re
import sys
import time
from pathlib import Path

from glossary.extract.candidates import TermCandidate, extract_candidates
from glossary.rank import rank_candidates
from glossary.rank.termhood import DEFAULT_MIN_TERMHOOD, score_termhood

LANGUAGES = ("en", "fr")
DOMAINS = ("equi", "htfl", "wind")
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "eval" / "acter"
DEFAULT_UNPC = DEFAULT_DATA.parent / "unpc-en-fr"


def normalise(term: str) -> str:
    """Lowercase, one space between words, none after an elided article (ACTER is tokenised)."""
    text = " ".join(term.lower().split())
    return re.sub(r"(\w['’]) ", r"\1", text)


def load_gold(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {normalise(line.split("\t")[0]) for line in lines if line.strip()}


def load_segments(texts: Path) -> list[tuple[str, str]]:
    segments = []
    for file in sorted(texts.glob("*.txt")):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                segments.append((f"{file.stem}#{number}", line))
    return segments


def cached_candidates(segments: list[tuple[str, str]], language: str, cache: Path | None
                      ) -> tuple[list[TermCandidate], float]:
    """extract_candidates(segments, language), pickled under `cache` by a hash of the texts.

    spaCy over an ACTER domain takes minutes on two shared cores; ranking
    experiments only need the candidates. The key ignores the extractor's
    code: empty the cache folder after changing extraction. Returns the
    candidates and the extraction seconds (those of the run that filled the cache).
    """
    key = hashlib.blake2b(repr((language, segments)).encode(), digest_size=16).hexdigest()
    path = cache / f"candidates-{language}-{key}.pickle" if cache else None
    if path is not None and path.is_file():
        return pickle.loads(path.read_bytes())
    started = time.perf_counter()
    candidates = extract_candidates(segments, language)
    result = (candidates, time.perf_counter() - started)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(result))
    return result


def forms_of(candidate: TermCandidate) -> set[str]:
    return {normalise(form) for form in candidate.surface_forms} | {normalise(candidate.canonical)}


def f1_curve(ranked: list[TermCandidate], gold: set[str]) -> list[tuple[float, float, float]]:
    """(precision, recall, F1) of the top-N, for N = 1..len(ranked)."""
    curve = []
    correct = 0
    found: set[str] = set()
    for n, candidate in enumerate(ranked, start=1):
        hits = forms_of(candidate) & gold
        correct += bool(hits)
        found |= hits
        precision, recall = correct / n, len(found) / len(gold)
        f1 = 2 * precision * recall / (precision + recall) if correct else 0.0
        curve.append((precision, recall, f1))
    return curve


def termhood_order(candidates: list[TermCandidate], language: str, tokens: int) -> list[TermCandidate]:
    """Candidates with their termhood, best first, as the term base ranks them."""
    scored = score_termhood(rank_candidates(candidates, language, total_tokens=tokens), language, tokens)
    return sorted(scored, key=lambda candidate: -candidate.termhood)


def run_acter(data: Path, cache: Path | None) -> None:
    print("| lang | domain | gold | NEs | candidates | default N | default P | default R | default F1 "
          "| best N | best P | best R | best F1 | extract s | rank s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for language in LANGUAGES:
        for domain in DOMAINS:
            base = data / language / domain / "annotated"
            lists = base / "annotations" / "unique_annotation_lists"
            segments = load_segments(base / "texts")
            candidates, extract_seconds = cached_candidates(segments, language, cache)
            started = time.perf_counter()
            tokens = sum(len(text.split()) for _, text in segments)
            ranked = termhood_order(candidates, language, tokens)
            seconds = time.perf_counter() - started
            default_n = max(1, sum(candidate.termhood >= DEFAULT_MIN_TERMHOOD for candidate in ranked))
            for with_nes, suffix in ((True, "_terms_nes.tsv"), (False, "_terms.tsv")):
                gold = load_gold(lists / f"{domain}_{language}{suffix}")
                curve = f1_curve(ranked, gold)
                best_n = max(range(len(curve)), key=lambda n: curve[n][2]) + 1
                bp, br, bf = curve[best_n - 1]
                dp, dr, df = curve[default_n - 1]
                print(f"| {language} | {domain} | {len(gold)} | {'yes' if with_nes else 'no'} "
                      f"| {len(ranked)} | {default_n} | {dp:.3f} | {dr:.3f} | **{df:.3f}** "
                      f"| {best_n} | {bp:.3f} | {br:.3f} | {bf:.3f} | {extract_seconds:.1f} | {seconds:.1f} |")
            sys.stdout.flush()


def run_unpc(unpc: Path) -> None:
    print("\n| lang | sentences | candidates | extract+rank seconds |")
    print("|---|---|---|---|")
    for language in LANGUAGES:
        lines = (unpc / f"UNv1.0.devset.{language}").read_text(encoding="utf-8").splitlines()
        segments = [(f"unpc#{number}", line) for number, line in enumerate(lines)]
        started = time.perf_counter()
        candidates = extract_candidates(segments, language)
        ranked = termhood_order(candidates, language, sum(len(text.split()) for _, text in segments))
        seconds = time.perf_counter() - started
        print(f"| {language} | {len(segments)} | {len(ranked)} | {seconds:.1f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ACTER folder (en/, fr/)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder for pickled candidates, so that reruns skip spaCy (empty it after changing extraction)")
    parser.add_argument("--unpc", type=Path, nargs="?", const=DEFAULT_UNPC, default=None,
                        help="also time the UNPC dev set (folder with UNv1.0.devset.en/.fr)")
    args = parser.parse_args()
    if not (args.data / "en").is_dir():
        print(f"ACTER data not found at {args.data}: skipping (pass --data PATH)")
        return 0
    run_acter(args.data, args.cache)
    if args.unpc is not None:
        if (args.unpc / "UNv1.0.devset.en").is_file():
            run_unpc(args.unpc)
        else:
            print(f"UNPC data not found at {args.unpc}: skipping the timing")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
