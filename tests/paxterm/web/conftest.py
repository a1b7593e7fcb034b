"""A small review project, built once per session (real bundled embedder, real term extraction), copied per use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from paxterm.service import Project

MANDATE_FR = """\
Conseil de sécurité S/2025/300

Rapport sur le mandat de la Mission

1. Le Conseil de sécurité a examiné la coopération triangulaire avec les pays fournisseurs de contingents. Les pays fournisseurs de contingents ont demandé une meilleure formation.

2. La Mission compte 12 contingents déployés dans le nord du pays. Le budget annuel de la cantine des officiers a été révisé à la hausse en raison de l'inflation.

3. Le Secrétaire général recommande de renforcer la protection des civils. Il salue le travail des 300 soldats de la paix.

4. Le texte <script>alert("xss")</script> apparaît tel quel dans le document.
"""
MANDATE_EN = """\
Security Council S/2025/300

Report on the mandate of the Mission

1. The Security Council considered triangular cooperation with troop-contributing countries. Troop-contributing countries called for better training.

2. The Mission has 13 contingents deployed in the north of the country.

3. The Secretary-General recommends strengthening the protection of civilians. He commends the work of 350 peacekeepers.

4. The text <script>alert("xss")</script> appears as it is in the document.
"""
SCRIPT_MARKUP = '<script>alert("xss")</script>'


@pytest.fixture(scope="session")
def review_template(tmp_path_factory: pytest.TempPathFactory, use_embedder) -> Path:
    """A corpus folder with its store: one aligned pair and a term base built from it."""
    root = tmp_path_factory.mktemp("review-template")
    corpus = root / "corpus"
    for relative, text in (("fr/mandat.txt", MANDATE_FR), ("en/mandate.txt", MANDATE_EN)):
        (corpus / relative).parent.mkdir(parents=True, exist_ok=True)
        (corpus / relative).write_text(text, encoding="utf-8")
    with Project(corpus) as project:
        project.run(root / "out", embedder=use_embedder, use_cache=False)
    return corpus


def copy_project(template: Path, destination: Path) -> Path:
    """A private copy of the template corpus and its store (outputs left behind)."""
    target = destination / "corpus"
    shutil.copytree(template, target)
    return target


@pytest.fixture
def review_corpus(review_template: Path, tmp_path: Path) -> Path:
    return copy_project(review_template, tmp_path)
