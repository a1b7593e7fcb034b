"""carry_reviews: a reviewer's links go back into a new alignment where their segment texts still fit."""

from __future__ import annotations

import pytest

from aligner.align.links import AUTO, CONFIRMED, EDITED, OMISSION, SENTENCE, Link
from paxterm.carry import KeptReview, carry_reviews

FR = ["Le Conseil siège.", "Il adopte la résolution.", "Elle entre en vigueur.", "La séance est levée."]
EN = ["The Council meets.", "It adopts the resolution,", "which enters into force.", "The meeting rises."]


def auto(fr_index: tuple[int, ...], en_index: tuple[int, ...], fr: list[str] = FR, en: list[str] = EN) -> Link:
    return Link(SENTENCE, fr_index, en_index, " ".join(fr[i] for i in fr_index), " ".join(en[i] for i in en_index),
                0.9)


def review(position: int, fr_index: tuple[int, ...], en_index: tuple[int, ...], status: str = CONFIRMED, *,
           fr: list[str] = FR, en: list[str] = EN, text: str | None = None, flags: tuple[str, ...] = ()) -> KeptReview:
    link = auto(fr_index, en_index, fr, en)
    link = Link(SENTENCE, fr_index, en_index, text or link.fr, link.en, 0.4, flags, status)
    return KeptReview(position, tuple(fr[i] for i in fr_index), tuple(en[i] for i in en_index), link)


# The aligner's fresh 1-1 links over the four sentences.
ONE_TO_ONE = [auto((0,), (0,)), auto((1,), (1,)), auto((2,), (2,)), auto((3,), (3,))]


def shape(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return [(link.fr_index, link.en_index, link.status) for link in links]


def test_a_confirmed_link_of_unchanged_text_is_confirmed_again():
    links, carried = carry_reviews([review(0, (0,), (0,))], ONE_TO_ONE, FR, EN)
    assert shape(links) == [((0,), (0,), CONFIRMED), ((1,), (1,), AUTO), ((2,), (2,), AUTO), ((3,), (3,), AUTO)]
    assert [item.position for item in carried] == [0]


def test_a_merge_replaces_the_two_links_it_joined():
    merged = review(1, (1, 2), (1, 2), EDITED)
    links, carried = carry_reviews([merged], ONE_TO_ONE, FR, EN)
    assert shape(links) == [((0,), (0,), AUTO), ((1, 2), (1, 2), EDITED), ((3,), (3,), AUTO)]
    assert links[1].fr == "Il adopte la résolution. Elle entre en vigueur."
    assert [item.position for item in carried] == [1]


def test_a_split_travels_as_the_neighbouring_links_it_became():
    new = [auto((0,), (0,)), auto((1, 2), (1,)), auto((3,), (2, 3))]
    # The reviewer split a 2-1 link into 1-1 and 1-0 where the new alignment has one 2-1 link again.
    parts = [review(1, (1,), (1,), EDITED), review(2, (2,), (), EDITED, flags=(OMISSION,))]
    links, _ = carry_reviews(parts, new, FR, EN)
    assert shape(links) == [((0,), (0,), AUTO), ((1,), (1,), EDITED), ((2,), (), EDITED), ((3,), (2, 3), AUTO)]


def test_segments_moved_by_an_insertion_are_found_at_their_new_place():
    fr = ["Nouvelle phrase.", *FR]
    en = ["New sentence.", *EN]
    new = [auto((i,), (i,), fr, en) for i in range(5)]
    edited = review(3, (3,), (3,), EDITED, text="La séance est levée à midi.")
    links, carried = carry_reviews([edited], new, fr, en)
    assert shape(links)[4] == ((4,), (4,), EDITED)
    assert links[4].fr == "La séance est levée à midi."  # the reviewer's wording
    assert [item.position for item in carried] == [4]


@pytest.mark.parametrize(("new_fr", "why"), [
    (["Le Conseil siège.", "Il adopte la résolution modifiée.", "Elle entre en vigueur.", "La séance est levée."],
     "the French text of the reviewed segment changed"),
    (["Le Conseil siège.", "Elle entre en vigueur.", "Il adopte la résolution.", "La séance est levée."],
     "the segments are no longer in the same order"),
])
def test_a_review_whose_text_changed_is_left_to_the_new_alignment(new_fr, why):
    merged = review(1, (1, 2), (1, 2), EDITED)
    new = [auto((i,), (i,), new_fr) for i in range(4)]
    links, carried = carry_reviews([merged], new, new_fr, EN)
    assert shape(links) == shape(new), why
    assert carried == []


def test_a_review_the_new_alignment_cuts_otherwise_at_its_edges_is_left_out():
    # The reviewer confirmed 1-1 links where the new alignment joins sentences 0 and 1 into one link.
    new = [auto((0, 1), (0, 1)), auto((2,), (2,)), auto((3,), (3,))]
    links, carried = carry_reviews([review(0, (0,), (0,))], new, FR, EN)
    assert shape(links) == shape(new)
    assert carried == []


def test_several_blocks_are_each_put_back():
    kept = [review(0, (0,), (0,)), review(2, (2, 3), (2, 3), EDITED)]
    links, carried = carry_reviews(kept, ONE_TO_ONE, FR, EN)
    assert shape(links) == [((0,), (0,), CONFIRMED), ((1,), (1,), AUTO), ((2, 3), (2, 3), EDITED)]
    assert [item.position for item in carried] == [0, 2]
