"""Hostile inputs and faults (issue 11): each case's outcome and the peak memory of its process.

Every case runs paxterm in a fresh child process (`python -m paxterm ...` as a
user would, or a few lines of Python for the library-level cases), and the
child's peak resident memory is read from os.wait4's rusage (ru_maxrss). A
case passes when it ends with exit 0 and the expected result, or exit 1 and
one `Error:` line, never a traceback, and loses nothing.

Inputs are built in a temporary folder: Word files cut short or inflating to
1 GB, lines of 2 and 4 MB without punctuation, unbalanced pairs, a read-only
bind mount, small tmpfs mounts for full disks (the mount cases need root;
they are reported as not run otherwise). Text comes from the UNPC dev set
(../shared/data/eval/unpc-en-fr, only read) and, for untranslated English,
from the English side of a TransRead novel.

The 48 MB pair (case 4b) would take 15 minutes of embedding on 2 cores, so it
runs the whole library pipeline (reading, segmentation, alignment, links) with
a stand-in embedder that returns UNPC-like vectors at once (each FR/EN line
pair shares a random vector, plus noise): the aligner's memory is measured,
USE's own is bounded by its token budget and by the 2,000-character cut of
long sentences (cases 3a-3b run it on those).

    .venv/bin/python benchmarks/bench_hostile.py [--big-mb 48] [--only 4b,7b] [--json out.json]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

REPOSITORY = Path(__file__).resolve().parent.parent
# ../shared/data/eval beside the checkout (/work/main), or beside the folder of worktrees (/work/wt/NAME).
EVAL = next((folder for folder in (REPOSITORY.parent / "shared" / "data" / "eval",
                                   REPOSITORY.parent.parent / "shared" / "data" / "eval") if folder.is_dir()),
            REPOSITORY.parent / "shared" / "data" / "eval")
UNPC = EVAL / "unpc-en-fr"
NOVELS = EVAL / "transread-en-fr"
PYTHON = sys.executable
MB = 1024 * 1024


@dataclass
class Outcome:
    case: str
    issue: int
    what: str
    expected: str
    result: str = ""
    passed: bool = False
    peak_mb: float = 0.0
    seconds: float = 0.0
    runs: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float

    @property
    def clean(self) -> bool:
        return "Traceback" not in self.stdout + self.stderr

    def error_line(self) -> str | None:
        """The one `Error:` line of a failed command, else None."""
        lines = [line for line in (self.stdout + self.stderr).strip().splitlines() if line.strip()]
        if self.returncode == 1 and len(lines) == 1 and lines[0].startswith("Error: ") and self.clean:
            return lines[0]
        return None


class Bench:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.env = {**os.environ, "PYTHONPATH": str(REPOSITORY),
                    "PAXTERM_CACHE_DIR": str(root / "cache"), "PAXTERM_DATA_DIR": str(root / "data")}
        self.outcomes: list[Outcome] = []

    def child(self, argv: list[str], *, limit_file_size: int | None = None, timeout: float = 1800) -> Run:
        """Run argv; its peak RSS from wait4 (this child only, not earlier ones)."""
        def prepare() -> None:
            if limit_file_size is not None:
                import resource
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

        out, err = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=self.root, env=self.env, stdout=out, stderr=err, text=True,
                                   preexec_fn=prepare)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return Run(process.returncode, out.read(), err.read(), usage.ru_maxrss / 1024, seconds)

    def paxterm(self, *arguments: str | Path, **options) -> Run:
        return self.child([PYTHON, "-m", "paxterm", *map(str, arguments)], **options)

    def python(self, code: str, *arguments: str | Path, **options) -> Run:
        return self.child([PYTHON, "-c", textwrap.dedent(code), *map(str, arguments)], **options)

    def record(self, outcome: Outcome, runs: list[Run], passed: bool, result: str) -> None:
        outcome.passed = passed
        outcome.result = result
        outcome.peak_mb = max((run.peak_mb for run in runs), default=0.0)
        outcome.seconds = sum(run.seconds for run in runs)
        outcome.runs = [{"returncode": run.returncode, "peak_mb": round(run.peak_mb), "seconds": round(run.seconds, 1),
                         "output": (run.stdout + run.stderr)[-600:]} for run in runs]
        self.outcomes.append(outcome)
        mark = "ok  " if passed else "FAIL"
        print(f"{mark} {outcome.case:4} peak {outcome.peak_mb:7.0f} MB {outcome.seconds:7.1f} s  {result[:150]}",
              flush=True)


# --- inputs -------------------------------------------------------------------------------------


def unpc_lines(language: str) -> list[str]:
    return (UNPC / f"UNv1.0.devset.{language}").read_text(encoding="utf-8").splitlines()


def novel_sentences(count: int) -> list[str]:
    """`count` English sentences no French text translates: the TransRead novels' English, cycled."""
    sys.path.insert(0, str(REPOSITORY))
    from aligner.segment import split_sentences

    sentences = [sentence for path in sorted(NOVELS.glob("*/en.txt"))
                 for line in path.read_text(encoding="utf-8").splitlines()
                 for sentence in split_sentences(line.strip(), "en") if len(sentence) > 20]
    return [sentences[index % len(sentences)] for index in range(count)]


def paragraphs(lines: list[str]) -> str:
    return "\n\n".join(lines) + "\n"


def small_corpus(folder: Path, lines: int = 120) -> Path:
    (folder / "fr").mkdir(parents=True)
    (folder / "en").mkdir()
    (folder / "fr" / "note.txt").write_text(paragraphs(unpc_lines("fr")[:lines]), encoding="utf-8")
    (folder / "en" / "note.txt").write_text(paragraphs(unpc_lines("en")[:lines]), encoding="utf-8")
    return folder


def word_file(path: Path, body_xml: Callable[[bytes], bytes] | None = None, *, paragraphs_text: list[str]) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs_text:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml" and body_xml is not None:
                data = body_xml(data)
            target.writestr(item, data)
    return path


def inflating_word_file(path: Path, xml_bytes: int, *, text_per_paragraph: str, markup_runs: int) -> Path:
    """A Word file whose document.xml is xml_bytes long, streamed into the zip (never held whole)."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as source:
        original = source.read("word/document.xml").decode()
        parts = {item.filename: source.read(item.filename) for item in source.infolist()}
    head = original.split("<w:body>")[0] + "<w:body>"
    tail = "</w:body></w:document>"
    # Runs of formatting with little text: Word's XML is mostly markup.
    run = '<w:r><w:rPr><w:b/><w:i/><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve"> </w:t></w:r>'
    paragraph = (f"<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>{run * markup_runs}"
                 f"<w:r><w:t>{escape(text_per_paragraph)}</w:t></w:r></w:p>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            if name != "word/document.xml":
                target.writestr(name, data)
        with target.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(head.encode())
            written = len(head)
            chunk = paragraph * max(1, MB // len(paragraph))
            while written + len(chunk) + len(tail) <= xml_bytes:
                stream.write(chunk)
                written += len(chunk)
            while written + len(paragraph) + len(tail) <= xml_bytes:
                stream.write(paragraph)
                written += len(paragraph)
            stream.write(tail.encode())
    return path


def unpunctuated_line(lines: list[str], size: int) -> str:
    words = re.sub(r"[.!?…;:]", " ", " ".join(lines)).split()
    text, out, length = words, [], 0
    while length < size:
        for word in text:
            out.append(word)
            length += len(word) + 1
            if length >= size:
                break
    return " ".join(out)


# --- the cases ----------------------------------------------------------------------------------

CUT_SHORT = "is not a readable Word document (XMLSyntaxError)"


def case_1(bench: Bench) -> None:
    folder = bench.root / "case1"
    corpus = small_corpus(folder / "corpus")
    cut = word_file(corpus / "en" / "cut-short.docx", lambda xml: xml[:len(xml) // 2],
                    paragraphs_text=unpc_lines("en")[:30])
    outcome = Outcome("1a", 1, "Word file with document.xml cut short (valid zip, "
                      f"{cut.stat().st_size / 1024:.1f} KB): `align`",
                      "one Error line")
    align = bench.paxterm("align", corpus / "fr" / "note.txt", cut, "-o", folder / "out.jsonl")
    line = align.error_line()
    bench.record(outcome, [align], bool(line and CUT_SHORT in line), line or align.stdout[-200:])

    outcome = Outcome("1b", 1, "the same file inside a corpus: `run`", "exit 0, listed under Skipped, rest aligned")
    run = bench.paxterm("run", corpus, "-o", folder / "out", "--no-glossary")
    skipped = [line for line in run.stdout.splitlines() if "cut-short.docx" in line]
    passed = run.returncode == 0 and run.clean and bool(skipped) and CUT_SHORT in skipped[0] \
        and "Paired: 1" in run.stdout
    bench.record(outcome, [run], passed, "Skipped: " + (skipped[0].strip() if skipped else run.stdout[-200:]))


def case_2(bench: Bench) -> None:
    folder = bench.root / "case2"
    folder.mkdir()
    en = folder / "en.txt"
    en.write_text(paragraphs(unpc_lines("en")[:50]), encoding="utf-8")
    bomb = inflating_word_file(folder / "bomb.docx", 1024 * MB, text_per_paragraph="Le Conseil.", markup_runs=4)
    outcome = Outcome("2a", 2, f"Word file of {bomb.stat().st_size / MB:.1f} MB whose document.xml inflates to "
                      "1 GB: `align`", "one Error line, refused before parsing")
    run = bench.paxterm("align", bomb, en, "-o", folder / "out.jsonl")
    line = run.error_line()
    bench.record(outcome, [run], bool(line and "unpacks to" in line and "over the 64 MB limit" in line),
                 line or run.stdout[-200:])

    limit = inflating_word_file(folder / "at-limit.docx", 63 * MB,
                                text_per_paragraph=" ".join(unpc_lines("fr")[:2]), markup_runs=12)
    outcome = Outcome("2b", 2, f"Word file at the limit: {limit.stat().st_size / MB:.1f} MB zip, 63 MB of XML "
                      "(about 15 MB of text): read it", "read whole, under 2 GB")
    run = bench.python("""
        import sys
        from pathlib import Path
        from aligner.read.document import read_document
        document = read_document(Path(sys.argv[1]), expected_language="fr")
        print(len(document.paragraphs), sum(len(p.text) for p in document.paragraphs))
    """, limit)
    counts = run.stdout.split()
    passed = run.returncode == 0 and run.clean and len(counts) == 2
    bench.record(outcome, [run], passed,
                 f"{int(counts[0]):,} paragraphs, {int(counts[1]) / MB:.1f} MB of text" if passed else run.stderr[-300:])


def case_3(bench: Bench) -> None:
    folder = bench.root / "case3"
    folder.mkdir()
    fr, en = unpc_lines("fr"), unpc_lines("en")
    fr_line, en_line = folder / "fr-line.txt", folder / "en-line.txt"
    fr_line.write_text(unpunctuated_line(fr, 2 * MB) + "\n", encoding="utf-8")
    en_line.write_text(unpunctuated_line(en, 2 * MB) + "\n", encoding="utf-8")
    outcome = Outcome("3a", 3, "one 2 MB line without punctuation on each side: `align`",
                      "aligned in pieces flagged long_sentence_cut, under 2 GB")
    out = folder / "lines.jsonl"
    run = bench.paxterm("align", fr_line, en_line, "-o", out)
    bench.record(outcome, [run], *_cut_result(run, out))

    fr_big = folder / "fr-4mb.txt"
    fr_big.write_text(unpunctuated_line(fr, 4 * MB) + "\n", encoding="utf-8")
    en_normal = folder / "en-normal.txt"
    en_normal.write_text(paragraphs(en[:400]), encoding="utf-8")
    outcome = Outcome("3b", 3, "a 4 MB French line against a normal English file (400 sentences): `align`",
                      "aligned in pieces, under 2 GB")
    out = folder / "big.jsonl"
    run = bench.paxterm("align", fr_big, en_normal, "-o", out)
    bench.record(outcome, [run], *_cut_result(run, out))


def _cut_result(run: Run, out: Path) -> tuple[bool, str]:
    if run.returncode != 0 or not run.clean or not out.is_file():
        return False, (run.stdout + run.stderr)[-300:]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    cut = sum(1 for record in records if "long_sentence_cut" in record["flags"])
    longest = max(max(len(record["fr"]), len(record["en"])) for record in records)
    return cut > 0, f"{len(records):,} links, {cut:,} flagged long_sentence_cut, longest side {longest:,} chars"


def case_4a(bench: Bench) -> None:
    folder = bench.root / "case4a"
    folder.mkdir()
    fr, en = unpc_lines("fr"), unpc_lines("en")
    extra = novel_sentences(10_000)
    count = len(fr)
    fr_file, en_file = folder / "fr.txt", folder / "en.txt"
    fr_file.write_text(paragraphs(fr), encoding="utf-8")
    half = count // 2
    en_file.write_text(paragraphs(en[:half] + extra + en[half:]), encoding="utf-8")
    outcome = Outcome("4a", 4, f"unbalanced pair: {count:,} French paragraphs (UNPC dev lines) against "
                      f"{count + len(extra):,} English ({len(extra):,} untranslated novel sentences in one block): "
                      "`align --level paragraph`, USE", "aligned, under 2 GB")
    out = folder / "out.jsonl"
    run = bench.paxterm("align", fr_file, en_file, "-o", out, "--level", "paragraph")
    if run.returncode == 0 and out.is_file():
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        line_of = {text: number for number, text in enumerate(fr)}
        right = sum(1 for r in records if r["fr"] in line_of and r["en"] == en[line_of[r["fr"]]])
        bench.record(outcome, [run], run.clean,
                     f"{len(records):,} links; {right:,} of {count:,} French lines linked to exactly their "
                     "English line")
    else:
        bench.record(outcome, [run], False, (run.stdout + run.stderr)[-300:])


STAND_IN_ALIGNMENT = """
    import hashlib, resource, sys, time
    from pathlib import Path
    import numpy as np
    from aligner.align.pipeline import align_documents
    from aligner.read.document import read_document

    class StandIn:
        # UNPC line k in French and in English share base vector k; other texts get their own.
        name = "stand-in"
        def __init__(self, fr_lines, en_lines):
            self.key = {}
            for k, (a, b) in enumerate(zip(fr_lines, en_lines)):
                self.key.setdefault(a.strip(), k); self.key.setdefault(b.strip(), k)
            rng = np.random.default_rng(0)
            self.base = rng.standard_normal((len(fr_lines) + 4096, 512)).astype(np.float32)
        def encode(self, texts):
            out = np.empty((len(texts), 512), dtype=np.float32)
            for row, text in enumerate(texts):
                k = self.key.get(text)
                if k is None:
                    k = len(self.key) % 4096 + int.from_bytes(hashlib.blake2b(text.encode(), digest_size=4).digest()) % 4096
                    k = len(self.base) - 1 - k % 4096
                out[row] = self.base[k]
            out += 0.3 * np.random.default_rng(len(texts)).standard_normal(out.shape, dtype=np.float32)
            out /= np.linalg.norm(out, axis=1, keepdims=True)
            return out

    unpc = Path(sys.argv[3])
    embedder = StandIn((unpc / "UNv1.0.devset.fr").read_text().splitlines(),
                       (unpc / "UNv1.0.devset.en").read_text().splitlines())
    started = time.perf_counter()
    fr = read_document(Path(sys.argv[1]), expected_language="fr")
    en = read_document(Path(sys.argv[2]), expected_language="en")
    alignment = align_documents(fr, en, embedder)
    links = alignment.sentence_links
    print(len(fr.paragraphs), len(en.paragraphs), len(links), sum(1 for l in links if l.fr_index and l.en_index),
          round(time.perf_counter() - started, 1))
"""


def case_4b(bench: Bench, size_mb: float) -> None:
    folder = bench.root / "case4b"
    folder.mkdir()
    fr, en = unpc_lines("fr"), unpc_lines("en")
    extra_count = int(40_000 * size_mb / 48)
    extra = novel_sentences(extra_count)
    # The UNPC lines, cycled to size_mb of French (each line a paragraph), and their English
    # with the untranslated sentences in one block in the middle.
    per_line = sum(len(line.encode()) + 2 for line in fr) / len(fr)
    count = int(size_mb * MB / per_line)
    fr_text = [fr[index % len(fr)] for index in range(count)]
    en_lines = [en[index % len(en)] for index in range(count)]
    en_text = en_lines[:count // 2] + extra + en_lines[count // 2:]
    fr_file, en_file = folder / "fr.txt", folder / "en.txt"
    fr_file.write_text(paragraphs(fr_text), encoding="utf-8")
    en_file.write_text(paragraphs(en_text), encoding="utf-8")
    outcome = Outcome("4b", 4, f"unbalanced long pair: {fr_file.stat().st_size / MB:.1f} MB French against "
                      f"{en_file.stat().st_size / MB:.1f} MB English ({extra_count:,} extra English sentences in "
                      "one block): read, segment, align (stand-in embedder)", "aligned, under 2 GB")
    run = bench.python(STAND_IN_ALIGNMENT, fr_file, en_file, UNPC)
    values = run.stdout.split()
    passed = run.returncode == 0 and run.clean and len(values) == 5
    bench.record(outcome, [run], passed,
                 f"{int(values[0]):,} / {int(values[1]):,} paragraphs, {int(values[2]):,} sentence links "
                 f"({int(values[3]):,} with both sides)" if passed else (run.stdout + run.stderr)[-300:])


FIRST_RUNS = """
    import multiprocessing, sys, tempfile, time
    from pathlib import Path
    from paxterm.store.connection import open_database

    def opener(path, delay, barrier, results):
        barrier.wait(); time.sleep(delay)
        try:
            open_database(path).close(); results.put("ok")
        except Exception as error:
            results.put(f"{type(error).__name__}: {error}")

    context = multiprocessing.get_context("fork")
    failed = 0
    backups = 0
    trials = int(sys.argv[1])
    for trial in range(trials):
        path = Path(tempfile.mkdtemp()) / ".paxterm" / "paxterm.db"
        barrier, results = context.Barrier(4), context.Queue()
        openers = [context.Process(target=opener, args=(path, 0.005 * ((index + trial) % 4), barrier, results))
                   for index in range(4)]
        for p in openers: p.start()
        for p in openers: p.join()
        outcomes = [results.get() for _ in openers]
        failed += any(o != "ok" for o in outcomes)
        backups += len(list(path.parent.glob("*.bak-*")))
    print(failed, trials, backups)
"""


def case_5(bench: Bench) -> None:
    outcome = Outcome("5", 5, "first runs at once on a new store: 4 processes, 5 ms apart, 20 tries",
                      "every opener finds one healthy store, no backup")
    run = bench.python(FIRST_RUNS, 20)
    values = run.stdout.split()
    passed = run.returncode == 0 and len(values) == 3 and values[0] == "0" and values[2] == "0"
    bench.record(outcome, [run], passed,
                 f"{values[0]} of {values[1]} tries failed, {values[2]} backups" if len(values) == 3 else run.stderr[-300:])


def mount(*arguments: str) -> bool:
    return subprocess.run(["mount", *arguments], capture_output=True).returncode == 0


def case_6(bench: Bench, project: Path) -> None:
    share = bench.root / "case6"
    shutil.copytree(project, share / "corpus")
    corpus = share / "corpus"
    reviewed = bench.root / "reviewed.csv"
    reviewed.write_text("id,fr,en,status\nT90001,casque bleu,blue helmet,validated\n", encoding="utf-8")
    if os.geteuid() != 0 or not mount("--bind", str(share), str(share)):
        bench.record(Outcome("6", 6, "store on a read-only file system", "-"), [], False, "not run: needs root to mount")
        return
    try:
        if not mount("-o", "remount,bind,ro", str(share)):
            bench.record(Outcome("6", 6, "store on a read-only file system", "-"), [], False, "not run: remount ro")
            return
        term = unpc_lines("fr")[0].split()[1]
        checks = [
            ("6a", ["status", corpus], lambda run: run.returncode == 0 and "Documents: 1 French" in run.stdout),
            ("6b", ["search", term, corpus], lambda run: run.returncode == 0 and run.clean),
            ("6c", ["run", corpus, "-o", bench.root / "case6-out", "--no-glossary"],
             lambda run: bool(run.error_line() and "read-only" in run.stdout + run.stderr)),
            ("6d", ["termbase", "import", reviewed, corpus],
             lambda run: bool(run.error_line() and "read-only" in run.stdout + run.stderr)),
        ]
        for name, arguments, judge in checks:
            outcome = Outcome(name, 6, f"read-only file system: `{arguments[0]}`",
                              "works" if name in ("6a", "6b") else "one Error line saying read-only and --store")
            run = bench.paxterm(*arguments)
            text = (run.stdout + run.stderr).strip().splitlines()
            bench.record(outcome, [run], run.clean and judge(run), text[0] if text else "")
    finally:
        subprocess.run(["umount", str(share)])


def case_7(bench: Bench, project: Path) -> None:
    if os.geteuid() != 0:
        bench.record(Outcome("7", 7, "disk full", "-"), [], False, "not run: needs root to mount a small tmpfs")
        return
    # 7a: the store on a full disk. A copy of the project's store on a tmpfs just large enough for it.
    corpus = bench.root / "case7" / "corpus"
    shutil.copytree(project, corpus)
    store = corpus / ".paxterm" / "paxterm.db"
    disk = bench.root / "case7" / "disk"
    disk.mkdir()
    size = store.stat().st_size + 16 * MB  # room for the new documents once the filler goes
    mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk))
    try:
        shutil.copy(store, disk / "paxterm.db")
        (corpus / "fr" / "second.txt").write_text(paragraphs(unpc_lines("fr")[500:900]), encoding="utf-8")
        (corpus / "en" / "second.txt").write_text(paragraphs(unpc_lines("en")[500:900]), encoding="utf-8")
        filler = disk / "filler"
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=4096"], capture_output=True)
        runs = [bench.paxterm("run", corpus, "--store", disk / "paxterm.db", "-o", bench.root / "case7-out",
                              "--no-glossary") for _ in range(2)]
        lines = [run.error_line() for run in runs]
        filler.unlink()
        done = bench.paxterm("run", corpus, "--store", disk / "paxterm.db", "-o", bench.root / "case7-out",
                             "--no-glossary")
        passed = all(line and "the disk is full" in line and "rollback" not in line for line in lines) \
            and done.returncode == 0 and "Documents: 2 French, 2 English" in done.stdout
        outcome = Outcome("7a", 7, "full disk under --store: `run` twice, then again with space",
                          "one Error line each try (no 'cannot rollback'), then a complete run")
        bench.record(outcome, [*runs, done], passed, lines[0] or (runs[0].stdout + runs[0].stderr)[-200:])
    finally:
        subprocess.run(["umount", str(disk)])

    # 7b: the output folder on a full disk: the outputs of one run are all new or all old.
    out = bench.root / "case7" / "out"
    out.mkdir()
    mount("-t", "tmpfs", "-o", "size=32m", "tmpfs", str(out))
    try:
        first = bench.paxterm("run", corpus, "-o", out)
        before = {path.name: path.read_bytes() for path in out.iterdir()}
        (corpus / "fr" / "third.txt").write_text(paragraphs(unpc_lines("fr")[1000:1100]), encoding="utf-8")
        (corpus / "en" / "third.txt").write_text(paragraphs(unpc_lines("en")[1000:1100]), encoding="utf-8")
        free = shutil.disk_usage(out).free
        (out / ".filler").write_bytes(b"\0" * max(0, free - 120 * 1024))
        full = bench.paxterm("run", corpus, "-o", out)
        (out / ".filler").unlink()
        after = {path.name: path.read_bytes() for path in out.iterdir()}
        line = full.error_line()
        passed = first.returncode == 0 and bool(line) and after == before
        outcome = Outcome("7b", 7, "full disk in the output folder (7 outputs of a previous run there)",
                          "one Error line; the 7 old outputs untouched, nothing else left")
        bench.record(outcome, [first, full], passed,
                     (line or (full.stdout + full.stderr)[-200:]) + f" | files after: {len(after)}, "
                     f"unchanged: {after == before}")
    finally:
        subprocess.run(["umount", str(out)])


def case_8(bench: Bench, project: Path) -> None:
    import sqlite3

    for name, change, command in [("8a", "ALTER TABLE documents DROP COLUMN symbol", "run"),
                                  ("8b", "DROP TABLE term_history", "status")]:
        corpus = bench.root / f"case{name}" / "corpus"
        shutil.copytree(project, corpus)
        with sqlite3.connect(corpus / ".paxterm" / "paxterm.db") as connection:
            connection.execute(change)
        arguments = ["run", corpus, "-o", corpus.parent / "out"] if command == "run" else ["status", corpus]
        run = bench.paxterm(*arguments)
        line = run.error_line()
        bench.record(Outcome(name, 8, f"schema changed by hand ({change}): `{command}`", "one Error line naming it"),
                     [run], bool(line and "changed by hand" in line), line or (run.stdout + run.stderr)[-200:])

    corpus = bench.root / "case8c" / "corpus"
    shutil.copytree(project, corpus)
    store = corpus / ".paxterm" / "paxterm.db"
    store.write_bytes(b"SQLite format 3\x00" + os.urandom(256 * 1024))
    runs = [bench.paxterm("status", corpus) for _ in range(3)]
    backups = list(store.parent.glob("paxterm.db.bak-*"))
    passed = all(run.error_line() for run in runs) and len(backups) == 1
    bench.record(Outcome("8c", 8, "garbage store, `status` tried 3 times", "one Error line each, one backup"),
                 runs, passed, f"{len(backups)} backup(s); {runs[0].error_line() or runs[0].stdout[-200:]}")


def case_9(bench: Bench, project: Path) -> None:
    corpus = bench.root / "case9" / "corpus"
    shutil.copytree(project, corpus)
    out = bench.root / "case9" / "out"
    # A run killed with -9 while it writes its outputs (its staging folder exists)...
    process = subprocess.Popen([PYTHON, "-m", "paxterm", "run", str(corpus), "-o", str(out)], env=bench.env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and process.poll() is None:
        if out.is_dir() and any(entry.name.endswith((".staging", ".part")) for entry in out.iterdir()):
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    left = sorted(entry.name for entry in out.iterdir() if entry.name.startswith(".")) if out.is_dir() else []
    # ... and the next run.
    run = bench.paxterm("run", corpus, "-o", out)
    after = sorted(entry.name for entry in out.iterdir() if entry.name.startswith("."))
    passed = bool(left) and not after and run.returncode == 0
    bench.record(Outcome("9", 9, "kill -9 while the outputs are written, then `run` again",
                         "the next run removes the temporary files"),
                 [run], passed, f"left by the killed run: {left or 'nothing (killed too early/late)'}; after: {after}")


def case_10(bench: Bench, project: Path) -> None:
    corpus = bench.root / "case10" / "corpus"
    shutil.copytree(project, corpus)
    secret = bench.root / "case10" / "private.txt"
    secret.write_text(paragraphs(unpc_lines("fr")[2000:2050]), encoding="utf-8")
    (corpus / "fr" / "outside.txt").symlink_to(secret)
    (corpus / "en" / "dangling.txt").symlink_to(corpus / "en" / "gone.txt")
    run = bench.paxterm("run", corpus, "-o", corpus.parent / "out", "--no-glossary")
    skipped = [line.strip() for line in run.stdout.splitlines() if "outside.txt" in line or "dangling.txt" in line]
    passed = run.returncode == 0 and run.clean and len(skipped) == 2 \
        and "outside the corpus folder" in " ".join(skipped) and "broken link" in " ".join(skipped)
    bench.record(Outcome("10", 10, "a link to a file outside the corpus and a broken link: `run`",
                         "both listed under Skipped with the reason"),
                 [run], passed, " | ".join(skipped) or run.stdout[-200:])


def case_11(bench: Bench, project: Path) -> None:
    from openpyxl import Workbook

    corpus = bench.root / "case11" / "corpus"
    shutil.copytree(project, corpus)
    workbook = Workbook()
    workbook.active.title = "Terms"
    workbook.active.append(["id", "French", "English", "Status"])
    workbook.active.append(["T90001", "casque bleu", "blue helmet", "validated"])
    workbook.active.append(["T90002", '=A1&"x"', "peacekeeping", "validated"])
    reviewed = corpus.parent / "reviewed.xlsx"
    workbook.save(reviewed)
    run = bench.paxterm("termbase", "import", reviewed, corpus)
    line = run.error_line()
    bench.record(Outcome("11", 11, "reviewed workbook with a formula cell never computed: `termbase import`",
                         "one Error line naming the row"),
                 [run], bool(line and "row 3" in line), line or (run.stdout + run.stderr)[-200:])


CASES = ("1a", "1b", "2a", "2b", "3a", "3b", "4a", "4b", "5", "6", "7", "8", "9", "10", "11")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big-mb", type=float, default=48.0, help="size of each side of case 4b")
    parser.add_argument("--only", help="comma-separated case numbers (1, 2, 3, 4a, 4b, 5, ..., 11)")
    parser.add_argument("--json", type=Path, help="write the outcomes here")
    arguments = parser.parse_args()
    only = set(arguments.only.split(",")) if arguments.only else None

    def wanted(name: str) -> bool:
        return only is None or name in only

    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as folder:
        bench = Bench(Path(folder))
        project = None
        if any(wanted(name) for name in ("6", "7", "8", "9", "10", "11")):
            project = small_corpus(bench.root / "project" / "corpus")
            made = bench.paxterm("run", project, "-o", bench.root / "project" / "out")
            if made.returncode != 0:
                raise SystemExit(f"could not set up the project: {made.stdout}{made.stderr}")
        if wanted("1"):
            case_1(bench)
        if wanted("2"):
            case_2(bench)
        if wanted("3"):
            case_3(bench)
        if wanted("4a"):
            case_4a(bench)
        if wanted("4b"):
            case_4b(bench, arguments.big_mb)
        if wanted("5"):
            case_5(bench)
        for name, case in (("6", case_6), ("7", case_7), ("8", case_8), ("9", case_9), ("10", case_10),
                           ("11", case_11)):
            if wanted(name):
                case(bench, project)
        print()
        print("| case | issue item | input | expected | result | peak RSS | time |")
        print("|---|---|---|---|---|---|---|")
        for outcome in bench.outcomes:
            result = outcome.result.replace("|", "/").replace(folder, "TMP")
            print(f"| {outcome.case} | {outcome.issue} | {outcome.what} | {outcome.expected} | "
                  f"{'pass' if outcome.passed else 'FAIL'}: {result} | {outcome.peak_mb:,.0f} MB | "
                  f"{outcome.seconds:.1f} s |")
        if arguments.json:
            arguments.json.write_text(json.dumps([outcome.__dict__ for outcome in bench.outcomes], indent=1,
                                                 ensure_ascii=False).replace(folder, "TMP"))


if __name__ == "__main__":
    main()
