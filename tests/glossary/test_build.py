"""Building a term base from aligned segments: extraction, ranking, pairing, entries."""

from __future__ import annotations

import pytest

from aligner.embed import load_embedder
from glossary.build import build_termbase
from glossary.pair.pairing import FRENCH_ONLY_NOTE
from glossary.io.records import AlignedSegment
from glossary.termbase import TermBase, TermEntry


@pytest.fixture(scope="module")
def embedder():
    return load_embedder()


def _segment(fr: str, en: str, *, symbol: str | None = "S/2019/832", score: float = 0.9,
             en_doc: str | None = "en.txt", fr_doc: str = "fr.txt") -> AlignedSegment:
    return AlignedSegment(fr_doc=fr_doc, en_doc=en_doc, fr=fr, en=en, score=score, symbol=symbol)


# A small letter on triangular cooperation; the second sentence is the
# shortest trusted one holding both terms, the third a short heading.
LETTER = [
    _segment("Les membres du Conseil de sécurité ont débattu longuement de la coopération triangulaire avec "
             "les pays fournisseurs de contingents lors de la réunion.",
             "The members of the Security Council debated triangular cooperation with the troop-contributing "
             "countries at length during the meeting."),
    _segment("La coopération triangulaire doit être renforcée sans tarder.",
             "Triangular cooperation must be strengthened without delay."),
    _segment("Coopération triangulaire", "Triangular cooperation"),
    _segment("La réunion a porté sur la coopération triangulaire et la MINUSMA.",
             "The meeting addressed triangular cooperation and MINUSMA."),
    _segment("Les pays fournisseurs de contingents ont soutenu la coopération triangulaire.",
             "The troop-contributing countries supported triangular cooperation.", score=0.3),
]


@pytest.fixture(scope="module")
def letter_termbase(embedder) -> TermBase:
    return build_termbase(LETTER, embedder, corpus="letter", model=embedder.name)


def _entry(termbase: TermBase, fr: str) -> TermEntry:
    return next(entry for entry in termbase if entry.fr == fr)


@pytest.mark.parametrize(
    ("fr", "en"),
    [("coopération triangulaire", "triangular cooperation"),
     ("Conseil de sécurité", "Security Council"),
     # only the plural occurs in the letter, so the plural is written (the lemma is for matching)
     ("pays fournisseurs de contingents", "troop-contributing countries"),
     ("MINUSMA", "MINUSMA")],
)
def test_terms_are_paired_with_their_translation(letter_termbase, fr, en):
    assert _entry(letter_termbase, fr).en == en


def test_entries_are_numbered_terms_first(letter_termbase):
    # Multiword terms, names and acronyms come before single words, whatever their confidence.
    single = [" " not in entry.fr and entry.label == "term" and "-" not in entry.fr for entry in letter_termbase]
    assert single == sorted(single)
    assert not single[0]
    assert [entry.id for entry in letter_termbase][:3] == ["T0001", "T0002", "T0003"]
    assert letter_termbase.corpus == "letter"


def test_an_entry_records_frequencies_context_and_sources(letter_termbase):
    entry = _entry(letter_termbase, "coopération triangulaire")
    assert (entry.fr_frequency, entry.en_frequency) == (5, 5)
    assert entry.fr_context == "La coopération triangulaire doit être renforcée sans tarder."
    assert entry.en_context == "Triangular cooperation must be strengthened without delay."
    assert entry.sources == ("S/2019/832",)
    assert entry.status == "candidate" and 0.0 <= entry.confidence <= 1.0


def test_with_decisions_each_entry_reads_its_french_and_english_segments_for_its_contexts(embedder, monkeypatch):
    # What the review model's context corrections (glossary.rank.context) are computed from.
    import glossary.build

    seen = []
    real = glossary.build.entry_contexts
    monkeypatch.setattr(glossary.build, "entry_contexts",
                        lambda occurrences: seen.extend(occurrences) or real(occurrences))
    decisions = {("coopération triangulaire", "triangular cooperation"): True}
    termbase = build_termbase(LETTER, embedder, corpus="letter", model=embedder.name, decisions=decisions)
    entries = list(termbase)
    assert len(seen) == len(entries)
    occurrences = seen[[entry.fr for entry in entries].index("coopération triangulaire")]
    assert {segment.fr for segment in LETTER} | {segment.en for segment in LETTER} == set(occurrences.texts)
    assert {"coopération triangulaire", "Triangular cooperation"} <= set(occurrences.forms)


def test_the_review_model_embeds_only_what_pairing_embedded(embedder, monkeypatch):
    # The entries' canonical forms, not their written ones ("pays fournisseurs de contingents"):
    # with the project's embedding cache, a run with decisions embeds nothing new.
    import glossary.rank.review
    from glossary.rank.review import decision_key

    class Recording:
        name = embedder.name

        def __init__(self):
            self.texts = set()

        def encode(self, texts):
            self.texts.update(texts)
            return embedder.encode(texts)

    monkeypatch.setattr(glossary.rank.review, "MIN_DECISIONS", 2)
    plain, reviewed = Recording(), Recording()
    entries = list(build_termbase(LETTER, plain))
    decided = {("coopération triangulaire", "triangular cooperation"): True,
               ("pays fournisseurs de contingents", "troop-contributing countries"): True,
               ("MINUSMA", "MINUSMA"): False}
    assert {(e.fr, e.en) for e in entries} >= set(decided)
    decisions = {decision_key(fr, en): kept for (fr, en), kept in decided.items()}
    termbase = build_termbase(LETTER, reviewed, decisions=decisions)
    assert termbase.ranking.startswith("termhood re-estimated")  # the model re-ranked
    assert reviewed.texts == plain.texts


def test_the_context_document_comes_first_in_the_sources(embedder):
    segments = [
        _segment("La coopération triangulaire a été examinée en détail par les participants.",
                 "Triangular cooperation was examined in detail by the participants.", symbol="A/79/923"),
        _segment("La coopération triangulaire.", "Triangular cooperation.", symbol=None, fr_doc="lettre.md"),
    ]
    entry = _entry(build_termbase(segments, embedder), "coopération triangulaire")
    assert entry.sources == ("A/79/923", "lettre.md")


def test_french_only_documents_give_french_only_entries_with_the_note(embedder):
    segments = [_segment("Les pays fournisseurs de contingents ont demandé un appui logistique renforcé.", "",
                         en_doc=None, symbol=None, fr_doc="note.txt", score=0.0)]
    termbase = build_termbase(segments, embedder)
    entry = _entry(termbase, "pays fournisseurs de contingents")
    assert entry.en == "" and entry.note == FRENCH_ONLY_NOTE
    assert entry.fr_context.startswith("Les pays fournisseurs") and entry.sources == ("note.txt",)


def test_a_reference_term_base_overrides_the_pairing(embedder):
    reference = TermBase((TermEntry(id="R1", fr="coopération triangulaire", en="three-way cooperation",
                                    status="reference"),))
    termbase = build_termbase(LETTER, embedder, reference=reference)
    entry = _entry(termbase, "coopération triangulaire")
    assert (entry.en, entry.status, entry.confidence) == ("three-way cooperation", "reference", 1.0)
    assert entry.id == "T0001"


@pytest.mark.parametrize(
    "segments",
    [[], [_segment("Oui.", "Yes.")], [_segment("", "Triangular cooperation.")]],
    ids=["no segments", "no terms", "no French text"],
)
def test_no_terms_give_an_empty_valid_termbase(embedder, segments):
    termbase = build_termbase(segments, embedder, corpus="empty")
    assert len(termbase) == 0 and termbase.corpus == "empty"


def test_min_frequency_drops_rare_candidates(embedder):
    termbase = build_termbase(LETTER, embedder, min_frequency=3)
    assert {entry.fr for entry in termbase} >= {"coopération triangulaire"}
    assert "MINUSMA" not in {entry.fr for entry in termbase}


# --- per-document candidates and the candidate cache --------------------------------------------


class DictCache:
    """A CandidateCache in a dict, counting the documents put in it (extracted)."""

    def __init__(self) -> None:
        self.rows: dict = {}
        self.extracted: list[str] = []

    def get_candidates(self, fingerprints):
        return {key: self.rows[key] for key in fingerprints if key in self.rows}

    def put_candidates(self, fingerprint, candidates) -> None:
        self.rows[fingerprint] = candidates
        self.extracted.append(candidates.document)


PROTECTION = [
    _segment("Les missions de maintien de la paix protègent les civils contre les violences sexuelles.",
             "Peacekeeping missions protect civilians from sexual violence.", fr_doc="protection.txt",
             symbol="A/80/200"),
    _segment("La coopération triangulaire renforce la protection des civils.",
             "Triangular cooperation strengthens the protection of civilians.", fr_doc="protection.txt",
             symbol="A/80/200"),
]


def test_a_build_through_the_cache_extracts_only_new_or_changed_documents(embedder):
    cache = DictCache()
    build_termbase(LETTER, embedder, candidate_cache=cache)
    assert cache.extracted == ["fr.txt"]
    # The new document comes first: the letter's segment ids must not move with it.
    incremental = build_termbase(PROTECTION + LETTER, embedder, candidate_cache=cache)
    assert cache.extracted == ["fr.txt", "protection.txt"]
    assert incremental.entries == build_termbase(PROTECTION + LETTER, embedder).entries
    changed = [_segment("La MINUSMA protège les civils.", "MINUSMA protects civilians.", fr_doc="protection.txt")]
    build_termbase(changed + LETTER, embedder, candidate_cache=cache)
    assert cache.extracted == ["fr.txt", "protection.txt", "protection.txt"]


class StageRecorder:
    """A BuildProgress that writes down each stage with its total and the steps it was told."""

    def __init__(self) -> None:
        self.stages: list[list] = []

    def start(self, stage: str, total: int) -> None:
        self.stages.append([stage, total, 0])

    def advance(self, steps: int = 1) -> None:
        self.stages[-1][2] += steps


def test_a_build_reports_one_step_per_text_read_then_the_pairing_and_skips_reading_what_is_stored(embedder):
    from glossary.progress import EXTRACTING, PAIRING

    cache, heard = DictCache(), StageRecorder()
    build_termbase(PROTECTION + LETTER, embedder, candidate_cache=cache, progress=heard)
    texts = 2 * (len(PROTECTION) + len(LETTER))  # every segment has a French and an English text
    assert heard.stages == [[EXTRACTING, texts, texts], [PAIRING, 1, 1]]
    again = StageRecorder()
    build_termbase(PROTECTION + LETTER, embedder, candidate_cache=cache, progress=again)
    assert again.stages == [[PAIRING, 1, 1]]


def test_merged_documents_sum_their_frequencies_and_cite_both_sources(embedder):
    entry = _entry(build_termbase(PROTECTION + LETTER, embedder), "coopération triangulaire")
    assert (entry.fr_frequency, entry.en_frequency) == (6, 6)
    assert set(entry.sources) == {"S/2019/832", "A/80/200"}


def test_candidates_from_another_extractor_version_are_extracted_again(embedder, monkeypatch):
    cache = DictCache()
    build_termbase(LETTER, embedder, candidate_cache=cache)
    monkeypatch.setattr("glossary.build.extractor_version", lambda: "patterns changed")
    build_termbase(LETTER, embedder, candidate_cache=cache)
    assert cache.extracted == ["fr.txt", "fr.txt"]



def test_english_quoted_in_the_french_text_is_no_french_term(embedder):
    segments = [
        _segment("Des exposés ont été présentés par la chercheuse du Center for Peace Operations à New York.",
                 "Briefings were given by the researcher of the Center for Peace Operations in New York."),
        _segment("Le Center for Peace Operations soutient les opérations de paix.",
                 "The Center for Peace Operations supports peace operations."),
    ]
    termbase = build_termbase(segments, embedder)
    assert not any("Peace Operations" in term for entry in termbase for term in entry.fr_terms)
    assert any(entry.fr == "opérations de paix" for entry in termbase)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # the singular occurs once: it is the written form, the plural a form of it
        (("L'opération de paix est déployée.", "Les opérations de paix sont déployées."), "opération de paix"),
        # only the plural occurs: the lemma "exploitation et atteinte sexuelle" is never written
        (("L'exploitation et les atteintes sexuelles sont interdites.",
          "Exploitation et atteintes sexuelles : la politique de tolérance zéro."), None),
    ],
)
def test_the_written_term_is_a_form_the_corpus_attests(embedder, texts, expected):
    english = ("The peace operation is deployed.", "Peace operations are deployed.") if expected else (
        "Sexual exploitation and abuse are forbidden.", "Sexual exploitation and abuse: the zero-tolerance policy.")
    termbase = build_termbase([_segment(fr, en) for fr, en in zip(texts, english, strict=True)], embedder)
    corpus = " ".join(texts).casefold()
    for entry in termbase:
        assert entry.fr.casefold() in corpus, entry.fr
    if expected:
        assert any(entry.fr == expected for entry in termbase)
    else:
        assert not any("atteinte sexuelle" in term for entry in termbase for term in entry.fr_terms)


def test_the_masthead_of_a_un_document_gives_no_term(embedder):
    segments = [
        _segment("Conseil de sécurité Quatre-vingtième année", "Security Council Eightieth year"),
        _segment("Distr. générale 3 juin 2025 Français Original : anglais",
                 "Distr.: General 3 June 2025 Original: English"),
        _segment("Assemblée générale Soixante-dix-neuvième session Point 51 de l'ordre du jour "
                 "Étude d'ensemble des opérations de maintien de la paix",
                 "General Assembly Seventy-ninth session Agenda item 51 "
                 "Comprehensive review of peacekeeping operations"),
        _segment("Le Conseil de sécurité a examiné les opérations de maintien de la paix.",
                 "The Security Council considered peacekeeping operations."),
    ]
    termbase = build_termbase(segments, embedder)
    terms = {term.casefold() for entry in termbase for term in (*entry.fr_terms, *entry.en_terms)}
    assert not {term for term in terms
                if any(word in term for word in ("année", "year", "session", "distr", "original", "ordre du jour"))}
    # the running text keeps its terms, the agenda item's title included
    assert {"conseil de sécurité", "opérations de maintien de la paix"} <= {entry.fr.casefold() for entry in termbase}
    assert _entry(termbase, "Conseil de sécurité").fr_frequency == 1


def test_a_name_the_tagger_lowercased_is_written_as_the_texts_write_it_and_scored_as_a_name(embedder):
    segments = [
        _segment("Six pays fournisseurs de contingents ont été invités (Éthiopie, Rwanda, Bangladesh, Pakistan, "
                 "Égypte et Uruguay).",
                 "Six troop-contributing countries were invited (Ethiopia, Rwanda, Bangladesh, Pakistan, Egypt "
                 "and Uruguay)."),
        _segment("Le Pakistan a souligné l'importance de la formation.",
                 "Pakistan stressed the importance of training."),
    ]
    termbase = build_termbase(segments, embedder)
    written = {entry.fr: entry for entry in termbase}
    assert "pakistan" not in written and "éthiopie" not in written
    assert written["Pakistan"].en == "Pakistan" and written["Éthiopie"].en == "Ethiopia"
    # a general word of the same texts is written lowercase and scored under the country
    assert written["importance"].termhood < written["Pakistan"].termhood


def test_a_free_phrase_comes_after_the_terms_and_a_capitalised_country_before_the_common_words(embedder):
    segments = [
        _segment("Cette réunion a marqué une étape cruciale pour la gestion environnementale des missions.",
                 "This meeting marked a crucial step for the environmental management of missions."),
        _segment("Le Pakistan a rappelé que chaque étape cruciale compte.",
                 "Pakistan recalled that every crucial step counts."),
        _segment("Une étape cruciale a été franchie en matière de sécurité.",
                 "A crucial step was taken on security."),
    ]
    termbase = build_termbase(segments, embedder)
    number = {entry.fr: int(entry.id[1:]) for entry in termbase}
    assert number["gestion environnementale"] < number["étape cruciale"] < number["sécurité"]
    assert number["Pakistan"] < number["étape cruciale"]


def test_pairs_whose_french_is_written_alike_are_one_entry_with_the_other_english_as_a_variant(embedder, monkeypatch):
    # spaCy tags "États Membres" an organisation in some sentences and not in others: two candidates (the name by
    # its surface, the term by its lemma), each paired on its own, one French term written twice.
    import glossary.build
    from glossary.extract.candidates import TermCandidate
    from glossary.pair.model import TermPair

    def candidate(canonical, language, label, ids):
        surface = {"état membre": "États Membres"}.get(canonical, canonical)
        return TermCandidate(canonical=canonical, language=language, surface_forms=(surface,), pos="noun",
                             label=label, frequency=len(ids), segment_ids=ids, score=0.8)

    def pairs(*_args, **_kwargs):
        return [TermPair(fr=(candidate("état membre", "fr", "term", ("fr.txt#1",)),),
                         en=(candidate("States Members", "en", "organization", ("fr.txt#1",)),), confidence=0.72),
                TermPair(fr=(candidate("États Membres", "fr", "organization", ("fr.txt#0",)),),
                         en=(candidate("Member States", "en", "organization", ("fr.txt#0",)),), confidence=0.93)]

    monkeypatch.setattr(glossary.build, "pair_terms", pairs)
    segments = [_segment("Les États Membres ont adopté le texte.", "Member States adopted the text."),
                _segment("Les États Membres de l'Organisation ont voté.",
                         "The States Members of the Organization voted.")]
    entries = [entry for entry in build_termbase(segments, embedder) if entry.fr.casefold() == "états membres"]
    assert len(entries) == 1
    assert (entries[0].fr, entries[0].en, entries[0].en_variants) == ("États Membres", "Member States",
                                                                      ("States Members",))
    assert entries[0].fr_frequency == 2 and entries[0].id == "T0001"
