"""The masthead of a UN document: recognised whole, and cut from the front of a paragraph it opens."""

from __future__ import annotations

import pytest

from aligner.read.masthead import after_masthead, is_masthead


@pytest.mark.parametrize("text", [
    "Conseil de sécurité Quatre-vingtième année",
    "Security Council Eightieth year",
    "General Assembly Seventy-ninth session Agenda item 51",
    "Assemblée générale Soixante-dix-neuvième session Point 51 de l'ordre du jour",
    "Distr. générale 3 juin 2025 Français Original : anglais",
    "Distr.: General 3 June 2025 Original: English",
    "United Nations A/79/923–S/2025/341",
])
def test_masthead_lines_are_recognised_whole(text):
    assert is_masthead(text)
    assert after_masthead(text) == ""


@pytest.mark.parametrize(("text", "running"), [
    ("Assemblée générale Soixante-dix-neuvième session Point 51 de l'ordre du jour "
     "Étude d'ensemble de toute la question des opérations de maintien de la paix",
     "Étude d'ensemble de toute la question des opérations de maintien de la paix"),
    ("General Assembly Seventy-ninth session Agenda item 51 Comprehensive review of peacekeeping",
     "Comprehensive review of peacekeeping"),
])
def test_a_masthead_opening_a_paragraph_is_cut_off(text, running):
    assert after_masthead(text) == running and not is_masthead(text)


@pytest.mark.parametrize("text", [
    # one organ name opening a sentence is its subject, not a masthead
    "Security Council resolution 2719 (2023) sets out the framework.",
    "Conseil de sécurité et Assemblée générale ont débattu de la question.",
    # words that end like ordinals, or a session that is running text
    "Both sessions were held in New York.",
    "Cette année, les participants ont pris des engagements.",
    "At its seventy-ninth session, the Assembly adopted the resolution.",
])
def test_running_text_is_left_whole(text):
    assert after_masthead(text) == text and not is_masthead(text)
