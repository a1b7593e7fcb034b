"""How a term base build reports its progress, without knowing who shows it.

The CLI shows bars on a terminal and nothing in a pipe; the library only
calls these methods. Stages run in order: "extracting" (one step per aligned
text read by the French or English tagger, counting only the documents whose
candidates are not stored already) then "pairing" (one step: ranking the
candidates, pairing them across the languages and writing up the entries).
A build whose documents are all stored skips "extracting".
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

EXTRACTING = "extracting"
PAIRING = "pairing"
# How a display may name each stage ({total}: the stage's steps).
STAGE_LABELS = {EXTRACTING: "Finding terms in {total} texts", PAIRING: "Pairing terms"}


@runtime_checkable
class BuildProgress(Protocol):
    """Receives the stages of one term base build and the steps done in each."""

    def start(self, stage: str, total: int) -> None:
        """A stage begins; `total` steps will follow."""
        ...

    def advance(self, steps: int = 1) -> None:
        """`steps` more steps of the current stage are done."""
        ...


class NoBuildProgress:
    """Hears nothing: the default of a build nobody watches."""

    def start(self, stage: str, total: int) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass
