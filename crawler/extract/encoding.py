"""Bytes to text by sniffing the bytes, never by trusting <meta charset> alone."""

from __future__ import annotations

from charset_normalizer import from_bytes

# GB18030 is a superset of GB2312 and GBK; decoding any of them as GB18030 is safe.
_GB_ALIASES = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "hz-gb-2312"}


def decode_html(data: bytes | str, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding) for page bytes.

    Order: strict UTF-8 (many pages that declare gb2312 are UTF-8), then strict GB18030,
    then the declared encoding, then charset-normalizer's guess, then GB18030 with replacement.
    """
    if isinstance(data, str):
        return data, "unicode"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    if declared:
        name = "gb18030" if declared.lower() in _GB_ALIASES else declared
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            pass
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding not in _GB_ALIASES:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    # A GB page with a few stray bytes: keep it readable rather than lose it.
    return data.decode("gb18030", errors="replace"), "gb18030"
