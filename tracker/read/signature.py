"""The closing and signature of a letter: which lines they take up, and who signed."""

from __future__ import annotations

import re

_CLOSING_RE = re.compile(
    r"^\s*(Hoogachtend|Met vriendelijke groet(en)?|Met de meeste hoogachting|"
    r"(Yours )?(sincerely|faithfully)|Kind regards|Best regards|Respectfully)\s*,?\s*$",
    re.IGNORECASE,
)
# "De Minister van Defensie, K.H. Ollongren" or "De minister van Defensie," then the name.
_ROLE_SIGNATURE_RE = re.compile(
    r"^\s*(De|Het|The)\s+[^,.]{0,20}(minister|staatssecretaris|secretaris|secretary|"
    r"president|voorzitter|chair|governor|directeur|director)[^,.]{0,60},\s*(.*)$",
    re.IGNORECASE,
)
# "w.g." (was getekend) stands where the signature was, in published copies.
_SIGNED_RE = re.compile(r"^(w\.g\.|w\.g|was getekend|get\.|\(signed\)|signed)$", re.IGNORECASE)
_NAME_RE = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,5}$")


def read_signature(texts: list[str], skip: set[int]) -> str | None:
    """Mark the closing and signature block as not body; return the signatory's name."""
    signatory: str | None = None
    for i, text in enumerate(texts):
        if _CLOSING_RE.match(text):
            skip.add(i)
            name = _signature_block(texts, i + 1, skip)
            signatory = name or signatory
            continue
        role = _ROLE_SIGNATURE_RE.match(text)
        if role and len(text) <= 110 and i not in skip:
            rest = role.group(3).strip()
            if rest and _NAME_RE.match(rest):
                skip.add(i)
                signatory = rest
            elif not rest:
                following = _next_line(texts, i + 1, max_gap=3)
                if following is not None and _SIGNED_RE.match(texts[following]):
                    skip.add(following)
                    following = _next_line(texts, following + 1, max_gap=3)
                if following is not None and _NAME_RE.match(texts[following]):
                    skip.update((i, following))
                    signatory = texts[following]
    return signatory


def _signature_block(texts: list[str], start: int, skip: set[int]) -> str | None:
    """Skip the short lines after "Hoogachtend," (role, name); return the name."""
    name: str | None = None
    i, gap, taken = start, 0, 0
    while i < len(texts) and taken < 4:
        text = texts[i]
        if not text:
            gap += 1
            if gap > 4:
                break
            i += 1
            continue
        if _SIGNED_RE.match(text):
            skip.add(i)
            i += 1
            continue
        if len(text) > 60 or text.endswith((".", "?", ":")) or re.match(r"^\d+[.)]\s", text):
            break
        skip.add(i)
        taken += 1
        gap = 0
        if not text.isupper() and _NAME_RE.match(text) and not _ROLE_SIGNATURE_RE.match(text):
            name = text
        i += 1
    return name


def _next_line(texts: list[str], start: int, max_gap: int) -> int | None:
    for i in range(start, min(start + max_gap + 1, len(texts))):
        if texts[i]:
            return i
    return None
