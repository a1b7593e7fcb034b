"""Fixtures shared by the whole test suite."""

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.embed import Embedder, load_embedder

REPOSITORY = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """paxterm's data folder (the bundled corpus's store): a fresh temporary one per test, never the user's."""
    folder = tmp_path_factory.mktemp("paxterm-data")
    monkeypatch.setenv("PAXTERM_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def use_embedder() -> Embedder:
    """The bundled multilingual USE, loaded once: loading and warming it is the slow part."""
    return load_embedder()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The bundled sample corpus (fr/ and en/ subfolders)."""
    return REPOSITORY / "corpus"


# Small enough that the outputs the tests write overflow it, large enough for Python to start.
FILE_SIZE_LIMIT = 2048


@pytest.fixture()
def run_with_full_disk():
    """Run Python code (OUT is a folder) in a child whose writes fail past a few KB, as on a full disk.

    RLIMIT_FSIZE makes a write past the limit fail (EFBIG) instead of killing the
    child when SIGXFSZ is ignored. A PaxtermError is printed as `Error: ...`, exit 1.
    """

    def run(code: str, folder: Path) -> subprocess.CompletedProcess[str]:
        def limit_file_size() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))

        script = (
            "import sys\nfrom pathlib import Path\nfrom aligner.errors import PaxtermError\n"
            f"OUT = Path({str(folder)!r})\n"
            "try:\n" + "".join(f"    {line}\n" for line in code.splitlines())
            + "except PaxtermError as error:\n    print('Error:', error)\n    sys.exit(1)\n"
        )
        return subprocess.run([sys.executable, "-c", script], cwd=REPOSITORY, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPOSITORY)}, preexec_fn=limit_file_size,
                              timeout=120)

    return run
