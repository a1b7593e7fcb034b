"""PDF and Word alike: the bundled documents typeset as PDF align as their text does.

    python benchmarks/bench_pdf.py [--corpus corpus] [--model use] [--no-hyphenation] [--columns 2] [--via word]

Each bundled document (corpus/fr, corpus/en) is read as text, typeset to PDF
with reportlab the way UN documents are printed (headings in bold, justified
lines hyphenated at their ends with pyphen, the document symbol as running
head and the page number as footer; --columns 2 sets the text in two columns), read back, and aligned with the
bundled USE embedder. The figure is the share of sentence links of the .txt
alignment that the PDF alignment reproduces exactly (same French and English
text), for the French side as PDF, the English side as PDF and both; plus the
flagged link counts. `--via word` writes each document as a .docx instead
(python-docx) and lets LibreOffice print it to PDF, as the issue's test asks.
The bundled corpus is the only data: no tuning split.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aligner.align.pipeline import align_documents  # noqa: E402
from aligner.embed import load_embedder  # noqa: E402
from aligner.read.document import read_document  # noqa: E402
from aligner.read.model import Document  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# The French document of each bundled pair and its English original.
PAIRS = (
    ("fr/berlin-ministerial-2025-chair-summary.txt", "en/A-79-923-S-2025-341.txt"),
    ("fr/peru-letter-2019-triangular-cooperation.md", "en/S-2019-triangular-cooperation-debate-summary.txt"),
)
PYPHEN_LANGUAGES = {"fr": "fr_FR", "en": "en_GB"}


def typeset(document: Document, target: Path, running_head: str, *, hyphenate: bool, columns: int = 1) -> None:
    """The document as a UN-like PDF: bold headings, justified body, running head and page footer."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

    language = PYPHEN_LANGUAGES[document.language] if hyphenate else None
    body = ParagraphStyle(
        "body", fontName="Times-Roman", fontSize=10, leading=12, alignment=TA_JUSTIFY,
        spaceAfter=6, hyphenationLang=language, embeddedHyphenation=0, uriWasteReduce=0.3,
    )
    heading = ParagraphStyle("heading", fontName="Times-Bold", fontSize=11, leading=13, spaceBefore=6, spaceAfter=6)

    def decorate(canvas, doc) -> None:  # noqa: ANN001 (reportlab's callback signature)
        canvas.setFont("Times-Roman", 8)
        canvas.drawString(72, A4[1] - 40, running_head)
        canvas.drawRightString(A4[0] - 72, 30, f"{doc.page}")

    story = []
    for paragraph in document.paragraphs:
        text = f"{paragraph.number} {paragraph.text}" if paragraph.number else paragraph.text
        story.append(Paragraph(escape(text), heading if paragraph.heading else body))
    left, bottom, gutter = 72, 60, 18
    width, height = A4[0] - 2 * left, A4[1] - 72 - bottom
    column = (width - gutter * (columns - 1)) / columns
    frames = [Frame(left + index * (column + gutter), bottom, column, height) for index in range(columns)]
    template = BaseDocTemplate(str(target), pagesize=A4)
    template.addPageTemplates([PageTemplate(frames=frames, onPage=decorate)])
    template.build(story)


def typeset_via_word(document: Document, target: Path, running_head: str, *, hyphenate: bool) -> None:
    """The document as a Word file (Heading 1 headings, justified body, symbol header, page footer),
    turned into PDF by LibreOffice, as a UN document reaches a translator.
    """
    import subprocess

    from docx import Document as WordDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word = WordDocument()
    section = word.sections[0]
    section.header.paragraphs[0].text = running_head
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    page = OxmlElement("w:fldSimple")
    page.set(qn("w:instr"), "PAGE")
    footer._p.append(page)
    if hyphenate:
        word.settings.element.append(OxmlElement("w:autoHyphenation"))
    word.core_properties.language = document.language
    for paragraph in document.paragraphs:
        text = f"{paragraph.number} {paragraph.text}" if paragraph.number else paragraph.text
        if paragraph.heading:
            word.add_heading(text, level=1)
        else:
            word.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    source = target.with_suffix(".docx")
    word.save(source)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise SystemExit("--via word needs LibreOffice (apt-get install libreoffice-writer-nogui)")
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(target.parent), str(source)],
                   check=True, capture_output=True, timeout=300)
    source.unlink()


def identical_share(reference, candidate) -> float:  # noqa: ANN001 (DocumentAlignment)
    def key(link) -> tuple[str, str]:  # noqa: ANN001
        return " ".join(link.fr.split()), " ".join(link.en.split())

    found = {key(link) for link in candidate.sentence_links}
    return sum(key(link) in found for link in reference.sentence_links) / max(len(reference.sentence_links), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--model", default="use")
    parser.add_argument("--no-hyphenation", action="store_true")
    parser.add_argument("--columns", type=int, default=1, help="text columns per page (2: a two-column layout)")
    parser.add_argument("--via", choices=("reportlab", "word"), default="reportlab",
                        help="word: write a .docx and let LibreOffice make the PDF")
    args = parser.parse_args()
    embedder = load_embedder(args.model)
    totals: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for fr_name, en_name in PAIRS:
            text = {
                "fr": read_document(args.corpus / fr_name, expected_language="fr"),
                "en": read_document(args.corpus / en_name, expected_language="en"),
            }
            # Both language versions carry the symbol of the pair as their running head.
            symbol = " ".join(text["fr"].symbols or text["en"].symbols) or Path(fr_name).stem
            pdf = {}
            for language, document in text.items():
                target = Path(folder) / f"{Path(document.path).stem}.pdf"
                if args.via == "word":
                    typeset_via_word(document, target, symbol, hyphenate=not args.no_hyphenation)
                else:
                    typeset(document, target, symbol, hyphenate=not args.no_hyphenation, columns=args.columns)
                pdf[language] = read_document(target, expected_language=language)
                if pdf[language].symbols != document.symbols:
                    print(f"  {language}.pdf symbols {pdf[language].symbols} != .txt {document.symbols}")
            reference = align_documents(text["fr"], text["en"], embedder)
            print(f"{fr_name}: {len(reference.sentence_links)} sentence links, "
                  f"{reference.flagged_count} flagged as .txt")
            for label, fr, en in (("fr.pdf", pdf["fr"], text["en"]), ("en.pdf", text["fr"], pdf["en"]),
                                  ("both.pdf", pdf["fr"], pdf["en"])):
                result = align_documents(fr, en, embedder)
                share = identical_share(reference, result)
                totals.setdefault(label, []).append(share)
                print(f"  {label:9} identical {share:6.1%}  flagged {result.flagged_count:3d}  "
                      f"paragraphs fr {len(fr.paragraphs)}/{len(text['fr'].paragraphs)} "
                      f"en {len(en.paragraphs)}/{len(text['en'].paragraphs)}")
    for label, shares in totals.items():
        print(f"mean {label:9} identical {sum(shares) / len(shares):6.1%}")


if __name__ == "__main__":
    main()
