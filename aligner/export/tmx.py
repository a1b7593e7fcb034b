"""TMX 1.4b translation memory: English source, French target.

English is the source language because UN French texts are translated from
the English originals. Only links with text on both sides are translation
units: 1-0 and 0-1 links (omissions) and documents without an English
original are left out of the memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from lxml import etree

from aligner.export.rows import ExportRow, all_rows, index_text
from aligner.align.links import PARAGRAPH, SENTENCE, DocumentAlignment
from aligner.export.safe_text import strip_xml_illegal

TMX_VERSION = "1.4"
SOURCE_LANGUAGE = "en"
TARGET_LANGUAGE = "fr"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tool_version() -> str:
    try:
        return metadata.version("paxterm")
    except metadata.PackageNotFoundError:
        return "unknown"


def _segtype(levels: tuple[str, ...]) -> str:
    """The header's segtype; with both levels each <tu> also names its own."""
    return SENTENCE if levels == (SENTENCE,) else PARAGRAPH


def _add_prop(parent: etree._Element, kind: str, value: str) -> None:
    prop = etree.SubElement(parent, "prop", type=kind)
    prop.text = strip_xml_illegal(value)


def _add_variant(parent: etree._Element, language: str, text: str) -> None:
    variant = etree.SubElement(parent, "tuv", {XML_LANG: language})
    etree.SubElement(variant, "seg").text = strip_xml_illegal(text)


def _translation_unit(body: etree._Element, row: ExportRow, tag_segtype: bool) -> None:
    link = row.link
    unit = etree.SubElement(body, "tu")
    if tag_segtype:
        unit.set("segtype", link.level)
    _add_prop(unit, "x-score", f"{float(link.score):.4f}")
    if link.flags:
        _add_prop(unit, "x-flags", ",".join(link.flags))
    _add_prop(unit, "x-status", link.status)
    _add_prop(unit, "x-fr-doc", row.alignment.fr_doc)
    _add_prop(unit, "x-en-doc", row.alignment.en_doc or "")
    _add_prop(unit, "x-level", link.level)
    _add_prop(unit, "x-fr-index", index_text(link.fr_index))
    _add_prop(unit, "x-en-index", index_text(link.en_index))
    _add_variant(unit, SOURCE_LANGUAGE, link.en)
    _add_variant(unit, TARGET_LANGUAGE, link.fr)


def write_tmx(alignments: Sequence[DocumentAlignment], levels: tuple[str, ...], path: Path) -> None:
    """Write one <tu> per link with text on both sides; links missing a side are skipped."""
    root = etree.Element("tmx", version=TMX_VERSION)
    etree.SubElement(
        root,
        "header",
        {
            "creationtool": "paxterm",
            "creationtoolversion": _tool_version(),
            "segtype": _segtype(levels),
            "o-tmf": "paxterm",
            "adminlang": "en",
            "srclang": SOURCE_LANGUAGE,
            "datatype": "plaintext",
            "creationdate": datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ"),
        },
    )
    body = etree.SubElement(root, "body")
    tag_segtype = len(levels) > 1
    for row in all_rows(alignments, levels):
        if row.has_both_sides:
            _translation_unit(body, row, tag_segtype)
    # Through a Python file: a full disk is then an OSError the atomic write
    # reports, where lxml writing to a path raises SerialisationError.
    with open(path, "wb") as stream:
        etree.ElementTree(root).write(stream, encoding="UTF-8", xml_declaration=True, pretty_print=True)
