"""Monolingual term candidates: spaCy patterns, lemmas and forms, acronyms, merging per-document candidates."""
