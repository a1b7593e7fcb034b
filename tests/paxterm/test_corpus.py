"""`paxterm run` on untidy corpus folders: a French text with no English original,
unreadable files, a file in the wrong language folder, a folder without fr/ en/.

Nothing may be dropped silently: every document ends up paired, reported as
unpaired, or reported as skipped with the reason. Each corpus is run once per
module and several tests read the result.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from lxml import etree
from typer.testing import CliRunner

from aligner.align.pipeline import segment_document
from aligner.read.document import read_document
from paxterm.cli import app
from paxterm.locations import bundled_corpus
from paxterm.corpus import corpus_files, refused_links
from paxterm.steps import scan_corpus
from paxterm.store import open_store

BUNDLED_CORPUS = bundled_corpus()

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("private_cache")

PERU_FR = "peru-letter-2019-triangular-cooperation.md"
PERU_EN = "S-2019-triangular-cooperation-debate-summary.txt"
BERLIN_EN = "A-79-923-S-2025-341.txt"

# On a subject far from both bundled documents, so that no English text pairs with it.
ORPHAN_NAME = "note-eau-potable.txt"
ORPHAN_FRENCH = """\
Note du Secrétariat sur l'approvisionnement en eau potable des villes côtières

1. Le présent rapport décrit l'état des réseaux d'eau potable dans les villes côtières et les mesures prises pour réduire les pertes.

2. Les fuites représentent près de trente pour cent de l'eau produite. Les municipalités ont remplacé les conduites les plus anciennes.

3. Le Secrétariat recommande de mesurer la consommation de chaque quartier et de publier ces chiffres chaque année.
"""

# English text that was filed in fr/ by mistake.
MISFILED_NAME = "misfiled-english.txt"
MISFILED_ENGLISH = """\
Report of the Secretary-General on road safety

1. This report describes the state of road safety in member countries and the measures taken to reduce accidents.

2. Speed is the main cause of fatal accidents. Many countries have lowered their urban speed limits.
"""

BINARY = bytes(range(256)) * 40


def run(corpus: Path, out: Path, cache_dir: Path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PAXTERM_CACHE_DIR", str(cache_dir))
        return runner.invoke(app, ["run", str(corpus), "-o", str(out)])


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def section(stdout: str, heading: str) -> list[str]:
    """The indented lines printed under the summary line starting with `heading`."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    items = []
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        items.append(line.strip())
    return items


def truncated_word_file(path: Path) -> None:
    """A valid zip whose word/document.xml stops half-way, as a download cut short and re-zipped."""
    document = docx.Document()
    document.add_paragraph("The Security Council met to consider the situation.")
    whole = io.BytesIO()
    document.save(whole)
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[:len(data) // 2] if item.filename == "word/document.xml" else data)


# --- a copy of the bundled corpus with an orphan, unreadable files and stray links ----------

# Files the untidy corpus holds that must be listed as skipped, by name.
UNTIDY_SKIPPED = ("empty.txt", "scan.pdf", MISFILED_NAME, "cut-short.docx", "outside.txt", "dangling.txt",
                  "chinese.txt")


@pytest.fixture(scope="module")
def untidy_run(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path):
    corpus = tmp_path_factory.mktemp("untidy") / "corpus"
    shutil.copytree(BUNDLED_CORPUS, corpus)
    (corpus / "fr" / ORPHAN_NAME).write_text(ORPHAN_FRENCH, encoding="utf-8")
    (corpus / "fr" / MISFILED_NAME).write_text(MISFILED_ENGLISH, encoding="utf-8")
    (corpus / "en" / "empty.txt").write_bytes(b"")
    (corpus / "fr" / "chinese.txt").write_bytes("联合国安理".encode("utf-16"))  # too short, yet not French
    (corpus / "fr" / "scan.pdf").write_bytes(b"%PDF-1.4\n" + BINARY)
    truncated_word_file(corpus / "en" / "cut-short.docx")
    # A link out of the corpus (to a readable French text) and a broken link.
    secret = corpus.parent / "elsewhere" / "private-notes.txt"
    secret.parent.mkdir()
    secret.write_text(ORPHAN_FRENCH, encoding="utf-8")
    (corpus / "fr" / "outside.txt").symlink_to(secret)
    (corpus / "en" / "dangling.txt").symlink_to(corpus / "en" / "deleted-long-ago.txt")
    out = corpus.parent / "out"
    return run(corpus, out, cache_dir), corpus, out


def test_untidy_corpus_still_runs_and_pairs_the_bundled_documents(untidy_run):
    result, _, out = untidy_run
    assert result.exit_code == 0, result.output
    assert "Paired: 2" in result.stdout.splitlines()
    assert (out / "alignments.jsonl").is_file()


def test_french_without_original_is_reported(untidy_run):
    result, _, _ = untidy_run
    assert "French without an English original: 1" in result.stdout.splitlines()
    assert section(result.stdout, "French without an English original") == [ORPHAN_NAME]


@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_french_without_original_is_kept_in_the_jsonl(untidy_run, level):
    _, corpus, out = untidy_run
    records = [r for r in read_jsonl(out / "alignments.jsonl")
               if r["fr_doc"] == ORPHAN_NAME and r["level"] == level]
    segmented = segment_document(read_document(corpus / "fr" / ORPHAN_NAME, expected_language="fr"))
    count = len(segmented.sentences if level == "sentence" else segmented.paragraphs)
    assert [r["fr_index"] for r in records] == [[i] for i in range(count)]
    assert all(r["en_doc"] is None and r["en_index"] == [] and r["en"] == "" for r in records)
    assert all(r["flags"] == ["no_original"] for r in records)
    assert "Le Secrétariat recommande" in " ".join(r["fr"] for r in records)


def test_french_without_original_stays_out_of_the_translation_memory(untidy_run):
    # A translation unit needs both languages.
    _, _, out = untidy_run
    fr_docs = {prop.text for prop in etree.parse(str(out / "alignments.tmx")).iter("prop")
               if prop.get("type") == "x-fr-doc"}
    assert ORPHAN_NAME not in fr_docs
    assert PERU_FR in fr_docs


def test_french_without_original_is_in_the_workbook(untidy_run):
    _, _, out = untidy_run
    summary = openpyxl.load_workbook(out / "alignments.xlsx")["Summary"]
    rows = {row[0]: row for row in summary.iter_rows(min_row=2, values_only=True)}
    assert ORPHAN_NAME in rows
    assert rows[ORPHAN_NAME][1] == "(no English original)"


def test_sentence_link_count_leaves_out_the_orphan(untidy_run):
    result, _, out = untidy_run
    paired = [r for r in read_jsonl(out / "alignments.jsonl")
              if r["level"] == "sentence" and r["en_doc"] is not None]
    flagged = sum(1 for r in paired if r["flags"])
    assert f"Sentence links: {len(paired)} ({flagged} flagged for review)" in result.stdout.splitlines()


def test_unreadable_files_are_skipped_with_the_reason(untidy_run):
    result, corpus, _ = untidy_run
    assert f"Skipped (could not be read): {len(UNTIDY_SKIPPED)}" in result.stdout.splitlines()
    reasons = section(result.stdout, "Skipped")
    assert len(reasons) == len(UNTIDY_SKIPPED)
    by_file = {name: next(r for r in reasons if name in r) for name in UNTIDY_SKIPPED}
    assert str(corpus / "en" / "empty.txt") in by_file["empty.txt"]
    assert "empty" in by_file["empty.txt"].lower()
    assert str(corpus / "fr" / "scan.pdf") in by_file["scan.pdf"]
    assert "neither French nor English" in by_file["chinese.txt"]


def test_a_word_file_cut_short_is_skipped_in_one_line_and_the_rest_is_aligned(untidy_run):
    result, corpus, out = untidy_run
    assert result.exit_code == 0 and "Traceback" not in result.output
    reason = next(r for r in section(result.stdout, "Skipped") if "cut-short.docx" in r)
    assert reason == (f"{corpus / 'en' / 'cut-short.docx'} is not a readable Word document (XMLSyntaxError); "
                      "open it in Word and save it again as .docx")
    assert {r["en_doc"] for r in read_jsonl(out / "alignments.jsonl")} >= {PERU_EN, BERLIN_EN}


def test_links_out_of_the_corpus_and_broken_links_are_skipped_with_the_reason(untidy_run):
    result, corpus, out = untidy_run
    reasons = section(result.stdout, "Skipped")
    outside = next(r for r in reasons if "outside.txt" in r)
    assert outside.startswith(f"{corpus / 'fr' / 'outside.txt'} is a link to ")
    assert "outside the corpus folder" in outside and "--follow-links" in outside
    dangling = next(r for r in reasons if "dangling.txt" in r)
    assert dangling.startswith(f"{corpus / 'en' / 'dangling.txt'} is a broken link")
    # The linked file's text was not read.
    assert "outside.txt" not in {r["fr_doc"] for r in read_jsonl(out / "alignments.jsonl")}


def test_english_text_in_fr_is_skipped_as_the_wrong_language(untidy_run):
    result, corpus, out = untidy_run
    reason = next(r for r in section(result.stdout, "Skipped") if MISFILED_NAME in r)
    assert reason.startswith(str(corpus / "fr" / MISFILED_NAME))
    assert "looks English, but it is in the French folder: move it to en/" in reason
    assert "swap" not in reason  # there are no two files to swap in a corpus
    assert MISFILED_NAME not in {r["fr_doc"] for r in read_jsonl(out / "alignments.jsonl")}


def test_skipped_files_do_not_count_as_documents(untidy_run):
    result, _, _ = untidy_run
    assert result.stdout.splitlines()[0] == "Documents: 3 French, 2 English"


# --- a folder that mixes both languages, without fr/ and en/ --------------------------------


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path):
    corpus = tmp_path_factory.mktemp("mixed") / "corpus"
    corpus.mkdir()
    shutil.copy(BUNDLED_CORPUS / "fr" / PERU_FR, corpus)
    shutil.copy(BUNDLED_CORPUS / "en" / PERU_EN, corpus)
    # An English document whose French version is not in the folder.
    shutil.copy(BUNDLED_CORPUS / "en" / BERLIN_EN, corpus)
    out = corpus.parent / "out"
    return run(corpus, out, cache_dir), corpus, out


def test_mixed_folder_finds_languages_by_detection(mixed_run):
    result, _, _ = mixed_run
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "Documents: 1 French, 2 English",
        "Paired: 1",
        f"  {PERU_FR} <-> {PERU_EN} (by content)",
    ]


def test_mixed_folder_reports_english_without_french(mixed_run):
    result, _, _ = mixed_run
    assert "English without a French version: 1" in result.stdout.splitlines()
    assert section(result.stdout, "English without a French version") == [BERLIN_EN]


def test_mixed_folder_aligns_the_pair(mixed_run):
    _, _, out = mixed_run
    records = read_jsonl(out / "alignments.jsonl")
    assert {(r["fr_doc"], r["en_doc"]) for r in records} == {(PERU_FR, PERU_EN)}
    assert ("Conseil de sécurité", "Security Council") in {(r["fr"], r["en"]) for r in records}


# --- reading a corpus into the store: cheap, no embedding ----------------------------------


def scanned(folder: Path, store_path: Path):
    with open_store(store_path) as store:
        scan_corpus(store, folder, corpus_files(folder))
        return store.documents.all()


def test_a_corpus_scan_ignores_readmes_and_hidden_folders(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "README.md").write_text("Notes on this corpus, in English.\n", encoding="utf-8")
    (tmp_path / "fr" / ".paxterm").mkdir()
    (tmp_path / "fr" / ".paxterm" / "old.txt").write_bytes(b"")
    (tmp_path / "fr" / ORPHAN_NAME).write_text(ORPHAN_FRENCH, encoding="utf-8")
    documents = scanned(tmp_path, tmp_path / "store.db")
    assert [(document.name, document.language, document.skipped_reason) for document in documents] == [
        (ORPHAN_NAME, "fr", None)]


def test_a_corpus_scan_in_a_mixed_folder_skips_a_file_in_neither_language(tmp_path):
    (tmp_path / ORPHAN_NAME).write_text(ORPHAN_FRENCH, encoding="utf-8")
    (tmp_path / "deutsch.txt").write_text(
        "Der Sicherheitsrat hat heute die Lage in der Region erörtert und einen Bericht "
        "des Generalsekretärs über die Friedenssicherung zur Kenntnis genommen.\n", encoding="utf-8")
    documents = {document.name: document for document in scanned(tmp_path, tmp_path / "store.db")}
    assert documents[ORPHAN_NAME].language == "fr"
    assert documents["deutsch.txt"].language is None
    assert "neither French nor English" in documents["deutsch.txt"].skipped_reason


def test_a_second_run_does_not_read_its_own_output(tmp_path, cache_dir):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BUNDLED_CORPUS / "fr" / PERU_FR, corpus)
    shutil.copy(BUNDLED_CORPUS / "en" / PERU_EN, corpus)
    out = corpus / "paxterm-output"  # as after `cd corpus && paxterm run .`
    first = run(corpus, out, cache_dir)
    second = run(corpus, out, cache_dir)
    assert first.exit_code == second.exit_code == 0
    # Runs are incremental: the second says it found nothing new, and apart
    # from that line its summary is the first one's.
    first_lines, second_lines = first.stdout.splitlines(), second.stdout.splitlines()
    written = next(index for index, line in enumerate(first_lines) if line.startswith("Written to"))
    assert second_lines[written - 1] == "Nothing new: 2 documents unchanged; outputs already up to date"
    assert second_lines[written:] == [first_lines[written].replace("Written to", "Up to date in"),
                                      *first_lines[written + 1:]]
    assert second_lines[:written - 1] == first_lines[:written - 1]


def test_output_a_run_left_inside_a_language_folder_is_never_read_as_a_document(tmp_path, cache_dir):
    corpus = tmp_path / "corpus"
    (corpus / "fr").mkdir(parents=True)
    (corpus / "en").mkdir()
    shutil.copy(BUNDLED_CORPUS / "fr" / PERU_FR, corpus / "fr")
    shutil.copy(BUNDLED_CORPUS / "en" / PERU_EN, corpus / "en")
    inside = corpus / "fr" / "paxterm-output"  # as after `cd corpus/fr && paxterm run`
    assert run(corpus, inside, cache_dir).exit_code == 0
    assert (inside / "report.html").is_file()
    second = run(corpus, tmp_path / "elsewhere", cache_dir)
    assert second.exit_code == 0, second.output
    assert not any(line.startswith("Skipped") for line in second.stdout.splitlines()), second.stdout
    assert "swap the two files" not in second.stdout
    assert "Paired: 1" in second.stdout.splitlines()


# --- links in a corpus folder: cheap, no embedding ---------------------------------------


@pytest.fixture()
def linked_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "fr").mkdir(parents=True)
    (corpus / "en").mkdir()
    (corpus / "fr" / ORPHAN_NAME).write_text(ORPHAN_FRENCH, encoding="utf-8")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(ORPHAN_FRENCH.replace("potable", "de pluie"), encoding="utf-8")
    (corpus / "fr" / "outside.txt").symlink_to(outside)
    (corpus / "fr" / "broken.txt").symlink_to(tmp_path / "gone.txt")
    (corpus / "fr" / "folder-link").symlink_to(tmp_path)
    (corpus / "drafts").mkdir()
    (corpus / "drafts" / "note.txt").write_text(ORPHAN_FRENCH.replace("eau", "énergie"), encoding="utf-8")
    (corpus / "fr" / "inside.txt").symlink_to(corpus / "drafts" / "note.txt")  # inside the corpus: read
    return corpus


def registered(corpus: Path, store_path: Path, *, follow_links: bool = False) -> dict[str, str | None]:
    with open_store(store_path) as store:
        scan_corpus(store, corpus, corpus_files(corpus, follow_links=follow_links), refused=refused_links(
            corpus, follow_links=follow_links))
        return {document.name: document.skipped_reason for document in store.documents.all()}


def test_links_are_read_inside_the_corpus_and_reported_otherwise(linked_corpus, tmp_path):
    documents = registered(linked_corpus, tmp_path / "store.db")
    assert documents[ORPHAN_NAME] is None and documents["inside.txt"] is None
    assert "outside the corpus folder; copy the file into the corpus, or pass --follow-links" in documents["outside.txt"]
    assert documents["broken.txt"].endswith(f"is a broken link (to {tmp_path / 'gone.txt'}); "
                                            "remove it or point it at the document")
    assert "is a link to a folder" in documents["folder-link"]


def test_follow_links_reads_the_linked_file_and_still_reports_broken_links(linked_corpus, tmp_path):
    documents = registered(linked_corpus, tmp_path / "store.db", follow_links=True)
    assert documents["outside.txt"] is None
    assert "broken link" in documents["broken.txt"]


def test_a_refused_link_is_registered_once_and_forgotten_when_removed(linked_corpus, tmp_path):
    store_path = tmp_path / "store.db"
    registered(linked_corpus, store_path)
    (linked_corpus / "fr" / "broken.txt").unlink()
    documents = registered(linked_corpus, store_path)
    assert "broken.txt" not in documents and "outside.txt" in documents


def test_a_run_flags_the_pieces_of_an_over_long_sentence_as_align_does(tmp_path, cache_dir):
    long_fr = " ".join(f"ligne {n} du tableau des contributions des pays fournisseurs de contingents"
                       for n in range(120))
    long_en = " ".join(f"row {n} of the table of contributions of troop-contributing countries" for n in range(120))
    corpus = tmp_path / "corpus"
    (corpus / "fr").mkdir(parents=True)
    (corpus / "en").mkdir()
    (corpus / "fr" / "tableau.txt").write_text(
        f"Le Conseil de sécurité a examiné le tableau suivant.\n\n{long_fr}\n\nLe tableau a été adopté.\n",
        encoding="utf-8")
    (corpus / "en" / "tableau.txt").write_text(
        f"The Security Council examined the following table.\n\n{long_en}\n\nThe table was adopted.\n",
        encoding="utf-8")
    out = tmp_path / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PAXTERM_CACHE_DIR", str(cache_dir))
        result = runner.invoke(app, ["run", str(corpus), "-o", str(out), "--no-glossary"])
    assert result.exit_code == 0, result.output
    sentences = [r for r in read_jsonl(out / "alignments.jsonl") if r["level"] == "sentence"]
    flagged = [r for r in sentences if "long_sentence_cut" in r["flags"]]
    assert flagged and len(flagged) < len(sentences)
    assert " ".join(r["fr"] for r in flagged).replace(" ", "") == long_fr.replace(" ", "")
