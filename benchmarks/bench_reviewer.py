"""A simulated reviewer on ACTER: does re-ranking from 100 decisions lift the next 300 candidates?

Usage:
    .venv/bin/python benchmarks/bench_reviewer.py [--data PATH] [--cache DIR] [--decided 100] [--next 300]

For each language and domain: the candidates in termhood order (what
`paxterm run` writes), the termhood being the held-out one (weights fitted on
the other two domains, benchmarks/fit_termhood.py), since a new project's
domain is new to the shipped weights. A reviewer who knows the gold list
(named entities included) validates the gold terms among the first
--decided entries and rejects the rest; glossary.rank.review.rerank_entries,
the function `paxterm run` calls with a project's decisions (with the bundled
embedder), re-ranks every entry. Printed: precision of the next --next
candidates before (ranks decided+1 .. decided+next in termhood order) and
after (the first --next undecided entries of the re-ranked list).

ACTER is not parallel: an entry holds one side only (the other is empty) and
its vector the monolingual features (the bilingual ones are 0); its contexts
(glossary.rank.context) are read from its candidate's segments.

Two tables: the model's settings chosen, for each domain, on the simulation
of the other two domains (held out: what a project of a new domain gets),
and the shipped settings (glossary.rank.review constants, chosen on all
three: in-sample). Then the seconds entry_contexts and rerank_entries take
on 3,000 entries with 100 decisions, embedding every term afresh (no cache).
With --cache, the embeddings of the candidates are kept there too.

With --bundled, instead: the bundled corpus (bilingual, every feature), as
`paxterm run` builds it (glossary.build.build_termbase, an embedding cache as
a project has); a reviewer who knows benchmarks/term_pairs_corpus.tsv
validates the listed pairs (gold or acceptable) among the first --decided
entries and rejects the rest; the term base is built again with those
decisions. Printed: precision of the next --next entries before and after,
and the glossary step's seconds with and without the decisions (same cache).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import pickle
import time
from pathlib import Path

import numpy as np

from aligner.embed import load_embedder
from bench_terms import DEFAULT_DATA, DOMAINS, LANGUAGES, load_segments
from fit_termhood import fit, ranked_examples
from glossary.rank.context import Occurrences, entry_contexts
from glossary.rank.features import BILINGUAL_FEATURES, MONOLINGUAL_FEATURES
from glossary.rank.review import (
    DEFAULT_SETTINGS,
    ReviewSettings,
    decision_key,
    entry_vector,
    rerank_entries,
)
from glossary.termbase import LABELS, TermEntry

NO_BILINGUAL = {name: 0.0 for name in BILINGUAL_FEATURES}
# The settings the held-out table chooses among (the shipped ones are among them).
GRID = tuple(ReviewSettings(penalty=penalty, neighbour_weight=neighbour, word_weight=word, floor_similarity=floor,
                            window_weight=window, segment_weight=segment)
             for penalty, neighbour, word, floor, window, segment
             in itertools.product((0.3, 1.0), (2.0, 4.0), (2.0, 4.0), (0.3, 0.6), (4.0, 8.0), (4.0, 8.0)))
TIMED_ENTRIES = 3000


class Simulation:
    """One language and domain: entries in held-out termhood order, their vectors, gold labels."""

    def __init__(self, language: str, domain: str, examples, embed, segments: dict[str, str]) -> None:
        features, labels, _, _, candidates = examples[language, domain]
        prior = fit([e[:2] for (_, other), e in examples.items() if other != domain])
        probabilities = prior.predict_proba(features)[:, 1]
        order = np.argsort(-probabilities, kind="stable")
        self.entries = [_entry(number, candidates[i], language, probabilities[i])
                        for number, i in enumerate(order, start=1)]
        rows = [dict(zip(MONOLINGUAL_FEATURES, features[i], strict=True)) for i in order]
        self.vectors = [entry_vector(row, None, NO_BILINGUAL, confidence=0.0) for row in rows]
        self.kept = {decision_key(entry.fr, entry.en): bool(labels[i]) for entry, i in zip(self.entries, order)}
        self.embed = embed
        # Where each entry occurs, as glossary.build gives it (one side: the candidate's segments and forms).
        self.occurrences = [Occurrences(tuple(segments[sid] for sid in candidates[i].segment_ids),
                                        candidates[i].surface_forms) for i in order]
        self.contexts = entry_contexts(self.occurrences)

    def run(self, decided: int, following: int, settings: ReviewSettings) -> tuple[int, float, float]:
        """Kept among the decided, precision of the next `following` before and after."""
        decisions = {decision_key(e.fr, e.en): self.kept[decision_key(e.fr, e.en)] for e in self.entries[:decided]}
        before = float(np.mean([self.kept[decision_key(e.fr, e.en)]
                                for e in self.entries[decided:decided + following]]))
        reranked = rerank_entries(self.entries, self.vectors, decisions, embed=self.embed, contexts=self.contexts,
                                  settings=settings)
        rest = [e for e in reranked.entries if decision_key(e.fr, e.en) not in decisions][:following]
        after = float(np.mean([self.kept[decision_key(e.fr, e.en)] for e in rest]))
        return sum(decisions.values()), before, after


def _entry(number: int, candidate, language: str, termhood: float) -> TermEntry:
    fr, en = (candidate.canonical, "") if language == "fr" else ("", candidate.canonical)
    # The label as glossary.build writes it: an entry has no "person" label.
    label = candidate.label if candidate.label in LABELS else "term"
    return TermEntry(id=f"T{number:05d}", fr=fr, en=en, termhood=float(termhood), pos=candidate.pos, label=label)


def cached_embed(embedder, texts: list[str], cache: Path | None, language: str):
    """A texts -> vectors function over `texts` embedded once (pickled under `cache` by a hash of them)."""
    key = hashlib.blake2b(repr((embedder.name, language, sorted(texts))).encode(), digest_size=16).hexdigest()
    path = cache / f"embeddings-{language}-{key}.pickle" if cache else None
    if path is not None and path.is_file():
        table = pickle.loads(path.read_bytes())
    else:
        unique = sorted(set(texts))
        matrix = np.vstack([embedder.encode(unique[k:k + 512]) for k in range(0, len(unique), 512)])
        table = dict(zip(unique, matrix.astype(np.float32), strict=True))
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps(table))
    return lambda batch: np.array([table[text] for text in batch])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--decided", type=int, default=100)
    parser.add_argument("--next", type=int, default=300, dest="following")
    parser.add_argument("--bundled", action="store_true", help="simulate on the bundled corpus instead")
    args = parser.parse_args()
    if args.bundled:
        return bundled(args.decided, args.following)
    examples = {(language, domain): ranked_examples(args.data, language, domain, args.cache)
                for language in LANGUAGES for domain in DOMAINS}
    embedder = load_embedder(None)
    simulations = {key: Simulation(*key, examples, cached_embed(embedder, [c.canonical for c in value[4]],
                                                                   args.cache, key[0]),
                                   dict(load_segments(args.data / key[0] / key[1] / "annotated" / "texts")))
                   for key, value in examples.items()}
    results = {(key, settings): simulation.run(args.decided, args.following, settings)
               for key, simulation in simulations.items() for settings in GRID}

    def change(key, settings) -> float:
        _, before, after = results[key, settings]
        return after - before

    chosen = {domain: max(GRID, key=lambda s: np.mean([change(k, s) for k in simulations if k[1] != domain]))
              for domain in DOMAINS}
    for title, pick in (("held out: settings chosen on the other two domains", lambda key: chosen[key[1]]),
                        ("shipped settings (chosen on all three domains: in-sample)", lambda key: DEFAULT_SETTINGS)):
        print(f"\n{title}\n")
        print(f"| lang | domain | decided (kept) | next {args.following} before | after | change | settings |")
        print("|---|---|---|---|---|---|---|")
        changes = []
        for key in simulations:
            settings = pick(key)
            kept, before, after = results[key, settings]
            changes.append(after - before)
            print(f"| {key[0]} | {key[1]} | {args.decided} ({kept}) | {before:.3f} | {after:.3f} "
                  f"| {after - before:+.3f} | {_settings(settings)} |")
        print(f"\nMean change: {np.mean(changes):+.3f}")
    best = max(GRID, key=lambda s: np.mean([change(k, s) for k in simulations]))
    print(f"\nBest settings on all six lists: {_settings(best)} "
          f"(mean {np.mean([change(k, best) for k in simulations]):+.3f})")

    simulation = simulations["en", "htfl"]
    entries = simulation.entries[:TIMED_ENTRIES]
    decisions = {decision_key(e.fr, e.en): simulation.kept[decision_key(e.fr, e.en)] for e in entries[:args.decided]}
    started = time.perf_counter()
    contexts = entry_contexts(simulation.occurrences[:TIMED_ENTRIES])
    context_seconds = time.perf_counter() - started
    rerank_entries(entries, simulation.vectors[:TIMED_ENTRIES], decisions, embed=embedder.encode, contexts=contexts)
    print(f"\nentry_contexts and rerank_entries on {len(entries)} entries, {args.decided} decisions, embedding afresh: "
          f"{time.perf_counter() - started:.1f} s (entry_contexts {context_seconds:.1f} s)")
    return 0


def bundled(decided: int, following: int) -> int:
    import tempfile

    from aligner.embed.cache import CachedEmbedder, EmbeddingCache
    from bench_glossary import CHECK_LIST, ROOT, TERM_KINDS, aligned_corpus, normalise, read_check_list
    from glossary.build import build_termbase
    from glossary.extract.nlp import load_pipeline
    from glossary.io.records import segments_from_alignments

    load_pipeline("fr"), load_pipeline("en")
    segments = segments_from_alignments(aligned_corpus(ROOT / "corpus"))
    check = read_check_list(CHECK_LIST)
    with tempfile.TemporaryDirectory() as work:
        cache = EmbeddingCache.open(Path(work) / "embeddings.db")
        embedder = CachedEmbedder(load_embedder(None), cache)
        started = time.perf_counter()
        first = list(build_termbase(segments, embedder, corpus="corpus", model=embedder.name))
        cold = time.perf_counter() - started
        listed = {decision_key(e.fr, e.en): check.get((normalise(e.fr, "fr"), normalise(e.en, "en"))) in TERM_KINDS
                  for e in first}
        decisions = {decision_key(e.fr, e.en): listed[decision_key(e.fr, e.en)] for e in first[:decided]}
        started = time.perf_counter()
        again = list(build_termbase(segments, embedder, corpus="corpus", model=embedder.name))
        plain = time.perf_counter() - started
        started = time.perf_counter()
        reranked = list(build_termbase(segments, embedder, corpus="corpus", model=embedder.name, decisions=decisions))
        with_decisions = time.perf_counter() - started
        cache.close()
    assert [e.fr for e in again] == [e.fr for e in first]
    before = [listed[decision_key(e.fr, e.en)] for e in first[decided:decided + following]]
    rest = [e for e in reranked if decision_key(e.fr, e.en) not in decisions][:following]
    after = [listed.get(decision_key(e.fr, e.en), False) for e in rest]
    print(f"| corpus | entries | decided (kept) | next {len(before)} before | after | change |")
    print("|---|---|---|---|---|---|")
    print(f"| bundled | {len(first)} | {len(decisions)} ({sum(decisions.values())}) | {np.mean(before):.3f} "
          f"| {np.mean(after):.3f} | {np.mean(after) - np.mean(before):+.3f} |")
    print(f"\nglossary step: {cold:.1f} s first (empty embedding cache), {plain:.1f} s again without decisions, "
          f"{with_decisions:.1f} s with them (+{with_decisions - plain:.1f} s)")
    return 0


def _settings(settings: ReviewSettings) -> str:
    return (f"penalty {settings.penalty:g}, neighbours {settings.neighbour_weight:g}, "
            f"words {settings.word_weight:g}, floor {settings.floor_similarity:g}, "
            f"window {settings.window_weight:g}, segments {settings.segment_weight:g}")


if __name__ == "__main__":
    raise SystemExit(main())
