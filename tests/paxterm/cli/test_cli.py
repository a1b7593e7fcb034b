"""The command line, driven through Typer's runner: `paxterm run` and `paxterm align`.

Every run uses the real bundled embedder, so the expensive runs happen once per
module (module-scoped fixtures) and several tests read their outputs. The
embedding cache lives in a temporary folder: no test touches ~/.cache.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from lxml import etree, html
from typer.testing import CliRunner

from aligner.align.pipeline import segment_document
from aligner.export import SUPPORTED_SUFFIXES
from aligner.read.document import read_document
from glossary.rank.termhood import DEFAULT_MIN_TERMHOOD
from paxterm.cli import app
from paxterm.locations import bundled_corpus
from paxterm.outputs import ALIGNMENT_OUTPUTS, TERMBASE_OUTPUTS
from tests.termbase_rows import read_rows

BUNDLED_CORPUS = bundled_corpus()

RUN_OUTPUTS = ALIGNMENT_OUTPUTS + TERMBASE_OUTPUTS

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("private_cache")

PERU_FR = BUNDLED_CORPUS / "fr" / "peru-letter-2019-triangular-cooperation.md"
PERU_EN = BUNDLED_CORPUS / "en" / "S-2019-triangular-cooperation-debate-summary.txt"
BERLIN_FR = BUNDLED_CORPUS / "fr" / "berlin-ministerial-2025-chair-summary.txt"
BERLIN_EN = BUNDLED_CORPUS / "en" / "A-79-923-S-2025-341.txt"

# A pre-segmented bitext: line i of one file translates line i of the other.
FRENCH_LINES = [
    "Le Conseil de sécurité s'est réuni le 10 juillet 2019 pour débattre des opérations de maintien de la paix.",
    "Les pays fournisseurs de contingents ont demandé une meilleure formation avant le déploiement.",
    "La coopération triangulaire associe le Secrétariat, le Conseil et ces pays.",
    "La séance a été levée à 18 heures.",
]
ENGLISH_LINES = [
    "The Security Council met on 10 July 2019 to discuss peacekeeping operations.",
    "Troop-contributing countries called for better training before deployment.",
    "Triangular cooperation brings together the Secretariat, the Council and those countries.",
    "The meeting rose at 6 p.m.",
]


def invoke(args: list[str | Path], cache_dir: Path):
    """Run paxterm in-process with the embedding cache under cache_dir."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PAXTERM_CACHE_DIR", str(cache_dir))
        return runner.invoke(app, [str(arg) for arg in args])


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def french_sentence_count(path: Path) -> int:
    return len(segment_document(read_document(path, expected_language="fr")).sentences)


def assert_each_index_once(records: list[dict], count: int) -> None:
    """The French indices of a document's links cover 0..count-1, each exactly once."""
    indices = [i for record in records for i in record["fr_index"]]
    assert sorted(indices) == list(range(count))


@pytest.fixture(scope="module")
def line_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("lines")
    fr, en = folder / "fr.txt", folder / "en.txt"
    fr.write_text("\n".join(FRENCH_LINES) + "\n", encoding="utf-8")
    en.write_text("\n".join(ENGLISH_LINES) + "\n", encoding="utf-8")
    return fr, en


# --- paxterm run on a copy of the bundled corpus ------------------------------------------


@pytest.fixture(scope="module")
def bundled_run(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path):
    corpus = tmp_path_factory.mktemp("run") / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    out = corpus.parent / "out"
    result = invoke(["run", corpus, "-o", out], cache_dir)
    return result, out


def test_run_succeeds_quietly_and_writes_alignments_and_termbase(bundled_run):
    result, out = bundled_run
    assert result.exit_code == 0, result.output
    # Progress bars only on a terminal: the runner's stderr is a pipe.
    assert result.stderr == ""
    assert sorted(path.name for path in out.iterdir()) == sorted(RUN_OUTPUTS)
    assert all((out / name).stat().st_size > 0 for name in RUN_OUTPUTS)


def test_run_writes_its_embedding_cache_where_paxterm_cache_dir_says(bundled_run, cache_dir):
    assert (cache_dir / "embeddings.sqlite").is_file()


def test_run_summary_names_each_pair_and_how_it_was_found(bundled_run):
    result, out = bundled_run
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "Documents: 2 French, 2 English",
        "Paired: 2",
        f"  {BERLIN_FR.name} <-> {BERLIN_EN.name} (by symbol)",
        f"  {PERU_FR.name} <-> {PERU_EN.name} (by content)",
        "French without an English original: 0",
    ]
    assert "Skipped" not in result.stdout
    assert lines[-2] == f"Written to {out}: " + ", ".join(RUN_OUTPUTS)
    assert lines[-1].startswith("Left out of the term base files: ") and lines[-1].endswith(
        f" candidates of termhood under {DEFAULT_MIN_TERMHOOD:g} (write them with --all, or lower --min-termhood)")


def test_the_term_base_files_hold_the_candidates_above_the_threshold_and_all_does_the_rest(bundled_run, cache_dir):
    result, out = bundled_run
    left_out = int(result.stdout.splitlines()[-1].removeprefix("Left out of the term base files: ").split()[0])
    default_rows = read_rows(out / "termbase.csv")
    assert left_out > 0 and all(float(row["termhood"]) >= DEFAULT_MIN_TERMHOOD for row in default_rows)
    corpus = out.parent / "corpus"
    everything = invoke(["run", corpus, "-o", out, "--all"], cache_dir)
    assert everything.exit_code == 0, everything.output
    assert "Left out" not in everything.stdout
    all_rows = read_rows(out / "termbase.csv")
    assert len(all_rows) == len(default_rows) + left_out
    assert any(float(row["termhood"]) < 0.2 for row in all_rows)
    stricter = invoke(["run", corpus, "-o", out, "--min-termhood", "0.6"], cache_dir)
    assert stricter.exit_code == 0, stricter.output
    assert all(float(row["termhood"]) >= 0.6 for row in read_rows(out / "termbase.csv"))
    invoke(["run", corpus, "-o", out], cache_dir)  # back to the default, for the tests after this one


def test_run_summary_counts_match_the_jsonl(bundled_run):
    result, out = bundled_run
    sentences = [r for r in read_jsonl(out / "alignments.jsonl") if r["level"] == "sentence"]
    flagged = sum(1 for r in sentences if r["flags"])
    assert f"Sentence links: {len(sentences)} ({flagged} flagged for review)" in result.stdout.splitlines()


def test_run_jsonl_holds_both_levels_for_both_pairs(bundled_run):
    _, out = bundled_run
    records = read_jsonl(out / "alignments.jsonl")
    assert set(records[0]) == {"fr_doc", "en_doc", "level", "fr_index", "en_index", "fr", "en", "score", "flags", "status"}
    by_pair_and_level = Counter((r["fr_doc"], r["en_doc"], r["level"]) for r in records)
    for fr, en in ((BERLIN_FR, BERLIN_EN), (PERU_FR, PERU_EN)):
        for level in ("paragraph", "sentence"):
            assert by_pair_and_level[(fr.name, en.name, level)] > 0
    assert all(0.0 <= r["score"] <= 1.0 for r in records)


@pytest.mark.parametrize("french", [BERLIN_FR, PERU_FR], ids=["berlin", "peru"])
def test_run_jsonl_has_every_french_sentence_exactly_once(bundled_run, french):
    _, out = bundled_run
    sentences = [r for r in read_jsonl(out / "alignments.jsonl")
                 if r["level"] == "sentence" and r["fr_doc"] == french.name]
    assert_each_index_once(sentences, french_sentence_count(french))


def test_run_xlsx_has_a_summary_sheet_then_one_sheet_per_pair(bundled_run):
    _, out = bundled_run
    workbook = openpyxl.load_workbook(out / "alignments.xlsx")
    assert workbook.sheetnames[0] == "Summary"
    assert len(workbook.sheetnames) == 3
    summary = workbook["Summary"]
    summary_rows = list(summary.iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in summary_rows} == {BERLIN_FR.name, PERU_FR.name}
    sentences = [r for r in read_jsonl(out / "alignments.jsonl") if r["level"] == "sentence"]
    for sheet_name in workbook.sheetnames[1:]:
        sheet = workbook[sheet_name]
        assert [cell.value for cell in sheet[1]] == ["#", "French", "English", "Score", "Flags", "Status"]
        # Sheet names are cut to Excel's 31 characters: find the pair by prefix.
        fr_doc = next(name for name in (BERLIN_FR.name, PERU_FR.name) if name.startswith(sheet.title))
        assert sheet.max_row - 1 == sum(1 for r in sentences if r["fr_doc"] == fr_doc)


def test_run_tmx_is_english_source_with_translation_units(bundled_run):
    _, out = bundled_run
    tree = etree.parse(str(out / "alignments.tmx"))
    assert tree.getroot().tag == "tmx"
    assert tree.find("header").get("srclang") == "en"
    units = tree.findall("body/tu")
    assert len(units) > 0
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for unit in units[:10]:
        assert sorted(tuv.get(xml_lang) for tuv in unit.findall("tuv")) == ["en", "fr"]
        assert all(seg.text for seg in unit.findall("tuv/seg"))


def test_run_html_report_has_one_coloured_row_per_sentence_link(bundled_run):
    _, out = bundled_run
    page = html.parse(str(out / "report.html")).getroot()
    headings = [h.text_content() for h in page.iter("h2")]
    assert any(BERLIN_FR.name in h and BERLIN_EN.name in h for h in headings)
    assert any(PERU_FR.name in h and PERU_EN.name in h for h in headings)
    rows = page.xpath("//tr[contains(' high medium low ', concat(' ', @class, ' '))]")
    sentences = [r for r in read_jsonl(out / "alignments.jsonl") if r["level"] == "sentence"]
    assert len(rows) == len(sentences)


# --- paxterm align -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def peru_sentences(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path):
    out = tmp_path_factory.mktemp("align") / "peru.jsonl"
    return invoke(["align", PERU_FR, PERU_EN, "-o", out], cache_dir), out


def test_align_writes_sentence_links_by_default(peru_sentences):
    result, out = peru_sentences
    assert result.exit_code == 0, result.output
    records = read_jsonl(out)
    assert {r["level"] for r in records} == {"sentence"}
    assert {(r["fr_doc"], r["en_doc"]) for r in records} == {(PERU_FR.name, PERU_EN.name)}
    assert_each_index_once(records, french_sentence_count(PERU_FR))
    flagged = sum(1 for r in records if r["flags"])
    assert result.stdout.strip() == f"{len(records)} sentence links ({flagged} flagged) -> {out}"


def test_align_matches_the_translated_sentences(peru_sentences):
    _, out = peru_sentences
    pairs = {(r["fr"], r["en"]) for r in read_jsonl(out)}
    assert ("Conseil de sécurité", "Security Council") in pairs


def test_align_level_paragraph_writes_paragraph_links(tmp_path, cache_dir):
    out = tmp_path / "peru.jsonl"
    result = invoke(["align", PERU_FR, PERU_EN, "-o", out, "--level", "paragraph"], cache_dir)
    assert result.exit_code == 0, result.output
    records = read_jsonl(out)
    assert {r["level"] for r in records} == {"paragraph"}
    paragraphs = len(read_document(PERU_FR, expected_language="fr").paragraphs)
    assert_each_index_once(records, paragraphs)
    assert "paragraph links" in result.stdout


def test_align_split_lines_indices_are_line_numbers(line_files, tmp_path, cache_dir):
    fr, en = line_files
    out = tmp_path / "lines.jsonl"
    result = invoke(["align", fr, en, "-o", out, "--split", "lines"], cache_dir)
    assert result.exit_code == 0, result.output
    records = read_jsonl(out)
    assert [(r["fr_index"], r["en_index"]) for r in records] == [([i], [i]) for i in range(len(FRENCH_LINES))]
    assert [(r["fr"], r["en"]) for r in records] == list(zip(FRENCH_LINES, ENGLISH_LINES))


def read_back(path: Path) -> list[tuple[str, str]]:
    """(French, English) pairs from an output file of any format."""
    suffix = path.suffix
    if suffix == ".jsonl":
        return [(r["fr"], r["en"]) for r in read_jsonl(path)]
    if suffix == ".tsv":
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        return [(row["fr"], row["en"]) for row in rows]
    if suffix == ".tmx":
        xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
        units = etree.parse(str(path)).findall("body/tu")
        return [tuple(unit.find(f"tuv[@{xml_lang}='{lang}']/seg").text for lang in ("fr", "en"))
                for unit in units]
    if suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path).worksheets[-1]
        return [(row[1], row[2]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    if suffix == ".html":
        page = html.parse(str(path)).getroot()
        return [(row.xpath("td[@lang='fr']")[0].text_content(), row.xpath("td[@lang='en']")[0].text_content())
                for row in page.xpath("//tr[td[@lang='fr']]")]
    raise AssertionError(f"no reader for {suffix}")


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
def test_align_writes_the_format_its_suffix_names(suffix, line_files, tmp_path, cache_dir):
    fr, en = line_files
    out = tmp_path / f"pair{suffix}"
    result = invoke(["align", fr, en, "-o", out, "--split", "lines"], cache_dir)
    assert result.exit_code == 0, result.output
    assert read_back(out) == list(zip(FRENCH_LINES, ENGLISH_LINES))
    assert [path.name for path in tmp_path.iterdir()] == [out.name]


# --- errors: one line, exit code 1, no traceback, no output --------------------------------


def write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BINARY = bytes(range(256)) * 40


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("missing_fr", "no-such-file.txt"),
        ("empty_fr", "empty.txt"),
        ("binary_fr", "binary.txt"),
        ("garbage_pdf", "garbage.pdf"),
    ],
)
def test_align_refuses_bad_input_in_one_line(case, expected, line_files, tmp_path, cache_dir):
    fr, en = line_files
    if case == "missing_fr":
        fr = tmp_path / "no-such-file.txt"
    elif case == "empty_fr":
        fr = write_bytes(tmp_path / "empty.txt", b"")
    elif case == "binary_fr":
        fr = write_bytes(tmp_path / "binary.txt", BINARY)
    elif case == "garbage_pdf":
        fr = write_bytes(tmp_path / "garbage.pdf", b"%PDF-1.4\n" + BINARY)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = invoke(["align", fr, en, "-o", out_dir / "pair.xlsx"], cache_dir)
    assert_one_line_error(result, expected)
    assert list(out_dir.iterdir()) == []


def test_align_names_the_french_file_when_languages_are_swapped(line_files, tmp_path, cache_dir):
    fr, en = line_files
    result = invoke(["align", en, fr, "-o", tmp_path / "pair.jsonl", "--split", "lines"], cache_dir)
    assert_one_line_error(result, str(en))
    assert "swap" in result.stderr


@pytest.mark.parametrize(("option", "value"), [("--level", "word"), ("--split", "words")])
def test_a_wrong_choice_is_a_usage_error_naming_the_choices(option, value, tmp_path):
    result = runner.invoke(app, ["align", str(tmp_path / "fr.txt"), str(tmp_path / "en.txt"),
                                 "-o", str(tmp_path / "pair.jsonl"), option, value])
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.output and f"'{value}'" in result.output
    assert not (tmp_path / "pair.jsonl").exists()


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["-o", "{out}/pair.docx"], "'.docx'"),
        (["-o", "{out}/pair"], "no suffix"),
    ],
    ids=["unknown-suffix", "no-suffix"],
)
def test_align_checks_options_before_reading_anything(options, expected, tmp_path, cache_dir):
    # The inputs do not exist: the option's error coming first proves it is
    # checked before any reading or embedding.
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    args = ["align", tmp_path / "fr.txt", tmp_path / "en.txt",
            *[option.format(out=out_dir) for option in options]]
    result = invoke(args, tmp_path / "own-cache")
    assert_one_line_error(result, expected)
    assert list(out_dir.iterdir()) == []
    assert not (tmp_path / "own-cache").exists()


@pytest.mark.parametrize(
    ("model", "expected"),
    [("st:/no/such/model", "'/no/such/model'"), ("foo", "unknown model 'foo'")],
)
def test_align_refuses_a_model_it_cannot_load(model, expected, line_files, tmp_path, cache_dir):
    fr, en = line_files
    out = tmp_path / "pair.jsonl"
    result = invoke(["align", fr, en, "-o", out, "--split", "lines", "--model", model], cache_dir)
    assert_one_line_error(result, expected)
    assert not out.exists()


@pytest.mark.parametrize("folder", ["missing", "empty"])
def test_run_refuses_a_corpus_folder_without_documents(folder, tmp_path, cache_dir):
    corpus = tmp_path / "corpus"
    if folder == "empty":
        corpus.mkdir()
    out = tmp_path / "out"
    result = invoke(["run", corpus, "-o", out], cache_dir)
    assert_one_line_error(result, str(corpus))
    assert not out.exists()


def assert_one_line_error(result, expected: str) -> None:
    """Exit code 1 via typer.Exit, one 'Error:' line on stderr naming `expected`, no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert expected in lines[0]
    assert result.stdout == ""


# --- known bugs (see the report of the commit that added these) ----------------------------


def test_run_refuses_an_output_path_that_is_a_file(line_files, tmp_path, cache_dir):
    fr, en = line_files
    corpus = tmp_path / "corpus"
    (corpus / "fr").mkdir(parents=True)
    (corpus / "en").mkdir()
    shutil.copy(fr, corpus / "fr")
    shutil.copy(en, corpus / "en")
    out = tmp_path / "results"
    out.write_text("not a folder\n", encoding="utf-8")
    result = invoke(["run", corpus, "-o", out], cache_dir)
    assert_one_line_error(result, str(out))
    assert out.read_text(encoding="utf-8") == "not a folder\n"


def test_align_works_past_a_corrupt_embedding_cache(line_files, tmp_path):
    fr, en = line_files
    broken_cache = tmp_path / "cache"
    broken_cache.mkdir()
    (broken_cache / "embeddings.sqlite").write_bytes(b"this is not a database\n" * 10)
    out = tmp_path / "pair.jsonl"
    result = invoke(["align", fr, en, "-o", out, "--split", "lines"], broken_cache)
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output
    assert len(read_jsonl(out)) == len(FRENCH_LINES)


def test_no_output_file_carries_a_local_path_of_this_machine(bundled_run):
    import zipfile

    _, out = bundled_run
    local = str(out.parent).encode()  # the folder holding the corpus and the outputs
    for path in out.iterdir():
        raw = path.read_bytes()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                raw = b"".join(archive.read(name) for name in archive.namelist())
        assert local not in raw, path.name


def test_the_term_base_workbook_is_dated_and_stamped_with_the_store_revision(bundled_run):
    from datetime import datetime, timezone

    from openpyxl import load_workbook

    _, out = bundled_run
    about = {row[0]: row[1] for row in load_workbook(out / "termbase.xlsx")["About"].iter_rows(values_only=True)
             if row and len(row) > 1}
    created = datetime.strptime(about["Created"], "%Y-%m-%d").replace(tzinfo=timezone.utc)
    assert abs((datetime.now(timezone.utc) - created).days) <= 1  # the day of the run (midnight aside)
    assert str(about["Revision"]).isdigit() and about["Corpus"] == "corpus"


# --- progress inside one long pair ------------------------------------------------------------


def test_align_shows_its_stages_on_a_terminal(line_files, tmp_path, cache_dir, monkeypatch):
    from io import StringIO

    from rich.console import Console

    import paxterm.cli.console as console

    screen = StringIO()
    monkeypatch.setattr(console, "stderr", Console(file=screen, force_terminal=True, width=100))
    fr, en = line_files
    result = invoke(["align", fr, en, "-o", tmp_path / "lines.jsonl", "--split", "lines"], cache_dir / "fresh")
    assert result.exit_code == 0, result.output
    drawn = screen.getvalue()
    assert f"Embedding {2 * len(FRENCH_LINES)} sentences" in drawn
    assert "Aligning" in drawn


def test_align_in_a_pipe_draws_no_progress(line_files, tmp_path, cache_dir):
    fr, en = line_files
    result = invoke(["align", fr, en, "-o", tmp_path / "lines.jsonl", "--split", "lines"], cache_dir)
    assert result.exit_code == 0, result.output
    assert "Embedding" not in result.stderr and "Aligning" not in result.stderr


def test_glossary_shows_the_term_base_stages_on_a_terminal_and_nothing_in_a_pipe(line_files, tmp_path, cache_dir,
                                                                                  monkeypatch):
    from io import StringIO

    from rich.console import Console

    import paxterm.cli.console as console
    from glossary.io.files import read_termbase

    fr, en = line_files
    aligned = tmp_path / "lines.jsonl"
    assert invoke(["align", fr, en, "-o", aligned, "--split", "lines"], cache_dir).exit_code == 0
    piped = invoke(["glossary", aligned, "-o", tmp_path / "piped.csv"], cache_dir)
    assert piped.exit_code == 0, piped.output
    assert "Finding terms" not in piped.stderr and "Pairing terms" not in piped.stderr
    screen = StringIO()
    monkeypatch.setattr(console, "stderr", Console(file=screen, force_terminal=True, width=100))
    shown = invoke(["glossary", aligned, "-o", tmp_path / "shown.csv"], cache_dir)
    assert shown.exit_code == 0, shown.output
    drawn = screen.getvalue()
    # Each aligned sentence is read once in French and once in English.
    assert f"Finding terms in {2 * len(FRENCH_LINES)} texts" in drawn
    assert "Pairing terms" in drawn
    assert read_termbase(tmp_path / "shown.csv").entries == read_termbase(tmp_path / "piped.csv").entries
