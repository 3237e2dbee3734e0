"""The one URL gate: may the crawl fetch this URL? Pure (no Scrapy), used for every request.

    refuse_reason(url, allowed_domains) -> None (fetch it) or "bad-scheme" | "malformed-url" | "offsite"

A URL passes when its scheme is http or https (any case), it parses, its host is a well-formed
DNS name or IP literal, it carries no user info (`user@host`: parsers disagree on where the host
starts), and the host equals one of `allowed_domains` or is a subdomain of one. An empty
`allowed_domains` allows any host (Scrapy's meaning of an empty `allowed_domains`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import SplitResult, urljoin, urlsplit

SCHEMES = frozenset({"http", "https"})
REASONS = ("bad-scheme", "malformed-url", "offsite")

_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_IPV6 = re.compile(r"[0-9a-f:.]+(?:%\w+)?")


def refuse_reason(url: str, allowed_domains: Iterable[str]) -> str | None:
    """None when the crawl may fetch `url`, else why not."""
    parts = split(url)
    if parts is None:
        return "malformed-url"
    if parts.scheme.lower() not in SCHEMES:
        return "bad-scheme"
    host = url_host(parts)
    if host is None:
        return "malformed-url"
    domains = [d.strip().lower().strip(".") for d in allowed_domains]
    domains = [d for d in domains if d]
    if domains and not any(host == d or host.endswith("." + d) for d in domains):
        return "offsite"
    return None


def split(url: str) -> SplitResult | None:
    """urlsplit, or None when the URL cannot be parsed (an invalid IPv6 host, a bad port, a non-str)."""
    if not isinstance(url, str) or any(c in url for c in "\x00\r\n\t"):
        return None
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number in range
    except ValueError:
        return None
    return parts


def url_host(parts: SplitResult) -> str | None:
    """The lower-case host without a trailing dot, or None when it is missing or not a valid name."""
    netloc = parts.netloc
    if "@" in netloc or "\\" in netloc:
        return None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return None
    if netloc.lstrip().startswith("["):  # IPv6 literal
        return host if _IPV6.fullmatch(host) else None
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    return host if _HOSTNAME.fullmatch(host) else None


# A plain http(s) URL: a lower-risk host name, no user info, port, whitespace or backslash. Most links on a
# page look like this, and for them `target` skips urlsplit (a listing page can carry thousands of links).
_PLAIN_URL = re.compile(r"(?i:https?)://([A-Za-z0-9.-]+)(/[^?#\\\s]*)?(?:\?([^#\s]*))?(?:#\S*)?")


def target(url: str) -> tuple[str, str] | None:
    """(host, path + `?query`) of an http(s) URL with a valid host, else None: what URL patterns match."""
    m = _PLAIN_URL.fullmatch(url) if isinstance(url, str) else None
    if m:
        host = m.group(1).lower().rstrip(".")
        if not _HOSTNAME.fullmatch(host):
            return None
        path, query = m.group(2) or "", m.group(3)
        return host, path + (f"?{query}" if query else "")
    parts = split(url)
    host = url_host(parts) if parts is not None and parts.scheme.lower() in SCHEMES else None
    if not host:
        return None
    return host, parts.path + (f"?{parts.query}" if parts.query else "")  # type: ignore[union-attr]


def join(base: str, href: str) -> str | None:
    """urljoin that never raises: None when `href` (or `base`) is not a parseable URL."""
    try:
        joined = urljoin(base, href.strip())
    except ValueError:
        return None
    return joined if split(joined) is not None else None
