"""Free phrases: word combinations a translator renders word for word and a terminologist does not keep.

A term's modifier classifies: it names a kind ("coopération triangulaire",
"gestion environnementale", "violences sexuelles"). A free phrase's modifier
qualifies: it judges, grades, places in time or counts ("étape cruciale" /
"crucial step", "ressources suffisantes" / "sufficient resources", "organes
existants" / "existing bodies", "vingt-cinquième anniversaire"). Both are
rendered literally, so the bilingual evidence (pair confidence, word-level
agreement) rewards them alike; what tells them apart is the kind of adjective.

The lists below are qualifying adjectives of general language (evaluation,
degree, sufficiency, time and order, determiner-like), written from a
grammar of each language, not learned from any corpus. Adjectives that also
classify in UN or technical terms stay out of them, though they often
qualify too: général (Assemblée générale), spécial (Comité spécial),
permanent, principal (organe principal), officiel (langues officielles),
indépendant (expert indépendant), mondial / global (santé mondiale), net
(montant net), propre (énergie propre), solide (déchets solides), rapide
(force de réaction rapide), critique, participant (États participants), bon
/ good (bons offices, bonne gouvernance), meilleur / best (meilleures
pratiques), petit / small (petits États insulaires en développement),
fondamental (libertés fondamentales), essentiel (médicaments essentiels),
grave / serious (violations graves), urgent (appel urgent), productif
(capacités productives), central (banque centrale), futur (générations
futures), profond / deep (grands fonds marins), vital (vital statistics),
key (key populations), real (real estate), current (current account),
adequate (adequate housing), comprehensive, grand / main / great.

A phrase is free when a qualifying adjective, or an ordinal, stands in an
adjective or participle place of its French or its English side.

It is free too when both sides are headed by a frame noun of general
language, one that says what is said *about* a concept rather than naming a
kind of it ("avenir du maintien de la paix" / "future of peacekeeping",
"renforcement de la coopération triangulaire" / "strengthening triangular
cooperation", "efficacité des missions" / "effectiveness of missions",
"efforts de maintien de la paix" / "peacekeeping efforts"): in French the
first word before its complement, in English the first word before "of", a
gerund opening the phrase, or the last word. Both sides must show it, for a
term is often headed by such a noun on one side only: "renforcement des
capacités" / "capacity-building". Frame nouns that also head UN terms stay
out of the list: protection (protection des civils), sécurité (Conseil de
sécurité), gestion (gestion des crises), mise en œuvre, exécution
(exécution des mandats), développement (développement des capacités),
capacité, cadre, appui, examen, évaluation.

And it is free when the English capitalises a word the French writes in
lower case, beside a common noun the English writes in lower case too: a
general noun and the proper adjective or name of a referent ("territoire
syrien" / "Syrian territory", "autorités haïtiennes" / "Haitian
authorities", "annexe iii" / "annex III", "membre du comité" / "Committee
member"). The French of a UN
term writes its names with their capitals ("Conseil de sécurité"), and the
English of a term that holds a name is a name in title case ("Lebanese Armed
Forces"). On the UNPC dev set this flags 27 right pairs of free phrases, 3
terms ("peuple palestinien" / "Palestinian people", "aéroport d'Ercan",
"vaccination antituberculeuse" / "BCG vaccination") and 1 wrong pair.

Names are never free phrases: a capitalised French term ("Nouvel Agenda pour
la paix") or an organisation, acronym or person label.
"""

from __future__ import annotations

import re

from glossary.extract.candidates import TERM, TermCandidate
from glossary.extract.patterns import INNER_PREPOSITIONS
from glossary.pair.words import FUNCTION_WORDS, singular

_FRENCH = """
accru actuel adéquat ambitieux autre bénéfique chaleureux clair complet concret considérable constructif court
crucial décisif déterminant dernier difficile divers efficace énorme entier excellent existant facile fort franc
fructueux immédiat immense important indispensable inestimable insuffisant large long mauvais même nécessaire
négatif nombreux notable nouveau nouvel particulier pertinent positif possible précieux présent prochain réactif
récent remarquable renforcé réussi seul simple sincère significatif spécifique suffisant utile vaste véritable
"""
_ENGLISH = """
ambitious appropriate beneficial bold certain clear coherent complete concrete considerable constructive crucial
decisive difficult easy effective efficient enhanced enormous entire excellent existing firm frank fruitful
genuine huge immediate important increased indispensable innovative insufficient landmark large last long
meaningful necessary negative new next notable numerous only other particular positive possible present proper
recent relevant remarkable renewed responsive robust same short significant simple sincere specific strengthened
strong successful sufficient suitable tangible timely true unique useful valuable various vast whole wide
"""
QUALIFYING_ADJECTIVES = {
    "fr": frozenset(_FRENCH.split()) | {"approprié", "appropriés", "appropriée"},
    "en": frozenset(_ENGLISH.split()),
}
# French feminine and plural endings back to the masculine singular the list holds.
_FRENCH_ENDINGS = (("ives", "if"), ("ive", "if"), ("elles", "el"), ("elle", "el"), ("euses", "eux"),
                   ("euse", "eux"), ("ères", "er"), ("ère", "er"), ("aux", "al"), ("ales", "al"), ("ale", "al"),
                   ("ettes", "et"), ("ette", "et"), ("ches", "c"), ("che", "c"), ("ètes", "et"), ("ète", "et"),
                   ("ées", "é"), ("ée", "é"), ("és", "é"), ("es", ""), ("e", ""), ("s", ""), ("x", ""))
_ORDINAL = {
    "fr": re.compile(r"(?:ième|ièmes)$|^(?:premier|première|premiers|premières)$"),
    "en": re.compile(r"^(?:\w+-)?(?:first|second|third|\w*(?:fourth|fifth|sixth|seventh|eighth|ninth|tenth"
                     r"|eleventh|twelfth|teenth|tieth|hundredth|thousandth))$"),
}
# Pattern letters (glossary.extract.patterns) of the places a qualifying word takes: adjective, participle.
_MODIFIER_PLACES = frozenset("AV")
# Frame nouns (module docstring), singular; English gerunds that open a phrase as one does.
FRAME_NOUNS = {
    "fr": frozenset("""amélioration avenir contexte efficacité effort ensemble importance majorité niveau nombre
                    renforcement rôle succès""".split()),
    "en": frozenset("""context effectiveness effort enhancement future importance improvement level majority number
                    role strengthening success whole""".split()),
}
FRAME_GERUNDS = frozenset({"strengthening", "enhancing", "improving"})
# ...as the words of a term are compared, singular (glossary.pair.words.singular: "succes", "effort").
_SINGULAR_FRAME_NOUNS = {language: frozenset(singular(tuple(nouns))) for language, nouns in FRAME_NOUNS.items()}


def is_free_phrase(fr: TermCandidate, en: TermCandidate | None, en_written: str = "") -> bool:
    """Whether a multiword pair's French or English side is qualified, not classified (module docstring).

    `en_written` is the English term as the term base writes it (glossary.extract.attested: the capitals
    the texts give it inside sentences), read for a referent's name; the canonical form without it.
    """
    if fr.label != TERM or len(fr.canonical.split()) < 2 or fr.canonical[:1].isupper():
        return False
    if en is not None and ((en.label == TERM and is_framed(fr, "fr") and is_framed(en, "en"))
                           # the tagger may call such an English phrase a name: "Peruvian presidency"
                           or names_a_referent(fr, en_written or en.canonical)):
        return True
    return is_qualified(fr, "fr") or (en is not None and en.label == TERM and is_qualified(en, "en"))


def names_a_referent(fr: TermCandidate, en_written: str) -> bool:
    """Whether the English capitalises a word the all-lowercase French does not, beside a lowercase noun."""
    if any(word[:1].isupper() for word in _words(fr.canonical)):
        return False
    words = en_written.split()
    return (any(word[:1].isupper() for word in words)
            and any(word[:1].islower() and word.lower() not in FUNCTION_WORDS for word in words))


def is_framed(candidate: TermCandidate, language: str) -> bool:
    """Whether `candidate` is a frame noun with its complement (module docstring)."""
    words = _words(candidate.canonical.lower())
    if len(words) < 2:
        return False
    nouns = _SINGULAR_FRAME_NOUNS[language]
    first, last = singular((words[0], words[-1]))
    if language == "fr":
        return first in nouns and words[1] in INNER_PREPOSITIONS["fr"]
    return (first in nouns and words[1] == "of") or words[0] in FRAME_GERUNDS or last in nouns


def _words(text: str) -> list[str]:
    """The words of a term, French elisions apart ("rôle d'" + "appui"), case kept."""
    return text.replace("’", "'").replace("'", "' ").split()


def is_qualified(candidate: TermCandidate, language: str) -> bool:
    """Whether a qualifying adjective or an ordinal stands in an adjective or participle place of `candidate`."""
    words = _words(candidate.canonical.lower())
    pattern = candidate.pattern
    places = [i for i, tag in enumerate(pattern) if tag in _MODIFIER_PLACES] if len(pattern) == len(words) \
        else range(len(words))
    return any(_is_qualifying(words[i], language) for i in places)


def _is_qualifying(word: str, language: str) -> bool:
    if _ORDINAL[language].search(word):
        return True
    lexicon = QUALIFYING_ADJECTIVES[language]
    if word in lexicon:
        return True
    if language == "fr":
        return any(word.endswith(ending) and word[: len(word) - len(ending)] + lemma in lexicon
                   for ending, lemma in _FRENCH_ENDINGS)
    return False
