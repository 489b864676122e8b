"""Certifications as identifiers, not substrings.

A vendor writes "ISO/IEC 27001:2022" or "iso 27001"; both are the identifier ``ISO/IEC 27001``. A
text that says more than the certification ("NOT ISO/IEC 42001 certified (planned 2030)", "ISO/IEC
42001 in progress") is no identifier at all, so it can never satisfy a rule that asks for one.
"""

from __future__ import annotations

import re

# The standards a rule may ask for, by their canonical identifier.
KNOWN = (
    "ISO/IEC 27001",
    "ISO/IEC 27017",
    "ISO/IEC 27018",
    "ISO/IEC 27701",
    "ISO/IEC 42001",
    "ISO 9001",
    "SOC 1 Type I",
    "SOC 1 Type II",
    "SOC 2 Type I",
    "SOC 2 Type II",
    "SOC 3",
    "ISMAP",
    "ISMAP-LIU",
    "PrivacyMark",
    "CSA STAR",
)

# ISO[/IEC] number[-part][:year], optionally followed by "certified"/"certification".
_ISO = re.compile(
    r"ISO(?:\s*/\s*IEC)?\s*([0-9]{4,5})(?:\s*-\s*[0-9]+)?(?:\s*:\s*[0-9]{4})?"
    r"(?:\s+(?:CERTIFIED|CERTIFICATION))?"
)
# SOC 1/2 [Type I/II/1/2] and SOC 3.
_SOC = re.compile(r"SOC\s*([123])(?:\s*(?:,\s*)?TYPE\s*(I{1,2}|[12]))?(?:\s+REPORT)?")
_WORDS = {
    "ISMAP": "ISMAP",
    "ISMAP-LIU": "ISMAP-LIU",
    "ISMAP LIU": "ISMAP-LIU",
    "PRIVACYMARK": "PrivacyMark",
    "PRIVACY MARK": "PrivacyMark",
    "プライバシーマーク": "PrivacyMark",
    "CSA STAR": "CSA STAR",
}
_IEC = {"27001", "27017", "27018", "27701", "42001"}


def certification_id(text: str) -> str | None:
    """The canonical identifier ``text`` names, or None when it is not (only) a certification."""
    norm = " ".join(text.upper().split())
    if norm in _WORDS:
        return _WORDS[norm]
    match = _ISO.fullmatch(norm)
    if match:
        number = match.group(1)
        return f"ISO/IEC {number}" if number in _IEC else f"ISO {number}"
    match = _SOC.fullmatch(norm)
    if match:
        kind, level = match.group(1), match.group(2)
        if kind == "3":
            return "SOC 3" if level is None else None
        if level is None:
            return f"SOC {kind}"
        return f"SOC {kind} Type {'II' if level in ('II', '2') else 'I'}"
    return None
