"""PDF layout -> paragraphs: headings, running heads and footers, hyphenation, two columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter, Transformation
from pypdf.generic import RectangleObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from aligner.read.document import read_document
from aligner.read.hyphenation import dehyphenate
from aligner.read.readers import read_blocks

WIDTH, HEIGHT = A4
LEFT = 72
LEADING = 14


def write_pdf(path: Path, pages: list[list[tuple[str, str, float]]], *, running: bool = True) -> None:
    """Pages of lines (text, font, x), each page with a running head and a page number when running."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        if running:
            pdf.setFont("Helvetica", 9)
            pdf.drawString(LEFT, HEIGHT - 40, "Réunion ministérielle de Berlin sur le maintien de la paix")
            pdf.drawCentredString(WIDTH / 2, 30, f"Page {number}")
        y = HEIGHT - 90
        for text, font, x in lines:
            if not text:  # paragraph spacing
                y -= LEADING * 0.6
                continue
            pdf.setFont(font, 12 if font.endswith("Bold") else 10)
            pdf.drawString(x, y, text)
            y -= LEADING
        pdf.showPage()
    pdf.save()


def body(text: str, x: float = LEFT) -> tuple[str, str, float]:
    return text, "Helvetica", x


def bold(text: str) -> tuple[str, str, float]:
    return text, "Helvetica-Bold", LEFT


def paragraphs(path: Path) -> list[tuple[str, bool]]:
    return [(paragraph.text, paragraph.heading) for paragraph in read_document(path, expected_language="fr").paragraphs]


def test_heading_in_bold_is_its_own_paragraph(tmp_path):
    path = tmp_path / "doc.pdf"
    write_pdf(path, [[
        bold("2. Avenir du maintien de la paix"),
        body("Les participants ont souligné que les opérations de maintien de la paix"),
        body("restaient un instrument unique et efficace pour la communauté internationale,"),
        body("et ils ont salué les efforts des pays fournisseurs de contingents."),
    ]], running=False)
    found = paragraphs(path)
    assert found[0] == ("Avenir du maintien de la paix", True)
    assert found[1][0].startswith("Les participants ont souligné")
    assert found[1][1] is False
    assert len(found) == 2


def test_running_heads_and_page_numbers_are_dropped(tmp_path):
    path = tmp_path / "doc.pdf"
    line = "Les participants ont souligné que les opérations de maintien de la paix"
    write_pdf(path, [
        [body(line), body("restaient un instrument unique et efficace pour tous les États, et")],
        [body("les pays hôtes ont remercié les pays fournisseurs de contingents."), body("")],
        [body("Le Président a clos la séance en remerciant les participants de leur présence.")],
    ])
    texts = [text for text, _ in paragraphs(path)]
    assert texts == [
        (f"{line} restaient un instrument unique et efficace pour tous les États, et "
        "les pays hôtes ont remercié les pays fournisseurs de contingents."),
        "Le Président a clos la séance en remerciant les participants de leur présence.",
    ]
    assert not any("Berlin" in text or "Page" in text for text in texts)


def test_paragraph_spacing_and_first_line_indent_separate_paragraphs(tmp_path):
    path = tmp_path / "doc.pdf"
    write_pdf(path, [[
        body("Les participants ont souligné que les opérations de maintien de la paix"),
        body("restaient un instrument unique et efficace pour la communauté internationale"),
        body(""),
        body("Ils ont salué les efforts des pays fournisseurs de contingents et de forces"),
        body("de police pour renforcer la sécurité des soldats de la paix sur le terrain"),
        body("Le Président a remercié les pays hôtes de leur accueil chaleureux et de leur", x=LEFT + 20),
        body("soutien constant aux opérations de maintien de la paix dans toutes les régions"),
    ]], running=False)
    texts = [text for text, _ in paragraphs(path)]
    assert [text.split()[0] for text in texts] == ["Les", "Ils", "Le"]


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("les opérations de main-", "tien de la paix", "les opérations de maintien de la paix"),
        ("les pays-", "hôtes ont remercié", "les pays-hôtes ont remercié"),
        ("the peace-", "keeping operations", "the peacekeeping operations"),
        ("la paix -", "les pays", None),
        ("Gustavo Meza-", "Cuadra a présidé", "Gustavo Meza-Cuadra a présidé"),
        ("Gustavo Meza-", "-Cuadra a présidé", "Gustavo Meza-Cuadra a présidé"),
        ("contre la mésin-", "formation et", "contre la mésinformation et"),
        ("the troop-", "contributing countries", "the troop-contributing countries"),
        ("les Nations-", "Unies", "les Nations-Unies"),
    ],
)
def test_dehyphenation_keeps_real_compounds(before, after, joined):
    assert dehyphenate(before, after) == joined


def test_word_hyphenated_at_a_line_end_is_rejoined_in_a_pdf(tmp_path):
    path = tmp_path / "doc.pdf"
    write_pdf(path, [[
        body("Les participants ont souligné que les opérations de main-"),
        body("tien de la paix restaient utiles, et les pays-"),
        body("hôtes ont remercié les pays fournisseurs de contingents."),
    ]], running=False)
    assert [text for text, _ in paragraphs(path)] == [
        ("Les participants ont souligné que les opérations de maintien de la paix restaient utiles, "
        "et les pays-hôtes ont remercié les pays fournisseurs de contingents.")
    ]


def test_two_columns_read_left_then_right(tmp_path):
    path = tmp_path / "doc.pdf"
    right = WIDTH / 2 + 20
    left_lines = ["Les participants ont", "souligné que la paix", "restait fragile."]
    right_lines = ["Ils ont salué les", "efforts des pays", "fournisseurs."]
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica", 10)
    y = HEIGHT - 90
    for left_text, right_text in zip(left_lines, right_lines):
        pdf.drawString(LEFT, y, left_text)
        pdf.drawString(right, y, right_text)
        y -= LEADING
    pdf.showPage()
    pdf.save()
    assert [" ".join(block.lines) for block in read_blocks(path)] == [
        "Les participants ont souligné que la paix restait fragile.",
        "Ils ont salué les efforts des pays fournisseurs.",
    ]


def test_word_hyphenated_across_a_page_break_is_rejoined(tmp_path):
    path = tmp_path / "doc.pdf"
    write_pdf(path, [
        [body("Les participants ont souligné que les opérations de maintien de la paix"),
         body("restaient un instrument unique et efficace, et que les opéra-")],
        [body("tions menées par les pays hôtes avaient montré leur valeur sur le terrain.")],
    ])
    assert [text for text, _ in paragraphs(path)] == [
        ("Les participants ont souligné que les opérations de maintien de la paix restaient un instrument "
        "unique et efficace, et que les opérations menées par les pays hôtes avaient montré leur valeur sur le terrain.")
    ]


@pytest.mark.parametrize(("before", "raised", "after", "read"), [
    # A footnote call is dropped, as Word's text holds none: no figure "12" for the number flags.
    ("Les participants ont salué la résolution 2719", "12", "du Conseil de sécurité.",
     "Les participants ont salué la résolution 2719 du Conseil de sécurité."),
    # A unit's exponent is part of the figure.
    ("Les nouveaux bureaux offrent 2 000 m", "2", "de surface utile.",
     "Les nouveaux bureaux offrent 2 000 m 2 de surface utile."),
    # Raised letters are no footnote call ("1er", "Mme").
    ("La séance s'est ouverte le 1", "er", "juillet à Berlin.", "La séance s'est ouverte le 1 er juillet à Berlin."),
])
def test_a_raised_footnote_call_is_dropped_and_an_exponent_kept(tmp_path, before, raised, after, read):
    path = tmp_path / "doc.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = HEIGHT - 90
    pdf.setFont("Helvetica", 10)
    pdf.drawString(LEFT, y, before)
    end = LEFT + pdf.stringWidth(before, "Helvetica", 10)
    pdf.setFont("Helvetica", 6)
    pdf.drawString(end, y + 3, raised)
    pdf.setFont("Helvetica", 10)
    pdf.drawString(end + 10, y, after)
    pdf.showPage()
    pdf.save()
    assert [" ".join(block.lines) for block in read_blocks(path)] == [read]


def test_a_number_in_the_lines_own_font_is_kept(tmp_path):
    path = tmp_path / "doc.pdf"
    write_pdf(path, [[body("Les participants ont salué la résolution 2719 du Conseil de sécurité, 12 pays")]],
              running=False)
    assert [" ".join(block.lines) for block in read_blocks(path)] == [
        "Les participants ont salué la résolution 2719 du Conseil de sécurité, 12 pays"]


def shift_page_box(path: Path, shift: float) -> None:
    """Move the page box and its content right by shift points (some PDFs' boxes do not start at 0)."""
    writer = PdfWriter(clone_from=str(path))
    for page in writer.pages:
        page.add_transformation(Transformation().translate(shift, 0))
        page.mediabox = RectangleObject([shift, 0, WIDTH + shift, HEIGHT])
    with path.open("wb") as out:
        writer.write(out)


@pytest.mark.parametrize(("offset", "box_shift"), [(0, 0), (5, 0), (0, 300)])
def test_two_columns_under_a_title_read_left_column_first(tmp_path, offset, box_shift):
    path = tmp_path / "doc.pdf"
    right = WIDTH / 2 + 20
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(LEFT, HEIGHT - 70, "Résumé du débat sur le renforcement de la coopération triangulaire des opérations")
    pdf.setFont("Helvetica", 10)
    left_lines = ["Les participants ont", "souligné que la paix", "restait fragile et que", "les pays fournisseurs"]
    right_lines = ["avaient besoin d'aide.", "Ils ont salué les", "efforts des pays", "hôtes."]
    y = HEIGHT - 100
    for index, (left_text, right_text) in enumerate(zip(left_lines, right_lines, strict=True)):
        pdf.drawString(LEFT, y, left_text)
        # The columns' baselines need not match; paragraph spacing after "aide."
        pdf.drawString(right, y - offset - (8 if index else 0), right_text)
        y -= LEADING
    pdf.showPage()
    pdf.save()
    if box_shift:
        shift_page_box(path, box_shift)
    assert [" ".join(block.lines) for block in read_blocks(path)] == [
        "Résumé du débat sur le renforcement de la coopération triangulaire des opérations",
        "Les participants ont souligné que la paix restait fragile et que les pays fournisseurs avaient besoin d'aide.",
        "Ils ont salué les efforts des pays hôtes.",
    ]


def test_short_line_ending_with_a_colon_goes_on_in_lowercase(tmp_path):
    path = tmp_path / "doc.pdf"
    write_pdf(path, [[
        body("Les membres du Conseil ont participé à un débat sur le thème de la paix et de"),
        body("la coopération triangulaire :"),
        body("renforcer la coopération."),
        body("a) Les pays fournisseurs ont été consultés :"),
        body("b) les pays hôtes ont été entendus."),
    ]], running=False)
    assert [" ".join(block.lines) for block in read_blocks(path)] == [
        ("Les membres du Conseil ont participé à un débat sur le thème de la paix et de la coopération "
        "triangulaire : renforcer la coopération."),
        "a) Les pays fournisseurs ont été consultés :",
        "b) les pays hôtes ont été entendus.",
    ]


def test_symbol_running_head_on_every_page_still_gives_the_symbols(tmp_path):
    path = tmp_path / "doc.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for text in ("Les participants ont souligné que la paix restait fragile.", "Ils ont salué les pays hôtes."):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(LEFT, HEIGHT - 40, "A/79/923 S/2025/341")
        pdf.setFont("Helvetica", 10)
        pdf.drawString(LEFT, HEIGHT - 90, text)
        pdf.showPage()
    pdf.save()
    document = read_document(path, expected_language="fr")
    assert document.symbols == ("A/79/923", "S/2025/341")
    assert [paragraph.text for paragraph in document.paragraphs] == [
        "Les participants ont souligné que la paix restait fragile.",
        "Ils ont salué les pays hôtes.",
    ]


@pytest.mark.parametrize(
    ("elsewhere", "joined"),
    [
        # The same document writes the compound with its hyphen elsewhere: the line-end hyphen is its own.
        ("They agreed on long-term goals.", "supported long-term stability in the region."),
        # ... or writes the word whole: the hyphen was the typesetter's.
        ("They praised longterm planning.", "supported longterm stability in the region."),
    ],
)
def test_the_documents_own_usage_decides_a_line_end_hyphen(tmp_path, elsewhere, joined):
    path = tmp_path / "doc.pdf"
    write_pdf(path, [[body("Participants said that the peacekeeping partnership supported long-"),
                      body("term stability in the region."), body(""), body(elsewhere)]], running=False)
    document = read_document(path, expected_language="en")
    assert document.paragraphs[0].text.endswith(joined)


def test_long_paragraph_cut_by_a_page_before_a_name_is_rejoined(tmp_path):
    path = tmp_path / "doc.pdf"
    write_pdf(path, [
        [body("Des exposés ont été présentés par les personnalités suivantes : le Secrétaire général"),
         body("adjoint aux opérations de paix et la chercheuse Alexandra")],
        [body("Novosseloff. Six pays fournisseurs de contingents ont également été invités.")],
    ])
    assert len(paragraphs(path)) == 1
    assert "Alexandra Novosseloff. Six pays" in paragraphs(path)[0][0]


def _page_with_foot(path: Path, foot: list[tuple[str, float]], body_lines: int = 3) -> None:
    """Body lines in 10-point Helvetica, then `foot` lines (text, size) at the foot of the page."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = HEIGHT - 90
    pdf.setFont("Helvetica", 10)
    for line in ["Les participants ont salué la résolution 2719 du Conseil de sécurité et ont",
                 "réaffirmé leur attachement au maintien de la paix et à la protection des civils",
                 "dans toutes les missions, et ils ont remercié les pays hôtes de leur appui."][:body_lines]:
        pdf.drawString(LEFT, y, line)
        y -= LEADING
    y = 90
    for text, size in foot:
        pdf.setFont("Helvetica", size)
        pdf.drawString(LEFT, y, text)
        y -= size * 1.3
    pdf.showPage()
    pdf.save()


def test_footnotes_at_the_foot_of_a_page_are_dropped_as_a_word_document_has_none_in_its_text(tmp_path):
    path = tmp_path / "doc.pdf"
    _page_with_foot(path, [("12 Voir S/2023/123, par. 4, et le rapport du Secrétaire général", 8),
                           ("sur la protection des civils (S/2024/385).", 8), ("13 Résolution 2719 (2023).", 8)])
    texts = [" ".join(block.lines) for block in read_blocks(path)]
    assert len(texts) == 1 and texts[0].endswith("pays hôtes de leur appui.")
    assert not any("S/2023/123" in text or "Résolution 2719 (2023)" in text for text in texts)


@pytest.mark.parametrize(("foot", "kept"), [
    ([("(Signé) Annalena Baerbock", 8)], "(Signé) Annalena Baerbock"),  # small print without a number
    ([("12 pays ont pris la parole au cours du débat.", 10)], "12 pays ont pris la parole"),  # body font
])
def test_small_print_that_is_no_footnote_and_numbered_body_text_stay(tmp_path, foot, kept):
    path = tmp_path / "doc.pdf"
    _page_with_foot(path, foot)
    assert any(kept in " ".join(block.lines) for block in read_blocks(path))


def test_a_page_of_small_print_stays_whole(tmp_path):
    path = tmp_path / "doc.pdf"
    _page_with_foot(path, [("12 pays ont pris la parole au cours du débat, et", 8), ("ils ont salué la présidence.", 8),
                           ("Les débats se sont poursuivis.", 8), ("La séance a été levée à 18 heures.", 8)],
                    body_lines=1)
    assert any("12 pays ont pris la parole" in " ".join(block.lines) for block in read_blocks(path))
