"""The terminology check on hand-built aligned segments: every finding kind,
inflection-aware matching, which entries are enforced, and what is never reported.

Alignments are built by hand (no embedder): the check only reads sentence links.
"""

from __future__ import annotations

import pytest

from aligner.align.links import SENTENCE, DocumentAlignment, Link
from glossary.check.findings import (
    INCONSISTENT,
    MISSING,
    VARIANT,
    NothingToCheckError,
    check_alignments,
    enforced_entries,
)
from glossary.termbase import TermBase, TermEntry

TCC = TermEntry("T0001", "pays fournisseur de contingents", "troop-contributing country",
                en_variants=("troop contributor",), status="validated")
TRIANGULAR = TermEntry("T0002", "coopération triangulaire", "triangular cooperation",
                       fr_variants=("coopération trilatérale",), status="reference")
PEACE_OPERATION = TermEntry("T0003", "opération de paix", "peace operation", status="validated")
PEACEKEEPING = TermEntry("T0004", "maintien de la paix", "peacekeeping", status="validated")
PKO = TermEntry("T0005", "opération de maintien de la paix", "peacekeeping operation", status="validated")
HOST = TermEntry("T0006", "pays hôte", "host country", status="candidate")
LIQUIDITY = TermEntry("T0007", "crise de liquidités", "liquidity crisis", status="rejected")
REGIONAL = TermEntry("T0009", "accord régional", "regional arrangement",
                     en_variants=("regional body",), status="validated")
SEA = TermEntry("T0008", "exploitation et atteintes sexuelles", "sexual exploitation and abuse",
                status="validated")

BASE = TermBase((TCC, TRIANGULAR, PEACE_OPERATION, PEACEKEEPING, PKO, HOST, LIQUIDITY, SEA, REGIONAL))


def aligned(*pairs: tuple[str, str], fr_doc: str = "fr.txt", en_doc: str = "en.txt") -> DocumentAlignment:
    links = tuple(Link(SENTENCE, (i,), (i,), fr, en, 0.9) for i, (fr, en) in enumerate(pairs))
    return DocumentAlignment(fr_doc, en_doc, sentence_links=links)


def check(*pairs: tuple[str, str], termbase: TermBase = BASE, include_candidates: bool = False):
    return list(check_alignments([aligned(*pairs)], termbase, include_candidates=include_candidates).findings)


@pytest.mark.parametrize(("fr", "en"), [
    # singular on both sides, as the term base lists them
    ("Chaque pays fournisseur de contingents a été consulté.", "Each troop-contributing country was consulted."),
    # plurals: the French head and its agreeing adjective, the English head
    ("Les pays fournisseurs de contingents ont été consultés.", "Troop-contributing countries were consulted."),
    # the hyphen of a compound dropped
    ("Les pays fournisseurs de contingents ont été consultés.", "Troop contributing countries were consulted."),
    # capitals and an inflected French adjective
    ("La Coopération triangulaire progresse.", "Triangular Cooperation is progressing."),
    # an article slipped inside the French term
    ("Ils condamnent l'exploitation et les atteintes sexuelles.", "They condemn sexual exploitation and abuse."),
    # an -al/-aux French plural
    ("Les accords régionaux progressent.", "Regional arrangements progress."),
], ids=["singular", "plural", "no-hyphen", "capitals", "inserted-article", "aux-plural"])
def test_a_correct_rendering_gives_no_finding(fr, en):
    assert check((fr, en)) == []


def test_text_without_any_term_gives_no_finding():
    assert check(("Le Conseil s'est réuni hier.", "The Council met yesterday.")) == []


def test_the_words_of_a_term_out_of_order_are_not_the_term():
    # "contingents ... pays fournisseurs" holds every word but is not the term: nothing is expected.
    assert check(("Les contingents des pays fournisseurs sont arrivés.", "The contingents have arrived.")) == []


def test_a_missing_english_term_is_reported_missing():
    findings = check(("Les pays fournisseurs de contingents ont été consultés.", "The contributors were consulted."))
    assert [(f.kind, f.fr_term, f.expected_en, f.found_en) for f in findings] == [
        (MISSING, "pays fournisseur de contingents", "troop-contributing country", "")
    ]
    finding = findings[0]
    assert (finding.fr_index, finding.en_index, finding.entry_id) == ((0,), (0,), "T0001")
    assert finding.fr[slice(*finding.fr_spans[0])] == "pays fournisseurs de contingents"


def test_an_english_term_without_its_french_is_reported_missing_the_other_way():
    findings = check(("La coopération entre les trois parties progresse.", "Triangular cooperation is progressing."))
    assert [(f.kind, f.fr_term, f.expected_en, f.found_en) for f in findings] == [
        (MISSING, "coopération triangulaire", "triangular cooperation", "triangular cooperation")
    ]
    assert findings[0].fr_spans == ()
    assert findings[0].en[slice(*findings[0].en_spans[0])] == "Triangular cooperation"


def test_a_listed_english_variant_is_reported_variant():
    findings = check(("Les pays fournisseurs de contingents ont été consultés.", "Troop contributors were consulted."))
    assert [(f.kind, f.found_en) for f in findings] == [(VARIANT, "troop contributor")]


def test_a_listed_french_variant_is_reported_variant():
    findings = check(("La coopération trilatérale progresse.", "Triangular cooperation is progressing."))
    assert [(f.kind, f.fr_term, f.found_en) for f in findings] == [
        (VARIANT, "coopération trilatérale", "triangular cooperation")
    ]


def test_the_preferred_term_beside_a_variant_is_no_finding():
    findings = check(("Les pays fournisseurs de contingents ont été consultés.",
                      "Troop-contributing countries, the troop contributors, were consulted."))
    assert findings == []


def test_preferred_here_and_variant_there_is_inconsistent():
    findings = check(
        ("Les pays fournisseurs de contingents ont été consultés.", "Troop-contributing countries were consulted."),
        ("Les pays fournisseurs de contingents ont approuvé.", "Troop contributors approved."),
    )
    # Only the occurrence that departs from the preferred term is reported.
    assert [(f.kind, f.fr_index, f.found_en) for f in findings] == [(INCONSISTENT, (1,), "troop contributor")]


def test_another_entrys_english_term_beside_the_preferred_elsewhere_is_inconsistent():
    findings = check(
        ("Les pays fournisseurs de contingents ont été consultés.", "Troop-contributing countries were consulted."),
        ("Les pays fournisseurs de contingents ont approuvé.", "Peace operations approved."),
    )
    assert [(f.kind, f.fr_index, f.found_en) for f in findings] == [(INCONSISTENT, (1,), "peace operation")]


def test_inconsistency_spans_documents():
    first = aligned(("Les pays fournisseurs de contingents ont été consultés.",
                     "Troop-contributing countries were consulted."), fr_doc="a-fr.txt", en_doc="a-en.txt")
    second = aligned(("Les pays fournisseurs de contingents ont approuvé.", "Troop contributors approved."),
                     fr_doc="b-fr.txt", en_doc="b-en.txt")
    findings = list(check_alignments([first, second], BASE).findings)
    assert [(f.kind, f.fr_doc, f.en_doc) for f in findings] == [(INCONSISTENT, "b-fr.txt", "b-en.txt")]


def test_the_same_variant_everywhere_is_variant_not_inconsistent():
    findings = check(
        ("Les pays fournisseurs de contingents ont été consultés.", "Troop contributors were consulted."),
        ("Les pays fournisseurs de contingents ont approuvé.", "Troop contributors approved."),
    )
    assert [f.kind for f in findings] == [VARIANT, VARIANT]


def test_a_term_inside_a_longer_term_is_not_reported_twice():
    # "maintien de la paix" sits inside "opérations de maintien de la paix": one finding, for the longer term.
    findings = check(("Les opérations de maintien de la paix évoluent.", "Missions are changing."))
    assert [(f.kind, f.fr_term) for f in findings] == [(MISSING, "opération de maintien de la paix")]


def test_a_longer_term_rendered_correctly_satisfies_the_nested_one():
    assert check(("Les opérations de maintien de la paix évoluent.", "Peacekeeping operations are changing.")) == []


def test_a_term_seen_only_inside_a_longer_english_term_does_not_count_as_rendered():
    # The French has "consolidation de la paix" on its own; the English has "peacebuilding"
    # only inside "Peacebuilding Commission", which renders the other French term.
    base = TermBase((TermEntry("T1", "consolidation de la paix", "peacebuilding", status="validated"),
                     TermEntry("T2", "Commission de consolidation de la paix", "Peacebuilding Commission",
                               status="validated")))
    findings = check(("La consolidation de la paix, notamment par la Commission de consolidation de la paix.",
                      "Peace consolidation, including through the Peacebuilding Commission."), termbase=base)
    assert [(f.kind, f.fr_term) for f in findings] == [(MISSING, "consolidation de la paix")]


@pytest.mark.parametrize(("include_candidates", "expected"), [(False, []), (True, [MISSING])],
                         ids=["default", "include-candidates"])
def test_candidates_are_enforced_only_when_asked(include_candidates, expected):
    findings = check(("Le pays hôte a accueilli la réunion.", "Germany hosted the meeting."),
                     include_candidates=include_candidates)
    assert [f.kind for f in findings] == expected


@pytest.mark.parametrize("include_candidates", [False, True], ids=["default", "include-candidates"])
def test_rejected_entries_are_never_enforced(include_candidates):
    findings = check(("La crise de liquidités persiste.", "The cash shortage persists."),
                     include_candidates=include_candidates)
    assert findings == []


def test_one_sided_links_are_left_to_the_alignment_flags():
    links = (Link(SENTENCE, (0,), (), "Les pays fournisseurs de contingents ont été consultés.", "", 0.0),)
    report = check_alignments([DocumentAlignment("fr.txt", "en.txt", sentence_links=links)], BASE)
    assert (report.findings, report.links_checked) == ((), 0)


def test_french_documents_without_an_original_are_not_checked():
    links = (Link(SENTENCE, (0,), (), "Les pays fournisseurs de contingents.", "", 0.0),)
    report = check_alignments([DocumentAlignment("fr.txt", None, sentence_links=links)], BASE)
    assert (report.findings, report.documents) == ((), ())


def test_the_report_counts_every_kind_and_what_it_checked():
    report = check_alignments([aligned(
        ("Les pays fournisseurs de contingents ont été consultés.", "Troop contributors were consulted."),
        ("La coopération triangulaire progresse.", "Cooperation is progressing."),
        ("Le Conseil s'est réuni.", "The Council met."),
    )], BASE)
    assert report.counts() == {MISSING: 1, VARIANT: 1, INCONSISTENT: 0}
    assert report.links_checked == 3
    assert report.entries_checked == 7  # validated and reference only
    assert report.documents == (("fr.txt", "en.txt"),)


def test_a_finding_record_has_exactly_the_documented_keys():
    finding = check(("La coopération triangulaire progresse.", "Cooperation is progressing."))[0]
    assert finding.record() == {
        "fr_doc": "fr.txt", "en_doc": "en.txt", "fr_index": [0], "en_index": [0],
        "fr": "La coopération triangulaire progresse.", "en": "Cooperation is progressing.",
        "fr_term": "coopération triangulaire", "expected_en": "triangular cooperation", "found_en": "",
        "kind": MISSING, "missing_in": "en",
        "note": "the French has 'coopération triangulaire' but the English lacks 'triangular cooperation'",
    }


def test_an_english_term_without_its_french_is_missing_in_french():
    findings = check(("La coopération progresse.", "Triangular cooperation is progressing."))
    reverse = [f for f in findings if f.missing_in == "fr"]
    assert [(f.kind, f.kind_label, f.fr_term, f.found_en) for f in reverse] == [
        (MISSING, "missing in French", "coopération triangulaire", "triangular cooperation")]
    assert reverse[0].record()["missing_in"] == "fr"


def test_an_empty_term_base_is_nothing_to_check():
    with pytest.raises(NothingToCheckError, match="no entries: nothing to check"):
        check_alignments([aligned(("Bonjour.", "Hello."))], TermBase(()))


@pytest.mark.parametrize(("include_candidates", "hint"), [
    (False, "pass --include-candidates"),
    (True, "validate some entries"),
], ids=["default", "include-candidates"])
def test_a_term_base_without_enforceable_entries_is_nothing_to_check(include_candidates, hint):
    base = TermBase((LIQUIDITY, TermEntry("T0009", "pays hôte", "", status="validated"))
                    + (() if include_candidates else (HOST,)))
    with pytest.raises(NothingToCheckError, match=hint):
        enforced_entries(base, include_candidates=include_candidates)
