"""File formats -> blocks: text encodings, Word, PDF and HTML, and their errors."""

import codecs
import struct
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from aligner.errors import InputFileError
from aligner.read import readers
from aligner.read.model import PAGE_BREAK, Block
from aligner.read.readers import read_blocks, read_lines

FRENCH = "Le Conseil de sécurité a adopté la résolution à l'unanimité."


def pdf_with_text(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF whose pages show the given lines in Helvetica (WinAnsi encoding)."""
    objects: list[bytes] = []
    page_ids = [4 + 2 * index for index in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(b"%d 0 R" % page_id for page_id in page_ids)
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for page_id, lines in zip(page_ids, pages):
        shown = b" ".join(
            b"(%s) Tj T*" % line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")
            for line in lines
        )
        stream = b"BT /F1 10 Tf 14 TL 72 720 Td " + shown + b" ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_id + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def texts(blocks) -> list[str]:
    return [" ".join(block.lines) for block in blocks if not block.page_break]


# --- text files and encodings ---------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),  # Python writes the BOM
        lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        lambda text: text.encode("cp1252"),  # older Windows French files
        # UTF-8 read as Windows-1252 and saved again as UTF-8: "Ã‰tats" for "États"
        lambda text: text.encode("utf-8").decode("cp1252").encode("utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "cp1252", "utf-8-twice"],
)
def test_text_encodings(tmp_path, encode):
    path = tmp_path / "doc.txt"
    path.write_bytes(encode(f"{FRENCH}\n\nÀ l’égard des États « Membres ».\n"))
    assert texts(read_blocks(path)) == [FRENCH, "À l’égard des États « Membres »."]


def test_a_text_that_only_quotes_a_stray_mark_is_left_as_it_is(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text(f"{FRENCH}\n\nLe mot « Ã© » est une erreur d'encodage courante.\n", encoding="utf-8")
    assert texts(read_blocks(path))[1] == "Le mot « Ã© » est une erreur d'encodage courante."


def test_text_blocks_split_on_blank_lines_and_form_feeds(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text("Line one\r\nline two\r\n\r\n\r\nNext\fAfter the page\n", encoding="utf-8")
    assert read_blocks(path) == (
        Block(("Line one", "line two")),
        Block(("Next",)),
        PAGE_BREAK,
        Block(("After the page",)),
    )


def test_read_lines_keeps_every_line(tmp_path):
    path = tmp_path / "bitext.txt"
    path.write_text("First line.\r\n\n  Third, indented.  \n2/4 25-08590\nLast\n", encoding="utf-8")
    assert read_lines(path) == ("First line.", "", "  Third, indented.  ", "2/4 25-08590", "Last")


def test_read_lines_without_final_newline(tmp_path):
    path = tmp_path / "bitext.txt"
    path.write_text("One\nTwo", encoding="utf-8")
    assert read_lines(path) == ("One", "Two")


# --- Word -------------------------------------------------------------------------


def test_docx_paragraphs_headings_and_tables(tmp_path):
    document = docx.Document()
    document.add_heading("Résumé établi par la présidence", level=1)
    document.add_paragraph(FRENCH)
    document.add_paragraph("   ")  # empty paragraphs are skipped
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "A/79/923"
    table.cell(0, 1).text = "Distr. générale"
    document.add_paragraph("Dernier paragraphe.")
    path = tmp_path / "doc.docx"
    document.save(path)
    blocks = read_blocks(path)
    assert texts(blocks) == [
        "Résumé établi par la présidence", FRENCH, "A/79/923", "Distr. générale", "Dernier paragraphe."
    ]
    assert [block.heading for block in blocks] == [True, False, False, False, False]


def test_docx_read_lines_gives_one_line_per_paragraph(tmp_path):
    document = docx.Document()
    document.add_paragraph("Un.")
    document.add_paragraph("Deux.")
    path = tmp_path / "doc.docx"
    document.save(path)
    assert read_lines(path) == ("Un.", "Deux.")


@pytest.mark.parametrize(
    "write",
    [
        lambda path: path.write_bytes(b"PK\x03\x04 this is not really a zip file"),
        lambda path: zipfile.ZipFile(path, "w").writestr("hello.txt", "not a Word package"),
    ],
    ids=["corrupt-zip", "zip-without-word-parts"],
)
def test_unreadable_docx(tmp_path, write):
    path = tmp_path / "broken.docx"
    write(path)
    with pytest.raises(InputFileError, match=r"broken\.docx is not a readable Word document.*save it again"):
        read_blocks(path)


def test_a_text_file_named_docx_is_told_to_be_renamed(tmp_path):
    path = tmp_path / "lettre.docx"
    path.write_text(f"{FRENCH}\n\nÀ l’égard des États Membres.\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"lettre\.docx is plain text, not a Word document; rename it with a \.txt"):
        read_blocks(path)


def word_file_with_body(path: Path, change_xml) -> Path:
    """A valid Word file whose word/document.xml is replaced by change_xml(original XML)."""
    document = docx.Document()
    for number in range(20):
        document.add_paragraph(f"{FRENCH} Paragraphe {number}.")
    original = path.with_name("original.docx")
    document.save(original)
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change_xml(data) if item.filename == "word/document.xml" else data)
    return path


def declare_member_size(path: Path, member: str, size: int) -> None:
    """Make the zip's central directory claim that `member` inflates to `size` bytes."""
    data = bytearray(path.read_bytes())
    at = data.index(b"PK\x01\x02")  # central directory entries: name length at +28, name at +46
    while data[at + 46:at + 46 + struct.unpack_from("<H", data, at + 28)[0]] != member.encode():
        at = data.index(b"PK\x01\x02", at + 4)
    struct.pack_into("<I", data, at + 24, size)  # the uncompressed size field
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("keep", [0.5, 0.9, 0.999], ids=["half", "most", "all-but-the-end"])
def test_word_file_with_truncated_xml_is_one_error(tmp_path, keep):
    # A download cut short inside document.xml, re-zipped: the zip is valid, the XML is not.
    path = word_file_with_body(tmp_path / "cut.docx", lambda xml: xml[:int(len(xml) * keep)])
    with pytest.raises(InputFileError, match=r"cut\.docx is not a readable Word document \(XMLSyntaxError\)"):
        read_blocks(path)


@pytest.mark.parametrize(
    ("member", "size", "what"),
    [
        ("word/document.xml", 2_000_000_000, "of XML"),  # a zip bomb: 2 GB of XML in a few KB
        ("word/styles.xml", readers.MAX_WORD_XML_BYTES + 1, "of XML"),
        ("word/media/image1.png", readers.MAX_WORD_UNPACKED_BYTES + 1, "in all"),
    ],
    ids=["document-2GB", "styles-just-over", "image-over-total"],
)
def test_word_file_that_unpacks_past_the_limit_is_refused_unread(tmp_path, member, size, what):
    path = word_file_with_body(tmp_path / "bomb.docx", lambda xml: xml)
    if member == "word/media/image1.png":
        with zipfile.ZipFile(path, "a") as package:
            package.writestr(member, b"\xff\xd8 not much of an image")
    declare_member_size(path, member, size)
    with pytest.raises(InputFileError, match=rf"bomb\.docx unpacks to [\d,]+ MB {what}, over the \d+ MB limit"):
        read_blocks(path)


def test_normal_word_file_passes_the_size_check(tmp_path):
    # The check counts the declared sizes: a normal file passes and is read whole.
    path = word_file_with_body(tmp_path / "normal.docx", lambda xml: xml)
    assert len(read_blocks(path)) == 20


def test_word_heading_styles_are_looked_up_once_per_style(tmp_path):
    document = docx.Document()
    for number in range(3):
        document.add_heading(f"Titre {number}", level=1)
        document.add_paragraph(f"{FRENCH} {number}")
    path = tmp_path / "headings.docx"
    document.save(path)
    assert [block.heading for block in read_blocks(path)] == [True, False] * 3


# --- PDF --------------------------------------------------------------------------


def test_pdf_text_layer_paragraphs_and_page_breaks(tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(
        pdf_with_text(
            [
                [
                    "Les participants ont souligné que les opérations de maintien de la paix",
                    "restaient un instrument unique.",
                    "Ils ont salué les efforts faits par les pays fournisseurs de contingents",
                    "et de forces de police pour renforcer",
                ],
                ["A/79/923", "l'efficacité des opérations."],
            ]
        )
    )
    blocks = read_blocks(path)
    assert texts(blocks) == [
        "Les participants ont souligné que les opérations de maintien de la paix restaient un instrument unique.",
        "Ils ont salué les efforts faits par les pays fournisseurs de contingents et de forces de police pour renforcer",
        "A/79/923 l'efficacité des opérations.",
    ]
    assert PAGE_BREAK in blocks


def test_pdf_hyphenated_line_ends_are_joined(tmp_path):
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf_with_text([["The troop-contributing countries and the police-", "contributing countries met."]]))
    assert texts(read_blocks(path)) == ["The troop-contributing countries and the police-contributing countries met."]


def test_scanned_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    with path.open("wb") as file:
        writer.write(file)
    with pytest.raises(InputFileError, match=r"scan\.pdf is a scanned PDF without a text layer: run OCR first"):
        read_blocks(path)


def test_unreadable_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a PDF body at all\n")
    with pytest.raises(InputFileError, match=r"broken\.pdf is not a readable PDF"):
        read_blocks(path)


# --- HTML -------------------------------------------------------------------------


def test_html_blocks(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        """<!DOCTYPE html><html><head><title>Ignored title</title>
        <style>p { color: red }</style><script>var p = "<p>not text</p>";</script></head>
        <body><h1>Résumé du  débat</h1>
        <p>Le Conseil <b>a adopté</b>
           la résolution.</p>
        <div>Loose div text is a block too.</div>
        <ul><li>Premier point ;</li><li><p>Point avec paragraphe.</p></li></ul>
        <noscript><p>Enable JavaScript.</p></noscript>
        <h3>Annexe</h3></body></html>""",
        encoding="utf-8",
    )
    blocks = read_blocks(path)
    assert texts(blocks) == [
        "Résumé du débat", "Le Conseil a adopté la résolution.", "Loose div text is a block too.", "Premier point ;",
        "Point avec paragraphe.", "Annexe"
    ]
    assert [block.heading for block in blocks] == [True, False, False, False, False, True]


def test_html_text_outside_paragraphs_is_read_too_quotes_tables_and_divs(tmp_path):
    # A quoted operative paragraph and a table of figures are the document's text:
    # dropping them would hide a changed figure from the number check.
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><nav><a href='/'>Accueil</a></nav><p>Le Conseil a examiné la situation.</p>"
        "<blockquote>Le Conseil exige un <i>cessez-le-feu</i>.</blockquote>"
        "<table><tr><th>Pays</th><th>Effectif</th></tr><tr><td>Allemagne</td><td>1 200</td></tr></table>"
        "<div>Avant la liste<ul><li>Un</li></ul>après la liste.<br>Nouvelle ligne</div></body></html>",
        encoding="utf-8",
    )
    assert texts(read_blocks(path)) == [
        "Le Conseil a examiné la situation.", "Le Conseil exige un cessez-le-feu.", "Pays", "Effectif", "Allemagne",
        "1 200", "Avant la liste", "Un", "après la liste. Nouvelle ligne",
    ]


def test_html_external_entities_are_not_loaded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    path = tmp_path / "page.htm"
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<html><body><p>Le Conseil &xxe; a voté.</p></body></html>",
        encoding="utf-8",
    )
    assert "TOP SECRET" not in " ".join(texts(read_blocks(path)))


def test_html_without_blocks_has_no_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>alert(1)</script></body></html>", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"empty\.html holds no text"):
        read_blocks(path)


# --- errors -----------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(InputFileError, match=r"missing\.txt: no such file"):
        read_blocks(tmp_path / "missing.txt")


def test_directory(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(InputFileError, match=r"folder\.txt is a folder, not a document"):
        read_blocks(folder)


def test_unknown_suffix_lists_the_supported_ones(tmp_path):
    path = tmp_path / "doc.odt"
    path.write_text("text", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"doc\.odt: cannot read '\.odt' files.*\.txt \.md \.docx \.pdf \.html \.htm"):
        read_blocks(path)


@pytest.mark.parametrize(("content", "message"), [(b"", "is empty"), (b"  \n\t\n \r\n", "holds no text")])
def test_empty_and_blank_files(tmp_path, content, message):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=rf"blank\.txt {message}"):
        read_blocks(path)


def test_blank_file_in_lines_mode(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b"\n\n\n")
    with pytest.raises(InputFileError, match=r"blank\.txt holds only blank lines"):
        read_lines(path)


def test_binary_file_with_nul_bytes(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(InputFileError, match=r"image\.txt looks binary"):
        read_blocks(path)


def test_undecodable_file(tmp_path):
    path = tmp_path / "odd.txt"
    # Bytes undefined in Windows-1252 and invalid as UTF-8.
    path.write_bytes(b"Le Conseil \x81\x8d\x8f\x90\x9d a vot\xe9.")
    with pytest.raises(InputFileError, match=r"odd\.txt is not readable text.*save it as UTF-8"):
        read_blocks(path)


def test_control_characters_mean_binary(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(bytes(range(1, 9)) * 20 + b"some text")
    with pytest.raises(InputFileError, match=r"controls\.txt is not readable text"):
        read_blocks(path)


def test_huge_file(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_TEXT_BYTES", 1024 * 1024)
    path = tmp_path / "huge.txt"
    path.write_text(FRENCH * 40_000, encoding="utf-8")
    with pytest.raises(InputFileError, match=r"huge\.txt is \d+ MB, over the 1 MB limit; split it into smaller files"):
        read_blocks(path)


def test_pdf_page_break_inside_a_paragraph_is_rejoined(tmp_path):
    from aligner.read.document import read_document

    path = tmp_path / "doc.pdf"
    path.write_bytes(
        pdf_with_text(
            [
                ["Les participants ont souligné que les opérations de maintien de la paix", "ont été utiles.",
                 "Ils ont salué les efforts faits par les pays fournisseurs de contingents et de", "forces de police"],
                ["A/79/923", "S/2025/341", "pour renforcer l'efficacité des opérations.", "2/4 25-08590"],
            ]
        )
    )
    document = read_document(path, expected_language="fr")
    assert [paragraph.text for paragraph in document.paragraphs] == [
        "Les participants ont souligné que les opérations de maintien de la paix ont été utiles.",
        "Ils ont salué les efforts faits par les pays fournisseurs de contingents et de forces de police "
        "pour renforcer l'efficacité des opérations.",
    ]
    assert document.symbols == ("A/79/923", "S/2025/341")


def test_a_markdown_table_is_read_cell_by_cell_as_a_word_table_is(tmp_path):
    path = tmp_path / "rapport.md"
    path.write_text("Le rapport.\n\n| Pays | Montant |\n|------|--------:|\n| Allemagne | 1 200 |\n\nFin.\n",
                    encoding="utf-8")
    assert texts(read_blocks(path)) == ["Le rapport.", "Pays", "Montant", "Allemagne", "1 200", "Fin."]


def test_lines_between_pipes_without_a_rule_are_text_not_a_table(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("| a gauche |\n| a droite |\n", encoding="utf-8")
    assert [block.lines for block in read_blocks(path)] == [("| a gauche |", "| a droite |")]
