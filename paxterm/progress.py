"""How long work reports its progress: a small protocol the CLI shows as bars and others ignore."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def start(self, label: str, total: int) -> None: ...
    def advance(self, detail: str = "") -> None: ...


class NoProgress:
    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, detail: str = "") -> None:
        pass
