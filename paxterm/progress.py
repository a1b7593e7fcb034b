"""How long work reports its progress: a small protocol the CLI shows as bars and others ignore."""

from __future__ import annotations

from typing import Protocol

from glossary.progress import STAGE_LABELS


class Progress(Protocol):
    def start(self, label: str, total: int) -> None: ...
    def advance(self, detail: str = "") -> None: ...


class NoProgress:
    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, detail: str = "") -> None:
        pass


class TermBaseStages:
    """A term base build's stages (glossary.progress.BuildProgress) shown as steps of a Progress."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress

    def start(self, stage: str, total: int) -> None:
        self._progress.start(STAGE_LABELS.get(stage, stage).format(total=total), total)

    def advance(self, steps: int = 1) -> None:
        for _ in range(steps):
            self._progress.advance()
