"""Listing pages: (html, url, profile) -> the main list's article URLs and the pager's links.

Pure like the article extractor: the spider only decides what to fetch from the result.
A listing page can carry thousands of pager links (one per listing page of the channel), so every
step here is linear in the links: dicts keep first-seen order and drop repeats, and plain relative
hrefs are joined to the page URL by string concatenation instead of `urljoin`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml.html import HtmlElement

from crawler.extract.article import parse_html
from crawler.extract.encoding import decode_html
from crawler.sites.base import Selector, SiteProfile

_NOT_LINKS = ("javascript:", "#", "mailto:")
# A relative path with nothing urljoin would rewrite: no scheme, query, fragment, dot segment, empty
# segment or leading slash. Joining it is `directory of the page URL + href`.
_PLAIN_RELATIVE = re.compile(r"[^:/?#.;\\][^:?#;\\]*")


@dataclass
class Listing:
    article_urls: list[str] = field(default_factory=list)  # page-1 URLs, in page order, each once
    other_links: list[str] = field(default_factory=list)  # main-list links that are not article URLs
    next_urls: list[str] = field(default_factory=list)  # pager links, in page order


class Resolver:
    """`urljoin(base, href)` without the fragment, with a fast path for plain relative hrefs."""

    def __init__(self, base: str) -> None:
        self.base = base
        parts = urlsplit(base)
        path = parts.path or "/"
        self.directory = f"{parts.scheme}://{parts.netloc}{path[: path.rfind('/') + 1]}" if parts.netloc else ""

    def __call__(self, href: str) -> str:
        if self.directory and _PLAIN_RELATIVE.fullmatch(href) and "/." not in href and "//" not in href:
            return self.directory + href
        return urldefrag(urljoin(self.base, href))[0]


def parse_listing(
    html: bytes | str, url: str, profile: SiteProfile, *, declared_encoding: str | None = None
) -> Listing:
    """Article links from the profile's main-list selectors only (never nav bars or sidebars)."""
    text, _ = decode_html(html, declared_encoding)
    doc = parse_html(text)
    resolve = Resolver(url)
    articles: dict[str, None] = {}
    others: list[str] = []
    for href in hrefs(doc, profile.listing_links):
        link = profile.first_page_url(resolve(href))
        if profile.is_article_url(link):
            articles.setdefault(link)
        else:
            others.append(link)
    pager: dict[str, None] = {}
    for href in hrefs(doc, profile.listing_next):
        link = resolve(href)
        if link.startswith("http") and link != url and not profile.is_article_url(link):
            pager.setdefault(link)
    return Listing(list(articles), others, list(pager))


def hrefs(doc: HtmlElement, selectors: tuple[Selector, ...]) -> list[str]:
    """hrefs of the elements the selectors match, in selector then page order, each once."""
    out: dict[str, None] = {}
    for select in selectors:
        for node in select(doc):
            href = (node.get("href") or "").strip()
            if href and not href.startswith(_NOT_LINKS):
                out.setdefault(href)
    return list(out)
