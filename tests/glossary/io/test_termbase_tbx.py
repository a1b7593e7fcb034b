"""The TBX-Basic term base: structure, picklists, foreign files, refused entities."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from glossary.termbase import STATUSES, MalformedTermBaseError, TermBase, TermEntry, UnsafeXmlError
from glossary.io.files import read_termbase, write_termbase

FIXTURES = Path(__file__).parent / "fixtures"
NS = "urn:iso:std:iso:30042:ed-2"
T = f"{{{NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
N = {"t": NS}

ADMIN_STATUSES = ("admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "preferredTerm-admn-sts")
TBX_BASIC_POS = ("adjective", "noun", "other", "verb", "adverb")

ENTRIES = (
    TermEntry(
        id="T0001", fr="coopération triangulaire", en="triangular cooperation",
        fr_variants=("coopération trilatérale",), en_variants=("trilateral cooperation",),
        fr_frequency=5, en_frequency=4, confidence=0.82, status="validated",
        fr_context="La coopération « triangulaire » progresse.", en_context="Triangular cooperation is progressing.",
        sources=("A/79/923", "S/2025/341"),
    ),
    TermEntry(id="T0002", fr="Commission de consolidation de la paix", en="Peacebuilding Commission",
              pos="properNoun", label="organization", status="reference", confidence=1.0),
    TermEntry(id="T0003", fr="MINUSMA", en="MINUSMA", label="acronym", status="rejected",
              fr_variants=("Minusma",), confidence=0.2),
    TermEntry(id="T0004", fr="mission de bons offices", en="", note="French only: no English original",
              fr_context="La mission de bons offices continue.", sources=("A/80/1-fr.docx",)),
)
TERMBASE = TermBase(ENTRIES, corpus="corpus/", model="usem3", created="2025-06-01")


@pytest.fixture()
def tbx_path(tmp_path):
    return write_termbase(TERMBASE, tmp_path / "termbase.tbx")


@pytest.fixture()
def root(tbx_path):
    return etree.parse(str(tbx_path)).getroot()


def test_declaration_schema_reference_and_root(tbx_path, root):
    text = tbx_path.read_text(encoding="utf-8")
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>")
    pi = root.getprevious()
    assert isinstance(pi, etree._ProcessingInstruction) and pi.target == "xml-model"
    assert "TBXcoreStructV03_TBX-Basic_integrated.rng" in pi.text
    assert 'schematypens="http://relaxng.org/ns/structure/1.0"' in pi.text
    assert root.tag == f"{T}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca", "en")
    assert [child.tag for child in root] == [f"{T}tbxHeader", f"{T}text"]
    paragraphs = root.xpath("t:tbxHeader/t:fileDesc/t:sourceDesc/t:p/text()", namespaces=N)
    assert "Corpus: corpus/" in paragraphs and "Embedding model: usem3" in paragraphs


def test_valid_against_the_tbx_basic_structure_grammar(root):
    grammar = etree.RelaxNG(etree.parse(str(FIXTURES / "tbx_basic_subset.rng")))
    assert grammar.validate(root), grammar.error_log


def test_the_grammar_catches_misplaced_elements(root):
    # Guard the guard: a termNote after the context must fail validation.
    grammar = etree.RelaxNG(etree.parse(str(FIXTURES / "tbx_basic_subset.rng")))
    term_sec = root.find(f".//{T}termSec")
    term_sec.append(term_sec.find(f"{T}termNote"))
    assert not grammar.validate(root)


def test_tbx_basic_picklists_and_levels(root):
    # The co-constraints of TBX-Basic's Schematron rules, checked by hand.
    for note in root.iter(f"{T}termNote"):
        assert note.getparent().tag == f"{T}termSec"
        if note.get("type") == "administrativeStatus":
            assert note.text in ADMIN_STATUSES
        elif note.get("type") == "partOfSpeech":
            assert note.text in TBX_BASIC_POS
        elif note.get("type") == "termType":
            assert note.text in ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
    for descrip in root.iter(f"{T}descrip"):
        if descrip.get("type") == "context":
            assert descrip.getparent().tag == f"{T}descripGrp"
            assert descrip.getparent().getparent().tag == f"{T}termSec"
    for admin in root.iter(f"{T}admin"):
        assert admin.get("type") == "source"
    ids = root.xpath("//t:conceptEntry/@id", namespaces=N)
    assert ids == ["T0001", "T0002", "T0003", "T0004"]


def test_one_concept_per_entry_with_a_language_section_per_language(root):
    concepts = root.findall(f"{T}text/{T}body/{T}conceptEntry")
    assert len(concepts) == len(ENTRIES)
    languages = [[sec.get(XML_LANG) for sec in concept.findall(f"{T}langSec")] for concept in concepts]
    assert languages == [["fr", "en"], ["fr", "en"], ["fr", "en"], ["fr"]]  # French-only: no English section
    first_fr_terms = concepts[0].xpath("t:langSec[@xml:lang='fr']/t:termSec/t:term/text()", namespaces=N)
    assert first_fr_terms == ["coopération triangulaire", "coopération trilatérale"]


def test_context_carries_its_source_document(root):
    (group,) = root.xpath("//t:conceptEntry[@id='T0001']/t:langSec[@xml:lang='fr']/t:termSec[1]/t:descripGrp", namespaces=N)
    assert [(child.tag, child.get("type"), child.text) for child in group] == [
        (f"{T}descrip", "context", "La coopération « triangulaire » progresse."),
        (f"{T}admin", "source", "A/79/923"),
    ]
    sources = root.xpath("//t:conceptEntry[@id='T0001']/t:admin[@type='source']/text()", namespaces=N)
    assert sources == ["A/79/923", "S/2025/341"]


@pytest.mark.parametrize(
    ("status", "preferred", "variant"),
    [
        ("validated", "preferredTerm-admn-sts", "admittedTerm-admn-sts"),
        ("reference", "preferredTerm-admn-sts", "admittedTerm-admn-sts"),
        ("candidate", "admittedTerm-admn-sts", "admittedTerm-admn-sts"),
        ("rejected", "deprecatedTerm-admn-sts", "deprecatedTerm-admn-sts"),
    ],
)
def test_administrative_status_follows_the_review_status(tmp_path, status, preferred, variant):
    entry = TermEntry(id="T0001", fr="paix", en="peace", fr_variants=("la paix",), status=status)
    path = write_termbase(TermBase((entry,)), tmp_path / "one.tbx")
    root = etree.parse(str(path)).getroot()
    statuses = root.xpath("//t:langSec[@xml:lang='fr']/t:termSec/t:termNote[@type='administrativeStatus']/text()", namespaces=N)
    assert statuses == [preferred, variant]
    assert read_termbase(path).entries[0].status == status


def test_proper_nouns_are_nouns_to_tbx_basic_but_read_back_exactly(tbx_path, root):
    pos = root.xpath("//t:conceptEntry[@id='T0002']//t:termNote[@type='partOfSpeech']/text()", namespaces=N)
    assert set(pos) == {"noun"}
    assert read_termbase(tbx_path).by_id("T0002").pos == "properNoun"


def test_acronyms_are_marked_with_term_type(root):
    types = root.xpath("//t:conceptEntry[@id='T0003']//t:termNote[@type='termType']/text()", namespaces=N)
    assert types and set(types) == {"acronym"}


def test_ids_that_are_not_xml_names_are_replaced_and_restored(tmp_path):
    entry = TermEntry(id="12 b", fr="paix", en="peace")
    path = write_termbase(TermBase((entry,)), tmp_path / "odd.tbx")
    assert etree.parse(str(path)).getroot().xpath("//t:conceptEntry/@id", namespaces=N) == ["c1"]
    assert read_termbase(path).entries[0].id == "12 b"


def test_control_characters_are_dropped_not_fatal(tmp_path):
    entry = TermEntry(id="T0001", fr="paix\x0b", en="peace", fr_context="bell\x07 here")
    read = read_termbase(write_termbase(TermBase((entry,)), tmp_path / "ctl.tbx"))
    assert (read.entries[0].fr, read.entries[0].fr_context) == ("paix", "bell here")


def test_tbx_basic_from_another_tool():
    read = read_termbase(FIXTURES / "foreign_tbx_basic.tbx")
    assert [entry.id for entry in read.entries] == ["c17", "c18", "T0001"]  # German-only concept skipped
    troops = read.by_id("c17")
    assert troops.fr == "pays fournisseur de contingents"
    assert troops.fr_variants == ("pays contributeur de troupes",)
    assert troops.en == "troop-contributing country"  # the preferred term leads, whitespace tidied
    assert troops.en_variants == ("TCC",)
    assert troops.en_context == "Consultations with troop-contributing countries were held."
    assert troops.sources == ("S/2025/341",)
    assert troops.status == "reference"
    assert read.by_id("c18").status == "rejected"  # deprecated terms
    assert read.by_id("T0001").note == "An entry with no id of its own."
    # The id given to the concept that had none is no id of the file's: an import never matches by it.
    assert read.unsaid == {"T0001": frozenset({"id"})}


def test_tbx_2_martif_files_are_read():
    (entry,) = read_termbase(FIXTURES / "martif_tbx2.tbx").entries
    assert (entry.id, entry.fr, entry.en) == ("t1", "opération de maintien de la paix", "peacekeeping operation")
    assert entry.en_context == "The peacekeeping operation was extended."


SECRET = "paxterm-secret-4711"


@pytest.mark.parametrize(
    "document",
    [
        # external entity (XXE)
        '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY leak SYSTEM "file://{secret}">]>'
        '<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="a"><langSec xml:lang="fr">'
        "<termSec><term>&leak;</term></termSec></langSec></conceptEntry></body></text></tbx>",
        # internal entity expansion ("billion laughs")
        '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        "<tbx><text><body/></text></tbx>",
        # external parameter entity
        '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY % remote SYSTEM "http://example.invalid/x.dtd"> %remote;]><tbx/>',
        # reference to an entity declared in an external DTD
        '<?xml version="1.0"?><!DOCTYPE tbx SYSTEM "http://example.invalid/tbx.dtd"><tbx>&ghost;</tbx>',
    ],
)
def test_xml_entities_are_refused_never_read(tmp_path, document):
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(SECRET, encoding="utf-8")
    path = tmp_path / "evil.tbx"
    path.write_text(document.replace("{secret}", str(secret_file)), encoding="utf-8")
    with pytest.raises(UnsafeXmlError, match="contains XML entities; refusing to read it") as caught:
        read_termbase(path)
    assert str(path) in str(caught.value) and SECRET not in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n", "the file is empty"),
        (b'<?xml version="1.0"?><tbx><text><body><conceptEntry>', "not well-formed XML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not well-formed XML"),
        (b"<html><body>not a term base</body></html>", "not a TBX file"),
    ],
)
def test_bad_tbx_is_a_one_line_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.tbx"
    path.write_bytes(content)
    with pytest.raises(MalformedTermBaseError, match=message) as caught:
        read_termbase(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_a_bad_paxterm_note_names_the_concept(tmp_path, tbx_path):
    broken = tbx_path.read_text(encoding="utf-8").replace("paxterm confidence: 0.82", "paxterm confidence: high")
    path = tmp_path / "broken.tbx"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(MalformedTermBaseError, match="concept T0001: confidence 'high' is not a number"):
        read_termbase(path)


def test_every_status_survives(tmp_path):
    entries = tuple(TermEntry(id=f"T{i}", fr=f"terme {i}", en=f"term {i}", status=s) for i, s in enumerate(STATUSES))
    read = read_termbase(write_termbase(TermBase(entries), tmp_path / "statuses.tbx"))
    assert [entry.status for entry in read.entries] == list(STATUSES)


def test_the_revision_stamp_is_in_the_header_and_reads_back(tmp_path):
    path = write_termbase(TermBase(ENTRIES, revision="17"), tmp_path / "t.tbx")
    assert "<p>Revision: 17</p>" in path.read_text(encoding="utf-8")
    assert read_termbase(path).revision == "17"


@pytest.mark.parametrize(("status", "expected"), [("validé", "validated"), ("Rejetée", "rejected")])
def test_french_status_words_in_paxterm_notes_are_understood(tmp_path, status, expected):
    path = write_termbase(TermBase((TermEntry(id="T0001", fr="paix", en="peace"),)), tmp_path / "t.tbx")
    path.write_text(path.read_text(encoding="utf-8").replace("paxterm status: candidate", f"paxterm status: {status}"),
                    encoding="utf-8")
    assert read_termbase(path).entries[0].status == expected


def test_an_unknown_status_note_refuses_the_file_naming_the_concept(tmp_path):
    entries = (TermEntry(id="T0001", fr="paix", en="peace"), TermEntry(id="T0002", fr="guerre", en="war"))
    path = write_termbase(TermBase(entries), tmp_path / "t.tbx")
    text = path.read_text(encoding="utf-8")
    cut = text.index('id="T0002"')
    path.write_text(text[:cut] + text[cut:].replace("paxterm status: candidate", "paxterm status: approved", 1),
                    encoding="utf-8")
    with pytest.raises(MalformedTermBaseError, match="nothing was imported") as caught:
        read_termbase(path)
    assert "concept T0002: status 'approved' is not one of" in str(caught.value)
    assert "concept T0001" not in str(caught.value)
