"""ExtractJob: one document's term-candidate extraction (spaCy, the slow part of the glossary step).

The coordinator asks glossary.build which documents its candidate cache lacks,
runs one job per document on the executor, and puts the results in the cache;
build_termbase then finds every document's candidates there and extracts
nothing itself, so the term base is the one an in-process build makes.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from glossary.build import DocumentCandidates, PendingDocument, extract_document


@dataclass(frozen=True)
class ExtractJob:
    document: PendingDocument

    @property
    def label(self) -> str:
        return self.document.name

    @property
    def key(self) -> str:
        return f"extract-{self.document.fingerprint}"


@dataclass(frozen=True)
class ExtractResult:
    fingerprint: str
    candidates: DocumentCandidates
    seconds: float = field(default=0.0, compare=False)
    worker_pid: int = field(default=0, compare=False)


def extract_job(job: ExtractJob) -> ExtractResult:
    """Extract one document's candidates (spaCy loads once per worker process)."""
    started = time.perf_counter()
    candidates = extract_document(job.document)
    return ExtractResult(job.document.fingerprint, candidates, time.perf_counter() - started, os.getpid())
