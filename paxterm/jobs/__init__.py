"""Jobs that run anywhere, and the executors that run them.

AlignJob / ExtractJob are frozen, picklable values and align_job / extract_job
pure functions of them, so an executor may run them in this process, in a
local Dask cluster or on a remote one, and the coordinator (the only writer of
the project store) gets the same results back whichever it is.
"""

from paxterm.jobs.align import AlignJob, AlignResult, JobDocument, align_job
from paxterm.jobs.executors import (Executor, ExecutorUnavailableError, InProcessExecutor, LocalDaskExecutor,
                                    Outcome, SchedulerExecutor, make_executor)
from paxterm.jobs.extract import ExtractJob, ExtractResult, extract_job

__all__ = [
    "AlignJob", "AlignResult", "Executor", "ExecutorUnavailableError", "ExtractJob", "ExtractResult",
    "InProcessExecutor", "JobDocument", "LocalDaskExecutor", "Outcome", "SchedulerExecutor",
    "align_job", "extract_job", "make_executor",
]
