"""Executors: where jobs run. In this process (the default), on a local Dask cluster, or on any Dask scheduler.

Every executor has one verb, `map(function, jobs)`, which yields one Outcome
per job as jobs complete: the result, or why the job failed. A job is never
dropped: a worker lost mid-job has its job run again elsewhere (Dask
reschedules a task whose worker died), and a job that cannot complete comes
back as a failure naming its document, so that the run can say which
documents are left for the next run.

The function and the jobs must be picklable by reference (module-level
functions, frozen dataclasses); workers import paxterm, so it must be
installed where they run.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from aligner.embed import EMBED_THREADS_VARIABLE
from aligner.errors import PaxtermError
from paxterm.errors import ExecutorUnavailableError

J = TypeVar("J")
R = TypeVar("R")

# Jobs handed to a cluster at once, per worker thread: enough that no worker
# waits for the coordinator, few enough that the coordinator holds a bounded
# number of jobs and results in memory (a corpus of millions is streamed).
IN_FLIGHT_PER_THREAD = 4
MIN_IN_FLIGHT = 8
# How long a run waits on a scheduler that has no worker before it gives the
# remaining jobs up as failed: long enough for a worker to restart.
NO_WORKER_TIMEOUT_S = 60.0
# How often a waiting coordinator looks whether workers are left.
POLL_S = 1.0
CONNECT_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Outcome(Generic[J, R]):
    """What became of one job: its result, or the reason it failed (never both)."""

    job: J
    result: R | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Executor(Protocol):
    description: str
    in_process: bool  # True: jobs run in the coordinator, which may lend them its loaded model

    def map(self, function: Callable[[J], R], jobs: Iterable[J]) -> Iterator[Outcome[J, R]]:
        """Run function(job) for each job; yield outcomes in the order jobs complete."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...


class InProcessExecutor:
    """Jobs one after the other in this process (the default: no cluster to start)."""

    description = "in-process"
    in_process = True

    def map(self, function: Callable[[J], R], jobs: Iterable[J]) -> Iterator[Outcome[J, R]]:
        for job in jobs:
            try:
                result = function(job)
            except PaxtermError:
                raise  # a user's mistake (a missing model) is the same for every job: say it once
            except Exception as error:  # one document's failure must not lose the others' results
                yield Outcome(job, error=f"{type(error).__name__}: {error}")
            else:
                yield Outcome(job, result)

    def close(self) -> None:
        pass

    def __enter__(self) -> InProcessExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _DaskExecutor:
    """map() over a distributed.Client; subclasses say how the client is made and closed."""

    in_process = False
    description = "dask"

    def __init__(self, client, no_worker_timeout: float = NO_WORKER_TIMEOUT_S) -> None:
        self.client = client
        self.no_worker_timeout = no_worker_timeout

    def _threads(self) -> int:
        workers = self.client.scheduler_info(n_workers=-1).get("workers", {})
        return sum(int(worker.get("nthreads", 1)) for worker in workers.values())

    def map(self, function: Callable[[J], R], jobs: Iterable[J]) -> Iterator[Outcome[J, R]]:
        from distributed import wait

        run = uuid.uuid4().hex[:8]
        limit = max(MIN_IN_FLIGHT, IN_FLIGHT_PER_THREAD * max(1, self._threads()))
        pending = iter(jobs)
        running: dict[Any, J] = {}
        alone_since: float | None = None
        try:
            while True:
                for job in pending:
                    key = f"{getattr(job, 'key', 'job')}-{run}"
                    running[self.client.submit(function, job, key=key, pure=False)] = job
                    if len(running) >= limit:
                        break
                if not running:
                    return
                try:
                    done, _ = wait(list(running), timeout=POLL_S, return_when="FIRST_COMPLETED")
                except TimeoutError:  # nothing finished this second
                    done = set()
                if not done:
                    alone_since = self._check_workers(alone_since)
                    if alone_since is not None and time.monotonic() - alone_since > self.no_worker_timeout:
                        for future, job in list(running.items()):
                            future.cancel()
                            yield Outcome(job, error=f"no Dask worker for {self.no_worker_timeout:.0f} s")
                        running.clear()
                        yield from (Outcome(job, error="not run: no Dask worker left") for job in pending)
                        return
                    continue
                alone_since = None
                for future in done:
                    job = running.pop(future)
                    outcome = self._outcome(future, job)
                    if outcome is None:  # its result was lost with a worker: Dask computes it again
                        running[future] = job
                        continue
                    yield outcome
                    future.release()
        finally:
            for future in running:
                future.cancel()

    def _check_workers(self, alone_since: float | None) -> float | None:
        if self._threads():
            return None
        return alone_since if alone_since is not None else time.monotonic()

    @staticmethod
    def _outcome(future, job: J) -> Outcome | None:
        """The job's outcome; None when the result went with a worker before it was fetched."""
        if future.status == "finished":
            try:
                return Outcome(job, future.result(timeout=NO_WORKER_TIMEOUT_S))
            except Exception as error:
                if future.status in ("pending", "lost"):
                    return None
                return Outcome(job, error=f"{type(error).__name__}: {error}")
        error = future.exception() if future.status == "error" else None
        if error is None:
            return Outcome(job, error=f"job {future.status} on the cluster")
        if type(error).__name__ == "KilledWorker":
            return Outcome(job, error="the workers running it died (out of memory, or killed) several times")
        return Outcome(job, error=f"{type(error).__name__}: {error}")

    def close(self) -> None:
        self.client.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalDaskExecutor(_DaskExecutor):
    """A Dask cluster of `n_workers` processes on this machine, started now and stopped by close()."""

    def __init__(self, n_workers: int, threads_per_worker: int = 1) -> None:
        if n_workers < 1:
            raise ExecutorUnavailableError(f"--workers {n_workers}: give 1 or more worker processes")
        from distributed import Client, LocalCluster

        # The cores shared out among the workers' embedders, so that two workers
        # on two cores do not run four BLAS threads.
        cores = os.cpu_count() or 1
        embed_threads = max(1, cores // (n_workers * threads_per_worker))
        try:
            self.cluster = LocalCluster(
                n_workers=n_workers, threads_per_worker=threads_per_worker, processes=True,
                host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                # No dashboard; the scheduler's HTTP endpoints (health) on any free loopback port,
                # not on 8787, which another cluster may hold.
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                env={EMBED_THREADS_VARIABLE: str(embed_threads)},
            )
        except Exception as error:  # ports, process limits: the cluster could not start
            raise ExecutorUnavailableError(
                f"could not start {n_workers} local Dask workers ({type(error).__name__}: {error}); "
                "run without --workers") from None
        super().__init__(Client(self.cluster))
        self.description = f"{n_workers} local Dask workers"

    def close(self) -> None:
        super().close()
        self.cluster.close()


class SchedulerExecutor(_DaskExecutor):
    """An existing Dask cluster, by its scheduler's address (tcp://HOST:PORT); close() leaves it running."""

    def __init__(self, address: str, connect_timeout: float = CONNECT_TIMEOUT_S,
                 no_worker_timeout: float = NO_WORKER_TIMEOUT_S) -> None:
        from distributed import Client

        try:
            client = Client(address, timeout=connect_timeout)
        except (OSError, TimeoutError, ValueError) as error:
            raise ExecutorUnavailableError(
                f"cannot reach a Dask scheduler at {address} ({type(error).__name__}); start one "
                "with `dask scheduler` and workers with `dask worker ADDRESS`, then give its address "
                "as --scheduler tcp://HOST:PORT") from None
        super().__init__(client, no_worker_timeout)
        self.description = f"the Dask scheduler at {address}"


def make_executor(*, workers: int | None = None, scheduler: str | None = None) -> Executor:
    """The executor the --workers / --scheduler options ask for; in-process without either."""
    if workers is not None and scheduler:
        raise ExecutorUnavailableError("give --workers N or --scheduler ADDRESS, not both")
    if scheduler:
        return SchedulerExecutor(scheduler)
    if workers is not None:
        return LocalDaskExecutor(workers)
    return InProcessExecutor()
