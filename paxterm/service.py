"""The Project service: the one API of the CLI and the review web app.

A Project is a corpus folder and its store. Every operation a user can ask
for is a method here that takes plain values, returns frozen dataclasses and
raises the package's named errors (PaxtermError subclasses): the CLI and the
web app only parse, call and present. Writes take the store's writer lock for
their duration, so a `paxterm run` and a review session never write at once.

    with Project("corpus") as project:
        result = project.run(Path("paxterm-output"))
        project.set_term_status("T0001", "validated")
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from aligner.align.links import SENTENCE
from aligner.embed import Embedder
from aligner.errors import InputFileError, PaxtermError
from aligner.read.document import Document, read_document
from glossary.match.lookup import names
from glossary.match.concordance import Occurrence, Span, find_spans, prepare_term, search_segments, term_language
from glossary.rank.termhood import DEFAULT_MIN_TERMHOOD
from glossary.termbase import TermEntry
from glossary.io.files import read_termbase
from paxterm.adding import AddedFile, copy_atomically, is_mixed, same_bytes
from paxterm.corpus import corpus_files, refused_links
from paxterm.embedding import make_embedder
from paxterm import locations
from paxterm.errors import BundledCorpusReadOnlyError, InvalidEditError, NotFoundError
from paxterm.progress import NoProgress, Progress
from paxterm.jobs import Executor
from paxterm.steps import (FailedDocument, ScanResult, align_pending, check_documents, no_french_error, note_aligner, note_model, scan_corpus,
                           update_terms, write_outputs)
from paxterm.store import (ConcordanceLink, HistoryRecord, LinkHistoryRecord, ProjectStore, Setting, StoredLink,
                           StoredTerm, TermChanges, file_hash, open_store)
from paxterm.summary import ProjectSummary, summarise
from paxterm.term_edits import REVIEW, existing_term, reviewer_status, term_change, term_values
from paxterm.term_merge import IMPORT, REVIEWED_FIELDS, IdNumbers, TermMerge, entry_key, merge_import


def _twin_in(folder: Path, source: Path) -> Path | None:
    """A file of `folder` with the bytes of `source` (under another name), if there is one."""
    if not folder.is_dir():
        return None
    size = source.stat().st_size
    for candidate in sorted(folder.iterdir()):
        if candidate.is_file() and candidate.stat().st_size == size and same_bytes(source, candidate):
            return candidate
    return None


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
    terms_left_out: int = 0  # candidates under the termhood threshold, kept in the store, not in the files
    min_termhood: float | None = DEFAULT_MIN_TERMHOOD  # the threshold of the term base files (None: all)
    aligner_changed: bool = False  # links of an older paxterm were made again
    terms_builder_changed: bool = False  # the term base of an older paxterm was built again

    @property
    def nothing_new(self) -> bool:
        return not self.scan.any_change and not self.aligned and self.terms is None


@dataclass(frozen=True)
class PairOverview:
    """One aligned document pair as the review app lists it."""

    id: int  # the French document's id
    fr_doc: str
    en_doc: str | None
    method: str | None
    links: int
    flagged: int


SearchOccurrence = Occurrence[ConcordanceLink]

# Contexts shown beside a term entry in the review app: enough to judge a
# translation, few enough that spaCy finds them at once.
TERM_CONTEXTS = 5


@dataclass(frozen=True)
class TermContext:
    """An aligned sentence pair holding a term entry, with where its French and English terms are."""

    link: ConcordanceLink
    fr_spans: tuple[Span, ...]
    en_spans: tuple[Span, ...]


class Project:
    """A corpus folder and its project store.

    The store opens on first use and stays open until close() (or the end of
    a `with` block). Calls from several threads (a web server's) take turns.
    """

    def __init__(self, corpus_dir: str | Path, store_path: str | Path | None = None, *,
                 lock_timeout: float | None = None) -> None:
        self.corpus_dir = Path(corpus_dir)
        self.store_path = locations.store_path(self.corpus_dir, Path(store_path) if store_path else None)
        self.lock_timeout = lock_timeout
        self._store: ProjectStore | None = None
        self._lock = threading.RLock()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    # --- opening -------------------------------------------------------------------------

    def _opened(self, *, create: bool) -> ProjectStore:
        if self._store is None:
            self._store = open_store(self.store_path, create=create, lock_timeout=self.lock_timeout)
        return self._store

    @contextmanager
    def _reading(self) -> Iterator[ProjectStore]:
        with self._lock:
            yield self._opened(create=False)

    @contextmanager
    def _writing(self, *, create: bool = False) -> Iterator[ProjectStore]:
        with self._lock:
            store = self._opened(create=create)
            with store.writer(self.lock_timeout):
                yield store

    # --- the main job --------------------------------------------------------------------

    def run(self, out_dir: str | Path, *, model: str | None = None, use_cache: bool = True, glossary: bool = True,
            reference: Path | None = None, progress: Progress = NoProgress(),
            embedder: Embedder | None = None, executor: Executor | None = None,
            follow_links: bool = False, min_termhood: float | None = DEFAULT_MIN_TERMHOOD) -> ProjectRun:
        """Bring the store up to date with the corpus folder and rewrite the outputs from it.

        The term base files hold the candidates of termhood >= `min_termhood`
        (None: all of them) and every entry a person decided on; the store
        keeps every candidate.

        `embedder` replaces the model named by `model` (tests and benchmarks pass a
        loaded one); either way it is wrapped in the store's embedding cache.
        `executor` runs the alignment and term-extraction jobs (in this process
        by default); Dask workers load `model` themselves, so they cannot take
        `embedder`. Documents whose job failed are in the result's `failed`.
        `follow_links` reads the files that links lead to outside the corpus
        folder; by default such links are listed as skipped.
        """
        if embedder is not None and executor is not None and not executor.in_process:
            raise ValueError("jobs on Dask workers load their model from its spec: pass model=, not embedder=")
        out_dir = Path(out_dir)
        if reference:
            read_termbase(reference)  # fail before the slow part
        files = corpus_files(self.corpus_dir, exclude=out_dir, follow_links=follow_links)
        refused = refused_links(self.corpus_dir, exclude=out_dir, follow_links=follow_links)
        if not files and not refused:
            raise no_french_error(self.corpus_dir)
        with self._writing(create=True) as store:
            scan = scan_corpus(store, self.corpus_dir, files, progress, refused)
            check_documents(store, self.corpus_dir)
            cached = make_embedder(model, use_cache=use_cache, store=store, inner=embedder)
            model_changed = note_model(store, cached.name)
            aligner_changed = note_aligner(store)
            store.settings.set(Setting.CORPUS, self.corpus_dir.name)
            realign = scan.any_change or model_changed or aligner_changed
            step = align_pending(store, self.corpus_dir, cached, corpus_changed=realign,
                                 executor=executor, model=model, use_cache=use_cache, progress=progress)
            terms = None
            if glossary:
                terms = update_terms(store, cached, corpus=self.corpus_dir.name, reference=reference,
                                     executor=executor, progress=progress)
            outputs, rewritten, left_out = write_outputs(store, out_dir, glossary, min_termhood)
            return ProjectRun(self.store_path, scan, step.aligned, cached.embedded_count,
                              terms.merge if terms else None, model_changed, summarise(store), outputs,
                              terms.extracted if terms else (), rewritten, step.failed, left_out, min_termhood,
                              aligner_changed, bool(terms and terms.builder_changed))

    def status(self) -> ProjectSummary:
        with self._reading() as store:
            return summarise(store)

    # --- adding documents and term bases ---------------------------------------------------

    def add(self, files: Sequence[Path], *, force: bool = False) -> tuple[AddedFile, ...]:
        """Copy documents into the corpus (fr/ or en/ by their language) and register them in the store.

        Every file is read and every destination checked before anything is
        copied: one bad file means nothing is copied.
        """
        corpus_dir = self.corpus_dir
        if corpus_dir.exists() and not corpus_dir.is_dir():
            raise InputFileError(f"{corpus_dir} is a file, not a corpus folder; give a folder with --to")
        if locations.is_bundled(corpus_dir):
            raise BundledCorpusReadOnlyError(f"{corpus_dir} is the bundled sample corpus, which paxterm never changes: "
                                             "add documents to your own corpus folder with --to FOLDER")
        plans: list[tuple[Path, Path, Document]] = []
        destinations: dict[Path, Path] = {}
        mixed = is_mixed(corpus_dir)
        for source in map(Path, files):
            if source.is_dir():
                raise InputFileError(f"{source} is a folder, not a document; give its files "
                                     f"(e.g. {source}/*); nothing was copied")
            if not source.is_file():
                raise InputFileError(f"{source}: no such file; nothing was copied")
            try:
                document = read_document(source)
            except PaxtermError as error:
                raise type(error)(f"{error}; nothing was copied") from None
            destination = (corpus_dir if mixed else corpus_dir / document.language) / source.name
            if not (destination.exists() and same_bytes(source, destination)):
                # The same document under another name is in the corpus already: a copy would stay unpaired.
                destination = _twin_in(destination.parent, source) or destination
            if destination in destinations:
                raise InputFileError(f"{source} and {destinations[destination]} would both be copied to "
                                     f"{destination}; rename one of them; nothing was copied")
            destinations[destination] = source
            if destination.exists() and not force and not same_bytes(source, destination):
                raise InputFileError(f"{destination} already exists with other content; rename {source.name} "
                                     "or pass --force to replace it; nothing was copied")
            plans.append((source, destination, document))
        added = []
        with self._writing(create=True) as store:
            for source, destination, document in plans:
                copied = not (destination.exists() and same_bytes(source, destination))
                if copied:
                    copy_atomically(source, destination)
                stat = destination.stat()
                relative = destination.relative_to(corpus_dir).as_posix()
                known = store.documents.by_path(relative)
                digest = file_hash(destination)
                if known is None or known.content_hash != digest:
                    store.documents.save(relative, document, content_hash=digest, size=stat.st_size,
                                         mtime_ns=stat.st_mtime_ns)
                elif (known.size, known.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
                    store.documents.touch(known.id, stat.st_size, stat.st_mtime_ns)
                added.append(AddedFile(source, destination, document.language, copied))
        return tuple(added)

    def import_termbase(self, reviewed: Path, *, force: bool = False) -> TermMerge:
        """Merge a reviewed term base file: statuses, corrected terms and added rows are kept.

        A file exported by paxterm carries the store's revision when it was
        written; a row a person changed in the file that would overwrite a
        decision taken since then is refused (StaleImportError, nothing
        imported) unless `force`, and a row left as exported keeps the newer
        decision. A file without a revision (another tool's) is imported as it is.
        """
        termbase = read_termbase(reviewed)
        with self._writing() as store:
            decided: dict[str, dict[str, str]] = {}
            if termbase.revision.isdigit():
                decided = store.terms.decided_after(int(termbase.revision), REVIEWED_FIELDS, (IMPORT, REVIEW))
            merge = merge_import(store.terms.all(), termbase, decided_since_export=decided, force=force)
            store.terms.save(merge, IMPORT)
        return merge

    # --- reading what is aligned -----------------------------------------------------------

    def search(self, term: str, *, language: str | None = None, limit: int | None = None) -> list[SearchOccurrence]:
        """Every occurrence of a term (any inflection) in the aligned sentences of bilingual pairs.

        `limit` stops at that many occurrences (the search reads the links lazily).
        """
        language = language or term_language(term)
        with self._reading() as store:
            found = search_segments(term, store.links.iter_links(SENTENCE, bilingual_only=True), language=language)
            return list(itertools.islice(found, limit))

    def term_contexts(self, entry_id: str, *, limit: int = TERM_CONTEXTS) -> list[TermContext]:
        """Aligned sentence pairs holding an entry's French term, with both terms' places in them."""
        with self._reading() as store:
            entry = existing_term(store, entry_id).entry
            found: dict[int, list[Span]] = {}
            links: dict[int, ConcordanceLink] = {}
            for occurrence in search_segments(entry.fr, store.links.iter_links(SENTENCE, bilingual_only=True),
                                              language="fr"):
                link = occurrence.segment
                if link.link_id not in found and len(found) == limit:
                    break
                links[link.link_id] = link
                found.setdefault(link.link_id, []).append(Span(occurrence.start, occurrence.end))
        english: list[tuple[Span, ...]] = [() for _ in links]
        if entry.en.strip() and links:
            english = list(find_spans(prepare_term(entry.en, "en"), [link.en for link in links.values()]))
        return [TermContext(link, tuple(found[link_id]), en_spans)
                for (link_id, link), en_spans in zip(links.items(), english)]

    def pairs(self) -> list[PairOverview]:
        with self._reading() as store:
            counts = store.links.counts_by_document(SENTENCE)
            return [PairOverview(pair.fr_document_id, pair.fr_doc, pair.en_doc, pair.method,
                                 *counts.get(pair.fr_document_id, (0, 0))) for pair in store.links.pairs()]

    def pair(self, pair_id: int) -> PairOverview:
        for overview in self.pairs():
            if overview.id == pair_id:
                return overview
        raise NotFoundError(f"no aligned document pair {pair_id} in this project")

    def links(self, pair_id: int, *, level: str = SENTENCE, offset: int = 0,
              limit: int | None = None) -> list[StoredLink]:
        with self._reading() as store:
            store.links.pair(pair_id)  # a NotFoundError for an unknown pair, not an empty list
            return store.links.of_document(pair_id, level, offset=offset, limit=limit)

    def link(self, link_id: int) -> StoredLink:
        with self._reading() as store:
            return store.links.get(link_id)

    def link_history(self, pair_id: int) -> list[LinkHistoryRecord]:
        """Every change made to a pair's links, oldest first: what it was, what it became, when."""
        with self._reading() as store:
            store.links.pair(pair_id)
            return store.links.history(pair_id)

    # --- review edits on links -----------------------------------------------------------

    def set_link_status(self, link_id: int, status: str, *, revision: int | None = None) -> StoredLink:
        with self._writing() as store:
            return store.links.set_status(link_id, status, revision=revision)

    def edit_link(self, link_id: int, *, fr: str | None = None, en: str | None = None,
                  revision: int | None = None) -> StoredLink:
        with self._writing() as store:
            return store.links.edit_text(link_id, fr=fr, en=en, revision=revision)

    def merge_link_with_next(self, link_id: int, *, revision: int | None = None) -> StoredLink:
        with self._writing() as store:
            return store.links.merge_with_next(link_id, revision=revision)

    def split_link(self, link_id: int, *, revision: int | None = None) -> list[StoredLink]:
        with self._writing() as store:
            return store.links.split(link_id, revision=revision)

    def mark_omission(self, link_id: int, *, revision: int | None = None) -> list[StoredLink]:
        with self._writing() as store:
            return store.links.mark_omission(link_id, revision=revision)

    # --- the term base -------------------------------------------------------------------

    def terms(self, *, status: str | None = None, query: str | None = None,
              label: str | None = None) -> list[StoredTerm]:
        """Entries in ranking order; `query` names either term or a variant, case and inflections aside.

        "droit de l'homme" finds "droits de l'homme" (glossary.match.lookup).
        """
        needle = (query or "").strip()
        with self._reading() as store:
            found = []
            for term in store.terms.all():
                entry = term.entry
                if (status and entry.status != status) or (label and entry.label != label):
                    continue
                if needle and not names(needle, (entry.fr, entry.en, *entry.fr_variants, *entry.en_variants)):
                    continue
                found.append(term)
            return found

    def term(self, entry_id: str) -> StoredTerm:
        with self._reading() as store:
            return existing_term(store, entry_id)

    def term_history(self, entry_id: str | None = None) -> list[tuple[str, str, str, str | None, str | None, str]]:
        """(entry id, time, field, old, new, origin) of every change, oldest first; one entry's if named."""
        with self._reading() as store:
            if entry_id is not None:
                existing_term(store, entry_id)
            return store.terms.history(entry_id)

    def update_term(self, entry_id: str, changes: Mapping[str, object], *,
                    revision: int | None = None) -> StoredTerm:
        """Set fields of one entry (a reviewer's edit): the entry is then protected from later runs."""
        values = term_values(changes)
        with self._writing() as store:
            change = term_change(store, entry_id, values, revision)
            if change is not None:
                store.terms.save(TermChanges((change[0],), (), change[1], 0, 1, 0), REVIEW)
            return existing_term(store, entry_id)

    def set_term_statuses(self, revisions: Mapping[str, int | None], status: str) -> list[StoredTerm]:
        """Give several entries one status (a bulk accept or reject): all of them, or none when one fails.

        `revisions` maps each entry id to the revision it was read at (None: no check).
        """
        values = term_values({"status": status})
        with self._writing() as store:
            writes, history = [], []
            for entry_id, revision in revisions.items():
                change = term_change(store, entry_id, values, revision)
                if change is not None:
                    writes.append(change[0])
                    history.extend(change[1])
            if writes:
                store.terms.save(TermChanges(tuple(writes), (), tuple(history), 0, len(writes),
                                             len(revisions) - len(writes)), REVIEW)
            return [existing_term(store, entry_id) for entry_id in revisions]

    def set_term_status(self, entry_id: str, status: str, *, revision: int | None = None) -> StoredTerm:
        return self.update_term(entry_id, {"status": status}, revision=revision)

    def add_term(self, fr: str, en: str = "", *, status: str = "validated", note: str = "") -> StoredTerm:
        """A term the reviewer adds by hand; it is kept by every later run."""
        if not fr.strip():
            raise InvalidEditError("a new term entry needs its French term")
        status = reviewer_status(status)
        with self._writing() as store:
            stored = store.terms.all()
            entry_id = IdNumbers(term.entry.id for term in stored).next()
            entry = TermEntry(id=entry_id, fr=fr.strip(), en=en.strip(), status=status, note=note)
            rank = max((term.rank for term in stored), default=-1) + 1
            new = StoredTerm(entry, entry_key(entry), True, rank)
            store.terms.save(TermChanges((new,), (), (HistoryRecord(entry_id, "entry", None,
                                                                   f"{entry.fr} / {entry.en} ({status})"),),
                                         1, 0, 0), REVIEW)
            return existing_term(store, entry_id)


