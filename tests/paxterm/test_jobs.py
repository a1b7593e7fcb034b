"""Align jobs and executors: the same links in-process and on Dask workers, vectors come back to
the coordinator, a failed job names its document, a run survives a worker killed mid-way.

The documents are small and hand-built (paragraphs of sentences, as the store keeps them);
the workers embed with tests/embedders.py's LexiconEmbedder, named by its spec.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from aligner.align.pipeline import Segmented
from aligner.embed import load_embedder
from aligner.embed.cache import EmbeddingCache
from aligner.errors import ModelUnavailableError
from paxterm.jobs import (AlignJob, ExecutorUnavailableError, InProcessExecutor, JobDocument, LocalDaskExecutor,
                          SchedulerExecutor, align_job)
from paxterm.service import Project
from paxterm.store import default_store_path, open_store
from tests.embedders import SPEC, LexiconEmbedder

REPOSITORY = Path(__file__).resolve().parents[2]
SLOW_SPEC = "py:tests.embedders:SlowLexiconEmbedder"


def document(document_id: int, name: str, *paragraphs: tuple[str, ...]) -> JobDocument:
    """A document as the store holds it: each paragraph a tuple of its sentences."""
    sentences = tuple(sentence for paragraph in paragraphs for sentence in paragraph)
    owners = tuple(index for index, paragraph in enumerate(paragraphs) for _ in paragraph)
    return JobDocument(document_id, name, None, Segmented(sentences, owners, tuple(" ".join(p) for p in paragraphs)))


# Two paragraphs; the second French paragraph's two sentences are one English sentence.
MERGE = (
    document(1, "budget.fr",
             ("Le Conseil de sécurité a adopté la résolution.",),
             ("L'Assemblée générale a approuvé le budget.", "Le budget de la mission de police est nouveau.")),
    document(2, "budget.en",
             ("The Security Council adopted the resolution.",),
             ("The General Assembly approved the new budget of the police mission.",)),
)
# The French text has a sentence the English one lacks (an omission, 1-0).
OMISSION = (
    document(3, "civils.fr",
             ("Les missions de maintien de la paix protègent les civils.",
              "De fortes pluies sont prévues dans les montagnes ce week-end.",
              "Le Secrétaire général recommande la formation de la police.")),
    document(4, "civils.en",
             ("Peacekeeping missions protect civilians.",
              "The Secretary-General recommends training for the police.")),
)
FRENCH_ONLY = document(5, "seul.fr", ("Le Conseil de sécurité a observé les élections.",))


def jobs(spec: str = SPEC) -> list[AlignJob]:
    return [AlignJob(*MERGE, model=spec), AlignJob(*OMISSION, model=spec), AlignJob(FRENCH_ONLY, None, model=spec)]


def beads(result) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.fr_index, link.en_index) for link in result.alignment.sentence_links]


def by_document(outcomes) -> dict:
    outcomes = list(outcomes)
    assert all(outcome.ok for outcome in outcomes), [outcome.error for outcome in outcomes]
    return {outcome.job.label: outcome.result for outcome in outcomes}


@pytest.fixture(scope="module")
def local_cluster():
    with LocalDaskExecutor(2) as executor:
        yield executor


# --- the job itself ---------------------------------------------------------------------------------


@pytest.mark.parametrize("job, expected", [
    (0, [((0,), (0,)), ((1, 2), (1,))]),  # 1-1, then the 2-1 merge
    (1, [((0,), (0,)), ((1,), ()), ((2,), (1,))]),  # the untranslated sentence alone
    (2, [((0,), ())]),  # French-only
])
def test_an_align_job_links_its_documents(job, expected):
    assert beads(align_job(jobs()[job])) == expected


def test_a_job_returns_the_vectors_it_computed_and_reads_the_shared_cache_without_writing(tmp_path):
    cache_file = tmp_path / "embeddings.sqlite"
    known = MERGE[0].segmented.sentences
    shared = EmbeddingCache.open(cache_file)
    shared.put_many(LexiconEmbedder.name, known, LexiconEmbedder().encode(known))
    shared.close()
    before = cache_file.read_bytes()
    job = AlignJob(*MERGE, model=SPEC, cache_path=str(cache_file))
    result = align_job(job)
    assert set(result.texts) == set(MERGE[1].segmented.sentences)  # the French ones were in the cache
    np.testing.assert_array_equal(result.vectors, LexiconEmbedder().encode(list(result.texts)))
    assert result.model == "test-lexicon"
    assert cache_file.read_bytes() == before
    assert beads(result) == beads(align_job(AlignJob(*MERGE, model=SPEC)))


def test_the_coordinator_can_lend_its_model_and_cache_to_a_job_it_runs_itself():
    lent = LexiconEmbedder()
    result = align_job(AlignJob(*OMISSION, model="not-loaded-here"), model=lent)
    assert beads(result) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    # The lent model embedded the five sentences, and whatever concatenation
    # of them the omission tests asked for (the null link against its neighbours).
    sides = [doc.segmented.sentences for doc in OMISSION]
    sentences = {text for side in sides for text in side}
    runs = {" ".join(side[start:stop]) for side in sides
            for start in range(len(side)) for stop in range(start + 2, len(side) + 1)}
    assert sentences <= set(result.texts) <= sentences | runs


def test_a_model_spec_names_an_importable_embedder_or_fails_clearly():
    assert load_embedder(SPEC).name == "test-lexicon"
    with pytest.raises(ModelUnavailableError, match="py:MODULE:NAME"):
        load_embedder("py:tests.embedders")
    with pytest.raises(ModelUnavailableError, match="NoSuchEmbedder"):
        load_embedder("py:tests.embedders:NoSuchEmbedder")


# --- executors --------------------------------------------------------------------------------------


def test_a_local_dask_cluster_gives_the_links_and_vectors_of_an_in_process_run(local_cluster):
    here = by_document(InProcessExecutor().map(align_job, jobs()))
    there = by_document(local_cluster.map(align_job, jobs()))
    assert there == here  # alignments equal, as dataclasses
    assert {result.worker_pid for result in there.values()} - {os.getpid()}  # they did run elsewhere
    for name, result in there.items():
        assert result.texts == here[name].texts
        np.testing.assert_array_equal(result.vectors, here[name].vectors)


def test_a_failed_job_comes_back_naming_its_document_and_the_others_complete(local_cluster):
    broken = AlignJob(*OMISSION, model="py:tests.embedders:NoSuchEmbedder")
    outcomes = {outcome.job.label: outcome for outcome in local_cluster.map(align_job, [jobs()[0], broken])}
    assert outcomes["budget.fr"].ok
    assert not outcomes["civils.fr"].ok and "NoSuchEmbedder" in outcomes["civils.fr"].error


def test_in_process_a_users_mistake_stops_the_run_at_once():
    broken = AlignJob(*OMISSION, model="py:tests.embedders:NoSuchEmbedder")
    with pytest.raises(ModelUnavailableError):
        list(InProcessExecutor().map(align_job, [broken, jobs()[0]]))


def test_an_unreachable_scheduler_is_a_clear_error():
    with pytest.raises(ExecutorUnavailableError, match="dask scheduler"):
        SchedulerExecutor("tcp://127.0.0.1:9", connect_timeout=1)


# --- an external scheduler and workers, as `dask scheduler` / `dask worker` start them -----------------


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPOSITORY), environment.get("PYTHONPATH")]))
    environment["PAXTERM_EMBED_THREADS"] = "1"
    return environment


def _start(tmp_path: Path, *arguments: str, name: str) -> subprocess.Popen:
    log = open(tmp_path / f"{name}.log", "wb")
    return subprocess.Popen([sys.executable, "-m", "dask", *arguments], cwd=REPOSITORY, env=_environment(),
                            stdout=log, stderr=subprocess.STDOUT)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def scheduler(tmp_path: Path):
    """A `dask scheduler` on 127.0.0.1 (a random port); yields (address, start_worker)."""
    address_file = tmp_path / "scheduler.json"
    processes = [_start(tmp_path, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--dashboard-address", "127.0.0.1:0",
                        "--scheduler-file", str(address_file), name="scheduler")]
    deadline = time.monotonic() + 30
    address = _scheduler_address(address_file)
    while address is None and processes[0].poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
        address = _scheduler_address(address_file)
    if address is None:
        _stop(processes[0])
        pytest.skip("`dask scheduler` did not start: " + (tmp_path / "scheduler.log").read_text(errors="replace"))

    def start_worker(name: str) -> subprocess.Popen:
        process = _start(tmp_path, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard", "--dashboard-address", "127.0.0.1:0",
                         "--host", "127.0.0.1", "--name", name, name=name)
        processes.append(process)
        return process

    try:
        yield address, start_worker
    finally:
        for process in reversed(processes):
            _stop(process)


def _scheduler_address(path: Path) -> str | None:
    """The address in a scheduler file, once the scheduler has written it whole (it may be half-written)."""
    import json

    try:
        return json.loads(path.read_text())["address"]
    except (OSError, ValueError, KeyError):
        return None


def _wait_for_workers(executor: SchedulerExecutor, count: int) -> None:
    try:
        executor.client.wait_for_workers(count, timeout=60)
    except TimeoutError:
        pytest.skip(f"{count} `dask worker` processes did not start")


def test_a_run_on_an_external_scheduler_survives_a_worker_killed_mid_way(scheduler):
    address, start_worker = scheduler
    doomed, _ = start_worker("doomed"), start_worker("survivor")
    many = [AlignJob(*pair, model=SLOW_SPEC) for pair in (MERGE, OMISSION) for _ in range(8)]
    many = [AlignJob(JobDocument(i, f"doc{i}.fr", None, job.fr.segmented), job.en, model=SLOW_SPEC)
            for i, job in enumerate(many)]
    expected = {job.label: beads(align_job(AlignJob(job.fr, job.en, model=SPEC))) for job in many}
    with SchedulerExecutor(address) as executor:
        _wait_for_workers(executor, 2)
        outcomes = []
        for outcome in executor.map(align_job, many):
            outcomes.append(outcome)
            if len(outcomes) == 1:
                os.kill(doomed.pid, signal.SIGKILL)  # the worker dies holding jobs
        done = by_document(outcomes)
    assert doomed.wait(timeout=10) == -signal.SIGKILL
    assert sorted(done) == sorted(expected)  # every job came back once
    assert {name: beads(result) for name, result in done.items()} == expected


def test_with_no_worker_left_every_job_comes_back_failed_with_its_document(scheduler):
    address, _ = scheduler
    with SchedulerExecutor(address, no_worker_timeout=1) as executor:
        outcomes = list(executor.map(align_job, jobs()))
    assert sorted(outcome.job.label for outcome in outcomes) == ["budget.fr", "civils.fr", "seul.fr"]
    assert all(not outcome.ok and "worker" in outcome.error for outcome in outcomes)


# --- a project run on an executor -------------------------------------------------------------------

COOPERATION = {
    "fr/cooperation.txt": "Conseil de sécurité S/2025/100\n\n1. Le Conseil de sécurité a adopté la résolution sur "
                          "les pays fournisseurs de contingents.\n\n2. L'Assemblée générale a approuvé le budget de "
                          "la mission de police. Le mandat de la mission est nouveau.\n",
    "en/cooperation.txt": "Security Council S/2025/100\n\n1. The Security Council adopted the resolution on "
                          "troop-contributing countries.\n\n2. The General Assembly approved the budget of the new "
                          "mandate of the police mission.\n",
    "fr/civils.txt": "Assemblée générale A/80/200\n\n1. Les missions de maintien de la paix protègent les civils.\n\n"
                     "2. Le Secrétaire général recommande la formation de la police avant le déploiement.\n",
    "en/civils.txt": "General Assembly A/80/200\n\n1. Peacekeeping missions protect civilians.\n\n"
                     "2. The Secretary-General recommends training for the police before deployment.\n",
}


def write_corpus(folder: Path) -> Path:
    for relative, text in COOPERATION.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    return folder


def stored(corpus: Path) -> dict:
    """What a run decided, read back from the store, and how many of its sentences have vectors there."""
    with open_store(default_store_path(corpus)) as store:
        links = list(store.links.iter_links())
        sentences = [text for link in links for text in (link.fr, link.en) if text]
        return {
            "pairs": [(p.fr_doc, p.en_doc, p.method) for p in store.links.pairs()],
            "links": [(l.fr_doc, l.fr_index, l.en_index, l.fr, l.en, l.score, l.flags) for l in links],
            "terms": [(t.entry.fr, t.entry.en, t.entry.fr_frequency) for t in store.terms.all()],
            "vectors": len(store.embeddings().get_many(LexiconEmbedder.name, sentences)),
        }


def run(corpus: Path, **options):
    with Project(corpus) as project:
        return project.run(corpus.parent / f"out-{corpus.name}", model=SPEC, **options)


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PAXTERM_CACHE_DIR", str(tmp_path / "user-cache"))
    return tmp_path / "user-cache"


def test_a_project_run_on_local_workers_stores_what_an_in_process_run_stores(tmp_path, private_cache,
                                                                             local_cluster):
    here, there = write_corpus(tmp_path / "here"), write_corpus(tmp_path / "there")
    run(here, use_cache=False, glossary=False)
    result = run(there, use_cache=False, glossary=False, executor=local_cluster)
    assert result.aligned == ("civils.txt", "cooperation.txt") and not result.failed
    assert result.embedded  # the workers' vectors came back: without a shared cache they saw none of these
    assert stored(there) == stored(here)  # links, and the vectors the store keeps


def test_workers_reuse_the_vectors_the_coordinator_shares_and_embed_no_more_than_it_would(tmp_path, monkeypatch,
                                                                                         local_cluster):
    here, there = write_corpus(tmp_path / "here"), write_corpus(tmp_path / "there")
    monkeypatch.setenv("PAXTERM_CACHE_DIR", str(tmp_path / "cache-here"))
    alone = run(here, glossary=False)
    monkeypatch.setenv("PAXTERM_CACHE_DIR", str(tmp_path / "cache-there"))
    spread = run(there, glossary=False, executor=local_cluster)
    # Pairing embedded the paragraphs here; the workers find the one-sentence ones in the shared cache.
    assert spread.embedded == alone.embedded
    assert stored(there) == stored(here)


class WorkerLikeExecutor(InProcessExecutor):
    """Runs jobs here but as a worker would: no model lent, extraction as jobs (spaCy loads once, here)."""

    in_process = False


def test_term_candidates_extracted_as_jobs_give_the_term_base_of_an_in_process_build(tmp_path, private_cache,
                                                                                    monkeypatch):
    import paxterm.jobs.extract as extract_module

    here, there = write_corpus(tmp_path / "here"), write_corpus(tmp_path / "there")
    run(here)
    original, jobs_run = extract_module.extract_document, []

    def fails_on_civils(document):
        jobs_run.append(document.name)
        if document.name == "civils.txt":
            raise RuntimeError("worker lost")
        return original(document)

    monkeypatch.setattr(extract_module, "extract_document", fails_on_civils)
    result = run(there, executor=WorkerLikeExecutor())
    assert sorted(jobs_run) == ["civils.txt", "cooperation.txt"]  # both went out as jobs...
    assert result.terms_extracted == ("civils.txt", "cooperation.txt")  # ...the failed one was extracted here
    assert stored(there) == stored(here)
    assert stored(there)["terms"]


@pytest.fixture()
def civils_job_fails(monkeypatch):
    """The align job of civils.txt raises, as a lost worker would; the fixture's undo puts the real job back."""
    import paxterm.jobs.align as jobs_module

    original = jobs_module.align_segmented

    def fails_on_civils(fr_seg, en_seg, embedder, **options):
        if options["fr_name"] == "civils.txt":
            raise RuntimeError("worker lost")
        return original(fr_seg, en_seg, embedder, **options)

    monkeypatch.setattr(jobs_module, "align_segmented", fails_on_civils)
    return lambda: monkeypatch.setattr(jobs_module, "align_segmented", original)


def test_a_document_whose_job_fails_is_named_and_the_next_run_aligns_it(tmp_path, private_cache,
                                                                         civils_job_fails):
    corpus = write_corpus(tmp_path / "corpus")
    first = run(corpus, glossary=False)
    assert first.aligned == ("cooperation.txt",)
    assert [(f.name, f.reason) for f in first.failed] == [("civils.txt", "RuntimeError: worker lost")]
    assert [p.fr_doc for p in first.summary.pairs] == ["cooperation.txt"]
    civils_job_fails()  # the worker is back
    second = run(corpus, glossary=False)
    assert second.aligned == ("civils.txt",) and not second.failed


# --- the command line ---------------------------------------------------------------------------------


def test_paxterm_run_with_workers_writes_the_links_of_a_run_without(tmp_path, private_cache):
    from typer.testing import CliRunner

    from paxterm.cli import app

    runner = CliRunner()
    here, there = write_corpus(tmp_path / "here"), write_corpus(tmp_path / "there")
    plain = runner.invoke(app, ["run", str(here), "-o", str(tmp_path / "out-here"), "--model", SPEC,
                                "--no-glossary"])
    spread = runner.invoke(app, ["run", str(there), "-o", str(tmp_path / "out-there"), "--model", SPEC,
                                 "--no-glossary", "--workers", "2"])
    assert plain.exit_code == 0 and spread.exit_code == 0, spread.output
    assert "2 French documents aligned" in spread.stdout and "Jobs ran on 2 local Dask workers" in spread.stdout
    assert stored(there) == stored(here)
    assert (tmp_path / "out-there" / "alignments.jsonl").read_text(encoding="utf-8") == \
        (tmp_path / "out-here" / "alignments.jsonl").read_text(encoding="utf-8")


@pytest.mark.parametrize("options, expected", [
    (["--workers", "2", "--scheduler", "tcp://127.0.0.1:9"], "not both"),
    (["--scheduler", "udp://nowhere"], "cannot reach a Dask scheduler at udp://nowhere"),
])
def test_paxterm_run_says_in_one_line_when_it_cannot_use_the_cluster_asked_for(tmp_path, options, expected):
    from typer.testing import CliRunner

    from paxterm.cli import app

    result = CliRunner().invoke(app, ["run", str(write_corpus(tmp_path / "corpus")), "-o", str(tmp_path / "out"),
                                      "--model", SPEC, *options])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert result.stdout == "" and "Traceback" not in result.output
    assert result.stderr.strip().splitlines() == [result.stderr.strip()] and result.stderr.startswith("Error: ")
    assert expected in result.stderr
    assert not (tmp_path / "corpus" / ".paxterm").exists()  # nothing was started


def test_paxterm_run_lists_the_documents_whose_jobs_failed_and_exits_1(tmp_path, private_cache, civils_job_fails):
    from typer.testing import CliRunner

    from paxterm.cli import app

    corpus = write_corpus(tmp_path / "corpus")
    result = CliRunner().invoke(app, ["run", str(corpus), "-o", str(tmp_path / "out"), "--model", SPEC,
                                      "--no-glossary"])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == ["Not aligned, their jobs failed (run again to align them): 1",
                                          "  civils.txt: RuntimeError: worker lost"]
    assert "1 French document aligned" in result.stdout  # the other one is stored and written
    assert (tmp_path / "out" / "alignments.jsonl").is_file()
