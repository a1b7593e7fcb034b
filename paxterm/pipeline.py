"""The stages of the main job: embedder, pairing and alignment of a corpus, output files.

Plain functions that paxterm.project (the incremental run over the project
store) and the benchmarks call; progress is reported through a small protocol
so the CLI can show bars on a terminal and stay quiet in pipes.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from aligner.align.pipeline import align_documents, french_only
from aligner.embed import CachedEmbedder, Embedder, EmbeddingCache, load_embedder
from aligner.export import OutputWriteError, write_alignments
from aligner.align.links import PARAGRAPH, SENTENCE, DocumentAlignment
from aligner.pairing import Pairing, pair_documents
from glossary.termbase import TermBase, write_termbase
from paxterm.corpus import Corpus
from paxterm.store import ProjectStore
from paxterm.store_embeddings import StoreEmbeddingCache

ALIGNMENT_OUTPUTS = ("alignments.xlsx", "alignments.tmx", "alignments.jsonl", "report.html")
TERMBASE_OUTPUTS = ("termbase.xlsx", "termbase.csv", "termbase.tbx")


class Progress(Protocol):
    def start(self, label: str, total: int) -> None: ...
    def advance(self, detail: str = "") -> None: ...


class NoProgress:
    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, detail: str = "") -> None:
        pass


def cache_path() -> Path:
    """Where embeddings are cached: $PAXTERM_CACHE_DIR, else the user's cache folder."""
    base = os.environ.get("PAXTERM_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    if not os.environ.get("PAXTERM_CACHE_DIR"):
        root = root / "paxterm"
    return root / "embeddings.sqlite"


def make_embedder(model: str | None, *, use_cache: bool = True, store: ProjectStore | None = None,
                  inner: Embedder | None = None) -> CachedEmbedder:
    """The embedder a --model option names (or `inner`), wrapped in the on-disk cache.

    With a project store, vectors are kept in the store (so a project carries
    its own) over the user's shared cache, which use_cache=False leaves out.
    """
    inner = inner if inner is not None else load_embedder(model)
    shared = None
    if use_cache:
        try:
            shared = EmbeddingCache(cache_path())
        except (OSError, sqlite3.Error):  # a read-only home or a damaged cache file: work without it
            shared = None
    if store is not None:
        return CachedEmbedder(inner, StoreEmbeddingCache(store, fallback=shared))
    return CachedEmbedder(inner, shared)


def align_corpus(corpus: Corpus, embedder: Embedder, progress: Progress = NoProgress()
                 ) -> tuple[Pairing, tuple[DocumentAlignment, ...]]:
    """Pair a corpus's documents and align every pair; unpaired French texts come out French-only."""
    pairing = pair_documents(corpus.french, corpus.english, embedder)
    progress.start("Aligning", len(pairing.pairs) + len(pairing.unpaired_fr))
    alignments: list[DocumentAlignment] = []
    for pair in pairing.pairs:
        alignments.append(align_documents(pair.fr, pair.en, embedder))
        progress.advance(pair.fr.name)
    for document in pairing.unpaired_fr:
        alignments.append(french_only(document))
        progress.advance(document.name)
    alignments.sort(key=lambda a: a.fr_doc)
    return pairing, tuple(alignments)


def write_alignment_outputs(alignments: Sequence[DocumentAlignment], out_dir: Path) -> tuple[Path, ...]:
    """The four alignment files of a run: sentence links for review, both levels in JSONL."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputWriteError(f"cannot create the folder {out_dir}: {error.strerror}; give another -o folder") from None
    written = []
    for name in ALIGNMENT_OUTPUTS:
        levels = (PARAGRAPH, SENTENCE) if name.endswith(".jsonl") else (SENTENCE,)
        written.append(write_alignments(alignments, out_dir / name, levels=levels))
    return tuple(written)


def write_termbase_outputs(termbase: TermBase, out_dir: Path) -> tuple[Path, ...]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return tuple(write_termbase(termbase, out_dir / name) for name in TERMBASE_OUTPUTS)
