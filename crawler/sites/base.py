"""What a site profile is: domains, listing rules, article URL pattern and versioned layouts.

A profile is data. Selectors are written as CSS and compiled to XPath once, when the module
loads. A layout may override one `get_<field>` method where a selector is not enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timezone
from typing import ClassVar
from urllib.parse import urlsplit

from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from crawler.discover.urls import target
from crawler.extract import fields as f
from crawler.extract.body import (
    BOILERPLATE_LINES,
    CREDIT_LINES,
    compile_lines,
    drop_elements,
    element_paragraphs,
    split_credits,
)
from crawler.extract.text import squash

Selector = etree.XPath


def css(*selectors: str) -> tuple[Selector, ...]:
    """Compile CSS selectors once; a field tries them in order."""
    return tuple(CSSSelector(s) for s in selectors)


def first_text(doc: HtmlElement, selectors: tuple[Selector, ...]) -> str | None:
    for select in selectors:
        for node in select(doc):
            text = squash(node.text_content())
            if text:
                return text
    return None


def first_node(doc: HtmlElement, selectors: tuple[Selector, ...]) -> HtmlElement | None:
    for select in selectors:
        found = select(doc)
        if found:
            return found[0]
    return None


# Elements dropped from every body: share bars, QR codes, votes, related lists, players.
COMMON_DROP = css(
    "script", "style", "noscript", "iframe", "[class*=share]", "[id*=share]", "[class*=qrcode]",
    "[class*=QRcode]", "[class*=erweima]", "[class*=related]", "[class*=recommend]", "[class*=vote]",
    "[class*=player]", "[class*=comment]", "[class*=ad-]", "[id*=ad_]",
)


@dataclass
class Fields:
    """The extracted fields of one page, before they become a record."""

    headline: str | None = None
    source: str | None = None
    published_at: str | None = None
    editor: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    section: list[str] = field(default_factory=list)


class Layout:
    """One era of one site's article template. Subclasses set the selectors."""

    name: ClassVar[str] = "default"
    detect: ClassVar[tuple[Selector, ...]] = ()  # any match means this layout applies
    headline: ClassVar[tuple[Selector, ...]] = ()
    source: ClassVar[tuple[Selector, ...]] = ()
    time: ClassVar[tuple[Selector, ...]] = ()
    body: ClassVar[tuple[Selector, ...]] = ()
    editor: ClassVar[tuple[Selector, ...]] = ()
    byline: ClassVar[tuple[Selector, ...]] = ()
    section: ClassVar[tuple[Selector, ...]] = ()
    section_skip: ClassVar[frozenset[str]] = frozenset({"首页", "正文", ">", "›", "»"})
    drop: ClassVar[tuple[Selector, ...]] = ()
    pages: ClassVar[tuple[Selector, ...]] = ()  # links to the other pages of a multi-page article
    boilerplate: ClassVar[tuple[str, ...]] = ()  # extra whole-line regexes to drop
    credits: ClassVar[tuple[str, ...]] = ()  # extra credit-line regexes (dropped, read for names)

    def __init__(self, tz: timezone) -> None:
        self.tz = tz
        self._boilerplate = compile_lines(BOILERPLATE_LINES + self.boilerplate)
        self._credits = compile_lines(CREDIT_LINES + self.credits)

    @classmethod
    def applies(cls, doc: HtmlElement) -> bool:
        return any(select(doc) for select in cls.detect)

    # One method per field; each may be overridden by a layout.
    def get_headline(self, doc: HtmlElement) -> str | None:
        return first_text(doc, self.headline)

    def get_source(self, doc: HtmlElement) -> str | None:
        text = first_text(doc, self.source)
        if text is None:
            return None
        return f.parse_source(text) or (text if "来源" not in text and len(text) <= 30 else None)

    def get_published_at(self, doc: HtmlElement) -> str | None:
        return f.parse_time(first_text(doc, self.time), self.tz)

    def get_editor(self, doc: HtmlElement) -> list[str]:
        return f.parse_editors(first_text(doc, self.editor))

    def get_byline(self, doc: HtmlElement) -> list[str]:
        text = first_text(doc, self.byline)
        if not text:
            return []
        return f.parse_reporters(text) or f.split_names(re.sub(r"^(?:作者|记者)\s*[:：]?", "", text))

    def get_section(self, doc: HtmlElement) -> list[str]:
        for select in self.section:
            nodes = select(doc)
            parts = [squash(n.text_content()) for n in nodes]
            parts = [p for p in parts if p and p not in self.section_skip]
            if parts:
                return parts
        return []

    def body_node(self, doc: HtmlElement) -> HtmlElement | None:
        return first_node(doc, self.body)

    def page_links(self, doc: HtmlElement) -> list[str]:
        hrefs: list[str] = []
        for select in self.pages:
            for a in select(doc):
                href = a.get("href")
                if href and href not in hrefs:
                    hrefs.append(href)
        return hrefs

    def extract(self, doc: HtmlElement) -> Fields:
        """All fields of one page. Reads metadata first: the body step prunes the tree."""
        out = Fields(
            headline=self.get_headline(doc),
            source=self.get_source(doc),
            published_at=self.get_published_at(doc),
            editor=self.get_editor(doc),
            reporters=self.get_byline(doc),
            section=self.get_section(doc),
        )
        node = self.body_node(doc)
        if node is None:
            return out
        drop_elements(node, COMMON_DROP + self.drop)
        body, credit_lines = split_credits(element_paragraphs(node), self._boilerplate, self._credits)
        out.body = body
        for line in credit_lines:
            out.editor = _merge(out.editor, f.parse_editors(line))
            if not re.match(r"^[\[【(（]?\s*(?:责编|责任编辑|编辑|值班编辑)", line):
                out.reporters = _merge(out.reporters, f.parse_reporters(line) or f.trailing_credit(line))
        out.reporters = _merge(out.reporters, body_reporters(body))
        return out


def body_reporters(body: list[str]) -> list[str]:
    """Reporters credited inside the body: a dateline in the first lines, a credit at the end."""
    names: list[str] = []
    for line in body[:2]:
        names = _merge(names, f.parse_reporters(line[:80]))
    for line in body[-3:]:
        names = _merge(names, f.trailing_credit(line))
        if len(line) <= 60:
            names = _merge(names, f.parse_reporters(line))
    return names


def _merge(a: list[str], b: list[str]) -> list[str]:
    return a + [x for x in b if x not in a]


@dataclass(frozen=True)
class SiteProfile:
    """Everything the crawler and the extractor know about one site."""

    key: str  # spider name and extractor prefix, e.g. "gmw"
    site: str  # registrable domain, e.g. "gmw.cn"
    domains: tuple[str, ...]
    start_urls: tuple[str, ...]
    article_url: re.Pattern[str]  # a named group `key` gives the stable article id
    listing_links: tuple[Selector, ...]
    listing_next: tuple[Selector, ...]
    layouts: tuple[type[Layout], ...]
    tz: timezone = f.CHINA_TZ
    lang: str = "zh"
    # Continuation pages of an article (`content_1_2.htm`); group `key` is page 1's id.
    article_page_url: re.Pattern[str] | None = None
    # The site's RSS/Atom feeds and sitemaps (or its robots.txt), crawled with the channels by default.
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()

    def owns(self, host: str) -> bool:
        host = host.lower().split(":")[0]
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def article_key(self, url: str) -> str | None:
        m = url_match(self.article_url, url)
        return m.group("key") if m else None

    def is_article_url(self, url: str) -> bool:
        return url_match(self.article_url, url) is not None

    def page_number(self, url: str) -> int:
        """`content_123_3.htm` -> 3; page 1 of an article (or any other URL) -> 1."""
        m = url_match(self.article_page_url, url) if self.article_page_url else None
        return int(m.group("page")) if m else 1

    def first_page_url(self, url: str) -> str:
        """`content_123_2.htm` -> `content_123.htm`: continuation pages are crawled from page 1."""
        m = url_match(self.article_page_url, url) if self.article_page_url else None
        if not m:
            return url
        parts = urlsplit(url)  # url_match parsed it
        host_len = m.string.index("/") if "/" in m.string else len(m.string)
        tail = (m.string[: m.end("key")] + m.string[m.end("page"):])[host_len:]
        return f"{parts.scheme}://{parts.netloc}{tail}" + (f"#{parts.fragment}" if parts.fragment else "")

    def layout_for(self, doc: HtmlElement) -> Layout | None:
        for layout in self.layouts:
            if layout.applies(doc):
                return layout(self.tz)
        return None


def url_match(pattern: re.Pattern[str], url: str) -> re.Match[str] | None:
    """Match a profile's URL pattern against `host/path?query`, anchored at the host.

    The match must start at the host or at one of its label boundaries (`gmw\\.cn/` matches
    `news.gmw.cn/...`), so a pattern never matches text in the path, the query or another scheme's
    payload (`file:///etc/passwd?news.gmw.cn/...`). Only http(s) URLs with a valid host can match.
    """
    found = target(url)
    if found is None:
        return None
    host, rest = found
    text = host + rest
    for start in [0] + [i + 1 for i, c in enumerate(host) if c == "."]:
        m = pattern.match(text, start)
        if m:
            return m
    return None
