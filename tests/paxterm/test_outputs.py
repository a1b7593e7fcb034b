"""The outputs of a run are written all or none: a full disk leaves the previous run's files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from aligner.align.links import SENTENCE, DocumentAlignment, Link
from aligner.export import write_alignments
from aligner.export.atomic import remove_stale_temporaries

REPOSITORY = Path(__file__).resolve().parents[2]
ALIGNMENT = DocumentAlignment(
    fr_doc="fr.txt", en_doc="en.txt",
    sentence_links=(Link(SENTENCE, (0,), (0,), "La Mission a été déployée.", "The Mission was deployed.", 0.9),),
)


# --- several outputs of one run: all new or all old ------------------------------------

OUTPUT_NAMES = ("alignments.xlsx", "alignments.tmx", "alignments.jsonl", "report.html",
                "termbase.xlsx", "termbase.csv", "termbase.tbx")

RUN_OUTPUTS = (
    "from aligner.align.links import SENTENCE, DocumentAlignment, Link\n"
    "from glossary.termbase import TermBase, TermEntry\n"
    "from paxterm.outputs import write_run_outputs\n"
    "links = tuple(Link(SENTENCE, (i,), (i,), 'Phrase française.' * 5, 'English sentence.' * 5, 0.9) for i in range(60))\n"
    "terms = TermBase(tuple(TermEntry(f'T{i:05d}', f'mission {i}', f'mission {i}') for i in range(60)))\n"
    "write_run_outputs([DocumentAlignment('fr.txt', 'en.txt', sentence_links=links)], terms, OUT)"
)


def test_a_full_disk_in_the_middle_of_a_run_leaves_every_previous_output(tmp_path: Path, run_with_full_disk) -> None:
    # The small files (the JSONL, the CSV) fit under the limit, the workbooks do not:
    # without staging, some outputs would be new and others old.
    for name in OUTPUT_NAMES:
        (tmp_path / name).write_text(f"previous {name}")
    result = run_with_full_disk(RUN_OUTPUTS, tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.startswith("Error: cannot write ")
    assert "the old files are untouched" in result.stdout
    assert {path.name: path.read_text() for path in tmp_path.iterdir()} == {
        name: f"previous {name}" for name in OUTPUT_NAMES
    }


def test_run_outputs_replace_the_previous_ones_together(tmp_path: Path) -> None:
    from aligner.align.links import SENTENCE as LEVEL
    from glossary.termbase import TermBase, TermEntry
    from paxterm.outputs import write_run_outputs

    for name in OUTPUT_NAMES:
        (tmp_path / name).write_text("previous")
    written = write_run_outputs([ALIGNMENT], TermBase((TermEntry("T00001", "mission", "mission"),)), tmp_path)
    assert [path.name for path in written] == list(OUTPUT_NAMES)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(OUTPUT_NAMES)
    assert all(path.read_bytes() != b"previous" for path in written)
    assert LEVEL in (tmp_path / "alignments.jsonl").read_text()


def test_a_killed_runs_staging_folder_is_removed_by_the_next_write(tmp_path: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom pathlib import Path\nfrom aligner.export.atomic import staged_outputs\n"
         "with staged_outputs(Path(sys.argv[1])) as stage:\n"
         "    stage('alignments.xlsx').write_bytes(b'half a workbook')\n    time.sleep(60)\n",
         str(tmp_path)],
        cwd=REPOSITORY, env={**os.environ, "PYTHONPATH": str(REPOSITORY)})
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".paxterm-*.staging/alignments.xlsx")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert remove_stale_temporaries(tmp_path) == []  # in use while the writer lives
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    [staging] = tmp_path.glob(".paxterm-*.staging")
    write_alignments([ALIGNMENT], tmp_path / "alignments.jsonl")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["alignments.jsonl"]
    assert not staging.exists()


def test_a_staging_folder_left_without_its_lock_is_stale(tmp_path: Path) -> None:
    # Killed between making the folder and creating its lock file.
    staging = tmp_path / ".paxterm-0badc0de.staging"
    staging.mkdir()
    (staging / "alignments.xlsx").write_bytes(b"half")
    assert remove_stale_temporaries(tmp_path) == [staging]
