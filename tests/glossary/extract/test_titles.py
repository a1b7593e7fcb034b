"""Titles of officials come out whole, with their interim qualifier and their department."""

from __future__ import annotations

import pytest

from glossary.extract.candidates import extract_candidates


@pytest.mark.parametrize(
    ("language", "text", "title"),
    [
        ("fr", "La lettre est signée par le Chargé d'affaires par intérim de la Mission permanente du Pérou.",
         "Chargé d'affaires par intérim"),
        ("en", "Letter from the Chargé d'affaires a.i. of the Permanent Mission of Peru.",
         "Chargé d'affaires a.i."),
        ("en", "The letter is signed by the Chargé d'affaires ad interim of the Mission.",
         "Chargé d'affaires ad interim"),
        ("fr", "Un exposé a été présenté par le Secrétaire général adjoint aux opérations de maintien de la paix, "
               "Jean-Pierre Lacroix.", "Secrétaire général adjoint aux opérations de maintien de la paix"),
        ("fr", "La Conférence ministérielle des Nations Unies de 2025 sur le maintien de la paix s'est tenue à Berlin.",
         "Conférence ministérielle des Nations Unies de 2025 sur le maintien de la paix"),
    ],
)
def test_a_title_comes_out_whole(language, text, title):
    names = {candidate.canonical for candidate in extract_candidates([("d#0", text)], language)}
    assert title in names


def test_the_department_stops_at_the_comma_and_leaves_the_person_out():
    text = ("Un exposé a été présenté par le Secrétaire général adjoint aux opérations de paix, Jean-Pierre "
            "Lacroix, puis par la Présidente.")
    names = {candidate.canonical for candidate in extract_candidates([("d#0", text)], "fr")}
    assert "Secrétaire général adjoint aux opérations de paix" in names
    assert not any("Lacroix" in name and "Secrétaire" in name for name in names)

