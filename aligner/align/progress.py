"""How a long alignment reports its progress, without knowing who shows it.

The CLI shows a progress bar on a terminal and nothing in a pipe; the library
only calls these methods. Stages run in order: "embedding" (one step per
sentence embedded) then "aligning" (one step per group of linked paragraphs,
a single step for a pre-segmented bitext).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

EMBEDDING = "embedding"
ALIGNING = "aligning"


@runtime_checkable
class AlignProgress(Protocol):
    """Receives the stages of one alignment and the steps done in each."""

    def start(self, stage: str, total: int) -> None:
        """A stage begins; `total` steps will follow."""
        ...

    def advance(self, steps: int = 1) -> None:
        """`steps` more steps of the current stage are done."""
        ...

    def note(self, message: str) -> None:
        """Something the user should know about this alignment (one line, no trailing period)."""
        ...
