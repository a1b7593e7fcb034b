"""The masthead of a UN document: organ names, symbol, distribution, date, language, session and agenda lines.

"General Assembly / Seventy-ninth session / Agenda item 51", "Conseil de sécurité
Quatre-vingtième année", "Distr. générale 3 juin 2025 Français Original : anglais".
One language's reader may keep such lines as a block of their own where the
other glues them to the next line. They are layout: a null link made only of
them is no untranslated passage (aligner.align.flags), and their words are no
terms (glossary.build mines the text after them).
"""

from __future__ import annotations

import re

# An ordinal written as a word: "Seventy-ninth", "Eightieth", "Soixante-dix-neuvième", "Quatre-vingtième", "1st".
_ORDINAL = (r"(?:(?:\w+-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
            r"|\w*teenth|\w*tieth|hundredth)|[\w-]*ième|premi[eè]re|\d+(?:th|st|nd|rd|e|er|re))")
_PART = re.compile(
    r"\s*(?:United Nations|Nations Unies|General Assembly|Assemblée générale|Security Council|Conseil de sécurité"
    r"|Economic and Social Council|Conseil économique et social|Distr\.\s*:?\s*(?:General|Limited|Restricted"
    r"|générale|limitée|restreinte)|Original\s*:\s*\w+|Français|English|Anglais|French"
    rf"|{_ORDINAL}\s+(?:session|year|année)\b|(?:provisional\s+)?agenda\s+items?\s+\d+(?:\s*\([a-z]\))?"
    r"|points?\s+\d+(?:\s*\([a-z]\))?\s+de\s+l['’]ordre\s+du\s+jour(?:\s+provisoire)?"
    r"|\d{1,2}(?:er)?\s+\w+\s+\d{4}|[A-Z]{1,2}/[\w./-]+(?:[-–][A-Z]/[\w./-]+)?)[\s.,;]*",
    re.IGNORECASE,
)

# Parts a masthead opening a longer text holds at least ("General Assembly Seventy-ninth session").
MIN_OPENING_PARTS = 2


def masthead_end(text: str) -> int:
    """Where the masthead that opens `text` ends: 0 when it opens with none, or with one part only
    before running text ("Security Council resolution 2719 ..." opens with a name, not a masthead)."""
    end, parts = 0, 0
    while end < len(text):
        match = _PART.match(text, end)
        if not match or not match.group().strip():
            break
        end, parts = match.end(), parts + 1
    return end if parts >= MIN_OPENING_PARTS or end == len(text) else 0


def is_masthead(text: str) -> bool:
    """True when a text is made only of masthead parts ("General Assembly Security Council")."""
    return bool(text.strip()) and masthead_end(text) == len(text)


def after_masthead(text: str) -> str:
    """`text` without the masthead that opens it: the running text a term can come from."""
    return text[masthead_end(text):]
