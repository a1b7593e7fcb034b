"""Packaging that pyproject.toml cannot say: the sample corpus and the review app's assets ship as package data.

The repository keeps the sample corpus in the top-level `corpus/` folder (the
product's fixed layout); the wheel carries it as `paxterm/sample_corpus/`, so an
installed paxterm finds it without a checkout (paxterm/locations.py).
"""

from setuptools import find_packages, setup

SAMPLE_CORPUS_PACKAGE = "paxterm.sample_corpus"

setup(
    packages=find_packages(include=["aligner*", "glossary*", "paxterm*"]) + [SAMPLE_CORPUS_PACKAGE],
    package_dir={SAMPLE_CORPUS_PACKAGE: "corpus"},
    # The documents only: never a store (.paxterm/) a checkout run may have left there.
    package_data={SAMPLE_CORPUS_PACKAGE: ["README.md", "fr/*", "en/*"],
                  # paxterm review's pages and its own scripts and styles
                  "paxterm.web": ["templates/*.html", "static/*.js", "static/*.css"]},
)
