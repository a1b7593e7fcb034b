"""The README's main job from an installed wheel: `pip install .` (not editable), then
`paxterm run` from an empty folder works and writes nothing into the environment.

The wheel is built from a copy of the sources (no build/ or egg-info left in the checkout,
no stale build/ files in the wheel), installed with `pip install --target` into a temporary
folder, and run as `python -m paxterm run --no-glossary` with that folder first on the path.

--no-glossary: the term base stage finds nothing through paxterm/locations.py and makes the
run several times slower (measured here, 2 shared cores: 18-46 s with it, 4-15 s without);
that the wheel holds the glossary's own files is checked by
test_the_wheel_carries_every_file_of_the_packages, its behaviour by test_cli.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paxterm.locations import BUNDLED_STORE_FOLDER, DATA_DIR_VARIABLE, INSTALLED_CORPUS_FOLDER
from paxterm.outputs import ALIGNMENT_OUTPUTS
from paxterm.store import STORE_NAME

REPOSITORY = Path(__file__).resolve().parents[2]
# What the wheel is built from; everything else in the checkout is not packaged.
PACKAGES = ("aligner", "glossary", "paxterm")
SOURCES = ("pyproject.toml", "setup.py", "README.md", *PACKAGES, "corpus")
NOT_SOURCES = shutil.ignore_patterns("__pycache__", "*.pyc", ".paxterm", "*.egg-info")
# Building and installing takes a few seconds; the run aligns the real bundled corpus.
STEP_TIMEOUT_SECONDS = 600


def call(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=STEP_TIMEOUT_SECONDS)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under a folder with its size and modification time."""
    return {path.relative_to(folder).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns)
            for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """paxterm installed from its wheel into a folder of its own."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    for name in SOURCES:
        origin = REPOSITORY / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=NOT_SOURCES)
        else:
            source.mkdir(exist_ok=True)
            shutil.copy2(origin, source / name)
    call(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", base / "dist", source, cwd=base)
    (wheel,) = (base / "dist").glob("paxterm-*.whl")
    call(sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", base / "site", wheel, cwd=base)
    return base / "site"


def test_the_wheel_carries_the_bundled_corpus(site):
    corpus = site / "paxterm" / INSTALLED_CORPUS_FOLDER
    expected = sorted(path.relative_to(REPOSITORY / "corpus").as_posix()
                      for path in (REPOSITORY / "corpus").rglob("*")
                      if path.is_file() and ".paxterm" not in path.parts)
    assert sorted(path.relative_to(corpus).as_posix() for path in corpus.rglob("*") if path.is_file()) == expected


def test_the_wheel_carries_every_file_of_the_packages(site):
    # Templates, scripts or models a module reads at run time must be declared as package data.
    for package in PACKAGES:
        sources = {path.relative_to(REPOSITORY).as_posix() for path in (REPOSITORY / package).rglob("*")
                   if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}
        installed = {path.relative_to(site).as_posix() for path in (site / package).rglob("*")
                     if path.is_file() and "__pycache__" not in path.parts}
        assert sources - installed == set()


def test_paxterm_run_from_an_empty_folder_writes_nothing_into_the_environment(site, tmp_path):
    empty, data, cache = tmp_path / "empty", tmp_path / "data", tmp_path / "cache"
    empty.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), DATA_DIR_VARIABLE: str(data), "PAXTERM_CACHE_DIR": str(cache),
           # Byte-code caches are the interpreter's business, not paxterm's: a read-only
           # site-packages gets none either. Everything else written there would be paxterm's.
           "PYTHONDONTWRITEBYTECODE": "1"}
    where = call(sys.executable, "-c", "import json, aligner, glossary, paxterm; "
                 "print(json.dumps([m.__file__ for m in (aligner, glossary, paxterm)]))", cwd=empty, env=env)
    assert all(Path(path).is_relative_to(site) for path in json.loads(where.stdout)), where.stdout
    before = snapshot(site)

    result = call(sys.executable, "-m", "paxterm", "run", "--no-glossary", cwd=empty, env=env)

    assert "Paired: 2" in result.stdout, result.stdout
    output = empty / "paxterm-output"
    assert sorted(path.name for path in output.iterdir()) == sorted(ALIGNMENT_OUTPUTS)
    records = (output / "alignments.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(record)["fr_doc"] for record in records} == {path.name for path in
                                                                    (REPOSITORY / "corpus" / "fr").iterdir()}
    assert [path.name for path in empty.iterdir()] == ["paxterm-output"]
    assert (data / BUNDLED_STORE_FOLDER / STORE_NAME).is_file()
    assert snapshot(site) == before
