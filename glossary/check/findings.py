"""Terminology check: does aligned text use the term base's renderings?

For every enforced entry whose French term (any inflection, or a listed French
variant) occurs in a French segment, the aligned English segment must hold the
English term (any inflection, or a listed English variant); and an English
term found without its French counterpart is reported too. Findings:

- ``missing``: the expected term is absent on the other side (``missing_in``
  "en"). ``found_en`` is empty, or names another entry's English term found in
  its place; when the English term is present and the French one absent
  (``missing_in`` "fr", "missing in French" in the reports), ``found_en`` is the
  English term found and ``fr_term`` the French term that was expected.
- ``variant``: a listed but non-preferred rendering is used (English or French).
- ``inconsistent``: the same French term is rendered in more than one way in
  the document set (the preferred term in one place, a variant or another
  entry's English term in another); each non-preferred occurrence is reported.

Only ``validated`` and ``reference`` entries are enforced by default;
``include_candidates`` adds ``candidate`` entries. ``rejected`` entries are
never enforced: a rejected entry says the pairing is wrong, not that its English
term is a forbidden rendering, so flagging its use would flag correct text.

Matching works on token sequences, not regular expressions (glossary.match.matcher):
every segment is run through spaCy once, each token gets a small set of keys
(surface form, lemma, a plural-stripped form; case and accents folded), and
each term is found by looking up its first token's keys in an index and
checking the following tokens. Hyphens are skipped, so "troop-contributing"
matches "troop contributing". Only distinct segments that hold the first
letters of every word of some term are parsed at all.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from aligner.align.pipeline import align_documents
from aligner.read.document import Document
from aligner.embed import Embedder
from aligner.align.links import DocumentAlignment, Link
from glossary.match.matcher import MatchRules, Prefilter, Token, match_end, normalise, tokenise
from glossary.termbase import TermBase, TermBaseError, TermEntry

MISSING = "missing"
VARIANT = "variant"
INCONSISTENT = "inconsistent"
KINDS = (MISSING, VARIANT, INCONSISTENT)

# The review workflow's statuses (glossary.termbase.STATUSES) that a check holds text to.
ENFORCED_STATUSES = ("validated", "reference")
CANDIDATE_STATUSES = ("candidate",)

# The check's matching rules. Accents are folded: a missing accent is a typing
# slip, not another term. Plural endings are stripped down to three-letter stems
# ("pas", "les", "bus" are left alone; spaCy's lemma covers the rest). Two
# inserted words at most per occurrence ("l'exploitation et les atteintes
# sexuelles", "protection efficace des civils"), the most the bundled corpus
# needs; more would join unrelated words.
MATCH_RULES = MatchRules(fold_accents=True, min_plural_stem=3, max_inserted=2)


class NothingToCheckError(TermBaseError):
    """The term base holds no entry the check can enforce."""


@dataclass(frozen=True)
class Finding:
    """One terminology problem in one aligned segment pair.

    fr_spans and en_spans are (start, end) character offsets of the terms
    concerned in fr and en, for highlighting.
    """

    fr_doc: str
    en_doc: str
    fr_index: tuple[int, ...]
    en_index: tuple[int, ...]
    fr: str
    en: str
    fr_term: str
    expected_en: str
    found_en: str
    kind: str
    entry_id: str = ""
    note: str = ""
    fr_spans: tuple[tuple[int, int], ...] = ()
    en_spans: tuple[tuple[int, int], ...] = ()
    # For a `missing` finding, the side that lacks the term: "en" (the French term is not rendered),
    # or "fr" (the English term is there, its French counterpart is not).
    missing_in: str = ""

    @property
    def kind_label(self) -> str:
        """The kind as a report shows it: "missing in English", "missing in French", "variant"..."""
        if self.kind == MISSING and self.missing_in:
            return f"{MISSING} in {'French' if self.missing_in == 'fr' else 'English'}"
        return self.kind

    def record(self) -> dict[str, object]:
        """The JSON object of this finding, keys in a fixed order."""
        return {
            "fr_doc": self.fr_doc,
            "en_doc": self.en_doc,
            "fr_index": list(self.fr_index),
            "en_index": list(self.en_index),
            "fr": self.fr,
            "en": self.en,
            "fr_term": self.fr_term,
            "expected_en": self.expected_en,
            "found_en": self.found_en,
            "kind": self.kind,
            "missing_in": self.missing_in,
            "note": self.note,
        }


@dataclass(frozen=True)
class CheckReport:
    """Everything one check found, with what it looked at."""

    findings: tuple[Finding, ...]
    entries_checked: int
    links_checked: int
    documents: tuple[tuple[str, str], ...]  # (French, English) document names

    def counts(self) -> dict[str, int]:
        """Findings per kind, every kind listed (zero included)."""
        counted = Counter(finding.kind for finding in self.findings)
        return {kind: counted.get(kind, 0) for kind in KINDS}


def check_documents(fr: Document, en: Document, termbase: TermBase, embedder: Embedder, *,
                    include_candidates: bool = False) -> CheckReport:
    """Align a French document with its English original and check it against termbase."""
    entries = enforced_entries(termbase, include_candidates=include_candidates)  # fail before the slow part
    alignment = align_documents(fr, en, embedder)
    return _check(alignment_list=[alignment], entries=entries)


def check_alignments(alignments: Sequence[DocumentAlignment], termbase: TermBase, *,
                     include_candidates: bool = False) -> CheckReport:
    """Check aligned document pairs against termbase; sentence links are checked."""
    entries = enforced_entries(termbase, include_candidates=include_candidates)
    return _check(alignment_list=list(alignments), entries=entries)


def enforced_entries(termbase: TermBase, *, include_candidates: bool = False) -> tuple[TermEntry, ...]:
    """The entries a check holds text to: both languages filled in, an enforced status.

    A row whose file says no status (a plain list of pairs, another tool's
    glossary) is held to as a reference, as `-r` takes it
    (glossary.termbase.vouched_entries).
    """
    if not termbase.entries:
        raise NothingToCheckError("the term base has no entries: nothing to check; give a term base with "
                                  "validated or reference entries")
    statuses = ENFORCED_STATUSES + (CANDIDATE_STATUSES if include_candidates else ())
    entries = tuple(entry for entry in termbase.entries
                    if (entry.status in statuses or "status" in termbase.unsaid.get(entry.id, ()))
                    and entry.fr.strip() and entry.en.strip())
    if not entries:
        hint = ("validate some entries" if include_candidates
                else "validate some entries or pass --include-candidates")
        raise NothingToCheckError(f"the term base has no bilingual {' or '.join(statuses)} entries: "
                                  f"nothing to check; {hint}")
    return entries


# --- matching ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pattern:
    entry: int  # index into the checked entries
    listed: str  # the term as the term base lists it
    preferred: bool
    keys: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class _Hit:
    entry: int
    listed: str
    preferred: bool
    first: int  # token positions, inclusive
    last: int
    span: tuple[int, int]  # character offsets in the segment


class _Index:
    """Term patterns of one language, reachable from any key of their first token."""

    def __init__(self, patterns: Sequence[_Pattern]) -> None:
        self._by_first: dict[str, list[_Pattern]] = defaultdict(list)
        for pattern in patterns:
            for key in pattern.keys[0]:
                self._by_first[key].append(pattern)
        # Texts that can hold none of the patterns are not worth parsing.
        self.prefilter = Prefilter((pattern.keys for pattern in patterns), MATCH_RULES)

    def find(self, tokens: Sequence[Token]) -> list[_Hit]:
        hits: list[_Hit] = []
        for position, token in enumerate(tokens):
            seen: set[int] = set()
            for key in token.keys:
                for pattern in self._by_first.get(key, ()):
                    if id(pattern) in seen:
                        continue
                    seen.add(id(pattern))
                    last = match_end(pattern.keys, tokens, position, MATCH_RULES.max_inserted)
                    if last is not None:
                        span = (token.start, tokens[last].end)
                        hits.append(_Hit(pattern.entry, pattern.listed, pattern.preferred, position, last, span))
        return hits


def _indexes(entries: Sequence[TermEntry]) -> tuple[_Index, _Index]:
    listed = {"fr": [], "en": []}  # (entry, term, preferred)
    for number, entry in enumerate(entries):
        listed["fr"] += [(number, term, k == 0) for k, term in enumerate(entry.fr_terms)]
        listed["en"] += [(number, term, k == 0) for k, term in enumerate(entry.en_terms)]
    built = []
    for language in ("fr", "en"):
        terms = listed[language]
        tokenised = tokenise([term for _, term, _ in terms], language, MATCH_RULES)
        patterns = [_Pattern(number, term, preferred, tuple(token.keys for token in tokens))
                    for (number, term, preferred), tokens in zip(terms, tokenised) if tokens]
        built.append(_Index(patterns))
    return built[0], built[1]


# --- judging ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Occurrence:
    """An entry's French term in one link, and how the English side rendered it."""

    link_number: int
    entry: int
    fr_listed: str  # the French term as listed (preferred or a variant)
    fr_preferred: bool
    rendering: str | None  # the English listed form used, another entry's term, or None
    en_preferred: bool
    own_rendering: bool  # the rendering is one of this entry's English terms
    fr_spans: tuple[tuple[int, int], ...]
    en_spans: tuple[tuple[int, int], ...]


def _by_entry(hits: Iterable[_Hit]) -> dict[int, list[_Hit]]:
    grouped: dict[int, list[_Hit]] = defaultdict(list)
    for hit in hits:
        grouped[hit.entry].append(hit)
    return grouped


def _best(hits: Sequence[_Hit]) -> _Hit:
    # The preferred form where both match, then the longest match.
    return max(hits, key=lambda hit: (hit.preferred, hit.last - hit.first))


def _check(alignment_list: list[DocumentAlignment], entries: tuple[TermEntry, ...]) -> CheckReport:
    fr_index, en_index = _indexes(entries)
    links: list[tuple[DocumentAlignment, Link]] = [
        (alignment, link) for alignment in alignment_list if alignment.en_doc is not None
        # A one-sided link is an omission, which the alignment already flags.
        for link in alignment.sentence_links if link.fr.strip() and link.en.strip()
    ]
    fr_tokens = tokenise([link.fr for _, link in links], "fr", MATCH_RULES, fr_index.prefilter)
    en_tokens = tokenise([link.en for _, link in links], "en", MATCH_RULES, en_index.prefilter)

    occurrences: list[_Occurrence] = []
    reverse: list[tuple[int, int, _Hit, list[_Hit]]] = []  # link, entry, hit shown, all its hits
    for number, (fr_seq, en_seq) in enumerate(zip(fr_tokens, en_tokens)):
        fr_hits = _by_entry(fr_index.find(fr_seq))
        en_hits = _by_entry(en_index.find(en_seq))
        # A term inside a longer term ("maintien de la paix" in "opérations de maintien
        # de la paix") belongs to the longer one: it is judged with it, not reported a
        # second time, and it does not stand for a standalone occurrence either.
        fr_outer, en_outer = _outer_hits(fr_hits), _outer_hits(en_hits)
        # English terms of entries whose French is absent: what a missing term may have become.
        unclaimed = {entry: hits for entry, hits in en_outer.items() if entry not in fr_hits}
        used_as_rendering: set[int] = set()
        for entry, hits in fr_outer.items():
            fr_best = _best(hits)
            fr_spans = tuple(sorted(hit.span for hit in hits))
            own = en_outer.get(entry)
            if own:
                en_best = _best(own)
                occurrences.append(_Occurrence(number, entry, fr_best.listed, fr_best.preferred,
                                               en_best.listed, en_best.preferred, True, fr_spans,
                                               tuple(sorted(hit.span for hit in own))))
                continue
            other = _replacement(unclaimed, entry)
            if other is not None:
                used_as_rendering.add(other.entry)
            occurrences.append(_Occurrence(number, entry, fr_best.listed, fr_best.preferred,
                                           other.listed if other else None, False, False, fr_spans,
                                           (other.span,) if other else ()))
        for entry, hits in unclaimed.items():
            if entry not in used_as_rendering:
                reverse.append((number, entry, _best(hits), hits))

    findings = _judge(occurrences, links, entries) + [
        _finding(links[number], entries[entry], MISSING, entries[entry].fr, hit.listed,
                 f"the English has '{hit.listed}' but the French lacks '{entries[entry].fr}'",
                 (), tuple(sorted(h.span for h in hits)), missing_in="fr")
        for number, entry, hit, hits in reverse
    ]
    findings.sort(key=lambda f: (f.fr_doc, f.en_doc, f.fr_index, f.en_index, KINDS.index(f.kind), f.fr_term))
    return CheckReport(tuple(findings), len(entries), len(links),
                       tuple((a.fr_doc, a.en_doc) for a in alignment_list if a.en_doc is not None))


def _outer_hits(hits_by_entry: dict[int, list[_Hit]]) -> dict[int, list[_Hit]]:
    """Each entry's hits that no other entry's longer hit contains; entries with none left out."""
    spans = [(hit.first, hit.last, entry) for entry, hits in hits_by_entry.items() for hit in hits]
    outer: dict[int, list[_Hit]] = {}
    for entry, hits in hits_by_entry.items():
        kept = [hit for hit in hits
                if not any(other != entry and first <= hit.first and hit.last <= last
                           and last - first > hit.last - hit.first for first, last, other in spans)]
        if kept:
            outer[entry] = kept
    return outer


def _replacement(unclaimed: dict[int, list[_Hit]], entry: int) -> _Hit | None:
    """Another entry's English term that may stand where entry's English term should be."""
    candidates = [_best(hits) for other, hits in unclaimed.items() if other != entry]
    if not candidates:
        return None
    return min(candidates, key=lambda hit: hit.first)


def _judge(occurrences: list[_Occurrence], links: list[tuple[DocumentAlignment, Link]],
           entries: tuple[TermEntry, ...]) -> list[Finding]:
    renderings: dict[int, set[str]] = defaultdict(set)
    for occurrence in occurrences:
        if occurrence.rendering is not None:
            renderings[occurrence.entry].add(normalise(occurrence.rendering, MATCH_RULES))
    findings = []
    for occurrence in occurrences:
        entry = entries[occurrence.entry]
        mixed = len(renderings[occurrence.entry]) > 1
        found = occurrence.rendering or ""
        kind, note = None, ""
        if occurrence.rendering is not None and not occurrence.en_preferred and mixed:
            kind = INCONSISTENT
            note = (f"'{occurrence.fr_listed}' is rendered '{found}' here and differently elsewhere; "
                    f"the term base has '{entry.en}'")
        elif occurrence.rendering is None or not occurrence.own_rendering:
            kind = MISSING
            note = f"the French has '{occurrence.fr_listed}' but the English lacks '{entry.en}'"
            if found:
                note += f" (found '{found}', the English of another entry)"
        elif not occurrence.en_preferred:
            kind = VARIANT
            note = f"the English uses the variant '{found}' instead of '{entry.en}'"
        elif not occurrence.fr_preferred:
            kind = VARIANT
            note = f"the French uses the variant '{occurrence.fr_listed}' instead of '{entry.fr}'"
        if kind is None:
            continue
        findings.append(_finding(links[occurrence.link_number], entry, kind, occurrence.fr_listed, found,
                                 note, occurrence.fr_spans, occurrence.en_spans,
                                 missing_in="en" if kind == MISSING else ""))
    return findings


def _finding(located: tuple[DocumentAlignment, Link], entry: TermEntry, kind: str, fr_term: str,
             found_en: str, note: str, fr_spans: tuple[tuple[int, int], ...],
             en_spans: tuple[tuple[int, int], ...], *, missing_in: str = "") -> Finding:
    alignment, link = located
    return Finding(
        fr_doc=alignment.fr_doc, en_doc=alignment.en_doc or "", fr_index=link.fr_index,
        en_index=link.en_index, fr=link.fr, en=link.en, fr_term=fr_term, expected_en=entry.en,
        found_en=found_en, kind=kind, entry_id=entry.id, note=note, fr_spans=fr_spans, en_spans=en_spans,
        missing_in=missing_in,
    )
