"""UN layout noise removal, page-break rejoining, numbering, headings and symbols."""

import pytest

from aligner.read.cleanup import (
    clean_blocks,
    find_symbols,
    is_noise_line,
    split_number,
    strip_markdown,
)
from aligner.read.document import Paragraph
from aligner.read.model import PAGE_BREAK, Block
from aligner.read.readers import blocks_from_text


def clean(text: str) -> list[Paragraph]:
    return list(clean_blocks(blocks_from_text(text)))


def texts(text: str) -> list[str]:
    return [paragraph.text for paragraph in clean(text)]


@pytest.mark.parametrize(
    "line",
    [
        "A/79/923",  # running head: the symbol alone
        "S/2025/341",
        "A/79/923-S/2025/341",  # a joint document's symbols
        "A/79/923–S/2025/341",  # joined by an en dash
        "  A/79/923  ",
        "2/4",  # page marks
        "2/4 25-08590",
        "25-08590 3/4",
        "4/4 25-08590",
        "25-08590",  # job numbers
        "25-08590 (E)",
        "19-17889 (F)    241019    251019",
        "*1917889*",  # the job number's barcode
        "---",  # horizontal rules
        "***",
        "United Nations A/79/923–S/2025/341",  # the first page's masthead
        "Nations Unies S/2019/814",
        "**A/79/923**",  # a running head in bold
        "Please recycle ♲",
    ],
)
def test_noise_lines(line):
    assert is_noise_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "General Assembly",
        "3 June 2025",
        "Distr.: General",
        "2019",
        "Agenda item 51",
        "See A/79/923 for details.",  # a symbol quoted in text
        "Security Council resolution 2719 (2023)",
        "1. Renewed commitment to United Nations peacekeeping",
        "- a list item",
    ],
)
def test_real_text_is_not_noise(line):
    assert not is_noise_line(line)


def test_noise_blocks_are_removed_and_real_header_lines_kept():
    text = (
        "United Nations A/79/923–S/2025/341\n\nGeneral Assembly\n\nDistr.: General\n\n"
        "3 June 2025\n\n25-08590 (E)\n\n---\n\nThe Council met.\n\n4/4 25-08590"
    )
    assert texts(text) == ["General Assembly", "Distr.: General", "3 June 2025", "The Council met."]


def test_noise_line_inside_a_block_is_removed():
    assert texts("The Council met.\nA/79/923\nS/2025/341\nThe Assembly met.") == [
        "The Council met.",
        "The Assembly met.",
    ]


def test_page_break_inside_a_sentence_is_rejoined():
    # The French Berlin text: a paragraph cut by "2/4 25-08590".
    text = "Ils ont salué les efforts\n\n2/4 25-08590\n\nfaits pour renforcer l'efficacité."
    assert texts(text) == ["Ils ont salué les efforts faits pour renforcer l'efficacité."]


def test_bare_job_number_break_is_rejoined():
    text = "en accordant\n\n25-08590\n\nune attention particulière aux besoins."
    assert texts(text) == ["en accordant une attention particulière aux besoins."]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("The applied more flexibly.", "3. Peacekeeping reform and partnerships"),  # final period
        ("They stressed the following:", "the need to act."),  # a colon ends it
        ("The Council met on", "Monday to vote."),  # next starts with a capital
        ("## Title without period", "continued text."),  # a heading is never continued
        ("The Council met on", "1. the first item."),  # a numbered paragraph starts afresh
    ],
)
def test_page_break_between_whole_paragraphs_does_not_join(before, after):
    text = f"{before}\n\nA/79/923\nS/2025/341\n\n2/4 25-08590\n\n{after}"
    assert len(clean(text)) == 2


def test_blank_line_without_page_break_never_joins():
    assert len(clean("The Council met on\n\nmonday to vote.")) == 2


def test_reader_page_break_joins_like_a_page_mark():
    blocks = [Block(("Ils ont salué les efforts",)), PAGE_BREAK, Block(("faits pour renforcer.",))]
    assert [p.text for p in clean_blocks(blocks)] == ["Ils ont salué les efforts faits pour renforcer."]


def test_hard_wrapped_lines_are_one_paragraph():
    # The French Peru file: a bold title over four lines with markdown line breaks.
    text = (
        "**Annexe à la lettre datée du 8 octobre 2019 adressée au Président  \n"
        "du Conseil de sécurité par le Chargé d'affaires par intérim  \n"
        "des Nations Unies**\n\nDistr. générale  \n23 octobre 2019  \nFrançais"
    )
    paragraphs = clean(text)
    assert paragraphs[0] == Paragraph(
        text="Annexe à la lettre datée du 8 octobre 2019 adressée au Président du Conseil de "
        "sécurité par le Chargé d'affaires par intérim des Nations Unies",
        heading=True,
    )
    assert paragraphs[1].text == "Distr. générale 23 octobre 2019 Français"


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**Leendertse**", "Leendertse"),
        ("(*Signé*) Paul **Duclos**", "(Signé) Paul Duclos"),
        ("intitulée *L'avenir du maintien de la paix*, ressource", "intitulée L'avenir du maintien de la paix, ressource"),
        ("#### 5. Coopération", "5. Coopération"),
        ("1\\. Le texte", "1. Le texte"),
        ("2 * 3 = 6 and 4 * 5", "2 * 3 = 6 and 4 * 5"),  # arithmetic is not emphasis
    ],
)
def test_strip_markdown(markdown, plain):
    assert strip_markdown(markdown) == plain


@pytest.mark.parametrize(
    ("text", "number", "rest"),
    [
        ("1. Le 10 juillet 2019, les membres", "1.", "Le 10 juillet 2019, les membres"),
        ("12. On 10 July", "12.", "On 10 July"),
        ("3.1. Sub-section", "3.1.", "Sub-section"),
        ("IV. Background", "IV.", "Background"),
        ("(a) the first item", "(a)", "the first item"),
        ("b) the second item", "b)", "the second item"),
        ("2019. The year", None, "2019. The year"),  # a year is not a paragraph number
        ("1 000 personnes", None, "1 000 personnes"),
        ("3.5 per cent", None, "3.5 per cent"),
    ],
)
def test_split_number(text, number, rest):
    assert split_number(text) == (number, rest)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Numbered paragraph: running text with a final period.
        ("1. Le 10 juillet 2019, le Conseil a siégé.", Paragraph("Le 10 juillet 2019, le Conseil a siégé.", "1.")),
        # Numbered heading: short, no final period.
        ("1. Renewed commitment to United Nations peacekeeping", Paragraph("Renewed commitment to United Nations peacekeeping", "1.", True)),
        # Markdown heading with a number.
        ("## 1. Renouvellement de l'engagement", Paragraph("Renouvellement de l'engagement", "1.", True)),
        # Markdown heading without a number.
        ("### Résumé établi par la présidence", Paragraph("Résumé établi par la présidence", None, True)),
        # A wholly bold block is a title.
        ("**Résumé du débat**", Paragraph("Résumé du débat", None, True)),
        # A short title-like line.
        ("Chair's summary", Paragraph("Chair's summary", None, True)),
        # A line ending with a colon introduces what follows: not a heading.
        ("As host, Germany draws the following conclusions:", Paragraph("As host, Germany draws the following conclusions:")),
        # Running text.
        ("The Council met. It voted.", Paragraph("The Council met. It voted.")),
    ],
)
def test_numbers_and_headings(text, expected):
    assert clean(text) == [expected]


def test_format_heading_mark_is_kept():
    blocks = [Block(("Introduction to the report.",), heading=True)]
    assert clean_blocks(blocks) == (Paragraph("Introduction to the report.", None, True),)


@pytest.mark.parametrize(
    ("lines", "symbols"),
    [
        (["A/79/923-S/2025/341", "", "Distr. générale"], ("A/79/923", "S/2025/341")),
        (["United Nations A/79/923–S/2025/341", "General Assembly"], ("A/79/923", "S/2025/341")),
        # Running heads deep in the text count; a resolution quoted in a sentence does not.
        (
            ["Security Council", "Distr.: General", "23 October 2019", "Original: English",
             "Referring to resolution S/RES/2719 (2023), they agreed.", "S/2019/814"],
            ("S/2019/814",),
        ),
        (["Nations Unies E/CN.6/2020/3"], ("E/CN.6/2020/3",)),
        (["A/RES/75/1"], ("A/RES/75/1",)),
        (["S/2025/341/Add.1"], ("S/2025/341/Add.1",)),
        (["Conseil de sécurité", "Distr. générale", "Lettre du 8 octobre 2019 adressée au Président"], ()),
    ],
)
def test_find_symbols(lines, symbols):
    assert find_symbols(lines) == symbols
