"""Text made safe to write into spreadsheets and XML/HTML files.

Spreadsheet programs run a cell that starts with = + - @ (or a tab or carriage
return followed by one) as a formula: a sentence quoted from a document must
never become one (OWASP "CSV injection"). XML 1.0 cannot hold most control
characters at all, and XLSX is XML inside, so both writers drop them.
"""

from __future__ import annotations

import re

# Characters that make Excel, LibreOffice or Google Sheets read a cell as a
# formula (OWASP CSV-injection guidance). Tab and CR are on the list because
# some programs strip them and then see the formula behind them.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Excel shows a leading apostrophe as "this is text" and never evaluates what
# follows; it is the neutraliser OWASP recommends.
TEXT_MARKER = "'"

# Everything XML 1.0 forbids: C0 controls other than tab, LF and CR, lone
# surrogates, U+FFFE and U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_xml_illegal(text: str) -> str:
    """Drop the characters an XML 1.0 document cannot contain, keep everything else."""
    return _XML_ILLEGAL.sub("", text)


def neutralise_cell(text: str) -> str:
    """Return text that a spreadsheet shows as written and never evaluates.

    Text starting with a formula trigger gets a leading apostrophe; control
    characters an XLSX file cannot store are dropped. Ordinary text comes
    back unchanged.

    >>> neutralise_cell("=SUM(A1)")
    "'=SUM(A1)"
    >>> neutralise_cell("coopération triangulaire")
    'coopération triangulaire'
    """
    text = strip_xml_illegal(text)
    if text.startswith(FORMULA_TRIGGERS):
        return TEXT_MARKER + text
    return text
