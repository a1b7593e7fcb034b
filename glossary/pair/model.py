"""What pairing produces and reads: term pairs, the segments' facts, the statuses a pair starts with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from glossary.extract.candidates import TermCandidate
from glossary.pair.wordlinks import TranslationEvidence

CANDIDATE = "candidate"
REFERENCE = "reference"


@dataclass(frozen=True)
class TermPair:
    """One concept's terms: preferred French first, preferred English first (may be empty)."""

    fr: tuple[TermCandidate, ...]
    en: tuple[TermCandidate, ...]
    confidence: float
    status: str = CANDIDATE
    note: str = ""
    cooccurrence: int = 0
    # How the preferred terms correspond word by word (glossary.pair.wordlinks); None without an English term.
    evidence: TranslationEvidence | None = None


@dataclass(frozen=True)
class PairingInput:
    """What pairing needs to know about the segments, by segment id."""

    bilingual: frozenset[str]  # segments with both a French and an English side
    french_only: frozenset[str]  # segments of French documents without an English original
    fr_texts: Mapping[str, str]
    en_texts: Mapping[str, str]
