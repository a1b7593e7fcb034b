"""read_document on the four real sample-corpus files and on small hand-built ones."""

from pathlib import Path

import docx
import pytest

from aligner.read.document import Document, Paragraph, read_document
from aligner.errors import InputFileError, PaxtermError, WrongLanguageError

REPOSITORY_CORPUS = Path(__file__).resolve().parents[3] / "corpus"
SHARED_CORPUS = Path("/work/shared/data/sample-corpus")

FRENCH_BERLIN = "fr/berlin-ministerial-2025-chair-summary.txt"
FRENCH_PERU = "fr/peru-letter-2019-triangular-cooperation.md"
ENGLISH_BERLIN = "en/A-79-923-S-2025-341.txt"
ENGLISH_PERU = "en/S-2019-triangular-cooperation-debate-summary.txt"

FRENCH = (
    "Les participants ont souligné que les opérations de maintien de la paix des Nations Unies "
    "restaient un instrument unique pour prévenir et gérer les conflits armés."
)
ENGLISH = (
    "Participants underlined that United Nations peacekeeping remained a unique instrument "
    "for preventing, managing and mitigating armed conflict."
)


@pytest.fixture(scope="module")
def corpus() -> Path:
    for folder in (REPOSITORY_CORPUS, SHARED_CORPUS):
        if (folder / FRENCH_BERLIN).exists():
            return folder
    pytest.skip("the sample corpus is neither in corpus/ nor in /work/shared/data/sample-corpus")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the sample corpus: the acceptance test -------------------------------------


def test_french_berlin_page_breaks_are_rejoined(corpus):
    document = read_document(corpus / FRENCH_BERLIN)
    texts = [paragraph.text for paragraph in document.paragraphs]
    first = [text for text in texts if "Ils ont salué les efforts faits pour renforcer" in text]
    second = [text for text in texts if "en accordant une attention particulière" in text]
    assert len(first) == 1 and first[0].startswith("Les participants ont demandé au Conseil")
    assert len(second) == 1 and second[0].startswith("Appelant l'attention")
    # The cut halves are gone as paragraphs of their own.
    assert not any(text.startswith(("faits pour renforcer", "une attention particulière")) for text in texts)


def test_french_berlin_noise_and_markdown_are_gone(corpus):
    document = read_document(corpus / FRENCH_BERLIN)
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert not any("25-08590" in text or "A/79/923" in text or "*" in text or "#" in text for text in texts)
    assert any(text.endswith("(Signé) Antje Leendertse") for text in texts)
    # Hard-wrapped header lines are one paragraph.
    assert any(
        "Étude d'ensemble de toute la question des opérations de maintien de la paix sous tous leurs aspects" in text
        for text in texts
    )


def test_english_berlin_keeps_whole_paragraphs_and_header(corpus):
    document = read_document(corpus / ENGLISH_BERLIN)
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert not any("25-08590" in text for text in texts)
    assert "A/79/923" not in texts and "S/2025/341" not in texts
    # Page marks between whole paragraphs join nothing.
    assert any(text.endswith("the rules and regulations of the Organization needed to be applied more flexibly.") for text in texts)
    assert any(text.startswith("Participants reaffirmed that United Nations peacekeeping") for text in texts)
    # The header is real text that the French has too.
    assert any("General Assembly" in text for text in texts)
    assert any("Distr.: General" in text and "3 June 2025" in text for text in texts)


@pytest.mark.parametrize("name", [ENGLISH_BERLIN, FRENCH_BERLIN])
def test_berlin_numbered_headings(corpus, name):
    document = read_document(corpus / name)
    numbered = [paragraph for paragraph in document.paragraphs if paragraph.number]
    assert [paragraph.number for paragraph in numbered] == [f"{n}." for n in range(1, 10)]
    assert all(paragraph.heading for paragraph in numbered)


@pytest.mark.parametrize(("name", "language"), [(FRENCH_PERU, "fr"), (ENGLISH_PERU, "en")])
def test_peru_paragraphs_and_numbering(corpus, name, language):
    document = read_document(corpus / name)
    assert document.language == language
    assert len(document.paragraphs) == 17
    numbered = [paragraph for paragraph in document.paragraphs if paragraph.number]
    assert [paragraph.number for paragraph in numbered] == [f"{n}." for n in range(1, 10)]
    assert not any(paragraph.heading for paragraph in numbered)
    assert document.paragraphs[-9] == numbered[0]
    opening = {"fr": "Le 10 juillet 2019, les membres", "en": "On 10 July 2019, the members"}[language]
    assert numbered[0].text.startswith(opening)


def test_french_peru_titles(corpus):
    document = read_document(corpus / FRENCH_PERU)
    first, header, letter_title = document.paragraphs[:3]
    assert first == Paragraph("Conseil de sécurité", heading=True)
    assert header.text == "Distr. générale 23 octobre 2019 Français Original : anglais"
    assert letter_title.heading and letter_title.text.startswith("Lettre datée du 8 octobre 2019")
    annex_title = document.paragraphs[6]
    assert annex_title.heading
    assert annex_title.text == (
        "Annexe à la lettre datée du 8 octobre 2019 adressée au Président du Conseil de sécurité "
        "par le Chargé d'affaires par intérim de la Mission permanente du Pérou auprès de "
        "l'Organisation des Nations Unies"
    )


@pytest.mark.parametrize(
    ("name", "language", "symbols"),
    [
        (FRENCH_BERLIN, "fr", ("A/79/923", "S/2025/341")),
        (ENGLISH_BERLIN, "en", ("A/79/923", "S/2025/341")),
        (FRENCH_PERU, "fr", ()),
        (ENGLISH_PERU, "en", ()),
    ],
)
def test_corpus_symbols_and_languages(corpus, name, language, symbols):
    document = read_document(corpus / name, expected_language=language)
    assert isinstance(document, Document)
    assert document.language == language
    assert document.symbols == symbols
    assert document.symbol == (symbols[0] if symbols else None)
    assert document.name == Path(name).name


def test_corpus_files_given_the_wrong_way_round(corpus):
    with pytest.raises(WrongLanguageError, match=r"A-79-923-S-2025-341\.txt looks English, but it was given as the French document: swap the two files"):
        read_document(corpus / ENGLISH_BERLIN, expected_language="fr")
    with pytest.raises(WrongLanguageError, match=r"berlin-ministerial-2025-chair-summary\.txt looks French, but it was given as the English document"):
        read_document(corpus / FRENCH_BERLIN, expected_language="en")


# --- small documents ----------------------------------------------------------------


def test_lines_mode_keeps_every_line_untouched(tmp_path):
    path = write(tmp_path, "bitext.fr.txt", f"# {FRENCH}\n\n2/4 25-08590\nA/79/923\n**Gras** et fin.\n")
    document = read_document(path, split="lines")
    assert [paragraph.text for paragraph in document.paragraphs] == [
        f"# {FRENCH}", "", "2/4 25-08590", "A/79/923", "**Gras** et fin."
    ]
    assert all(paragraph.number is None and not paragraph.heading for paragraph in document.paragraphs)
    assert document.language == "fr"


def test_lines_mode_with_a_short_file_trusts_the_expected_language(tmp_path):
    path = write(tmp_path, "short.en.txt", "Yes.\nNo.\n")
    assert read_document(path, expected_language="en", split="lines").language == "en"


def test_docx_document(tmp_path):
    word = docx.Document()
    word.add_heading("Résumé établi par la présidence", level=2)
    word.add_paragraph("1. " + FRENCH)
    path = tmp_path / "summary.docx"
    word.save(path)
    document = read_document(path, expected_language="fr")
    assert document.paragraphs == (
        Paragraph("Résumé établi par la présidence", heading=True),
        Paragraph(FRENCH, number="1."),
    )


def test_html_document(tmp_path):
    path = write(tmp_path, "page.html", f"<html><body><h2>Summary</h2><p>{ENGLISH}</p><p>25-08590 (E)</p></body></html>")
    document = read_document(path)
    assert document.language == "en"
    assert document.paragraphs == (Paragraph("Summary", heading=True), Paragraph(ENGLISH))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # German is neither French nor English.
        (
            "Die Vereinten Nationen und die Mitgliedstaaten haben sich auf eine gemeinsame Erklärung "
            "geeinigt, die nicht nur für Europa von Bedeutung ist, sondern auch für die Welt.",
            r"other\.txt is neither French nor English",
        ),
        ("Conseil de sécurité", r"other\.txt is too short to tell whether it is French or English"),
        ("A/79/923\n\n2/4 25-08590\n\n25-08590 (E)\n", r"other\.txt holds nothing but page marks and running heads"),
    ],
)
def test_documents_without_a_usable_language(tmp_path, text, message):
    path = write(tmp_path, "other.txt", text)
    with pytest.raises(PaxtermError, match=message):
        read_document(path)


def test_a_short_file_in_another_script_is_refused_even_where_french_is_expected(tmp_path):
    path = tmp_path / "chinese.txt"
    path.write_bytes("联合国安理".encode("utf-16"))  # with its byte-order mark
    with pytest.raises(PaxtermError, match=r"chinese\.txt is neither French nor English: most of its letters are not Latin"):
        read_document(path, expected_language="fr")


def test_wrong_language(tmp_path):
    path = write(tmp_path, "letter.txt", ENGLISH)
    with pytest.raises(WrongLanguageError, match=r"letter\.txt looks English, but it was given as the French document: swap the two files"):
        read_document(path, expected_language="fr")


def test_reader_errors_come_through(tmp_path):
    with pytest.raises(InputFileError, match=r"nowhere\.txt: no such file"):
        read_document(tmp_path / "nowhere.txt")


@pytest.mark.parametrize(("option", "value"), [("split", "sentences"), ("expected_language", "de")])
def test_bad_options_are_programming_errors(tmp_path, option, value):
    path = write(tmp_path, "doc.txt", FRENCH)
    with pytest.raises(ValueError, match=option):
        read_document(path, **{option: value})
