"""Terminal plumbing shared by the commands: error exits and progress bars.

Diagnostics and progress go to stderr; data and summaries to stdout.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from aligner.align.progress import ALIGNING, EMBEDDING
from aligner.errors import PaxtermError

stderr = Console(stderr=True)


def counted(number: int, noun: str) -> str:
    """"1 document", "2 documents": a count and its noun (the noun's last word takes the -s)."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the project's errors into a one-line 'Error: ...' and exit code 1."""
    try:
        yield
    except PaxtermError as error:
        typer.echo(f"Error: {error}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted: nothing half-written was left behind.", err=True)
        raise typer.Exit(130) from None


class RichProgress:
    """Progress bars on a terminal; silent when stderr is a pipe or a file."""

    def __init__(self) -> None:
        self._enabled = stderr.is_terminal
        self._progress: Progress | None = None
        self._task = None

    def __enter__(self) -> RichProgress:
        if self._enabled:
            self._progress = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[detail]}"), TimeElapsedColumn(),
                console=stderr, transient=True,
            )
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress:
            self._progress.stop()

    def start(self, label: str, total: int) -> None:
        if self._progress:
            self._task = self._progress.add_task(label, total=total, detail="")

    def advance(self, detail: str = "") -> None:
        if self._progress and self._task is not None:
            self._progress.update(self._task, advance=1, detail=detail)


class RichAlignProgress(RichProgress):
    """The stages inside one alignment (aligner.align.progress.AlignProgress) as bars on a terminal.

    Notes (over-long sentences cut, say) go to stderr in pipes too: they are
    about the result, not about the waiting.
    """

    LABELS = {EMBEDDING: "Embedding {total} sentences", ALIGNING: "Aligning"}

    def start(self, label: str, total: int) -> None:  # type: ignore[override]
        if self._progress:
            if self._task is not None:
                self._progress.update(self._task, visible=False)
            description = self.LABELS.get(label, label).format(total=total)
            self._task = self._progress.add_task(description, total=total, detail="")

    def advance(self, steps: int = 1) -> None:  # type: ignore[override]
        if self._progress and self._task is not None:
            self._progress.update(self._task, advance=steps)

    def note(self, message: str) -> None:
        stderr.print(f"Note: {message}", markup=False, highlight=False)
