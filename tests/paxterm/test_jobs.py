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
from aligner.embed import EmbeddingCache, load_embedder
from aligner.errors import ModelUnavailableError
from paxterm.jobs import (AlignJob, ExecutorUnavailableError, InProcessExecutor, JobDocument, LocalDaskExecutor,
                          SchedulerExecutor, align_job)
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
    shared = EmbeddingCache(cache_file)
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
    assert len(result.texts) == 5


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
    processes = [_start(tmp_path, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                        "--scheduler-file", str(address_file), name="scheduler")]
    deadline = time.monotonic() + 30
    while not address_file.exists() and processes[0].poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    if not address_file.exists():
        _stop(processes[0])
        pytest.skip("`dask scheduler` did not start: " + (tmp_path / "scheduler.log").read_text(errors="replace"))
    import json

    address = json.loads(address_file.read_text())["address"]

    def start_worker(name: str) -> subprocess.Popen:
        process = _start(tmp_path, "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                         "--host", "127.0.0.1", "--name", name, name=name)
        processes.append(process)
        return process

    try:
        yield address, start_worker
    finally:
        for process in reversed(processes):
            _stop(process)


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
