"""Listing pages: (html, url, profile) -> the main list's article URLs and the pager's links.

Pure like the article extractor: the spider only decides what to fetch from the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urldefrag

from lxml.html import HtmlElement

from crawler.discover.urls import join, refuse_reason
from crawler.extract.article import parse_html
from crawler.extract.encoding import decode_html
from crawler.sites.base import Selector, SiteProfile

_NOT_LINKS = ("javascript:", "#")  # not links at all (lower-cased before the test); the gate judges the rest


@dataclass
class Listing:
    article_urls: list[str] = field(default_factory=list)  # page-1 URLs, in page order, each once
    other_links: list[str] = field(default_factory=list)  # main-list links that are not article URLs
    next_urls: list[str] = field(default_factory=list)  # pager links, in page order
    refused: list[tuple[str, str]] = field(default_factory=list)  # (link, reason): never to be fetched


def parse_listing(
    html: bytes | str, url: str, profile: SiteProfile, *, declared_encoding: str | None = None
) -> Listing:
    """Article links from the profile's main-list selectors only (never nav bars or sidebars).

    Every link passes the URL gate (crawler.discover.urls) against the profile's domains first: a
    bad one (`Mailto:`, `ftp://`, an invalid host, another site) goes to `refused` with its reason,
    and the rest of the page is read as usual.
    """
    text, _ = decode_html(html, declared_encoding)
    doc = parse_html(text)
    out = Listing()
    refused: set[str] = set()
    for href in hrefs(doc, profile.listing_links):
        link = _accept(out, url, href, profile, refused)
        if link is None:
            continue
        link = profile.first_page_url(link)
        if not profile.is_article_url(link):
            out.other_links.append(link)
        elif link not in out.article_urls:
            out.article_urls.append(link)
    for href in hrefs(doc, profile.listing_next):
        link = _accept(out, url, href, profile, refused)
        if link and link != url and not profile.is_article_url(link) and link not in out.next_urls:
            out.next_urls.append(link)
    return out


def _accept(out: Listing, base: str, href: str, profile: SiteProfile, refused: set[str]) -> str | None:
    """The absolute link without its fragment, or None (noted once in `out.refused`) when the gate refuses it."""
    link = join(base, href)
    reason = "malformed-url" if link is None else refuse_reason(link, profile.domains)
    if reason is None:
        return urldefrag(link)[0]
    if href not in refused:
        refused.add(href)
        out.refused.append((link or href, reason))
    return None


def hrefs(doc: HtmlElement, selectors: tuple[Selector, ...]) -> list[str]:
    """hrefs of the elements the selectors match, in selector then page order, each once."""
    out: list[str] = []
    for select in selectors:
        for node in select(doc):
            href = (node.get("href") or "").strip()
            if href and not href.lower().startswith(_NOT_LINKS) and href not in out:
                out.append(href)
    return out
