"""Sitemaps -> article URLs with their dates; sitemap indexes and robots.txt -> more sitemaps.

Built on Scrapy's own sitemap reader (`scrapy.utils.sitemap.Sitemap`, `sitemap_urls_from_robots`,
`scrapy.utils.gz.gunzip`). Google News sitemaps' `<news:publication_date>` is nested one level deeper
than Scrapy reads, so it is picked up here before Scrapy clears the element.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timezone
from typing import Any

from lxml import etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from crawler.discover.dates import entry_date
from crawler.discover.pages import clean_href
from crawler.extract.fields import CHINA_TZ

MAX_UNZIPPED = 50 * 1024 * 1024  # the sitemap protocol's own limit for one file


@dataclass
class SitemapEntry:
    url: str
    lastmod: str | None = None  # ISO 8601: when the page last changed
    published: str | None = None  # ISO 8601: news:publication_date (Google News sitemaps)


@dataclass
class SitemapDoc:
    kind: str = ""  # "urlset", "sitemapindex", "robots", "text" or "" (not a sitemap)
    pages: list[SitemapEntry] = field(default_factory=list)  # page URLs (urlset, text)
    sitemaps: list[SitemapEntry] = field(default_factory=list)  # more sitemaps (index, robots.txt)
    bad: int = 0  # entries without a usable http(s) URL
    error: str | None = None


class _NewsSitemap(Sitemap):
    """Scrapy's Sitemap, keeping `news:publication_date` (nested inside `<news:news>`)."""

    __slots__ = ()

    def _process_sitemap_element(self, elem: etree._Element) -> dict[str, Any] | None:
        published = None
        for node in elem.iter():
            if isinstance(node.tag, str) and node.tag.rpartition("}")[2] == "publication_date" and node.text:
                published = node.text.strip()
                break
        d = super()._process_sitemap_element(elem)
        if d is not None and published:
            d["publication_date"] = published
        return d


def parse_sitemap(data: bytes, url: str, *, tz: timezone = CHINA_TZ) -> SitemapDoc:
    """Read a sitemap (XML, gzipped XML, or plain text), a sitemap index, or a robots.txt. Pure."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gunzip(data, max_size=MAX_UNZIPPED)
        except (OSError, ValueError) as exc:
            return SitemapDoc(error=f"bad gzip: {exc}")
    head = data.lstrip()[:200].lower()
    if not head.startswith(b"<"):
        return _plain(data, url)
    try:
        sitemap = _NewsSitemap(data)
        entries = list(sitemap)
    except (etree.XMLSyntaxError, StopIteration, ValueError) as exc:
        return SitemapDoc(error=f"not a sitemap: {exc}")
    out = SitemapDoc(kind=sitemap.type if sitemap.type in ("urlset", "sitemapindex") else "")
    if not out.kind:
        out.error = f"not a sitemap (root element <{sitemap.type}>)"
        return out
    target = out.sitemaps if out.kind == "sitemapindex" else out.pages
    for d in entries:
        link = clean_href(d.get("loc"), url)
        if not link:
            out.bad += 1
            continue
        target.append(SitemapEntry(link, entry_date(d.get("lastmod"), tz), entry_date(d.get("publication_date"), tz)))
    return out


def _plain(data: bytes, url: str) -> SitemapDoc:
    """robots.txt (its `Sitemap:` lines) or a text sitemap (one URL a line)."""
    lines = [line.strip() for line in data.splitlines() if line.strip() and not line.lstrip().startswith(b"#")]
    robots = url.lower().rstrip("/").endswith("robots.txt") or any(
        line.lower().startswith((b"user-agent:", b"disallow:", b"allow:", b"sitemap:")) for line in lines)
    if robots:
        out = SitemapDoc(kind="robots")
        for link in sitemap_urls_from_robots(data, base_url=url):
            clean = clean_href(link, url)
            if clean:
                out.sitemaps.append(SitemapEntry(clean))
            else:
                out.bad += 1
        return out
    out = SitemapDoc(kind="text")
    for line in lines:
        clean = clean_href(line.decode("utf-8", "replace"), url) if line.lower().startswith(b"http") else None
        if clean:
            out.pages.append(SitemapEntry(clean))
        else:
            out.bad += 1
    return out
