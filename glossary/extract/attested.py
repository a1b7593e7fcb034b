"""The form a term base writes: one the corpus attests, singular where the texts use the singular.

A candidate's canonical form is built from lemmas for matching ("exploitation
et atteinte sexuelle", "droit de l'homme"); written into a term base it can
be a form no UN text uses. The written form is the canonical form when some
occurrence reads exactly so (case aside), else the candidate's most frequent
surface form of as many words as the canonical form ("exploitation et
atteintes sexuelles", not "exploitation et des atteintes sexuelles", whose
article belongs to the sentence), else its most frequent surface form; with
the canonical form's initial case, so that a term met first at the start of a
sentence is not written capitalised. In French an article after a
coordinating conjunction is the sentence's too ("l'exploitation et des
atteintes sexuelles"): the term base writes "exploitation et atteintes
sexuelles", as UNTERM does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from glossary.extract.candidates import TermCandidate

_COORDINATED_ARTICLE = re.compile(r"\b(et|ou) (?:les|des|la|le|du|l['’])\s*", re.IGNORECASE)


def attested_form(candidate: TermCandidate) -> str:
    """The canonical form if the corpus attests it, else the most frequent surface form."""
    canonical = candidate.canonical
    forms = [form for form in candidate.surface_forms if form.strip()]
    if not forms or any(_same(form, canonical) for form in forms):
        return canonical
    if candidate.language == "fr":
        forms = [_COORDINATED_ARTICLE.sub(r"\1 ", form) for form in forms]
        if any(_same(form, canonical) for form in forms):
            return canonical
    words = len(canonical.split())
    same_length = [form for form in forms if len(form.split()) == words]
    return _initial_case_of(canonical, (same_length or forms)[0])


def _same(a: str, b: str) -> bool:
    return " ".join(a.replace("\u2019", "'").split()).casefold() == " ".join(b.replace("\u2019", "'").split()).casefold()


def _initial_case_of(model: str, form: str) -> str:
    words = form.split() or [form]
    # An acronym or a name keeps its capitals ("ONU", "Conseil"); only a capital the canonical lacks is lowered,
    # and only where it is the form's one capital: a sentence start capitalises one letter, while "États
    # Membres" (canonical "état membre") writes its capitals wherever it stands.
    if (model[:1].islower() and form[:1].isupper() and not words[0].isupper()
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
