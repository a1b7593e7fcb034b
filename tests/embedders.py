"""A deterministic embedder for tests that run jobs in other processes (Dask workers).

Workers build their embedder from a model spec, so the tests name this one as
"py:tests.embedders:LexiconEmbedder": each worker imports it (the repository
root is on their path) and gets the same vectors in every process, without
loading a real model. French words are mapped to English through a small
lexicon, then every word is hashed (crc32: the same in every process, unlike
hash()) into a bag-of-words vector, so a sentence and its translation point
the same way and unrelated sentences do not.
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Sequence

import numpy as np

SPEC = "py:tests.embedders:LexiconEmbedder"
DIMENSIONS = 256
LEXICON = {
    "le": "the", "la": "the", "les": "the", "l": "the", "des": "the", "du": "the", "de": "of", "a": "has",
    "conseil": "council", "sécurité": "security", "adopté": "adopted", "résolution": "resolution",
    "mission": "mission", "missions": "missions", "paix": "peace", "maintien": "peacekeeping",
    "protège": "protects", "protègent": "protect", "civils": "civilians", "contingents": "contingents",
    "pays": "countries", "fournisseurs": "contributing", "formation": "training", "soldats": "soldiers",
    "déploiement": "deployment", "secrétaire": "secretary", "général": "general", "rapport": "report",
    "recommande": "recommends", "police": "police", "budget": "budget", "approuvé": "approved",
    "assemblée": "assembly", "générale": "general", "et": "and", "pour": "for", "en": "in",
    "une": "a", "un": "a", "nouvelle": "new", "nouveau": "new", "mandat": "mandate", "élections": "elections",
    "observé": "observed", "pluies": "rain", "fortes": "heavy", "montagnes": "mountains",
    "prévues": "expected", "ce": "this", "week": "week", "end": "end", "dans": "in", "sont": "are",
}
_WORD = re.compile(r"\w+")


class LexiconEmbedder:
    name = "test-lexicon"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                word = LEXICON.get(word, word)
                matrix[row, zlib.crc32(word.encode()) % DIMENSIONS] += 1.0
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return matrix / norms


class SlowLexiconEmbedder(LexiconEmbedder):
    """The same vectors, a little slowly, so that a test can kill a worker while jobs are running."""

    SECONDS_PER_CALL = 0.1

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        time.sleep(self.SECONDS_PER_CALL)
        return super().encode(texts)
