"""Monolingual term candidates: spans that fit a term pattern, grouped by canonical form.

Each segment is tagged by spaCy, cut into words (glossary.extract.patterns), and every
span that fits the language's term grammar becomes an occurrence; named
organisations (spaCy ORG entities and capitalised names) and acronyms defined
in parentheses add theirs. Occurrences with the same canonical form
(glossary.extract.forms) make one candidate, which keeps the surface forms seen and
the segments it occurs in. Ranking is glossary.rank's job: here every
candidate has score 0.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from glossary.extract.acronyms import NAME_FUNCTION_POS, acronym_definitions
from glossary.extract.forms import canonical_form
from glossary.extract.nlp import load_pipeline, normalise_language
from glossary.extract.places import inside_a_place_name, place_name_spans
from glossary.extract.titles import name_start, title_extension
from glossary.extract.patterns import (
    Word,
    is_acronym,
    is_capitalised_name,
    is_cut_name,
    is_cut_occurrence,
    term_spans,
    word_zipf,
    words_of,
)

TERM = "term"
ORGANIZATION = "organization"
ACRONYM = "acronym"
PERSON = "person"

# spaCy batch size: large enough to keep the tagger busy, small enough for memory.
PIPE_BATCH_SIZE = 256
# spaCy components left out at extraction time. The entity recogniser takes three
# quarters of the French pipeline's time (600 UNPC sentences: 8.1 s with it,
# 2.1 s without), but without it the long French names of the bundled corpus
# (Comité spécial des opérations de maintien de la paix, Groupe de travail sur
# les opérations de maintien de la paix) are lost: the rules do not reach them yet.
SKIPPED_COMPONENTS: tuple[str, ...] = ()
# An acronym expansion or organisation name may be longer than a term.
MAX_NAME_WORDS = 15
# Determiners and prepositions spaCy includes at the edges of ORG entities.
NAME_EDGE_CLASSES = {"D", "T", "C", "X"}
# Person names are not terms: a term base lists "Secrétaire général adjoint",
# not the person holding the post. They stay candidates labelled PERSON (ACTER
# counts them as named entities; glossary.pair.pairing leaves them out of the term
# base), but a span that runs into a name ("Antje Leendertse Ambassador",
# "Lieutenant General Dennis Gyllensporre") is no candidate. spaCy's labels:
PERSON_LABELS = {"PER", "PERSON"}
# The small models also call single capitalised words persons ("Annex",
# "Headquarters", "Représentante"), and run names into the title after them
# ("Paul Duclos Chargé"): a person is two or more words, trailing words common
# in general language (Zipf >= 3.5 in either language: chargé 3.7, center 4.9;
# rare surnames score 0-2) left out.
MIN_PERSON_WORDS = 2
MAX_SURNAME_ZIPF = 3.5


@dataclass(frozen=True)
class TermCandidate:
    """A monolingual term candidate and its occurrences."""

    canonical: str
    language: str
    surface_forms: tuple[str, ...]
    pos: str  # TBX-Basic picklist: noun | properNoun | adjective | verb | other
    label: str  # term | organization | acronym | person
    frequency: int
    segment_ids: tuple[str, ...]
    expansion: str = ""
    score: float = 0.0
    # Word classes (glossary.extract.patterns) of the most frequent occurrence: ranking
    # reads the edges of a span from it ("AN": adjective + noun).
    pattern: str = ""
    # Estimated probability that a terminologist keeps the candidate (glossary.rank.termhood).
    termhood: float = 0.0
    # Occurrences of each surface form, in the same order (empty when not known: candidates stored by an
    # older extractor); glossary.extract.attested reads them to write the form the texts use.
    surface_counts: tuple[int, ...] = ()


@dataclass
class _Occurrences:
    canonicals: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)
    organisation_votes: int = 0
    person_votes: int = 0
    segment_ids: dict[str, None] = field(default_factory=dict)
    # Occurrences that are not a piece cut out of a longer phrase
    # (glossary.extract.patterns.is_cut_occurrence): a candidate needs one.
    whole: int = 0
    expansions: Counter[str] = field(default_factory=Counter)
    patterns: Counter[str] = field(default_factory=Counter)

    @property
    def frequency(self) -> int:
        return sum(self.canonicals.values())


def extract_candidates(texts: Sequence[tuple[str, str]], language: str,
                       on_text: Callable[[], None] | None = None) -> list[TermCandidate]:
    """Term candidates of ``texts`` ((segment_id, text) pairs), most frequent first.

    `on_text` is called once per text read, for a progress bar.
    """
    language = normalise_language(language)
    nlp = load_pipeline(language)
    groups: dict[str, _Occurrences] = defaultdict(_Occurrences)
    segment_ids = [segment_id for segment_id, _ in texts]
    documents = nlp.pipe(
        (text for _, text in texts),
        batch_size=PIPE_BATCH_SIZE,
        disable=[name for name in SKIPPED_COMPONENTS if name in nlp.pipe_names],
    )
    for segment_id, doc in zip(segment_ids, documents, strict=True):
        _collect(doc, segment_id, language, groups)
        if on_text is not None:
            on_text()
    candidates = [_candidate(language, group) for group in groups.values() if group.whole]
    candidates.sort(key=lambda candidate: (-candidate.frequency, candidate.canonical))
    return candidates


def _collect(doc, segment_id: str, language: str, groups: dict[str, _Occurrences]) -> None:
    words = words_of(doc, language)
    organisation_spans = _entity_word_spans(doc, words)
    persons = _person_spans(doc, words)
    person_words = {k for i, j in persons for k in range(i, j)}
    places = place_name_spans(words, language)
    seen: set[tuple[int, int]] = set()

    def add(i: int, j: int, organisation: bool, expansion: str = "", cut: bool = False) -> None:
        if (i, j) in seen or ((i, j) not in persons and any(k in person_words for k in range(i, j))):
            return
        seen.add((i, j))
        cut = cut or inside_a_place_name(i, j, places)  # "Herzegovina" of "Bosnia and Herzegovina"
        span = words[i:j]
        surface = " ".join(doc[span[0].start : span[-1].end].text.split())
        canonical = surface if organisation else canonical_form(span, language)
        group = groups[canonical.casefold()]
        group.canonicals[canonical] += 1
        group.surfaces[surface] += 1
        group.organisation_votes += organisation
        group.person_votes += (i, j) in persons
        group.whole += not cut
        group.segment_ids[segment_id] = None
        group.patterns["".join(word.cls for word in span if word.cls != "K")] += 1
        if expansion:
            group.expansions[expansion] += 1

    for i, j in places:
        add(i, j, True)
    for definition in acronym_definitions(words):
        expansion = words[definition.start : definition.end]
        if len(expansion) <= MAX_NAME_WORDS:
            add(definition.start, definition.end, expansion[0].text[:1].isupper())
            text = " ".join(doc[expansion[0].start : expansion[-1].end].text.split())
            add(definition.acronym, definition.acronym + 1, False, expansion=text)
    for i, j in term_spans(words, language):
        if _cuts_a_name(words, i, j, organisation_spans):
            continue
        cut = is_cut_occurrence(words, i, j, language)
        add(i, j, (i, j) in organisation_spans or is_capitalised_name(words[i:j], language), cut=cut)
    for i, j in organisation_spans:
        if 1 < j - i <= MAX_NAME_WORDS:
            add(i, j, True, cut=is_cut_name(words, i, j, language))
    for i, j in persons:
        add(i, j, False)
    # Titles of officials, whole: "Chargé d'affaires par intérim", "Secrétaire général adjoint aux opérations de paix".
    for i, j in sorted(seen):
        end = title_extension(words, i, j, language)
        if end is not None and not any(k in person_words for k in range(j, end)):
            add(i, end, True)
        start = name_start(words, i, j, language)
        if start is not None:
            add(start, j, True)


def _candidate(language: str, group: _Occurrences) -> TermCandidate:
    canonical = group.canonicals.most_common(1)[0][0]
    frequency = group.frequency
    label = TERM
    if is_acronym(canonical):
        label = ACRONYM
    elif 2 * group.person_votes >= frequency:
        label = PERSON
    elif 2 * group.organisation_votes >= frequency:
        label = ORGANIZATION
    if label == TERM and canonical[:1].isupper():
        # Mostly met at sentence starts: show it as the lower-case form.
        lowered = [form for form in group.canonicals if form[:1].islower()]
        if lowered:
            canonical = max(lowered, key=group.canonicals.__getitem__)
    pos = "noun" if label == TERM and not canonical[:1].isupper() else "properNoun"
    return TermCandidate(
        canonical=canonical,
        language=language,
        surface_forms=tuple(form for form, _ in group.surfaces.most_common()),
        surface_counts=tuple(count for _, count in group.surfaces.most_common()),
        pos=pos,
        label=label,
        frequency=frequency,
        segment_ids=tuple(group.segment_ids),
        expansion=group.expansions.most_common(1)[0][0] if group.expansions else "",
        pattern=group.patterns.most_common(1)[0][0],
    )


def _entity_word_spans(doc, words: list[Word]) -> set[tuple[int, int]]:
    """ORG entities as word spans, without leading articles or trailing prepositions."""
    word_at_token = {}
    for index, word in enumerate(words):
        for token in range(word.start, word.end):
            word_at_token[token] = index
    spans = set()
    for entity in doc.ents:
        if entity.label_ != "ORG":
            continue
        i, j = word_at_token[entity.start], word_at_token[entity.end - 1] + 1
        while i < j and words[i].cls in NAME_EDGE_CLASSES:
            i += 1
        while j > i and words[j - 1].cls in NAME_EDGE_CLASSES:
            j -= 1
        inside = words[i:j]
        if j > i and all(word.cls != "X" or word.pos in NAME_FUNCTION_POS for word in inside):
            spans.add((i, j))
    return spans



def _person_spans(doc, words: list[Word]) -> set[tuple[int, int]]:
    """Person names as word spans (see PERSON_LABELS)."""
    word_at_token = {token: index for index, word in enumerate(words) for token in range(word.start, word.end)}
    found: set[tuple[int, int]] = set()
    for entity in doc.ents:
        if entity.label_ not in PERSON_LABELS:
            continue
        i, j = word_at_token[entity.start], word_at_token[entity.end - 1] + 1
        # Surnames can be common words too (Lacroix, 3.6): a name keeps its two words.
        while j - i > MIN_PERSON_WORDS and (
            not words[j - 1].text[:1].isupper() or _general_zipf(words[j - 1].text.lower()) >= MAX_SURNAME_ZIPF
        ):
            j -= 1
        if j - i >= MIN_PERSON_WORDS and all(word.text[:1].isupper() for word in words[i:j]):
            found.add((i, j))
    return found


def _general_zipf(word: str) -> float:
    return max(word_zipf(word, "en"), word_zipf(word, "fr"))


def _cuts_a_name(words: list[Word], i: int, j: int, names: set[tuple[int, int]]) -> bool:
    """Whether [i, j) cuts a name: "Comité spécial des opérations", "sécurité des Nations Unies".

    A span may end where a nested name begins ("Conseil de sécurité" in
    "Conseil de sécurité des Nations Unies" is a name itself), and a term may
    close a name ("consolidation de la paix" in "Commission de consolidation
    de la paix"), but a span that starts on a lower-case word inside a name
    may not run into the capitalised name nested in it.
    """
    for start, end in names:
        if start <= i < j < end and not (start == i and _nested_name_follows(words, j, end)):
            return True
        if i < start < j < end:
            return True
        if start < i < j and words[i].text[:1].islower() and any(
            word.text[:1].isupper() for word in words[i:min(j, end)]
        ):
            return True
    return False


def _nested_name_follows(words: list[Word], j: int, end: int) -> bool:
    k = j
    while k < end and words[k].cls in "DET":
        k += 1
    return k > j and k < end and words[k].text[:1].isupper()

