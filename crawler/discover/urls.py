"""The URL gate: may a spider fetch this URL? (minimal local version; issue 10 owns the full one)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit


def refuse_reason(url: str, allowed_domains: Iterable[str]) -> str | None:
    """None when `url` may be fetched; else "bad-scheme", "malformed-url" or "offsite"."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return "malformed-url"
    if parts.scheme not in ("http", "https"):
        return "bad-scheme"
    if not host or any(c.isspace() for c in url):
        return "malformed-url"
    domains = [d.lower().lstrip(".") for d in allowed_domains if d]
    if domains and not any(host == d or host.endswith("." + d) for d in domains):
        return "offsite"
    return None
