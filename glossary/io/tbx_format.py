"""Term bases as TBX-Basic (ISO 30042:2019, TBX v3, DCA style).

One conceptEntry per entry, a langSec per language that has a term (no English
langSec for a French-only entry), a termSec per term: the preferred term first,
then its variants. Each termSec carries partOfSpeech and administrativeStatus;
the preferred term's termSec carries the context sentence with its source
document.

TBX-Basic has no place for paxterm's status, confidence, termhood, frequencies or label,
and its partOfSpeech picklist lacks properNoun, so those travel as `<note>`s
reading "paxterm KEY: VALUE" (the notes TBX-Basic allows at concept and
language level) and read back exactly. administrativeStatus follows the status
for TBX-aware tools:

    status      preferred term            variants
    validated   preferredTerm-admn-sts    admittedTerm-admn-sts
    reference   preferredTerm-admn-sts    admittedTerm-admn-sts
    candidate   admittedTerm-admn-sts     admittedTerm-admn-sts   (not yet approved)
    rejected    deprecatedTerm-admn-sts   deprecatedTerm-admn-sts

Reading also accepts TBX-Basic files from other tools and older TBX 2 `martif`
files (termEntry/langSet/tig). Without paxterm notes, an entry's status is
"rejected" when its preferred term is deprecated or superseded and "reference"
otherwise: such files are reference term bases. A paxterm export (its header
names the revision it was made at) that went through a tool dropping the notes
reads back as it was written: an admitted preferred term is a candidate. XML is parsed with defusedxml;
a file declaring entities is refused.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException
from lxml import etree

from aligner.export.safe_text import strip_xml_illegal

from glossary.termbase import (
    LABELS,
    PARTS_OF_SPEECH,
    MalformedTermBaseError,
    TermBase,
    TermBaseError,
    TermEntry,
    UnsafeXmlError,
    atomic_output,
    make_entry_id,
    normalise_pos,
    parse_status,
)
from glossary.io.table import MAX_ROWS_NAMED, UnreadableRowsError

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_PI = (
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
    'TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"'
)

# The TBX-Basic picklists (TBX-Basic_DCA.sch, module "min").
TBX_PARTS_OF_SPEECH = ("noun", "adjective", "verb", "adverb", "other")
PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED = (
    "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts",
)

_PREFERRED_STATUS = {"validated": PREFERRED, "reference": PREFERRED, "candidate": ADMITTED, "rejected": DEPRECATED}
_NOTE_PREFIX = "paxterm "
_NOTE_PATTERN = re.compile(r"^paxterm ([a-z ]+): (.*)$", re.DOTALL)
_HEADER_KEYS = ("Corpus", "Embedding model", "Created", "Revision")
# TBX ids are xs:ID values: an XML name without a colon.
_XML_ID = re.compile(r"^[^\W\d][\w.\-]*$")


def write_tbx(termbase: TermBase, path: Path) -> Path:
    """Write `termbase` as TBX-Basic to `path`, atomically."""
    root = etree.Element(f"{{{TBX_NAMESPACE}}}tbx", nsmap={None: TBX_NAMESPACE})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, "en")
    _add_header(root, termbase)
    body = _sub(_sub(root, "text"), "body")
    for number, entry in enumerate(termbase.entries, start=1):
        _add_concept(body, entry, number)
    tree = etree.ElementTree(root)
    root.addprevious(etree.ProcessingInstruction("xml-model", SCHEMA_PI))
    with atomic_output(path) as temporary:
        # Through a Python file: a full disk is then an OSError the atomic write
        # reports, where lxml writing to a path raises SerialisationError.
        with open(temporary, "wb") as stream:
            tree.write(stream, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return path


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TBX_NAMESPACE}}}{tag}", attributes)
    if text is not None:
        element.text = strip_xml_illegal(text)
    return element


def _add_header(root: etree._Element, termbase: TermBase) -> None:
    file_desc = _sub(_sub(root, "tbxHeader"), "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", "paxterm term base")
    source_desc = _sub(file_desc, "sourceDesc")
    _sub(source_desc, "p", "Bilingual French-English term base extracted by paxterm from aligned documents.")
    for key, value in zip(_HEADER_KEYS, (termbase.corpus, termbase.model, termbase.created, termbase.revision),
                          strict=True):
        if value:
            _sub(source_desc, "p", f"{key}: {value}")


def _add_concept(body: etree._Element, entry: TermEntry, number: int) -> None:
    xml_id = entry.id if _XML_ID.match(entry.id) else f"c{number}"
    concept = _sub(body, "conceptEntry", id=xml_id)
    # auxInfo comes before the langSecs (TBX core structure).
    for source in entry.sources:
        _sub(concept, "admin", source, type="source")
    notes = {"status": entry.status, "confidence": repr(entry.confidence), "termhood": repr(entry.termhood),
             "label": entry.label, "part of speech": entry.pos}
    if xml_id != entry.id:
        notes["id"] = entry.id
    for key, value in notes.items():
        _sub(concept, "note", f"{_NOTE_PREFIX}{key}: {value}")
    if entry.note:
        _sub(concept, "note", entry.note)
    for language, preferred, variants, frequency, context in (
        ("fr", entry.fr, entry.fr_variants, entry.fr_frequency, entry.fr_context),
        ("en", entry.en, entry.en_variants, entry.en_frequency, entry.en_context),
    ):
        if not preferred:
            continue
        lang_sec = _sub(concept, "langSec", **{XML_LANG: language})
        _sub(lang_sec, "note", f"{_NOTE_PREFIX}frequency: {frequency}")
        _add_term(lang_sec, entry, preferred, _PREFERRED_STATUS[entry.status], context)
        variant_status = DEPRECATED if entry.status == "rejected" else ADMITTED
        for variant in variants:
            _add_term(lang_sec, entry, variant, variant_status, "")


def _add_term(lang_sec: etree._Element, entry: TermEntry, term: str, admin_status: str, context: str) -> None:
    term_sec = _sub(lang_sec, "termSec")
    _sub(term_sec, "term", term)
    pos = entry.pos if entry.pos in TBX_PARTS_OF_SPEECH else "noun"  # properNoun is a noun to TBX-Basic
    _sub(term_sec, "termNote", pos, type="partOfSpeech")
    _sub(term_sec, "termNote", admin_status, type="administrativeStatus")
    if entry.label == "acronym":
        _sub(term_sec, "termNote", "acronym", type="termType")
    if context:
        group = _sub(term_sec, "descripGrp")
        _sub(group, "descrip", context, type="context")
        if entry.sources:
            _sub(group, "admin", entry.sources[0], type="source")


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class _TermRecord:
    """What one termSec (or TBX 2 tig/ntig) says about its term."""

    term: str
    pos: str
    admin_status: str
    context: str
    acronym: bool


@dataclass
class _Language:
    terms: list[str] = field(default_factory=list)
    frequency: str = ""
    context: str = ""
    pos: str = ""
    admin_status: str = ""
    acronym: bool = False


def read_tbx(path: Path) -> TermBase:
    """Read a TBX-Basic (or TBX 2 martif) file; entities and malformed XML are refused."""
    root = _parse(path)
    if _local(root.tag) not in ("tbx", "martif"):
        raise MalformedTermBaseError(f"{path}: not a TBX file (its root element is <{_local(root.tag)}>, not <tbx>); export the term base as TBX")
    metadata = _header_metadata(root)
    concepts = list(_children(root, "conceptEntry", "termEntry", deep=True))
    used_ids = {concept.get("id") for concept in concepts}
    generated: set[str] = set()  # ids given to concepts that had none: unsaid, an import never matches them

    def fresh_ids() -> Iterator[str]:
        for number in itertools.count(1):
            if (entry_id := make_entry_id(number)) not in used_ids:
                generated.add(entry_id)
                yield entry_id

    free_ids = fresh_ids()
    entries: list[TermEntry] = []
    problems: list[str] = []
    exported = bool(metadata.get("revision"))
    for concept in concepts:
        try:
            entry = _read_concept(concept, path, free_ids, exported=exported)
        except MalformedTermBaseError as error:
            problems.append(str(error).removeprefix(f"{path}, "))
            continue
        if entry is not None:
            entries.append(entry)
    if problems:
        named = "; ".join(problems[:MAX_ROWS_NAMED])
        more = f"; and {len(problems) - MAX_ROWS_NAMED} more concepts" if len(problems) > MAX_ROWS_NAMED else ""
        raise UnreadableRowsError(f"{path}: {len(problems)} concept(s) cannot be imported, so nothing was imported: "
                                  f"{named}{more}; correct them and import again")
    try:
        return TermBase(tuple(entries), **metadata,
                        unsaid={entry.id: frozenset({"id"}) for entry in entries if entry.id in generated})
    except TermBaseError as error:
        raise MalformedTermBaseError(f"{path}: {error}") from None


def _parse(path: Path) -> Element:
    raw = path.read_bytes()
    if not raw.strip():
        raise MalformedTermBaseError(f"{path}: the file is empty; export the term base again as TBX")
    refusal = f"{path}: contains XML entities; refusing to read it (they can pull in other files); remove the DOCTYPE declarations"
    try:
        return SafeElementTree.fromstring(raw)
    except DefusedXmlException:
        raise UnsafeXmlError(refusal) from None
    except ParseError as error:
        if "undefined entity" in str(error):
            raise UnsafeXmlError(refusal) from None
        raise MalformedTermBaseError(f"{path}: not well-formed XML ({error}); check that the TBX file is complete") from None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Element, *names: str, deep: bool = False) -> Iterator[Element]:
    candidates = element.iter() if deep else iter(element)
    return (child for child in candidates if _local(child.tag) in names)


def _text(element: Element) -> str:
    # itertext keeps the words inside inline markup such as <hi>.
    return " ".join("".join(element.itertext()).split())


def _header_metadata(root: Element) -> dict[str, str]:
    keys = dict(zip(_HEADER_KEYS, ("corpus", "model", "created", "revision"), strict=True))
    metadata: dict[str, str] = {}
    for header in _children(root, "tbxHeader", "martifHeader"):
        for paragraph in _children(header, "p", deep=True):
            key, _, value = _text(paragraph).partition(": ")
            if key in keys and value:
                metadata[keys[key]] = value
    return metadata


def _read_concept(concept: Element, path: Path, free_ids: Iterator[str], *, exported: bool = False) -> TermEntry | None:
    notes: dict[str, str] = {}
    free_notes: list[str] = []
    sources: list[str] = []
    for child in concept:
        kind = _local(child.tag)
        if kind == "note":
            _sort_note(_text(child), notes, free_notes)
        elif kind == "admin" and child.get("type") == "source":
            sources.append(_text(child))
    languages: dict[str, _Language] = {}
    for lang_sec in _children(concept, "langSec", "langSet"):
        code = (lang_sec.get(XML_LANG) or lang_sec.get("lang") or "").lower().split("-")[0]
        if code in ("fr", "en") and code not in languages:
            languages[code] = _read_language(lang_sec)
    if not sources:
        sources = list(dict.fromkeys(_text(a) for a in _children(concept, "admin", deep=True) if a.get("type") == "source"))
    french, english = languages.get("fr", _Language()), languages.get("en", _Language())
    if not french.terms and not english.terms:
        return None
    where = f"{path}, concept {concept.get('id') or '(no id)'}"
    leading = french if french.terms else english
    if "status" in notes:
        try:
            status = parse_status(notes["status"])
        except TermBaseError as error:
            raise MalformedTermBaseError(f"{where}: {error}") from None
    else:
        status = ("rejected" if leading.admin_status in (DEPRECATED, SUPERSEDED)
                  else "candidate" if exported and leading.admin_status == ADMITTED else "reference")
    label = notes.get("label", "")
    if label not in LABELS:
        label = "acronym" if leading.acronym else "term"
    pos = notes.get("part of speech", "")
    if pos not in PARTS_OF_SPEECH:
        pos = normalise_pos(leading.pos)
    try:
        return TermEntry(
            id=notes.get("id") or concept.get("id") or next(free_ids),
            fr=french.terms[0] if french.terms else "",
            en=english.terms[0] if english.terms else "",
            fr_variants=tuple(dict.fromkeys(french.terms[1:])),
            en_variants=tuple(dict.fromkeys(english.terms[1:])),
            pos=pos,
            fr_frequency=_whole_number(french.frequency, where),
            en_frequency=_whole_number(english.frequency, where),
            confidence=_confidence(notes.get("confidence", ""), where),
            termhood=_confidence(notes.get("termhood", ""), where, "termhood"),
            status=status,
            fr_context=french.context,
            en_context=english.context,
            sources=tuple(sources),
            label=label,
            note="\n".join(free_notes),
        )
    except TermBaseError as error:
        raise MalformedTermBaseError(f"{where}: {error}") from None


def _sort_note(text: str, notes: dict[str, str], free_notes: list[str]) -> None:
    match = _NOTE_PATTERN.match(text)
    if match:
        notes[match.group(1)] = match.group(2).strip()
    elif text:
        free_notes.append(text)


def _read_language(lang_sec: Element) -> _Language:
    language = _Language()
    records: list[_TermRecord] = []
    for child in lang_sec:
        kind = _local(child.tag)
        if kind == "note":
            match = _NOTE_PATTERN.match(_text(child))
            if match and match.group(1) == "frequency":
                language.frequency = match.group(2).strip()
        elif kind in ("termSec", "tig", "ntig"):
            record = _read_term(child)
            if record is not None:
                records.append(record)
    if not records:
        return language
    # The preferred term leads; without one, document order decides.
    lead = next((r for r in records if r.admin_status == PREFERRED), records[0])
    language.terms = [lead.term] + [r.term for r in records if r is not lead]
    language.pos, language.admin_status, language.acronym = lead.pos, lead.admin_status, lead.acronym
    language.context = lead.context or next((r.context for r in records if r.context), "")
    return language


def _read_term(term_section: Element) -> _TermRecord | None:
    term_element = next(_children(term_section, "term", deep=True), None)
    term = _text(term_element) if term_element is not None else ""
    if not term:
        return None
    term_notes = {note.get("type"): _text(note) for note in _children(term_section, "termNote", deep=True)}
    contexts = (_text(d) for d in _children(term_section, "descrip", deep=True) if d.get("type") == "context")
    return _TermRecord(
        term=term,
        pos=term_notes.get("partOfSpeech", ""),
        admin_status=term_notes.get("administrativeStatus", ""),
        context=next(contexts, ""),
        acronym=term_notes.get("termType") == "acronym",
    )


def _whole_number(value: str, where: str) -> int:
    try:
        return int(value or 0)
    except ValueError:
        raise MalformedTermBaseError(f"{where}: frequency {value!r} is not a whole number; fix the 'paxterm frequency' note") from None


def _confidence(value: str, where: str, name: str = "confidence") -> float:
    if not value:
        return 0.0
    try:
        return float(value)
    except ValueError:
        raise MalformedTermBaseError(f"{where}: {name} {value!r} is not a number; fix the 'paxterm {name}' note") from None

