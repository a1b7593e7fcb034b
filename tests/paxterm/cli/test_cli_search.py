"""paxterm search through Typer's runner, over a project store that `paxterm run`
built from a copy of the bundled corpus (once per module: the run embeds every
sentence). The embedding cache lives in a temporary folder.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from glossary.match.concordance import search_segments
from paxterm.cli import app
from paxterm.locations import bundled_corpus
from paxterm.cli.search import concordance_table, plain_line
from paxterm.store import ConcordanceLink

BUNDLED_CORPUS = bundled_corpus()

runner = CliRunner()

PERU_FR = "peru-letter-2019-triangular-cooperation.md"
PERU_EN = "S-2019-triangular-cooperation-debate-summary.txt"
JSON_FIELDS = {"fr_doc", "en_doc", "fr_index", "en_index", "fr", "en", "lang", "match_start", "match_end", "score"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled corpus whose project store `paxterm run` has filled."""
    base = tmp_path_factory.mktemp("search")
    folder = base / "corpus"
    shutil.copytree(BUNDLED_CORPUS, folder, ignore=shutil.ignore_patterns(".paxterm"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PAXTERM_CACHE_DIR", str(base / "cache"))
        result = runner.invoke(app, ["run", str(folder), "-o", str(base / "out"), "--no-glossary"])
    assert result.exit_code == 0, result.output
    return folder


def search(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["search", *args])
    return result.exit_code, result.stdout, result.stderr


def json_lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_french_term_with_its_english_counterparts(corpus: Path) -> None:
    code, stdout, stderr = search("coopération triangulaire", str(corpus), "--json")
    assert code == 0, stderr
    records = json_lines(stdout)
    assert len(records) >= 5
    for record in records:
        assert set(record) == JSON_FIELDS
        assert record["lang"] == "fr"
        assert (record["fr_doc"], record["en_doc"]) == (PERU_FR, PERU_EN)
        assert record["fr"][record["match_start"]:record["match_end"]].lower() == "coopération triangulaire"
        assert "triangular cooperation" in record["en"].lower()
        assert isinstance(record["fr_index"], list) and isinstance(record["score"], float)
    assert stderr.strip() == f"{len(records)} occurrences in 1 document (showing {len(records)})"


def test_english_term_inflected_on_the_english_side(corpus: Path) -> None:
    code, stdout, _ = search("troop-contributing country", str(corpus), "--lang", "en", "--json")
    assert code == 0
    records = json_lines(stdout)
    assert records
    for record in records:
        assert record["lang"] == "en"
        assert record["en"][record["match_start"]:record["match_end"]].lower() == "troop-contributing countries"
        assert "pays fournisseurs de contingents" in record["fr"]


def test_plain_output_marks_the_match(corpus: Path) -> None:
    code, stdout, _ = search("pays fournisseur de contingents", str(corpus), "--lang", "fr")
    assert code == 0
    lines = stdout.splitlines()
    assert lines
    for line in lines:
        fr_doc, en_doc, fr, en = line.split("\t")
        assert (fr_doc, en_doc) == (PERU_FR, PERU_EN)
        assert "«pays fournisseurs de contingents»" in fr
        assert "«" not in en


def test_limit_shows_fewer_but_counts_all(corpus: Path) -> None:
    _, everything, _ = search("coopération triangulaire", str(corpus), "--json")
    total = len(everything.splitlines())
    code, stdout, stderr = search("coopération triangulaire", str(corpus), "--json", "--limit", "2")
    assert code == 0
    assert json_lines(stdout) == json_lines(everything)[:2]
    assert stderr.strip() == f"{total} occurrences in 1 document (showing 2)"


def test_store_option_finds_the_store_elsewhere(corpus: Path, tmp_path: Path) -> None:
    moved = tmp_path / "project.db"
    shutil.copy(corpus / ".paxterm" / "paxterm.db", moved)
    code, stdout, _ = search("coopération triangulaire", str(tmp_path), "--store", str(moved), "--json")
    assert code == 0 and json_lines(stdout)


def test_no_occurrence_exits_1_like_grep(corpus: Path) -> None:
    code, stdout, stderr = search("hippopotame", str(corpus))
    assert (code, stdout) == (1, "")
    # nothing in the term says its language, so both sides were searched
    assert stderr.startswith("No occurrence of 'hippopotame' in the French or English text of ")
    code, _, stderr = search("hippopotame", str(corpus), "--lang", "fr")
    assert code == 1 and stderr.startswith("No occurrence of 'hippopotame' in the French text of ")


def test_missing_store_says_to_run_first(tmp_path: Path) -> None:
    code, stdout, stderr = search("paix", str(tmp_path))
    assert (code, stdout) == (1, "")
    assert stderr.strip() == (f"Error: {tmp_path / '.paxterm' / 'paxterm.db'}: no project store yet; "
                              "run `paxterm run` on the corpus first")


def test_unknown_language_is_a_usage_error(corpus: Path) -> None:
    code, _, stderr = search("paz", str(corpus), "--lang", "es")
    assert code == 2
    assert "Invalid value for '--lang'" in stderr and "'es'" in stderr


LINK = ConcordanceLink("a-fr.txt", "a-en.txt", (2,), (2, 3), "Vive la coopération triangulaire !",
                       "Long live triangular cooperation!", 0.93, ())


def test_terminal_table_highlights_the_match() -> None:
    (occurrence,) = search_segments("coopération triangulaire", [LINK], language="fr")
    console = Console(file=io.StringIO(), record=True, width=160, force_terminal=True, color_system="standard")
    console.print(concordance_table([occurrence]))
    styled = console.export_text(styles=True, clear=False)
    plain = console.export_text()
    assert "\x1b[1;35mcoopération triangulaire\x1b[0m" in styled
    assert "French" in plain and "English" in plain and "Document" in plain
    assert "a-fr.txt #3" in plain and "a-en.txt #3,4" in plain


def test_plain_line_keeps_one_line_per_occurrence() -> None:
    link = ConcordanceLink("a-fr.txt", "a-en.txt", (0,), (0,), "La paix\tdurable\n", "Lasting\npeace", 0.9, ())
    (occurrence,) = search_segments("paix", [link], language="fr")
    assert plain_line(occurrence) == "a-fr.txt\ta-en.txt\tLa «paix» durable\tLasting peace"
