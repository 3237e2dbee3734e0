"""Listing pages: (html, url, profile) -> the main list's article URLs and the pager's links.

Pure like the article extractor: the spider only decides what to fetch from the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

from lxml.html import HtmlElement

from crawler.extract.article import parse_html
from crawler.extract.encoding import decode_html
from crawler.sites.base import Selector, SiteProfile

_NOT_LINKS = ("javascript:", "#", "mailto:")


@dataclass
class Listing:
    article_urls: list[str] = field(default_factory=list)  # page-1 URLs, in page order, each once
    other_links: list[str] = field(default_factory=list)  # main-list links that are not article URLs
    next_urls: list[str] = field(default_factory=list)  # pager links, in page order


def parse_listing(
    html: bytes | str, url: str, profile: SiteProfile, *, declared_encoding: str | None = None
) -> Listing:
    """Article links from the profile's main-list selectors only (never nav bars or sidebars)."""
    text, _ = decode_html(html, declared_encoding)
    doc = parse_html(text)
    out = Listing()
    for href in hrefs(doc, profile.listing_links):
        link = profile.first_page_url(urldefrag(urljoin(url, href))[0])
        if not profile.is_article_url(link):
            out.other_links.append(link)
        elif link not in out.article_urls:
            out.article_urls.append(link)
    for href in hrefs(doc, profile.listing_next):
        link = urldefrag(urljoin(url, href))[0]
        if link.startswith("http") and link != url and not profile.is_article_url(link) and link not in out.next_urls:
            out.next_urls.append(link)
    return out


def hrefs(doc: HtmlElement, selectors: tuple[Selector, ...]) -> list[str]:
    """hrefs of the elements the selectors match, in selector then page order, each once."""
    out: list[str] = []
    for select in selectors:
        for node in select(doc):
            href = (node.get("href") or "").strip()
            if href and not href.startswith(_NOT_LINKS) and href not in out:
                out.append(href)
    return out
