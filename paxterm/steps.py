"""The stages of an incremental run over a project store: only new or changed documents are processed.

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

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from functools import partial

from aligner.align.pipeline import ALIGNER_VERSION
from aligner.embed import DEFAULT_MODEL, CachedEmbedder, Embedder
from aligner.errors import InputFileError, PaxtermError, SwappedLanguageError
from aligner.pairing import pair_documents
from aligner.read.document import Document, read_document
from aligner.read.language import LANGUAGE_NAMES
from aligner.read.readers import SUPPORTED_SUFFIXES
from glossary.build import build_termbase, builder_version, documents_to_extract
from glossary.io.records import segments_from_alignments
from glossary.rank.review import MIN_DECISIONS, decision_key
from glossary.rank.termhood import DEFAULT_MIN_TERMHOOD
from glossary.termbase import DECIDED, TermBase, select_for_output
from glossary.io.files import read_termbase
from paxterm.corpus import SkippedFile
from paxterm.embedding import cache_path
from paxterm.jobs import AlignJob, Executor, ExtractJob, InProcessExecutor, JobDocument, align_job, extract_job
from paxterm.outputs import ALIGNMENT_OUTPUTS, TERMBASE_OUTPUTS, write_run_outputs
from paxterm.progress import NoProgress, Progress, TermBaseStages
from paxterm.store import ProjectStore, Setting, StoreCandidateCache, file_hash
from paxterm.store.terms import JUDGED
from paxterm.term_merge import RUN, TermMerge, merge_build


@dataclass(frozen=True)
class ScanResult:
    """What changed in the corpus folder since the store last looked (paths relative to it)."""

    new: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int
    # (old path, new path) of files renamed or moved with their bytes unchanged: links and reviews stay.
    renamed: tuple[tuple[str, str], ...] = ()

    @property
    def any_change(self) -> bool:
        return bool(self.new or self.changed or self.removed or self.renamed)


@dataclass(frozen=True)
class PlannedAlignment:
    """One French document to align: with its English original, or French-only (en_id None)."""

    fr_id: int
    fr: Document
    en_id: int | None = None
    en: Document | None = None
    method: str | None = None
    similarity: float | None = None


@dataclass(frozen=True)
class TermUpdate:
    merge: TermMerge
    extracted: tuple[str, ...]  # French documents whose candidates were extracted, not read from the store
    builder_changed: bool = False  # the term base was built again because an older paxterm had built it


def no_french_error(corpus_dir: Path) -> InputFileError:
    return InputFileError(f"{corpus_dir}: no French document found (looked for {' '.join(SUPPORTED_SUFFIXES)} files"
                          + (" in fr/)" if (corpus_dir / "fr").is_dir() else ")"))


def scan_corpus(store: ProjectStore, corpus_dir: Path, files: Sequence[tuple[Path, str | None]],
                progress: Progress = NoProgress(), refused: Sequence[SkippedFile] = ()) -> ScanResult:
    """Register new and changed files (one transaction each), forget removed ones.

    A file whose size and modification time are as stored is not even hashed;
    one whose bytes hash as stored is not read. `refused` (links not followed,
    see paxterm.corpus) are registered as skipped, with their reason, so that
    every report lists them.
    """
    known = {document.path: document for document in store.documents.all()}
    new, changed = [], []
    unchanged = 0
    for link in refused:
        relative = link.path.relative_to(corpus_dir).as_posix()
        stored = known.pop(relative, None)
        if stored and stored.skipped_reason == link.reason:
            unchanged += 1
            continue
        stat = link.path.lstat()
        store.documents.save(relative, None, content_hash=f"link:{os.readlink(link.path)}", size=stat.st_size,
                             mtime_ns=stat.st_mtime_ns, skipped_reason=link.reason)
        (changed if stored else new).append(relative)
    progress.start("Reading", len(files))
    present = {path.relative_to(corpus_dir).as_posix() for path, _ in files}
    renamed: list[tuple[str, str]] = []
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
            store.documents.touch(stored.id, stat.st_size, stat.st_mtime_ns)
            unchanged += 1
            continue
        moved_from = None if stored else _renamed_from(known, present, digest, language)
        if moved_from is not None:
            del known[moved_from.path]
            store.documents.move(moved_from.id, relative, stat.st_size, stat.st_mtime_ns)
            renamed.append((moved_from.path, relative))
            continue
        register_file(store, path, relative, language, digest, stat)
        (changed if stored else new).append(relative)
    for relative, stored in known.items():
        store.documents.remove(stored.id)
    return ScanResult(tuple(sorted(new)), tuple(sorted(changed)), tuple(sorted(known)), unchanged,
                      tuple(sorted(renamed)))


def _renamed_from(known: dict, present: set[str], digest: str, language: str | None):
    """The stored document a new file is, renamed or moved: same bytes, same language, old path gone."""
    return next((document for path, document in known.items()
                 if path not in present and document.content_hash == digest and not document.skipped_reason
                 and (language is None or document.language == language)), None)


def register_file(store: ProjectStore, path: Path, relative: str, language: str | None,
                  digest: str, stat: os.stat_result) -> None:
    try:
        document: Document | None = read_document(path, expected_language=language)
        reason = None
    except SwappedLanguageError as error:  # in a corpus there are no two files to swap, but folders
        document = None
        reason = (f"{path} looks {LANGUAGE_NAMES[error.found]}, but it is in the "
                  f"{LANGUAGE_NAMES[error.expected]} folder: move it to {error.found}/")
    except PaxtermError as error:
        document, reason = None, str(error)
    store.documents.save(relative, document, content_hash=digest, size=stat.st_size,
                         mtime_ns=stat.st_mtime_ns, skipped_reason=reason)


def check_documents(store: ProjectStore, corpus_dir: Path) -> None:
    """A corpus with no readable French document is an error that says why."""
    documents = store.documents.all()
    if any(document.language == "fr" for document in documents):
        return
    skipped = [document for document in documents if document.skipped_reason]
    if not skipped or any(document.language for document in documents):
        raise no_french_error(corpus_dir)
    reasons = "; ".join(document.skipped_reason or "" for document in skipped[:3])
    raise InputFileError(f"{corpus_dir}: none of its {len(skipped)} files could be read ({reasons})")


def plan_alignments(store: ProjectStore, corpus_dir: Path, embedder: Embedder, *,
                    corpus_changed: bool) -> list[PlannedAlignment]:
    """Pair what is not aligned yet with the free English documents: the alignments to make."""
    documents = [document for document in store.documents.all() if document.language]
    pairs = {pair.fr_document_id: pair for pair in store.links.pairs()}
    taken_en = {pair.en_document_id for pair in pairs.values() if pair.en_document_id is not None}
    pending = [d for d in documents if d.language == "fr" and d.id not in pairs]
    french_only_now = [d for d in documents if d.language == "fr" and d.id in pairs
                       and pairs[d.id].en_document_id is None]
    free_en = [d for d in documents if d.language == "en" and d.id not in taken_en]
    # French-only texts are worth another look only when an English text is free
    # and the corpus changed: otherwise the answer is the one stored.
    retry = french_only_now if free_en and corpus_changed else []
    if not pending and not retry:
        return []
    french = [(d.id, store.documents.load(d.id, corpus_dir)) for d in (*pending, *retry)]
    english = [(d.id, store.documents.load(d.id, corpus_dir)) for d in free_en]
    pairing = pair_documents([document for _, document in french], [document for _, document in english], embedder)
    fr_ids = {document.path: document_id for document_id, document in french}
    en_ids = {document.path: document_id for document_id, document in english}
    planned = [PlannedAlignment(fr_ids[pair.fr.path], pair.fr, en_ids[pair.en.path], pair.en, pair.method,
                                pair.similarity) for pair in pairing.pairs]
    planned += [PlannedAlignment(fr_ids[document.path], document) for document in pairing.unpaired_fr
                if fr_ids[document.path] not in pairs]
    return planned


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

    Pairing needs every document, so it stays here; each planned alignment
    becomes an AlignJob built from the store. A job run in this process
    borrows `embedder`'s model and the store's vectors; a job on a worker
    loads `model` there. Either way only this process writes the store: the
    vectors a job computed and its links, one document at a time.
    """
    executor = executor or InProcessExecutor()
    planned = plan_alignments(store, corpus_dir, embedder, corpus_changed=corpus_changed)
    shared = str(cache_path()) if use_cache else None
    # Built as the executor asks for them, so that only the jobs in flight are in memory.
    jobs = (AlignJob(_job_document(store, item.fr_id, item.fr),
                     _job_document(store, item.en_id, item.en) if item.en is not None else None,
                     model=model or DEFAULT_MODEL, cache_path=shared) for item in planned)
    found_by = {item.fr_id: (item.method, item.similarity) for item in planned}
    function = partial(align_job, model=embedder.inner, lookup=embedder.cache) if executor.in_process else align_job
    progress.start("Aligning", len(planned))
    aligned, failed = [], []
    for outcome in executor.map(function, jobs):
        if outcome.ok:
            result = outcome.result
            if len(result.texts) and embedder.cache is not None:
                embedder.cache.put_many(result.model, result.texts, result.vectors)
            embedder.embedded_count += len(result.texts)
            method, similarity = found_by[result.fr_id]
            store.links.save_alignment(result.fr_id, result.en_id, result.alignment, method=method,
                                       similarity=similarity)
            aligned.append(outcome.job.label)
        else:
            failed.append(FailedDocument(outcome.job.label, outcome.error or "unknown error"))
        progress.advance(outcome.job.label)
    return AlignStep(tuple(sorted(aligned)), tuple(sorted(failed, key=lambda failure: failure.name)))


def _job_document(store: ProjectStore, document_id: int, document: Document) -> JobDocument:
    return JobDocument(document_id, document.name, document.symbol, store.documents.segmented(document_id))


def update_terms(store: ProjectStore, embedder: Embedder, *, corpus: str, reference: Path | None = None,
                 executor: Executor | None = None, progress: Progress = NoProgress()) -> TermUpdate | None:
    """Rebuild the term base from every stored link and merge it in, when the links changed.

    Term candidates of documents whose aligned text is as stored come from
    the store; only the others go through extraction, as ExtractJobs on a
    cluster executor (a job that fails there is extracted here by the build).
    """
    settings = store.settings
    generation = str(settings.alignment_generation())
    reference_id = f"{reference.name}:{file_hash(reference)}" if reference else ""
    decisions = review_decisions(store)
    # New decisions re-rank the candidates even when the links did not change.
    decisions_id = decisions_digest(decisions) if len(decisions) >= MIN_DECISIONS else ""
    builder = builder_version()
    stored_builder = settings.get(Setting.TERMS_BUILDER, "")
    # A term base built by other code (an older paxterm, or a store made before this setting) is built again.
    builder_changed = settings.get(Setting.TERMS_GENERATION) is not None and stored_builder != builder
    if (settings.get(Setting.TERMS_GENERATION) == generation
            and settings.get(Setting.TERMS_REFERENCE, "") == reference_id
            and settings.get(Setting.TERMS_DECISIONS, "") == decisions_id
            and not builder_changed):
        return None
    reference_base = read_termbase(reference) if reference else None
    candidates = StoreCandidateCache(store.candidates)
    segments = segments_from_alignments(store.links.alignments())
    if executor is not None and not executor.in_process:
        jobs = [ExtractJob(document) for document in documents_to_extract(segments, candidates)]
        if jobs:
            progress.start(f"Finding terms in {len(jobs)} document{'s' if len(jobs) > 1 else ''}", len(jobs))
        for outcome in executor.map(extract_job, jobs):
            progress.advance(outcome.job.label)
            if outcome.ok:
                candidates.put_candidates(outcome.result.fingerprint, outcome.result.candidates)
    built = build_termbase(segments, embedder, reference=reference_base, corpus=corpus, model=embedder.name,
                           candidate_cache=candidates, decisions=decisions, progress=TermBaseStages(progress))
    merge = merge_build(store.terms.all(), built)
    store.terms.save(merge, RUN)
    candidates.prune()
    with store.transaction():
        settings.set(Setting.TERMS_GENERATION, generation)
        settings.set(Setting.TERMS_REFERENCE, reference_id)
        settings.set(Setting.TERMS_DECISIONS, decisions_id)
        settings.set(Setting.TERMS_RANKING, built.ranking)
        settings.set(Setting.TERMS_BUILDER, builder)
    return TermUpdate(merge, tuple(sorted(candidates.extracted)), builder_changed)


def review_decisions(store: ProjectStore) -> dict[tuple[str, str], bool]:
    """The reviewer's decisions as glossary.build takes them: validated -> True, rejected -> False.

    Each is keyed by the entry's terms and by the terms extraction found, so a
    corrected entry still matches the candidate it was made from.
    """
    decisions: dict[tuple[str, str], bool] = {}
    for term in store.terms.all():
        if term.entry.status in JUDGED:
            kept = term.entry.status == "validated"
            decisions[decision_key(term.entry.fr, term.entry.en)] = kept
            decisions.setdefault(term.found_key, kept)
    return decisions


def decisions_digest(decisions: dict[tuple[str, str], bool]) -> str:
    payload = json.dumps(sorted([*key, kept] for key, kept in decisions.items()), ensure_ascii=False)
    return hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()


def write_outputs(store: ProjectStore, out_dir: Path, glossary: bool,
                  min_termhood: float | None = DEFAULT_MIN_TERMHOOD) -> tuple[tuple[Path, ...], bool, int]:
    """Write the output files from the store, unless they already hold exactly what it holds.

    The term base files hold the entries of termhood >= `min_termhood` and
    those a person decided on (None: every entry). A run with nothing new
    then costs a scan of the corpus and no more; a missing output file, or
    any change to links (a reviewer's too), terms or the threshold, rewrites
    them all. Returns the paths, whether they were written, and how many
    entries the term base files leave out.
    """
    names = ALIGNMENT_OUTPUTS + (TERMBASE_OUTPUTS if glossary else ())
    expected = tuple(out_dir / name for name in names)
    signature = (f"{store.settings.alignment_generation()}:{store.links.edit_mark()}|"
                 f"{store.terms.signature() if glossary else '-'}|{min_termhood}")
    if store.settings.output_signature(out_dir) == signature and all(path.is_file() for path in expected):
        # Up to date: count what the files leave out without loading the term base.
        left_out = store.terms.below_termhood(min_termhood, DECIDED) if glossary and min_termhood is not None else 0
        return expected, False, left_out
    selection = select_for_output(stored_termbase(store), min_termhood) if glossary else None
    outputs = write_run_outputs(store.links.alignments(), selection.termbase if selection else None, out_dir)
    store.settings.set_output_signature(out_dir, signature)
    return outputs, True, selection.left_out if selection else 0


def stored_termbase(store: ProjectStore) -> TermBase:
    """The store's term base, in ranking order, as the writers take it, stamped with the store's revision."""
    return TermBase(tuple(term.entry for term in store.terms.all()),
                    corpus=store.settings.get(Setting.CORPUS, "") or "",
                    model=store.settings.get(Setting.MODEL, "") or "",
                    revision=str(store.terms.revision_stamp()),
                    ranking=store.settings.get(Setting.TERMS_RANKING, "") or "")


def note_model(store: ProjectStore, model: str) -> bool:
    """Remember the embedding model; links made with another one are dropped to be made again."""
    previous = store.settings.get(Setting.MODEL)
    changed = previous is not None and previous != model and bool(store.links.pairs())
    if changed:
        store.links.forget_all()
    store.settings.set(Setting.MODEL, model)
    return changed


def note_aligner(store: ProjectStore) -> bool:
    """Remember the aligner's version; links an older aligner made are dropped to be made again.

    Reviewed links are kept aside by forget_all and carried back where their
    texts still line up, as after any realignment.
    """
    current = str(ALIGNER_VERSION)
    previous = store.settings.get(Setting.ALIGNER)
    changed = previous != current and bool(store.links.pairs())
    if changed:
        store.links.forget_all()
    store.settings.set(Setting.ALIGNER, current)
    return changed
