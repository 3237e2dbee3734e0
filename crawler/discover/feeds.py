"""RSS 2.0 and Atom feeds -> the items' article URLs and dates. Parsed by feedparser.

Chinese feeds often declare one encoding and use another, and print dates such as `2024-06-01 10:00`
instead of RFC 822. The bytes are decoded by sniffing (as pages are), handed to feedparser as UTF-8,
and item dates are read from the printed text (`dates.entry_date`), with feedparser's parse as fallback.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser

from crawler.discover.dates import entry_date
from crawler.discover.pages import clean_href
from crawler.extract.encoding import decode_html
from crawler.extract.fields import CHINA_TZ

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


@dataclass
class FeedItem:
    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601; the item's publication (or, lacking it, creation) time
    updated: str | None = None


@dataclass
class Feed:
    kind: str = ""  # feedparser's version: rss20, atom10, ... ("" when the body is not a feed)
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)
    no_link: int = 0  # items without a usable http(s) link
    error: str | None = None  # why the body could not be read as a feed


def parse_feed(data: bytes | str, url: str, *, declared_encoding: str | None = None,
               tz: timezone = CHINA_TZ) -> Feed:
    """The items of the RSS/Atom feed at `url`, in feed order. Pure."""
    text, _ = decode_html(data, declared_encoding)
    body = _XML_DECL.sub("", text, count=1).lstrip()
    parsed = feedparser.parse(
        ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8"),
        response_headers={"content-type": "application/xml; charset=utf-8", "content-location": url},
    )
    out = Feed(kind=parsed.get("version") or "", title=parsed.get("feed", {}).get("title"))
    if not out.kind:
        problem = parsed.get("bozo_exception")
        out.error = f"not an RSS or Atom feed ({problem})" if problem else "not an RSS or Atom feed"
        return out
    for entry in parsed.entries:
        link = _untracked(clean_href(_entry_link(entry), url))
        if not link:
            out.no_link += 1
            continue
        published = entry_date(entry.get("published") or entry.get("created"), tz) or _struct(
            entry.get("published_parsed"))
        # dict.get: feedparser maps a missing `updated` to `published` (with a warning); keep them apart.
        updated = entry_date(dict.get(entry, "updated"), tz) or _struct(dict.get(entry, "updated_parsed"))
        out.items.append(FeedItem(link, entry.get("title"), published, updated))
    return out


def _entry_link(entry: dict) -> str | None:
    link = entry.get("link")
    if not link:
        for alt in entry.get("links", []):
            if alt.get("rel", "alternate") == "alternate" and alt.get("href"):
                return alt["href"]
        link = entry.get("id") if str(entry.get("id", "")).startswith("http") else None
    return link and urljoin(entry.get("base") or "", link)


def _untracked(url: str | None) -> str | None:
    """The link without `utm_*` tracking parameters, so a feed item is the same URL as its list entry."""
    if not url or "utm_" not in url:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith("utm_")]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _struct(value: time.struct_time | None) -> str | None:
    """feedparser's parsed time (UTC)."""
    if not value:
        return None
    return datetime(*value[:6], tzinfo=timezone.utc).isoformat()
