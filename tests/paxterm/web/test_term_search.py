"""The term table's search finds an entry by its words in any inflection: through the service and the API."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from paxterm.service import Project
from paxterm.web import create_app

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ADDED = (("droits de l'homme", "human rights"), ("protection des civils", "protection of civilians"))


@pytest.fixture
def project(review_corpus: Path):
    with Project(review_corpus) as project:
        for fr, en in ADDED:
            project.add_term(fr, en)
        yield project


@pytest.mark.parametrize(("query", "expected"), [
    ("droit de l'homme", ("droits de l'homme", "human rights")),
    ("Human right", ("droits de l'homme", "human rights")),
    ("civil", ("protection des civils", "protection of civilians")),
    ("protection of civilian", ("protection des civils", "protection of civilians")),
])
def test_the_service_finds_a_term_by_its_lemma(project, query, expected):
    found = [(term.entry.fr, term.entry.en) for term in project.terms(query=query)]
    assert expected in found
    assert all(query.casefold().split()[0][:4] in f"{fr} {en}".casefold() for fr, en in found)


def test_the_api_finds_a_term_by_its_lemma(project):
    client = TestClient(create_app(project, TOKEN))
    found = client.get("/api/terms", params={"q": "droit de l'homme"}).json()["terms"]
    assert [(term["fr"], term["en"]) for term in found] == [("droits de l'homme", "human rights")]
    # A term of the run, written in the plural the texts use, found from its singular.
    found = client.get("/api/terms", params={"q": "pays fournisseur de contingent"}).json()["terms"]
    assert "pays fournisseurs de contingents" in {term["fr"] for term in found}
    assert client.get("/api/terms", params={"q": "droit de homme"}).json()["terms"] == []
