"""Terminology check: precision and recall against wrong renderings planted in the corpus.

Usage:
    .venv/bin/python benchmarks/bench_check.py [--plantings 40] [--seed 13] [--show]

1. The term base is the "gold" pairs of benchmarks/term_pairs_corpus.tsv,
   every entry validated.
2. Each bundled pair (corpus/fr + corpus/en) is aligned and checked as it is:
   every finding there is a false positive (or a real divergence of the texts).
3. Planting sites are English occurrences of an entry's English term in a
   sentence link whose French side holds the entry's French term. Both are
   found with a plain regular expression (plural -s/-es/-x on any word,
   hyphen or space), independent of the check's own lemma matching. Sites
   nested inside another entry's longer term are left out ("peacekeeping" in
   "peacekeeping operations"): changing them changes the longer term.
4. `--plantings` sites, drawn with a fixed seed across both documents, at most
   one per link and entry, get a wrong rendering from WRONG below (its plural
   where the site is plural) in a copy of the English file in a temporary
   folder. The pair is aligned again and checked.
5. A planting is found when a finding for its entry holds the wrong rendering
   in its English segment. Precision of `missing`: the share of `missing`
   findings on the planted texts that point at a planting.
6. With --unpc FOLDER (default ../shared/data/eval/unpc-en-fr, if present):
   the time of the check alone on the 4,000 line-parallel UNPC dev sentence
   pairs (each line one link), spaCy models already loaded.
Prints markdown.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from aligner.align.pipeline import align_documents
from aligner.read.document import read_document
from aligner.align.links import SENTENCE, DocumentAlignment, Link
from glossary.check.findings import MISSING, CheckReport, check_alignments
from glossary.extract.nlp import load_pipeline
from glossary.termbase import TermBase, TermEntry, make_entry_id
from paxterm.embedding import make_embedder

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_UNPC = ROOT.parent / "shared" / "data" / "eval" / "unpc-en-fr"
CHECK_LIST = ROOT / "benchmarks" / "term_pairs_corpus.tsv"
PAIRS = (
    ("berlin-ministerial-2025-chair-summary.txt", "A-79-923-S-2025-341.txt"),
    ("peru-letter-2019-triangular-cooperation.md", "S-2019-triangular-cooperation-debate-summary.txt"),
)

# A plausible but wrong English rendering of each gold English term; none is a
# term of the term base, so a planted site can only be reported as missing.
WRONG = {
    "triangular cooperation": "three-way collaboration",
    "assessed contribution": "mandatory payment",
    "conflict-related sexual violence": "war-linked sexual abuse",
    "troop-contributing country": "troop-providing nation",
    "Peacebuilding Commission": "Peace Consolidation Board",
    "sexual exploitation and abuse": "sexual misconduct",
    "peacekeeping": "peace maintenance",
    "Security Council": "Safety Council",
    "protection of civilians": "civilian safeguarding",
    "peacekeeping operation": "peace-maintenance mission",
    "peace operation": "peace mission",
    "General Assembly": "General Meeting",
    "Secretary-General": "General Secretary",
    "Member State": "member nation",
    "African Union": "Union of Africa",
    "regional organization": "regional body",
    "operational resilience": "operational robustness",
    "environmental management": "ecological stewardship",
    "information integrity": "information reliability",
    "strategic communication": "strategic messaging",
    "climate change": "climate shift",
    "host country": "receiving nation",
    "Permanent Mission": "Standing Delegation",
    "Permanent Representative": "Standing Delegate",
    "MINUSMA": "the Mali mission",
    "Pact for the Future": "Future Compact",
    "burden-sharing": "cost distribution",
    "liquidity crisis": "cash crunch",
    "normative framework": "standards architecture",
    "planning capacity": "planning ability",
    "peace continuum": "continuum of calm",
    "peacebuilding": "peace consolidation",
    "conflict prevention": "conflict avoidance",
    "peacekeeping personnel": "peace staff",
    "Working Group on Peacekeeping Operations": "Working Party on Peace Missions",
    "Special Committee on Peacekeeping Operations": "Special Panel on Peace Missions",
    "Military Staff Committee": "Military Staffing Board",
    "strategic assessment": "strategic review",
    "quadrangular cooperation": "four-way collaboration",
    "artificial intelligence": "machine intelligence",
}


@dataclass(frozen=True)
class Site:
    pair: int
    link: int
    entry: TermEntry
    occurrence: int  # rank of this match among the English term's matches in the document, in order
    text: str  # the matched English text


def read_termbase() -> TermBase:
    with CHECK_LIST.open(encoding="utf-8", newline="") as stream:
        # The 40 gold pairs this check was built on: rows judged later (column "judged") are left out.
        rows = [row for row in csv.DictReader(stream, delimiter="\t") if row["kind"] == "gold" and not row.get("judged")]
    return TermBase(tuple(TermEntry(make_entry_id(n), row["fr"], row["en"], status="validated")
                          for n, row in enumerate(rows, start=1)))


def term_regex(term: str) -> re.Pattern[str]:
    words = re.split(r"[\s\-]+", term.strip())
    body = r"[\s\-]+".join(re.escape(word).replace("'", "['’]") + r"(?:s|es|x)?" for word in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def outer_spans(text: str, patterns: dict[str, re.Pattern[str]]) -> dict[str, list[tuple[int, int]]]:
    """Matches of each term in text that no other term's longer match contains."""
    found = {term: [m.span() for m in pattern.finditer(text)] for term, pattern in patterns.items()}
    everything = [(span, term) for term, spans in found.items() for span in spans]
    return {term: [span for span in spans
                   if not any(other != term and s <= span[0] and span[1] <= e and e - s > span[1] - span[0]
                              for (s, e), other in everything)]
            for term, spans in found.items()}


def sites(number: int, alignment: DocumentAlignment, entries: tuple[TermEntry, ...]) -> list[Site]:
    fr_patterns = {entry.fr: term_regex(entry.fr) for entry in entries}
    en_patterns = {entry.en: term_regex(entry.en) for entry in entries}
    ranks: Counter[str] = Counter()
    found = []
    for link_number, link in enumerate(alignment.sentence_links):
        if not link.en:
            continue
        fr_outer = outer_spans(link.fr, fr_patterns)
        en_outer = outer_spans(link.en, en_patterns)
        for entry in entries:
            all_en = list(en_patterns[entry.en].finditer(link.en))
            for match in all_en:
                rank = ranks[entry.en]
                ranks[entry.en] += 1
                if fr_outer[entry.fr] and match.span() in en_outer[entry.en]:
                    found.append(Site(number, link_number, entry, rank, match.group()))
    return found


def wrong_for(site: Site) -> str:
    wrong = WRONG[site.entry.en]
    plural = site.text.lower() != site.entry.en.lower() and site.text.lower().endswith("s")
    if plural:
        wrong = wrong[:-1] + "ies" if wrong.endswith("y") else wrong + "s"
    if site.text[:1].isupper() and wrong[:1].islower():
        wrong = wrong[:1].upper() + wrong[1:]
    return wrong


def plant(text: str, entry: TermEntry, chosen: dict[int, str]) -> str:
    """text with the chosen occurrences (rank -> wrong rendering) of entry's English term replaced."""
    pieces, position = [], 0
    for rank, match in enumerate(term_regex(entry.en).finditer(text)):
        if rank in chosen:
            pieces += [text[position:match.start()], chosen[rank]]
            position = match.end()
    return "".join(pieces) + text[position:]


def timed_check(alignments: list[DocumentAlignment], termbase: TermBase) -> tuple[CheckReport, float]:
    start = time.perf_counter()
    report = check_alignments(alignments, termbase)
    return report, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plantings", type=int, default=40)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", action="store_true", help="list every finding and missed planting")
    parser.add_argument("--unpc", type=Path, default=DEFAULT_UNPC)
    args = parser.parse_args()
    load_pipeline("fr"), load_pipeline("en")
    termbase = read_termbase()
    entries = termbase.entries
    with tempfile.TemporaryDirectory() as folder:
        os.environ["PAXTERM_CACHE_DIR"] = str(Path(folder) / "cache")
        embedder = make_embedder(None)
        documents = [(read_document(ROOT / "corpus" / "fr" / fr, expected_language="fr"),
                      read_document(ROOT / "corpus" / "en" / en, expected_language="en")) for fr, en in PAIRS]
        originals = [align_documents(fr, en, embedder) for fr, en in documents]
        baseline, baseline_seconds = timed_check(originals, termbase)

        candidates = [site for number, alignment in enumerate(originals) for site in sites(number, alignment, entries)]
        random.Random(args.seed).shuffle(candidates)
        chosen: list[Site] = []
        taken: set[tuple[int, int, str]] = set()
        for site in candidates:
            key = (site.pair, site.link, site.entry.id)
            if key not in taken and len(chosen) < args.plantings:
                taken.add(key)
                chosen.append(site)

        planted_alignments = []
        for number, (fr, en) in enumerate(documents):
            text = en.path.read_text(encoding="utf-8")
            for entry in entries:
                ranks = {site.occurrence: wrong_for(site) for site in chosen
                         if site.pair == number and site.entry.id == entry.id}
                if ranks:
                    text = plant(text, entry, ranks)
            copy = Path(folder) / en.path.name
            copy.write_text(text, encoding="utf-8")
            planted_alignments.append(align_documents(fr, read_document(copy, expected_language="en"), embedder))
        planted, planted_seconds = timed_check(planted_alignments, termbase)

    names = [PAIRS[site.pair][1] for site in chosen]
    def points_at(finding, site: Site) -> bool:
        return (finding.en_doc == names[chosen.index(site)] and finding.entry_id == site.entry.id
                and wrong_for(site).lower() in finding.en.lower())

    missing = [f for f in planted.findings if f.kind == MISSING]
    true_missing = [f for f in missing if any(points_at(f, site) for site in chosen)]
    found_missing = [site for site in chosen if any(points_at(f, site) for f in missing)]
    found_any = [site for site in chosen if any(points_at(f, site) for f in planted.findings)]
    n = len(chosen)
    print(f"Term base: {len(entries)} validated gold pairs; {len(candidates)} planting sites, "
          f"{n} planted (seed {args.seed}) in "
          + ", ".join(f"{name} {count}" for name, count in Counter(names).items()) + ".\n")
    print("| texts | findings | missing | variant | inconsistent | check seconds |")
    print("|---|---|---|---|---|---|")
    for label, report, seconds in (("unmodified", baseline, baseline_seconds), ("planted", planted, planted_seconds)):
        counts = report.counts()
        print(f"| {label} | {len(report.findings)} | {counts['missing']} | {counts['variant']} | "
              f"{counts['inconsistent']} | {seconds:.2f} |")
    print("\n| measure | value |")
    print("|---|---|")
    print(f"| precision of `missing` on planted texts | {len(true_missing)}/{len(missing)} = "
          f"{len(true_missing) / max(1, len(missing)):.3f} |")
    print(f"| recall of plantings by `missing` | {len(found_missing)}/{n} = {len(found_missing) / max(1, n):.3f} |")
    print(f"| recall of plantings by any finding | {len(found_any)}/{n} = {len(found_any) / max(1, n):.3f} |")
    print(f"| false positives on unmodified texts | {len(baseline.findings)} |")
    if args.show:
        print("\nUnmodified-text findings:")
        for f in baseline.findings:
            print(f"- {f.kind} {f.fr_doc} {f.fr_index}: {f.fr_term} / expected {f.expected_en} / found {f.found_en!r}")
        print("\nPlantings missed:")
        for site in chosen:
            if site not in found_any:
                print(f"- {names[chosen.index(site)]} link {site.link}: {site.text!r} -> {wrong_for(site)!r}")
        print("\nPlantings found, but not as `missing`:")
        for site in found_any:
            if site not in found_missing:
                kinds = {f.kind for f in planted.findings if points_at(f, site)}
                print(f"- {names[chosen.index(site)]} link {site.link}: {site.text!r} -> {wrong_for(site)!r} "
                      f"({', '.join(sorted(kinds))})")
        print("\nPlanted-text findings that point at no planting:")
        for f in planted.findings:
            if not any(points_at(f, site) for site in chosen):
                print(f"- {f.kind} {f.fr_doc} {f.fr_index}: {f.fr_term} / expected {f.expected_en} / found {f.found_en!r}")

    if (args.unpc / "UNv1.0.devset.fr").is_file():
        unpc_speed(args.unpc, termbase)


def unpc_speed(folder: Path, termbase: TermBase) -> None:
    fr = (folder / "UNv1.0.devset.fr").read_text(encoding="utf-8").splitlines()
    en = (folder / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()
    links = tuple(Link(SENTENCE, (i,), (i,), f, e, 1.0) for i, (f, e) in enumerate(zip(fr, en, strict=True)))
    report, seconds = timed_check([DocumentAlignment("unpc.fr", "unpc.en", sentence_links=links)], termbase)
    print("\n| check speed | segment pairs | entries | findings | seconds | pairs/s |")
    print("|---|---|---|---|---|---|")
    print(f"| UNPC dev, line-parallel | {len(links)} | {len(termbase)} | {len(report.findings)} | "
          f"{seconds:.1f} | {len(links) / seconds:.0f} |")


if __name__ == "__main__":
    main()
