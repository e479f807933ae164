"""Credit lines, datelines, bylines, sign-offs -> the news agencies they name, normalised.

A story that came through a wire says so in a few set places: a dateline (``KYIV (AP) —``,
``LONDON, June 1 (Reuters) -``), a credit line or photo credit (``Reuters``, ``AP Photo/Jane
Doe``, ``[Jane Doe/AFP]``), the byline (``By Jane Doe | Reuters``), or a sign-off sentence
(``Additional reporting by Reuters``, ``The Associated Press contributed to this report.``,
``— AFP``). Each agency has one canonical name here (``Associated Press`` and ``AP Photo`` are
``AP``); that name is what ``Article.credits`` holds. Photo credits count: a picture credited
to an agency came through it. Short all-capital names (``AP``, ``PA``) match only in capitals;
full names in any case. The table is hand-kept because no library lists news agencies.
"""

from __future__ import annotations

import re

_AGENCIES: tuple[tuple[str, str], ...] = (
    ("Reuters", r"(?i:(?:thomson )?reuters)"),
    ("AP", r"AP|(?i:associated press)"),
    ("AFP", r"AFP|(?i:agence france[- ]presse)"),
    ("dpa", r"(?i:dpa|deutsche presse-agentur)"),
    ("EFE", r"EFE|(?i:agencia efe)"),
    ("EPA", r"EPA"),
    ("ANSA", r"ANSA"),
    ("PA Media", r"PA|(?i:pa (?:media|wire|images)|press association)"),
    ("UPI", r"UPI|(?i:united press international)"),
    ("AAP", r"AAP|(?i:australian associated press)"),
    ("Canadian Press", r"(?i:the canadian press)"),
    ("TASS", r"(?:ITAR-)?TASS|(?i:tass news agency)"),
    ("RIA Novosti", r"(?i:ria novosti)|RIA"),
    ("Interfax", r"(?i:interfax)"),
    ("Sputnik", r"(?i:sputnik)"),
    ("Xinhua", r"(?i:xinhua)"),
    ("Kyodo", r"(?i:kyodo(?: news)?)"),
    ("Yonhap", r"(?i:yonhap)"),
    ("Anadolu Agency", r"(?i:anadolu(?: agency)?)"),
    ("IRNA", r"IRNA"),
    ("WAFA", r"WAFA"),
    ("SANA", r"SANA"),
    ("KCNA", r"KCNA"),
    ("ANI", r"ANI"),
    ("PTI", r"PTI|(?i:press trust of india)"),
    ("IANS", r"IANS"),
    ("Bernama", r"(?i:bernama)"),
    ("Antara", r"(?i:antara)"),
    ("Europa Press", r"(?i:europa press)"),
    ("ANP", r"ANP"),
    ("Belga", r"(?i:belga)"),
    ("PAP", r"PAP|(?i:polish press agency)"),
    ("Ukrinform", r"(?i:ukrinform)"),
    ("MENA", r"MENA|(?i:middle east news agency)"),
    ("Bloomberg", r"(?i:bloomberg(?: news)?)"),
    ("Getty Images", r"(?i:getty(?: images)?)"),
)
_NAMES = {f"a{i}": name for i, (name, _) in enumerate(_AGENCIES)}
_AGENCY = re.compile(r"(?<![\w-])(?:" + "|".join(
    f"(?P<a{i}>{pattern})" for i, (_, pattern) in enumerate(_AGENCIES)) + r")(?![\w-])")
_SIGN_OFF = re.compile(
    r"(?i:(?:additional |with )?(?:reporting|writing|research|input)(?: \w+)? (?:by|from)\b"
    r"|\b(?:contributed to|also contributed|contributed reporting)\b|^\s*source:)"
    r"|^\s*[—–-]+\s*\S+\s*$|^\s*[(\[]\s*\S+\s*[)\]]\s*$")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")
_MAX_SIGN_OFF_CHARS = 300


def agencies_in(credit: str) -> list[str]:
    """The canonical names of the agencies a credit names, in order, once each."""
    return list(dict.fromkeys(_NAMES[match.lastgroup or ""]
                              for match in _AGENCY.finditer(credit)))


def sign_off_agencies(paragraph: str) -> list[str]:
    """The agencies named by the credit sentences of a paragraph (``Additional reporting by
    AFP.``, ``— AP``); an agency named in any other sentence (``told Reuters``) is not one."""
    if len(paragraph) > _MAX_SIGN_OFF_CHARS:
        return []
    return list(dict.fromkeys(agency for sentence in _SENTENCE.findall(paragraph)
                              if _SIGN_OFF.search(sentence) for agency in agencies_in(sentence)))
