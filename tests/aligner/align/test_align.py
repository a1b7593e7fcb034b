"""Paragraph and sentence alignment of hand-built French/English documents with the bundled encoder."""

import dataclasses
from pathlib import Path

import pytest

import aligner.align.pipeline as pipeline
from aligner.align.pipeline import align_documents, french_only, segment_document
from aligner.align.calibration import NULL_LINK_PROBABILITY
from aligner.read.masthead import is_masthead
from aligner.align.progress import AlignProgress
from aligner.read.document import Document, Paragraph, read_document
from aligner.align.links import NO_ORIGINAL, NUMBER_MISMATCH, OMISSION, PARAGRAPH, SENTENCE, DocumentAlignment


def _document(language: str, paragraphs: list[str], name: str | None = None, symbol: str | None = None) -> Document:
    return Document(
        path=Path(name or f"{language}.txt"),
        language=language,
        paragraphs=tuple(Paragraph(text) for text in paragraphs),
        symbol=symbol,
    )


def _pairs(alignment: DocumentAlignment, level: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.fr_index, link.en_index) for link in alignment.links(level)]


def _assert_well_formed(alignment: DocumentAlignment, fr: Document, en: Document, split: str = "auto") -> None:
    """Each segment of each side in exactly one link, in order; texts and scores consistent."""
    fr_seg, en_seg = segment_document(fr, split), segment_document(en, split)
    for level, fr_texts, en_texts in [
        (PARAGRAPH, fr_seg.paragraphs, en_seg.paragraphs),
        (SENTENCE, fr_seg.sentences, en_seg.sentences),
    ]:
        links = alignment.links(level)
        assert [i for link in links for i in link.fr_index] == list(range(len(fr_texts)))
        assert [j for link in links for j in link.en_index] == list(range(len(en_texts)))
        for link in links:
            assert link.level == level
            assert link.fr == " ".join(fr_texts[i] for i in link.fr_index)
            assert link.en == " ".join(en_texts[j] for j in link.en_index)
            assert 0.0 <= link.score <= 1.0
            if not link.fr_index or not link.en_index:
                # A null link scores the share of right null links: a probability like any score.
                assert link.score == NULL_LINK_PROBABILITY
                assert OMISSION in link.flags or (not link.flags and is_masthead(link.fr or link.en))


FR_THREE = [
    "Le Conseil de sécurité s'est réuni le 10 juillet 2019 pour examiner la coopération triangulaire. "
    "Les pays fournisseurs de contingents ont pris la parole.",
    "Les ministres ont salué l'engagement des femmes dans les opérations de maintien de la paix. "
    "Ils ont demandé davantage de formation.",
    "Le Président a remercié toutes les délégations de leur participation.",
]
EN_THREE = [
    "The Security Council met on 10 July 2019 to consider triangular cooperation. "
    "Troop-contributing countries took the floor.",
    "Ministers welcomed the engagement of women in peacekeeping operations. They called for more training.",
    "The President thanked all delegations for their participation.",
]


def test_parallel_paragraphs_align_one_to_one(use_embedder):
    fr = _document("fr", FR_THREE, name="fr-summary.txt", symbol="S/2019/1")
    en = _document("en", EN_THREE, name="en-summary.txt", symbol="S/2019/1")
    alignment = align_documents(fr, en, use_embedder)
    assert _pairs(alignment, PARAGRAPH) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert _pairs(alignment, SENTENCE) == [((i,), (i,)) for i in range(5)]
    assert (alignment.fr_doc, alignment.en_doc) == ("fr-summary.txt", "en-summary.txt")
    assert alignment.fr_symbol == alignment.en_symbol == "S/2019/1"
    assert all(link.score > 0.6 for link in alignment.paragraph_links)
    assert not any(link.flags for link in alignment.paragraph_links)
    _assert_well_formed(alignment, fr, en)


def test_french_sentence_rendered_by_two_english_sentences_is_a_one_to_two_link(use_embedder):
    fr = _document("fr", [
        "Le Secrétaire général a présenté son rapport, qui recense les progrès accomplis depuis la dernière "
        "session et propose trois mesures pour renforcer la sécurité des soldats de la paix. "
        "Le Conseil en a pris note."
    ])
    en = _document("en", [
        "The Secretary-General presented his report. It reviews the progress made since the last session and "
        "proposes three measures to strengthen the safety of peacekeepers. The Council took note of it."
    ])
    alignment = align_documents(fr, en, use_embedder)
    assert _pairs(alignment, SENTENCE) == [((0,), (0, 1)), ((1,), (2,))]
    assert alignment.sentence_links[0].kind == "1-2"
    assert alignment.sentence_links[0].flags == ()
    _assert_well_formed(alignment, fr, en)


def test_french_paragraph_missing_from_the_english_is_an_omission(use_embedder):
    missing = ("Les délégations ont également examiné le budget des missions politiques spéciales "
               "et la situation financière de l'Organisation.")
    fr = _document("fr", [FR_THREE[0], missing, FR_THREE[1], FR_THREE[2]])
    en = _document("en", EN_THREE)
    alignment = align_documents(fr, en, use_embedder)
    assert _pairs(alignment, PARAGRAPH) == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]
    omitted = alignment.paragraph_links[1]
    assert (omitted.fr, omitted.en, omitted.score, omitted.flags) == (missing, "", NULL_LINK_PROBABILITY, (OMISSION,))
    # Its sentence is an omission too, and the other sentences still pair up.
    assert ((2,), ()) in _pairs(alignment, SENTENCE)
    assert [link.flags for link in alignment.sentence_links if link.fr_index == (2,)] == [(OMISSION,)]
    _assert_well_formed(alignment, fr, en)


def test_english_paragraph_missing_from_the_french_is_an_omission(use_embedder):
    extra = "The Council also heard a briefing on the humanitarian situation in the Sahel region."
    fr = _document("fr", FR_THREE)
    en = _document("en", [EN_THREE[0], EN_THREE[1], extra, EN_THREE[2]])
    alignment = align_documents(fr, en, use_embedder)
    assert _pairs(alignment, PARAGRAPH) == [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,))]
    assert alignment.paragraph_links[2].flags == (OMISSION,)
    _assert_well_formed(alignment, fr, en)


def test_different_numbers_are_flagged(use_embedder):
    fr = _document("fr", ["Au total, 133 États Membres ont participé à la réunion."])
    en = _document("en", ["In all, 134 Member States took part in the meeting."])
    alignment = align_documents(fr, en, use_embedder)
    for link in (*alignment.paragraph_links, *alignment.sentence_links):
        assert (link.fr_index, link.en_index) == ((0,), (0,))
        assert NUMBER_MISMATCH in link.flags


def test_sentence_links_stay_inside_linked_paragraphs(use_embedder):
    fr = _document("fr", FR_THREE)
    en = _document("en", EN_THREE)
    alignment = align_documents(fr, en, use_embedder)
    fr_seg, en_seg = segment_document(fr), segment_document(en)
    for link in alignment.sentence_links:
        owners = {(fr_seg.paragraph_of[i], "fr") for i in link.fr_index} | {
            (en_seg.paragraph_of[j], "en") for j in link.en_index}
        assert any(
            owners <= {(p, "fr") for p in par.fr_index} | {(p, "en") for p in par.en_index}
            for par in alignment.paragraph_links
        )


def test_split_lines_keeps_line_numbers(use_embedder):
    fr_lines = [
        "Bonjour à tous.",
        "Le Conseil s'est réuni hier. Il a adopté la résolution sur le financement.",  # two sentences, one line
        "Les ministres ont salué l'engagement des femmes dans les opérations de paix.",
        "Ils ont demandé davantage de formation pour les soldats de la paix.",
        "La séance est levée.",
    ]
    en_lines = [
        "Hello everyone.",
        "The Council met yesterday. It adopted the resolution on financing.",
        "Ministers welcomed the engagement of women in peace operations and called for more training "
        "for peacekeepers.",
        "The meeting rose.",
    ]
    fr, en = _document("fr", fr_lines), _document("en", en_lines)
    alignment = align_documents(fr, en, use_embedder, split="lines")
    expected = [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,)), ((4,), (3,))]
    assert _pairs(alignment, SENTENCE) == expected
    # Each line is also its own paragraph: both levels carry the same links.
    assert _pairs(alignment, PARAGRAPH) == expected
    assert alignment.sentence_links[1].fr == fr_lines[1]
    _assert_well_formed(alignment, fr, en, split="lines")


def test_french_only_marks_every_segment_as_having_no_original():
    fr = _document("fr", FR_THREE, name="orphan.txt", symbol="S/2019/1")
    alignment = french_only(fr)
    assert alignment.en_doc is None
    assert alignment.fr_symbol == "S/2019/1"
    assert len(alignment.paragraph_links) == 3
    assert len(alignment.sentence_links) == 5
    for link in (*alignment.paragraph_links, *alignment.sentence_links):
        assert (link.en_index, link.en, link.score, link.flags) == ((), "", 0.0, (NO_ORIGINAL,))
    assert [link.fr for link in alignment.paragraph_links] == FR_THREE
    assert [link.fr_index for link in alignment.sentence_links] == [(i,) for i in range(5)]


def test_empty_english_document_leaves_every_french_segment_omitted(use_embedder):
    fr = _document("fr", FR_THREE)
    en = _document("en", [])
    alignment = align_documents(fr, en, use_embedder)
    assert _pairs(alignment, PARAGRAPH) == [((0,), ()), ((1,), ()), ((2,), ())]
    assert all(link.flags == (OMISSION,) for link in alignment.sentence_links)
    assert len(alignment.sentence_links) == 5


class RecordedProgress:
    """An AlignProgress that writes down what it hears."""

    def __init__(self) -> None:
        self.events: list[tuple[str, int]] = []
        self.notes: list[str] = []

    def note(self, message: str) -> None:
        self.notes.append(message)

    def start(self, stage: str, total: int) -> None:
        self.events.append(("start " + stage, total))

    def advance(self, steps: int = 1) -> None:
        self.events.append(("advance", steps))

    def steps(self, stage: str) -> int:
        """Steps advanced during a stage."""
        inside, total = False, 0
        for name, count in self.events:
            if name.startswith("start"):
                inside = name == "start " + stage
            elif inside:
                total += count
        return total


@pytest.mark.parametrize("split", ["auto", "lines"])
def test_progress_counts_every_sentence_and_every_group(use_embedder, split):
    progress = RecordedProgress()
    fr, en = _document("fr", FR_THREE), _document("en", EN_THREE)
    alignment = align_documents(fr, en, use_embedder, split=split, progress=progress)
    assert isinstance(progress, AlignProgress)
    starts = [(name, total) for name, total in progress.events if name.startswith("start")]
    sentences = len(segment_document(fr, split).sentences) + len(segment_document(en, split).sentences)
    groups = len(alignment.paragraph_links) if split == "auto" else 1
    assert starts == [("start embedding", sentences), ("start aligning", groups)]
    assert progress.steps("embedding") == sentences
    assert progress.steps("aligning") == groups


def test_long_documents_report_embedding_in_chunks(use_embedder, monkeypatch):
    monkeypatch.setattr(pipeline, "EMBED_CHUNK", 2)
    progress = RecordedProgress()
    align_documents(_document("fr", FR_THREE), _document("en", EN_THREE), use_embedder, progress=progress)
    embedding_steps = [count for name, count in progress.events[1:] if name == "advance"][:5]
    assert embedding_steps == [2, 2, 1, 2, 2]  # five French sentences, then the English ones


# The second French sentence has no English counterpart.
FR_THANKS_UNTRANSLATED = [
    "Le Conseil a adopté à l'unanimité la résolution sur le financement des opérations de paix, "
    "après un long débat. Il a remercié le Président."
]
EN_WITHOUT_THANKS = [
    "The Council unanimously adopted the resolution on the financing of peace operations, after a long debate."
]


def test_short_untranslated_sentence_is_an_omission(use_embedder):
    fr, en = _document("fr", FR_THANKS_UNTRANSLATED), _document("en", EN_WITHOUT_THANKS)
    alignment = align_documents(fr, en, use_embedder)
    assert _pairs(alignment, SENTENCE) == [((0,), (0,)), ((1,), ())]


def test_untranslated_sentence_inside_a_merged_link_is_flagged(use_embedder):
    # The search may keep the untranslated sentence inside a 2-1 link; the
    # link must then still be flagged so a reviser looks at it.
    fr, en = _document("fr", FR_THANKS_UNTRANSLATED), _document("en", EN_WITHOUT_THANKS)
    alignment = align_documents(fr, en, use_embedder)
    untranslated = [link for link in alignment.sentence_links if 1 in link.fr_index]
    assert len(untranslated) == 1 and OMISSION in untranslated[0].flags


def test_merged_link_of_two_translated_sentences_is_not_flagged(use_embedder):
    fr = _document("fr", ["Le Conseil a adopté la résolution. Il l'a fait à l'unanimité, après un long débat."])
    en = _document("en", ["The Council unanimously adopted the resolution after a long debate."])
    alignment = align_documents(fr, en, use_embedder)
    assert [link.kind for link in alignment.sentence_links] == ["2-1"]
    assert OMISSION not in alignment.sentence_links[0].flags


# --- the bundled corpus ------------------------------------------------------


@pytest.fixture(scope="module")
def berlin(corpus_dir, use_embedder):
    fr = read_document(corpus_dir / "fr" / "berlin-ministerial-2025-chair-summary.txt", expected_language="fr")
    en = read_document(corpus_dir / "en" / "A-79-923-S-2025-341.txt", expected_language="en")
    return fr, en, align_documents(fr, en, use_embedder)


def test_berlin_every_french_paragraph_is_linked(berlin):
    fr, en, alignment = berlin
    _assert_well_formed(alignment, fr, en)
    omissions = [link for link in alignment.paragraph_links if not link.fr_index or not link.en_index]
    # The English reference text carries the organ names as a heading line; the French does not.
    assert [(link.fr, link.en) for link in omissions] == [("", "General Assembly Security Council")]
    # The masthead is layout, not an untranslated passage: no flag for the reviser.
    assert omissions[0].flags == ()
    assert all(link.fr_index and link.en_index for link in alignment.paragraph_links if link.fr)


def test_berlin_sentence_links_are_mostly_clean(berlin):
    fr, en, alignment = berlin
    links = alignment.sentence_links
    clean = [link for link in links if not link.flags]
    assert len(clean) >= 0.95 * len(links)
    assert sum(1 for link in links if link.kind == "1-1") >= 0.9 * len(links)
    assert alignment.fr_symbol == alignment.en_symbol == "A/79/923"


# A sentence without punctuation, far over MAX_SENTENCE_CHARS: a flattened table.
LONG_FR = " ".join(f"ligne {n} du tableau des contributions des pays fournisseurs de contingents" for n in range(120))
LONG_EN = " ".join(f"row {n} of the table of contributions of troop-contributing countries" for n in range(120))


def test_over_long_sentence_is_aligned_in_flagged_bounded_pieces(use_embedder):
    from aligner.align.links import LONG_SENTENCE_CUT
    from aligner.segment import MAX_SENTENCE_CHARS

    fr = _document("fr", [FR_THREE[0], LONG_FR, FR_THREE[2]])
    en = _document("en", [EN_THREE[0], LONG_EN, EN_THREE[2]])
    progress = RecordedProgress()
    alignment = align_documents(fr, en, use_embedder, progress=progress)
    _assert_well_formed(alignment, fr, en)
    fr_seg = segment_document(fr)
    assert len(fr_seg.cut) >= len(LONG_FR) // MAX_SENTENCE_CHARS
    assert all(len(sentence) <= MAX_SENTENCE_CHARS for sentence in fr_seg.sentences)
    flagged = [link for link in alignment.sentence_links if LONG_SENTENCE_CUT in link.flags]
    unflagged = [link for link in alignment.sentence_links if LONG_SENTENCE_CUT not in link.flags]
    assert " ".join(link.fr for link in flagged).replace(" ", "") == LONG_FR.replace(" ", "")
    en_seg = segment_document(en)
    assert all(set(link.fr_index) & fr_seg.cut or set(link.en_index) & en_seg.cut for link in flagged)
    assert not any(set(link.fr_index) & fr_seg.cut or set(link.en_index) & en_seg.cut for link in unflagged)
    assert unflagged  # the short sentences around it are not flagged
    assert any("pieces of sentences over 2,000 characters" in message for message in progress.notes)


def test_over_long_line_with_split_lines_is_an_error_naming_it(use_embedder):
    from aligner.errors import InputFileError

    fr = _document("fr", ["Première ligne.", LONG_FR], name="bitext.fr.txt")
    en = _document("en", ["First line.", LONG_EN])
    with pytest.raises(InputFileError, match=r"bitext\.fr\.txt: line 2 has [\d,]+ characters, over the 2,000"):
        align_documents(fr, en, use_embedder, split="lines")


BERLIN_FR_SENTENCE = ("Plusieurs d'entre eux ont rappelé que les principes fondamentaux des activités de maintien "
                      "de la paix des Nations Unies étaient toujours d'actualité.")
BERLIN_EN_SENTENCE = "Several participants recalled that the core principles of United Nations peacekeeping remained valid."


@pytest.mark.parametrize("side", ["fr", "en"])
def test_sentence_deleted_from_the_berlin_summary_is_its_own_omission(corpus_dir, use_embedder, side):
    # Issue 8's example: one side loses this sentence; the other's must come out alone, flagged.
    fr = read_document(corpus_dir / "fr" / "berlin-ministerial-2025-chair-summary.txt", expected_language="fr")
    en = read_document(corpus_dir / "en" / "A-79-923-S-2025-341.txt", expected_language="en")
    document, deleted = (en, BERLIN_EN_SENTENCE) if side == "en" else (fr, BERLIN_FR_SENTENCE)
    assert sum(deleted in paragraph.text for paragraph in document.paragraphs) == 1
    document = dataclasses.replace(document, paragraphs=tuple(
        Paragraph(" ".join(paragraph.text.replace(deleted, "").split())) for paragraph in document.paragraphs))
    fr, en = (fr, document) if side == "en" else (document, en)
    alignment = align_documents(fr, en, use_embedder)
    kept = BERLIN_FR_SENTENCE if side == "en" else BERLIN_EN_SENTENCE
    [link] = [link for link in alignment.sentence_links if kept in (link.fr, link.en)]
    assert (link.kind, link.flags) == ("1-0" if side == "en" else "0-1", (OMISSION,))
    _assert_well_formed(alignment, fr, en)
