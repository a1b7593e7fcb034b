"""Incremental runs over a project store: only new or changed documents are processed.

A run (1) looks at every file of the corpus, hashing only those whose size or
time changed and reading only those whose content changed; (2) pairs the
French documents not yet aligned, and the French-only ones, with the English
documents still free (so a French text is aligned once its English original
arrives); (3) aligns each new pair, writing each document's links in one
transaction; (4) rebuilds the term base when the links changed and merges it
into the stored one, extracting term candidates (spaCy) only from the
documents whose aligned text changed; (5) rewrites every output file from the store.

Where it stopped, a killed run leaves documents registered but not aligned;
the next run picks them up, because what is left to do is read from the
store, not remembered from the run that failed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from functools import partial

from aligner.align.pipeline import segment_document
from aligner.read.document import Document, read_document
from aligner.embed import DEFAULT_MODEL, CachedEmbedder, Embedder
from aligner.errors import InputFileError, PaxtermError
from aligner.pairing import pair_documents
from aligner.read.readers import SUPPORTED_SUFFIXES
from glossary.build import build_termbase, documents_to_extract
from glossary.io.records import segments_from_alignments
from glossary.termbase import read_termbase
from paxterm.corpus import SkippedFile, corpus_files, document_paths
from paxterm.jobs import AlignJob, Executor, ExtractJob, InProcessExecutor, JobDocument, align_job, extract_job
from paxterm.pipeline import (ALIGNMENT_OUTPUTS, TERMBASE_OUTPUTS, NoProgress, Progress, cache_path, make_embedder,
                              write_alignment_outputs, write_termbase_outputs)
from paxterm.store import (ProjectStore, StoredPair, default_store_path,
                           file_hash, open_store)
from paxterm.termstore import (RUN, StoreCandidateCache, TermMerge, load_terms, merge_build, save_merge,
                               status_counts, stored_termbase, terms_signature)


@dataclass(frozen=True)
class ScanResult:
    """What changed in the corpus folder since the store last looked (paths relative to it)."""

    new: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int

    @property
    def any_change(self) -> bool:
        return bool(self.new or self.changed or self.removed)


@dataclass(frozen=True)
class ProjectSummary:
    """The state of a project, as `paxterm status` and the end of a run show it."""

    french: tuple[str, ...]
    english: tuple[str, ...]
    pairs: tuple[StoredPair, ...]  # French documents with their English original
    unpaired_fr: tuple[str, ...]  # aligned French-only: no English original found
    unaligned_fr: tuple[str, ...]  # registered (paxterm add) but not aligned yet
    unpaired_en: tuple[str, ...]
    skipped: tuple[SkippedFile, ...]
    sentence_links: int
    flagged_links: int
    paragraph_links: int
    term_statuses: dict[str, int]
    bilingual_terms: int
    french_only_terms: int

    @property
    def term_count(self) -> int:
        return sum(self.term_statuses.values())


@dataclass(frozen=True)
class ProjectRun:
    store_path: Path
    scan: ScanResult
    aligned: tuple[str, ...]  # French documents aligned by this run
    embedded: int  # texts embedded by this run (not found in any cache)
    terms: TermMerge | None  # None: the term base did not need rebuilding
    model_changed: bool
    summary: ProjectSummary
    outputs: tuple[Path, ...]
    terms_extracted: tuple[str, ...] = ()  # French documents whose term candidates this run extracted
    outputs_rewritten: bool = True  # False: the output files already held what the store holds
    failed: tuple[FailedDocument, ...] = ()  # French documents whose alignment failed: the next run retries them

    @property
    def nothing_new(self) -> bool:
        return not self.scan.any_change and not self.aligned and self.terms is None


def store_path_for(corpus_dir: Path, store: Path | None) -> Path:
    return Path(store) if store else default_store_path(Path(corpus_dir))


def scan_corpus(store: ProjectStore, corpus_dir: Path, files: Sequence[tuple[Path, str | None]],
                progress: Progress = NoProgress()) -> ScanResult:
    """Register new and changed files (one transaction each), forget removed ones.

    A file whose size and modification time are as stored is not even hashed;
    one whose bytes hash as stored is not read.
    """
    known = {document.path: document for document in store.documents()}
    new, changed = [], []
    unchanged = 0
    progress.start("Reading", len(files))
    for path, language in files:
        relative = path.relative_to(corpus_dir).as_posix()
        stat = path.stat()
        stored = known.pop(relative, None)
        progress.advance(path.name)
        if stored and (stored.size, stored.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            unchanged += 1
            continue
        digest = file_hash(path)
        if stored and stored.content_hash == digest:
            store.touch_document(stored.id, stat.st_size, stat.st_mtime_ns)
            unchanged += 1
            continue
        register_file(store, path, relative, language, digest, stat)
        (changed if stored else new).append(relative)
    for relative, stored in known.items():
        store.remove_document(stored.id)
    return ScanResult(tuple(sorted(new)), tuple(sorted(changed)), tuple(sorted(known)), unchanged)


def register_file(store: ProjectStore, path: Path, relative: str, language: str | None,
                  digest: str, stat: os.stat_result) -> None:
    try:
        document: Document | None = read_document(path, expected_language=language)
        reason = None
    except PaxtermError as error:
        document, reason = None, str(error)
    store.save_document(relative, document, content_hash=digest, size=stat.st_size,
                        mtime_ns=stat.st_mtime_ns, skipped_reason=reason)


@dataclass(frozen=True)
class FailedDocument:
    """A French document whose alignment job failed: the store has nothing of it, the next run retries."""

    name: str
    reason: str


@dataclass(frozen=True)
class AlignStep:
    aligned: tuple[str, ...]  # French documents aligned by this run
    failed: tuple[FailedDocument, ...] = ()


def align_pending(store: ProjectStore, corpus_dir: Path, embedder: CachedEmbedder, *, corpus_changed: bool,
                  executor: Executor | None = None, model: str | None = None, use_cache: bool = True,
                  progress: Progress = NoProgress()) -> AlignStep:
    """Pair what is not aligned yet, align the pairs on `executor`, store each result as it comes back.

    Pairing needs every document, so it stays here; each pair becomes an
    AlignJob. A job run in this process borrows `embedder`'s model and the
    store's vectors; a job on a worker loads `model` there. Either way the
    coordinator writes the vectors the job computed and its links, one
    document per transaction.
    """
    executor = executor or InProcessExecutor()
    documents = [document for document in store.documents() if document.language]
    pairs = {pair.fr_document_id: pair for pair in store.pairs()}
    taken_en = {pair.en_document_id for pair in pairs.values() if pair.en_document_id is not None}
    pending = [d for d in documents if d.language == "fr" and d.id not in pairs]
    french_only_now = [d for d in documents if d.language == "fr" and d.id in pairs
                       and pairs[d.id].en_document_id is None]
    free_en = [d for d in documents if d.language == "en" and d.id not in taken_en]
    # French-only texts are worth another look only when an English text is free
    # and the corpus changed: otherwise the answer is the one stored.
    retry = french_only_now if free_en and corpus_changed else []
    if not pending and not retry:
        return AlignStep(())
    loaded = {d.id: store.load_document(d.id, corpus_dir) for d in (*pending, *retry, *free_en)}
    id_of = {id(document): document_id for document_id, document in loaded.items()}
    pairing = pair_documents([loaded[d.id] for d in (*pending, *retry)], [loaded[d.id] for d in free_en], embedder)
    shared = str(cache_path()) if use_cache else None
    spec = model or DEFAULT_MODEL

    def job(fr: Document, en: Document | None) -> AlignJob:
        return AlignJob(_job_document(id_of[id(fr)], fr), _job_document(id_of[id(en)], en) if en else None,
                        model=spec, cache_path=shared)

    jobs = [job(pair.fr, pair.en) for pair in pairing.pairs]
    jobs += [job(doc, None) for doc in pairing.unpaired_fr if id_of[id(doc)] not in pairs]
    found_by = {id_of[id(pair.fr)]: (pair.method, pair.similarity) for pair in pairing.pairs}
    function = partial(align_job, model=embedder.inner, lookup=embedder.cache) if executor.in_process else align_job
    progress.start("Aligning", len(jobs))
    aligned, failed = [], []
    for outcome in executor.map(function, jobs):
        if outcome.ok:
            result = outcome.result
            if len(result.texts) and embedder.cache is not None:
                embedder.cache.put_many(result.model, result.texts, result.vectors)
            embedder.embedded_count += len(result.texts)
            method, similarity = found_by.get(result.fr_id, (None, None))
            store.save_alignment(result.fr_id, result.en_id, result.alignment, method=method, similarity=similarity)
            aligned.append(outcome.job.label)
        else:
            failed.append(FailedDocument(outcome.job.label, outcome.error or "unknown error"))
        progress.advance(outcome.job.label)
    return AlignStep(tuple(sorted(aligned)), tuple(sorted(failed, key=lambda f: f.name)))


def _job_document(document_id: int, document: Document) -> JobDocument:
    return JobDocument(document_id, document.name, document.symbol, segment_document(document))


@dataclass(frozen=True)
class TermUpdate:
    merge: TermMerge
    extracted: tuple[str, ...]  # French documents whose candidates were extracted, not read from the store


def update_terms(store: ProjectStore, embedder: Embedder, *, corpus: str, reference: Path | None = None,
                 executor: Executor | None = None, progress: Progress = NoProgress()) -> TermUpdate | None:
    """Rebuild the term base from every stored link and merge it in, when the links changed.

    Term candidates of documents whose aligned text is as stored come from
    the store; only the others go through extraction, as ExtractJobs on a
    cluster executor (a job that fails there is extracted here by the build).
    """
    generation = str(store.alignment_generation())
    reference_id = f"{reference.resolve()}:{file_hash(reference)}" if reference else ""
    if store.setting("terms_generation") == generation and store.setting("terms_reference", "") == reference_id:
        return None
    reference_base = read_termbase(reference) if reference else None
    progress.start("Building the term base", 1)
    candidates = StoreCandidateCache(store)
    segments = segments_from_alignments(store.alignments())
    if executor is not None and not executor.in_process:
        jobs = [ExtractJob(document) for document in documents_to_extract(segments, candidates)]
        for outcome in executor.map(extract_job, jobs):
            if outcome.ok:
                candidates.put_candidates(outcome.result.fingerprint, outcome.result.candidates)
    built = build_termbase(segments, embedder, reference=reference_base,
                           corpus=corpus, model=embedder.name, candidate_cache=candidates)
    merge = merge_build(load_terms(store), built)
    save_merge(store, merge, RUN)
    candidates.prune()
    with store.transaction():
        store.set_setting("terms_generation", generation)
        store.set_setting("terms_reference", reference_id)
    progress.advance()
    return TermUpdate(merge, tuple(sorted(candidates.extracted)))


def run_project(corpus_dir: str | Path, out_dir: str | Path, *, store_path: Path | None = None,
                model: str | None = None, use_cache: bool = True, glossary: bool = True,
                reference: Path | None = None, progress: Progress = NoProgress(),
                embedder: Embedder | None = None, lock_timeout: float | None = None,
                executor: Executor | None = None) -> ProjectRun:
    """Bring the project store up to date with the corpus folder and rewrite the outputs from it.

    `embedder` replaces the model named by `model` (tests and benchmarks pass a
    loaded one); either way it is wrapped in the store's embedding cache.
    `executor` runs the alignment and extraction jobs (in this process by
    default); workers load `model` themselves, so they cannot take `embedder`.
    """
    if embedder is not None and executor is not None and not executor.in_process:
        raise ValueError("jobs on Dask workers load their model from its spec: pass model=, not embedder=")
    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    if reference:
        read_termbase(reference)  # fail before the slow part
    files = corpus_files(corpus_dir, exclude=out_dir)
    if not files:
        raise InputFileError(f"{corpus_dir}: no French document found (looked for {' '.join(SUPPORTED_SUFFIXES)} files"
                             + (" in fr/)" if (corpus_dir / "fr").is_dir() else ")"))
    path = store_path_for(corpus_dir, store_path)
    with open_store(path) as store, store.writer(lock_timeout):
        scan = scan_corpus(store, corpus_dir, files, progress)
        _check_documents(store, corpus_dir)
        cached = make_embedder(model, use_cache=use_cache, store=store, inner=embedder)
        model_changed = _note_model(store, cached.name)
        with store.transaction():
            store.set_setting("corpus", str(corpus_dir))
        step = align_pending(store, corpus_dir, cached, corpus_changed=scan.any_change or model_changed,
                             executor=executor, model=model, use_cache=use_cache, progress=progress)
        terms = None
        if glossary:
            terms = update_terms(store, cached, corpus=str(corpus_dir), reference=reference, executor=executor,
                                 progress=progress)
        outputs, rewritten = _write_outputs(store, out_dir, glossary)
        return ProjectRun(path, scan, step.aligned, cached.embedded_count, terms.merge if terms else None,
                          model_changed, summarise(store), outputs, terms.extracted if terms else (), rewritten,
                          step.failed)


def _write_outputs(store: ProjectStore, out_dir: Path, glossary: bool) -> tuple[tuple[Path, ...], bool]:
    """Write the output files from the store, unless they already hold exactly what it holds.

    A run with nothing new then costs a scan of the corpus and no more; a
    missing output file, or any change to links or terms, rewrites them all.
    """
    names = ALIGNMENT_OUTPUTS + (TERMBASE_OUTPUTS if glossary else ())
    expected = tuple(out_dir / name for name in names)
    signature = f"{store.alignment_generation()}|{terms_signature(store) if glossary else '-'}"
    key = f"outputs:{out_dir.resolve()}"
    if store.setting(key) == signature and all(path.is_file() for path in expected):
        return expected, False
    outputs = write_alignment_outputs(store.alignments(), out_dir)
    if glossary:
        outputs += write_termbase_outputs(stored_termbase(store), out_dir)
    with store.transaction():
        store.set_setting(key, signature)
    return outputs, True


def _check_documents(store: ProjectStore, corpus_dir: Path) -> None:
    documents = store.documents()
    if any(document.language == "fr" for document in documents):
        return
    skipped = [document for document in documents if document.skipped_reason]
    if not skipped or any(document.language for document in documents):
        raise InputFileError(f"{corpus_dir}: no French document found (looked for {' '.join(SUPPORTED_SUFFIXES)} files"
                             + (" in fr/)" if (corpus_dir / "fr").is_dir() else ")"))
    reasons = "; ".join(document.skipped_reason or "" for document in skipped[:3])
    raise InputFileError(f"{corpus_dir}: none of its {len(skipped)} files could be read ({reasons})")


def _note_model(store: ProjectStore, model: str) -> bool:
    """Remember the embedding model; links made with another one are dropped to be made again."""
    previous = store.setting("model")
    changed = previous is not None and previous != model and bool(store.pairs())
    if changed:
        store.forget_all_alignments()
    with store.transaction():
        store.set_setting("model", model)
    return changed


def summarise(store: ProjectStore) -> ProjectSummary:
    documents = store.documents()
    pairs = store.pairs()
    aligned = {pair.fr_document_id for pair in pairs}
    taken_en = {pair.en_document_id for pair in pairs if pair.en_document_id is not None}
    sentence_links, flagged = store.link_counts("sentence")
    paragraph_links, _ = store.link_counts("paragraph")
    bilingual = store.db.execute("SELECT count(*) FROM term_entries WHERE en != ''").fetchone()[0]
    total = store.db.execute("SELECT count(*) FROM term_entries").fetchone()[0]
    return ProjectSummary(
        french=tuple(d.name for d in documents if d.language == "fr"),
        english=tuple(d.name for d in documents if d.language == "en"),
        pairs=tuple(pair for pair in pairs if pair.en_document_id is not None),
        unpaired_fr=tuple(pair.fr_doc for pair in pairs if pair.en_document_id is None),
        unaligned_fr=tuple(sorted(d.name for d in documents if d.language == "fr" and d.id not in aligned)),
        unpaired_en=tuple(sorted(d.name for d in documents if d.language == "en" and d.id not in taken_en)),
        skipped=tuple(SkippedFile(Path(d.path), d.skipped_reason) for d in documents if d.skipped_reason),
        sentence_links=sentence_links, flagged_links=flagged, paragraph_links=paragraph_links,
        term_statuses=status_counts(store), bilingual_terms=bilingual, french_only_terms=total - bilingual,
    )


# --- paxterm add --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddedFile:
    source: Path
    destination: Path
    language: str
    copied: bool  # False: the same file was already in the corpus


def add_files(files: Sequence[Path], corpus_dir: Path, *, store_path: Path | None = None,
              force: bool = False, lock_timeout: float | None = None) -> tuple[AddedFile, ...]:
    """Copy documents into the corpus (fr/ or en/ by their language) and register them in the store.

    Every file is read and every destination checked before anything is
    copied: one bad file means nothing is copied.
    """
    corpus_dir = Path(corpus_dir)
    if corpus_dir.exists() and not corpus_dir.is_dir():
        raise InputFileError(f"{corpus_dir} is a file, not a corpus folder; give a folder with --to")
    plans: list[tuple[Path, Path, Document]] = []
    destinations: dict[Path, Path] = {}
    mixed = _is_mixed(corpus_dir)
    for source in map(Path, files):
        if not source.is_file():
            raise InputFileError(f"{source}: no such file; nothing was copied")
        try:
            document = read_document(source)
        except PaxtermError as error:
            raise type(error)(f"{error}; nothing was copied") from None
        destination = (corpus_dir if mixed else corpus_dir / document.language) / source.name
        if destination in destinations:
            raise InputFileError(f"{source} and {destinations[destination]} would both be copied to {destination}; "
                                 "rename one of them; nothing was copied")
        destinations[destination] = source
        if destination.exists() and not force and not _same_bytes(source, destination):
            raise InputFileError(f"{destination} already exists with other content; rename {source.name} "
                                 "or pass --force to replace it; nothing was copied")
        plans.append((source, destination, document))
    added = []
    path = store_path_for(corpus_dir, store_path)
    with open_store(path) as store, store.writer(lock_timeout):
        for source, destination, document in plans:
            copied = not (destination.exists() and _same_bytes(source, destination))
            if copied:
                _copy(source, destination)
            stat = destination.stat()
            relative = destination.relative_to(corpus_dir).as_posix()
            known = next((d for d in store.documents() if d.path == relative), None)
            digest = file_hash(destination)
            if known is None or known.content_hash != digest:
                store.save_document(relative, document, content_hash=digest, size=stat.st_size,
                                    mtime_ns=stat.st_mtime_ns)
            elif (known.size, known.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
                store.touch_document(known.id, stat.st_size, stat.st_mtime_ns)
            added.append(AddedFile(source, destination, document.language, copied))
    return tuple(added)


def _is_mixed(corpus_dir: Path) -> bool:
    """A corpus without fr/ and en/ whose documents lie together: new files go beside them."""
    if not corpus_dir.is_dir() or (corpus_dir / "fr").is_dir() or (corpus_dir / "en").is_dir():
        return False
    return bool(document_paths(corpus_dir))


def _same_bytes(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and file_hash(a) == file_hash(b)


def _copy(source: Path, destination: Path) -> None:
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{destination.name}-", dir=destination.parent)
        os.close(handle)
        try:
            shutil.copy2(source, name)
            os.replace(name, destination)
        finally:
            Path(name).unlink(missing_ok=True)
    except OSError as error:
        raise InputFileError(f"cannot copy {source} to {destination} ({error.strerror}); "
                             "check the corpus folder's permissions") from None

