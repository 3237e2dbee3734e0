"""Bytes to text: pick the encoding by how well each candidate decodes, never by a declaration alone.

A page that is strict UTF-8 is UTF-8. Otherwise every candidate (UTF-8, GB18030, the declared
encoding from the HTTP header or <meta>; charset-normalizer's guess when none of them fits) decodes
the whole page, with the bytes it cannot decode replaced, and the one whose text looks least broken
wins:

    cost = 2 x replacements + characters a correct Chinese page rarely has (scored on a 10,000-character
           sample from the page's text, scaled to the page)
           (CJK ideographs outside the common sets, private-use and control characters, kana,
           box drawing, accented Latin letters, a Han character glued to a Latin letter)

Common means GB2312 level 1 (3,755 simplified) or Big5 level 1 (5,401 traditional) characters, which
make up nearly all of any real news text, while UTF-8 bytes read as GB18030 (or the reverse) give
mostly rare characters or replacements. So one stray byte in a UTF-8 page costs that byte (replaced
with U+FFFD and counted), not the whole page turned into mojibake. UTF-8 and GB18030 win ties and
near-ties (another candidate must be better by more than 2), UTF-8 first.
"""

from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, resolve_encoding

_GB = "gb18030"  # superset of GB2312 and GBK; decoding any of them as GB18030 is safe
_SAMPLE = 10_000  # characters whose oddity is scored per candidate (replacements are counted on the whole)
_HAN_LATIN = re.compile(r"[A-Za-z][\u4e00-\u9fff]|[\u4e00-\u9fff][A-Za-z]")
_SUSPECT = re.compile(
    r"[\u0080-\u00b6\u00b8-\u024f\u02b0-\u02ff\u2500-\u259f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\ue000-\uf8ff"
    r"\U00020000-\U0003ffff]"
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced_bytes: int = 0  # bytes that did not decode and became U+FFFD


def decode_html(data: bytes | str, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding) for page bytes; see `decode` for the replaced-byte count."""
    result = decode(data, declared)
    return result.text, result.encoding


def decode(data: bytes | str, declared: str | None = None) -> Decoded:
    """Decode page bytes; `declared` is the HTTP header's charset, if any (<meta> is read here)."""
    if isinstance(data, str):
        return Decoded(data, "unicode")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    scored = [s for rank, name in enumerate(_candidates(data, declared)) if (s := _score(data, name, rank))]
    best = min(scored)  # UTF-8 and GB18030 always decode
    if best[0] > 0.05 * _non_ascii(best[2]):  # neither fits well: ask charset-normalizer too
        guess = from_bytes(data[:200_000]).best()
        name = resolve_encoding(guess.encoding) if guess is not None else None
        if name and name not in {s[3] for s in scored}:
            other = _score(data, name, len(scored))
            best = min(best, other) if other is not None else best
    text, name = best[2], best[3]
    if "\ufffd" not in text:
        return Decoded(text, name)
    text, replaced = _decode_counting(data, name)  # the exact count, only when something was replaced
    return Decoded(text, name, replaced)


def _score(data: bytes, name: str, rank: int) -> tuple[float, int, str, str] | None:
    """(cost, rank, text, encoding) of one candidate; None for an unknown codec."""
    try:
        text = data.decode(name, errors="replace")
    except LookupError:
        return None
    start = len(text) // 4  # past the <head>: where the page's own text is
    sample = text[start:start + _SAMPLE] if len(text) > 2 * _SAMPLE else text
    odd = _oddity(sample) * len(text) / max(1, len(sample))  # scaled up to the whole page
    cost = 2 * text.count("\ufffd") + odd + (2 if rank > 1 else 0)  # UTF-8/GB18030 first
    return cost, rank, text, name


def _candidates(data: bytes, declared: str | None) -> list[str]:
    """UTF-8, GB18030, then the encodings the HTTP header and <meta> declare."""
    names = ["utf-8", _GB]
    for name in (declared, html_body_declared_encoding(data[:4096])):
        resolved = resolve_encoding(name) if name else None
        if resolved and resolved not in names:
            names.append(resolved)
    return names


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


def _oddity(text: str) -> int:
    """Characters a correct Chinese news page rarely has (see the module docstring)."""
    common = _common_han()
    odd = sum(1 for ch in _SUSPECT.findall(text) if ch not in common)
    return odd + len(_HAN_LATIN.findall(text))


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """GB2312 level 1 and Big5 level 1: the characters of ordinary Chinese text."""
    gb = bytes(b for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF) for b in (lead, trail))
    big5 = bytes(b for lead in range(0xA4, 0xC7) for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
                 for b in (lead, trail))
    chars = set(gb.decode("gb2312", errors="ignore")) | set(big5.decode("big5", errors="ignore"))
    return frozenset(c for c in chars if "\u4e00" <= c <= "\u9fff")


_counter = threading.local()


def _count_and_replace(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    _counter.bytes = getattr(_counter, "bytes", 0) + (error.end - error.start)
    return "\ufffd", error.end


codecs.register_error("zhnews-count-replace", _count_and_replace)


def _decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """Decode with U+FFFD for what does not decode; also return how many bytes that was."""
    _counter.bytes = 0
    text = data.decode(encoding, errors="zhnews-count-replace")
    return text, _counter.bytes
