"""The form a term base writes: one the corpus attests, singular where the texts use the singular.

A candidate's canonical form is built from lemmas for matching ("exploitation
et atteinte sexuelle", "droit de l'homme"); written into a term base it can
be a form no UN text uses. The written form is the canonical form when
occurrences read exactly so (case aside) often enough to be the texts' use,
at least MIN_CANONICAL_SHARE of the occurrences of its length: "opération de
paix" beside "opérations de paix", but not "droit de l'homme", written once
("un droit de l'homme") in 96 occurrences of the UNPC dev set, which writes
"droits de l'homme" the 95 others. Otherwise it is the candidate's most
frequent surface form of as many words as the canonical form ("exploitation et
atteintes sexuelles", not "exploitation et des atteintes sexuelles", whose
article belongs to the sentence), else its most frequent surface form; with
the canonical form's initial case, so that a term met first at the start of a
sentence is not written capitalised. The canonical form is a lemma, lowercased
by the tagger in places; where it is written, its letters take the case the
texts give them ("Royaume-Uni", "annexe III", "Ghassan al-Zawawi", not
"royaume-uni", "annexe iii", "Ghassan al-zawawi"), and a capital inside the
first word marks a name whose first capital stays ("États-Unis",
"Vice-President"). In French an article after a
coordinating conjunction is the sentence's too ("l'exploitation et des
atteintes sexuelles"): the term base writes "exploitation et atteintes
sexuelles", as UNTERM does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from glossary.extract.candidates import TermCandidate

_COORDINATED_ARTICLE = re.compile(r"\b(et|ou) (?:les|des|la|le|du|l['’])\s*", re.IGNORECASE)
# Share of a candidate's occurrences of the canonical form's length that must read as the canonical form (the
# singular, most often) for it to be written: a singular the texts use now and then (one occurrence in ten or
# more) is written, as UNTERM writes "opération de maintien de la paix"; one met once in a hundred is not.
MIN_CANONICAL_SHARE = 0.1


def attested_form(candidate: TermCandidate) -> str:
    """The canonical form if the corpus uses it (module docstring), else the most frequent surface form."""
    canonical = candidate.canonical
    counted = len(candidate.surface_counts) == len(candidate.surface_forms)
    counts = candidate.surface_counts if counted else (1,) * len(candidate.surface_forms)
    pairs = [(form, count) for form, count in zip(candidate.surface_forms, counts) if form.strip()]
    if not pairs:
        return canonical
    if _used(canonical, pairs, counted):
        return _cased_as_written(canonical, pairs)
    if candidate.language == "fr":
        pairs = [(_COORDINATED_ARTICLE.sub(r"\1 ", form), count) for form, count in pairs]
        if _used(canonical, pairs, counted):
            return _cased_as_written(canonical, pairs)
    same_length = _of_length(pairs, canonical)
    best = max(same_length or pairs, key=lambda item: item[1])  # the first of the most frequent
    return _initial_case_of(canonical, best[0])


def _used(canonical: str, pairs: list[tuple[str, int]], counted: bool) -> bool:
    """Whether the texts write `canonical` (without counts: at all; with them: in MIN_CANONICAL_SHARE of its length)."""
    attested = sum(count for form, count in pairs if _same(form, canonical))
    if not attested or not counted:
        return bool(attested)
    return attested >= MIN_CANONICAL_SHARE * sum(count for _, count in _of_length(pairs, canonical))


def _cased_as_written(canonical: str, pairs: list[tuple[str, int]]) -> str:
    """`canonical` with the letter case of its most frequent attested form (initial case: _initial_case_of)."""
    attested = [(form, count) for form, count in pairs if _same(form, canonical)]
    form = _normalised(max(attested, key=lambda item: item[1])[0])
    if len(form) != len(canonical):
        return canonical
    cased = "".join(b if a.casefold() == b.casefold() else a for a, b in zip(canonical, form))
    return _initial_case_of(canonical, cased)


def _of_length(pairs: list[tuple[str, int]], canonical: str) -> list[tuple[str, int]]:
    """The (form, count) pairs of as many words as `canonical`."""
    words = len(canonical.split())
    return [(form, count) for form, count in pairs if len(form.split()) == words]


def _same(a: str, b: str) -> bool:
    return _normalised(a).casefold() == _normalised(b).casefold()


def _normalised(form: str) -> str:
    return " ".join(form.replace("\u2019", "'").split())


def _initial_case_of(model: str, form: str) -> str:
    words = form.split() or [form]
    # An acronym or a name keeps its capitals ("ONU", "Conseil"); only a capital the canonical lacks is lowered,
    # and only where it is the form's one capital: a sentence start capitalises one letter, while "États
    # Membres" (canonical "état membre") and "Royaume-Uni" write their capitals wherever they stand.
    if (model[:1].islower() and form[:1].isupper() and not any(c.isupper() for c in words[0][1:])
            and not any(word[:1].isupper() for word in words[1:])):
        return form[:1].lower() + form[1:]
    return form


# What ends a sentence, so that the capital after it is the sentence's, not the word's.
_SENTENCE_END = re.compile(r"(?:^|[.!?:;…]\s*|\n\s*|^\W*\d+\.\s*)$")


def written_case(form: str, texts: Iterable[str]) -> str:
    """`form` with the initial capital the texts give it inside sentences, where they never write it lowercase.

    `texts` are the segments the term occurs in. A capital met only at the
    start of a sentence or a heading is the sentence's: the form stays as it is.
    """
    if not form[:1].islower():
        return form
    capitalised = form[:1].upper() + form[1:]
    occurrence = re.compile(rf"(?<!\w){re.escape(form)}[sx]?(?!\w)", re.IGNORECASE)
    lower_seen = capital_inside = False
    for text in texts:
        for match in occurrence.finditer(text):
            found = match.group()
            if found[:1].islower():
                lower_seen = True
            elif found.startswith(capitalised) and not _SENTENCE_END.search(text[:match.start()]):
                capital_inside = True
    return capitalised if capital_inside and not lower_seen else form
