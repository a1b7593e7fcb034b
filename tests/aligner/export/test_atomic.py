"""Faults while writing outputs: a full disk, and temporary files left by a killed writer.

The full disk is real: the writer runs in a child process whose file-size limit
(RLIMIT_FSIZE) makes every write past a few kilobytes fail, as a full disk does
(the run_with_full_disk fixture of tests/conftest.py).
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aligner.align.links import SENTENCE, DocumentAlignment, Link
from aligner.export import write_alignments
from aligner.export.atomic import remove_stale_temporaries

REPOSITORY = Path(__file__).resolve().parents[3]

ALIGNMENT = DocumentAlignment(
    fr_doc="fr.txt", en_doc="en.txt",
    sentence_links=(Link(SENTENCE, (0,), (0,), "La Mission a été déployée.", "The Mission was deployed.", 0.9),),
)

# Each writes an output much larger than FILE_SIZE_LIMIT over an existing file.
WRITES = {
    "tbx": "from glossary.termbase import TermBase, TermEntry\nfrom glossary.io.files import write_termbase\n"
           "entries = tuple(TermEntry(f'T{i:05d}', f'mission de paix {i}', f'peace mission {i}') for i in range(300))\n"
           "write_termbase(TermBase(entries), OUT / 'termbase.tbx')",
    "xlsx-termbase": "from glossary.termbase import TermBase, TermEntry\nfrom glossary.io.files import write_termbase\n"
                     "entries = tuple(TermEntry(f'T{i:05d}', f'mission {i}', f'mission {i}') for i in range(2000))\n"
                     "write_termbase(TermBase(entries), OUT / 'termbase.xlsx')",
    "tmx": "from aligner.align.links import SENTENCE, DocumentAlignment, Link\n"
           "from aligner.export import write_alignments\n"
           "links = tuple(Link(SENTENCE, (i,), (i,), 'Phrase française.' * 5, 'English sentence.' * 5, 0.9) for i in range(200))\n"
           "write_alignments([DocumentAlignment('fr.txt', 'en.txt', sentence_links=links)], OUT / 'alignments.tmx')",
}
TARGETS = {"tbx": "termbase.tbx", "xlsx-termbase": "termbase.xlsx", "tmx": "alignments.tmx"}


@pytest.mark.parametrize("output", sorted(WRITES))
def test_full_disk_is_a_one_line_error_and_the_old_file_stays(tmp_path: Path, output: str, run_with_full_disk) -> None:
    target = tmp_path / TARGETS[output]
    target.write_bytes(b"previous run")
    result = run_with_full_disk(WRITES[output], tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(f"Error: cannot write {target}: File too large")
    assert "; free some disk space" in result.stdout
    assert len(result.stdout.strip().splitlines()) == 1
    assert target.read_bytes() == b"previous run"
    assert [path.name for path in tmp_path.iterdir()] == [target.name]


def hold_lock(path: Path) -> int:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    # A writer killed with -9 in the middle of its write leaves its .part file behind.
    writer = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom pathlib import Path\nfrom aligner.export.atomic import atomic_path\n"
         "with atomic_path(Path(sys.argv[1])) as temporary:\n"
         "    temporary.write_bytes(b'half a workbook')\n    time.sleep(60)\n",
         str(tmp_path / "alignments.jsonl")],
        cwd=REPOSITORY, env={**os.environ, "PYTHONPATH": str(REPOSITORY)})
    deadline = time.monotonic() + 30
    # until the writer has locked its file and written into it
    while (not any(path.stat().st_size for path in tmp_path.glob(".alignments.jsonl.*.part"))
           and time.monotonic() < deadline):
        time.sleep(0.05)
    left = list(tmp_path.glob(".alignments.jsonl.*.part"))
    # While the writer lives, its file is in use and stays.
    assert remove_stale_temporaries(tmp_path) == []
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert len(left) == 1 and left[0].exists()
    write_alignments([ALIGNMENT], tmp_path / "alignments.jsonl")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["alignments.jsonl"]


def test_only_abandoned_temporaries_of_our_own_pattern_are_removed(tmp_path: Path) -> None:
    abandoned = tmp_path / ".termbase.tbx.0a1b2c3d.part"
    in_progress = tmp_path / ".alignments.xlsx.deadbeef.part"
    not_ours = [tmp_path / ".notes.part", tmp_path / "draft.part", tmp_path / ".termbase.tbx.backup.part"]
    for path in (abandoned, in_progress, *not_ours):
        path.write_text("x")
    descriptor = hold_lock(in_progress)  # another process still writing it
    try:
        assert remove_stale_temporaries(tmp_path) == [abandoned]
        assert in_progress.exists()
    finally:
        os.close(descriptor)
    assert all(path.exists() for path in not_ours)
    assert remove_stale_temporaries(tmp_path) == [in_progress]


def test_a_temporary_file_created_but_not_yet_locked_is_left_to_its_writer(tmp_path: Path) -> None:
    # A writer creates its .part file, then locks it: an empty file that new is in that gap, not abandoned.
    fresh = tmp_path / ".alignments.jsonl.0a1b2c3d.part"
    fresh.touch()
    assert remove_stale_temporaries(tmp_path) == []
    old = time.time() - 10
    os.utime(fresh, (old, old))  # the same empty file, long after: its writer was killed before writing
    assert remove_stale_temporaries(tmp_path) == [fresh]
