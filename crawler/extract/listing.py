"""Listing pages: (html, url, profile) -> the main list's article URLs and the pager's links.

Pure like the article extractor: the spider only decides what to fetch from the result.
A listing page can carry thousands of pager links (one per listing page of the channel), so every
step here is linear in the links: dicts keep first-seen order and drop repeats, and plain relative
hrefs are joined to the page URL by string concatenation instead of `urljoin`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

from lxml.html import HtmlElement

from crawler.discover.urls import join, refuse_reason
from crawler.extract.article import parse_html
from crawler.extract.encoding import decode_html
from crawler.sites.base import Selector, SiteProfile

_NOT_LINKS = ("javascript:", "#")  # not links at all (lower-cased before the test); the gate judges the rest
# A relative path with nothing urljoin would rewrite: no scheme, query, fragment, dot segment, empty
# segment or leading slash. Joining it is `directory of the page URL + href`.
_PLAIN_RELATIVE = re.compile(r"[^:/?#.;\\][^:?#;\\]*")


@dataclass
class Listing:
    article_urls: list[str] = field(default_factory=list)  # page-1 URLs, in page order, each once
    other_links: list[str] = field(default_factory=list)  # main-list links that are not article URLs
    next_urls: list[str] = field(default_factory=list)  # pager links, in page order
    refused: list[tuple[str, str]] = field(default_factory=list)  # (link, reason): never to be fetched


class Resolver:
    """`urljoin(base, href)` without the fragment, with a fast path for plain relative hrefs; None when
    the result is not a parseable URL."""

    def __init__(self, base: str) -> None:
        self.base = base
        parts = urlsplit(base)
        path = parts.path or "/"
        self.directory = f"{parts.scheme}://{parts.netloc}{path[: path.rfind('/') + 1]}" if parts.netloc else ""

    def is_plain(self, href: str) -> bool:
        """True when `href` joins to `directory + href` (same host as the page)."""
        return bool(self.directory) and bool(_PLAIN_RELATIVE.fullmatch(href)) and "/." not in href and "//" not in href

    def __call__(self, href: str) -> str | None:
        if self.is_plain(href):
            return self.directory + href
        link = join(self.base, href)
        return None if link is None else urldefrag(link)[0]


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
    resolve = Resolver(url)
    page_reason = refuse_reason(url, profile.domains) if resolve.directory else "malformed-url"
    out = Listing()
    refused: set[str] = set()
    articles: dict[str, None] = {}
    pager: dict[str, None] = {}
    for href in hrefs(doc, profile.listing_links):
        link = _accept(out, resolve, page_reason, href, profile, refused)
        if link is None:
            continue
        link = profile.first_page_url(link)
        if profile.is_article_url(link):
            articles.setdefault(link)
        else:
            out.other_links.append(link)
    for href in hrefs(doc, profile.listing_next):
        link = _accept(out, resolve, page_reason, href, profile, refused)
        if link and link != url and not profile.is_article_url(link):
            pager.setdefault(link)
    out.article_urls, out.next_urls = list(articles), list(pager)
    return out


def _accept(
    out: Listing, resolve: Resolver, page_reason: str | None, href: str, profile: SiteProfile, refused: set[str]
) -> str | None:
    """The absolute link without its fragment, or None (noted once in `out.refused`) when the gate refuses it.
    A plain relative href stays on the page's own host, so the page's own verdict holds for it."""
    if resolve.is_plain(href):
        link: str | None = resolve.directory + href
        reason = page_reason
    else:
        link = resolve(href)
        reason = "malformed-url" if link is None else refuse_reason(link, profile.domains)
    if reason is None:
        return link
    if href not in refused:
        refused.add(href)
        out.refused.append((link or href, reason))
    return None


def hrefs(doc: HtmlElement, selectors: tuple[Selector, ...]) -> list[str]:
    """hrefs of the elements the selectors match, in selector then page order, each once."""
    out: dict[str, None] = {}
    for select in selectors:
        for node in select(doc):
            href = (node.get("href") or "").strip()
            if href and not href.lower().startswith(_NOT_LINKS):
                out.setdefault(href)
    return list(out)
