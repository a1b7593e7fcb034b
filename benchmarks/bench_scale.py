"""Scale: the same align jobs in-process, on a local Dask cluster, and on an external scheduler.

Builds one AlignJob per UNPC document of ../shared/data/eval/unpc-en-fr's
devset (its lines grouped by document id, in order; each line one paragraph
of one sentence, as `paxterm run` stores a one-sentence-per-paragraph file;
the eval data is only read), then runs all of them, with the bundled USE
model and no embedding cache, through:

1. InProcessExecutor (the default: the model in this process, all cores),
   and again with the model on one BLAS thread (what each worker gets);
2. LocalDaskExecutor(2) (`paxterm run --workers 2`);
3. SchedulerExecutor on a `dask scheduler` and two `dask worker` processes
   started here on 127.0.0.1 (`--scheduler tcp://HOST:PORT`);
4. the same, with one of the two workers killed (SIGKILL) after a quarter of
   the results came back.

For each: wall time of the run (model loading in each process included;
starting the cluster is reported apart), throughput in sentence pairs per
second, the ratio to in-process, peak resident memory of each worker process
(ru_maxrss), and whether every document's links are those of the in-process
run (same beads; scores compared to 1e-4).

With --run, it also times whole `paxterm run`s of the same corpus written
to a temporary folder (in-process and --workers 2, with and without the term
base), stage by stage.

    .venv/bin/python benchmarks/bench_scale.py [--pairs 300] [--run] [--unpc FOLDER]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aligner.align.pipeline import Segmented  # noqa: E402
from aligner.embed import EMBED_THREADS_VARIABLE  # noqa: E402
from paxterm.jobs.align import _MODELS as process_models  # noqa: E402 - reset to time another thread count
from paxterm.jobs import (AlignJob, InProcessExecutor, JobDocument, LocalDaskExecutor,  # noqa: E402
                          SchedulerExecutor, align_job)

UNPC = ROOT.parent / "shared" / "data" / "eval" / "unpc-en-fr"
MODEL = "use"


def unpc_documents(folder: Path, limit: int) -> list[tuple[str, list[str], list[str]]]:
    """(document id, French lines, English lines) in devset order, the first `limit` documents."""
    ids = (folder / "UNv1.0.devset.ids").read_text(encoding="utf-8").splitlines()
    french = (folder / "UNv1.0.devset.fr").read_text(encoding="utf-8").splitlines()
    english = (folder / "UNv1.0.devset.en").read_text(encoding="utf-8").splitlines()
    grouped: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for line, fr, en in zip(ids, french, english, strict=True):
        grouped[line.split()[0]][0].append(fr)
        grouped[line.split()[0]][1].append(en)
    return [(doc_id, fr, en) for doc_id, (fr, en) in grouped.items()][:limit]


def job_document(document_id: int, name: str, lines: list[str]) -> JobDocument:
    return JobDocument(document_id, name, None, Segmented(tuple(lines), tuple(range(len(lines))), tuple(lines)))


def make_jobs(documents) -> list[AlignJob]:
    return [AlignJob(job_document(2 * i, f"{doc_id}.fr", fr), job_document(2 * i + 1, f"{doc_id}.en", en),
                     model=MODEL)
            for i, (doc_id, fr, en) in enumerate(documents)]


def peak_rss_mb() -> float:
    """This process's peak resident memory.

    VmHWM, not ru_maxrss: ru_maxrss survives execve, so a worker started
    from this process would report this process's peak if it were higher.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def cpu_seconds() -> float:
    """This process's CPU time so far (user + system): what the work costs, however loaded the machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_jobs(executor, jobs, kill=None) -> tuple[float, dict]:
    """Run every job; the results by French document, with the time it took."""
    started = time.perf_counter()
    results = {}
    for outcome in executor.map(align_job, jobs):
        if not outcome.ok:
            raise SystemExit(f"{outcome.job.label} failed: {outcome.error}")
        results[outcome.job.label] = outcome.result
        if kill is not None and len(results) == len(jobs) // 4:
            kill()
    return time.perf_counter() - started, results


def coordinator_writes(documents, results: dict) -> tuple[float, float, int, int]:
    """What the coordinator does per result, timed alone: store the vectors and the links of each document.

    Returns (seconds storing vectors, seconds storing links, store bytes,
    vector bytes). This is the rate at which one coordinator can absorb
    results, whatever the number of workers.
    """
    from aligner.read.document import Document, Paragraph
    from paxterm.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "paxterm.db"
        with open_store(path) as store:
            ids = {}
            for doc_id, fr, en in documents:
                for language, lines in (("fr", fr), ("en", en)):
                    name = f"{doc_id}.{language}"
                    document = Document(Path(language) / name, language, tuple(Paragraph(line) for line in lines))
                    ids[name] = store.documents.save(f"{language}/{name}", document, content_hash=name, size=0,
                                                     mtime_ns=0)
            cache = store.embeddings()
            vectors = links = 0.0
            for name, result in results.items():
                started = time.perf_counter()
                cache.put_many(result.model, result.texts, result.vectors)
                stored = time.perf_counter()
                store.links.save_alignment(ids[name], ids[name[:-3] + ".en"], result.alignment, method="symbol")
                vectors, links = vectors + stored - started, links + time.perf_counter() - stored
        size = path.stat().st_size + sum(f.stat().st_size for f in Path(folder).glob("paxterm.db-*"))
        with closing(sqlite3.connect(path)) as connection:  # read only, after the store is closed
            vector_bytes = connection.execute(
                "SELECT sum(length(vector) + length(key) + length(model)) FROM embeddings").fetchone()[0]
        return vectors, links, size, vector_bytes


def compare(reference: dict, results: dict) -> str:
    if sorted(reference) != sorted(results):
        return f"different documents ({len(results)} of {len(reference)})"
    bead_diff = score_diff = 0
    reference = {name: result.alignment for name, result in reference.items()}
    results = {name: result.alignment for name, result in results.items()}
    for name, expected in reference.items():
        got = results[name]
        if [(l.fr_index, l.en_index) for l in got.sentence_links] != \
                [(l.fr_index, l.en_index) for l in expected.sentence_links]:
            bead_diff += 1
        elif any(abs(a.score - b.score) > 1e-4 for a, b in zip(got.sentence_links, expected.sentence_links)):
            score_diff += 1
    if not bead_diff and not score_diff:
        identical = sum(got == reference[name] for name, got in results.items())
        return f"identical links ({identical}/{len(results)} alignments equal to the last bit)"
    return f"{bead_diff} documents with other links, {score_diff} with other scores"


def external_cluster(folder: Path) -> tuple[str, list[subprocess.Popen]]:
    environment = dict(os.environ, PYTHONPATH=str(ROOT), PAXTERM_EMBED_THREADS="1")
    address_file = folder / "scheduler.json"
    processes = [subprocess.Popen([sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", "0",
                                   "--no-dashboard", "--dashboard-address", "127.0.0.1:0", "--scheduler-file", str(address_file)],
                                  env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    while not address_file.exists():
        time.sleep(0.1)
    address = json.loads(address_file.read_text())["address"]
    for name in ("worker-1", "worker-2"):
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "dask", "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard", "--dashboard-address", "127.0.0.1:0",
             "--host", "127.0.0.1", "--name", name],
            env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    return address, processes


def worker_memory(executor) -> list[float]:
    return sorted(round(mb) for mb in executor.client.run(peak_rss_mb).values())


def worker_cpu(executor) -> float:
    return sum(executor.client.run(cpu_seconds).values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=300, help="UNPC documents (the devset has 732)")
    parser.add_argument("--run", action="store_true", help="also time whole `paxterm run`s")
    parser.add_argument("--unpc", type=Path, default=UNPC, help="the unpc-en-fr folder")
    args = parser.parse_args()
    documents = unpc_documents(args.unpc, args.pairs)
    jobs = make_jobs(documents)
    sentence_pairs = sum(len(fr) for _, fr, _ in documents)
    print(f"{len(jobs)} document pairs, {sentence_pairs} sentence pairs, model {MODEL}, {os.cpu_count()} CPUs\n")
    rows = []

    cpu = cpu_seconds()
    seconds, reference = run_jobs(InProcessExecutor(), jobs)
    rows.append(("in-process (the default: USE on all cores)", 0.0, seconds, cpu_seconds() - cpu,
                 [round(peak_rss_mb())], "(reference)"))
    baseline = seconds

    # Where a gain comes from: the same process with one BLAS thread, as each worker has.
    os.environ[EMBED_THREADS_VARIABLE] = "1"
    process_models.clear()
    cpu = cpu_seconds()
    seconds, results = run_jobs(InProcessExecutor(), jobs)
    rows.append(("in-process, USE on 1 BLAS thread", 0.0, seconds, cpu_seconds() - cpu, [round(peak_rss_mb())],
                 compare(reference, results)))
    del os.environ[EMBED_THREADS_VARIABLE]
    process_models.clear()

    started = time.perf_counter()
    with LocalDaskExecutor(2) as executor:
        startup = time.perf_counter() - started
        cpu = worker_cpu(executor)
        seconds, results = run_jobs(executor, jobs)
        rows.append(("--workers 2", startup, seconds, worker_cpu(executor) - cpu, worker_memory(executor),
                     compare(reference, results)))

    for kill_one in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            address, processes = external_cluster(Path(folder))
            try:
                with SchedulerExecutor(address) as executor:
                    executor.client.wait_for_workers(2, timeout=120)
                    startup = time.perf_counter() - started
                    kill = (lambda: os.kill(processes[1].pid, signal.SIGKILL)) if kill_one else None
                    cpu = worker_cpu(executor)
                    seconds, results = run_jobs(executor, jobs, kill)
                    # A killed worker's CPU time is lost with it: only the survivors' counts.
                    cpu = worker_cpu(executor) - cpu if not kill_one else float("nan")
                    memory = worker_memory(executor)
                label = "--scheduler, 2 workers" + (", one killed at 25%" if kill_one else "")
                rows.append((label, startup, seconds, cpu, memory, compare(reference, results)))
            finally:
                for process in reversed(processes):
                    process.terminate()
                    process.wait(timeout=30)

    print("| executor | cluster start | run (wall) | sentence pairs/s | vs in-process | CPU ms per sentence pair "
          "| peak RSS per process | links |")
    print("|---|---|---|---|---|---|---|---|")
    for label, startup, seconds, cpu, memory, links in rows:
        per_pair = "-" if cpu != cpu else f"{1000 * cpu / sentence_pairs:.1f}"  # nan: not measured
        print(f"| {label} | {startup:.1f} s | {seconds:.1f} s | {sentence_pairs / seconds:.0f} | "
              f"{baseline / seconds:.2f}x | {per_pair} | {', '.join(f'{mb:.0f} MB' for mb in memory)} | {links} |")
    vectors, links, size, vector_bytes = coordinator_writes(documents, reference)
    print(f"\nCoordinator, storing the results alone (one transaction per document for its vectors, one for "
          f"its links): {vectors + links:.2f} s = {sentence_pairs / (vectors + links):.0f} sentence pairs/s "
          f"(links only: {sentence_pairs / links:.0f}/s); store {size / 1e6:.1f} MB = "
          f"{size / sentence_pairs / 1e3:.1f} kB per sentence pair, of which vectors "
          f"{vector_bytes / sentence_pairs / 1e3:.1f} kB")
    if args.run:
        whole_runs(documents)


class StageTimes:
    """A Progress that notes when each stage of a run starts."""

    def __init__(self) -> None:
        self.starts: list[tuple[str, float]] = []

    def start(self, label: str, total: int) -> None:
        self.starts.append((label, time.perf_counter()))

    def advance(self, detail: str = "") -> None:
        pass

    def durations(self, end: float) -> dict[str, float]:
        marks = self.starts + [("end", end)]
        return {label: later - at for (label, at), (_, later) in zip(marks, marks[1:])}


def whole_runs(documents) -> None:
    """`paxterm run` on the corpus written to files, in-process and with --workers 2, fresh caches."""
    from bench_incremental import write_pair  # noqa: PLC0415 - a sibling script

    from paxterm.jobs import make_executor
    from paxterm.service import Project

    print("\n| paxterm run | term base | cluster start | read + pair | align | term base | wall | aligned "
          "| peak RSS per process |")
    print("|---|---|---|---|---|---|---|---|---|")
    for glossary in (False, True):
        for workers in (None, 2):
            with tempfile.TemporaryDirectory() as folder:
                corpus = Path(folder) / "corpus"
                for doc_id, fr, en in documents:
                    write_pair(corpus, doc_id, fr, en)
                os.environ["PAXTERM_CACHE_DIR"] = str(Path(folder) / "cache")
                started = time.perf_counter()
                with make_executor(workers=workers) as executor, Project(corpus) as project:
                    startup = time.perf_counter() - started
                    stages = StageTimes()
                    result = project.run(Path(folder) / "out", model=MODEL, glossary=glossary, executor=executor,
                                         progress=stages)
                    ended = time.perf_counter()
                    # This process's peak covers all runs so far; a fresh cluster's workers, this run only.
                    memory = worker_memory(executor) if workers else [round(peak_rss_mb())]
                seconds = ended - started
            took = stages.durations(ended)
            label = "in-process" if workers is None else f"--workers {workers}"
            term_base = sum(seconds for label, seconds in took.items() if label.startswith(("Finding terms", "Pairing terms")))
            terms = f"{term_base:.1f} s" if glossary else "-"
            print(f"| {label} | {'yes' if glossary else 'no'} | {startup:.1f} s | {took.get('Reading', 0):.1f} s | "
                  f"{took.get('Aligning', 0):.1f} s | {terms} | {seconds:.1f} s | {len(result.aligned)} | "
                  f"{', '.join(f'{mb:.0f} MB' for mb in memory)} |")


if __name__ == "__main__":
    main()
