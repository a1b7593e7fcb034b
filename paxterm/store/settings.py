"""The project's settings: a few named values (the model, the corpus, generation counters)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from paxterm.store.connection import Database


class Setting(str, Enum):
    CORPUS = "corpus"  # the corpus folder of the last run
    MODEL = "model"  # the embedding model the links were made with
    ALIGNER = "aligner"  # the aligner version the links were made with
    ALIGNMENT_GENERATION = "alignment_generation"  # raised by every change to pairs or links
    TERMS_GENERATION = "terms_generation"  # the alignment generation the term base was built from
    TERMS_REFERENCE = "terms_reference"  # the reference term base (path:hash) it was built with
    TERMS_OPTIONS = "terms_options"  # the build options it was built with
    TERMS_DECISIONS = "terms_decisions"  # a digest of the review decisions it was ranked with
    TERMS_RANKING = "terms_ranking"  # how its termhood was estimated (glossary.rank.review)
    TERMS_BUILDER = "terms_builder"  # the version of the code it was built by (glossary.build.builder_version)


class SettingsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: Setting, default: str | None = None) -> str | None:
        return self._get(key.value, default)

    def set(self, key: Setting, value: str) -> None:
        with self._db.transaction():
            self._set(key.value, value)

    def alignment_generation(self) -> int:
        """A counter raised by every change to pairs or links, so the term base knows it is stale."""
        return int(self.get(Setting.ALIGNMENT_GENERATION, "0") or 0)

    def bump_alignment_generation(self) -> None:
        """Call inside the transaction that changed pairs or links."""
        self._set(Setting.ALIGNMENT_GENERATION.value, str(self.alignment_generation() + 1))

    def output_signature(self, out_dir: Path) -> str | None:
        """What the output files in `out_dir` were last written from."""
        return self._get(f"outputs:{out_dir.resolve()}")

    def set_output_signature(self, out_dir: Path, signature: str) -> None:
        with self._db.transaction():
            self._set(f"outputs:{out_dir.resolve()}", signature)

    def _get(self, key: str, default: str | None = None) -> str | None:
        row = self._db.execute("SELECT value FROM project WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def _set(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO project (key, value) VALUES (?, ?)", (key, value))
