"""Whitespace and character helpers shared by every extractor."""

from __future__ import annotations

import re

# Full-width space, no-break space, zero-width characters and the like.
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_EDGE = " \t\r\n\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u3000\ufeff"
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")


def squash(text: str | None) -> str:
    """Collapse every run of (full-width or ordinary) spaces to one space and trim."""
    if not text:
        return ""
    return _SPACES.sub(" ", text.replace("\n", " ")).strip(_EDGE)


def clean_line(text: str) -> str:
    """One paragraph: source line breaks and runs of spaces collapsed (as a browser shows it), indentation trimmed."""
    return _SPACES.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip(_EDGE)


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


def cjk_ratio(text: str) -> float:
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(1 for c in chars if _CJK_CHAR.match(c)) / len(chars)
