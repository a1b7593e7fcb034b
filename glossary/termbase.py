"""The term base: concept entries pairing French and English terms.

One `TermEntry` is one concept: a preferred French term, a preferred English
term, the other forms seen in each language, and what a terminologist needs to
judge it (frequencies, a confidence, a status, a context pair, sources).
`write_termbase` and `read_termbase` pick the file format from the suffix
(.xlsx, .csv, .tbx); each format lives in its own module.
"""

from __future__ import annotations

import math
import numbers
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from aligner.export.atomic import atomic_path
from aligner.errors import TermBaseError

# The review workflow: the tool proposes candidates, a terminologist validates or
# rejects them; "reference" marks entries taken from an existing term base.
STATUSES = ("candidate", "validated", "rejected", "reference")

# Status words a reviewer may type instead, compared after case folding, accent
# stripping and space trimming: the French names of the four statuses (the
# review sheets are often filled in by French terminologists) and their
# feminine forms ("entrée validée"). Anything else is refused rather than
# guessed: "approved" must not silently become a candidate.
STATUS_WORDS = {
    "candidat": "candidate",
    "candidats": "candidate",
    "candidates": "candidate",
    "valide": "validated",
    "validee": "validated",
    "rejete": "rejected",
    "rejetee": "rejected",
}

# The TBX-Basic partOfSpeech picklist (TBX-Basic dialect, data category
# "partOfSpeech"), so that entries export to TBX without translation.
PARTS_OF_SPEECH = ("noun", "properNoun", "adjective", "verb", "adverb", "other")

# Spellings met in spreadsheets and other tools' exports.
_POS_ALIASES = {pos.lower(): pos for pos in PARTS_OF_SPEECH} | {
    "proper noun": "properNoun",
    "propn": "properNoun",
    "n": "noun",
    "adj": "adjective",
    "adv": "adverb",
}

# "organization" marks named bodies (Peacebuilding Commission), "acronym" short
# forms (MINUSMA); everything else is a plain "term".
LABELS = ("term", "organization", "acronym")

# Separator of several values in one spreadsheet or CSV cell; a bar is rare in
# UN terminology, unlike commas and semicolons.
MULTI_VALUE_SEPARATOR = " | "

SUFFIXES = (".xlsx", ".csv", ".tbx")


class UnknownStatusError(TermBaseError, ValueError):
    """A status word that is none of the four statuses, in English or French."""


class InvalidTermEntryError(TermBaseError, ValueError):
    """A term entry holds a value outside its allowed range or picklist."""


class DuplicateTermIdError(TermBaseError, ValueError):
    """Two entries of one term base share an id."""


class UnsupportedTermBaseFormatError(TermBaseError):
    """A term base path has a suffix paxterm cannot read or write."""


class MalformedTermBaseError(TermBaseError):
    """A term base file is empty, corrupt, or lacks required columns or elements."""


class UnsafeXmlError(TermBaseError):
    """An XML term base declares entities or a DTD, which paxterm refuses to expand."""


def normalise_pos(text: str) -> str:
    """A part of speech from the picklist for `text`: blank -> noun, unknown -> other."""
    if not text.strip():
        return "noun"
    return _POS_ALIASES.get(text.strip().lower(), "other")


def parse_status(text: str) -> str:
    """The status `text` names: one of STATUSES, blank -> candidate; UnknownStatusError otherwise.

    Case, accents and spaces do not matter: "Validé", " REJECTED ", "référence".
    """
    folded = " ".join(_strip_accents(text).casefold().split())
    if not folded:
        return "candidate"
    if folded in STATUSES:
        return folded
    if folded in STATUS_WORDS:
        return STATUS_WORDS[folded]
    raise UnknownStatusError(f"status {text.strip()!r} is not one of {allowed_statuses()}")


# The French words a reviewer may pick in the term base workbook's Status drop-down, beside the English.
FRENCH_STATUS_WORDS = ("candidat", "validé", "rejeté", "référence")


def allowed_statuses() -> str:
    """The status words accepted on import, for error messages."""
    return "candidate, validated, rejected, reference (or candidat, validé, rejeté, référence)"


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def make_entry_id(number: int) -> str:
    """The id of the `number`-th entry (1-based): 1 -> "T0001"."""
    if number < 1:
        raise ValueError(f"entry numbers start at 1, got {number}")
    return f"T{number:04d}"


@dataclass(frozen=True)
class TermEntry:
    """One concept: preferred French and English terms and what supports them.

    `sources` lists the documents (symbols or file names) the term occurs in;
    the first one is the document the context pair comes from, which the TBX
    export records as the context's source.
    """

    id: str
    fr: str
    en: str
    fr_variants: tuple[str, ...] = ()
    en_variants: tuple[str, ...] = ()
    pos: str = "noun"
    fr_frequency: int = 0
    en_frequency: int = 0
    confidence: float = 0.0
    status: str = "candidate"
    fr_context: str = ""
    en_context: str = ""
    sources: tuple[str, ...] = ()
    label: str = "term"
    note: str = ""
    # Estimated probability that a terminologist keeps the entry (glossary.rank.termhood).
    termhood: float = 0.0

    def __post_init__(self) -> None:
        # Callers often build variant lists; storing them as tuples keeps the
        # entry hashable and truly frozen.
        for name in ("fr_variants", "en_variants", "sources"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))
        # numpy scalars from the scoring code become plain numbers, which every
        # writer understands.
        for name in ("fr_frequency", "en_frequency"):
            value = getattr(self, name)
            if isinstance(value, numbers.Integral) and not isinstance(value, bool):
                object.__setattr__(self, name, int(value))
        for name in ("confidence", "termhood"):
            value = getattr(self, name)
            if isinstance(value, numbers.Real) and not isinstance(value, bool):
                object.__setattr__(self, name, float(value))
        _validate_entry(self)

    @property
    def fr_terms(self) -> tuple[str, ...]:
        """The preferred French term followed by its variants."""
        return ((self.fr,) if self.fr else ()) + self.fr_variants

    @property
    def en_terms(self) -> tuple[str, ...]:
        """The preferred English term followed by its variants."""
        return ((self.en,) if self.en else ()) + self.en_variants

    @property
    def is_french_only(self) -> bool:
        """True when no English term is known (no English original)."""
        return not self.en


def _validate_entry(entry: TermEntry) -> None:
    where = f"term entry {entry.id!r}"
    if not entry.id.strip():
        raise InvalidTermEntryError(f"a term entry ({entry.fr!r} / {entry.en!r}) has an empty id; give every entry an id such as T0001")
    if not entry.fr.strip() and not entry.en.strip():
        raise InvalidTermEntryError(f"{where} has neither a French nor an English term; fill in at least one")
    if entry.fr_variants and not entry.fr.strip():
        raise InvalidTermEntryError(f"{where} has French variants but no preferred French term; make one of them the French term")
    if entry.en_variants and not entry.en.strip():
        raise InvalidTermEntryError(f"{where} has English variants but no preferred English term; make one of them the English term")
    if entry.status not in STATUSES:
        raise InvalidTermEntryError(f"{where} has status {entry.status!r}; use one of {', '.join(STATUSES)}")
    if entry.pos not in PARTS_OF_SPEECH:
        raise InvalidTermEntryError(f"{where} has part of speech {entry.pos!r}; use one of {', '.join(PARTS_OF_SPEECH)}")
    if entry.label not in LABELS:
        raise InvalidTermEntryError(f"{where} has label {entry.label!r}; use one of {', '.join(LABELS)}")
    for name in ("confidence", "termhood"):
        value = getattr(entry, name)
        if not isinstance(value, float) or math.isnan(value) or not 0.0 <= value <= 1.0:
            raise InvalidTermEntryError(f"{where} has {name} {value!r}; it must be a number between 0 and 1")
    for name in ("fr_frequency", "en_frequency"):
        value = getattr(entry, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidTermEntryError(f"{where} has {name} {value!r}; it must be a whole number of 0 or more")


@dataclass(frozen=True)
class TermBase:
    """An ordered collection of term entries with where they came from.

    `revision` stamps an export with the state of the store it came from
    (paxterm uses the last change number of the term history), so that an
    import can tell a row edited in an old export from a newer decision.
    """

    entries: tuple[TermEntry, ...]
    corpus: str = ""
    model: str = ""
    created: str = ""
    revision: str = ""
    # How the termhood was estimated (glossary.rank.review.Reranking.description).
    ranking: str = ""
    # What a file read back left unsaid, by entry id: "id" (a row without one, numbered by the reader),
    # "status" (a blank cell or no such column), and any reviewed field it has no column for. An
    # import keeps the stored value of an unsaid field, and never matches an unsaid id.
    unsaid: Mapping[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False, hash=False)
    _index: dict[str, TermEntry] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not isinstance(self.entries, tuple):
            object.__setattr__(self, "entries", tuple(self.entries))
        index: dict[str, TermEntry] = {}
        for entry in self.entries:
            if entry.id in index:
                raise DuplicateTermIdError(f"term id {entry.id!r} is used by more than one entry; give each entry its own id")
            index[entry.id] = entry
        object.__setattr__(self, "_index", index)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[TermEntry]:
        return iter(self.entries)

    def by_id(self, entry_id: str) -> TermEntry:
        """The entry with this id; KeyError when there is none."""
        return self._index[entry_id]

    def get(self, entry_id: str) -> TermEntry | None:
        """The entry with this id, or None."""
        return self._index.get(entry_id)


# Statuses whose entries are written whatever their termhood: a person decided on them.
DECIDED = ("validated", "rejected", "reference")


# Statuses by which a reference term base vouches for a pair; a file that gives no status (a plain
# two-column list) vouches for every row.
VOUCHED = ("validated", "reference")


def vouched_entries(reference: TermBase) -> TermBase:
    """The entries of a reference term base whose pairs take precedence over the corpus's.

    A reviewed paxterm term base also lists candidates nobody has judged and pairs a reviewer
    rejected: neither is a reference.
    """
    kept = tuple(entry for entry in reference.entries
                 if entry.status in VOUCHED or "status" in reference.unsaid.get(entry.id, ()))
    ids = {entry.id for entry in kept}
    return replace(reference, entries=kept, unsaid={k: v for k, v in reference.unsaid.items() if k in ids})


@dataclass(frozen=True)
class OutputSelection:
    """The entries a term base file holds by default, and how many were left out."""

    termbase: TermBase
    left_out: int
    min_termhood: float


def select_for_output(termbase: TermBase, min_termhood: float | None) -> OutputSelection:
    """Entries decided by a person, and candidates of termhood >= `min_termhood` (None: every entry)."""
    if min_termhood is None:
        return OutputSelection(termbase, 0, 0.0)
    if not 0.0 <= min_termhood <= 1.0:
        raise InvalidTermEntryError(f"minimum termhood {min_termhood} is not between 0 and 1; give a value such as 0.2")
    kept = tuple(entry for entry in termbase.entries
                 if entry.status in DECIDED or entry.termhood >= min_termhood)
    return OutputSelection(replace(termbase, entries=kept), len(termbase.entries) - len(kept), min_termhood)


def atomic_output(path: Path):
    """A temporary path beside `path` to write to; renamed onto `path` on success.

    On any failure the temporary file is removed and `path` is left as it was.
    """
    if not path.parent.is_dir():
        raise TermBaseError(f"{path}: folder {path.parent} does not exist; create it or choose another output path")
    return atomic_path(path, error=TermBaseError)
