"""`paxterm check` through Typer's runner: findings, exit codes, the three report
formats read back, and one-line errors that leave no file behind.

The documents are hand-built, with one English version per situation. The real
bundled embedder is loaded once for the module and handed to the command.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from lxml import html
from typer.testing import CliRunner

from aligner.embed import CachedEmbedder, load_embedder
from glossary.termbase import TermBase, TermEntry
from glossary.io.files import write_termbase
from paxterm import files as cli_check
from paxterm.cli import app

runner = CliRunner()

FRENCH = """Le Conseil de sécurité s'est réuni le 10 juillet 2019 pour examiner la coopération triangulaire.

Les pays fournisseurs de contingents ont demandé une meilleure formation avant le déploiement.

La coopération triangulaire associe le Secrétariat, le Conseil et les pays fournisseurs de contingents.

La séance a été levée à 18 heures et les délégations sont rentrées dans leurs capitales.
"""

ENGLISH = {
    "correct": """The Security Council met on 10 July 2019 to consider triangular cooperation.

Troop-contributing countries called for better training before deployment.

Triangular cooperation brings together the Secretariat, the Council and the troop-contributing countries.

The meeting rose at 6 p.m. and the delegations returned to their capitals.
""",
    # paragraph 2: a wrong rendering planted
    "missing": """The Security Council met on 10 July 2019 to consider triangular cooperation.

Troop-providing nations called for better training before deployment.

Triangular cooperation brings together the Secretariat, the Council and the troop-contributing countries.

The meeting rose at 6 p.m. and the delegations returned to their capitals.
""",
    # paragraph 2: the listed variant, while paragraph 3 keeps the preferred term
    "inconsistent": """The Security Council met on 10 July 2019 to consider triangular cooperation.

Troop contributors called for better training before deployment.

Triangular cooperation brings together the Secretariat, the Council and the troop-contributing countries.

The meeting rose at 6 p.m. and the delegations returned to their capitals.
""",
}

ENTRIES = (
    TermEntry("T0001", "pays fournisseur de contingents", "troop-contributing country",
              en_variants=("troop contributor",), status="validated"),
    TermEntry("T0002", "coopération triangulaire", "triangular cooperation", status="reference"),
    # a candidate the English does not follow: enforced only with --include-candidates
    TermEntry("T0003", "séance", "sitting", status="candidate"),
)


@pytest.fixture(scope="module")
def embedder():
    return CachedEmbedder(load_embedder("use"), None)


@pytest.fixture(autouse=True)
def shared_embedder(embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAXTERM_CACHE_DIR", str(tmp_path / "cache"))
    real = cli_check.make_embedder
    monkeypatch.setattr(cli_check, "make_embedder",
                        lambda model, use_cache=True: embedder if model == "use" else real(model, use_cache=use_cache))


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("check-inputs")
    paths = {"fr": folder / "fr.txt", "termbase": folder / "termbase.xlsx",
             "empty": folder / "empty.csv", "candidates": folder / "candidates.csv"}
    paths["fr"].write_text(FRENCH, encoding="utf-8")
    for name, text in ENGLISH.items():
        paths[name] = folder / f"en-{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    write_termbase(TermBase(ENTRIES), paths["termbase"])
    write_termbase(TermBase(()), paths["empty"])
    write_termbase(TermBase(ENTRIES[2:]), paths["candidates"])
    return paths


def run_check(files: dict[str, Path], english: str, output: Path, *options: str, termbase: str = "termbase"):
    return runner.invoke(app, ["check", str(files["fr"]), str(files[english]), "--termbase",
                               str(files[termbase]), "-o", str(output), *options])


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(("english", "expected"), [
    ("correct", []),
    ("missing", [("missing", [1], "pays fournisseur de contingents", "")]),
    ("inconsistent", [("inconsistent", [1], "pays fournisseur de contingents", "troop contributor")]),
])
def test_findings_of_each_english_version(files, tmp_path: Path, english, expected):
    output = tmp_path / "check.jsonl"
    result = run_check(files, english, output)
    assert result.exit_code == 0, result.output
    records = read_jsonl(output)
    assert [(r["kind"], r["fr_index"], r["fr_term"], r["found_en"]) for r in records] == expected
    for record in records:
        assert record["fr_doc"] == "fr.txt" and record["en_doc"] == f"en-{english}.txt"
        assert record["expected_en"] == "troop-contributing country"


def test_the_summary_counts_findings_per_kind(files, tmp_path: Path):
    output = tmp_path / "check.jsonl"
    result = run_check(files, "missing", output)
    assert result.stdout.splitlines() == [
        "Checked 4 segment pairs against 2 term entries.",
        f"Findings: 1 (missing 1, variant 0, inconsistent 0) -> {output}",
    ]


@pytest.mark.parametrize(("english", "options", "exit_code"), [
    ("correct", ["--fail-on-issues"], 0),
    ("missing", ["--fail-on-issues"], 1),
    ("missing", [], 0),
])
def test_fail_on_issues_sets_the_exit_code(files, tmp_path: Path, english, options, exit_code):
    output = tmp_path / "check.jsonl"
    result = run_check(files, english, output, *options)
    assert result.exit_code == exit_code, result.output
    assert output.is_file()  # the report is written either way


@pytest.mark.parametrize(("options", "kinds"), [([], []), (["--include-candidates"], ["missing"])],
                         ids=["default", "include-candidates"])
def test_candidates_are_checked_only_with_the_flag(files, tmp_path: Path, options, kinds):
    output = tmp_path / "check.jsonl"
    result = run_check(files, "correct", output, *options)
    assert result.exit_code == 0, result.output
    assert [(r["kind"], r["fr_term"]) for r in read_jsonl(output)] == [(kind, "séance") for kind in kinds]


def test_xlsx_report_reads_back(files, tmp_path: Path):
    output = tmp_path / "check.xlsx"
    assert run_check(files, "missing", output).exit_code == 0
    workbook = openpyxl.load_workbook(output)
    sheet = workbook["Findings"]
    headers = [cell.value for cell in sheet[1]]
    rows = [dict(zip(headers, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [(row["Kind"], row["Expected English"]) for row in rows] == [
        ("missing in English", "troop-contributing country")]
    assert "Troop-providing nations" in rows[0]["English"]
    assert "Summary" in workbook.sheetnames


def test_html_report_reads_back_with_the_term_highlighted(files, tmp_path: Path):
    output = tmp_path / "check.html"
    assert run_check(files, "missing", output).exit_code == 0
    page = html.fromstring(output.read_bytes())
    assert [mark.text_content() for mark in page.xpath("//table[@class='findings']//mark")] == [
        "pays fournisseurs de contingents"
    ]


def test_a_plain_list_of_pairs_without_statuses_is_held_to_as_a_reference(files, tmp_path: Path):
    # A division's house glossary: two columns, no Status, as -r takes it.
    plain = tmp_path / "house-glossary.csv"
    plain.write_text("fr,en\npays fournisseur de contingents,troop-contributing country\n", encoding="utf-8")
    output = tmp_path / "check.jsonl"
    result = runner.invoke(app, ["check", str(files["fr"]), str(files["missing"]), "--termbase", str(plain),
                                 "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "against 1 term entry." in result.stdout
    assert [(r["kind"], r["fr_term"]) for r in read_jsonl(output)] == [("missing", "pays fournisseur de contingents")]


@pytest.mark.parametrize(("termbase", "message"), [
    ("empty", "nothing to check"),
    ("candidates", "pass --include-candidates"),
])
def test_a_term_base_with_nothing_to_enforce_is_an_error(files, tmp_path: Path, termbase, message):
    output = tmp_path / "check.jsonl"
    result = run_check(files, "correct", output, termbase=termbase)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {files[termbase]}: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not output.exists()


@pytest.mark.parametrize(("arguments", "message"), [
    (["--termbase", "missing.xlsx"], "no such term base file"),
    (["--termbase", "terms.docx"], "cannot tell the term base format"),
    (["-o", "check.csv"], "cannot write a check report with '.csv'"),
    (["-o", "check"], "cannot write a check report with no suffix"),
], ids=["missing-termbase", "termbase-suffix", "output-suffix", "no-suffix"])
def test_user_errors_are_one_line_and_leave_no_file(files, tmp_path: Path, monkeypatch, arguments, message):
    monkeypatch.chdir(tmp_path)
    defaults = {"--termbase": str(files["termbase"]), "-o": "check.jsonl"}
    options = dict(defaults, **dict(zip(arguments[::2], arguments[1::2])))
    result = runner.invoke(app, ["check", str(files["fr"]), str(files["correct"]),
                                 *[part for pair in options.items() for part in pair]])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_files_given_the_wrong_way_round_are_an_error(files, tmp_path: Path):
    output = tmp_path / "check.jsonl"
    result = runner.invoke(app, ["check", str(files["correct"]), str(files["fr"]),
                                 "-t", str(files["termbase"]), "-o", str(output)])
    assert result.exit_code == 1
    assert "swap the two files" in result.stderr
    assert not output.exists()


@pytest.mark.parametrize(("first", "second", "message"), [
    ("fr", "fr", "both look French: give the English document too"),
    ("correct", "missing", "both look English: give the French document too"),
])
def test_two_files_of_one_language_are_told_what_is_missing_not_to_swap(files, tmp_path: Path, first, second,
                                                                         message):
    output = tmp_path / "check.jsonl"
    result = runner.invoke(app, ["check", str(files[first]), str(files[second]),
                                 "-t", str(files["termbase"]), "-o", str(output)])
    assert result.exit_code == 1
    assert message in result.stderr and "swap" not in result.stderr
    assert not output.exists()


def test_help_documents_the_exit_codes():
    result = runner.invoke(app, ["check", "--help"])
    assert result.exit_code == 0
    assert "Exit status" in result.output and "--fail-on-issues" in result.output
