"""Titles of officials come out whole, with their interim qualifier and their department."""

from __future__ import annotations

import pytest

from glossary.extract.candidates import extract_candidates
from glossary.extract.patterns import Word
from glossary.extract.titles import title_extension


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
        ("en", "The Chair's summary of the 2025 United Nations Peacekeeping Ministerial, held in Berlin.",
         "2025 United Nations Peacekeeping Ministerial"),
        ("fr", "Des organes tels que le Groupe de travail informel sur la documentation et les autres questions de "
               "procédure, le Comité d'état-major et le Comité spécial peuvent y contribuer.",
         "Groupe de travail informel sur la documentation et les autres questions de procédure"),
        ("en", "Bodies such as the Informal Working Group on Documentation and Other Procedural Questions, the "
               "Military Staff Committee and the Special Committee can contribute.",
         "Informal Working Group on Documentation and Other Procedural Questions"),
        ("en", "The letter is addressed to the President of the Security Council.", "President of the Security Council"),
        # the names of instruments, with their whole subject
        ("fr", "La Convention sur l'élimination de toutes les formes de discrimination à l'égard des femmes est en "
               "vigueur.", "Convention sur l'élimination de toutes les formes de discrimination à l'égard des femmes"),
        ("en", "The Convention on the Elimination of All Forms of Discrimination against Women is in force.",
         "Convention on the Elimination of All Forms of Discrimination against Women"),
        ("fr", "La Déclaration des Nations Unies sur les droits des peuples autochtones a été adoptée.",
         "Déclaration des Nations Unies sur les droits des peuples autochtones"),
        ("en", "The United Nations Declaration on the Rights of Indigenous Peoples was adopted.",
         "United Nations Declaration on the Rights of Indigenous Peoples"),
        ("fr", "Le Pacte international relatif aux droits civils et politiques est cité.",
         "Pacte international relatif aux droits civils et politiques"),
        ("fr", "La Déclaration sur l'octroi de l'indépendance aux pays et aux peuples coloniaux à sa session.",
         "Déclaration sur l'octroi de l'indépendance aux pays et aux peuples coloniaux"),
        # the sentence's verb after the name, tagged an adjective, is left out
        ("fr", "L'article VI du Traité sur la non-prolifération des armes nucléaires rappelle que les États agissent.",
         "Traité sur la non-prolifération des armes nucléaires"),
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



@pytest.mark.parametrize(
    ("language", "text", "apart"),
    [
        ("fr", "Le Groupe de travail sur la documentation, le Comité d'état-major et le Comité spécial des opérations "
               "de maintien de la paix peuvent y contribuer.", ("Comité d'état-major", "Comité spécial")),
        ("en", "The Working Group on Documentation, the Military Staff Committee and the Special Committee on "
               "Peacekeeping Operations can contribute.", ("Military Staff Committee", "Special Committee")),
        ("en", "Bodies such as the Working Group on Documentation and the Special Committee can contribute.",
         ("Working Group on Documentation", "Special Committee")),
    ],
)
def test_names_coordinated_with_another_name_stay_apart(language, text, apart):
    names = {candidate.canonical for candidate in extract_candidates([("d#0", text)], language)}
    first, second = apart
    assert any(name.startswith(first) or name.endswith(first) for name in names)
    assert not any(first in name and second in name for name in names)


def test_a_year_before_a_name_that_is_no_meeting_stays_out():
    names = {candidate.canonical for candidate in extract_candidates(
        [("d#0", "In 2025 United Nations Peacekeeping Operations were reviewed.")], "en")}
    assert not any(name.startswith("2025") for name in names)


@pytest.mark.parametrize(
    ("language", "text", "absent"),
    [
        ("en", "The Committee on the Elimination of Discrimination against Women and United Nations Resolution 1325 "
               "were cited.", "Women and United Nations"),
    ],
)
def test_an_english_body_name_is_extended_only_from_a_title_case_subject(language, text, absent):
    names = {candidate.canonical for candidate in extract_candidates([("d#0", text)], language)}
    assert not any(absent in name for name in names)


def _words(tagged: str) -> list[Word]:
    """Words from "text/class" pairs: "Groupe/N de/D travail/N"."""
    pairs = [item.rsplit("/", 1) for item in tagged.split()]
    return [Word(k, k + 1, text, text.lower(), "X", False, cls, k == 0) for k, (text, cls) in enumerate(pairs)]


@pytest.mark.parametrize(("tagged", "name_end", "whole"), [
    ("le/X Groupe/N de/D travail/N informel/A sur/E la/T documentation/N et/C les/K autres/A questions/N "
     "de/D procédure/N ,/X", 5, "Groupe de travail informel sur la documentation et les autres questions de procédure"),
    # "et des ..." coordinates the sentence's phrases, not the parts of the name's subject
    ("le/X Groupe/N de/D travail/N sur/E la/T condition/N de/D la/T femme/N et/C des/D engagements/N ,/X", 4,
     "Groupe de travail sur la condition de la femme"),
    # a capital after the article opens the next name
    ("le/X Comité/N spécial/A sur/E la/T documentation/N et/C le/K Comité/N d'/D état-major/N", 3,
     "Comité spécial sur la documentation"),
])
def test_a_french_body_takes_the_coordinated_parts_of_its_subject_only(tagged, name_end, whole):
    words = _words(tagged)
    end = title_extension(words, 1, name_end, "fr")
    assert " ".join(word.text for word in words[1:end]) == whole


@pytest.mark.parametrize(
    ("language", "text", "apart"),
    [
        # a coordinated name with its own article or capital is another instrument
        ("en", "The Convention on the Rights of the Child and the Security Council met.",
         ("Convention on the Rights of the Child", "Security Council")),
        ("fr", "La Convention sur les armes chimiques et de la Convention sur les armes biologiques.",
         ("Convention sur les armes chimiques", "Convention sur les armes biologiques")),
    ],
)
def test_an_instrument_name_stops_before_the_next_name(language, text, apart):
    names = {candidate.canonical for candidate in extract_candidates([("d#0", text)], language)}
    assert set(apart) <= names
    assert not any(apart[0] in name and apart[1] in name for name in names)


@pytest.mark.parametrize(("text", "name", "longer"), [
    ("Le document final de la Conférence des Nations Unies sur le développement durable intitulé « L'avenir que "
     "nous voulons » a été adopté.", "Conférence des Nations Unies sur le développement durable", "intitulé"),
    ("La Conférence des Nations Unies sur les changements climatiques tenue à Paris a adopté un accord.",
     "Conférence des Nations Unies sur les changements climatiques", "tenue"),
])
def test_a_meetings_name_stops_before_a_participle_that_describes_it(text, name, longer):
    names = {candidate.canonical for candidate in extract_candidates([("d#0", text)], "fr")}
    assert name in names, names
    assert not any(found.startswith(name) and longer in found for found in names), names
